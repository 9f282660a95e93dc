// tests/place_levels_test.cc: the levels around countries, regions and cities (issue 16 items 3
// and 5): second-level divisions (districts, from admin2Codes.txt) matched by their everyday
// names and kept apart from the towns of the same name, placed at the centre of their towns; and
// continents and macro-regions (place facts) above countries, matched by name (over a town's
// other name) and usable as filters and facet values ("in Europe"). Every row here is written
// for the test.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <set>
#include <string>

#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/gazetteer.h"
#include "indexer/places/gazetteer_builder.h"
#include "indexer/places/gazetteer_format.h"
#include "indexer/places/place_extractor.h"
#include "newsq/newsq.h"
#include "tests/test_support.h"

using newsq::test::TempDir;
namespace places = newsq::places;

namespace {

constexpr std::uint32_t kUS = 6252001, kGB = 2635167, kDE = 2921044, kTN = 2464461, kUA = 690791;
constexpr std::uint32_t kTexas = 4736286, kNorthCarolina = 4482348, kKyivOblast = 703446;
constexpr std::uint32_t kHarrisCounty = 9101, kGranvilleCounty = 9102, kBuchaRaion = 9103, kUnnamedDistrict = 9104,
                        kDorset = 9106;
constexpr std::uint32_t kHouston = 4699066, kPasadena = 4717560, kOxford = 9301, kCreedmoor = 9302,
                        kGranvilleTown = 9201, kHarrisTown = 9202, kBucha = 711350, kMahdia = 2473572,
                        kBerlin = 2950159, kLondon = 2643743;
constexpr std::uint32_t kEurope = 6255148, kAfrica = 6255146, kNorthAmerica = 6255149, kAsia = 6255147,
                        kNorthAtlantic = 4000000900, kSoutheastAsia = 4000000902,
                        kMiddleEast = 4000000903, kWest = 4000000904;

// One countryInfo.txt row: ISO code, name, population, continent and geonameid in their columns.
std::string country(const std::string& cc, const std::string& name, std::uint64_t population,
                    const std::string& continent, std::uint32_t id) {
  return cc + "\t" + cc + "X\t999\t" + cc + "\t" + name + "\tCapital\t1000\t" + std::to_string(population) + "\t" +
         continent + "\t.xx\tXXX\tMoney\t1\t\t\ten\t" + std::to_string(id) + "\t\t\n";
}

// A world in miniature: three US counties (one without an everyday name), a Ukrainian raion, towns
// that share their names with counties elsewhere, a Tunisian town GeoNames also calls "Africa",
// and three continents plus a macro-region.
struct World {
  TempDir dir;
  std::string path;
  newsq::GazetteerBuildReport report;

