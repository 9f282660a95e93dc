// tests/archive_prior_test.cc: the archive prior (indexer/places/archive_prior.h, indexer/places/README.md):
// what it counts, its stored form, how it picks among small same-name places, and that an index's
// places do not depend on the order articles came in: a rebuild counts it from all its inputs, and
// an article indexed later by `newsq index` gets exactly the places the rebuild gave it.
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/index/schema.h"
#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/archive_prior.h"
#include "indexer/places/gazetteer.h"
#include "indexer/places/place_extractor.h"
#include "newsq/newsq.h"
#include "tests/test_support.h"

using newsq::test::TempDir;
namespace places = newsq::places;

namespace {

constexpr std::uint32_t kUkraine = 690791, kMykolaivOblast = 700567, kKirovohradOblast = 705811;

places::Extraction extract(const places::Gazetteer& g, const std::string& text,
                           const places::ArchivePrior* prior = nullptr) {
  newsq::analysis::TextAnalyzer analyzer;
  places::PlaceExtractor extractor(g);
  extractor.set_prior(prior);
  return extractor.extract(text, analyzer);
}

// The region of the Oleksandrivka found in `e` (0 if none is).
std::uint32_t oleksandrivka_region(const places::Extraction& e) {
  for (const auto& p : e.places)
    if (p.place.name == "Oleksandrivka") return p.place.region;
  return 0;
}

// An archive about Mykolaiv Oblast (our own sentences), and one article naming only a village.
const std::vector<std::string> kAboutMykolaiv = {
    "Shelling hit Mykolaiv Oblast again on Monday, Ukraine's army said.",
    "Power was cut across the Mykolaiv region after a strike.",
    "Ukraine said its forces held positions in Mykolaiv Oblast.",
};
const std::string kVillage = "Officials said two houses burned in Oleksandrivka overnight, Ukrainian police said.";

}  // namespace

TEST_CASE("the archive prior counts unambiguous areas and reads back what it wrote", "[shared]") {
  NEWSQ_REQUIRE_SHARED();
  auto g = places::Gazetteer::load(newsq::test::small_gazetteer());
  // "Mykolaiv Oblast" has one candidate: the article names the region and its country for sure.
  auto e = extract(*g, kAboutMykolaiv[0]);
  CHECK(std::binary_search(e.areas.begin(), e.areas.end(), kMykolaivOblast));
  CHECK(std::binary_search(e.areas.begin(), e.areas.end(), kUkraine));
  // A village named alone (nine candidates in four regions) names its country only.
  auto v = extract(*g, kVillage);
  CHECK(!std::binary_search(v.areas.begin(), v.areas.end(), kMykolaivOblast));
  CHECK(!std::binary_search(v.areas.begin(), v.areas.end(), kKirovohradOblast));

  places::ArchivePrior prior;
  CHECK(prior.empty());
  CHECK(prior.serialise().empty());
  for (const auto& text : kAboutMykolaiv) prior.count(extract(*g, text));
  prior.count(extract(*g, "No place is named here."));  // Counts nothing, not even an article.
  CHECK(prior.articles() == 3);
  CHECK(prior.areas().at(kMykolaivOblast) == 3);
  CHECK(prior.areas().at(kUkraine) == 3);

  const std::string stored = prior.serialise();
  CHECK(stored.starts_with("newsq-places-prior 1\narticles 3\n"));
  const auto back = places::ArchivePrior::parse(stored);
  CHECK(back == prior);
  CHECK(back.serialise() == stored);
  places::Place village;
  REQUIRE(g->find(713658, village));  // An Oleksandrivka in Mykolaiv Oblast.
  CHECK(back.bonus(village) == Approx(2 * places::ArchivePrior::kWeight));
  CHECK(places::ArchivePrior::parse("").empty());
  CHECK_THROWS_AS(places::ArchivePrior::parse("something else\n"), std::invalid_argument);
  CHECK_THROWS_AS(places::ArchivePrior::parse("newsq-places-prior 1\narticles x\n"), std::invalid_argument);
  CHECK_THROWS_AS(places::ArchivePrior::parse("newsq-places-prior 1\narticles 3\n700567\n"), std::invalid_argument);
}

