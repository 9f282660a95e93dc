// indexer/places/gazetteer_linker.cc: the steps between reading the inputs and writing the file.
#include "indexer/places/gazetteer_linker.h"

#include "indexer/places/place_distance.h"

#include "engine/common/text.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace newsq::places {
namespace {

constexpr double kPi = std::numbers::pi;
// A region's centre farther than this from every populated place in it may lie outside it (a
// crescent-shaped region, or one in two parts): it is moved to the nearest of them.
constexpr double kSnapKm = 50;

double radians(double degrees) { return degrees * kPi / 180; }
double degrees(double radians) { return radians * 180 / kPi; }

double wrap_lon(double lon) { return lon >= 180 ? lon - 360 : lon < -180 ? lon + 360 : lon; }

// A region's representative point: the middle of the box its populated places span, snapped to
// the nearest place when it lies more than kSnapKm from all of them. Longitudes are taken relative
// to the places' mean direction (unit vectors), so a region across the 180th meridian is measured
// right. Why the box: the benchmarks score a region at its geographic centre (GeoNames' ADM1 point,
// Wikipedia's), and settlement is lopsided in big regions (east Texas, southern Ontario, the coast
// of Western Australia), so the mean of the places, and even more a population-weighted mean,
// lands near the crowded part and often back near the seat this replaces; the extent of the places
// follows the region's outline instead. A medoid would cost the square of the places (thousands in
// some regions) and shares the mean's bias. Why the whole box, outermost places included: in the
// big northern regions the few far towns (Churchill in Manitoba, the Nunavik villages of Quebec,
// northern British Columbia) are what stretches the box over the empty north; leaving out the
// outermost 1% on each side, as before, cut them off. The cost: a misplaced GeoNames row stretches
// the box too (two rows put Jiangsu's middle 300 km west). Measured (newsq_geoparse_eval, full
// gazetteer, acc@161, GeoVirus / TR-News): with countries at world-countries' latlng, 0.738 / 0.730
// with the whole box against 0.736 / 0.724 with the 1% cut; with countries at their largest
// polygon's centre, 0.811 / 0.760 against 0.809 / 0.753. The plain mean of the places scored
// 0.723 / 0.689 (countries at latlng) against the cut box's 0.736 / 0.724.
// False when the places cancel out (spread evenly round the globe): the caller keeps the seat.
bool centre_of(const std::vector<const BuildPlace*>& members, double& lat, double& lon) {
  double x = 0, y = 0, z = 0;
  for (const BuildPlace* m : members) {
    const double phi = radians(m->lat), lambda = radians(m->lon);
    x += std::cos(phi) * std::cos(lambda);
    y += std::cos(phi) * std::sin(lambda);
    z += std::sin(phi);
  }
  if (members.empty() || std::sqrt(x * x + y * y + z * z) < 1e-9 * static_cast<double>(members.size())) return false;
  lat = degrees(std::atan2(z, std::sqrt(x * x + y * y)));
  lon = degrees(std::atan2(y, x));
  std::vector<double> lats, lons;  // Longitudes relative to the mean one, in [-180, 180).
  for (const BuildPlace* m : members) {
    lats.push_back(m->lat);
    lons.push_back(wrap_lon(m->lon - lon));
  }
  const auto [south, north] = std::minmax_element(lats.begin(), lats.end());
  const auto [west, east] = std::minmax_element(lons.begin(), lons.end());
  lat = (*south + *north) / 2;
  lon = wrap_lon(lon + (*west + *east) / 2);
  const BuildPlace* nearest = nullptr;
  double best = 0;
  for (const BuildPlace* m : members) {
    const double d = distance_km(lat, lon, m->lat, m->lon);
    if (!nearest || d < best) nearest = m, best = d;
  }
  if (best > kSnapKm) {
    lat = nearest->lat;
    lon = nearest->lon;
  }
  return true;
}

}  // namespace

