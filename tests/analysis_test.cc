// tests/analysis_test.cc: the text analysis, query building, snippets and date buckets.
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
  CHECK(terms("Straße") == V{"strasse"});            // Case folding, not just lower-casing.
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
  const V texts = {"Kyiv's mayor, Vitali Klitschko", "the U.S. army in Rostov-on-Don", "St. Petersburg  and\tNew York",
                   "Київ і Харків", "3.5 million people; 1,000 dead", "Paris, Texas", "don't  stop", "", "  ,  "};
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

TEST_CASE("query text becomes stems, phrases and boolean structure", "[query]") {
  newsq::query::QueryBuilder builder;
  auto q = builder.build("Shelling");
  CHECK(q.query.get_description() == "Query(Zshell)");
  CHECK(q.stems == std::set<std::string>{"shell"});

  CHECK(builder.build("kyiv shelling").query.get_description() == "Query((Zkyiv AND Zshell))");
  CHECK(builder.build("\"Kyiv's mayor\"").query.get_description() == "Query((kyiv PHRASE 2 mayor))");
  CHECK(builder.build("kyiv OR kharkiv").query.get_description() == "Query((Zkyiv OR Zkharkiv))");
  CHECK(builder.build("kyiv -kharkiv").query.get_description() == "Query((Zkyiv AND_NOT Zkharkiv))");
  CHECK(builder.build("kyiv NOT kharkiv").query.get_description() == "Query((Zkyiv AND_NOT Zkharkiv))");
  CHECK(builder.build("+kyiv AND shelling").query.get_description() == "Query((Zkyiv AND Zshell))");
  CHECK(builder.build("(kyiv OR kiev) shelling").query.get_description() == "Query(((Zkyiv OR Zkiev) AND Zshell))");
  CHECK(builder.build("covid-19").query.get_description() == "Query((covid PHRASE 2 19))");
  CHECK(builder.build("Kyiv - Mariupol").query.get_description() == "Query((Zkyiv AND Zmariupol))");
  CHECK(builder.build("-kharkiv").query.get_description() == "Query((<alldocuments> AND_NOT Zkharkiv))");
  CHECK(builder.build("  ... ").empty());
  CHECK_THROWS_AS(builder.build("(kyiv"), newsq::QueryError);
  CHECK_THROWS_AS(builder.build("kyiv)"), newsq::QueryError);
}

TEST_CASE("snippets show the best passage with matches marked", "[query]") {
  TextAnalyzer analyzer;
  std::string text =
      "The council met on Tuesday to discuss the budget. Nothing else happened for a long while. "
      "Later, heavy shelling hit the outskirts of Kyiv, and officials said the shelling went on all night.";
  std::string s = newsq::query::make_snippet(text, analyzer, {"shell", "kyiv"}, {}, 80);
  CHECK(s.find(std::string(1, newsq::kHighlightStart) + "shelling" + newsq::kHighlightEnd) != std::string::npos);
  CHECK(s.find(std::string(1, newsq::kHighlightStart) + "Kyiv" + newsq::kHighlightEnd) != std::string::npos);
  CHECK(s.rfind("...", 0) == 0);     // Cut at the start,
  CHECK(s.find("budget") == std::string::npos);
  CHECK(s.size() < 80 + 10);

  std::string none = newsq::query::make_snippet(text, analyzer, {"absent"}, {}, 30);
  CHECK(none.rfind("The council", 0) == 0);
  CHECK(none.ends_with("..."));
}