TEST_CASE("the archive prior picks among small same-name places, below the article's own clues", "[shared]") {
  NEWSQ_REQUIRE_SHARED();
  auto g = places::Gazetteer::load(newsq::test::small_gazetteer());
  places::ArchivePrior prior;
  for (const auto& text : kAboutMykolaiv) prior.count(extract(*g, text));
  // Without a prior the village is the Kirovohrad Oblast district seat (the largest); in an
  // archive about Mykolaiv Oblast, the Mykolaiv Oblast one.
  CHECK(oleksandrivka_region(extract(*g, kVillage)) == kKirovohradOblast);
  CHECK(oleksandrivka_region(extract(*g, kVillage, &prior)) == kMykolaivOblast);
  // A qualifier in the article still decides.
  CHECK(oleksandrivka_region(extract(*g, "Oleksandrivka, Odesa Oblast, was shelled.", &prior)) == 698738);
  // A name with a major candidate is not the prior's to decide: Kharkiv stays the city.
  auto kharkiv = extract(*g, "Kharkiv was shelled overnight.", &prior);
  REQUIRE(kharkiv.places.size() == 1);
  CHECK(kharkiv.places[0].place.id == 706483);
}

namespace {

// Article id -> the ids of its places as stored, and the stored prior, of index `db`.
struct IndexedPlaces {
  std::map<std::string, std::vector<std::uint32_t>> places;
  std::string prior;
};
IndexedPlaces read_places(const std::string& db) {
  Xapian::Database x(newsq::test::live_generation_path(db));
  IndexedPlaces out;
  out.prior = x.get_metadata(newsq::schema::kPlacesPriorKey);
  for (auto it = x.postlist_begin(""); it != x.postlist_end(""); ++it) {
    auto data = nlohmann::json::parse(x.get_document(*it).get_data());
    auto& ids = out.places[data.at("id").get<std::string>()];
    for (const auto& p : data.value("places", nlohmann::json::array())) ids.push_back(p.at("id").get<std::uint32_t>());
    std::sort(ids.begin(), ids.end());
  }
  return out;
}

std::string jsonl(const std::vector<std::pair<std::string, std::string>>& articles) {
  std::string out;
  for (const auto& [id, text] : articles)
    out += nlohmann::json{{"id", id}, {"date", "2022-05-01"}, {"source", "test"}, {"title", ""}, {"text", text}}.dump() +
           "\n";
  return out;
}

}  // namespace

TEST_CASE("a rebuild and an incremental run give the same places: the prior does not depend on order",
          "[shared]") {
  NEWSQ_REQUIRE_SHARED();
  TempDir dir;
  std::vector<std::pair<std::string, std::string>> articles;
  for (std::size_t i = 0; i < kAboutMykolaiv.size(); ++i) articles.emplace_back("m" + std::to_string(i), kAboutMykolaiv[i]);
  articles.emplace_back("village", kVillage);
  std::vector<std::pair<std::string, std::string>> reversed(articles.rbegin(), articles.rend());
  newsq::test::write_file(dir.path() / "in-order.jsonl", jsonl(articles));
  newsq::test::write_file(dir.path() / "reversed.jsonl", jsonl(reversed));
  newsq::WriterOptions options;
  options.gazetteer = newsq::test::small_gazetteer();
  options.threads = 1;

  // A rebuild counts the prior from all its inputs first: the village article, read first or last,
  // is placed in Mykolaiv Oblast.
  newsq::rebuild(dir.str("a"), {dir.str("in-order.jsonl")}, {}, options);
  newsq::rebuild(dir.str("b"), {dir.str("reversed.jsonl")}, {}, options);
  const IndexedPlaces a = read_places(dir.str("a")), b = read_places(dir.str("b"));
  CHECK(!a.prior.empty());
  CHECK(a.prior == b.prior);
  CHECK(a.places == b.places);
  auto g = places::Gazetteer::load(newsq::test::small_gazetteer());
  bool in_mykolaiv = false;
  for (std::uint32_t id : a.places.at("village")) {
    places::Place p;
    if (g->find(id, p) && p.name == "Oleksandrivka") in_mykolaiv = p.region == kMykolaivOblast;
  }
  CHECK(in_mykolaiv);

  // `newsq index` uses the stored prior and never changes it: the village article removed and
  // indexed again on its own gets the places the rebuild gave it.
  {
    newsq::IndexWriter writer(dir.str("a"), options);
    writer.remove("village");
    writer.commit();
  }
  newsq::test::write_file(dir.path() / "village.jsonl", jsonl({{"village", kVillage}}));
  {
    newsq::IndexWriter writer(dir.str("a"), options);
    newsq::ingest(writer, {dir.str("village.jsonl")});
  }
  const IndexedPlaces again = read_places(dir.str("a"));
  CHECK(again.prior == a.prior);
  CHECK(again.places == a.places);

  // Without a rebuild there is no prior: an index built incrementally from nothing places the
  // village by the gazetteer alone, and says so by storing none.
  {
    newsq::IndexWriter writer(dir.str("c"), options);
    newsq::ingest(writer, {dir.str("in-order.jsonl")});
  }
  const IndexedPlaces c = read_places(dir.str("c"));
  CHECK(c.prior.empty());
  CHECK(c.places.at("village") != a.places.at("village"));
}
