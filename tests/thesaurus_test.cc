// tests/thesaurus_test.cc: the thesaurus file format and synonyms at search time.
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <cmath>

#include <map>
#include <set>

#include "indexer/analysis/text_analyzer.h"
#include "newsq/newsq.h"
#include "indexer/analysis/near_duplicate.h"
#include "query/collect/spelling.h"
#include "query/understand/thesaurus.h"
#include "tests/test_support.h"

using newsq::test::TempDir;

using newsq::test::article;
using newsq::test::facet;

TEST_CASE("the thesaurus reads its file and rejects malformed lines", "[understanding]") {
  auto t = newsq::query::Thesaurus::parse("# comment\ncasualties: killed, air strike\n\n", "t.txt");
  const auto& alternatives = t.lookup("casualti");
  REQUIRE(alternatives.size() == 2);
  CHECK(alternatives[1].terms == std::vector<std::string>{"air", "strike"});
  CHECK(t.lookup("casualty").empty());  // Keys are stems ("casualti"), not words.
  CHECK_THROWS_WITH(newsq::query::Thesaurus::parse("ok: fine\nno colon here\n", "t.txt"),
                    "t.txt:2: expected 'word: alternative, ...'");
  CHECK_THROWS_WITH(newsq::query::Thesaurus::parse("two words: x\n", "t.txt"), Catch::Contains("t.txt:1:"));
  CHECK(newsq::query::Thesaurus::builtin().size() >= 20);
}

TEST_CASE("synonyms find articles that use other words, and can be turned off", "[understanding]") {
  TempDir dir;
  {
    newsq::IndexWriter w(dir.str("db"));
    w.add(article("k", "2022-03-01", "S", "Village hit", "Three people were killed in the attack."));
    w.add(article("w", "2022-03-02", "S", "Clinic", "Doctors treated the wounded all night."));
    w.add(article("o", "2022-03-03", "S", "Market", "Prices rose again."));
  }
  newsq::Searcher s(dir.str("db"));
  CHECK(s.search({.query = "casualties"}).total == 2);
  CHECK(s.search({.query = "casualties", .use_thesaurus = false}).total == 0);
  auto hit = s.search({.query = "casualties"}).hits;
  REQUIRE(!hit.empty());
  CHECK(hit[0].snippet.find(newsq::kHighlightStart) != std::string::npos);
}

TEST_CASE("the built-in thesaurus read lazily answers every head word as the one read whole", "[understanding]") {
  const auto& whole = newsq::query::Thesaurus::builtin();
  newsq::analysis::TextAnalyzer analyzer;
  const auto lazy = newsq::query::Thesaurus::parse_builtin(analyzer);
  CHECK(lazy.size() == whole.size());
  // Every head word of corpus/thesaurus.txt, by its stem, and a word that is none.
  std::vector<std::string> stems = {"zzznotaword"};
  for (const auto& line : newsq::test::read_lines(newsq::test::source_dir() / "corpus" / "thesaurus.txt")) {
    const auto colon = line.find(':');
    if (line.empty() || line[0] == '#' || colon == std::string::npos) continue;
    auto head = analyzer.analyze(line.substr(0, colon));
    REQUIRE(head.size() == 1);
    stems.push_back(head[0].stem);
  }
  REQUIRE(stems.size() == whole.size() + 1);
  for (int pass = 0; pass < 2; ++pass) {  // The second lookup answers from what the first read.
    for (const auto& stem : stems) {
      INFO(stem);
      const auto& a = lazy.lookup(stem);
      const auto& b = whole.lookup(stem);
      REQUIRE(a.size() == b.size());
      for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].text == b[i].text);
        CHECK(a[i].terms == b[i].terms);
        CHECK(a[i].stems == b[i].stems);
      }
    }
  }
}
