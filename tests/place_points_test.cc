// tests/place_points_test.cc: representative points of countries and regions (issue 16 item 2):
// the region point the gazetteer linker computes from the places inside a region, on hand-written
// rows; the area centroid of a country's outline; the countries file (world-countries'
// countries.json, with or without the outlines beside it) and its errors; and, on the real
// gazetteer, a country and a region named in a text placed at their centre rather than their capital.
#include <filesystem>
#include <fstream>
#include <string>

#include <cmath>
#include <numbers>

#include "engine/index/place_terms.h"
#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/area_centroid.h"
#include "indexer/places/gazetteer.h"
#include "indexer/places/gazetteer_builder.h"
#include "indexer/places/place_extractor.h"
#include "newsq/error.h"
#include "tests/test_support.h"

using newsq::test::TempDir;
namespace places = newsq::places;

namespace {

// One 19-column GeoNames row with what the linker reads; the rest left empty.
std::string row(std::uint32_t id, const std::string& name, double lat, double lon, const std::string& cls,
                const std::string& code, const std::string& cc, const std::string& admin1, std::uint64_t population) {
  return std::to_string(id) + "\t" + name + "\t" + name + "\t\t" + std::to_string(lat) + "\t" + std::to_string(lon) +
         "\t" + cls + "\t" + code + "\t" + cc + "\t\t" + admin1 + "\t\t\t\t" + std::to_string(population) +
         "\t\t\t\t2026-01-01\n";
}

// One countryInfo.txt row: ISO code, name, population and geonameid in their columns.
std::string country_row(const std::string& cc, const std::string& name, std::uint32_t id) {
  return cc + "\t" + cc + "X\t999\t" + cc + "\t" + name + "\tCapital\t1000\t5000000\tEU\t.xx\tEUR\tEuro\t1\t\t\ten\t" +
         std::to_string(id) + "\t\t\n";
}

places::Place place(const places::Gazetteer& g, std::uint32_t id) {
  places::Place p;
  REQUIRE(g.find(id, p));
  return p;
}

// world-countries' countries.json fetched by .ci/fetch-countries (via .ci/install-deps); empty if absent.
std::string countries_file() {
  auto f = newsq::test::source_dir() / "build" / "world-countries" / "package" / "countries.json";
  return std::filesystem::exists(f) ? f.string() : std::string();
}

}  // namespace

