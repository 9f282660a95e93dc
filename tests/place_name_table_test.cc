// tests/place_name_table_test.cc: the index's own table of place names (engine/index/
// place_name_table.h): every write path fills it from the gazetteer, the location facet reads its
// names from it (and from the gazetteer where it has none, with the same answer), and a table
// written with another gazetteer is neither trusted nor kept. Every row here is written for the test.
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "engine/index/place_name_table.h"
#include "engine/index/schema.h"
#include "indexer/places/gazetteer.h"
#include "newsq/newsq.h"
#include "tests/test_support.h"

using newsq::test::TempDir;
namespace places = newsq::places;
namespace schema = newsq::schema;

namespace {

constexpr std::uint32_t kUkraine = 690791, kKyivCity = 703447, kKyiv = 703448, kLviv = 702550, kLvivOblast = 702549,
                        kOdesa = 698740, kOdesaOblast = 698738;

// Three cities in three regions of one country.
std::string cities() {
  return newsq::test::geonames_row(kKyiv, "Kyiv", "Kiev", 50.45, 30.52, "PPLC", "UA", "12", "", 2900000) +
         newsq::test::geonames_row(kLviv, "Lviv", "Lvov", 49.84, 24.03, "PPLA", "UA", "15", "", 720000) +
         newsq::test::geonames_row(kOdesa, "Odesa", "Odessa", 46.48, 30.73, "PPLA", "UA", "17", "", 1000000);
}

std::string gazetteer(const TempDir& dir, const std::string& name, const std::string& extra_cities = "") {
  // The builder knows GeoNames files by their names: each gazetteer's files in a folder of its own.
  const std::filesystem::path in = dir.path() / name;
  std::filesystem::create_directories(in);
  newsq::test::write_file(in / "cities.txt", cities() + extra_cities);
  newsq::test::write_file(in / "admin1CodesASCII.txt",
                          "UA.12\tKyiv City\tKyiv City\t" + std::to_string(kKyivCity) + "\nUA.15\tLviv Oblast\tLviv Oblast\t" +
                              std::to_string(kLvivOblast) + "\nUA.17\tOdesa Oblast\tOdesa Oblast\t" +
                              std::to_string(kOdesaOblast) + "\nUA.07\tKharkiv Oblast\tKharkiv Oblast\t706482\n");
  newsq::test::write_file(in / "countryInfo.txt",
                          "UA\tUKR\t804\tUP\tUkraine\tKyiv\t603700\t41000000\tEU\t.ua\tUAH\tHryvnia\t380\t\t\tuk\t" +
                              std::to_string(kUkraine) + "\t\t\n");
  const std::string out = dir.str(name + ".bin");
  newsq::test::build_gazetteer({(in / "cities.txt").string(), (in / "admin1CodesASCII.txt").string(),
                                (in / "countryInfo.txt").string()},
                               out);
  return out;
}

std::vector<newsq::Article> articles() {
  return {
      {"kyiv", "2026-01-01", "Test", "Power cuts in Kyiv", "", "Power was cut in Kyiv after the storm.", "en"},
      {"lviv", "2026-01-02", "Test", "Power cuts in Lviv", "", "Power was cut in Lviv after the storm.", "en"},
      {"odesa", "2026-01-03", "Test", "Power cuts in Odesa", "", "Power was cut in Odesa after the storm.", "en"},
  };
}

std::vector<newsq::FacetValue> location_facet(const std::string& db) {
  newsq::Searcher searcher(db);
  return searcher.search({.limit = 0, .max_facet_values = 100, .collapse_duplicates = false}).facets.at("location");
}

std::string facet_line(const std::vector<newsq::FacetValue>& values) {
  std::string out;
  for (const auto& v : values)
    out += v.value + "|" + v.level + "|" + std::to_string(v.count) + "|" + std::to_string(v.id) + "|" + v.country + "|" +
           v.region + "|" + std::to_string(v.lat) + "," + std::to_string(v.lon) + ";";
  return out;
}

// The table's entries, by id.
std::map<std::uint32_t, std::string> table(const std::string& db) {
  Xapian::Database d(db);
  std::map<std::uint32_t, std::string> out;
  const std::string prefix = schema::kPlaceNamePrefix;
  for (auto key = d.metadata_keys_begin(prefix); key != d.metadata_keys_end(prefix); ++key)
    out[static_cast<std::uint32_t>(std::stoul((*key).substr(prefix.size())))] = d.get_metadata(*key);
  return out;
}

}  // namespace

TEST_CASE("place name entries keep every field exactly and refuse what is not a whole entry", "[places][index]") {
  places::Place p;
  p.id = 42;
  p.name = "Київ";
  p.level = places::Level::region;
  p.has_coordinates = true;
  p.lat = -33.8688197;
  p.lon = std::nextafter(151.2092955, 200.0);
  p.country = 7;
  p.region = 42;
  const std::string encoded = places::encode_place_name(places::place_name_of(p));
  auto back = places::decode_place_name(encoded);
  REQUIRE(back);
  CHECK(back->name == "Київ");
  CHECK(back->level == places::Level::region);
  CHECK(back->has_coordinates);
  CHECK(back->lat == p.lat);  // Bit for bit: the facet prints what the gazetteer holds.
  CHECK(back->lon == p.lon);
  CHECK(back->country == 7);
  CHECK(back->region == 42);

  places::Place empty;
  empty.name = "";
  auto none = places::decode_place_name(places::encode_place_name(places::place_name_of(empty)));
  REQUIRE(none);
  CHECK(none->name.empty());
  CHECK_FALSE(none->has_coordinates);

  CHECK_FALSE(places::decode_place_name(""));
  for (std::size_t cut = 1; cut < encoded.size() - std::string("Київ").size(); ++cut)
    CHECK_FALSE(places::decode_place_name(encoded.substr(0, cut)));
  std::string bad_level = encoded;
  bad_level[0] = 9;  // Level 9 does not exist.
  CHECK_FALSE(places::decode_place_name(bad_level));
  CHECK(places::place_name_key(703448) == std::string(schema::kPlaceNamePrefix) + "703448");
}

