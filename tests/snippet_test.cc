// tests/snippet_test.cc: snippets: the best passage of a hit with its matches marked.
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

TEST_CASE("snippets show the best passage with matches marked", "[query]") {
  TextAnalyzer analyzer;
  std::string text =
      "The council met on Tuesday to discuss the budget. Nothing else happened for a long while. "
      "Later, heavy shelling hit the outskirts of Kyiv, and officials said the shelling went on all night.";
  std::string s = newsq::query::make_snippet(text, analyzer, {"shell", "kyiv"}, {}, 80);
  CHECK(s.find(std::string(1, newsq::kHighlightStart) + "shelling" + newsq::kHighlightEnd) != std::string::npos);
  CHECK(s.find(std::string(1, newsq::kHighlightStart) + "Kyiv" + newsq::kHighlightEnd) != std::string::npos);
  CHECK(s.rfind("...", 0) == 0);  // Cut at the start,
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
  CHECK(newsq::query::make_snippet(decoy, analyzer, {"shell"}, {}, 60)
            .find(std::string(1, newsq::kHighlightStart) + "shelled") != std::string::npos);
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
  const std::vector<std::set<std::string>> queries = {{"shell"},    {"kyiv", "casualti"}, {"sanction", "russia"},
                                                      {"refuge"},   {"grain", "export"},  {"nuclear"},
                                                      {"zelenskyy"}};
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
