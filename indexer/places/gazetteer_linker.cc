// indexer/places/gazetteer_linker.cc: the steps between reading the inputs and writing the file.
#include "indexer/places/gazetteer_linker.h"

#include <unordered_map>

namespace newsq::places {

void apply_facts(GazetteerDraft& draft) {
  for (auto& f : draft.facts) {
    auto it = draft.places.find(f.id);
    if (it == draft.places.end()) {
      BuildPlace p;
      p.id = f.id;
      p.level = f.level;
      p.name = f.names.empty() ? std::to_string(f.id) : f.names.front();
      p.country_code = f.country_code;
      p.admin1 = f.admin1;
      p.feature = f.feature;
      it = draft.places.emplace(f.id, std::move(p)).first;
    }
    BuildPlace& p = it->second;
    for (const auto& r : f.removed) std::erase_if(p.names, [&](const std::string& n) { return n == r; });
    if (!f.names.empty()) p.name = f.names.front();  // Hand-written names are the display names.
    if (f.coords) {
      p.has_coordinates = true;
      p.lat = f.lat;
      p.lon = f.lon;
    }
    if (f.population) p.population = f.population;
    if (p.admin1.empty()) p.admin1 = f.admin1;
    if (p.country_code.empty()) p.country_code = f.country_code;
    for (auto& n : f.names) {
      if (!p.alternate_names.empty()) p.alternate_names += ',';
      p.alternate_names += n;
      p.fact_names.push_back(std::move(n));
    }
  }
  draft.facts.clear();
}

void link_places(GazetteerDraft& draft) {
  std::unordered_map<std::string, std::uint32_t> country_by_code, region_by_admin1;
  for (auto& [id, p] : draft.places) {
    if (p.level == Level::country && !p.country_code.empty()) country_by_code.try_emplace(p.country_code, id);
    if (p.level == Level::region && !p.admin1.empty()) region_by_admin1.try_emplace(p.admin1, id);
  }
  std::unordered_map<std::uint32_t, const BuildPlace*> seat, capital;
  std::unordered_map<std::uint32_t, std::uint64_t> region_population;
  for (auto& [id, p] : draft.places) {
    if (p.level != Level::country && p.level != Level::sea) {
      if (auto c = country_by_code.find(p.country_code); c != country_by_code.end()) p.country = c->second;
    }
    if (p.level == Level::city) {
      if (auto r = region_by_admin1.find(p.admin1); r != region_by_admin1.end()) {
        p.region = r->second;
        region_population[p.region] += p.population;
        if (p.feature == "P.PPLA" || p.feature == "P.PPLC") {
          auto& s = seat[p.region];
          if (!s || s->population < p.population) s = &p;
        }
      }
      if (p.feature == "P.PPLC" && p.country) {
        auto& c = capital[p.country];
        if (!c || c->population < p.population) c = &p;
      }
    }
  }
  for (auto& [id, p] : draft.places) {
    if (p.level == Level::region) {
      if (!p.population) p.population = region_population[id];
      if (auto s = seat.find(id); !p.has_coordinates && s != seat.end()) {
        p.has_coordinates = true;
        p.lat = s->second->lat;
        p.lon = s->second->lon;
      }
    }
    if (p.level == Level::country)
      if (auto c = capital.find(id); !p.has_coordinates && c != capital.end()) {
        p.has_coordinates = true;
        p.lat = c->second->lat;
        p.lon = c->second->lon;
      }
  }
}

}  // namespace newsq::places
