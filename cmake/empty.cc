// cmake/empty.cc: libnewsq.so's one own source; the library is newsq_core linked whole (CMakeLists.txt).
