// indexer/places/place_abbreviations.h: abbreviations that name places, which the gazetteer's
// names cannot hold: the AP-style and other abbreviations of US states, Canadian provinces and
// Australian states ("Ky.", "Calif.", "N.Y.", "W. Va.", "B.C.", "NSW"), and "St.", "Mt.", "Ft."
// inside names ("St. Louis", "Fort St. John", "Mt. Vernon").
//
// Matching rewrites the tokens place matching reads (never the indexed ones): an abbreviation's
// tokens become one token whose term is the full name's key ("w", "va" -> "west virginia"), and
// "St." with the word after it one token "st louis" or "saint louis", whichever the gazetteer
// knows. The written forms, with their full stops, are facts in place_abbreviations.cc.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/gazetteer.h"

namespace newsq::places {

// How much an abbreviation needs around it to name its region.
enum class AbbreviationUse : std::uint8_t {
  none = 0,        // Not an abbreviation.
  anywhere = 1,    // Unmistakable ("Calif.", "N.Y.", "NSW").
  not_after_number = 3,  // Anywhere but after a number: "B.C.", not "300 B.C." (an era).
  qualifier = 2,   // Also an everyday word or a name ("Ky." no, but "Ind.", "Mass.", "Wash.", "Pa."):
                   // only after a place it contains ("Louisville, Ky."), in place context, or as a
                   // politician's state ("(D-Mass.)").
};

// `tokens` with every abbreviation (and every "St."/"Mt."/"Ft." followed by a word) rewritten, in
// `out`, with `uses[k]` saying what out[k] is; false (and both untouched) when there is none, so
// that the common case copies nothing. Regions named by an abbreviation: the places of level
// region among its key's candidates.
bool expand_abbreviations(std::string_view text, std::span<const analysis::Token> tokens, const Gazetteer& gazetteer,
                          std::vector<analysis::Token>& out, std::vector<AbbreviationUse>& uses);

// True if tokens[i] is a politician's state: after "(D-", "(R-" or "(I-" ("(D-N.Y.)", "(R-KY)").
bool party_state(std::string_view text, std::span<const analysis::Token> tokens, std::size_t i);

}  // namespace newsq::places
