// indexer/places/gazetteer_demonyms.cc: demonym lines -> the adjectives of the places they name.
#include "indexer/places/gazetteer_demonyms.h"

#include <charconv>
#include <string>

namespace newsq::places {

void apply_demonyms(GazetteerDraft& draft) {
  const CodeIndex codes = index_codes(draft);
  for (auto& d : draft.demonyms) {
    std::uint32_t id = 0;
    const auto& key = d.place;
    auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), id);
    if (ec != std::errc() || end != key.data() + key.size()) {
      const auto& index = key.find('.') == std::string::npos ? codes.countries : codes.regions;
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