TEST_CASE("a region is placed at the middle of its populated places, not at its seat", "[places]") {
  TempDir dir;
  std::string cities;
  // XX.01: the seat in a corner of a square of towns; the middle of the square is (12, 12).
  cities += row(101, "Seatville", 10, 10, "P", "PPLA", "XX", "01", 1000000);
  cities += row(102, "Eastham", 10, 14, "P", "PPL", "XX", "01", 900);
  cities += row(103, "Northam", 14, 10, "P", "PPL", "XX", "01", 800);
  cities += row(104, "Farham", 14, 14, "P", "PPL", "XX", "01", 700);
  cities += row(105, "Midham", 12, 12, "P", "PPL", "XX", "01", 600);
  // XX.02: two groups of towns with nothing between them; the middle (0, 3.5) is 167 km from the
  // nearest town, so the point is that town's.
  cities += row(201, "Westa", 0, 0, "P", "PPLA", "XX", "02", 5000);
  cities += row(202, "Westb", 0, 1, "P", "PPL", "XX", "02", 600);
  cities += row(203, "Easta", 0, 5, "P", "PPL", "XX", "02", 600);
  cities += row(204, "Eastb", 0, 7, "P", "PPL", "XX", "02", 600);
  // XX.03: across the 180th meridian; the middle is on it, not at longitude 0.
  cities += row(301, "Datea", 0, 179.5, "P", "PPLA", "XX", "03", 600);
  cities += row(302, "Dateb", 0, -179.5, "P", "PPL", "XX", "03", 600);
  cities += row(303, "Datec", 1, 179.8, "P", "PPL", "XX", "03", 600);
  cities += row(304, "Dated", -1, -179.8, "P", "PPL", "XX", "03", 600);
  cities += row(305, "Datee", 0.3, 179.9, "P", "PPL", "XX", "03", 600);  // Within 50 km of the middle.
  // XX.04: one town, its seat.
  cities += row(401, "Lonely", 30, 40, "P", "PPLA", "XX", "04", 600);
  newsq::test::write_file(dir.path() / "cities.txt", cities);
  newsq::test::write_file(dir.path() / "admin1CodesASCII.txt",
                          "XX.01\tSquare Region\tSquare Region\t9001\n"
                          "XX.02\tSplit Region\tSplit Region\t9002\n"
                          "XX.03\tDateline Region\tDateline Region\t9003\n"
                          "XX.04\tLonely Region\tLonely Region\t9004\n"
                          "XX.05\tEmpty Region\tEmpty Region\t9005\n");
  places::GazetteerBuilder builder;
  builder.add_file(dir.str("cities.txt"));
  builder.add_file(dir.str("admin1CodesASCII.txt"));
  builder.write(dir.str("g.bin"));
  CHECK(builder.report().rejected.empty());
  auto g = places::Gazetteer::load(dir.str("g.bin"));

  auto square = place(*g, 9001);
  REQUIRE(square.has_coordinates);
  CHECK(newsq::test::haversine_km(square.lat, square.lon, 12, 12) < 1);
  CHECK(newsq::test::haversine_km(square.lat, square.lon, 10, 10) > 250);  // Not the seat.
  CHECK(square.population == 1000000 + 900 + 800 + 700 + 600);

  auto split = place(*g, 9002);
  REQUIRE(split.has_coordinates);
  CHECK(newsq::test::haversine_km(split.lat, split.lon, 0, 5) < 1);

  auto dateline = place(*g, 9003);
  REQUIRE(dateline.has_coordinates);
  CHECK(newsq::test::haversine_km(dateline.lat, dateline.lon, 0, 180) < 5);

  auto lonely = place(*g, 9004);
  REQUIRE(lonely.has_coordinates);
  CHECK(newsq::test::haversine_km(lonely.lat, lonely.lon, 30, 40) < 1);

  CHECK_FALSE(place(*g, 9005).has_coordinates);  // No place inside: no point at all.
}

TEST_CASE("a region's far outlying towns stretch its box: a big northern region is not cut to its south", "[places]") {
  TempDir dir;
  std::string cities;
  // 150 towns in the south between latitudes 49 and 50, longitudes 9.5 and 10.5 (where nearly
  // everyone lives), a thin chain of towns north along longitude 10, and one far town at 61 (as
  // Churchill in Manitoba): the region spans 49 to 61, its middle is 55, where a town lies.
  std::uint32_t id = 1000;
  for (int i = 0; i < 150; ++i)
    cities += row(id++, "South" + std::to_string(i), 49 + (i % 10) * 0.1, 9.5 + (i / 10) / 14.0, "P", "PPL", "XX", "01",
                  5000);
  for (int lat : {51, 52, 53, 55, 57, 58})
    cities += row(id++, "Chain" + std::to_string(lat), lat, 10, "P", "PPL", "XX", "01", 500);
  cities += row(id++, "Farnorth", 61, 10, "P", "PPL", "XX", "01", 900);
  newsq::test::write_file(dir.path() / "cities.txt", cities);
  newsq::test::write_file(dir.path() / "admin1CodesASCII.txt", "XX.01\tNorthern Region\tNorthern Region\t9001\n");
  places::GazetteerBuilder builder;
  builder.add_file(dir.str("cities.txt"));
  builder.add_file(dir.str("admin1CodesASCII.txt"));
  builder.write(dir.str("g.bin"));
  auto g = places::Gazetteer::load(dir.str("g.bin"));
  auto region = place(*g, 9001);
  REQUIRE(region.has_coordinates);
  // Leaving out the outermost 1% (here the far town) would give 53.5, snapped to the town at 53.
  CHECK(newsq::test::haversine_km(region.lat, region.lon, 55, 10) < 1);
}

