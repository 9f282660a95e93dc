// query/collect/spelling.h: "did you mean": the indexed word closest to one the index does not know
// ("Kyv" -> "kyiv"), by edit distance, the most frequent winning ties. Place names are words of
// the text like any other, so they are suggested too.
#pragma once

#include <xapian.h>

#include <string>

namespace newsq::query {

// The best replacement for `word` (normalised) among the index's unprefixed words, or "" if none
// is within 1 edit (words up to 4 letters) or 2 edits (longer words).
std::string closest_word(const Xapian::Database& db, const std::string& word);

}  // namespace newsq::query
