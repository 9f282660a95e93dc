// tests/place_queries_test.cc: places in one-line queries ("near Kyiv", "in Ukraine", "around
// Mariupol within 30 km", bare names), checked against the hand-written table
// tests/data/place_queries.tsv, and "casualties near Kyiv in March 2022" run over the real corpus
// with every hit checked against the radius.
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <set>

#include "indexer/places/gazetteer.h"
#include "newsq/newsq.h"
#include "query/understand/place_words.h"
#include "tests/test_support.h"

using newsq::test::TempDir;

namespace {}  // namespace

TEST_CASE("every query in the place table is understood as written", "[shared][understanding]") {
  NEWSQ_REQUIRE_SHARED();
  auto rows = newsq::test::read_tsv(newsq::test::source_dir() / "tests" / "data" / "place_queries.tsv", 3);
  REQUIRE(rows.size() >= 30);
  std::size_t right = 0;
  for (const auto& row : rows) {
    const auto& query = row[0];
    INFO("query: " << query);
    auto u = newsq::understand(query, "2022-03-21", {}, newsq::test::small_gazetteer());
    CHECK(newsq::query::places_notation(u.places) == row[1]);
    CHECK(u.text == row[2]);
    right += newsq::query::places_notation(u.places) == row[1] && u.text == row[2];
  }
  CHECK(right == rows.size());
}