  World() {
    std::string cities;
    cities += newsq::test::geonames_row(kHouston, "Houston", "", 29.76, -95.36, "PPLA2", "US", "TX", "201", 2300000);
    cities += newsq::test::geonames_row(kPasadena, "Pasadena", "", 29.69, -95.21, "PPL", "US", "TX", "201", 150000);
    cities += newsq::test::geonames_row(kOxford, "Oxford", "", 36.31, -78.59, "PPLA2", "US", "NC", "077", 8000);
    cities += newsq::test::geonames_row(kCreedmoor, "Creedmoor", "", 36.12, -78.68, "PPL", "US", "NC", "077", 4000);
    cities += newsq::test::geonames_row(kGranvilleTown, "Granville", "", 40.07, -82.52, "PPL", "US", "OH", "089", 5000);
    cities += newsq::test::geonames_row(kHarrisTown, "Harris", "", 45.59, -92.97, "PPL", "US", "MN", "025", 1100);
    cities += newsq::test::geonames_row(kBucha, "Bucha", "Буча", 50.54, 30.21, "PPLA2", "UA", "13", "9103", 28000);
    cities += newsq::test::geonames_row(kMahdia, "Mahdia", "Africa,Mehdia", 35.50, 11.06, "PPLA", "TN", "19", "", 45000);
    cities += newsq::test::geonames_row(kBerlin, "Berlin", "", 52.52, 13.40, "PPLC", "DE", "16", "", 3400000);
    cities += newsq::test::geonames_row(kLondon, "London", "", 51.51, -0.13, "PPLC", "GB", "ENG", "", 8900000);
    // A town in Dorset: a district with no town of the gazetteer in it keeps no bare name.
    cities += newsq::test::geonames_row(9108, "Dorchester", "", 50.71, -2.44, "PPLA2", "GB", "ENG", "X1", 19000);
    newsq::test::write_file(dir.path() / "cities.txt", cities);
    newsq::test::write_file(dir.path() / "admin1CodesASCII.txt",
                            "US.TX\tTexas\tTexas\t" + std::to_string(kTexas) + "\n" + "US.NC\tNorth Carolina\tNorth Carolina\t" +
                                std::to_string(kNorthCarolina) + "\n" + "UA.13\tKyiv Oblast\tKyiv Oblast\t" +
                                std::to_string(kKyivOblast) + "\n");
    newsq::test::write_gzip(dir.path() / "admin2Codes.txt.gz",
                            "US.TX.201\tHarris County\tHarris County\t" + std::to_string(kHarrisCounty) + "\n" +
                                "US.NC.077\tGranville County\tGranville County\t" + std::to_string(kGranvilleCounty) +
                                "\n" + "UA.13.9103\tBucha Raion\tBucha Raion\t" + std::to_string(kBuchaRaion) + "\n" +
                                "US.TX.999\tHarris\tHarris\t" + std::to_string(kUnnamedDistrict) + "\n" +
                                "US.TX\tNo Division\tNo Division\t9105\n" +
                                "GB.ENG.X1\tDorset\tDorset\t" + std::to_string(kDorset) + "\n" +
                                "GB.ENG.X2\tLondon\tLondon\t9107\n" + "GB.ENG.X3\tWessex Vale\tWessex Vale\t9109\n");
    newsq::test::write_file(dir.path() / "countryInfo.txt",
                            country("US", "United States", 330000000, "NA", kUS) +
                                country("GB", "United Kingdom", 67000000, "EU", kGB) +
                                country("DE", "Germany", 83000000, "EU", kDE) +
                                country("TN", "Tunisia", 12000000, "AF", kTN) +
                                country("UA", "Ukraine", 41000000, "EU", kUA));
    newsq::test::write_file(dir.path() / "facts.tsv",
                            std::to_string(kEurope) + "\tcontinent\t\tEU\t48.7\t9.1\t\tL.CONT\tEurope\tЄвропа\n" +
                                std::to_string(kAfrica) + "\tcontinent\t\tAF\t7.2\t21.1\t\tL.CONT\tAfrica\t\n" +
                                std::to_string(kNorthAmerica) +
                                "\tcontinent\t\tNA\t46.1\t-100.5\t\tL.CONT\tNorth America\t\n" +
                                std::to_string(kNorthAtlantic) +
                                "\tcontinent\t\t\t50\t-30\t\tL.RGN\tNorth Atlantic\t\tGB,US\n" +
                                "4000000901\tcity\tGB\t\t\t\t\tP.PPL\tBadtown\t\tGB\n" +
                                std::to_string(kAsia) + "\tcontinent\t\tAS\t29.8\t89.3\t\tL.CONT\tAsia\t\n" +
                                std::to_string(kSoutheastAsia) +
                                "\tcontinent\t\t\t8\t110\t\tL.RGN\tSoutheast Asia\t\tTH\n" +
                                std::to_string(kMiddleEast) +
                                "\tcontinent\t\t\t29\t45\t\tL.RGN\tMiddle East\t\tTN\n" +
                                std::to_string(kWest) + "\tcontinent\t\tNA,EU\t45\t-40\t\tL.RGN\tThe West\t\n");
    places::GazetteerBuilder builder;
    for (const char* f : {"cities.txt", "admin1CodesASCII.txt", "admin2Codes.txt.gz", "countryInfo.txt", "facts.tsv"})
      builder.add_file(dir.str(f));
    path = dir.str("g.bin");
    builder.write(path);
    report = builder.report();
  }
};

places::Place place(const places::Gazetteer& g, std::uint32_t id) {
  places::Place p;
  REQUIRE(g.find(id, p));
  return p;
}

std::set<std::uint32_t> found(const places::Gazetteer& g, const std::string& text) {
  newsq::analysis::TextAnalyzer analyzer;
  places::PlaceExtractor extractor(g);
  std::set<std::uint32_t> out;
  for (const auto& p : extractor.extract(text, analyzer).places) out.insert(p.place.id);
  return out;
}

}  // namespace

