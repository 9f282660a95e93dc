// engine/index/index_gazetteer.h: reading which gazetteer an index was built with.
#pragma once

#include <string>

namespace newsq {

// The gazetteer path index `dir` records; empty if none. Throws DatabaseError if `dir` cannot be
// opened as an index.
std::string recorded_gazetteer(const std::string& dir);

}  // namespace newsq
