// indexer/places/place_disambiguation.h: the second half of place extraction. Given every name
// occurrence of an article and its context features (place_features.h), rejects the names that
// are not places, chooses each remaining name's place (prior, the countries and regions the
// article's other places vote for, a qualifier) and accepts or rejects it, with the reason.
#pragma once

#include <string>
#include <vector>

#include "indexer/places/archive_prior.h"
#include "indexer/places/place_cache.h"
#include "indexer/places/place_extractor.h"
#include "indexer/places/place_features.h"

namespace newsq::places {

// `spans`: the whole article's occurrences in text order (they are updated in place); `texts`:
// the fields' texts, read only with `explain` (the mentions' words and reasons). Without
// `explain`, rejected mentions carry only their offsets. `prior` (may be null): the archive's,
// weighing the candidates of ambiguous names.
Extraction disambiguate(std::vector<NameSpan>& spans, const std::vector<std::string>& texts, PlaceCache& places,
                        bool explain, const ArchivePrior* prior = nullptr);

}  // namespace newsq::places