TEST_CASE("districts come from admin2Codes by their everyday names, never the bare name", "[places][levels]") {
  World w;
  REQUIRE(w.report.rejected.size() == 2);
  CHECK(w.report.rejected[0].ends_with("admin2Codes.txt.gz:5: bad admin2 code 'US.TX' (expected CC.admin1.admin2)"));
  CHECK(w.report.rejected[1].ends_with("facts.tsv:5: bad member 'GB' (a continent's ISO country codes)"));
  CHECK(w.report.districts == 7);
  CHECK(w.report.continents == 8);
  auto g = places::Gazetteer::load(w.path);

  CHECK(g->probe_ids("harris county") == std::vector<std::uint32_t>{kHarrisCounty});
  CHECK(g->probe_ids("harris") == std::vector<std::uint32_t>{kHarrisTown});  // The town's name only.
  CHECK(g->probe_ids("granville") == std::vector<std::uint32_t>{kGranvilleTown});
  CHECK(g->probe_ids("granville county") == std::vector<std::uint32_t>{kGranvilleCounty});
  for (const char* raion : {"bucha raion", "bucha rayon", "bucha district"})
    CHECK(g->probe_ids(raion) == std::vector<std::uint32_t>{kBuchaRaion});
  CHECK(g->probe_ids("bucha") == std::vector<std::uint32_t>{kBucha});

  const places::Place harris = place(*g, kHarrisCounty);
  CHECK(harris.level == places::Level::district);
  CHECK(places::level_name(harris.level) == "district");
  CHECK(harris.region == kTexas);
  CHECK(harris.country == kUS);
  CHECK(harris.population == 2300000 + 150000);  // Its towns'.
  REQUIRE(harris.has_coordinates);                 // The middle of its towns' box, as for regions.
  CHECK(harris.lat == Approx((29.76 + 29.69) / 2));
  CHECK(harris.lon == Approx((-95.36 + -95.21) / 2));
  CHECK(place(*g, kHouston).district == kHarrisCounty);
  CHECK(place(*g, kHouston).region == kTexas);
  CHECK(place(*g, kBucha).district == kBuchaRaion);
  CHECK(place(*g, kGranvilleTown).district == 0);  // Its county is not in the file.
  // A district named without a division word is matched by that name unless a town of its
  // country is called so: "Dorset" is the district, "London" and "Harris" stay the towns.
  CHECK(g->probe_ids("dorset") == std::vector<std::uint32_t>{kDorset});
  CHECK(g->probe_ids("london") == std::vector<std::uint32_t>{kLondon});
  // ...and unless no town of the gazetteer lies in it (no point; the name is more often a town it lacks).
  CHECK(g->probe_ids("wessex vale").empty());
  CHECK(place(*g, kUnnamedDistrict).level == places::Level::district);
  CHECK(place(*g, kUnnamedDistrict).has_coordinates == false);
}

TEST_CASE("continents and macro-regions contain countries and countries know them", "[places][levels]") {
  World w;
  auto g = places::Gazetteer::load(w.path);
  const places::Place europe = place(*g, kEurope);
  CHECK(europe.level == places::Level::continent);
  CHECK(europe.population == 67000000 + 83000000 + 41000000);  // GB, DE and UA: countryInfo's EU.
  auto within = [&](std::uint32_t id) {
    const places::Place p = place(*g, id);
    return std::set<std::uint32_t>(p.within.begin(), p.within.end());
  };
  // Several continent codes: every country on one of them.
  CHECK(within(kGB) == std::set<std::uint32_t>{kEurope, kNorthAtlantic, kWest});
  CHECK(within(kUS) == std::set<std::uint32_t>{kNorthAmerica, kNorthAtlantic, kWest});
  CHECK(within(kTN) == std::set<std::uint32_t>{kAfrica, kMiddleEast});
  CHECK(within(kHouston).empty());  // Only countries carry the list.
  CHECK(g->probe_ids("європа") == std::vector<std::uint32_t>{kEurope});
  CHECK(places::level_rank(places::Level::continent) < places::level_rank(places::Level::country));
  CHECK(places::level_rank(places::Level::region) < places::level_rank(places::Level::district));
  CHECK(places::level_rank(places::Level::district) < places::level_rank(places::Level::city));
}

TEST_CASE("place regressions: a county is the district, the town of the same name stays the town",
          "[places][levels]") {
  World w;
  auto g = places::Gazetteer::load(w.path);
  CHECK(found(*g, "Flooding closed roads across Harris County on Monday.") == std::set<std::uint32_t>{kHarrisCounty});
  CHECK(found(*g, "Voters in Granville County rejected the plan.") == std::set<std::uint32_t>{kGranvilleCounty});
  CHECK(found(*g, "The festival was held in Granville on Sunday.") == std::set<std::uint32_t>{kGranvilleTown});
  // "Harris" alone is a surname first (place_lexicon.cc: a town needs a qualifier), and never the county.
  CHECK(found(*g, "The fair opened in Harris this week.").empty());
  CHECK(found(*g, "Shelling was reported in the Bucha district overnight.") == std::set<std::uint32_t>{kBuchaRaion});
  // A district named bare is a major place only as big as a city: else it needs a place context.
  CHECK(found(*g, "Floods cut off farms in Dorset overnight.") == std::set<std::uint32_t>{kDorset});
  CHECK(found(*g, "Dorset said the vote was close.").empty());
  // A town followed by "County" that no district is called is still not the town.
  CHECK(found(*g, "Crews worked in Creedmoor County all night.").empty());
}

