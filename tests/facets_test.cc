// tests/facets_test.cc: facet counts and drill-down: multi-select facets.
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <map>
#include <set>

#include "indexer/analysis/text_analyzer.h"
#include "newsq/newsq.h"
#include "indexer/analysis/near_duplicate.h"
#include "query/collect/spelling.h"
#include "query/understand/thesaurus.h"
#include "tests/test_support.h"

using newsq::test::TempDir;

using newsq::test::article;
using newsq::test::facet;

TEST_CASE("multi-select facets: each facet's counts ignore its own selections", "[understanding]") {
  TempDir dir;
  std::vector<newsq::Article> all = {
      article("1", "2021-05-01", "A", "t", "grain harvest"), article("2", "2022-05-01", "A", "t", "grain exports"),
      article("3", "2022-06-01", "B", "t", "grain prices"),  article("4", "2022-07-01", "C", "t", "grain ships"),
      article("5", "2023-01-01", "C", "t", "grain deal"),    article("6", "2022-01-01", "B", "t", "other news")};
  {
    newsq::IndexWriter w(dir.str("db"));
    for (const auto& a : all) w.add(a);
  }
  newsq::Searcher s(dir.str("db"));
  newsq::SearchRequest r{.query = "grain"};
  r.facet_filters = {{"source", "A"}, {"source", "B"}, {"date", "2022"}};
  auto res = s.search(r);

  // Brute force over the same articles.
  auto matches = [](const newsq::Article& a) { return a.text.find("grain") != std::string::npos; };
  auto in_sources = [](const newsq::Article& a) { return a.source == "A" || a.source == "B"; };
  auto in_2022 = [](const newsq::Article& a) { return a.date.starts_with("2022"); };
  std::uint64_t total = 0;
  std::map<std::string, std::uint64_t> by_source, by_year;
  for (const auto& a : all) {
    if (!matches(a)) continue;
    total += in_sources(a) && in_2022(a);
    if (in_2022(a)) ++by_source[a.source];              // Source counts ignore the source selections.
    if (in_sources(a)) ++by_year[a.date.substr(0, 4)];  // Date counts ignore the date selection.
  }
  CHECK(res.total == total);
  CHECK(res.total == 2);
  for (const auto& [source, count] : by_source) CHECK(facet(res, "source", source) == count);
  CHECK(facet(res, "source", "C") == 1);
  REQUIRE(res.date_granularity == "month");  // 2021-05 .. 2022-06 spans months.
  std::map<std::string, std::uint64_t> by_month;
  for (const auto& a : all)
    if (matches(a) && in_sources(a)) ++by_month[a.date.substr(0, 7)];
  for (const auto& [month, count] : by_month) CHECK(facet(res, "date", month) == count);

  r.facet_filters = {{"place", "x"}};
  CHECK_THROWS_AS(s.search(r), newsq::QueryError);
  r.facet_filters = {{"date", "2022-13"}};
  CHECK_THROWS_AS(s.search(r), newsq::QueryError);
}

