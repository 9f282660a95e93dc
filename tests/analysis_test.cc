// tests/analysis_test.cc: the text analysis: normalisation, tokens and offsets, stemming.
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

namespace {
std::vector<std::string> terms(const std::string& text, const std::string& lang = "en") {
  TextAnalyzer analyzer(lang);
  std::vector<std::string> out;
  for (const auto& t : analyzer.analyze(text)) out.push_back(t.term);
  return out;
}
std::vector<std::string> stems(const std::string& text) {
  TextAnalyzer analyzer;
  std::vector<std::string> out;
  for (const auto& t : analyzer.analyze(text)) out.push_back(t.stem);
  return out;
}
using V = std::vector<std::string>;
}  // namespace

TEST_CASE("words are case folded, NFKC-normalised and stripped of Latin diacritics", "[analysis]") {
  CHECK(terms("Kyiv KYIV kyiv Kyïv") == V{"kyiv", "kyiv", "kyiv", "kyiv"});
  CHECK(terms("Kijów Zürich café") == V{"kijow", "zurich", "cafe"});
  CHECK(terms("ＫＹＩＶ ﬁre") == V{"kyiv", "fire"});  // Full-width letters, ligature.
  CHECK(terms("Straße") == V{"strasse"});             // Case folding, not just lower-casing.
}

TEST_CASE("Cyrillic keeps its letters and is folded", "[analysis]") {
  CHECK(terms("Київ КИЇВ Київ") == V{"київ", "київ", "київ"});
  CHECK(terms("Мариуполь") == V{"мариуполь"});
  // Cyrillic words go to the Russian Snowball stemmer whatever the article's language.
  TextAnalyzer analyzer("en");
  auto tokens = analyzer.analyze("обстрелы обстрел");
  REQUIRE(tokens.size() == 2);
  CHECK(tokens[0].stem == tokens[1].stem);
}

TEST_CASE("possessives, apostrophes and acronym dots are tidied", "[analysis]") {
  CHECK(terms("Kyiv's Kyiv’s") == V{"kyiv", "kyiv"});
  CHECK(terms("the U.S. army") == V{"the", "us", "army"});
  CHECK(terms("3.5 million") == V{"3.5", "million"});
  CHECK(terms("don't") == V{"don't"});
}

TEST_CASE("words() gives analyze()'s terms, and words never join across white space", "[analysis]") {
  TextAnalyzer analyzer;
  const V texts = {"Kyiv's mayor, Vitali Klitschko",
                   "the U.S. army in Rostov-on-Don",
                   "St. Petersburg  and\tNew York",
                   "Київ і Харків",
                   "3.5 million people; 1,000 dead",
                   "Paris, Texas",
                   "don't  stop",
                   "",
                   "  ,  "};
  for (const auto& text : texts) {
    CAPTURE(text);
    CHECK(analyzer.words(text) == terms(text));
    // A phrase's place-name key is its white-space-separated pieces' keys joined: what query
    // understanding relies on to key each word once.
    std::string joined;
    std::size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
      std::size_t begin = i;
      while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
      std::string key = newsq::places::PlaceExtractor::name_key(text.substr(begin, i - begin), analyzer);
      if (key.empty()) continue;
      joined += (joined.empty() ? "" : " ") + key;
    }
    CHECK(joined == newsq::places::PlaceExtractor::name_key(text, analyzer));
  }
}

TEST_CASE("English words are stemmed with Snowball", "[analysis]") {
  CHECK(stems("shelling shelled shells") == V{"shell", "shell", "shell"});
  CHECK(stems("casualties") == V{"casualti"});
  CHECK(stems("2022") == V{"2022"});  // Numbers are not stemmed.
}

TEST_CASE("the article language picks the stemmer for Latin words", "[analysis]") {
  TextAnalyzer french("fr");
  TextAnalyzer english("en");
  CHECK(french.analyze("mangeait")[0].stem == "mang");
  CHECK(english.analyze("mangeait")[0].stem == "mangeait");
}

TEST_CASE("token offsets point at the original bytes", "[analysis]") {
  std::string text = "Shelling hit Київ's centre, officials said.";
  TextAnalyzer analyzer;
  auto tokens = analyzer.analyze(text);
  REQUIRE(tokens.size() == 6);
  CHECK(text.substr(tokens[2].begin, tokens[2].end - tokens[2].begin) == "Київ's");
  CHECK(tokens[2].term == "київ");
  CHECK(text.substr(tokens[5].begin, tokens[5].end - tokens[5].begin) == "said");
}

TEST_CASE("punctuation, spaces and emoji make no terms", "[analysis]") {
  CHECK(terms("  -- !!! 🙂 ... ").empty());
  CHECK(terms("").empty());
}
