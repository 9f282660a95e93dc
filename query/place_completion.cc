// query/place_completion.cc: keying the gazetteer's names and ranking the places found
// (place_completion.h).
#include "query/place_completion.h"

#include <algorithm>

#include "engine/index/place_terms.h"
#include "indexer/places/name_key.h"

namespace newsq::query {

PlaceCompletion::PlaceCompletion(const places::Gazetteer& gazetteer, analysis::TextAnalyzer& analyzer)
    : gazetteer_(gazetteer) {
  keys_.reserve(gazetteer.size());
  for (std::size_t i = 0; i < gazetteer.size(); ++i) {
    const places::Place p = gazetteer.at(i);
    std::string key = places::name_key(p.name, analyzer);
    if (!key.empty()) keys_.emplace_back(std::move(key), p.id);
  }
  std::sort(keys_.begin(), keys_.end());
}

std::vector<PlaceSuggestion> PlaceCompletion::suggest(const Xapian::Database& db, std::string_view prefix,
                                                      std::uint32_t limit, analysis::TextAnalyzer& analyzer) const {
  const std::string key = places::name_key(prefix, analyzer);
  if (key.empty() || limit == 0) return {};
  struct Found {
    std::uint64_t count, population;
    places::Place place;
  };
  std::vector<Found> found;
  for (auto it = std::lower_bound(keys_.begin(), keys_.end(), std::make_pair(key, std::uint32_t{0}));
       it != keys_.end() && it->first.starts_with(key); ++it) {
    const std::uint64_t count = db.get_termfreq(places::place_term(it->second));
    places::Place p;
    if (count > 0 && gazetteer_.find(it->second, p)) found.push_back({count, p.population, p});
  }
  auto better = [](const Found& a, const Found& b) {
    if (a.count != b.count) return a.count > b.count;
    if (a.population != b.population) return a.population > b.population;
    return a.place.name != b.place.name ? a.place.name < b.place.name : a.place.id < b.place.id;
  };
  const std::size_t kept = std::min<std::size_t>(limit, found.size());
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(kept), found.end(), better);
  std::vector<PlaceSuggestion> out;
  for (std::size_t i = 0; i < kept; ++i) {
    const places::Place& p = found[i].place;
    PlaceSuggestion s;
    s.id = p.id;
    s.name = std::string(p.name);
    s.level = std::string(places::level_name(p.level));
    places::Place country;
    if (p.country != 0 && p.country != p.id && gazetteer_.find(p.country, country)) s.country = std::string(country.name);
    s.count = found[i].count;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace newsq::query
