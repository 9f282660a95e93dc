// query/collect/location_facet.cc: naming the counted places, level by level.
#include "query/collect/location_facet.h"

#include <algorithm>
#include <optional>

#include "engine/index/place_name_table.h"

namespace newsq::query {

namespace {
// Places named per batch in location_values(): the next places by count, looked up together in
// storage order (a few more than the facet ends up needing, at most this many).
constexpr std::size_t kLookupBatch = 64;
}  // namespace

PlaceNames::Named& PlaceNames::look_up(std::uint32_t id) {
  auto [it, added] = seen_.try_emplace(id);
  if (!added) return it->second;
  std::optional<places::PlaceName> found;
  if (table_) found = places::decode_place_name(table_->get_metadata(places::place_name_key(id)));
  if (!found) {
    places::Place p;
    if (!gazetteer_.find(id, p)) return it->second;
    found = places::place_name_of(p);
  }
  Named& named = it->second;
  named.name = std::move(found->name);
  named.level = found->level;
  named.known = true;
  named.has_coordinates = found->has_coordinates;
  named.lat = found->lat;
  named.lon = found->lon;
  // A country or region is not "in" itself.
  named.country_id = found->country != id ? found->country : 0;
  named.region_id = found->region != id ? found->region : 0;
  return named;
}

void PlaceNames::look_up_all(std::vector<std::uint32_t> ids) {
  if (table_) {
    // In the table's key order (decimal ids as text), so that neighbouring lookups share B-tree leaves.
    std::vector<std::pair<std::string, std::uint32_t>> keyed;
    keyed.reserve(ids.size());
    for (std::uint32_t id : ids) keyed.emplace_back(places::place_name_key(id), id);
    std::sort(keyed.begin(), keyed.end());
    for (const auto& [key, id] : keyed) look_up(id);
  } else {
    std::sort(ids.begin(), ids.end());  // The gazetteer's records are in order of id.
    for (std::uint32_t id : ids) look_up(id);
  }
}

const PlaceNames::Named& PlaceNames::with_areas(std::uint32_t id) {
  Named& named = look_up(id);
  if (named.known && !named.areas_named) {
    // `named` stays valid as seen_ grows: an unordered_map never moves its elements.
    if (named.country_id != 0) named.country = look_up(named.country_id).name;
    if (named.region_id != 0) named.region = look_up(named.region_id).name;
    named.areas_named = true;
  }
  return named;
}

std::vector<FacetValue> location_values(const std::unordered_map<std::uint32_t, std::uint64_t>& counts,
                                        PlaceNames& names, std::uint32_t max_per_level) {
  if (max_per_level == 0) return {};
  // Most frequent first. Only the places that can still enter a level's list are looked up (for
  // their level and name): a broad search counts thousands of places.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> by_count;  // (count, id)
  by_count.reserve(counts.size());
  for (const auto& [id, count] : counts) by_count.emplace_back(count, id);
  std::sort(by_count.begin(), by_count.end(), [](const auto& a, const auto& b) { return a.first > b.first; });

  // continent (and macro-region), country, region, district, then cities and seas together
  // (places::level_rank).
  constexpr int kLevels = 5;
  std::vector<FacetValue> by_level[kLevels];
  auto full = [&](int rank, std::uint64_t count) {
    // A level is done when it holds max_per_level values counted more than `count` (an equal
    // count may still win its place by name).
    return by_level[rank].size() >= max_per_level && by_level[rank].back().count > count;
  };
  for (std::size_t i = 0; i < by_count.size(); ++i) {
    const auto [count, id] = by_count[i];
    if (full(0, count) && full(1, count) && full(2, count) && full(3, count) && full(4, count)) break;
    if (i % kLookupBatch == 0) {
      std::vector<std::uint32_t> batch;
      for (std::size_t k = i; k < std::min(by_count.size(), i + kLookupBatch); ++k) batch.push_back(by_count[k].second);
      names.look_up_all(batch);
    }
    const PlaceNames::Named& p = names(id);
    if (!p.known) continue;
    const int rank = std::min(places::level_rank(p.level), kLevels - 1);
    if (full(rank, count)) continue;
    const PlaceNames::Named& areas = names.with_areas(id);
    FacetValue v;
    v.value = std::string(p.name);
    v.count = count;
    v.id = id;
    v.level = std::string(places::level_name(p.level));
    v.has_coordinates = p.has_coordinates;
    v.lat = p.lat;
    v.lon = p.lon;
    v.country = std::string(areas.country);
    v.region = std::string(areas.region);
    by_level[rank].push_back(std::move(v));
  }
  std::vector<FacetValue> out;
  for (auto& values : by_level) {
    std::sort(values.begin(), values.end(), [](const FacetValue& a, const FacetValue& b) {
      return a.count != b.count ? a.count > b.count : a.value != b.value ? a.value < b.value : a.id < b.id;
    });
    if (values.size() > max_per_level) values.resize(max_per_level);
    for (auto& v : values) out.push_back(std::move(v));
  }
  return out;
}

}  // namespace newsq::query
