// indexer/places/place_text.h: tests on the shape of words as written (case, script) and of the
// gaps between tokens (spaces, sentence punctuation), which the extractor's features are made of.
// Words are valid UTF-8 (the analyser's tokens); a gap is the text between two tokens.
#pragma once

#include <unicode/umachine.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsq::places {

UChar32 first_char(std::string_view s);   // 0 for an empty string.
bool is_cyrillic(std::string_view word);  // By its first letter.

// `word` in Latin letters by the BGN/PCGN romanisation GeoNames' names mostly follow: Ukrainian
// ("Бахмут" -> "bakhmut", "Харків" -> "kharkiv") for which = 0, Russian ("Мариуполь" ->
// "mariupol") for which = 1; empty if ICU lacks the transform.
std::string romanised(std::string_view word, int which);

bool capitalised(std::string_view word);  // Upper case first, or a script without case.
bool all_upper(std::string_view word);    // No lower-case letter.
bool has_lower(std::string_view word);
bool possessive(std::string_view word);  // Ends in 's or ’s ("Radio's").

bool only_spaces(std::string_view gap);     // One to three spaces or tabs.
bool name_gap(std::string_view gap);        // May lie inside a name: spaces, hyphens, apostrophes.
bool sentence_break(std::string_view gap);  // Sentence punctuation, quotes, brackets, a dash, a line end.
bool list_gap(std::string_view gap);        // Between the names of a list: commas and spaces only.

// "Germany.The": machine-translated text often drops the space after a full stop, and word
// segmentation then keeps both words (and the stop) as one token. The byte ranges in `text` of the
// parts of the token at [begin, end), or an empty list when it is not glued ("U.S.", "3.5").
std::vector<std::pair<std::uint32_t, std::uint32_t>> glued_parts(std::string_view text, std::uint32_t begin,
                                                                 std::uint32_t end);

}  // namespace newsq::places