// A region or district whose id is its position in a file without geonameids (admin1.json /
// admin2.json, gazetteer_draft.h) is the same place as one with a real id and the same admin code
// (admin1 for regions, admin2 for districts): from a GeoNames file (admin1CodesASCII.txt), or a
// region of the facts (the Ukrainian oblasts of corpus/places.tsv carry their GeoNames ids). It
// becomes that place: dropped when the place is already there (its names are added to it), else
// moved to the real id, which the fact then completes. So a region given by both is ONE place,
// whatever the order of the inputs. The lowest real id wins when several share a code.
void merge_divisions_by_code(GazetteerDraft& draft) {
  std::unordered_map<std::string, std::uint32_t> real;  // "r" + admin1 / "d" + admin2 -> id.
  auto key = [](Level level, const std::string& admin1, const std::string& admin2) {
    return level == Level::region ? "r" + admin1 : "d" + admin2;
  };
  std::vector<std::uint32_t> positional;
  for (const auto& [id, p] : draft.places) {
    if (p.level != Level::region && p.level != Level::district) continue;
    if (division_id_by_position(id))
      positional.push_back(id);
    else if (!(p.level == Level::region ? p.admin1 : p.admin2).empty())
      real.try_emplace(key(p.level, p.admin1, p.admin2), id);
  }
  for (const auto& f : draft.facts)
    if (f.level == Level::region && !f.admin1.empty() && !division_id_by_position(f.id))
      if (auto [it, fresh] = real.try_emplace(key(f.level, f.admin1, {}), f.id); !fresh && f.id < it->second)
        it->second = f.id;
  for (std::uint32_t id : positional) {
    auto node = draft.places.extract(id);
    BuildPlace& p = node.mapped();
    auto r = real.find(key(p.level, p.admin1, p.admin2));
    if (r == real.end()) {
      draft.places.insert(std::move(node));
      continue;
    }
    if (auto known = draft.places.find(r->second); known != draft.places.end()) {
      for (auto& n : p.names)
        if (std::find(known->second.names.begin(), known->second.names.end(), n) == known->second.names.end())
          known->second.names.push_back(std::move(n));
      continue;
    }
    p.id = r->second;
    node.key() = r->second;
    draft.places.insert(std::move(node));
  }
}

// A country only a countries file names (a fresh machine has no countryInfo.txt) becomes a
// country place: with the id of a country fact of the same ISO code when there is one (the fact
// then completes it), else kCountryJsonIds + N for the Nth such country; its population is the sum
// of its cities' (the countries file has none; the prior of a country over a town of its name
// needs one), its point the file's (link_places), its continent the file's region.
void add_named_countries(GazetteerDraft& draft) {
  std::unordered_map<std::string, std::uint32_t> known;  // ISO code -> id.
  std::unordered_map<std::string, std::uint64_t> city_population;
  for (const auto& [id, p] : draft.places) {
    if (p.level == Level::country) known.try_emplace(p.country_code, id);
    if (p.level == Level::city) city_population[p.country_code] += p.population;
  }
  std::unordered_map<std::string, std::uint32_t> facts;
  for (const auto& f : draft.facts)
    if (f.level == Level::country && !f.country_code.empty()) facts.try_emplace(f.country_code, f.id);
  std::uint32_t n = 0;
  for (auto& c : draft.named_countries) {
    if (known.contains(c.code) || c.names.empty()) continue;
    BuildPlace p;
    auto fact = facts.find(c.code);
    p.id = fact != facts.end() ? fact->second : kCountryJsonIds + ++n;
    if (draft.places.contains(p.id)) continue;  // The fact's id names another place: left alone.
    p.level = Level::country;
    p.name = c.names.front();
    p.country_code = c.code;
    p.feature = "A.PCLI";
    p.continent = c.continent;
    p.population = city_population[c.code];
    p.names = std::move(c.names);
    known.try_emplace(c.code, p.id);
    draft.add(std::move(p));
  }
  draft.named_countries.clear();
}

void apply_facts(GazetteerDraft& draft) {
  add_named_countries(draft);
  merge_divisions_by_code(draft);
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
    if (f.level == Level::continent) {  // Its admin1 column holds its continent code ("EU"), if any.
      if (p.continent.empty()) p.continent = f.admin1;
      p.admin1.clear();
      p.contains.insert(p.contains.end(), f.contains.begin(), f.contains.end());
    } else if (p.admin1.empty()) {
      p.admin1 = f.admin1;
    }
    if (p.country_code.empty()) p.country_code = f.country_code;
    for (auto& n : f.names) {
      if (!p.alternate_names.empty()) p.alternate_names += ',';
      p.alternate_names += n;
      p.fact_names.push_back(std::move(n));
    }
  }
  draft.facts.clear();
}

