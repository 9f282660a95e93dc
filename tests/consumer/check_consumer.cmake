# tests/consumer/check_consumer.cmake: checks that an installed newsq can be used the two ways a
# user would: find_package(newsq) from CMake, and pkg-config with a plain compiler command.
# Run by CTest as
#   cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... -DSANITIZE=ON|OFF -P check_consumer.cmake
# It installs BUILD_DIR into WORK_DIR/prefix, builds tests/consumer/main.cc against it both ways and
# runs each program, which must print "consumer ok". Any failure is a FATAL_ERROR.
cmake_minimum_required(VERSION 3.25)

foreach(var BUILD_DIR SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "check_consumer: pass -D${var}=...")
  endif()
endforeach()

set(consumer_src "${SOURCE_DIR}/tests/consumer")
set(prefix "${WORK_DIR}/prefix")

# The compiler, generator and library folder the build under test used.
load_cache("${BUILD_DIR}" READ_WITH_PREFIX build_
  CMAKE_CXX_COMPILER CMAKE_GENERATOR CMAKE_INSTALL_LIBDIR)
if(NOT build_CMAKE_INSTALL_LIBDIR)
  set(build_CMAKE_INSTALL_LIBDIR lib)
endif()
set(libdir "${prefix}/${build_CMAKE_INSTALL_LIBDIR}")
set(cxx "${build_CMAKE_CXX_COMPILER}")
if(NOT cxx)
  set(cxx c++)
endif()

set(sanitize_flags "")
if(SANITIZE)
  set(sanitize_flags -fsanitize=address,undefined -fno-omit-frame-pointer)
endif()

# Runs a command; on failure stops with its output. The output is kept in OUT_VAR when given.
function(run_step what)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "OUT_VAR" "COMMAND")
  execute_process(COMMAND ${arg_COMMAND}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    list(JOIN arg_COMMAND " " shown)
    message(FATAL_ERROR "check_consumer: ${what} failed (${rc})\n$ ${shown}\n${out}")
  endif()
  message(STATUS "check_consumer: ${what}: ok")
  if(arg_OUT_VAR)
    set(${arg_OUT_VAR} "${out}" PARENT_SCOPE)
  endif()
endfunction()

# Runs a consumer program built in WORK_DIR; it must print "consumer ok".
function(run_consumer what program)
  set(ld_path "${libdir}")
  if(DEFINED ENV{LD_LIBRARY_PATH} AND NOT "$ENV{LD_LIBRARY_PATH}" STREQUAL "")
    string(APPEND ld_path ":$ENV{LD_LIBRARY_PATH}")
  endif()
  set(run_dir "${WORK_DIR}/run-${what}")
  file(MAKE_DIRECTORY "${run_dir}")
  run_step("running the ${what} consumer" OUT_VAR out
    COMMAND ${CMAKE_COMMAND} -E env "LD_LIBRARY_PATH=${ld_path}" "${program}" "${run_dir}")
  if(NOT out MATCHES "consumer ok")
    message(FATAL_ERROR "check_consumer: the ${what} consumer did not print 'consumer ok':\n${out}")
  endif()
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

# 1. Install.
run_step("cmake --install into ${prefix}"
  COMMAND ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}")
foreach(installed "${prefix}/include/newsq/newsq.h" "${libdir}/libnewsq.so"
                  "${libdir}/cmake/newsq/newsqConfig.cmake" "${libdir}/pkgconfig/newsq.pc")
  if(NOT EXISTS "${installed}")
    message(FATAL_ERROR "check_consumer: the install did not create ${installed}")
  endif()
endforeach()

# 2. find_package(newsq) from a separate CMake project.
set(cmake_args "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_CXX_COMPILER=${cxx}")
if(build_CMAKE_GENERATOR)
  list(APPEND cmake_args -G "${build_CMAKE_GENERATOR}")
endif()
if(SANITIZE)
  list(JOIN sanitize_flags " " flags)
  list(APPEND cmake_args "-DCMAKE_CXX_FLAGS=${flags}" "-DCMAKE_EXE_LINKER_FLAGS=${flags}")
endif()
run_step("configuring tests/consumer with find_package(newsq)"
  COMMAND ${CMAKE_COMMAND} -S "${consumer_src}" -B "${WORK_DIR}/cmake-build" ${cmake_args})
run_step("building the CMake consumer"
  COMMAND ${CMAKE_COMMAND} --build "${WORK_DIR}/cmake-build")
run_consumer(cmake "${WORK_DIR}/cmake-build/consumer")

# 3. pkg-config and a plain compiler command. The .pc file names the prefix chosen at configure
#    time, so point it at where this check installed.
find_program(PKG_CONFIG_EXECUTABLE NAMES pkg-config pkgconf)
if(NOT PKG_CONFIG_EXECUTABLE)
  message(FATAL_ERROR "check_consumer: pkg-config not found")
endif()
set(pc_path "${libdir}/pkgconfig")
if(DEFINED ENV{PKG_CONFIG_PATH} AND NOT "$ENV{PKG_CONFIG_PATH}" STREQUAL "")
  string(APPEND pc_path ":$ENV{PKG_CONFIG_PATH}")
endif()
run_step("pkg-config --cflags --libs newsq" OUT_VAR pc_flags
  COMMAND ${CMAKE_COMMAND} -E env "PKG_CONFIG_PATH=${pc_path}"
          "${PKG_CONFIG_EXECUTABLE}" --cflags --libs newsq)
string(STRIP "${pc_flags}" pc_flags)
separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
# Strict warnings: a user's -Wall -Wextra -Wpedantic -Werror build must accept newsq's headers.
run_step("compiling main.cc with ${cxx} and the pkg-config flags"
  COMMAND "${cxx}" -Wall -Wextra -Wpedantic -Werror ${sanitize_flags}
          "${consumer_src}/main.cc" -o "${WORK_DIR}/consumer-pkgconfig" ${pc_flags})
run_consumer(pkgconfig "${WORK_DIR}/consumer-pkgconfig")

message(STATUS "check_consumer: newsq is usable through find_package and pkg-config")
