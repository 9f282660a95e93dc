// query/location_facet.h: the location facet: how many matching articles mention each place,
// exact over the whole match set, at every level (country, region, city/sea). An article counts
// once for each of its places and for their regions and countries. Xapian's ValueCountMatchSpy
// takes one value per document, so this spy reads the slot holding the article's list of place
// ids (slot 3, with ancestors already included) and counts each.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "indexer/places/gazetteer.h"
#include "newsq/searcher.h"

namespace newsq::query {

class LocationSpy : public Xapian::MatchSpy {
 public:
  LocationSpy() = default;
  void operator()(const Xapian::Document& doc, double weight) override;
  Xapian::MatchSpy* clone() const override { return new LocationSpy(); }
  std::string name() const override { return "newsq.LocationSpy"; }
  const std::unordered_map<std::uint32_t, std::uint64_t>& counts() const { return counts_; }

 private:
  std::unordered_map<std::uint32_t, std::uint64_t> counts_;
};

// The name and level of place ids, remembered: the facet names the same places search after
// search, and each gazetteer lookup is a binary search over all of its places.
class PlaceNames {
 public:
  explicit PlaceNames(const places::Gazetteer& gazetteer) : gazetteer_(gazetteer) {}
  struct Named {
    std::string_view name;  // Points into the gazetteer.
    places::Level level = places::Level::city;
    bool known = false;  // False: the gazetteer has no such id.
  };
  const Named& operator()(std::uint32_t id);

 private:
  const places::Gazetteer& gazetteer_;
  std::unordered_map<std::uint32_t, Named> seen_;
};

// The facet values, coarse levels first (countries, regions, cities and seas), each level most
// frequent first (ties by name) and cut at `max_per_level`. Ids the gazetteer lacks are skipped.
std::vector<FacetValue> location_values(const LocationSpy& spy, PlaceNames& names, std::uint32_t max_per_level);

}  // namespace newsq::query
