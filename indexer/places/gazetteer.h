// indexer/places/gazetteer.h: the place gazetteer, loaded read-only from the compact file that
// GazetteerBuilder writes: places (id, names, level, coordinates, population, region and country)
// and an index from normalised names (TextAnalyzer terms joined by one space) to place ids.
//
// Loading reads the file into memory and points into it: no parsing, no hashing of names, so a
// gazetteer of every GeoNames city loads in milliseconds. One Gazetteer is shared read-only by
// every document builder and searcher of a process (it is immutable, hence thread-safe).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/hashing.h"

namespace newsq::places {

// Place levels. The values are stored in gazetteer files and never change meaning; levels added
// later take new values, so the order of the values is not the hierarchy: see level_rank. Seas
// (and other water bodies) stand beside the hierarchy. A continent is also a macro-region ("the
// Middle East", "the Balkans"): a group of countries (feature L.CONT for continents, L.RGN for
// macro-regions); a district is a second-level division (admin2: a county, a raion).
enum class Level : std::uint8_t { country = 0, region = 1, city = 2, sea = 3, district = 4, continent = 5 };
inline constexpr std::uint8_t kMaxLevel = 5;
// "country", "region", "city", "sea", "district", "continent".
std::string_view level_name(Level level);
// Coarse to fine: continent 0, country 1, region 2, district 3, city and sea 4.
int level_rank(Level level);

// One place. String views point into the gazetteer; they live as long as it does.
struct Place {
  std::uint32_t id = 0;  // GeoNames id; hand-written facts without one use ids >= 4000000000.
  Level level = Level::city;
  std::uint32_t region = 0;    // Id of the first-level region (admin1) it lies in; 0 if none/unknown.
  std::uint32_t district = 0;  // Id of the second-level division (admin2) a city lies in; 0 if none/unknown.
  std::uint32_t country = 0;   // Id of its country; 0 if none (seas) or unknown.
  // For a country: the ids of the continents and macro-regions it lies in (empty for other levels).
  std::span<const std::uint32_t> within;
  bool has_coordinates = false;
  double lat = 0, lon = 0;  // WGS84 degrees. For regions and countries: their centre's (a proxy).
  std::uint64_t population = 0;
  std::string_view name;             // Primary name ("Kyiv").
  std::string_view country_code;     // ISO 3166 alpha-2 ("UA"); empty for seas.
  std::string_view admin1;           // "UA.12"; empty if none.
  std::string_view feature;          // GeoNames class.code ("P.PPLC", "A.ADM1", "H.SEA").
  std::string_view alternate_names;  // Every alternate name as imported, comma-separated.
};

class Gazetteer {
 public:
  // Maps a file written by GazetteerBuilder::write(). Throws newsq::Error naming the file for a
  // missing, truncated or foreign file, or one of another format version. Its records are checked
  // as lookups reach them: at(), find(), lookup() and probe() throw newsq::Error ("truncated or
  // corrupt", naming the file and the record) instead of reading outside a damaged file.
  static std::shared_ptr<const Gazetteer> load(const std::string& path);
  // The same from bytes already in memory (the builder's own result, tests), checked whole here.
  static std::shared_ptr<const Gazetteer> from_bytes(std::string bytes, const std::string& origin);

  std::size_t size() const;           // Number of places.
  Place at(std::size_t index) const;  // index < size(); places are ordered by id.
  // The place with this id, or false.
  bool find(std::uint32_t id, Place& out) const;

  // Ids of the places called `key` (normalised terms joined by one space); empty if none. Names
  // only: an adjective or demonym ("russian", "russians") gives none, so that queries, --place and --facet
  // resolve place names, never adjectives ("Russian troops" stays words).
  std::span<const std::uint32_t> lookup(std::string_view key) const;
  // What one probe of the name table tells about `key` (terms joined by one space): the places
  // called so, and in `longer` bit n-1 set if some name of n terms starts with `key`. False when
  // `key` is neither a name nor the start of one: the fast path for almost every word of a text.
  // `adjective`: the key is an adjective of the places ("russian"), `demonym`: a noun for their people
  // ("russians"; corpus/demonyms.tsv), not a name.
  struct NameEntry {
    std::span<const std::uint32_t> ids;
    std::uint32_t longer = 0;
    bool adjective = false, demonym = false;
  };
  bool probe(std::string_view key, NameEntry& out) const;
  // The ids of the places called exactly `key`, copied (for tests and tools).
  std::vector<std::uint32_t> probe_ids(std::string_view key) const {
    NameEntry e;
    return probe(key, e) ? std::vector<std::uint32_t>(e.ids.begin(), e.ids.end()) : std::vector<std::uint32_t>{};
  }

  // A content checksum (16 hex digits), written at build time: an index records it, so that a
  // changed gazetteer is noticed.
  const std::string& checksum() const { return checksum_; }
  const std::string& origin() const { return origin_; }  // The path it was loaded from.

 private:
  Gazetteer() = default;
  // `storage`: the file's bytes, 8-byte aligned (memory-mapped, or a copy), kept alive by it.
  // `check_all`: check every record now, not as lookups reach them.
  static std::shared_ptr<const Gazetteer> adopt(std::shared_ptr<const std::uint64_t> storage, std::size_t size,
                                                const std::string& origin, bool check_all);
  std::shared_ptr<const std::uint64_t> storage_;
  std::size_t bytes_ = 0;
  const struct GazetteerHeader* header_ = nullptr;
  std::string checksum_, origin_;
  std::size_t find_name(std::string_view key) const;  // Name record index, or SIZE_MAX.
};

// The hash of the name table and of the file's checksum (shared by builder and loader): FNV-1a 64.
inline std::uint64_t name_hash(std::string_view key) { return common::fnv1a64(key); }

}  // namespace newsq::places
