// tests/understanding_test.cc: query understanding: dates and sources from words, what operators
// bind, explain and --json, the query size limit.
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
#include "query/understand/query_understanding.h"
#include "query/understand/thesaurus.h"
#include "tests/test_support.h"

using newsq::test::TempDir;

using newsq::test::article;
using newsq::test::facet;

TEST_CASE("a one-line query is split into text, dates and sources", "[understanding]") {
  auto u = newsq::understand("casualties near Kyiv in March 2022", "2022-03-21");
  CHECK(u.text == "casualties near Kyiv");
  CHECK(u.from == "2022-03-01");
  CHECK(u.to == "2022-03-31");
  CHECK(u.date_text == "in March 2022");
  CHECK(u.terms == std::vector<std::string>{"casualties", "near", "kyiv"});
  REQUIRE(u.synonyms.count("casualties"));
  CHECK(u.synonyms["casualties"].front() == "killed");

  auto s = newsq::understand("shelling from Al Jazeera last week source:guardian", "2022-03-21", {"Al Jazeera", "BBC"});
  CHECK(s.text == "shelling");
  CHECK(s.sources == std::vector<std::string>{"guardian", "Al Jazeera"});
  CHECK(s.from == "2022-03-14");
  CHECK(s.to == "2022-03-20");

  auto d = newsq::understand("grain exports from March to May 2022", "2022-06-01", {"BBC"});
  CHECK(d.sources.empty());
  CHECK(d.from == "2022-03-01");
  CHECK(d.to == "2022-05-31");
  CHECK(d.text == "grain exports");

  auto plain = newsq::understand("protesters march in Kyiv", "2022-03-21");
  CHECK(plain.from.empty());
  CHECK(plain.text == "protesters march in Kyiv");
  CHECK_THROWS_AS(newsq::understand("x", "2022-13-01"), newsq::QueryError);
}

TEST_CASE("a query without `now` is read against newsq::today(), the day in UTC", "[understanding]") {
  const std::string today = newsq::today();
  REQUIRE(today.size() == 10);
  CHECK(today[4] == '-');
  CHECK(today[7] == '-');
  const auto u = newsq::understand("floods today");
  const std::string after = newsq::today();  // Midnight may pass between the calls.
  CHECK((u.from == today || u.from == after));
  CHECK(u.to == u.from);
  const auto y = newsq::understand("floods yesterday");
  CHECK(y.to < after);
}

TEST_CASE("a searcher takes \"from <source>\" only after the word from, with its index's sources", "[understanding]") {
  using newsq::query::may_name_known_source;
  CHECK(may_name_known_source("shelling from Al Jazeera"));
  CHECK(may_name_known_source("FROM BBC"));
  CHECK(may_name_known_source("grain\tFrom\x01" "BBC"));  // Control bytes are spaces in a query.
  CHECK_FALSE(may_name_known_source("shelling kyiv"));
  CHECK_FALSE(may_name_known_source("fromage"));
  CHECK_FALSE(may_name_known_source("from"));

  TempDir dir;
  newsq::test::index_articles(dir.str("db"), {article("a", "2022-03-01", "Al Jazeera", "Shelling", "Shelling."),
                                              article("b", "2022-03-02", "BBC", "Grain", "Grain exports.")});
  newsq::Searcher searcher(dir.str("db"));
  CHECK(searcher.understand("shelling from Al Jazeera").sources == std::vector<std::string>{"Al Jazeera"});
  const auto glued = searcher.understand("grain\tFROM\x01" "bbc");
  CHECK(glued.sources == std::vector<std::string>{"BBC"});
  CHECK(glued.text == "grain");
  const auto none = searcher.understand("fromage from nowhere");
  CHECK(none.sources.empty());
  CHECK(none.text == "fromage from nowhere");
  CHECK(searcher.understand("shelling kyiv").sources.empty());
}

TEST_CASE("dates and sources never take words that operators bind", "[understanding]") {
  struct Row {
    const char* query;
    const char* text;  // What is left as text.
    const char* from;  // "" for no date.
  };
  const Row rows[] = {
      {"\"protest in March 2022\"", "\"protest in March 2022\"", ""},
      {"shelling -\"in March 2022\"", "shelling -\"in March 2022\"", ""},
      {"shelling NOT in March 2022", "shelling NOT in March 2022", ""},  // "in March 2022" reads as one.
      {"March 2022 OR April 2022", "March 2022 OR April 2022", ""},      // OR binds "2022" and "April".
      {"(shelling in March 2022) OR grain", "(shelling in March 2022) OR grain", ""},
      {"Kyiv AND Lviv in March 2022", "Kyiv AND Lviv", "2022-03-01"},  // The date reads alone.
      {"NOT kyiv March 2022", "NOT kyiv", "2022-03-01"},
      {"kyiv -russia since 24 February 2022", "kyiv -russia", "2022-02-24"},
      {"grain NOT from BBC", "grain NOT from BBC", ""},
      {"grain OR wheat from BBC", "grain OR wheat", ""},
  };
  for (const auto& row : rows) {
    INFO("query: " << row.query);
    auto u = newsq::understand(row.query, "2022-06-01", {"BBC"});
    CHECK(u.text == row.text);
    CHECK(u.from == row.from);
  }
  // Control bytes are spaces: a query is one line, and none can forge the masks understanding uses.
  CHECK(newsq::understand(std::string("kyiv\x01"
                                      "a\x01 -russia"),
                          "2022-06-01")
            .text == "kyiv a -russia");
}

