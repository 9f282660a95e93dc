// tests/adjectives_test.cc: adjectives and demonyms of places ("Russian troops", "the Texans";
// corpus/demonyms.tsv): the builder flags them, the extractor finds them as kind "adjective", and an
// article that only says "Russian" has Russia in its places, location facet, --place and "in Russia".
// A gazetteer written here (facts and demonyms the test makes up), so that no ../shared is needed;
// the last case checks the real table against the full GeoNames gazetteer.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/gazetteer.h"
#include "indexer/places/gazetteer_builder.h"
#include "indexer/places/place_extractor.h"
#include "newsq/newsq.h"
#include "tests/test_support.h"

using newsq::test::TempDir;
namespace places = newsq::places;

using newsq::test::hit_ids;

namespace {

constexpr std::uint32_t kRussia = 2017370, kUkraine = 690791, kUS = 6252001, kUK = 2635167, kKyiv = 703448;
constexpr std::uint32_t kTexas = 4000009001, kHamletRussian = 4000009002, kBritishColumbia = 4000009003;

// Places in the facts format (corpus/places.tsv), and demonyms in corpus/demonyms.tsv's.
std::string build(const TempDir& dir, places::GazetteerBuilder& builder) {
  newsq::test::write_file(dir.path() / "facts.tsv",
                          "2017370\tcountry\tRU\t\t61.0\t99.0\t144000000\tA.PCLI\tRussia\t\n"
                          "690791\tcountry\tUA\t\t49.0\t32.0\t41000000\tA.PCLI\tUkraine\t\n"
                          "6252001\tcountry\tUS\t\t39.8\t-98.6\t330000000\tA.PCLI\tUnited States\t\n"
                          "2635167\tcountry\tGB\t\t54.0\t-2.0\t67000000\tA.PCLI\tUnited Kingdom\tBritain\n"
                          "703448\tcity\tUA\t\t50.45\t30.52\t2900000\tP.PPLC\tKyiv\tKiev\n"
                          "4000009001\tregion\tUS\tUS.TX\t31.0\t-99.0\t29000000\tA.ADM1\tTexas\t\n"
                          "4000009002\tcity\tUS\t\t38.4\t-123.0\t120\tP.PPL\tRussian\t\n"
                          "4000009003\tregion\tCA\tCA.02\t54.0\t-125.0\t5000000\tA.ADM1\tBritish Columbia\t\n");
  newsq::test::write_file(dir.path() / "demonyms.tsv",
                          "# place\tadjectives\tpeople\n"
                          "RU\tRussian\tRussians\n"
                          "UA\tUkrainian\tUkrainians\n"
                          "US.TX\tTexan\tTexans\n"
                          "GB\tBritish\tBriton,Britons\n"
                          "US\tAmerican\tAmericans\n"
                          "ZA\tSouth African\tSouth Africans\n"
                          "4000009003\tBritish Columbian\n"
                          "RU Russian\n");
  builder.add_file(dir.str("facts.tsv"));
  builder.add_file(dir.str("demonyms.tsv"));
  builder.write(dir.str("g.bin"));
  return dir.str("g.bin");
}

struct Gaz {
  TempDir dir;
  places::GazetteerBuilder builder;
  std::string path = build(dir, builder);
  std::shared_ptr<const places::Gazetteer> g = places::Gazetteer::load(path);
};

places::Extraction extract(const places::Gazetteer& g, const std::string& text) {
  newsq::analysis::TextAnalyzer analyzer;
  places::PlaceExtractor extractor(g);
  return extractor.extract(text, analyzer);
}

// Accepted mentions as "text:place id:kind".
std::vector<std::string> accepted(const places::Extraction& e) {
  std::vector<std::string> out;
  for (const auto& m : e.mentions)
    if (m.accepted)
      out.push_back(m.text + ":" + std::to_string(m.place) + ":" + std::string(places::mention_kind_name(m.kind)));
  return out;
}

}  // namespace

