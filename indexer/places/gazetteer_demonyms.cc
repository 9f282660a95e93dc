// indexer/places/gazetteer_demonyms.cc: demonym lines -> the adjectives of the places they name.
#include "indexer/places/gazetteer_demonyms.h"

#include <charconv>
#include <string>
#include <unordered_map>

namespace newsq::places {

void apply_demonyms(GazetteerDraft& draft) {
  std::unordered_map<std::string, std::uint32_t> country_by_code, region_by_admin1;
  for (const auto& [id, p] : draft.places) {
    if (p.level == Level::country && !p.country_code.empty()) country_by_code.try_emplace(p.country_code, id);
    if (p.level == Level::region && !p.admin1.empty()) region_by_admin1.try_emplace(p.admin1, id);
  }
  for (auto& d : draft.demonyms) {
    std::uint32_t id = 0;
    const auto& key = d.place;
    auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), id);
    if (ec != std::errc() || end != key.data() + key.size()) {
      const auto& index = key.find('.') == std::string::npos ? country_by_code : region_by_admin1;
      auto it = index.find(key);
      id = it == index.end() ? 0 : it->second;
    }
    auto place = id ? draft.places.find(id) : draft.places.end();
    if (place == draft.places.end()) {
      ++draft.report.adjective_places_missing;
      continue;
    }
    for (auto& form : d.adjectives) place->second.adjectives.push_back(std::move(form));
    for (auto& form : d.people) place->second.demonyms.push_back(std::move(form));
    draft.report.adjectives += d.adjectives.size() + d.people.size();
  }
  draft.demonyms.clear();
}

}  // namespace newsq::places
