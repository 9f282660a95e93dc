// indexer/places/place_resolver.h: a lone name -> the place it means, for the query side
// (--place, --prefer-place, place words in a query: query/understand/place_lookup.h). It scores
// candidates as the extractor does a mention with no context, so that a name means the same
// place in a query as in an article that names it alone.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/gazetteer.h"

namespace newsq::places {

// Makes the gazetteer key of some words (name_key, or a remembering equivalent).
using KeyOf = std::function<std::string(std::string_view)>;

// The best place called `name`: a numeric id, or a name with an optional qualifier after a comma
// ("Kharkiv", "Paris, Texas"); the candidate that lies in one of the qualifier's places wins.
// False if the gazetteer knows no such name. `qualified` (if given) says whether the place chosen
// lies in the qualifier (false without one).
bool resolve_name(const Gazetteer& gazetteer, std::string_view name, const KeyOf& key_of, Place& out,
                  bool* qualified = nullptr);
// The same, keying with name_key and `analyzer`.
bool resolve_name(const Gazetteer& gazetteer, std::string_view name, analysis::TextAnalyzer& analyzer, Place& out,
                  bool* qualified = nullptr);

}  // namespace newsq::places
