// indexer/places/gazetteer_writer.cc: the name index, the sections and the atomic write.
#include "indexer/places/gazetteer_writer.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <unordered_map>
#include <vector>

#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/gazetteer_format.h"
#include "indexer/places/gazetteer_parsers.h"
#include "indexer/places/name_key.h"
#include "newsq/error.h"

namespace newsq::places {
namespace {

// Every key -> the places it names, and every proper prefix of a multi-term key (with no places
// unless it is a name too) -> the bit mask of the lengths of the names it starts. A key that is an
// adjective or a demonym (`flags`: kNameAdjective, kNameDemonym) names only the places it is the
// adjective or demonym of: "russian" is Russia's, not a hamlet's.
struct NameIndex {
  std::unordered_map<std::string, std::vector<std::uint32_t>> ids;
  std::unordered_map<std::string, std::uint32_t> lengths;
  std::unordered_map<std::string, std::uint32_t> flags;
};

NameIndex index_names(GazetteerDraft& draft) {
  NameIndex index;
  analysis::TextAnalyzer analyzer;
  auto key_of = [&](const std::string& name, unsigned& terms) {
    std::string key = name_key(name, analyzer);
    terms = key.empty() ? 0 : static_cast<unsigned>(std::count(key.begin(), key.end(), ' ') + 1);
    return key;
  };
  auto note_prefixes = [&](const std::string& key, unsigned terms) {
    for (std::size_t space = key.find(' '); space != std::string::npos; space = key.find(' ', space + 1))
      index.lengths[key.substr(0, space)] |= 1u << (terms - 1);
  };
  for (auto& [id, p] : draft.places) {
    std::set<std::string> keys;
    for (const auto& n : p.names) {
      unsigned terms = 0;
      std::string key = key_of(n, terms);
      if (terms == 0 || terms > kMaxNameTerms || (terms == 1 && (key.size() < 3 || is_noise_name(key)))) {
        ++draft.report.dropped_names;
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
    for (const auto& k : keys) index.ids[k].push_back(id);
  }
  std::unordered_map<std::string, std::vector<std::uint32_t>> adjective_ids;
  for (auto& [id, p] : draft.places)
    for (const auto* forms : {&p.adjectives, &p.demonyms})
      for (const auto& n : *forms) {
        unsigned terms = 0;
        std::string key = key_of(n, terms);
        if (terms == 0 || terms > kMaxNameTerms) continue;
        index.flags[key] |= forms == &p.adjectives ? kNameAdjective : kNameDemonym;
        auto& list = adjective_ids[key];
        if (std::find(list.begin(), list.end(), id) != list.end()) continue;
        if (list.empty()) note_prefixes(key, terms);
        list.push_back(id);
      }
  for (auto& [key, list] : adjective_ids) index.ids[key] = std::move(list);  // Ascending: places are by id.
  for (const auto& [prefix, mask] : index.lengths) index.ids.try_emplace(prefix);
  return index;
}

// The string bytes every record points into.
class Strings {
 public:
  StringRef intern(std::string_view s) {
    StringRef r{static_cast<std::uint32_t>(bytes_.size()), static_cast<std::uint32_t>(s.size())};
    bytes_.append(s);
    return r;
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

std::vector<PlaceRecord> place_records(GazetteerDraft& draft, Strings& strings) {
  std::vector<PlaceRecord> records;
  records.reserve(draft.places.size());
  auto& report = draft.report;
  for (auto& [id, p] : draft.places) {
    PlaceRecord r{};
    r.id = id;
    r.region = p.region;
    r.district = p.district;
    r.country = p.country;
    r.level = static_cast<std::uint8_t>(p.level);
    r.has_coordinates = p.has_coordinates;
    r.lat = p.lat;
    r.lon = p.lon;
    r.population = p.population;
    r.name = strings.intern(p.name);
    r.country_code = strings.intern(p.country_code);
    r.admin1 = strings.intern(p.admin1);
    r.feature = strings.intern(p.feature);
    r.alternate_names = strings.intern(p.alternate_names);
    records.push_back(r);
    switch (p.level) {
      case Level::country:
        ++report.countries;
        break;
      case Level::region:
        ++report.regions;
        break;
      case Level::city:
        ++report.cities;
        break;
      case Level::sea:
        ++report.seas;
        break;
      case Level::district:
        ++report.districts;
        break;
      case Level::continent:
        ++report.continents;
        break;
    }
  }
  report.places = records.size();
  return records;
}

struct NameSections {
  std::vector<NameRecord> names;
  std::vector<std::uint32_t> ids;
  std::vector<std::uint32_t> table;  // See gazetteer_format.h.
};

NameSections name_sections(NameIndex& index, Strings& strings) {
  std::vector<std::string> keys;
  keys.reserve(index.ids.size());
  for (const auto& [k, ids] : index.ids) keys.push_back(k);
  std::sort(keys.begin(), keys.end());  // Deterministic output: same inputs, same bytes.
  NameSections out;
  std::uint32_t table_size = 1;
  while (table_size < keys.size() * 2 + 1) table_size <<= 1;
  out.table.assign(table_size, 0);
  for (const auto& k : keys) {
    NameRecord r{};
    r.key = strings.intern(k);
    const auto& list = index.ids[k];
    r.ids_off = static_cast<std::uint32_t>(out.ids.size());
    r.ids_count = static_cast<std::uint32_t>(list.size());
    out.ids.insert(out.ids.end(), list.begin(), list.end());
    if (auto l = index.lengths.find(k); l != index.lengths.end()) r.lengths_mask = l->second;
    if (auto f = index.flags.find(k); f != index.flags.end()) r.flags = f->second;
    out.names.push_back(r);
    for (std::uint32_t slot = static_cast<std::uint32_t>(name_hash(k)) & (table_size - 1);;
         slot = (slot + 1) & (table_size - 1))
      if (out.table[slot] == 0) {
        out.table[slot] = static_cast<std::uint32_t>(out.names.size());
        break;
      }
  }
  return out;
}

std::string assemble(const std::vector<PlaceRecord>& records, const NameSections& n, const Strings& strings) {
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
  h.n_names = static_cast<std::uint32_t>(n.names.size());
  h.n_ids = static_cast<std::uint32_t>(n.ids.size());
  h.table_size = static_cast<std::uint32_t>(n.table.size());
  h.places_off = append(records.data(), records.size() * sizeof(PlaceRecord));
  h.names_off = append(n.names.data(), n.names.size() * sizeof(NameRecord));
  h.ids_off = append(n.ids.data(), n.ids.size() * 4);
  h.table_off = append(n.table.data(), n.table.size() * 4);
  h.strings_off = append(strings.bytes().data(), strings.bytes().size());
  h.strings_size = strings.bytes().size();
  h.file_size = out.size();
  h.checksum = name_hash(std::string_view(out).substr(sizeof(GazetteerHeader)));
  std::memcpy(out.data(), &h, sizeof h);
  return out;
}

}  // namespace

std::string serialise_gazetteer(GazetteerDraft& draft) {
  NameIndex index = index_names(draft);
  Strings strings;  // Places' strings first, then the keys: the layout the format has always had.
  std::vector<PlaceRecord> records = place_records(draft, strings);
  NameSections names = name_sections(index, strings);
  draft.report.names = names.names.size();
  // The countries' `within` lists after the names' ids (records and places share the id order).
  std::size_t i = 0;
  for (const auto& [id, p] : draft.places) {
    PlaceRecord& r = records[i++];
    r.within_off = static_cast<std::uint32_t>(names.ids.size());
    r.within_count = static_cast<std::uint32_t>(p.within.size());
    names.ids.insert(names.ids.end(), p.within.begin(), p.within.end());
  }
  return assemble(records, names, strings);
}

void write_atomically(const std::string& path, const std::string& bytes) {
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

}  // namespace newsq::places