TEST_CASE("explain and search --json show the understood query", "[understanding][cli]") {
  auto r = newsq::test::run_cli({"explain", "--json", "--now", "2022-03-21", "casualties", "in", "March", "2022"});
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["text"] == "casualties");
  CHECK(j["date"]["from"] == "2022-03-01");
  CHECK(j["date"]["to"] == "2022-03-31");
  CHECK(j["synonyms"]["casualties"].size() >= 3);
  CHECK(j["places"].is_array());
  auto open =
      nlohmann::json::parse(newsq::test::run_cli({"explain", "--json", "--now", "2022-03-21", "since", "2021"}).out);
  CHECK(open["date"]["to"] == "2022-03-21");
  auto none = nlohmann::json::parse(newsq::test::run_cli({"explain", "--json", "grain"}).out);
  CHECK_FALSE(none.contains("date"));
  auto after = nlohmann::json::parse(newsq::test::run_cli({"explain", "--json", "after", "2021"}).out);
  CHECK(after["date"]["from"] == "2022-01-01");
  CHECK_FALSE(after["date"].contains("to"));

  TempDir dir;
  auto index = newsq::test::run_cli(
      {"index", "--db", dir.str("db"), (newsq::test::source_dir() / "corpus" / "sample").string()});
  REQUIRE(index.exit_code == 0);
  auto s = newsq::test::run_cli({"search", "--db", dir.str("db"), "--json", "--now", "2022-12-31", "blackouts", "in",
                                 "2022", "--facet", "source=Harbour Times"});
  REQUIRE(s.exit_code == 0);
  auto sj = nlohmann::json::parse(s.out);
  CHECK(sj["query"]["date"]["from"] == "2022-01-01");
  CHECK(sj["total"].get<int>() >= 1);
  for (const auto& h : sj["hits"]) {
    CHECK(h["source"] == "Harbour Times");
    CHECK(h["date"].get<std::string>().starts_with("2022"));
  }
  CHECK(newsq::test::run_cli({"search", "--db", dir.str("db"), "--facet", "nonsense", "x"}).exit_code == 1);
  CHECK(newsq::test::run_cli({"search", "--db", dir.str("db"), "--facet", "colour=red", "x"}).exit_code == 2);
}

TEST_CASE("casualties in March 2022 over the real corpus: dated in range and about casualties", "[shared]") {
  NEWSQ_REQUIRE_SHARED();
  TempDir dir;
  {
    newsq::IndexWriter writer(dir.str("db"));
    newsq::ingest(writer, {(newsq::test::shared_dir() / "corpus").string()});
  }
  newsq::Searcher s(dir.str("db"));
  auto u = s.understand("casualties near Kyiv in March 2022", "2022-03-21");
  CHECK(u.from == "2022-03-01");
  CHECK(u.to == "2022-03-31");
  auto request = newsq::SearchRequest::from_understood(u);
  request.query = "casualties";  // Places ("near Kyiv") are understood once the gazetteer lands.
  request.limit = 50;
  auto r = s.search(request);
  REQUIRE(r.total > 0);
  newsq::analysis::TextAnalyzer analyzer;
  std::set<std::string> wanted{"casualti", "kill", "dead", "death", "wound", "injur", "fatal"};
  for (const auto& h : r.hits) {
    INFO(h.id);
    CHECK(h.date >= "2022-03-01");
    CHECK(h.date <= "2022-03-31");
    bool about = false;
    for (const auto& t : analyzer.analyze(h.title + " " + h.snippet)) about = about || wanted.count(t.stem);
    CHECK(about);
  }
}

TEST_CASE("a query longer than the documented maximum is refused, one at the maximum is answered",
          "[understanding][cli]") {
  // 10,000 words once took 14 s to search; the bound is newsq::kMaxQueryWords words, kMaxQueryBytes bytes.
  auto words = [](std::size_t n) {
    std::string q;
    for (std::size_t i = 0; i < n; ++i) q += (i ? " " : "") + std::string(i % 2 ? "grain" : "ports");
    return q;
  };
  CHECK_NOTHROW(newsq::understand(words(newsq::kMaxQueryWords)));
  CHECK_THROWS_AS(newsq::understand(words(newsq::kMaxQueryWords + 1)), newsq::QueryError);
  CHECK_THROWS_AS(newsq::understand(std::string(newsq::kMaxQueryBytes + 1, 'a')), newsq::QueryError);

  TempDir dir;
  REQUIRE(
      newsq::test::run_cli({"index", "--db", dir.str("db"), (newsq::test::source_dir() / "corpus" / "sample").string()})
          .exit_code == 0);
  newsq::Searcher searcher(dir.str("db"));
  CHECK_NOTHROW(searcher.search({.query = words(newsq::kMaxQueryWords)}));
  CHECK_THROWS_AS(searcher.search({.query = words(newsq::kMaxQueryWords + 1)}), newsq::QueryError);

  auto refused = newsq::test::run_cli({"search", "--db", dir.str("db"), "--", words(newsq::kMaxQueryWords + 1)});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("query too long: 1025 words (at most 1024)") != std::string::npos);
  CHECK(newsq::test::run_cli({"explain", "--", words(newsq::kMaxQueryWords + 1)}).exit_code == 1);
  CHECK(newsq::test::run_cli({"search", "--db", dir.str("db"), "--", words(newsq::kMaxQueryWords)}).exit_code == 0);
}
