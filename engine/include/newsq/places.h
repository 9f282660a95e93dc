// newsq/places.h: the gazetteer behind the location facet, and the places newsq finds in a text.
// For tools and evaluation (`newsq gazetteer build`, `newsq places`); indexing and searching use
// the gazetteer on their own (WriterOptions::gazetteer).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "newsq/export.h"

namespace newsq {

struct NEWSQ_EXPORT GazetteerBuildReport {
  std::uint64_t places = 0, countries = 0, regions = 0, cities = 0, seas = 0, districts = 0, continents = 0;
  std::uint64_t names = 0;             // Distinct normalised names in the name index.
  std::uint64_t skipped_rows = 0;      // Rows of feature types the gazetteer does not keep.
  std::uint64_t dropped_names = 0;     // Alternate names not indexed (codes, noise, other scripts).
  std::uint64_t country_outlines = 0;  // Countries placed at the centre of their outline (*.geo.json).
  std::uint64_t adjectives = 0;        // Adjectives and demonyms given to places (demonyms*.tsv).
  std::uint64_t adjective_places_missing = 0;  // Demonym lines whose place this gazetteer lacks.
  std::vector<std::string> rejected;   // Malformed lines, as "file:line: reason".
};

// Builds the gazetteer file `out` from GeoNames dumps (cities*.txt, country files such as UA.txt,
// admin1CodesASCII.txt, countryInfo.txt; gzip or not), a countries file (*.json: world-countries'
// countries.json, with the package's outlines data/*.geo.json beside it when present) and newsq
// place facts (*.tsv, such as corpus/places.tsv; demonyms*.tsv: adjectives and demonyms of places, such
// as corpus/demonyms.tsv). Malformed lines are skipped and listed in the report. `out` is replaced
// atomically. Throws newsq::Error for an input that cannot be read or an output that cannot be
// written.
NEWSQ_EXPORT GazetteerBuildReport build_gazetteer(const std::vector<std::string>& inputs, const std::string& out);

// The gazetteer file index `dir` was built with; empty when it was built without one. Throws
// newsq::DatabaseError when `dir` is not a readable index.
NEWSQ_EXPORT std::string index_gazetteer(const std::string& dir);

struct NEWSQ_EXPORT GazetteerPlace {
  std::uint32_t id = 0;         // GeoNames id (hand-written facts: ids >= 4000000000).
  std::string name;             // "Kyiv".
  std::string level;            // "continent", "country", "region", "district", "city" or "sea".
  std::string country_code;     // ISO 3166 alpha-2; empty for seas.
  std::uint32_t region_id = 0;  // Id of its first-level region; 0 if none.
  std::string region;           // That region's name; empty if none.
  bool has_coordinates = false;
  double lat = 0, lon = 0;  // WGS84 degrees.
};

struct NEWSQ_EXPORT FoundPlace {
  GazetteerPlace place;
  std::uint32_t mentions = 0;  // Accepted mentions of it.
  std::string reason;          // Why its first accepted mention was read as this place.
  std::string kind = "name";   // "name" if a mention names it, else "adjective" ("Russian"), else "demonym".
};

struct NEWSQ_EXPORT PlaceMention {
  std::uint32_t begin = 0, end = 0;  // Byte range in the text.
  std::string text;                  // The words as written.
  bool accepted = false;
  std::uint32_t place = 0;  // Id of the place chosen; 0 when rejected.
  std::string reason;       // Why it was chosen or rejected.
  std::string kind = "name";  // "name" ("Russia"), "adjective" ("Russian") or "demonym" ("Russians", "Texans").
};

struct NEWSQ_EXPORT PlacesInText {
  std::vector<FoundPlace> places;      // In order of first occurrence.
  std::vector<PlaceMention> mentions;  // Every candidate, accepted or not, in text order.
};

// The places newsq finds in `text` with the gazetteer file `gazetteer`, exactly as indexing finds
// them, with the reason for every decision. Throws newsq::Error for a gazetteer that cannot be read.
NEWSQ_EXPORT PlacesInText find_places(const std::string& text, const std::string& gazetteer);

}  // namespace newsq
