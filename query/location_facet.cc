// query/location_facet.cc: counting place ids per article, and the facet's values.
#include "query/location_facet.h"

#include <algorithm>
#include <map>

#include "engine/src/schema.h"
#include "indexer/places/place_terms.h"

namespace newsq::query {

void LocationSpy::operator()(const Xapian::Document& doc, double) {
  for (std::uint32_t id : places::decode_ids(doc.get_value(schema::kPlacesSlot))) ++counts_[id];
}

std::vector<FacetValue> location_values(const LocationSpy& spy, const places::Gazetteer& gazetteer,
                                        std::uint32_t max_per_level) {
  std::map<int, std::vector<FacetValue>> by_level;  // country, region, then cities and seas together.
  for (const auto& [id, count] : spy.counts()) {
    places::Place p;
    if (!gazetteer.find(id, p)) continue;
    int rank = std::min(static_cast<int>(p.level), 2);
    FacetValue v;
    v.value = std::string(p.name);
    v.count = count;
    v.id = id;
    v.level = std::string(places::level_name(p.level));
    by_level[rank].push_back(std::move(v));
  }
  std::vector<FacetValue> out;
  for (auto& [rank, values] : by_level) {
    std::sort(values.begin(), values.end(), [](const FacetValue& a, const FacetValue& b) {
      return a.count != b.count ? a.count > b.count : a.value != b.value ? a.value < b.value : a.id < b.id;
    });
    if (values.size() > max_per_level) values.resize(max_per_level);
    for (auto& v : values) out.push_back(std::move(v));
  }
  return out;
}

}  // namespace newsq::query
