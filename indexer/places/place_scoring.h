// indexer/places/place_scoring.h: what is known of a candidate place before reading the article
// around it, shared by the extractor's disambiguation and the resolver of lone names, so that a
// name means the same place in an article and in a query.
#pragma once

#include <cstdint>
#include <span>

#include "indexer/places/gazetteer.h"

namespace newsq::places {

// The prior of `p` as what a name means: its level and feature (countries, seas and capitals
// first) plus the logarithm of its population. Higher wins; only differences matter.
double prior(const Place& p);

// Known without help: continents, countries, regions, seas, capitals, regional centres of some size,
// cities, districts named with a division word ("Harris County") or as big as a city.
bool strong(const Place& p);

// A country or a national capital: its own name names it, never a town that has the name only among
// its other names ("Mexico" is no Mexico City, "Islamabad" no Chattogram).
bool claims_its_own_name(const Place& p);

// True if one of `areas` (place ids) is p's region or country: the test of a qualifier
// ("Paris, Texas") and of a containing place.
bool lies_in(const Place& p, std::span<const std::uint32_t> areas);

}  // namespace newsq::places
