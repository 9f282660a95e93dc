// indexer/places/gazetteer_format.h: the gazetteer file format, shared by the builder (writer)
// and Gazetteer (reader). Version 3, little-endian, every section 8-byte aligned:
//
//   GazetteerHeader | PlaceRecord[n_places] (sorted by id) | NameRecord[n_names]
//   | uint32 ids[n_ids] | uint32 table[table_size] | string bytes
//
// `ids` holds the places of each name, then the `within` lists of countries (PlaceRecord).
// `table` is an open-addressing hash table (linear probing, size a power of two) over the name
// records: slot = name_hash(key) & (size - 1), holding name index + 1, 0 for empty. Every name
// and every proper prefix of a multi-term name has a record (maybe with no ids), so that matching
// extends a name word by word and stops at the first probe that fails.
// A name record's flags: kNameAdjective marks a key that is an adjective of its places, kNameDemonym a
// noun for their people (corpus/demonyms.tsv: "russian", "russians" -> Russia); such a key names only
// those places.
// Bump kGazetteerVersion on any change; old files are then refused with a clear message.
#pragma once

#include <cstdint>

namespace newsq::places {

inline constexpr char kGazetteerMagic[8] = {'N', 'Q', 'G', 'A', 'Z', 'E', 'T', '\0'};
inline constexpr std::uint32_t kGazetteerVersion = 4;  // 3: districts, continents, district and within; 4: name flags.
inline constexpr std::uint32_t kEndianCheck = 0x01020304;
inline constexpr unsigned kMaxNameTerms = 8;

struct GazetteerHeader {
  char magic[8];
  std::uint32_t version;
  std::uint32_t endian_check;
  std::uint64_t checksum;  // FNV-1a 64 of everything after the header.
  std::uint64_t file_size;
  std::uint32_t n_places, n_names, n_ids, table_size;
  std::uint64_t places_off, names_off, ids_off, table_off, strings_off, strings_size;
};

struct StringRef {
  std::uint32_t off, len;  // Into the string bytes.
};

struct PlaceRecord {
  std::uint32_t id, region, country, district;
  std::uint8_t level, has_coordinates, pad[2];
  std::uint32_t within_off, within_count;  // Into ids[]: a country's continents and macro-regions.
  std::uint32_t pad2;
  double lat, lon;
  std::uint64_t population;
  StringRef name, country_code, admin1, feature, alternate_names;
};

struct NameRecord {
  StringRef key;
  std::uint32_t ids_off, ids_count;  // Into ids[].
  std::uint32_t lengths_mask;        // Bit n-1: a longer name of n terms starts with this key.
  std::uint32_t flags;               // kName* bits.
};

inline constexpr std::uint32_t kNameAdjective = 1, kNameDemonym = 2;

static_assert(sizeof(GazetteerHeader) == 96 && sizeof(PlaceRecord) == 96 && sizeof(NameRecord) == 24);

}  // namespace newsq::places
