// indexer/places/gazetteer_parsers.cc: one parser per kind of input, each line checked and either
// added to the draft or listed as rejected with its file and line.
#include "indexer/places/gazetteer_parsers.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>
#include <functional>
#include <optional>

#include <nlohmann/json.hpp>

#include "indexer/readers/input_stream.h"
#include "newsq/error.h"
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
  std::string folded(name);
  for (char& c : folded)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (kNoiseNames.contains(folded)) return false;
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
  return std::nullopt;
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

void read_admin1(const std::string& path, GazetteerDraft& draft) {
  for_each_line(path, draft, [&](const std::string& line, std::uint64_t number) {
    if (line.empty() || line[0] == '#') return;
    auto f = split(line, '\t');
    BuildPlace p;
    if (f.size() != 4) {
      draft.reject(
          path, number,
          "expected 4 tab-separated columns (code, name, ascii name, geonameid), found " + std::to_string(f.size()));
      return;
    }
    auto dot = f[0].find('.');
    if (dot != 2 || f[0].size() < 4) {
      draft.reject(path, number, "bad admin1 code '" + std::string(f[0]) + "' (expected CC.code)");
      return;
    }
    if (!parse_number(f[3], p.id) || p.id == 0) {
      draft.reject(path, number, "bad geonameid '" + std::string(f[3]) + "'");
      return;
    }
    if (f[1].empty()) {
      draft.reject(path, number, "empty name");
      return;
    }
    p.level = Level::region;
    p.name = f[1];
    p.admin1 = f[0];
    p.country_code = f[0].substr(0, 2);
    p.feature = "A.ADM1";
    p.names.emplace_back(f[1]);
    if (f[2] != f[1] && !f[2].empty()) p.names.emplace_back(f[2]);
    draft.add(std::move(p));
  });
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
    p.names.emplace_back(f[4]);
    draft.add(std::move(p));
  });
}

// id, level, country, admin1, lat, lon, population, feature, name, alternate names (comma-separated).
void read_facts(const std::string& path, GazetteerDraft& draft) {
  for_each_line(path, draft, [&](const std::string& line, std::uint64_t number) {
    if (trim(line).empty() || line[0] == '#') return;
    auto f = split(line, '\t');
    if (f.size() != 10) {
      draft.reject(path, number, "expected 10 tab-separated columns, found " + std::to_string(f.size()));
      return;
    }
    std::uint32_t id = 0;
    if (!parse_number(f[0], id) || id == 0) {
      draft.reject(path, number, "bad id '" + std::string(f[0]) + "'");
      return;
    }
    auto level = level_of_word(trim(f[1]));
    if (!level) {
      draft.reject(path, number, "bad level '" + std::string(f[1]) + "' (country, region, city or sea)");
      return;
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
                           std::string(trim(f[7])), std::move(names), std::move(removed)});
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

// A JSON array of country objects, each with "cca2" (ISO 3166-1 alpha-2) and "latlng" ([lat, lon]):
// the shape of world-countries' countries.json (mledoze/countries). Other members are ignored. A
// file that is not such an array throws, as a gazetteer silently built without the points would
// put every country back at its capital; a bad entry is rejected as "file:N" (N = its place in the
// array, from 1) and skipped.
void read_countries_json(const std::string& path, GazetteerDraft& draft) {
  std::string text;
  {
    indexer::InputStream in(path, kMaxLineBytes);
    std::string line;
    while (in.next_line(line)) {
      if (in.overlong())
        throw InputError(path, in.line_number(), "line longer than " + std::to_string(kMaxLineBytes) + " bytes");
      text += line;
      text += '\n';
    }
    if (!in.error().empty()) throw InputError(path, in.line_number() + 1, in.error());
  }
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded())
    throw InputError(path, 0, "not a JSON file (expected a countries file: an array of objects with cca2 and latlng)");
  if (!doc.is_array() || doc.empty())
    throw InputError(path, 0, "expected a JSON array of countries (objects with cca2 and latlng)");
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
    const double lat = (*latlng)[0].get<double>(), lon = (*latlng)[1].get<double>();
    if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
      draft.reject(path, number, "latlng out of range for '" + cc + "'");
      continue;
    }
    draft.country_points.try_emplace(cc, lat, lon);  // The first file naming a country wins.
    ++usable;
  }
  if (usable == 0) throw InputError(path, 0, "no country with a cca2 code and a latlng point");
}

}  // namespace newsq::places
