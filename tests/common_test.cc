// tests/common_test.cc: engine/common's helpers (hashing, varints, days, digit grouping, id counts,
// the ordered pipeline), and the stored encodings built on them, pinned to the bytes earlier
// versions wrote.
#include <catch2/catch.hpp>

#include <cstdint>
#include <atomic>
#include <chrono>
#include <limits>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>

#include "engine/common/days.h"
#include "engine/common/hashing.h"
#include "engine/common/id_counts.h"
#include "engine/common/ordered_pipeline.h"
#include "engine/common/text.h"
#include "engine/common/varint.h"
#include "engine/common/word_set.h"
#include "engine/index/document_builder.h"
#include "engine/index/facet_record.h"
#include "engine/index/place_terms.h"
#include "engine/index/schema.h"
#include "indexer/analysis/near_duplicate.h"
#include "indexer/places/gazetteer.h"
#include "indexer/readers/article_validator.h"

using namespace newsq;

namespace {
std::string hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}
}  // namespace

TEST_CASE("fnv1a64 gives the published FNV-1a 64 test vectors", "[common]") {
  CHECK(common::fnv1a64("") == 0xcbf29ce484222325ull);
  CHECK(common::fnv1a64("a") == 0xaf63dc4c8601ec8cull);
  CHECK(common::fnv1a64("foobar") == 0x85944171f73967e8ull);
  static_assert(common::fnv1a64("") == common::kFnvOffset);
  // Piece by piece through the seed, or a byte at a time: the hash of the concatenation.
  CHECK(common::fnv1a64("bar", common::fnv1a64("foo")) == common::fnv1a64("foobar"));
  std::uint64_t h = common::kFnvOffset;
  for (char c : std::string_view("foobar")) h = common::fnv1a64_byte(h, static_cast<unsigned char>(c));
  CHECK(h == 0x85944171f73967e8ull);
  // Bytes above 0x7f hash as unsigned.
  CHECK(common::fnv1a64("\xff") == common::fnv1a64_byte(common::kFnvOffset, 0xff));
}

TEST_CASE("the hashes stored on disk are unchanged", "[common]") {
  // Values written by the hand-written FNV-1a loops before engine/common existed.
  CHECK(places::name_hash("") == 0xcbf29ce484222325ull);
  CHECK(places::name_hash("kyiv") == 0x786a16d76e625802ull);
  CHECK(places::name_hash("new york") == 0xa361ce1f22a20d88ull);
  Article a;
  a.id = "x1";
  a.date = "2024-02-29";
  a.source = "Wire";
  a.title = "Kyiv talks";
  a.url = "http://e/x";
  a.text = "The quick brown Fox jumps over the lazy dog again and again.";
  a.lang = "en";
  CHECK(indexer::DocumentBuilder::content_hash(a, "") == "9630f4dfc9509ce2");
  CHECK(indexer::DocumentBuilder::content_hash(a, "abc") == "e04b63f684a1071b");
  CHECK(hex(analysis::signature_of(analysis::shingles_of(a.text))) ==
        "5dab1b5b03204f1229ddca3d7824cb0757d63e17a97a41cdd0d4b1cf88765b0e"
        "f8c5d565f4663746603207219e477895d92a26ce347534c1e8f063cfdd3f2ff4");
  CHECK(analysis::shingles_of("One two Three four five") ==
        analysis::Shingles{0x06829f9f4b20457eull, 0xab6316e5719e6f04ull});
}

