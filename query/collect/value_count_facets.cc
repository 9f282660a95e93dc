// query/collect/value_count_facets.cc: facet counts from Xapian's ValueCountMatchSpy, decoded on the
// client (query/collect/value_count_facets.h).
#include "query/collect/value_count_facets.h"

#include <cmath>
#include <map>

#include "engine/index/place_terms.h"
#include "engine/index/schema.h"

namespace newsq::query {

ValueCountFacets::ValueCountFacets(Fields fields, Xapian::Enquire& enquire) : fields_(fields) {
  if (fields_.date) enquire.add_matchspy(&days_.emplace(schema::kDateSlot));
  if (fields_.source) enquire.add_matchspy(&sources_.emplace(schema::kSourceSlot));
  if (fields_.location) enquire.add_matchspy(&place_sets_.emplace(schema::kPlacesSlot));
}

DayCounts ValueCountFacets::per_day() const {
  std::map<long, std::uint64_t> days;
  if (days_)
    for (auto v = days_->values_begin(); v != days_->values_end(); ++v)
      days[std::lround(Xapian::sortable_unserialise(*v))] += v.get_termfreq();
  return DayCounts(days.begin(), days.end());
}

std::vector<std::pair<std::string, std::uint64_t>> ValueCountFacets::top_sources(std::size_t max) const {
  std::vector<std::pair<std::string, std::uint64_t>> all;
  if (sources_)
    for (auto v = sources_->values_begin(); v != sources_->values_end(); ++v) all.emplace_back(*v, v.get_termfreq());
  return most_frequent(std::move(all), max);
}

std::unordered_map<std::uint32_t, std::uint64_t> ValueCountFacets::places() const {
  std::unordered_map<std::uint32_t, std::uint64_t> out;
  if (place_sets_)
    for (auto v = place_sets_->values_begin(); v != place_sets_->values_end(); ++v) {
      const Xapian::doccount count = v.get_termfreq();
      places::for_each_id(*v, [&](std::uint32_t id) { out[id] += count; });
    }
  return out;
}

std::uint64_t ValueCountFacets::matches() const {
  // Every spy sees every match; get_total() is the number it saw.
  for (const auto* spy : {&days_, &sources_, &place_sets_})
    if (*spy) return (*spy)->get_total();
  return 0;
}

}  // namespace newsq::query
