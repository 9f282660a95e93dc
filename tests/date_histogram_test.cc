// tests/date_histogram_test.cc: the date facet's buckets.
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

TEST_CASE("date buckets follow the span of the dates", "[query]") {
  using newsq::schema::day_number;
  newsq::query::DayCounts days{{day_number("2022-03-01"), 2}, {day_number("2022-03-02"), 1}};
  auto h = newsq::query::make_date_histogram(days);
  CHECK(h.granularity == "day");
  REQUIRE(h.buckets.size() == 2);
  CHECK(h.buckets[0].value == "2022-03-01");
  CHECK(h.buckets[0].count == 2);

  days.emplace_back(day_number("2022-06-30"), 4);
  h = newsq::query::make_date_histogram(days);
  CHECK(h.granularity == "month");
  REQUIRE(h.buckets.size() == 2);
  CHECK(h.buckets[0].value == "2022-03");
  CHECK(h.buckets[0].count == 3);

  days.emplace_back(day_number("2026-01-01"), 1);
  h = newsq::query::make_date_histogram(days);
  CHECK(h.granularity == "year");
  REQUIRE(h.buckets.size() == 2);
  CHECK(h.buckets[0].value == "2022");
  CHECK(h.buckets[0].count == 7);
  CHECK(newsq::query::make_date_histogram({}).granularity.empty());
}
