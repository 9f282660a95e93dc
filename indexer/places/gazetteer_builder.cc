// indexer/places/gazetteer_builder.cc: GeoNames and place-facts parsing, linking, name
// normalisation (through the same TextAnalyzer as indexing) and the file writer.
#include "indexer/places/gazetteer_builder.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>
#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/gazetteer.h"
#include "indexer/places/gazetteer_format.h"
#include "indexer/places/place_extractor.h"
#include "newsq/error.h"

namespace newsq::places {
namespace {

struct BuildPlace {
  std::uint32_t id = 0;
  Level level = Level::city;
  std::string name, country_code, admin1, feature, alternate_names;
  bool has_coordinates = false;
  double lat = 0, lon = 0;
  std::uint64_t population = 0;
  std::vector<std::string> names;        // Names to index (filtered).
  std::vector<std::string> fact_names;   // Hand-written names: indexed without filters.
  std::uint32_t region = 0, country = 0;
};

// Words GeoNames lists as alternate names that are not names of the place (the names of
// languages in some lists), and English function words that a few tiny places are called.
const std::set<std::string, std::less<>> kNoiseNames = {
    "hindi", "kartuli", "hayeren", "english", "deutsch", "francais", "español", "espanol", "italiano",
    "русский", "polski", "nihongo", "ellinika", "the", "and", "of", "in", "on", "at", "to", "for", "by",
    "with", "from", "is", "it", "as", "an", "or", "but", "not", "all", "new", "old", "city", "town"};

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
    if (script != USCRIPT_LATIN && script != USCRIPT_CYRILLIC && script != USCRIPT_COMMON && script != USCRIPT_INHERITED)
      return false;
  }
  return true;
}

