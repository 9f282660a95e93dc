// indexer/places/place_lexicon.h: the words place extraction knows beside the gazetteer's names:
// what makes a name a place, a person's or an organisation's. Terms and keys are normalised as
// the analyser makes them (lower case; a key is a name's terms joined by one space).
#pragma once

#include <span>
#include <string_view>

namespace newsq::places::lexicon {

// A word after which a capitalised name is a place ("in Bar", "near Nice", "from Reading").
bool context_word(std::string_view term);
// A place name that is also an everyday word, a given name or an organisation's short name
// ("march", "nice", "harris"): a place only where context says so.
bool common_word(std::string_view key);
// Months, weekdays and adjectives of direction or region ("in March", "Western media"): places
// called so only with a qualifier ("March, Cambridgeshire").
bool qualifier_only(std::string_view key);
// Names only capitals tell from an everyday word ("US" and "us"): not places in a line of capitals.
bool case_only(std::string_view key);
// Nouns that make a coordinated list of names regions' ("the Kherson and Zaporizhzhia regions",
// "the regions of Luhansk and Donetsk").
bool region_noun(std::string_view term);
// Words for a first-level division that make a name next to them the division's, not its city's:
// "Washington state", "the state of New York", "the province of Quebec".
bool region_word(std::string_view term);
// Offices of a first-level division that make the name just before them the division's: "New York
// Gov.", "Ontario Premier", "Kharkiv Governor" (and a minister after one more word: "Quebec Health
// Minister", place_features.cc).
bool region_office(std::string_view term);
// "X, south of Y", "X, just outside Y": the words that place a name near the next one, and the
// words that may stand before them ("just", "some 30 km").
bool nearby_word(std::string_view term);
bool distance_hedge(std::string_view term);
// Suffixes (with their leading space) that turn a name's key into its region's ("kherson oblast").
std::span<const char* const> region_suffixes();
// A word after which a capitalised name is part of an outlet's or team's name ("Washington Post").
bool org_word(std::string_view term);
// A capitalised word that with "of" makes the name after it an organisation's ("University of
// Georgia", "Bank of England").
bool org_before_of(std::string_view term);
// A word after a town's name that makes it the district around it ("Loudoun County").
bool district_word(std::string_view term);
// A capitalised word that may precede a place without making it a person's name ("North", "Old").
bool place_modifier(std::string_view term);
// A lower-case noun for a settlement that with "of" makes the name after it a place ("the town of
// Pulawy", "the village of Ranya", "the mayor of Dogubayazit").
bool settlement_noun(std::string_view term);
// Of those, a populated place's noun ("city", "town", "village", "mayor"): the name after it is a town's.
bool town_noun(std::string_view term);
// A word after a town's name that makes it the town's institution's: "Beaconsfield Mayor", "New
// Milford Police", "Danbury police", "Enfield Council" (a place, not part of a person's name).
bool local_institution(std::string_view term);
// Two words after a town's name that make its institution: "City Council", "Town Hall", "Superior Court".
bool institution_pair(std::string_view first, std::string_view second);

}  // namespace newsq::places::lexicon
