// tests/ranking_test.cc: the order of hits: date sort, recency boost, title words.
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

TEST_CASE("date sort and recency boost order hits by time", "[understanding]") {
  TempDir dir;
  {
    newsq::IndexWriter w(dir.str("db"));
    w.add(article("old", "2019-01-01", "S", "Ferry", "The ferry sailed. The ferry sailed again. Ferry ferry."));
    w.add(article("mid", "2021-01-01", "S", "Boats", "A ferry sailed."));
    w.add(article("new", "2022-06-01", "S", "Harbour", "A ferry sailed at dawn."));
  }
  newsq::Searcher s(dir.str("db"));
  auto by_date = s.search({.query = "ferry", .sort = newsq::SearchRequest::Sort::date});
  REQUIRE(by_date.hits.size() == 3);
  CHECK(by_date.hits[0].id == "new");
  CHECK(by_date.hits[2].id == "old");
  CHECK(s.search({.query = "ferry"}).hits[0].id == "old");
  CHECK(s.search({.query = "ferry", .recency_boost = 10}).hits[0].id == "new");
}

TEST_CASE("title words rank above body words", "[index]") {
  TempDir dir;
  {
    newsq::IndexWriter w(dir.str("db"));
    w.add(
        article("body", "2022-01-01", "X", "Weather report", "Later, a mention of grain among many other words here."));
    w.add(article("title", "2022-01-01", "X", "Grain prices", "Prices rose for the third month in a row this year."));
  }
  auto r = newsq::Searcher(dir.str("db")).search({.query = "grain"});
  REQUIRE(r.hits.size() == 2);
  CHECK(r.hits[0].id == "title");
}
