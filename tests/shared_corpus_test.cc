// tests/shared_corpus_test.cc: the real corpus from ../shared indexed into a real database, checked
// against what the test computes itself from the input files.
#include <nlohmann/json.hpp>

#include <map>
#include <random>
#include <set>

#include "indexer/analysis/text_analyzer.h"
#include "newsq/newsq.h"
#include "tests/test_support.h"

using newsq::test::facet;
using newsq::test::TempDir;

namespace {

struct CorpusArticle {
  std::string id, date, source, title, text;
};

std::vector<CorpusArticle> load(const std::string& file) {
  std::vector<CorpusArticle> out;
  for (const auto& line : newsq::test::read_lines(newsq::test::shared_dir() / "corpus" / file)) {
    auto j = nlohmann::json::parse(line);
    out.push_back({j["id"], j["date"].get<std::string>().substr(0, 10), j["source"], j.value("title", ""), j["text"]});
  }
  return out;
}

std::string corpus(const std::string& file) { return (newsq::test::shared_dir() / "corpus" / file).string(); }

}  // namespace

TEST_CASE("the whole real corpus indexes, and articles are found by their title words", "[shared]") {
  NEWSQ_REQUIRE_SHARED();
  TempDir dir;
  auto huffpost = load("huffpost-2018-2022.jsonl.gz");
  auto gdelt = load("ukraine-war-gdelt.jsonl.gz");
  {
    newsq::IndexWriter writer(dir.str("db"));
    auto report = newsq::ingest(writer, {corpus("huffpost-2018-2022.jsonl.gz"), corpus("ukraine-war-gdelt.jsonl.gz")});
    CHECK(report.rejected == 0);
    CHECK(report.added == huffpost.size() + gdelt.size());
  }
  newsq::Searcher searcher(dir.str("db"));
  CHECK(searcher.stats().articles == huffpost.size() + gdelt.size());

  // Twenty articles drawn at random (fixed seed): each is among the top ten for its own title.
  std::mt19937 random(20221125);
  std::uniform_int_distribution<std::size_t> pick(0, huffpost.size() - 1);
  int tried = 0;
  while (tried < 20) {
    const auto& a = huffpost[pick(random)];
    if (a.title.size() < 20) continue;
    ++tried;
    auto r = searcher.search({.query = a.title, .limit = 10});
    std::set<std::string> titles;
    for (const auto& h : r.hits) titles.insert(h.title);
    INFO("title: " << a.title);
    CHECK(titles.count(a.title) == 1);
  }
}

TEST_CASE("facet counts and totals equal counts computed from the input", "[shared]") {
  NEWSQ_REQUIRE_SHARED();
  TempDir dir;
  auto gdelt = load("ukraine-war-gdelt.jsonl.gz");
  {
    newsq::IndexWriter writer(dir.str("db"));
    newsq::ingest(writer, {corpus("ukraine-war-gdelt.jsonl.gz")});
  }
  newsq::Searcher searcher(dir.str("db"));

  // Brute force: which articles hold a word with the stem of "refugees", per source and per month.
  newsq::analysis::TextAnalyzer analyzer;
  std::map<std::string, std::uint64_t> by_source, by_month;
  std::uint64_t expected_total = 0;
  for (const auto& a : gdelt) {
    bool match = false;
    for (const auto* field : {&a.title, &a.text})
      for (const auto& t : analyzer.analyze(*field)) match = match || t.stem == "refuge";
    if (!match) continue;
    ++expected_total;
    ++by_source[a.source];
    ++by_month[a.date.substr(0, 7)];
  }
  REQUIRE(expected_total > 10);
  // Thesaurus off: the brute force counts one stem, not the synonyms.
  auto r = searcher.search({.query = "refugees", .limit = 5, .use_thesaurus = false});
  CHECK(r.total == expected_total);
  for (const auto& [source, count] : by_source) CHECK(facet(r, "source", source) == count);
  CHECK(r.facets.at("source").size() == by_source.size());
  // The matches span 2022-01 .. 2024-05: under three years, so the histogram is by month.
  REQUIRE(r.date_granularity == "month");
  for (const auto& [month, count] : by_month) CHECK(facet(r, "date", month) == count);
  CHECK(r.facets.at("date").size() == by_month.size());
  auto everything = searcher.search({.query = "refugees", .from = "2010-01-01", .limit = 0, .use_thesaurus = false});
  CHECK(everything.total == expected_total);

  // Facets over everything: sources as the corpus README states them.
  auto all = searcher.search({.limit = 0});
  CHECK(all.total == gdelt.size());
  std::map<std::string, std::uint64_t> sources;
  for (const auto& a : gdelt) ++sources[a.source];
  for (const auto& [source, count] : sources) CHECK(facet(all, "source", source) == count);
}