TEST_CASE("a countries file places countries at its point; a GeoNames row's own point wins", "[places]") {
  TempDir dir;
  std::string cities;
  cities += row(111, "Xcapital", 10, 10, "P", "PPLC", "XX", "01", 1000000);
  cities += row(222, "Ycapital", 6, 6, "P", "PPLC", "YY", "01", 1000000);
  cities += row(9200, "Yland", 5, 5, "A", "PCLI", "YY", "00", 0);  // Its own feature point.
  cities += row(333, "Zcapital", 1, 2, "P", "PPLC", "ZZ", "01", 1000000);
  newsq::test::write_file(dir.path() / "cities.txt", cities);
  newsq::test::write_file(dir.path() / "countryInfo.txt", "# ISO\tISO3\n" + country_row("XX", "Xland", 9100) +
                                                              country_row("YY", "Yland", 9200) +
                                                              country_row("ZZ", "Zland", 9300));
  newsq::test::write_file(dir.path() / "countries.json",
                          R"([{"name": {"common": "Xland"}, "cca2": "XX", "latlng": [20, 30.5]},
                              {"cca2": "YY", "latlng": [40, 40]}])");
  places::GazetteerBuilder builder;
  // The countries file first: the order of the inputs never matters.
  for (const char* f : {"countries.json", "cities.txt", "countryInfo.txt"}) builder.add_file(dir.str(f));
  builder.write(dir.str("g.bin"));
  CHECK(builder.report().rejected.empty());
  auto g = places::Gazetteer::load(dir.str("g.bin"));

  auto x = place(*g, 9100);
  REQUIRE(x.has_coordinates);
  CHECK(x.lat == Approx(20));
  CHECK(x.lon == Approx(30.5));
  auto y = place(*g, 9200);
  CHECK(y.lat == Approx(5));
  CHECK(y.lon == Approx(5));
  auto z = place(*g, 9300);  // Not in the countries file: its capital, as before.
  CHECK(z.lat == Approx(1));
  CHECK(z.lon == Approx(2));

  // `near X` matches cities and seas only: a country's point, however placed, is not one.
  CHECK_FALSE(places::has_point(x));
  CHECK(places::has_point(place(*g, 111)));
}

// The latitude whose sine is the mean of two latitudes' sines: the equal-area middle of a band.
double band_middle(double south, double north) {
  const double k = std::numbers::pi / 180;
  return std::asin((std::sin(south * k) + std::sin(north * k)) / 2) / k;
}

