// indexer/places/place_lexicon.cc: the word lists of place extraction. Each was found by running the
// extractor over the archive and reading what it wrongly picked or missed
// (tests/data/place_labels.tsv, `make -f Makefile.bench places`); extend them the same way.
#include "indexer/places/place_lexicon.h"
#include "engine/common/word_set.h"

#include <string>

namespace newsq::places::lexicon {
namespace {

// Words after which a capitalised name is a place ("in Bar", "near Nice", "from Reading").
constexpr common::WordSet kContextWords{{"in",     "near",   "at",      "from",   "outside", "to",  "into",
                                         "across", "around", "towards", "toward", "through", "via", "nearby",
                                         "inside", "within", "visited", "захід",  "в",       "у",   "під",
                                         "біля",   "из",     "из-под",  "под",    "около"}};

// Place names that are also common English words (or given names, or organisations' short
// names): accepted only in place context. Found by running the extractor over the archive and
// reading what it wrongly picked; extend it the same way.
constexpr common::WordSet kCommonWords{
    {"march", "may", "june", "july", "august", "bar", "mobile", "reading", "split", "nice", "bath", "sale", "deal",
     "hope", "union", "independence", "liberty", "university", "police", "president", "obama", "trump", "biden",
     "harris", "warren", "johnson", "jackson", "lincoln", "austin", "clinton", "sanders", "madison", "franklin",
     "washington dc", "hamilton", "florence", "victoria", "eagle", "justice", "home", "win", "best", "victory", "man",
     "orange", "chad", "azov", "wagner", "mary", "regina", "santa", "san", "marshall", "kent", "phoenix", "aurora",
     "troy", "salem", "buffalo", "globe", "bristol", "normal", "english", "friendship", "energy", "commerce",
     "industry", "progress", "peace", "unity", "mission", "temple", "church", "centre", "center", "beach", "park",
     "lake", "valley", "ocean", "summit", "capitol", "pride", "leader", "general", "senate", "congress", "parliament",
     "time", "times", "post", "news", "gas", "oil", "power", "grid", "hospital", "school", "station", "airport", "port",
     "border", "bridge", "media", "north", "south", "east", "west", "central", "eastern", "western", "northern",
     "southern", "amber", "mercy", "faith", "grace", "joy", "ruby", "dale", "bay", "ada", "ava", "kit", "van", "mali",
     "ali", "omar", "ben", "khan", "kim", "lee", "sun", "moon", "star", "sky", "christmas", "easter", "doctor", "nurse",
     "mayor", "governor", "minister", "secretary", "senator", "commander", "reuters", "twitter", "telegram", "google",
     "amazon", "apple", "donald", "can", "ban", "race", "kanye", "nancy", "supreme", "victor", "thursday", "monday",
     "tuesday", "wednesday", "friday", "saturday", "sunday", "january", "february", "april", "september", "october",
     "november", "december", "congress", "fox", "war", "make", "democrat", "name", "more", "over", "many", "trial",
     "surprise", "nord", "truss", "wall", "newton", "ridgetop", "blacksburg", "sussex", "mesa", "marina", "chance",
     "young", "best", "worth", "ordinary", "early", "gay", "ukrainian", "russian", "delta", "alpha", "omega", "patriot",
     "stinger", "javelin", "leopard", "abrams", "himars", "bradley", "shahed", "crimea bridge", "kremlin", "pentagon",
     "white house", "black", "white", "red", "green", "blue", "gold", "silver", "golden", "royal", "national",
     "federal", "state", "republic", "kingdom", "empire", "christian", "muslim", "jewish", "catholic", "orthodox",
     "islamic", "arab", "pacific", "atlantic", "hollywood", "broadway", "wall street", "downing street", "buckingham",
     "charlotte", "elizabeth", "alexandria", "alexander", "jessica", "taylor", "jefferson", "kennedy", "nixon",
     "reagan", "carter", "bush", "putin", "lavrov", "zelensky", "zelenskyy", "pope", "francis", "king", "queen",
     "prince", "princess", "charles", "william", "harry", "meghan", "diana", "andrew", "anne", "edward", "george",
     "henry", "james", "john", "paul", "peter", "michael", "david", "daniel", "mark", "luke", "matthew", "simon",
     "adam", "eve", "noah", "ruth", "sarah", "rachel", "rebecca", "julia", "maria", "anna", "olga", "irina", "vladimir",
     "alexei", "navalny", "boris", "dmitry", "sergei", "viktor", "yuri", "ivan", "igor", "oleg", "roman", "nova",
     "nova poshta", "energoatom", "naftogaz", "ukrenergo", "gazprom", "rosatom", "opera", "stone", "rock", "hill",
     "mountain", "river", "island", "cape", "point", "springs", "spring", "falls", "fall", "summer", "winter", "autumn",
     "day", "night", "morning", "evening", "covid", "corona", "omicron", "delta", "trinity", "providence", "concord",
     "harmony", "paradise", "eden", "zion", "canaan", "goshen", "bethany", "earth", "wake", "hit", "mansion", "grain",
     "export", "agency", "council", "alliance", "seven", "look", "see", "just", "tape", "rand", "global", "interest",
     "kill", "car", "canadian", "american",
     // Soviet leaders whose names towns once had: in the news, the men.
     "stalin", "lenin", "molotov", "kirov", "gorky", "zhdanov", "frunze", "kalinin", "kuibyshev", "sverdlov",
     "voroshilov", "brezhnev", "andropov", "chernenko", "ordzhonikidze", "tito", "dimitrov", "taliban", "hamas",
     "hezbollah", "isis", "nato", "un", "eu", "gop"}};

// Month and weekday names and adjectives of direction or region ("in March", "in Western media",
// "the Balkan state"): places called so ("March", Cambridgeshire; Sri Lanka's "Western" province)
// only with a qualifier ("March, Cambridgeshire"). Not "Middle East", "Balkans" or "Caucasus": they
// are macro-regions (corpus/places.tsv), whose prior is above any town's of that name.
constexpr common::WordSet kQualifierOnly{
    {"january",   "february",  "march",    "april",        "may",          "june",         "july",        "august",
     "september", "october",   "november", "december",     "monday",       "tuesday",      "wednesday",   "thursday",
     "friday",    "saturday",  "sunday",   "western",      "eastern",      "northern",     "southern",    "central",
     "north",     "south",     "east",     "west",         "gulf",         "balkan",       "arab",
     "nordic",    "atlantic",  "pacific",  "baltic",       "northeast",    "northwest",
     "southeast", "southwest", "midwest",  "northeastern", "northwestern", "southeastern", "southwestern"}};

// Names that only capitals tell from an everyday word ("US" and "us"): not a place inside a
// line written all in capitals ("JOIN US ON TELEGRAM").
constexpr common::WordSet kCaseOnly{{"us", "it", "me", "am", "ok", "id"}};

// Nouns after a coordinated list of names that make every name a region's ("the Kherson and
// Zaporizhzhia regions"), or before "of" and such a list ("the regions of Luhansk and Donetsk").
constexpr common::WordSet kRegionNouns{
    {"region", "regions", "oblast", "oblasts", "province", "provinces", "область", "області", "области"}};
const char* const kRegionSuffixes[] = {" oblast", " region", " province"};
// The words for a first-level division that, right after a name or before "of" it, say the name is
// that division's and not its city's: "Washington state", "the state of New York", "the province of
// Quebec". Not "region" or "oblast": a region named so is its own gazetteer name ("Kharkiv Oblast").
constexpr common::WordSet kRegionWords{{"state", "province"}};
// Offices of a first-level division, written right after its name: "New York Gov. Kathy Hochul",
// "Ontario Premier Doug Ford", "Kharkiv Governor Oleh Synehubov" (the oblast's governor, not the city's
// mayor). Cities have mayors and councils; a governor, a premier or a legislature is the region's.
// ("government" is not one: "the Kyiv government" is the country's.)
constexpr common::WordSet kRegionOffices{{"gov", "governor", "premier", "legislature", "lieutenant"}};
// "X, south of Y", "X, just outside Y", "X, some 30 km northwest of Y": where a name is placed
// near another one (place_features.cc, near_between).
constexpr common::WordSet kNearbyWords{{"north", "south", "east", "west", "northeast", "northwest", "southeast",
                                        "southwest", "outside", "near"}};
constexpr common::WordSet kDistanceHedges{
    {"just", "about", "some", "around", "roughly", "nearly", "km", "kilometres", "kilometers", "miles", "mi"}};

// Words after which a capitalised name is part of an outlet's or team's name.
constexpr common::WordSet kOrgWords{
    {"post",      "times",       "journal",  "independent", "herald",     "tribune",  "telegraph",  "gazette",
     "chronicle", "examiner",    "observer", "globe",       "review",     "daily",    "express",    "mirror",
     "courier",   "standard",    "dynamo",   "united",      "fc",         "metro",    "airlines",   "university",
     "institute", "declaration", "accords",  "agreement",   "convention", "protocol", "format",     "summit",
     "syndrome",  "battalion",   "regiment", "brigade",     "group",      "club",     "memorandum", "communique",
     "trials",    "tribunal",    "today",    "people",      "republic",   "nets",     "party",      "workers"}};

// Capitalised words that with "of" make the name after them an organisation's ("University of
// Georgia"): annotators and readers take such a name for the organisation, not the place.
constexpr common::WordSet kOrgBeforeOf{{"university", "college", "bank", "museum", "institute", "academy", "school",
                                        "conservatory", "polytechnic", "corporation", "corp", "company",
                                        "association"}};

// Words after a town's name that make it the name of a district around it ("Loudoun County").
constexpr common::WordSet kDistrictWords{
    {"county", "parish", "borough", "district", "raion", "rayon", "municipality", "township"}};

// Lower-case nouns for a settlement or a division that, with "of", say the name after them is a
// place: "the town of Pulawy", "the northern village of Ranya", "the region of Kef". Only in lower
// case: "City of London", "District of Columbia" are names themselves, and "Town of Dedham" may be a
// council's. The place is not given, only that a place is meant (the gazetteer still chooses it).
constexpr common::WordSet kSettlementNouns{
    {"town", "towns", "village", "villages", "city", "cities", "hamlet", "suburb", "municipality", "commune",
     "settlement", "neighbourhood", "neighborhood", "district", "districts", "region", "regions", "county",
     "province", "provinces", "mayor"}};
// Of those, the nouns of a populated place: "the city of X", "the village of X", "the mayor of X" name
// a town, never a country or a region of the same name ("the city of Turkey" is the Texas town).
constexpr common::WordSet kTownNouns{
    {"town", "towns", "village", "villages", "city", "cities", "hamlet", "suburb", "settlement", "mayor"}};
// Words right after a town's name that make the name the town's own institution's: "Beaconsfield
// Mayor Georges Bourelle", "New Milford Police Department", "Danbury police", "Enfield Council". A
// mayor, a council, a police force or a sheriff belongs to a place; a person's name is not followed
// by them.
constexpr common::WordSet kLocalInstitutions{
    {"mayor", "council", "councillor", "councilman", "councilwoman", "police", "sheriff", "aldermen", "magistrates"}};
// Two words that make one ("City Council", "Town Hall", "Superior Court", "Crown Court"): a court or
// a hall named for a town sits in it.
constexpr common::WordSet kInstitutionModifiers{{"city", "town", "superior", "crown", "magistrates", "municipal"}};
constexpr common::WordSet kInstitutionHeads{{"council", "hall", "court", "police"}};

// Capitalised words that may precede a place without making it a person's name.
constexpr common::WordSet kPlaceModifiers{
    {"north",   "south",        "east",         "west",         "northern",     "southern",     "eastern", "western",
     "central", "greater",      "downtown",     "occupied",     "liberated",    "the",          "and",     "or",
     "a",       "an",
     "in",      "near",         "from",         "at",           "to",           "upper",        "lower",   "old",
     "new",     "metropolitan", "northeastern", "northwestern", "southeastern", "southwestern", "nazi",    "soviet",
     "tsarist", "imperial",     "communist",    "independent",  "neighbouring", "neighboring"}};

}  // namespace

bool context_word(std::string_view term) { return kContextWords.contains(term); }
bool common_word(std::string_view key) { return kCommonWords.contains(key); }
bool qualifier_only(std::string_view key) { return kQualifierOnly.contains(key); }
bool case_only(std::string_view key) { return kCaseOnly.contains(key); }
bool region_noun(std::string_view term) { return kRegionNouns.contains(term); }
bool region_word(std::string_view term) { return kRegionWords.contains(term); }
bool region_office(std::string_view term) { return kRegionOffices.contains(term); }
bool nearby_word(std::string_view term) { return kNearbyWords.contains(term); }
bool distance_hedge(std::string_view term) { return kDistanceHedges.contains(term); }
std::span<const char* const> region_suffixes() { return kRegionSuffixes; }
bool org_word(std::string_view term) { return kOrgWords.contains(term); }
bool org_before_of(std::string_view term) { return kOrgBeforeOf.contains(term); }
bool district_word(std::string_view term) { return kDistrictWords.contains(term); }
bool place_modifier(std::string_view term) { return kPlaceModifiers.contains(term); }
bool settlement_noun(std::string_view term) { return kSettlementNouns.contains(term); }
bool town_noun(std::string_view term) { return kTownNouns.contains(term); }
bool local_institution(std::string_view term) { return kLocalInstitutions.contains(term); }
bool institution_pair(std::string_view first, std::string_view second) {
  return kInstitutionModifiers.contains(first) && kInstitutionHeads.contains(second);
}

}  // namespace newsq::places::lexicon