// Whether an alternate name from a GeoNames row is worth indexing. Drops airport and other codes
// ("IEV"), lower-case romanisations of other scripts ("kiu", "zha bo li ri zha"), names with
// digits or URLs, noise words, and names in scripts the archive does not use.
bool keep_alternate(std::string_view name) {
  if (name.empty() || name.size() > 100) return false;
  if (name.find_first_of("0123456789/") != std::string_view::npos || name.find("http") != std::string_view::npos) return false;
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
  if (kNoiseNames.count(folded)) return false;
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

// Reads a text file, gzip or plain, line by line.
class LineReader {
 public:
  explicit LineReader(const std::string& path) : path_(path) {
    file_ = gzopen(path.c_str(), "rb");
    if (!file_) throw InputError(path, 0, "cannot open: " + std::string(std::strerror(errno)));
  }
  ~LineReader() {
    if (file_) gzclose(file_);
  }
  bool next(std::string& line) {
    line.clear();
    for (;;) {
      if (pos_ == buffer_.size()) {
        buffer_.resize(1 << 16);
        int n = gzread(file_, buffer_.data(), static_cast<unsigned>(buffer_.size()));
        if (n < 0) throw InputError(path_, number_ + 1, "read error");
        buffer_.resize(static_cast<std::size_t>(n));
        pos_ = 0;
        if (n == 0) {
          if (line.empty()) return false;
          ++number_;
          return true;
        }
      }
      const char* start = buffer_.data() + pos_;
      const void* nl = std::memchr(start, '\n', buffer_.size() - pos_);
      if (nl) {
        std::size_t len = static_cast<const char*>(nl) - start;
        line.append(start, len);
        pos_ += len + 1;
        ++number_;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return true;
      }
      line.append(start, buffer_.size() - pos_);
      pos_ = buffer_.size();
    }
  }
  std::uint64_t number() const { return number_; }

 private:
  std::string path_;
  gzFile file_ = nullptr;
  std::string buffer_;
  std::size_t pos_ = 0;
  std::uint64_t number_ = 0;
};

std::optional<Level> level_of_feature(std::string_view cls, std::string_view code) {
  if (cls == "P") return Level::city;
  if (cls == "A" && code == "ADM1") return Level::region;
  if (cls == "A" && (code == "PCLI" || code == "PCLD" || code == "PCLS" || code == "PCLF" || code == "PCL")) return Level::country;
  if (cls == "H" && (code == "SEA" || code == "BAY" || code == "GULF" || code == "STRT" || code == "STM" || code == "LK" ||
                     code == "RSV" || code == "LGN" || code == "OCN"))
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

struct GazetteerBuilder::Impl {
  std::map<std::uint32_t, BuildPlace> places;
  GazetteerBuildReport report;

  BuildPlace* add(BuildPlace p) {
    auto [it, fresh] = places.try_emplace(p.id, std::move(p));
    return fresh ? &it->second : nullptr;  // The first file naming an id wins.
  }

  void reject(const std::string& file, std::uint64_t line, const std::string& reason) {
    report.rejected.push_back(file + ":" + std::to_string(line) + ": " + reason);
  }

  void read_geonames(const std::string& path) {
    LineReader in(path);
    std::string line;
    while (in.next(line)) {
      if (line.empty() || line[0] == '#') continue;
      auto f = split(line, '\t');
      if (f.size() != 19) {
        reject(path, in.number(), "expected 19 tab-separated GeoNames columns, found " + std::to_string(f.size()));
        continue;
      }
      BuildPlace p;
      if (!parse_number(f[0], p.id) || p.id == 0) { reject(path, in.number(), "bad geonameid '" + std::string(f[0]) + "'"); continue; }
      if (f[1].empty()) { reject(path, in.number(), "empty name"); continue; }
      if (!parse_number(f[4], p.lat) || !parse_number(f[5], p.lon) || p.lat < -90 || p.lat > 90 || p.lon < -180 || p.lon > 180) {
        reject(path, in.number(), "bad coordinates '" + std::string(f[4]) + "', '" + std::string(f[5]) + "'");
        continue;
      }
      if (!f[14].empty() && !parse_number(f[14], p.population)) { reject(path, in.number(), "bad population '" + std::string(f[14]) + "'"); continue; }
      auto level = level_of_feature(f[6], f[7]);
      if (!level) { ++report.skipped_rows; continue; }
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
        if (keep_alternate(alt)) p.names.emplace_back(alt);
        else if (!alt.empty()) ++report.dropped_names;
      }
      add(std::move(p));
    }
  }

  void read_admin1(const std::string& path) {
    LineReader in(path);
    std::string line;
    while (in.next(line)) {
      if (line.empty() || line[0] == '#') continue;
      auto f = split(line, '\t');
      BuildPlace p;
      if (f.size() != 4) { reject(path, in.number(), "expected 4 tab-separated columns (code, name, ascii name, geonameid), found " + std::to_string(f.size())); continue; }
      auto dot = f[0].find('.');
      if (dot != 2 || f[0].size() < 4) { reject(path, in.number(), "bad admin1 code '" + std::string(f[0]) + "' (expected CC.code)"); continue; }
      if (!parse_number(f[3], p.id) || p.id == 0) { reject(path, in.number(), "bad geonameid '" + std::string(f[3]) + "'"); continue; }
      if (f[1].empty()) { reject(path, in.number(), "empty name"); continue; }
      p.level = Level::region;
      p.name = f[1];
      p.admin1 = f[0];
      p.country_code = f[0].substr(0, 2);
      p.feature = "A.ADM1";
      p.names.emplace_back(f[1]);
      if (f[2] != f[1] && !f[2].empty()) p.names.emplace_back(f[2]);
      add(std::move(p));
    }
  }

  void read_country_info(const std::string& path) {
    LineReader in(path);
    std::string line;
    while (in.next(line)) {
      if (line.empty() || line[0] == '#') continue;
      auto f = split(line, '\t');
      if (f.size() < 17) { reject(path, in.number(), "expected at least 17 tab-separated countryInfo columns, found " + std::to_string(f.size())); continue; }
      BuildPlace p;
      if (f[0].size() != 2) { reject(path, in.number(), "bad ISO code '" + std::string(f[0]) + "'"); continue; }
      if (!parse_number(f[16], p.id) || p.id == 0) { reject(path, in.number(), "bad geonameid '" + std::string(f[16]) + "'"); continue; }
      if (!f[7].empty() && !parse_number(f[7], p.population)) { reject(path, in.number(), "bad population '" + std::string(f[7]) + "'"); continue; }
      p.level = Level::country;
      p.name = f[4];
      p.country_code = f[0];
      p.feature = "A.PCLI";
      p.names.emplace_back(f[4]);
      add(std::move(p));
    }
  }

  // id, level, country, admin1, lat, lon, population, feature, name, alternate names (comma-separated).
  void read_facts(const std::string& path) {
    LineReader in(path);
    std::string line;
    while (in.next(line)) {
      if (trim(line).empty() || line[0] == '#') continue;
      auto f = split(line, '\t');
      if (f.size() != 10) { reject(path, in.number(), "expected 10 tab-separated columns, found " + std::to_string(f.size())); continue; }
      std::uint32_t id = 0;
      if (!parse_number(f[0], id) || id == 0) { reject(path, in.number(), "bad id '" + std::string(f[0]) + "'"); continue; }
      auto level = level_of_word(trim(f[1]));
      if (!level) { reject(path, in.number(), "bad level '" + std::string(f[1]) + "' (country, region, city or sea)"); continue; }
      double lat = 0, lon = 0;
      bool coords = !trim(f[4]).empty();
      if (coords && (!parse_number(f[4], lat) || !parse_number(f[5], lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180)) {
        reject(path, in.number(), "bad coordinates");
        continue;
      }
      std::uint64_t population = 0;
      if (!trim(f[6]).empty() && !parse_number(f[6], population)) { reject(path, in.number(), "bad population"); continue; }
      std::vector<std::string> names;
      if (!trim(f[8]).empty()) names.emplace_back(trim(f[8]));
      std::vector<std::string> removed;  // "-Name": a name the dumps give this place wrongly.
      for (auto alt : split(f[9], ',')) {
        alt = trim(alt);
        if (alt.size() > 1 && alt.front() == '-') removed.emplace_back(trim(alt.substr(1)));
        else if (!alt.empty()) names.emplace_back(alt);
      }
      facts.push_back({id, *level, std::string(trim(f[2])), std::string(trim(f[3])), coords, lat, lon, population,
                       std::string(trim(f[7])), std::move(names), std::move(removed)});
    }
  }

  // Facts are applied after every file is read, so that they complement whatever the dumps gave.
  struct Fact {
    std::uint32_t id;
    Level level;
    std::string country_code, admin1;
    bool coords;
    double lat, lon;
    std::uint64_t population;
    std::string feature;
    std::vector<std::string> names;
    std::vector<std::string> removed;  // Names to take away from the place (not matched any more).
  };
  std::vector<Fact> facts;

  void apply_facts() {
    for (auto& f : facts) {
      auto it = places.find(f.id);
      if (it == places.end()) {
        BuildPlace p;
        p.id = f.id;
        p.level = f.level;
        p.name = f.names.empty() ? std::to_string(f.id) : f.names.front();
        p.country_code = f.country_code;
        p.admin1 = f.admin1;
        p.feature = f.feature;
        it = places.emplace(f.id, std::move(p)).first;
      }
      BuildPlace& p = it->second;
      for (const auto& r : f.removed)
        std::erase_if(p.names, [&](const std::string& n) { return n == r; });
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
    facts.clear();
  }

  void link() {
    std::unordered_map<std::string, std::uint32_t> country_by_code, region_by_admin1;
    for (auto& [id, p] : places) {
      if (p.level == Level::country && !p.country_code.empty()) country_by_code.try_emplace(p.country_code, id);
      if (p.level == Level::region && !p.admin1.empty()) region_by_admin1.try_emplace(p.admin1, id);
    }
    std::unordered_map<std::uint32_t, const BuildPlace*> seat, capital;
    std::unordered_map<std::uint32_t, std::uint64_t> region_population;
    for (auto& [id, p] : places) {
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
    for (auto& [id, p] : places) {
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

  std::string serialise() {
    analysis::TextAnalyzer analyzer;
    std::unordered_map<std::string, std::vector<std::uint32_t>> index;
    std::unordered_map<std::string, std::uint32_t> lengths;
    auto key_of = [&](const std::string& name, unsigned& terms) {
      std::string key = PlaceExtractor::name_key(name, analyzer);
      terms = key.empty() ? 0 : static_cast<unsigned>(std::count(key.begin(), key.end(), ' ') + 1);
      return key;
    };
    // Every proper prefix of a multi-term key learns that a name of `terms` terms continues it.
    auto note_prefixes = [&](const std::string& key, unsigned terms) {
      for (std::size_t space = key.find(' '); space != std::string::npos; space = key.find(' ', space + 1))
        lengths[key.substr(0, space)] |= 1u << (terms - 1);
    };
    for (auto& [id, p] : places) {
      std::set<std::string> keys;
      for (const auto& n : p.names) {
        unsigned terms = 0;
        std::string key = key_of(n, terms);
        if (terms == 0 || terms > kMaxNameTerms || (terms == 1 && (key.size() < 3 || kNoiseNames.count(key)))) {
          ++report.dropped_names;
          continue;
        }
        if (keys.insert(key).second) note_prefixes(key, terms);
      }
      for (const auto& n : p.fact_names) {  // Hand-written: trusted, even "US".
        unsigned terms = 0;
        std::string key = key_of(n, terms);
        if (terms == 0 || terms > kMaxNameTerms) continue;
        if (keys.insert(key).second) note_prefixes(key, terms);
      }
      for (const auto& k : keys) index[k].push_back(id);
    }
    for (const auto& [prefix, mask] : lengths) index.try_emplace(prefix);

    // Sections.
    std::string strings;
    auto intern = [&](std::string_view s) {
      StringRef r{static_cast<std::uint32_t>(strings.size()), static_cast<std::uint32_t>(s.size())};
      strings.append(s);
      return r;
    };
    std::vector<PlaceRecord> records;
    records.reserve(places.size());
    for (auto& [id, p] : places) {
      PlaceRecord r{};
      r.id = id;
      r.region = p.region;
      r.country = p.country;
      r.level = static_cast<std::uint8_t>(p.level);
      r.has_coordinates = p.has_coordinates;
      r.lat = p.lat;
      r.lon = p.lon;
      r.population = p.population;
      r.name = intern(p.name);
      r.country_code = intern(p.country_code);
      r.admin1 = intern(p.admin1);
      r.feature = intern(p.feature);
      r.alternate_names = intern(p.alternate_names);
      records.push_back(r);
      switch (p.level) {
        case Level::country: ++report.countries; break;
        case Level::region: ++report.regions; break;
        case Level::city: ++report.cities; break;
        case Level::sea: ++report.seas; break;
      }
    }
    report.places = records.size();
    std::vector<std::string> keys;
    keys.reserve(index.size());
    for (const auto& [k, ids] : index) keys.push_back(k);
    std::sort(keys.begin(), keys.end());  // Deterministic output: same inputs, same bytes.
    std::vector<NameRecord> names;
    std::vector<std::uint32_t> ids;
    std::uint32_t table_size = 1;
    while (table_size < keys.size() * 2 + 1) table_size <<= 1;
    std::vector<std::uint32_t> table(table_size, 0);
    for (const auto& k : keys) {
      NameRecord r{};
      r.key = intern(k);
      const auto& list = index[k];
      r.ids_off = static_cast<std::uint32_t>(ids.size());
      r.ids_count = static_cast<std::uint32_t>(list.size());
      ids.insert(ids.end(), list.begin(), list.end());
      if (auto l = lengths.find(k); l != lengths.end()) r.lengths_mask = l->second;
      names.push_back(r);
      for (std::uint32_t slot = static_cast<std::uint32_t>(name_hash(k)) & (table_size - 1);; slot = (slot + 1) & (table_size - 1))
        if (table[slot] == 0) {
          table[slot] = static_cast<std::uint32_t>(names.size());
          break;
        }
    }
    report.names = keys.size();

    std::string out(sizeof(GazetteerHeader), '\0');
    auto append = [&](const void* data, std::size_t size) {
      std::uint64_t off = out.size();
      out.append(static_cast<const char*>(data), size);
      out.resize((out.size() + 7) / 8 * 8, '\0');
      return off;
    };
    GazetteerHeader h{};
    std::memcpy(h.magic, kGazetteerMagic, 8);
    h.version = kGazetteerVersion;
    h.endian_check = kEndianCheck;
    h.n_places = static_cast<std::uint32_t>(records.size());
    h.n_names = static_cast<std::uint32_t>(names.size());
    h.n_ids = static_cast<std::uint32_t>(ids.size());
    h.table_size = table_size;
    h.places_off = append(records.data(), records.size() * sizeof(PlaceRecord));
    h.names_off = append(names.data(), names.size() * sizeof(NameRecord));
    h.ids_off = append(ids.data(), ids.size() * 4);
    h.table_off = append(table.data(), table.size() * 4);
    h.strings_off = append(strings.data(), strings.size());
    h.strings_size = strings.size();
    h.file_size = out.size();
    h.checksum = name_hash(std::string_view(out).substr(sizeof(GazetteerHeader)));
    std::memcpy(out.data(), &h, sizeof h);
    return out;
  }
};

GazetteerBuilder::GazetteerBuilder() : impl_(std::make_unique<Impl>()) {}
GazetteerBuilder::~GazetteerBuilder() = default;

void GazetteerBuilder::add_file(const std::string& path) {
  std::string name = std::filesystem::path(path).filename().string();
  if (!std::filesystem::is_regular_file(path)) throw InputError(path, 0, "no such file");
  if (name.starts_with("admin1Codes")) impl_->read_admin1(path);
  else if (name.starts_with("countryInfo")) impl_->read_country_info(path);
  else if (name.ends_with(".tsv") || name.ends_with(".tsv.gz")) impl_->read_facts(path);
  else impl_->read_geonames(path);
}

std::string GazetteerBuilder::build() {
  impl_->apply_facts();
  impl_->link();
  return impl_->serialise();
}

void GazetteerBuilder::write(const std::string& path) {
  std::string bytes = build();
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())) || !out.flush())
      throw Error(tmp + ": cannot write the gazetteer");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw Error(path + ": cannot write the gazetteer: " + ec.message());
}

const GazetteerBuildReport& GazetteerBuilder::report() const { return impl_->report; }

}  // namespace newsq::places
