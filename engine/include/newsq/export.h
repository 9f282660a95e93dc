// newsq/export.h: NEWSQ_EXPORT marks what libnewsq.so exports. The library is compiled with hidden
// visibility, so only the public API declared under newsq/ with this mark is visible to programs
// that link it; everything else stays internal to the library (and cannot clash with theirs).
#pragma once

#define NEWSQ_EXPORT __attribute__((visibility("default")))