TEST_CASE("qualified and ambiguous names pick the right place and keep commas in the CLI", "[shared][understanding]") {
  NEWSQ_REQUIRE_SHARED();
  auto g = newsq::places::Gazetteer::load(newsq::test::small_gazetteer());
  auto country_of = [&](const newsq::UnderstoodPlace& p) {
    newsq::places::Place place;
    REQUIRE(g->find(static_cast<std::uint32_t>(p.id), place));
    return std::string(place.country_code);
  };
  auto texas = newsq::understand("floods in Paris, Texas", "2022-03-21", {}, newsq::test::small_gazetteer());
  REQUIRE(texas.places.size() == 1);
  CHECK(country_of(texas.places[0]) == "US");
  auto france = newsq::understand("art in Paris", "2022-03-21", {}, newsq::test::small_gazetteer());
  REQUIRE(france.places.size() == 1);
  CHECK(country_of(france.places[0]) == "FR");
  // Without a gazetteer nothing is taken for a place.
  auto plain = newsq::understand("shelling near Kyiv", "2022-03-21");
  CHECK(plain.places.empty());
  CHECK(plain.text == "shelling near Kyiv");

  // The CLI passes the query whole (cxxopts would split list values on commas).
  auto r =
      newsq::test::run_cli({"explain", "--json", "--now", "2022-03-21", "--gazetteer", newsq::test::small_gazetteer(),
                            "floods", "in", "Paris,", "Texas", "on", "March 21, 2022"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["places"].size() == 1);
  CHECK(j["places"][0]["id"] == texas.places[0].id);
  CHECK(j["places"][0]["mode"] == "in");
  CHECK(!j["places"][0].contains("radius_km"));
  CHECK(j["date"]["from"] == "2022-03-21");
  CHECK(j["date"]["to"] == "2022-03-21");
  auto near =
      nlohmann::json::parse(newsq::test::run_cli({"explain", "--json", "--gazetteer", newsq::test::small_gazetteer(),
                                                  "around", "Mariupol", "within", "30", "km"})
                                .out);
  REQUIRE(near["places"].size() == 1);
  CHECK(near["places"][0]["name"] == "Mariupol");
  CHECK(near["places"][0]["mode"] == "near");
  CHECK(near["places"][0]["radius_km"] == 30.0);
}

namespace {

struct PlacedCorpus {
  TempDir dir;
  PlacedCorpus() {
    newsq::WriterOptions options;
    options.gazetteer = newsq::test::small_gazetteer();
    newsq::IndexWriter writer(dir.str("db"), options);
    newsq::ingest(writer, {(newsq::test::shared_dir() / "corpus" / "ukraine-war-gdelt.jsonl.gz").string()});
  }
};

}  // namespace

TEST_CASE("casualties near Kyiv in March 2022: every hit is in March 2022, about casualties, within the radius",
          "[shared][understanding]") {
  NEWSQ_REQUIRE_SHARED();
  PlacedCorpus corpus;
  newsq::Searcher searcher(corpus.dir.str("db"));
  auto u = searcher.understand("casualties near Kyiv in March 2022", "2022-03-21");
  REQUIRE(u.places.size() == 1);
  CHECK(u.places[0].mode == newsq::UnderstoodPlace::Mode::near);
  CHECK(u.places[0].radius_km == 50);
  CHECK(u.from == "2022-03-01");
  CHECK(u.to == "2022-03-31");
  auto request = newsq::SearchRequest::from_understood(u);
  request.limit = 1000;
  request.collapse_duplicates = false;
  auto results = searcher.search(request);
  REQUIRE(results.total > 0);
  CHECK(results.total == results.hits.size());

  auto g = newsq::places::Gazetteer::load(newsq::test::small_gazetteer());
  newsq::places::Place kyiv;
  REQUIRE(g->find(static_cast<std::uint32_t>(u.places[0].id), kyiv));
  const std::vector<std::string> casualty_words = {"casualt", "kill",  "dead",    "death",
                                                   "wound",   "injur", "fatalit", "die"};
  for (const auto& hit : results.hits) {
    INFO(hit.id);
    CHECK(hit.date >= "2022-03-01");
    CHECK(hit.date <= "2022-03-31");
    // Within the radius: some city or sea of the hit lies within 50 km, by the test's own distance.
    double nearest = 1e9;
    for (const auto& p : hit.places)
      if (p.has_coordinates && (p.level == "city" || p.level == "sea"))
        nearest = std::min(nearest, newsq::test::haversine_km(kyiv.lat, kyiv.lon, p.lat, p.lon));
    CHECK(nearest <= 50.0);
    CHECK(hit.distance_km == Approx(nearest).margin(0.5));
    // About casualties: the snippet highlights one of the words or their synonyms.
    std::string snippet = hit.snippet;
    for (auto& c : snippet) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool about = false;
    for (const auto& w : casualty_words)
      about = about || snippet.find(std::string(1, newsq::kHighlightStart) + w) != std::string::npos;
    CHECK(about);
  }
  // The same search without the place finds more: the radius really filtered.
  auto wider = request;
  wider.near.clear();
  CHECK(searcher.search(wider).total > results.total);
}

TEST_CASE("a bare place name prefers its articles without filtering, and flags override words",
          "[shared][understanding]") {
  NEWSQ_REQUIRE_SHARED();
  PlacedCorpus corpus;
  newsq::Searcher searcher(corpus.dir.str("db"));
  auto u = searcher.understand("Mariupol evacuation", "2022-03-21");
  REQUIRE(u.places.size() == 1);
  CHECK(u.places[0].mode == newsq::UnderstoodPlace::Mode::prefer);
  auto request = newsq::SearchRequest::from_understood(u);
  request.limit = 1000;
  request.collapse_duplicates = false;
  auto preferred = searcher.search(request);
  // Not a filter: as many matches as the text alone...
  newsq::SearchRequest text_only;
  text_only.query = "evacuation";
  text_only.limit = 1000;
  text_only.collapse_duplicates = false;
  auto plain = searcher.search(text_only);
  CHECK(preferred.total == plain.total);
  // ...but the articles placed in Mariupol rank higher: more of them in the top places than when
  // the text alone ranks, and the first hit is one.
  auto in_mariupol = [](const newsq::Hit& h) {
    for (const auto& p : h.places)
      if (p.id == static_cast<std::uint64_t>(701822)) return true;
    return false;
  };
  std::size_t placed = 0;
  for (const auto& h : preferred.hits) placed += in_mariupol(h);
  REQUIRE(placed > 0);
  REQUIRE(placed < preferred.hits.size());
  auto placed_in_top = [&](const newsq::SearchResults& r) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < placed && i < r.hits.size(); ++i) n += in_mariupol(r.hits[i]);
    return n;
  };
  CHECK(in_mariupol(preferred.hits[0]));
  CHECK(placed_in_top(preferred) > placed_in_top(plain));

  // A place name alone finds the articles naming it and those placed there, best first.
  auto alone = searcher.search(newsq::SearchRequest::from_understood(searcher.understand("Mariupol", "2022-03-21")));
  newsq::SearchRequest word;
  word.query = "mariupol";
  newsq::SearchRequest tagged;
  tagged.place = "Mariupol";
  const auto named_total = searcher.search(word).total, placed_total = searcher.search(tagged).total;
  CHECK(alone.total >= std::max(named_total, placed_total));
  CHECK(alone.total <= named_total + placed_total);
  REQUIRE(alone.hits.size() >= 2);
  CHECK(alone.hits[0].score >= alone.hits[1].score);

  // An explicit --near replaces the "near" of the words; --radius alone adjusts it.
  const std::string db = corpus.dir.str("db");
  auto j = nlohmann::json::parse(newsq::test::run_cli({"search", "--db", db, "--json", "--now", "2022-03-21", "--limit",
                                                       "100", "--near", "Lviv", "shelling", "near", "Kyiv"})
                                     .out);
  for (const auto& place : j["query"]["places"]) CHECK(place["name"] != "Kyiv");
  REQUIRE(j["query"]["places"].empty());
  for (const auto& hit : j["hits"]) {
    REQUIRE(hit.contains("distance_km"));
    CHECK(hit["distance_km"].get<double>() <= 50.0);  // From Lviv, the flag's place.
  }
  auto narrow = nlohmann::json::parse(newsq::test::run_cli({"search", "--db", db, "--json", "--radius", "5", "--limit",
                                                            "100", "shelling", "near", "Kyiv"})
                                          .out);
  REQUIRE(narrow["query"]["places"].size() == 1);
  CHECK(narrow["query"]["places"][0]["radius_km"] == 5.0);
}

