// query/understand/place_lookup.h: the PlaceLookup that query understanding uses, backed by a gazetteer.
#pragma once

#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/gazetteer.h"
#include "query/understand/place_words.h"

namespace newsq::query {

// Resolves names with places::resolve_name (indexer/places/place_resolver.h: the place a lone
// mention would mean); a qualified name ("Paris, Texas") counts only if the qualifier is the
// place's region or country, so that "Kyiv, Kharkiv" stays two names. Both arguments must outlive the lookup.
PlaceLookup gazetteer_lookup(const places::Gazetteer& gazetteer, analysis::TextAnalyzer& analyzer);

}  // namespace newsq::query