// A continent's or macro-region's member countries: those countryInfo puts on its continent code,
// and those its fact lists. Each country learns the groups it lies in (its `within` list), and a
// group without a population gets the sum of its countries'.
void link_continents(GazetteerDraft& draft, const std::unordered_map<std::string, std::uint32_t>& country_by_code) {
  for (auto& [id, g] : draft.places) {
    if (g.level != Level::continent) continue;
    std::vector<std::uint32_t> members;
    // Its continent codes, comma-separated ("NA,SA" for the Americas).
    const std::string codes = "," + g.continent + ",";
    if (!g.continent.empty())
      for (auto& [cid, c] : draft.places)
        if (c.level == Level::country && !c.continent.empty() && codes.find("," + c.continent + ",") != std::string::npos)
          members.push_back(cid);
    for (const auto& code : g.contains)
      if (auto c = country_by_code.find(code); c != country_by_code.end()) members.push_back(c->second);
    std::sort(members.begin(), members.end());
    members.erase(std::unique(members.begin(), members.end()), members.end());
    std::uint64_t population = 0;
    for (std::uint32_t m : members) {
      BuildPlace& c = draft.places.at(m);
      c.within.push_back(id);
      population += c.population;
    }
    if (!g.population) g.population = population;
  }
}

// A district named without a division word ("Dorset", "Yonne") is matched by that name unless a
// populated place of the same country is called so ("Paris", "Chennai": the town keeps its name),
// or no populated place of the gazetteer lies in it: such a district has no point, and its bare
// name is more often a town the gazetteer lacks ("Innisfail") or part of another name.
void name_bare_districts(GazetteerDraft& draft) {
  std::unordered_map<std::string, std::vector<std::string>> towns_by_country;  // Folded names.
  std::unordered_set<std::string> inhabited;                                   // admin2 codes with a town.
  for (auto& [id, p] : draft.places)
    if (p.level == Level::city) {
      for (const auto& n : p.names) towns_by_country[p.country_code].push_back(common::ascii_lower(n));
      if (!p.admin2.empty()) inhabited.insert(p.admin2);
    }
  for (auto& [cc, names] : towns_by_country) {
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
  }
  for (auto& [id, p] : draft.places) {
    if (p.level != Level::district) continue;
    const auto& towns = towns_by_country[p.country_code];
    if (inhabited.count(p.admin2))
      for (auto& n : p.bare_names)
        if (!std::binary_search(towns.begin(), towns.end(), common::ascii_lower(n))) p.names.push_back(std::move(n));
    p.bare_names.clear();
  }
}

void link_places(GazetteerDraft& draft) {
  name_bare_districts(draft);
  const CodeIndex codes = index_codes(draft);
  const auto& country_by_code = codes.countries;
  const auto& region_by_admin1 = codes.regions;
  const auto& district_by_admin2 = codes.districts;
  link_continents(draft, country_by_code);
  // Regions and districts (areas) take their population and point from the cities in them.
  std::unordered_map<std::uint32_t, const BuildPlace*> seat, capital;
  std::unordered_map<std::uint32_t, std::uint64_t> area_population;
  std::unordered_map<std::uint32_t, std::vector<const BuildPlace*>> area_members;  // With coordinates.
  for (auto& [id, p] : draft.places) {
    if (p.level != Level::country && p.level != Level::sea && p.level != Level::continent) {
      if (auto c = country_by_code.find(p.country_code); c != country_by_code.end()) p.country = c->second;
    }
    if (p.level == Level::district)
      if (auto r = region_by_admin1.find(p.admin1); r != region_by_admin1.end()) p.region = r->second;
    if (p.level == Level::city) {
      if (auto d = district_by_admin2.find(p.admin2); d != district_by_admin2.end()) {
        p.district = d->second;
        area_population[p.district] += p.population;
        if (p.has_coordinates) area_members[p.district].push_back(&p);
      }
      if (auto r = region_by_admin1.find(p.admin1); r != region_by_admin1.end()) {
        p.region = r->second;
        area_population[p.region] += p.population;
        if (p.has_coordinates) area_members[p.region].push_back(&p);
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
    if (p.level == Level::region || p.level == Level::district) {
      if (!p.population) p.population = area_population[id];
      if (auto m = area_members.find(id); !p.has_coordinates && m != area_members.end())
        p.has_coordinates = centre_of(m->second, p.lat, p.lon);
      if (auto s = seat.find(id); !p.has_coordinates && s != seat.end()) {
        p.has_coordinates = true;
        p.lat = s->second->lat;
        p.lon = s->second->lon;
      }
    }
    if (p.level == Level::country) {
      if (auto c = draft.country_points.find(p.country_code); !p.has_coordinates && c != draft.country_points.end()) {
        p.has_coordinates = true;
        p.lat = c->second.first;
        p.lon = c->second.second;
      }
      if (auto c = capital.find(id); !p.has_coordinates && c != capital.end()) {
        p.has_coordinates = true;
        p.lat = c->second->lat;
        p.lon = c->second->lon;
      }
    }
  }
}

}  // namespace newsq::places
