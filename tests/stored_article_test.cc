// tests/stored_article_test.cc: a document's stored data read back into a hit.
#include <catch2/catch.hpp>

#include "engine/index/schema.h"
#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/place_extractor.h"
#include "newsq/error.h"
#include "newsq/searcher.h"
#include "query/collect/date_histogram.h"
#include "query/understand/query_builder.h"
#include "query/collect/snippet.h"
#include "engine/index/stored_article.h"
#include "tests/test_support.h"

#include <nlohmann/json.hpp>

using newsq::analysis::TextAnalyzer;

TEST_CASE("stored data reads back into a hit's fields, tolerating what newsq never writes", "[query]") {
  newsq::query::StoredArticleReader reader;
  auto a = reader.read(
      R"({"id":"a1","date":"2022-03-01","source":"Wire","title":"T \"q\" \u041a\u0438\u0457\u0432","url":"u",)"
      R"("text":"Body\nline","lang":"en","places":[{"id":703448,"name":"Kyiv","level":"city","lat":50.45,"lon":30.52,"count":3},)"
      R"({"id":690791,"name":"Ukraine","level":"country","count":1}]})");
  CHECK(a.id == "a1");
  CHECK(a.title == "T \"q\" Київ");
  CHECK(a.text == "Body\nline");
  REQUIRE(a.places.size() == 2);
  CHECK(a.places[0].id == 703448);
  CHECK(a.places[0].has_coordinates);
  CHECK(a.places[0].lat == Approx(50.45));
  CHECK(a.places[0].mentions == 3);
  CHECK_FALSE(a.places[1].has_coordinates);
  CHECK(a.places[1].level == "country");
  // Wrong types are skipped, the rest is read; non-objects give nothing.
  auto b = reader.read(R"({"id":7,"title":null,"text":"x","places":"none"})");
  CHECK(b.id.empty());
  CHECK(b.text == "x");
  CHECK(b.places.empty());
  CHECK(reader.read("[1,2]").text.empty());
  CHECK(reader.read("").id.empty());
  CHECK(reader.read(R"({"id":"cut)").id.empty());
}