TEST_CASE("the area centroid of an outline weighs every square kilometre the same", "[places]") {
  using places::LonLat;
  using places::Polygon;
  const Polygon square{{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}};
  auto c = places::area_centroid(square);
  REQUIRE(c);
  CHECK(c->lon == Approx(5));
  CHECK(c->lat == Approx(band_middle(0, 10)));  // 4.98: a degree of latitude near 10 holds less area.
  // Clockwise, unclosed: the same.
  auto reversed = places::area_centroid(Polygon{{{0, 10}, {10, 10}, {10, 0}, {0, 0}}});
  REQUIRE(reversed);
  CHECK(reversed->lon == Approx(5));
  CHECK(reversed->lat == Approx(c->lat));
  // A hole over the western half: what is left is the eastern half.
  auto holed = places::area_centroid(Polygon{square[0], {{0, 0}, {5, 0}, {5, 10}, {0, 10}}});
  REQUIRE(holed);
  CHECK(holed->lon == Approx(7.5));
  // High in the north the equal-area centroid lies south of the middle of the latitudes: there the
  // plain average of degrees would put it 2 degrees too far north.
  auto north = places::area_centroid(Polygon{{{0, 50}, {40, 50}, {40, 80}, {0, 80}}});
  REQUIRE(north);
  CHECK(north->lat == Approx(band_middle(50, 80)));
  CHECK(north->lat < 63);
  // Across the 180th meridian: the centroid is on it, not at longitude 0.
  auto dateline = places::area_centroid(Polygon{{{170, -5}, {-170, -5}, {-170, 5}, {170, 5}}});
  REQUIRE(dateline);
  CHECK(std::abs(dateline->lon) == Approx(180));
  CHECK(dateline->lat == Approx(0).margin(1e-9));
  // Degenerate: no area, no centroid.
  CHECK_FALSE(places::area_centroid(Polygon{{{0, 5}, {1, 5}, {2, 5}}}));  // A line.
  CHECK_FALSE(places::area_centroid(Polygon{}));

  // The main polygon: a large mainland and a small far island; the island does not pull.
  auto main = places::main_polygon_centroid({Polygon{{{60, 20}, {61, 20}, {61, 21}, {60, 21}}}, square});
  REQUIRE(main);
  CHECK(main->lon == Approx(5));
  CHECK(main->lat == Approx(c->lat));
  CHECK(main->share > 0.99);
  // Three equal islands: the largest holds a third of the land.
  auto islands = places::main_polygon_centroid({Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}},
                                                Polygon{{{3, 0}, {4, 0}, {4, 1}, {3, 1}}},
                                                Polygon{{{6, 0}, {7, 0}, {7, 1}, {6, 1}}}});
  REQUIRE(islands);
  CHECK(islands->share == Approx(1.0 / 3));
  CHECK_FALSE(places::main_polygon_centroid({}));
}

