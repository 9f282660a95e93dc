// engine/common/edit_distance.h: how many single-letter edits turn one word into another, for the
// spelling suggestion ("Kyv" -> "kyiv") and for telling a place's other spelling ("Izyum" for
// Izium) from another name it is also listed under.
#pragma once

#include <cstddef>
#include <string_view>

namespace newsq::common {

// Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), in bytes.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace newsq::common