TEST_CASE("demonyms become flagged names of their places, by ISO code, admin1 code or id", "[places][adjectives]") {
  Gaz z;
  const auto& report = z.builder.report();
  CHECK(report.adjectives == 12);  // Adjectives and demonyms.               // Every form of the lines whose place exists.
  CHECK(report.adjective_places_missing == 1);  // ZA: this gazetteer has no South Africa.
  REQUIRE(report.rejected.size() == 1);
  CHECK(report.rejected[0] == z.dir.str("demonyms.tsv") + ":9: expected 2 or 3 tab-separated columns, found 1");

  places::Gazetteer::NameEntry e;
  REQUIRE(z.g->probe("russian", e));
  CHECK(e.adjective);
  // The adjective names only Russia: the hamlet called Russian is no candidate any more.
  CHECK(std::vector<std::uint32_t>(e.ids.begin(), e.ids.end()) == std::vector<std::uint32_t>{kRussia});
  CHECK(z.g->probe_ids("texans") == std::vector<std::uint32_t>{kTexas});
  REQUIRE(z.g->probe("britons", e));
  CHECK(e.demonym);
  CHECK_FALSE(e.adjective);
  CHECK(z.g->lookup("britons").empty());
  CHECK(z.g->probe_ids("british columbian") == std::vector<std::uint32_t>{kBritishColumbia});
  REQUIRE(z.g->probe("russia", e));
  CHECK_FALSE(e.adjective);
  // lookup() (queries, --place, --facet) resolves names only.
  CHECK(z.g->lookup("russian").empty());
  CHECK(z.g->lookup("russia").size() == 1);
  // "british" is an adjective and still the start of a longer name.
  REQUIRE(z.g->probe("british", e));
  CHECK(e.adjective);
  CHECK(e.longer != 0);
  places::Place hamlet;
  CHECK(z.g->find(kHamletRussian, hamlet));  // The place itself stays.
}

TEST_CASE("adjectives are found as kind adjective, capitalised, and give the article their place",
          "[places][adjectives]") {
  Gaz z;
  auto e = extract(*z.g, "Russian troops shelled the outskirts overnight, officials said.");
  CHECK(accepted(e) == std::vector<std::string>{"Russian:2017370:adjective"});
  REQUIRE(e.places.size() == 1);
  CHECK(e.places[0].place.id == kRussia);
  CHECK(e.places[0].kind == places::MentionKind::adjective);
  CHECK(e.places[0].reason.starts_with("adjective of Russia"));

  // Named too: the place is the name's kind; both mentions count.
  e = extract(*z.g, "Russian troops left. Russia denied it.");
  CHECK(accepted(e) == std::vector<std::string>{"Russian:2017370:adjective", "Russia:2017370:name"});
  REQUIRE(e.places.size() == 1);
  CHECK(e.places[0].kind == places::MentionKind::name);
  CHECK(e.places[0].mentions == 2);

  // Demonyms (nouns for the people), regions' too; an adjective ranks before a demonym.
  e = extract(*z.g, "The Ukrainians and the Texans met in Kyiv.");
  CHECK(accepted(e) ==
        std::vector<std::string>{"Ukrainians:690791:demonym", "Texans:4000009001:demonym", "Kyiv:703448:name"});
  REQUIRE(e.places.size() == 3);
  CHECK(e.places[0].kind == places::MentionKind::demonym);
  CHECK(e.places[0].reason.starts_with("demonym of Ukraine"));
  e = extract(*z.g, "Britons voted. British ministers agreed.");
  REQUIRE(e.places.size() == 1);
  CHECK(e.places[0].kind == places::MentionKind::adjective);
  CHECK(e.places[0].mentions == 2);
  // Hyphenated pairs.
  CHECK(accepted(extract(*z.g, "A Russian-Ukrainian deal was signed.")) ==
        std::vector<std::string>{"Russian:2017370:adjective", "Ukrainian:690791:adjective"});
  // The longest name wins over the adjective it starts with.
  CHECK(accepted(extract(*z.g, "Fires spread in British Columbia.")) ==
        std::vector<std::string>{"British Columbia:4000009003:name"});
  // "russian" and "american" are on the common-word list (hamlets so called): not for the adjectives.
  CHECK(accepted(extract(*z.g, "American and Russian envoys met.")) ==
        std::vector<std::string>{"American:6252001:adjective", "Russian:2017370:adjective"});
  // An adjective of a major place before a name does not make it a person's name.
  CHECK(accepted(extract(*z.g, "Officials of the Ukrainian Kyiv administration spoke.")) ==
        std::vector<std::string>{"Ukrainian:690791:adjective", "Kyiv:703448:name"});
  // Not capitalised: not an adjective of a place.
  CHECK(accepted(extract(*z.g, "He spoke russian slang all evening.")).empty());
}

