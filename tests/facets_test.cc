// tests/facets_test.cc: facet counts and drill-down: multi-select facets.
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <cmath>

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
