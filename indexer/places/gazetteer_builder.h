// indexer/places/gazetteer_builder.h: builds the gazetteer file from GeoNames dumps and newsq's
// hand-written place facts (corpus/places.tsv).
//
// Inputs, recognised by file name, gzip or not, in any order (they are linked at the end):
//   countryInfo*.txt      countries: ISO code, name, population, geonameid (`#` lines are comments)
//   admin1CodesASCII*.txt first-level regions: "CC.code", name, ascii name, geonameid
//   demonyms*.tsv         adjectives and demonyms of places (see corpus/demonyms.tsv): "Russian"
//                         -> Russia, by ISO code, admin1 code or id (gazetteer_demonyms.h)
//   *.tsv                 newsq place facts (see corpus/places.tsv): new places (seas, regions
//                         missing from the dumps) and extra names/coordinates for known ids
//   *.json                country points: world-countries' countries.json (npm package
//                         world-countries, ODbL): "cca2" and "latlng" of each country
//   anything else         19-column GeoNames rows: cities*.txt, country dumps such as UA.txt
// Places without coordinates of their own (from a GeoNames row or the facts file) get a
// representative point, not their capital's: regions the centre of the populated places inside
// them (gazetteer_linker.h) and the summed population of their cities; countries the point of the
// countries file, or without one that of their capital (PPLC).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "newsq/places.h"

namespace newsq::places {

using GazetteerBuildReport = newsq::GazetteerBuildReport;  // Public: newsq/places.h.

class GazetteerBuilder {
 public:
  GazetteerBuilder();
  ~GazetteerBuilder();
  GazetteerBuilder(const GazetteerBuilder&) = delete;
  GazetteerBuilder& operator=(const GazetteerBuilder&) = delete;

  // Reads one input file. Malformed lines are skipped and listed in report().rejected; an
  // unreadable file, or one that ends early (a truncated gzip stream), throws newsq::InputError
  // naming it.
  void add_file(const std::string& path);

  // Links regions and countries, normalises and indexes the names, and returns the file's bytes.
  std::string build();
  // build() written to `path` (through a temporary file and a rename, so readers never see half).
  void write(const std::string& path);

  const GazetteerBuildReport& report() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsq::places
