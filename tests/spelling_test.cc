// tests/spelling_test.cc: spelling suggestions for words the index does not hold.
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <cmath>

#include <map>
#include <set>

#include "indexer/analysis/text_analyzer.h"
#include "newsq/newsq.h"
#include "indexer/analysis/near_duplicate.h"
#include "engine/common/edit_distance.h"
#include "query/collect/spelling.h"
#include "query/understand/thesaurus.h"
#include "tests/test_support.h"

using newsq::test::TempDir;

using newsq::test::article;
using newsq::test::facet;

TEST_CASE("unknown words get a spelling suggestion", "[understanding]") {
  CHECK(newsq::common::edit_distance("kyv", "kyiv") == 1);
  CHECK(newsq::common::edit_distance("kiyv", "kyiv") == 1);  // Transposition.
  TempDir dir;
  {
    newsq::IndexWriter w(dir.str("db"));
    w.add(article("1", "2022-03-01", "S", "Kyiv", "Sirens sounded in Kyiv and Kharkiv."));
  }
  newsq::Searcher s(dir.str("db"));
  auto r = s.search({.query = "Kyv sirens"});
  CHECK(r.total == 0);
  CHECK(r.suggestion == "kyiv sirens");
  CHECK(s.search({.query = "kyiv"}).suggestion.empty());
}