// A bare name of a small place is a place only if the archive's articles mention it: "Hostomel
// airport" asks for Hostomel in an archive that has it, and is two words in one that has not (as
// "Theresa May" is in a war archive); a notable place, or a radius after the name, always counts.
// Without an index, the name must be the place's own (or a close spelling of it).
TEST_CASE("a bare small place counts where the archive mentions it", "[shared][understanding]") {
  NEWSQ_REQUIRE_SHARED();
  TempDir dir;
  newsq::test::index_articles(dir.str("db"),
                              {{"a1", "2022-03-01", "Test", "", "", "Shelling near the bridge in Irpin, Kyiv Oblast.", "en"},
                               {"a2", "2022-03-02", "Test", "", "", "The city of Bakhmut was shelled again.", "en"}},
                              newsq::test::small_gazetteer());
  newsq::Searcher searcher(dir.str("db"));
  auto places_of = [&](const std::string& query) {
    return newsq::query::places_notation(searcher.understand(query, "2022-03-21").places);
  };
  CHECK(places_of("Irpin bridge") == "prefer:Irpin");
  CHECK(places_of("Hostomel airport") == "-");
  CHECK(searcher.understand("Hostomel airport", "2022-03-21").text == "Hostomel airport");
  CHECK(places_of("Artemivsk") == "prefer:Bakhmut");  // Its former name, of a place the archive has.
  CHECK(places_of("Kharkiv metro") == "prefer:Kharkiv");  // Notable: a regional centre.
  CHECK(places_of("Hostomel within 10 km") == "near:Hostomel:10");
  CHECK(places_of("in Hostomel") == "in:Hostomel");  // A keyword says a place is meant.
  CHECK(places_of("in irpin") == "in:Irpin");        // In lower case: the archive has it.
  CHECK(places_of("in hostomel") == "-");            // In lower case, and the archive has it not.
  CHECK(places_of("in Artemivsk") == "in:Bakhmut");
  // No index: the place's own name counts, another name it is listed under does not.
  auto alone = [](const std::string& query) {
    return newsq::query::places_notation(
        newsq::understand(query, "2022-03-21", {}, newsq::test::small_gazetteer()).places);
  };
  CHECK(alone("Hostomel airport") == "prefer:Hostomel");
  CHECK(alone("Izyum shelling") == "prefer:Izium");
  CHECK(alone("in hostomel") == "-");
  CHECK(alone("in Hostomel") == "in:Hostomel");
}

// "in Poland and Moldova": articles about either, not Poland alone with Moldova as a preference;
// --place replaces the list as it replaces one place.
TEST_CASE("a list of places after 'in' finds articles about any of them", "[shared][understanding]") {
  NEWSQ_REQUIRE_SHARED();
  TempDir dir;
  newsq::test::index_articles(dir.str("db"),
                              {{"pl", "2022-03-01", "Test", "", "", "Refugees arrive in Warsaw, Poland.", "en"},
                               {"md", "2022-03-02", "Test", "", "", "Refugees arrive in Moldova.", "en"},
                               {"ua", "2022-03-03", "Test", "", "", "Refugees leave Kharkiv.", "en"}},
                              newsq::test::small_gazetteer());
  newsq::Searcher searcher(dir.str("db"));
  auto ids = [&](const std::string& query) {
    return newsq::test::hit_ids(searcher.search(newsq::SearchRequest::from_understood(searcher.understand(query, "2022-03-21"))));
  };
  CHECK(ids("refugees in Poland") == std::set<std::string>{"pl"});
  CHECK(ids("refugees in Poland and Moldova") == std::set<std::string>{"pl", "md"});
  auto request = newsq::SearchRequest::from_understood(searcher.understand("refugees in Poland or Moldova", "2022-03-21"));
  CHECK(request.place.empty());
  CHECK(request.any_of_places.size() == 2);
  auto cli = newsq::test::run_cli({"search", "--json", "--db", dir.str("db"), "--place", "Ukraine", "refugees in Poland and Moldova"});
  INFO(cli.err);
  REQUIRE(cli.exit_code == 0);
  auto j = nlohmann::json::parse(cli.out);
  REQUIRE(j["hits"].size() == 1);
  CHECK(j["hits"][0]["id"] == "ua");
}