TEST_CASE("varints round-trip and refuse truncation", "[common]") {
  const std::uint64_t values[] = {0,
                                  1,
                                  127,
                                  128,
                                  300,
                                  16383,
                                  16384,
                                  0xffffffffull,
                                  0x123456789abcdefull,
                                  std::numeric_limits<std::uint64_t>::max()};
  for (std::uint64_t v : values) {
    std::string bytes;
    common::put_varint(bytes, v);
    std::size_t at = 0;
    std::uint64_t back = 0;
    REQUIRE(common::get_varint(bytes, at, back));
    CHECK(back == v);
    CHECK(at == bytes.size());
    // Every proper prefix is a truncated varint.
    for (std::size_t n = 0; n < bytes.size(); ++n) {
      std::size_t at2 = 0;
      CHECK_FALSE(common::get_varint(std::string_view(bytes).substr(0, n), at2, back));
    }
  }
  std::string bytes;
  common::put_varint(bytes, 0);
  common::put_varint(bytes, 127);
  common::put_varint(bytes, 128);
  common::put_varint(bytes, 300);
  CHECK(hex(bytes) == "007f8001ac02");
  std::string max;
  common::put_varint(max, std::numeric_limits<std::uint64_t>::max());
  CHECK(max.size() == 10);

  // 32-bit reads stop after 5 bytes; 64-bit ones after 10.
  std::uint32_t v32 = 0;
  std::size_t at = 0;
  CHECK_FALSE(common::get_varint(std::string_view("\x80\x80\x80\x80\x80\x01"), at, v32));
  at = 0;
  REQUIRE(common::get_varint(std::string_view("\xff\xff\xff\xff\x0f"), at, v32));
  CHECK(v32 == 0xffffffffu);
  std::uint64_t v64 = 0;
  at = 0;
  CHECK_FALSE(common::get_varint(std::string(11, '\x80') + '\x01', at, v64));
}

TEST_CASE("zigzag maps small magnitudes to small numbers", "[common]") {
  CHECK(common::zigzag_encode(0) == 0);
  CHECK(common::zigzag_encode(-1) == 1);
  CHECK(common::zigzag_encode(1) == 2);
  CHECK(common::zigzag_encode(-2) == 3);
  for (std::int64_t v : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{19782}, std::int64_t{-719468},
                         std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()})
    CHECK(common::zigzag_decode(common::zigzag_encode(v)) == v);
}

TEST_CASE("the varint value slots are unchanged", "[common]") {
  CHECK(hex(schema::encode_facet_record(0, "src", "\x01\x02")) == "00037372630102");
  CHECK(hex(schema::encode_facet_record(-1, "src", "\x01\x02")) == "01037372630102");
  CHECK(hex(schema::encode_facet_record(19000, "src", "\x01\x02")) == "f0a802037372630102");
  CHECK(hex(schema::encode_facet_record(-719468, "src", "\x01\x02")) == "d7e957037372630102");
  schema::FacetRecord r;
  const std::string record = schema::encode_facet_record(-719468, "src", "\x01\x02");  // r's views point into it.
  REQUIRE(schema::decode_facet_record(record, r));
  CHECK(r.day == -719468);
  CHECK(r.source == "src");
  CHECK(r.place_ids == "\x01\x02");
  CHECK_FALSE(schema::decode_facet_record("", r));
  CHECK_FALSE(schema::decode_facet_record("\x80", r));

  const std::string ids = places::encode_ids({300, 1, 5000000, 4294967295u, 127, 128});
  CHECK(hex(ids) == "017f8001ac02c096b102ffffffff0f");
  CHECK(places::decode_ids(ids) == std::vector<std::uint32_t>{1, 127, 128, 300, 5000000, 4294967295u});
  // A corrupt tail stops at the last whole id.
  CHECK(places::decode_ids(std::string("\x01\x05\x80", 3)) == std::vector<std::uint32_t>{1, 5});
  CHECK(places::decode_ids(std::string("\x01\x80\x80\x80\x80\x80\x01\x02", 8)) == std::vector<std::uint32_t>{1});
}

TEST_CASE("id counts agree with a map over many ids, 0 and the largest id included", "[common]") {
  common::IdCounts counts;
  std::map<std::uint32_t, std::uint64_t> expected;
  std::mt19937 random(7);
  // Clustered ids (as places of one country are) and scattered ones, enough to grow the table
  // several times.
  for (int i = 0; i < 50000; ++i) {
    const std::uint32_t id = i % 3 == 0 ? static_cast<std::uint32_t>(random()) : 703440 + random() % 4000;
    counts.add(id);
    ++expected[id];
  }
  for (std::uint32_t id : {0u, 0u, std::numeric_limits<std::uint32_t>::max()}) {
    counts.add(id);
    ++expected[id];
  }
  std::map<std::uint32_t, std::uint64_t> got;
  counts.for_each([&](std::uint32_t id, std::uint64_t count) { got[id] += count; });
  CHECK(got == expected);
  CHECK(counts.size() == expected.size());
  CHECK(got.at(0) == 2);
  common::IdCounts none;
  CHECK(none.size() == 0);
  none.for_each([](std::uint32_t, std::uint64_t) { FAIL("an empty table has no ids"); });
}