// More matches than a ranked pass checks (kCheckAllUpTo in engine/api/searcher.cc), on a searcher
// counting from its facet table: the ranked pass stops early and a boolean pass of its own counts
// the facets and the total, walking the posting lists (boolean_walk.h).
TEST_CASE("a broad query's total and facets, counted apart from the ranked pass, equal a brute-force count",
          "[understanding]") {
  TempDir dir;
  std::vector<newsq::Article> all;
  const char* sources[] = {"A", "B", "C", "D", "E"};
  for (int i = 0; i < 2600; ++i) {
    // Words whose frequencies vary, so that the ranked pass has weights to stop early on.
    std::string text = i % 13 == 0 ? "other news" : "grain";
    if (i % 3 == 0) text += " grain harvest";
    if (i % 7 == 0) text += " grain grain wheat";
    char day[11];
    std::snprintf(day, sizeof day, "2022-%02d-%02d", i % 12 + 1, i % 28 + 1);
    all.push_back(article(std::to_string(i), day, sources[i % 5], "title", text));
  }
  newsq::test::index_articles(dir.str("db"), all);
  newsq::Searcher s(dir.str("db"));
  for (int i = 0; i < 2; ++i) s.search({.limit = 0});  // As many matches as the index holds: the table.

  for (const std::vector<std::pair<std::string, std::string>>& selections :
       std::vector<std::vector<std::pair<std::string, std::string>>>{{}, {{"source", "B"}, {"source", "D"}, {"source", "E"}}}) {
    newsq::SearchRequest r{.query = "grain", .limit = 10};
    r.facet_filters = selections;
    r.collapse_duplicates = false;  // The texts repeat.
    const newsq::SearchResults res = s.search(r);
    std::uint64_t total = 0;
    std::map<std::string, std::uint64_t> by_source, by_month;
    for (const auto& a : all) {
      if (a.text.find("grain") == std::string::npos) continue;
      ++by_source[a.source];  // The source facet ignores its own selection.
      if (selections.empty() || a.source != "A" && a.source != "C") ++total, ++by_month[a.date.substr(0, 7)];
    }
    INFO("selections: " << selections.size());
    REQUIRE(total > 1000);
    CHECK(res.total == total);
    CHECK(res.hits.size() == 10);
    for (const auto& [source, count] : by_source) CHECK(facet(res, "source", source) == count);
    for (const auto& [month, count] : by_month) CHECK(facet(res, "date", month) == count);
    // The best hits are those with "grain" three or four times (BM25), as in one weighted pass over all.
    for (const auto& hit : res.hits) CHECK(std::stoi(hit.id) % 7 == 0);
  }
}

// The facets of a search in relevance order (a ranked pass that may stop early, and a boolean
// counting pass of its own with preferred places' lift left out) equal those of the same search
// sorted by date (one pass over every match, the spy on it).
TEST_CASE("facets and totals do not depend on the order asked for, real corpus", "[shared]") {
  NEWSQ_REQUIRE_SHARED();
  TempDir dir;
  {
    newsq::WriterOptions options;
    options.gazetteer = newsq::test::small_gazetteer();
    newsq::IndexWriter writer(dir.str("db"), options);
    newsq::ingest(writer, {(newsq::test::shared_dir() / "corpus" / "press-releases-2021-2022.jsonl.gz").string()});
    writer.commit();
  }
  newsq::Searcher s(dir.str("db"));
  // Twice (and once more below) as many matches as the index holds: the searcher counts from its
  // facet table from then on, and simple counting passes walk the posting lists (boolean_walk.h).
  for (int i = 0; i < 2; ++i) s.search({.limit = 0});
  std::vector<newsq::SearchRequest> requests = {
      {.query = "russia", .max_facet_values = 1000},
      {.query = "ukraine OR sanctions", .offset = 3, .limit = 7, .max_facet_values = 1000},
      {.query = "russia", .from = "2021-12-01", .to = "2022-05-31", .max_facet_values = 1000},
      {.query = "russia", .max_facet_values = 1000, .facet_filters = {{"source", "kremlin.ru"}, {"date", "2022"}}},
      {.query = "russia", .max_facet_values = 1000, .near = "Kyiv"},
  };
  // Understood: a preferred place ("kyiv" alone) and one beside words.
  for (const char* line : {"kyiv", "ukraine grain kyiv"}) {
    newsq::SearchRequest r = newsq::SearchRequest::from_understood(s.understand(line, "2022-12-31"));
    r.max_facet_values = 1000;
    REQUIRE_FALSE(r.prefer_places.empty());
    requests.push_back(r);
  }
  std::size_t broad = 0;
  for (newsq::SearchRequest r : requests) {
    INFO("query: " << r.query << " near " << r.near);
    const newsq::SearchResults ranked = s.search(r);
    r.sort = newsq::SearchRequest::Sort::date;
    const newsq::SearchResults by_date = s.search(r);
    CHECK(ranked.total == by_date.total);
    CHECK(ranked.total > 0);
    CHECK(newsq::test::facets_text(ranked) == newsq::test::facets_text(by_date));
    CHECK(ranked.date_granularity == by_date.date_granularity);
    broad += ranked.total > 1000;
  }
  CHECK(broad >= 2);
}