TEST_CASE("snippets of long texts find matches deep inside, analysing only around them", "[query]") {
  TextAnalyzer analyzer;
  std::string filler;
  for (int i = 0; i < 400; ++i) filler += "The committee reviewed paperwork and adjourned. ";
  const std::string text = filler + "Overnight, artillery shelled Kharkiv again. " + filler;
  std::string s = newsq::query::make_snippet(text, analyzer, {"shell", "kharkiv"}, {}, 100);
  CHECK(s.find(std::string(1, newsq::kHighlightStart) + "shelled" + newsq::kHighlightEnd) != std::string::npos);
  CHECK(s.find(std::string(1, newsq::kHighlightStart) + "Kharkiv" + newsq::kHighlightEnd) != std::string::npos);
  CHECK((s.starts_with("...") && s.ends_with("...")));
  // A look-alike the byte pass takes for a match ("shelf" for "shell") leaves the real one marked.
  std::string decoy = "A shelf collapsed. " + filler + "Then the town was shelled. " + filler;
  CHECK(newsq::query::make_snippet(decoy, analyzer, {"shell"}, {}, 60).find(std::string(1, newsq::kHighlightStart) + "shelled") != std::string::npos);
  // Keys the byte pass cannot compare (non-ASCII) get the full analysis.
  std::string cyrillic = filler + "Обстріл Харкова тривав усю ніч. " + filler;
  std::string c = newsq::query::make_snippet(cyrillic, analyzer, {analyzer.analyze("Харкова").at(0).stem}, {}, 80);
  CHECK(c.find(std::string(1, newsq::kHighlightStart) + "Харкова") != std::string::npos);
  // No match in the text (a hit through its title): the start of the text.
  CHECK(newsq::query::make_snippet(text, analyzer, {"absent"}, {}, 40).starts_with("The committee"));
}

TEST_CASE("snippets mark a match whenever the article has one (real articles)", "[query][shared]") {
  NEWSQ_REQUIRE_SHARED();
  TextAnalyzer analyzer;
  auto lines = newsq::test::read_lines(newsq::test::shared_dir() / "corpus" / "ukraine-war-gdelt.jsonl.gz");
  const std::vector<std::set<std::string>> queries = {{"shell"}, {"kyiv", "casualti"}, {"sanction", "russia"}, {"refuge"},
                                                      {"grain", "export"}, {"nuclear"}, {"zelenskyy"}};
  int checked = 0, with_match = 0;
  for (std::size_t i = 0; i < lines.size(); i += 3) {
    const std::string text = nlohmann::json::parse(lines[i])["text"];
    const auto tokens = analyzer.analyze(text);
    for (const auto& stems : queries) {
      bool has = std::any_of(tokens.begin(), tokens.end(), [&](const auto& t) { return stems.count(t.stem) > 0; });
      std::string s = newsq::query::make_snippet(text, analyzer, stems, {}, 200);
      INFO("article line " << i + 1 << ", snippet: " << s);
      ++checked;
      with_match += has;
      CHECK(has == (s.find(newsq::kHighlightStart) != std::string::npos));
      CHECK(s.size() <= 200 + 64);
    }
  }
  CHECK(checked > 500);
  CHECK(with_match > 100);
}

TEST_CASE("stored data reads back into a hit's fields, tolerating what newsq never writes", "[query]") {
  newsq::query::StoredArticleReader reader;
  auto a = reader.read(R"({"id":"a1","date":"2022-03-01","source":"Wire","title":"T \"q\" \u041a\u0438\u0457\u0432","url":"u",)"
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

TEST_CASE("date buckets follow the span of the dates", "[query]") {
  using newsq::schema::day_number;
  std::map<long, std::uint64_t> days{{day_number("2022-03-01"), 2}, {day_number("2022-03-02"), 1}};
  auto h = newsq::query::make_date_histogram(days);
  CHECK(h.granularity == "day");
  REQUIRE(h.buckets.size() == 2);
  CHECK(h.buckets[0].value == "2022-03-01");
  CHECK(h.buckets[0].count == 2);

  days[day_number("2022-06-30")] = 4;
  h = newsq::query::make_date_histogram(days);
  CHECK(h.granularity == "month");
  REQUIRE(h.buckets.size() == 2);
  CHECK(h.buckets[0].value == "2022-03");
  CHECK(h.buckets[0].count == 3);

  days[day_number("2026-01-01")] = 1;
  h = newsq::query::make_date_histogram(days);
  CHECK(h.granularity == "year");
  REQUIRE(h.buckets.size() == 2);
  CHECK(h.buckets[0].value == "2022");
  CHECK(h.buckets[0].count == 7);
  CHECK(newsq::query::make_date_histogram({}).granularity.empty());
}

TEST_CASE("day numbers round-trip", "[schema]") {
  using namespace newsq::schema;
  CHECK(day_number("1970-01-01") == 0);
  CHECK(day_string(day_number("2024-02-29")) == "2024-02-29");
  CHECK_THROWS(day_number("2023-02-29"));
}