TEST_CASE("place regressions: a continent's name beats a town's other name", "[places][levels]") {
  World w;
  auto g = places::Gazetteer::load(w.path);
  CHECK(found(*g, "Aid agencies warned of drought across Africa.") == std::set<std::uint32_t>{kAfrica});
  CHECK(found(*g, "Leaders from Europe and North America met in Berlin.") ==
        std::set<std::uint32_t>{kEurope, kNorthAmerica, kBerlin});
  CHECK(found(*g, "Fishermen in Mahdia landed a record catch.") == std::set<std::uint32_t>{kMahdia});
  // A name of several words starts with a capital: "southeast Asia" is Asia, "Southeast Asia" the region.
  CHECK(found(*g, "Resistance spread across southeast Asia.") == std::set<std::uint32_t>{kAsia});
  CHECK(found(*g, "Resistance spread across Southeast Asia.") == std::set<std::uint32_t>{kSoutheastAsia});
  // Once rejected as an adjective without a qualifier, now a macro-region.
  CHECK(found(*g, "The first case in the Middle East was confirmed.") == std::set<std::uint32_t>{kMiddleEast});
}

TEST_CASE("'in Europe' filters an index to the articles placed in its countries", "[places][levels]") {
  World w;
  std::vector<newsq::Article> articles = {
      {"berlin", "2026-01-01", "Test", "", "", "Trains were delayed in Berlin after the storm.", "en"},
      {"london", "2026-01-02", "Test", "", "", "Trains were delayed in London after the storm.", "en"},
      {"houston", "2026-01-03", "Test", "", "", "Trains were delayed in Houston after the storm.", "en"},
      {"mahdia", "2026-01-04", "Test", "", "", "Trains were delayed in Mahdia after the storm.", "en"},
      {"europe", "2026-01-05", "Test", "", "", "Trains were delayed across Europe after the storm.", "en"},
  };
  newsq::test::index_articles(w.dir.str("db"), articles, w.path);
  const auto ids = newsq::test::hit_ids;
  const std::set<std::string> in_europe{"berlin", "london", "europe"};
  newsq::Searcher searcher(w.dir.str("db"));
  CHECK(ids(searcher.search({.limit = 100, .collapse_duplicates = false, .place = "Europe"})) == in_europe);
  CHECK(ids(searcher.search({.limit = 100, .facet_filters = {{"location", "Europe"}}, .collapse_duplicates = false})) ==
        in_europe);
  auto understood = searcher.understand("trains in Europe", "2026-02-01");
  REQUIRE(understood.places.size() == 1);
  CHECK(understood.places[0].id == kEurope);
  auto request = newsq::SearchRequest::from_understood(understood);
  request.limit = 100;
  request.collapse_duplicates = false;
  CHECK(ids(searcher.search(request)) == in_europe);
  CHECK(ids(searcher.search({.limit = 100, .collapse_duplicates = false, .place = "Harris County"})) ==
        std::set<std::string>{"houston"});
  CHECK(ids(searcher.search({.limit = 100, .collapse_duplicates = false, .place = "North Atlantic"})) ==
        std::set<std::string>{"london", "houston"});

  // The facet: continents first, then countries, regions, districts, cities.
  auto all = searcher.search({.limit = 0, .max_facet_values = 100, .collapse_duplicates = false});
  const auto& values = all.facets.at("location");
  REQUIRE(!values.empty());
  CHECK(values.front().level == "continent");
  auto value = [&](std::uint32_t id) {
    auto it = std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.id == id; });
    REQUIRE(it != values.end());
    return *it;
  };
  CHECK(value(kEurope).count == 3);
  CHECK(value(kEurope).value == "Europe");
  CHECK(value(kHarrisCounty).level == "district");
  CHECK(value(kHarrisCounty).count == 1);
  CHECK(value(kAfrica).count == 1);

  // The CLI reads "in Europe" the same way.
  auto r = newsq::test::run_cli({"search", "--db", w.dir.str("db"), "--json", "in Europe"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("\"berlin\"") != std::string::npos);
  CHECK(r.out.find("\"houston\"") == std::string::npos);
}

TEST_CASE("a gazetteer of the previous format version is refused with a clear message", "[places][levels]") {
  World w;
  std::string bytes = newsq::test::read_file(w.path);
  const std::uint32_t old_version = places::kGazetteerVersion - 1;
  std::memcpy(bytes.data() + offsetof(places::GazetteerHeader, version), &old_version, sizeof old_version);
  newsq::test::write_file(w.dir.path() / "old.bin", bytes);
  CHECK_THROWS_WITH(places::Gazetteer::load(w.dir.str("old.bin")),
                    Catch::Contains("format version " + std::to_string(old_version)) &&
                        Catch::Contains("rebuild it"));
}