TEST_CASE("a date filter returns exactly the articles in range", "[shared]") {
  NEWSQ_REQUIRE_SHARED();
  TempDir dir;
  auto gdelt = load("ukraine-war-gdelt.jsonl.gz");
  {
    newsq::IndexWriter writer(dir.str("db"));
    newsq::ingest(writer, {corpus("ukraine-war-gdelt.jsonl.gz")});
  }
  newsq::Searcher searcher(dir.str("db"));
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"2022-02-24", "2022-03-31"}, {"2022-03-01", "2022-03-01"}, {"2024-01-01", "2024-12-31"}}) {
    std::set<std::string> expected, found;
    for (const auto& a : gdelt)
      if (a.date >= from && a.date <= to) expected.insert(a.id);
    auto r = searcher.search({.from = from, .to = to, .limit = 10000, .collapse_duplicates = false});
    for (const auto& h : r.hits) {
      found.insert(h.id);
      CHECK(h.date >= from);
      CHECK(h.date <= to);
    }
    INFO(from << " .. " << to);
    CHECK(r.total == expected.size());
    CHECK(found == expected);
  }
}

TEST_CASE("bad records are rejected with file:line and earlier articles stay searchable", "[shared]") {
  NEWSQ_REQUIRE_SHARED();
  TempDir dir;
  auto lines = newsq::test::read_lines(newsq::test::shared_dir() / "corpus" / "ukraine-war-gdelt.jsonl.gz");
  std::string first_id = nlohmann::json::parse(lines[0])["id"];
  std::string input = lines[0] + "\n" + lines[1] + "\n" + "{\"id\": broken\n" + lines[2] + "\n" + lines[1] + "\n";
  newsq::test::write_file(dir.path() / "mixed.jsonl", input);

  std::vector<newsq::Rejection> seen;
  newsq::IngestOptions fail;
  fail.on_error = newsq::OnError::fail;
  fail.on_reject = [&](const newsq::Rejection& r) { seen.push_back(r); };
  {
    newsq::IndexWriter writer(dir.str("db"));
    CHECK_THROWS_WITH(newsq::ingest(writer, {dir.str("mixed.jsonl")}, fail),
                      Catch::StartsWith(dir.str("mixed.jsonl") + ":3: bad JSON"));
  }
  REQUIRE(seen.size() == 1);
  newsq::Searcher searcher(dir.str("db"));
  CHECK(searcher.search({}).total == 2);

  newsq::IngestOptions skip;
  std::vector<std::string> messages;
  skip.on_reject = [&](const newsq::Rejection& r) { messages.push_back(r.message()); };
  {
    newsq::IndexWriter writer(dir.str("db"));
    auto report = newsq::ingest(writer, {dir.str("mixed.jsonl")}, skip);
    CHECK(report.rejected == 2);
    CHECK(report.added == 1);
    CHECK(report.unchanged == 2);
  }
  REQUIRE(messages.size() == 2);
  CHECK(messages[0].starts_with(dir.str("mixed.jsonl") + ":3: bad JSON"));
  CHECK(messages[1].starts_with(dir.str("mixed.jsonl") + ":5: duplicate id"));
  searcher.reopen();
  CHECK(searcher.search({}).total == 3);
}