TEST_CASE("a country with an outline beside the countries file is placed at its main polygon's centre near latlng",
          "[places]") {
  TempDir dir;
  std::string cities;
  cities += row(111, "Xcapital", 1, 1, "P", "PPLC", "XX", "01", 1000000);
  cities += row(222, "Ycapital", 6, 6, "P", "PPLC", "YY", "01", 1000000);
  cities += row(333, "Zcapital", 7, 7, "P", "PPLC", "ZZ", "01", 1000000);
  newsq::test::write_file(dir.path() / "cities.txt", cities);
  newsq::test::write_file(dir.path() / "countryInfo.txt",
                          "# ISO\tISO3\n" + country_row("XX", "Xland", 9100) + country_row("YY", "Yland", 9200) +
                              country_row("ZZ", "Zland", 9300) + country_row("VV", "Vland", 9400) +
                              country_row("UU", "Uland", 9500));
  std::filesystem::create_directories(dir.path() / "data");
  // Xland: a 10-degree square mainland and a far island; its latlng, a coarse point about 110 km
  // from the mainland's centre, is refined to that centre.
  newsq::test::write_file(
      dir.path() / "data" / "xxx.geo.json",
      R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"cca2": "xx"},
          "geometry": {"type": "MultiPolygon", "coordinates": [
            [[[60, 20], [61, 20], [61, 21], [60, 21], [60, 20]]],
            [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]]}}]})");
  // Zland: an outline file that is no outline; latlng is kept and the file listed.
  newsq::test::write_file(dir.path() / "data" / "zzz.geo.json", R"({"type": "FeatureCollection", "features": 3})");
  // Vland: an archipelago of three equal islands, none of them a main landmass; latlng, silently.
  newsq::test::write_file(dir.path() / "data" / "vvv.geo.json",
                          R"({"type": "Feature", "geometry": {"type": "MultiPolygon", "coordinates": [
            [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]], [[[3, 0], [4, 0], [4, 1], [3, 1], [3, 0]]],
            [[[6, 0], [7, 0], [7, 1], [6, 1], [6, 0]]]]}})");
  // Uland: two islands, the larger holding 60% of the land, and a latlng between them some 500 km
  // from the larger one's centre: that centre is not the country's, latlng is kept.
  newsq::test::write_file(dir.path() / "data" / "uuu.geo.json",
                          R"({"type": "Feature", "geometry": {"type": "MultiPolygon", "coordinates": [
            [[[0, 0], [3, 0], [3, 3], [0, 3], [0, 0]]], [[[10, 0], [12, 0], [12, 3], [10, 3], [10, 0]]]]}})");
  // Wland: a feature without a geometry, as the package ships for one country; latlng, silently.
  newsq::test::write_file(dir.path() / "data" / "www.geo.json",
                          R"({"type": "FeatureCollection", "features": [{"properties": {"cca2": ""}}]})");
  newsq::test::write_file(dir.path() / "countries.json",
                          R"([{"cca2": "XX", "cca3": "XXX", "latlng": [6, 5]},
                              {"cca2": "YY", "cca3": "YYY", "latlng": [40, 40]},
                              {"cca2": "ZZ", "cca3": "ZZZ", "latlng": [30, 30]},
                              {"cca2": "WW", "cca3": "WWW", "latlng": [-20, -20]},
                              {"cca2": "VV", "cca3": "VVV", "latlng": [-1, 3.5]},
                              {"cca2": "UU", "cca3": "UUU", "latlng": [1.5, 6]}])");
  places::GazetteerBuilder builder;
  for (const char* f : {"countries.json", "cities.txt", "countryInfo.txt"}) builder.add_file(dir.str(f));
  builder.write(dir.str("g.bin"));
  const auto& report = builder.report();
  CHECK(report.country_outlines == 1);
  REQUIRE(report.rejected.size() == 1);
  CHECK(report.rejected[0] == (dir.path() / "data" / "zzz.geo.json").string() +
                                  ":0: not a GeoJSON outline (polygons of [lon, lat]); the country's latlng is used");
  auto g = places::Gazetteer::load(dir.str("g.bin"));

  auto x = place(*g, 9100);
  REQUIRE(x.has_coordinates);
  CHECK(x.lon == Approx(5));
  CHECK(x.lat == Approx(band_middle(0, 10)));
  auto y = place(*g, 9200);  // No outline file: latlng.
  CHECK(y.lat == Approx(40));
  CHECK(y.lon == Approx(40));
  auto z = place(*g, 9300);
  CHECK(z.lat == Approx(30));
  CHECK(z.lon == Approx(30));
  auto v = place(*g, 9400);  // An archipelago: latlng, not the first island's centre.
  CHECK(v.lat == Approx(-1));
  CHECK(v.lon == Approx(3.5));
  auto u = place(*g, 9500);  // The larger island's centre is 500 km from latlng: latlng.
  CHECK(u.lat == Approx(1.5));
  CHECK(u.lon == Approx(6));
}

TEST_CASE("a malformed countries file fails the build naming the file; bad entries are listed", "[places]") {
  TempDir dir;
  auto fails_with = [&](const std::string& content, const std::string& reason) {
    INFO(content);
    newsq::test::write_file(dir.path() / "countries.json", content);
    places::GazetteerBuilder builder;
    try {
      builder.add_file(dir.str("countries.json"));
      FAIL("no error");
    } catch (const newsq::InputError& e) {
      CHECK(e.file() == dir.str("countries.json"));
      CHECK(std::string(e.what()).starts_with(dir.str("countries.json") + ":"));
      CHECK(e.reason().find(reason) != std::string::npos);
    }
  };
  fails_with("{\"cca2\": \"XX\", \"latlng\": [1, ", "not a JSON file");
  fails_with("{\"cca2\": \"XX\", \"latlng\": [1, 2]}", "expected a JSON array");
  fails_with("[]", "expected a JSON array");
  fails_with("[{\"cca2\": \"XX\"}]", "no country with a cca2 code and a latlng point");

  newsq::test::write_file(dir.path() / "countries.json",
                          R"([{"cca2": "XX", "latlng": [20, 30]}, {"cca2": "YY"}, {"cca2": "Q", "latlng": [1, 2]},
                              {"cca2": "ZZ", "latlng": [100, 0]}, 7])");
  places::GazetteerBuilder builder;
  builder.add_file(dir.str("countries.json"));
  const auto& rejected = builder.report().rejected;
  REQUIRE(rejected.size() == 4);
  const std::string f = dir.str("countries.json");
  CHECK(rejected[0] == f + ":2: missing or bad latlng for 'YY' (expected [lat, lon])");
  CHECK(rejected[1] == f + ":3: missing or bad cca2 (expected a two-letter ISO code)");
  CHECK(rejected[2] == f + ":4: latlng out of range for 'ZZ'");
  CHECK(rejected[3] == f + ":5: country entry is not an object");
}