TEST_CASE("a writer names every place its articles count, and the facet reads the names from the index",
          "[places][index]") {
  TempDir dir;
  const std::string g = gazetteer(dir, "g");
  const std::string db = dir.str("db");
  newsq::test::index_articles(db, articles(), g);

  const auto gz = places::Gazetteer::load(g);
  const auto entries = table(db);
  CHECK(Xapian::Database(db).get_metadata(schema::kPlaceNamesGazetteerKey) == gz->checksum());
  const auto facet = location_facet(db);
  REQUIRE(facet.size() >= 7);  // Ukraine, three regions, three cities.
  for (const auto& v : facet) {
    INFO(v.value);
    REQUIRE(entries.count(v.id) == 1);
    places::Place p;
    REQUIRE(gz->find(v.id, p));
    CHECK(entries.at(v.id) == places::encode_place_name(places::place_name_of(p)));
  }

  // The names shown are the table's: a changed entry shows (only a test changes one).
  const std::string before = facet_line(facet);
  {
    Xapian::WritableDatabase w(newsq::test::live_generation_path(db), Xapian::DB_OPEN);
    places::Place p;
    REQUIRE(gz->find(kLviv, p));
    p.name = "Lemberg";
    w.set_metadata(places::place_name_key(kLviv), places::encode_place_name(places::place_name_of(p)));
    w.commit();
  }
  auto changed = location_facet(db);
  CHECK(std::any_of(changed.begin(), changed.end(), [](const auto& v) { return v.value == "Lemberg"; }));

  // A table recorded for another gazetteer is not trusted: the gazetteer names the places.
  {
    Xapian::WritableDatabase w(newsq::test::live_generation_path(db), Xapian::DB_OPEN);
    w.set_metadata(schema::kPlaceNamesGazetteerKey, "0000000000000000");
    w.commit();
  }
  CHECK(facet_line(location_facet(db)) == before);

  // Without any entry (an index written before the table): the same facet, from the gazetteer.
  {
    Xapian::WritableDatabase w(newsq::test::live_generation_path(db), Xapian::DB_OPEN);
    for (const auto& [id, value] : entries) w.set_metadata(places::place_name_key(id), "");
    w.set_metadata(schema::kPlaceNamesGazetteerKey, gz->checksum());
    w.commit();
  }
  CHECK(table(db).empty());
  CHECK(facet_line(location_facet(db)) == before);
}

TEST_CASE("the table is filled by a parallel build and by later runs, and rewritten for another gazetteer",
          "[places][index]") {
  TempDir dir;
  const std::string g = gazetteer(dir, "g");
  const std::string db = dir.str("db");
  std::string lines;
  for (const auto& a : articles())
    lines += R"({"id":")" + a.id + R"(","date":")" + a.date + R"(","source":"Test","title":")" + a.title +
             R"(","text":")" + a.text + "\"}\n";
  newsq::test::write_file(dir.path() / "a.jsonl", lines);
  auto r = newsq::test::run_cli({"index", "--quiet", "--threads", "2", "--db", db, "--gazetteer", g, dir.str("a.jsonl")});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto entries = table(db);
  for (std::uint32_t id : {kUkraine, kKyiv, kKyivCity, kLviv, kLvivOblast, kOdesa, kOdesaOblast})
    CHECK(entries.count(id) == 1);
  const std::string before = facet_line(location_facet(db));

  // A later run adds the places of its articles.
  constexpr std::uint32_t kKharkiv = 706483;
  const std::string g2 = gazetteer(dir, "g2", newsq::test::geonames_row(kKharkiv, "Kharkiv", "Kharkov", 49.99, 36.23,
                                                                         "PPLA", "UA", "07", "", 1400000));
  newsq::test::write_file(dir.path() / "b.jsonl",
                          R"({"id":"kharkiv","date":"2026-01-04","source":"Test","title":"Power cuts in Kharkiv","text":"Power was cut in Kharkiv."})"
                          "\n");
  r = newsq::test::run_cli({"index", "--quiet", "--db", db, "--gazetteer", g2, dir.str("b.jsonl")});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // Another gazetteer: the old entries go (they may name places otherwise), the new run's come.
  const auto gz2 = places::Gazetteer::load(g2);
  CHECK(Xapian::Database(db).get_metadata(schema::kPlaceNamesGazetteerKey) == gz2->checksum());
  entries = table(db);
  CHECK(entries.count(kKharkiv) == 1);
  CHECK(entries.count(kLviv) == 0);
  // The facet still names the places only the old entries named, from the gazetteer.
  const auto facet = location_facet(db);
  for (std::uint32_t id : {kLviv, kKharkiv})
    CHECK(std::any_of(facet.begin(), facet.end(), [&](const auto& v) { return v.id == id; }));
}
