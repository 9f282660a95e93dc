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

TEST_CASE("date range terms cover exactly the days of the range, with the fewest terms", "[schema]") {
  using namespace newsq::schema;
  // The days a term stands for: a year, a month or a day.
  auto days_of = [](const std::string& term) {
    REQUIRE(term.starts_with(kDatePrefix));
    const std::string date = term.substr(kDatePrefix.size());
    long first = 0, last = 0;
    if (date.size() == 4) {
      first = day_number(date + "-01-01"), last = day_number(date + "-12-31");
    } else if (date.size() == 7) {
      first = day_number(date + "-01");
      for (last = first; day_string(last + 1).substr(0, 7) == date;) ++last;
    } else {
      first = last = day_number(date);
    }
    return std::pair{first, last};
  };
  CHECK(date_terms(day_number("2024-02-29")) == std::vector<std::string>{"XD2024", "XD2024-02", "XD2024-02-29"});
  CHECK(date_range_terms(day_number("2022-02-24"), day_number("2022-03-31")) ==
        std::vector<std::string>{"XD2022-02-24", "XD2022-02-25", "XD2022-02-26", "XD2022-02-27", "XD2022-02-28",
                                 "XD2022-03"});
  CHECK(date_range_terms(day_number("2020-01-01"), day_number("2021-12-31")) ==
        std::vector<std::string>{"XD2020", "XD2021"});
  CHECK(date_range_terms(5, 4).empty());

  std::uint64_t seed = 12345;
  auto next = [&seed](long span) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<long>((seed >> 33) % static_cast<std::uint64_t>(span));
  };
  for (int i = 0; i < 3000; ++i) {
    const long first = day_number("1999-11-15") + next(10000);
    const long last = first + (i % 3 == 0 ? next(40) : next(3000));
    const std::vector<std::string> terms = date_range_terms(first, last);
    INFO(day_string(first) << " .. " << day_string(last));
    // In order, each starting the day after the one before ends: no gap, no overlap.
    long expected = first;
    for (const auto& term : terms) {
      const auto [from, to] = days_of(term);
      CHECK(from == expected);
      expected = to + 1;
      // Whole years and months are one term, never their days.
      if (term.size() == kDatePrefix.size() + 10) CHECK_FALSE((days_of(term.substr(0, term.size() - 3)).first >= first &&
                                                               days_of(term.substr(0, term.size() - 3)).second <= last));
    }
    CHECK(expected == last + 1);
    const long years = (last - first) / 365 + 1;
    CHECK(terms.size() <= static_cast<std::size_t>(82 + years));
  }
}
