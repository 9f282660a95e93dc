// query/collect/location_facet.h: the location facet's values from the counts of place ids over the match
// set (FacetSpy, query/collect/facet_spies.h): named, at every level (continent or macro-region,
// country, region, district, city/sea). An article counts once for each of its places and for the
// areas containing them (engine/index/place_terms.h).
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include <string>

#include "indexer/places/gazetteer.h"
#include "newsq/searcher.h"

namespace newsq::query {

// The name, level, position and containing country and region of place ids, remembered: the facet
// names the same places search after search. Read from the index's own table of place names
// (engine/index/place_name_table.h: a few B-tree leaves) when it has one written with this
// gazetteer, else from the gazetteer (a page of a large mapped file per place).
class PlaceNames {
 public:
  // `table`: the index holding the table, or null to use the gazetteer alone; both must outlive
  // this, and the table must have been written with `gazetteer` (places::place_names_match).
  PlaceNames(const places::Gazetteer& gazetteer, const Xapian::Database* table)
      : gazetteer_(gazetteer), table_(table) {}
  struct Named {
    std::string name;
    places::Level level = places::Level::city;
    bool known = false;  // False: the gazetteer has no such id.
    bool has_coordinates = false;
    double lat = 0, lon = 0;
    std::uint32_t country_id = 0, region_id = 0;  // 0 if none, or the place is that country or region.
    bool areas_named = false;  // `country` and `region` below are filled in (with_areas()).
    std::string country, region;  // Names of the country and first-level region it lies in; empty if none.
  };
  // The place alone: its name, level and position (one lookup, the first time).
  const Named& operator()(std::uint32_t id) { return look_up(id); }
  // The same with its country's and region's names filled in: two lookups more, the first time,
  // paid only for places a facet shows (a search counts many more places than it lists).
  const Named& with_areas(std::uint32_t id);
  // Whether names come from the index's table (else from the gazetteer alone).
  bool reads_table() const { return table_ != nullptr; }
  // Looks up every id not seen yet, in the order their names are stored: far fewer block reads
  // (table) or page faults (gazetteer) than the same lookups in an unrelated order.
  void look_up_all(std::vector<std::uint32_t> ids);

 private:
  Named& look_up(std::uint32_t id);

  const places::Gazetteer& gazetteer_;
  const Xapian::Database* table_;
  std::unordered_map<std::uint32_t, Named> seen_;
};

// The facet values, coarse levels first (continents and macro-regions, countries, regions,
// districts, cities and seas), each level most
// frequent first (ties by name) and cut at `max_per_level`. Ids the gazetteer lacks are skipped.
std::vector<FacetValue> location_values(const std::unordered_map<std::uint32_t, std::uint64_t>& counts,
                                        PlaceNames& names, std::uint32_t max_per_level);

}  // namespace newsq::query
