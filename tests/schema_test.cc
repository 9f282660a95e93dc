// tests/schema_test.cc: the schema's encodings: day numbers, the facet record.
#include <catch2/catch.hpp>

#include "engine/index/facet_record.h"
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

TEST_CASE("day numbers round-trip", "[schema]") {
  using namespace newsq::schema;
  CHECK(day_number("1970-01-01") == 0);
  CHECK(day_string(day_number("2024-02-29")) == "2024-02-29");
  CHECK_THROWS(day_number("2023-02-29"));
}

TEST_CASE("the facet record (value slot 6) round-trips and rejects what it cannot read", "[schema]") {
  using newsq::schema::FacetRecord;
  for (long day : {0L, 1L, -1L, 19000L, -719162L, 2932896L}) {
    for (const std::string& source : std::vector<std::string>{"", "BBC", std::string(300, 's')}) {
      for (const std::string& places : std::vector<std::string>{"", std::string("\x81\x01\x05", 3)}) {
        const std::string value = newsq::schema::encode_facet_record(day, source, places);
        FacetRecord r;  // Its views point into `value`.
        REQUIRE(newsq::schema::decode_facet_record(value, r));
        CHECK(r.day == day);
        CHECK(r.source == source);
        CHECK(r.place_ids == places);
      }
    }
  }
  FacetRecord r;
  CHECK_FALSE(newsq::schema::decode_facet_record("", r));  // A document from before slot 6.
  const std::string whole = newsq::schema::encode_facet_record(19000, "Harbour Times", "");
  CHECK_FALSE(newsq::schema::decode_facet_record(std::string_view(whole).substr(0, 5), r));  // Source cut short.
  CHECK_FALSE(newsq::schema::decode_facet_record("\xff\xff", r));                            // Unterminated varint.
}
