// query/understand/place_lookup.h: the PlaceLookup that query understanding uses, backed by a gazetteer.
#pragma once

#include <cstdint>
#include <functional>

#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/gazetteer.h"
#include "query/understand/place_words.h"

namespace newsq::query {

// Resolves names with places::resolve_name (indexer/places/place_resolver.h: the place a lone
// mention would mean); a qualified name ("Paris, Texas") counts only if the qualifier is the
// place's region or country, so that "Kyiv, Kharkiv" stays two names. Both arguments must outlive the lookup.
// `in_archive`, if given, tells whether an article of the index searched mentions the place with
// that id (PlaceMatch::in_archive); it is asked only of places that are not notable.
PlaceLookup gazetteer_lookup(const places::Gazetteer& gazetteer, analysis::TextAnalyzer& analyzer,
                             std::function<bool(std::uint64_t id)> in_archive = {});

}  // namespace newsq::query