TEST_CASE("an article saying only 'Russian' is found by --place, the location facet and 'in Russia'",
          "[places][adjectives]") {
  Gaz z;
  TempDir dir;
  newsq::test::index_articles(
      dir.str("db"),
      {{"a-adj", "2022-03-01", "Test", "", "", "Russian troops shelled the depot at dawn.", "en"},
       {"a-name", "2022-03-02", "Test", "", "", "Troops in Russia moved west at dawn.", "en"},
       {"a-ua", "2022-03-03", "Test", "", "", "Ukrainian troops held the depot at dawn.", "en"},
       {"a-people", "2022-03-05", "Test", "", "", "The Russians moved troops at dawn.", "en"},
       {"a-none", "2022-03-04", "Test", "", "", "Troops rested at dawn.", "en"}},
      z.path);
  newsq::Searcher searcher(dir.str("db"));
  CHECK(hit_ids(searcher.search({.limit = 10, .collapse_duplicates = false, .place = "Russia"})) ==
        std::set<std::string>{"a-adj", "a-name", "a-people"});
  auto faceted = searcher.search(
      {.limit = 10, .max_facet_values = 100, .facet_filters = {{"location", "Russia"}}, .collapse_duplicates = false});
  CHECK(hit_ids(faceted) == std::set<std::string>{"a-adj", "a-name", "a-people"});
  std::map<std::uint64_t, std::uint64_t> counts;
  const auto all = searcher.search({.limit = 0, .max_facet_values = 100});
  for (const auto& v : all.facets.at("location")) counts[v.id] = v.count;
  CHECK(counts == std::map<std::uint64_t, std::uint64_t>{{kRussia, 3}, {kUkraine, 1}});
  auto understood = searcher.understand("troops in Russia", "2022-03-21");
  CHECK(hit_ids(searcher.search(newsq::SearchRequest::from_understood(understood))) ==
        std::set<std::string>{"a-adj", "a-name", "a-people"});
  // An adjective is not a place in a query: "Russian" stays a word, and --place refuses it.
  auto words = searcher.understand("Russian troops", "2022-03-21");
  CHECK(words.places.empty());
  CHECK_THROWS_AS(searcher.search({.place = "Russian"}), newsq::QueryError);
}

TEST_CASE("newsq places shows kind adjective and demonym in text and JSON", "[places][adjectives]") {
  Gaz z;
  TempDir dir;
  newsq::test::write_file(dir.path() / "a.txt", "American officials met Russian diplomats in Kyiv. Britons watched.");
  auto found = newsq::find_places("American officials met Russian diplomats in Kyiv. Britons watched.", z.path);
  REQUIRE(found.places.size() == 4);
  CHECK(found.places[0].kind == "adjective");
  CHECK(found.places[2].kind == "name");
  CHECK(found.places[3].kind == "demonym");
  CHECK(found.places[3].place.id == kUK);
  auto r = newsq::test::run_cli({"places", "--gazetteer", z.path, "--json", dir.str("a.txt")});
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["places"].size() == 4);
  CHECK(j["places"][0]["id"] == kUS);
  CHECK(j["places"][0]["kind"] == "adjective");
  CHECK(j["places"][2]["kind"] == "name");
  CHECK(j["mentions"][1]["text"] == "Russian");
  CHECK(j["mentions"][1]["kind"] == "adjective");
  CHECK(j["places"][3]["kind"] == "demonym");
  auto text = newsq::test::run_cli({"places", "--gazetteer", z.path, dir.str("a.txt")});
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("Russian                  adjective") != std::string::npos);
  CHECK(text.out.find("(adjective)") != std::string::npos);
  CHECK(text.out.find("Britons                  demonym") != std::string::npos);
}

TEST_CASE("every line of corpus/demonyms.tsv names a place of the full gazetteer", "[shared][adjectives]") {
  NEWSQ_REQUIRE_SHARED();
  TempDir dir;
  const auto g = newsq::test::shared_dir() / "gazetteer";
  places::GazetteerBuilder builder;
  for (const auto& f : {g / "admin1CodesASCII.txt", g / "countryInfo.txt",
                        newsq::test::source_dir() / "corpus" / "places.tsv",
                        newsq::test::source_dir() / "corpus" / "demonyms.tsv"})
    builder.add_file(f.string());
  builder.write(dir.str("g.bin"));
  for (const auto& r : builder.report().rejected) CHECK(r.find("demonyms.tsv") == std::string::npos);
  CHECK(builder.report().adjective_places_missing == 0);
  CHECK(builder.report().adjectives > 400);
  auto gazetteer = places::Gazetteer::load(dir.str("g.bin"));
  places::Gazetteer::NameEntry e;
  for (const char* key : {"russian", "american", "british", "texan", "south african", "filipino"}) {
    INFO(key);
    REQUIRE(gazetteer->probe(key, e));
    CHECK(e.adjective);
    CHECK(e.ids.size() == 1);
  }
  for (const char* key : {"ukrainians", "americans", "britons", "texans", "frenchmen"}) {
    INFO(key);
    REQUIRE(gazetteer->probe(key, e));
    CHECK(e.demonym);
    CHECK(e.ids.size() == 1);
  }
  CHECK(gazetteer->probe_ids("congolese").size() == 2);  // Both Congos: disambiguated like a shared name.
}