// The real data: GeoNames' Russian and US rows, regions and countries, the countries file and the
// facts. Russia's centre is about (60, 100) (world-countries and GeoNames both), 3,500 km from
// Moscow; Texas' geographic centre about (31.1, -99.3), 200 km from Austin, its seat.
TEST_CASE("a country and a region named in a text resolve to their centre, not their capital", "[places][shared]") {
  NEWSQ_REQUIRE_SHARED();
  const std::string countries = countries_file();
  if (countries.empty()) {
    WARN("SKIPPED: build/world-countries/package/countries.json is absent (run .ci/fetch-countries)");
    return;
  }
  TempDir dir;
  const auto geonames = newsq::test::shared_dir() / "gazetteer";
  {
    std::ifstream all(geonames / "cities500.txt");
    std::ofstream some(dir.str("cities_ru_us.txt"));
    for (std::string line; std::getline(all, line);) {
      std::size_t tab = 0;
      for (int i = 0; i < 8 && tab != std::string::npos; ++i) tab = line.find('\t', tab + 1);
      if (tab == std::string::npos) continue;
      const std::string cc = line.substr(tab + 1, 2);
      if (cc == "RU" || cc == "US") some << line << '\n';
    }
  }
  places::GazetteerBuilder builder;
  for (const auto& f : {dir.str("cities_ru_us.txt"), (geonames / "admin1CodesASCII.txt").string(),
                        (geonames / "countryInfo.txt").string(), countries,
                        (newsq::test::source_dir() / "corpus" / "places.tsv").string()})
    builder.add_file(f);
  builder.write(dir.str("g.bin"));
  auto g = places::Gazetteer::load(dir.str("g.bin"));

  newsq::analysis::TextAnalyzer analyzer;
  places::PlaceExtractor extractor(*g);
  auto found = extractor.extract(
      "Western governments widened sanctions on Russia on Monday. In Texas, lawmakers debated the state budget "
      "for a second week.",
      analyzer);
  bool russia = false, texas = false;
  for (const auto& f : found.places) {
    const places::Place& p = f.place;
    INFO(p.name << " " << p.lat << " " << p.lon);
    if (p.id == 2017370) {  // Russia.
      russia = true;
      REQUIRE(p.has_coordinates);
      CHECK(newsq::test::haversine_km(p.lat, p.lon, 60, 100) < 300);
      CHECK(newsq::test::haversine_km(p.lat, p.lon, 55.7522, 37.6156) > 100);  // Not Moscow.
    }
    if (p.id == 4736286) {  // Texas.
      texas = true;
      REQUIRE(p.has_coordinates);
      CHECK(newsq::test::haversine_km(p.lat, p.lon, 31.1, -99.3) < 300);
      CHECK(newsq::test::haversine_km(p.lat, p.lon, 30.2672, -97.7431) > 100);  // Not Austin.
    }
  }
  CHECK(russia);
  CHECK(texas);
}
