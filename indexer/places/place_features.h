// indexer/places/place_features.h: the first half of place extraction. Finds where gazetteer
// names occur in one field's tokens (the longest name at each word) and notes, for each
// occurrence, what the text around it says: capitals, context words, neighbours, qualifiers.
// The second half (place_disambiguation.h) decides from these notes alone.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/gazetteer.h"
#include "indexer/places/place_abbreviations.h"
#include "indexer/places/place_cache.h"

namespace newsq::places {

// One occurrence of a gazetteer name, with the features of its context.
struct NameSpan {
  std::uint32_t field = 0, begin = 0, end = 0;
  std::string key;
  std::span<const std::uint32_t> candidates;
  bool adjective = false;   // An adjective or demonym of its places ("Russian", "Russians"), not a name.
  bool demonym = false;     // ...and of those a noun for their people ("Russians").
  bool title_case = false;  // In a Title Case headline.
  bool capitalised = false, all_upper = false;
  bool plain_letters = false;   // Written in ASCII (a possessive's curly apostrophe aside).
  bool context_before = false;  // "in X".
  bool settlement_of = false;   // "the town of X", "the village of X": context, but not for a common word.
  bool town_of = false;         // ...with a populated place's noun ("the city of X", not "the region of X").
  bool division_after = false;  // "the Kabanjahe district", "Puge county": the town's area, context likewise.
  bool institution_after = false;  // "X Mayor", "X Police", "X City Council": the town's own institution.
  bool prev_capitalised = false, next_capitalised = false, next_org = false;
  bool sentence_initial = false;
  bool weak_context = false;                         // The context word is "to" ("dedicated to Mary").
  bool in_capitals = false;                          // Among words written all in capitals.
  bool acronym = false;                              // All capitals among lower-case words ("NATO").
  bool hyphen_before = false, hyphen_after = false;  // Joined by a hyphen to a capitalised word.
  int hyphen_prev = -1, hyphen_next = -1;            // ...that is itself a name (span index).
  bool region_list = false;                          // Named in a list of regions.
  bool region_word = false;  // "Washington state", "the state of New York", "province of Ontario": a region's name.
  bool region_office = false;  // "New York Gov.", "Quebec Premier", "Quebec Health Minister": a region's office.
  int list = -1;             // In a list of names ("Ohio, Oklahoma and Washington"): index of its first span.
  int near = -1;             // "X, south of Y", "X, just outside Y": index of Y's span, X lies near it.
  bool prev_capitalised_initial = false;             // After a capitalised first word of a sentence ("Todd Wright").
  bool district = false;                             // Followed by "County", "District", ...
  bool next_calendar = false;                        // Followed by a month or weekday ("in Mariupol Tuesday").
  AbbreviationUse abbreviation = AbbreviationUse::none;  // "Calif.", "Ky." (place_abbreviations.h).
  bool party_state = false;                              // A politician's state: "(D-N.Y.)".
  bool after_number = false;                             // Right after a number ("300 B.C.").
  bool currency = false;   // Glued to a dollar sign: "US$460", "$US 15", "NZ$".
  bool org_of = false;     // After "University of", "Bank of" ..., or inside a known organisation's name.
  bool dateline = false;  // Opens the article's dateline: "KHARKIV, Ukraine —", "BANTAM (AP) —".
  std::uint32_t first_token = 0, end_token = 0;      // Token range in its field.
  int qualifier = -1;  // Index of the span that qualifies it: right after ", " or "in (the)", containing it.
  bool is_qualifier = false;
  std::string rejected;                          // Set by the early filters.
  std::vector<std::pair<Place, double>> places;  // The candidates and their priors.
  Place chosen{};
  double score = 0;
};

// True if the span's words are an everyday word or a given name (lexicon::common_word) rather
// than surely a place; an adjective of a place on that list ("Russian", "American") is the place's
// sense already, so not.
bool everyday_word(const NameSpan& s);

// Appends the occurrences in one field (`text` and the tokens TextAnalyzer made of exactly that
// text) to `spans`, as field number `field`; `headline`: a title, where Title Case carries no
// information. Indices in NameSpan (qualifier, hyphen_prev/next) are into `spans` as a whole.
// Words glued by a full stop ("Germany.The") are split first, a Cyrillic word the gazetteer
// does not know is looked up romanised, and abbreviations are spelled out (place_abbreviations.h).
void find_spans(std::string_view text, std::span<const analysis::Token> tokens, bool headline, std::uint32_t field,
                PlaceCache& places, std::vector<NameSpan>& spans);

}  // namespace newsq::places
