// query/understand/query_understanding.h: one line of words -> UnderstoodQuery: sources ("from HuffPost",
// "source:guardian"), a date range in words, places ("near Kyiv", "in Ukraine", a bare name), and
// the free text that remains.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "newsq/understood_query.h"
#include "query/understand/place_words.h"
#include "query/understand/query_builder.h"

namespace newsq::query {

// Whether understand_query() could take a source from `known_sources` in `query`: only after a
// word "from". A caller whose list of sources costs reads (a Searcher lists an index's sources
// from its terms, several B-tree reads per source) skips it when this says no.
bool may_name_known_source(std::string_view query);

// An outlet's everyday name as a key, letters and digits in lower case: a domain's name without
// its host prefix and top-level part ("aljazeera.com" -> "aljazeera", "bbc.co.uk" -> "bbc",
// "en.news-front.info" -> "newsfront"), any other name without a leading "the" ("The Guardian" ->
// "guardian"). "from Al Jazeera" names the source whose key the words after "from" spell.
std::string outlet_key(std::string_view source);

// `now`: day number the relative dates resolve against. `known_sources`: the index's sources, so
// that "from Al Jazeera" is a source only where such a source exists (and "from March" stays a
// date). `places` names places (none are understood without it). `builder` analyses the remaining
// text (and applies its thesaurus) to fill terms/synonyms.
UnderstoodQuery understand_query(std::string_view query, long now, const std::vector<std::string>& known_sources,
                                 QueryBuilder& builder, const PlaceLookup& places = {});

}  // namespace newsq::query
