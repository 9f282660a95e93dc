// tests/serve/result_cache_test.cc: the answer cache of `newsq serve` (cli/serve/result_cache.h) on
// its own: keys that tell requests apart, the byte budget, least recently used answers going first.
#include <catch2/catch.hpp>

#include <string>

#include "cli/serve/result_cache.h"

using newsq::serve::cache_key;
using newsq::serve::ResultCache;

TEST_CASE("result cache keys differ whenever the revision, the day or a parameter does", "[serve][cache]") {
  const std::string base = cache_key("gen-000001@3 u", "19000", {{"q", "kyiv"}, {"source", "a"}, {"source", "b"}});
  CHECK(cache_key("gen-000001@3 u", "19000", {{"source", "a"}, {"q", "kyiv"}, {"source", "b"}}) == base);
  CHECK(cache_key("gen-000001@4 u", "19000", {{"q", "kyiv"}, {"source", "a"}, {"source", "b"}}) != base);
  CHECK(cache_key("gen-000001@3 u", "19001", {{"q", "kyiv"}, {"source", "a"}, {"source", "b"}}) != base);
  CHECK(cache_key("gen-000001@3 u", "19000", {{"q", "kyiv"}, {"source", "b"}, {"source", "a"}}) != base);
  CHECK(cache_key("gen-000001@3 u", "19000", {{"q", "kyiv"}, {"source", "a"}}) != base);
  // No value can pass for a separator: "a=b" as one value is not two parameters.
  CHECK(cache_key("r", "d", {{"q", "a"}, {"x", "b"}}) != cache_key("r", "d", {{"q", "a1:x1:b"}}));
}

TEST_CASE("result cache keeps answers within its budget, least recently used going first", "[serve][cache]") {
  ResultCache cache(800);  // An answer may take up to 100 bytes with its key.
  const std::string answer(60, 'x');
  for (char c : std::string("abcdefghij")) cache.store(std::string(1, c), answer + c);  // 62 bytes each.
  // 800 / 62: the 12 most recent would fit, so all 10 are kept.
  CHECK(cache.counts().entries == 10);
  CHECK(cache.find("a") == answer + 'a');
  for (char c : std::string("klmnop")) cache.store(std::string(1, c), answer + c);
  // 16 answers of 62 bytes exceed 800: the least recently used went, and "a" was used last of
  // the first ten.
  CHECK(cache.counts().bytes <= 800);
  CHECK(cache.find("a").has_value());
  CHECK_FALSE(cache.find("b").has_value());
  CHECK(cache.find("p") == answer + 'p');
  // Too large for an eighth of the budget: not kept.
  cache.store("big", std::string(200, 'y'));
  CHECK_FALSE(cache.find("big").has_value());
  // Stored twice: one entry, the newer answer.
  const auto before = cache.counts().entries;
  cache.store("p", "again");
  CHECK(cache.find("p") == std::string("again"));
  CHECK(cache.counts().entries == before);
}

TEST_CASE("a result cache of no bytes keeps nothing", "[serve][cache]") {
  ResultCache cache(0);
  CHECK_FALSE(cache.enabled());
  cache.store("k", "v");
  CHECK_FALSE(cache.find("k").has_value());
  CHECK(cache.counts().entries == 0);
}