TEST_CASE("day numbers round-trip, leap years included", "[common]") {
  CHECK(common::days_from_civil(1970, 1, 1) == 0);
  CHECK(common::days_from_civil(1969, 12, 31) == -1);
  CHECK(common::days_from_civil(2024, 2, 29) == 19782);
  CHECK(common::days_from_civil(2023, 2, 29) == common::days_from_civil(2023, 3, 1));  // Runs on.
  CHECK(common::last_day_of_month(2024, 2) == common::days_from_civil(2024, 2, 29));
  CHECK(common::last_day_of_month(2023, 2) == common::days_from_civil(2023, 2, 28));
  CHECK(common::last_day_of_month(1900, 2) == common::days_from_civil(1900, 2, 28));  // Not a leap year.
  CHECK(common::last_day_of_month(2000, 2) == common::days_from_civil(2000, 2, 29));  // A leap year.
  CHECK(common::last_day_of_month(2022, 12) == common::days_from_civil(2022, 12, 31));
  CHECK(common::real_day(2024, 2, 29) == 19782);
  CHECK_FALSE(common::real_day(2023, 2, 29));
  CHECK_FALSE(common::real_day(2022, 13, 1));
  CHECK_FALSE(common::real_day(2022, 4, 31));

  for (const char* day :
       {"1970-01-01", "1969-12-31", "2000-02-29", "2024-02-29", "2024-12-31", "1000-01-01", "9999-12-31"}) {
    INFO(day);
    auto n = common::parse_day(day);
    REQUIRE(n);
    CHECK(common::format_day(*n) == day);
    auto c = common::civil_from_days(*n);
    CHECK(common::days_from_civil(c.year, c.month, c.day) == *n);
  }
  CHECK(common::parse_day("2024-02-29") == 19782);
  CHECK(common::parse_day("9999-12-31") == 2932896);
  CHECK(common::format_day(-719468) == "0000-03-01");
  CHECK(common::format_day(-800000) == "-221-09-04");
  for (long n = -1000; n <= 1000; ++n) CHECK(common::parse_day(common::format_day(19000 + n)) == 19000 + n);
}

TEST_CASE("impossible or misspelt days are refused", "[common]") {
  for (const char* day : {"2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10", "2024-01-00", "2024-04-31",
                          "0999-12-31", "-999-01-01", "2024-1-01", "2024-01-1", "2024/01/01", "2024-01-01T",
                          " 2024-01-01", "+024-01-01", "2024-0a-01", "", "2024-01-01x"}) {
    INFO(day);
    CHECK_FALSE(common::parse_day(day));
    CHECK_FALSE(common::is_valid_day(day));
    CHECK_FALSE(indexer::is_valid_day(day));
    CHECK_THROWS(schema::day_number(day));
  }
  CHECK(indexer::is_valid_day(std::string("2000-02-29")));
  CHECK(schema::day_number("2000-02-29") == common::days_from_civil(2000, 2, 29));
}

TEST_CASE("a word set holds exactly its words, in any order written", "[common]") {
  static constexpr newsq::common::WordSet words{{"near", "in", "at", "across", "in", "захід"}};
  // Sorted when compiled: a lookup can be a constant expression.
  static_assert(words.contains("near") && !words.contains("nea"));
  for (const char* w : {"near", "in", "at", "across", "захід"}) CHECK(words.contains(w));
  for (const char* w : {"", "ne", "nearby", "In", "a", "acros", "zzz", "захі"}) CHECK_FALSE(words.contains(w));
  CHECK(words.size() == 6);
}

TEST_CASE("thousands groups digits by three", "[common]") {
  CHECK(common::thousands(0) == "0");
  CHECK(common::thousands(999) == "999");
  CHECK(common::thousands(1000) == "1,000");
  CHECK(common::thousands(1234567) == "1,234,567");
  CHECK(common::thousands(std::numeric_limits<std::uint64_t>::max()) == "18,446,744,073,709,551,615");
}

TEST_CASE("distance_km is Xapian's great-circle distance", "[common]") {
  Xapian::GreatCircleMetric metric;
  const double kyiv_lviv = places::distance_km(50.45, 30.52, 49.84, 24.03);
  CHECK(kyiv_lviv ==
        metric.pointwise_distance(Xapian::LatLongCoord(50.45, 30.52), Xapian::LatLongCoord(49.84, 24.03)) / 1000);
  // What the hand-written haversine gave, to a millimetre.
  CHECK(kyiv_lviv == Approx(467.39422061195717).margin(1e-6));
  CHECK(places::distance_km(0, 0, 0, 180) == Approx(20020.734122974663).margin(1e-6));
  CHECK(places::distance_km(51.5, -0.12, 40.7, -74.0) == Approx(5573.0627876296076).margin(1e-6));
  CHECK(places::distance_km(10, 20, 10, 20) == 0);
  // A latitude past a pole (only a damaged record has one) counts as the pole instead of throwing.
  CHECK(places::distance_km(95, 0, 90, 0) == 0);
}

TEST_CASE("the ordered pipeline returns results in input order", "[common]") {
  common::OrderedPipeline<int, int> pipeline;
  pipeline.start(4, [] {
    return [](int& job) {
      std::this_thread::sleep_for(std::chrono::microseconds((job * 7919) % 300));  // Finish out of order.
      return job * 2;
    };
  });
  std::vector<int> out;
  for (int i = 0; i < 500; ++i) {
    pipeline.push(i, 8);
    while (auto r = pipeline.pop(16)) out.push_back(*r);  // At most 16 queued.
  }
  while (auto r = pipeline.pop(0)) out.push_back(*r);
  REQUIRE(out.size() == 500);
  for (int i = 0; i < 500; ++i) CHECK(out[static_cast<std::size_t>(i)] == 2 * i);
  CHECK_FALSE(pipeline.pop(0));
}

TEST_CASE("the ordered pipeline rethrows the first failure and stops its workers", "[common]") {
  common::OrderedPipeline<int, int> pipeline;
  std::atomic<int> ran{0};
  pipeline.start(2, [&ran] {
    return [&ran](int& job) {
      ++ran;
      if (job == 3) throw std::runtime_error("job 3 failed");
      return job;
    };
  });
  bool thrown = false;
  try {
    for (int i = 0; i < 1000; ++i) pipeline.push(i, 2);
    while (pipeline.pop(0)) {}
  } catch (const std::runtime_error& e) {
    thrown = true;
    CHECK(std::string(e.what()) == "job 3 failed");
  }
  CHECK(thrown);
  CHECK_THROWS_WITH(pipeline.push(1), "job 3 failed");  // Every later call too.
  CHECK_THROWS_WITH(pipeline.pop(0), "job 3 failed");
  CHECK(ran < 1000);
  // A failure while the worker is being set up counts the same.
  common::OrderedPipeline<int, int> broken;
  broken.start(1, []() -> common::OrderedPipeline<int, int>::Work { throw std::runtime_error("no worker"); });
  CHECK_THROWS_WITH(
      [&] {
        broken.push(1);
        broken.pop(0);
      }(),
      "no worker");
}

TEST_CASE("stopping the ordered pipeline abandons queued jobs", "[common]") {
  std::atomic<int> ran{0};
  std::atomic<bool> saw_cancel{false};
  {
    common::OrderedPipeline<int, int> pipeline;
    pipeline.start(2, [&] {
      return [&](int& job) {
        ++ran;
        for (int i = 0; i < 200 && !pipeline.cancelled(); ++i)
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        if (pipeline.cancelled()) saw_cancel = true;
        return job;
      };
    });
    for (int i = 0; i < 100; ++i) pipeline.push(i);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }  // Destroyed: stops after the jobs in progress, which see cancelled().
  CHECK(ran <= 4);
  CHECK(saw_cancel);
}
