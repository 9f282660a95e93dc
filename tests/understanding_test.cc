// tests/understanding_test.cc: query understanding and drill-down: thesaurus, dates and sources
// from words, multi-select facet counts against brute force, duplicate collapse, spelling, sort.
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

namespace {

newsq::Article article(std::string id, std::string date, std::string source, std::string title, std::string text) {
  newsq::Article a;
  a.id = std::move(id);
  a.date = std::move(date);
  a.source = std::move(source);
  a.title = std::move(title);
  a.text = std::move(text);
  return a;
}

std::uint64_t facet(const newsq::SearchResults& r, const std::string& name, const std::string& value) {
  auto it = r.facets.find(name);
  if (it == r.facets.end()) return 0;
  for (const auto& v : it->second)
    if (v.value == value) return v.count;
  return 0;
}

}  // namespace

TEST_CASE("the thesaurus reads its file and rejects malformed lines", "[understanding]") {
  auto t = newsq::query::Thesaurus::parse("# comment\ncasualties: killed, air strike\n\n", "t.txt");
  const auto& alternatives = t.lookup("casualti");
  REQUIRE(alternatives.size() == 2);
  CHECK(alternatives[1].terms == std::vector<std::string>{"air", "strike"});
  CHECK(t.lookup("casualty").empty());  // Keys are stems ("casualti"), not words.
  CHECK_THROWS_WITH(newsq::query::Thesaurus::parse("ok: fine\nno colon here\n", "t.txt"), "t.txt:2: expected 'word: alternative, ...'");
  CHECK_THROWS_WITH(newsq::query::Thesaurus::parse("two words: x\n", "t.txt"), Catch::Contains("t.txt:1:"));
  CHECK(newsq::query::Thesaurus::builtin().size() >= 20);
}

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

TEST_CASE("dates and sources never take words that operators bind", "[understanding]") {
  struct Row {
    const char* query;
    const char* text;  // What is left as text.
    const char* from;  // "" for no date.
  };
  const Row rows[] = {
      {"\"protest in March 2022\"", "\"protest in March 2022\"", ""},
      {"shelling -\"in March 2022\"", "shelling -\"in March 2022\"", ""},
      {"shelling NOT in March 2022", "shelling NOT in March 2022", ""},   // "in March 2022" reads as one.
      {"March 2022 OR April 2022", "March 2022 OR April 2022", ""},       // OR binds "2022" and "April".
      {"(shelling in March 2022) OR grain", "(shelling in March 2022) OR grain", ""},
      {"Kyiv AND Lviv in March 2022", "Kyiv AND Lviv", "2022-03-01"},     // The date reads alone.
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
  CHECK(newsq::understand(std::string("kyiv\x01" "a\x01 -russia"), "2022-06-01").text == "kyiv a  -russia");
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

TEST_CASE("multi-select facets: each facet's counts ignore its own selections", "[understanding]") {
  TempDir dir;
  std::vector<newsq::Article> all = {
      article("1", "2021-05-01", "A", "t", "grain harvest"), article("2", "2022-05-01", "A", "t", "grain exports"),
      article("3", "2022-06-01", "B", "t", "grain prices"),  article("4", "2022-07-01", "C", "t", "grain ships"),
      article("5", "2023-01-01", "C", "t", "grain deal"),    article("6", "2022-01-01", "B", "t", "other news")};
  {
    newsq::IndexWriter w(dir.str("db"));
    for (const auto& a : all) w.add(a);
  }
  newsq::Searcher s(dir.str("db"));
  newsq::SearchRequest r{.query = "grain"};
  r.facet_filters = {{"source", "A"}, {"source", "B"}, {"date", "2022"}};
  auto res = s.search(r);

  // Brute force over the same articles.
  auto matches = [](const newsq::Article& a) { return a.text.find("grain") != std::string::npos; };
  auto in_sources = [](const newsq::Article& a) { return a.source == "A" || a.source == "B"; };
  auto in_2022 = [](const newsq::Article& a) { return a.date.starts_with("2022"); };
  std::uint64_t total = 0;
  std::map<std::string, std::uint64_t> by_source, by_year;
  for (const auto& a : all) {
    if (!matches(a)) continue;
    total += in_sources(a) && in_2022(a);
    if (in_2022(a)) ++by_source[a.source];       // Source counts ignore the source selections.
    if (in_sources(a)) ++by_year[a.date.substr(0, 4)];  // Date counts ignore the date selection.
  }
  CHECK(res.total == total);
  CHECK(res.total == 2);
  for (const auto& [source, count] : by_source) CHECK(facet(res, "source", source) == count);
  CHECK(facet(res, "source", "C") == 1);
  REQUIRE(res.date_granularity == "month");  // 2021-05 .. 2022-06 spans months.
  std::map<std::string, std::uint64_t> by_month;
  for (const auto& a : all)
    if (matches(a) && in_sources(a)) ++by_month[a.date.substr(0, 7)];
  for (const auto& [month, count] : by_month) CHECK(facet(res, "date", month) == count);

  r.facet_filters = {{"place", "x"}};
  CHECK_THROWS_AS(s.search(r), newsq::QueryError);
  r.facet_filters = {{"date", "2022-13"}};
  CHECK_THROWS_AS(s.search(r), newsq::QueryError);
}

TEST_CASE("near-duplicates collapse into one hit with the copies' ids", "[understanding]") {
  TempDir dir;
  std::string base =
      "Officials said the convoy of twelve trucks carrying flour, medicine and blankets reached the town on Tuesday "
      "evening after a delay of two days at the checkpoint, and volunteers began unloading it at the school.";
  std::string edited = base;
  edited.replace(edited.find("Tuesday"), 7, "Wednesday");
  std::string edited2 = "UPDATE: " + base + " More aid is expected.";
  {
    newsq::IndexWriter w(dir.str("db"));
    w.add(article("orig", "2022-03-01", "Wire", "Aid convoy arrives", base));
    w.add(article("copy1", "2022-03-01", "Paper", "Aid convoy arrives", edited));
    w.add(article("copy2", "2022-03-02", "Radio", "Aid convoy reaches town", edited2));
    w.add(article("other", "2022-03-02", "Radio", "Convoy of tractors", "A convoy of tractors blocked the road in a protest over fuel prices."));
  }
  newsq::Searcher s(dir.str("db"));
  auto collapsed = s.search({.query = "convoy"});
  CHECK(collapsed.total == 4);
  REQUIRE(collapsed.hits.size() == 2);
  std::set<std::string> folded;
  for (const auto& h : collapsed.hits)
    if (!h.similar_ids.empty()) folded.insert(h.similar_ids.begin(), h.similar_ids.end()), folded.insert(h.id);
  CHECK(folded == std::set<std::string>{"orig", "copy1", "copy2"});
  CHECK(s.search({.query = "convoy", .collapse_duplicates = false}).hits.size() == 4);

  using newsq::analysis::jaccard, newsq::analysis::shingles_of, newsq::analysis::signature_of, newsq::analysis::estimated_similarity;
  CHECK(jaccard(shingles_of(base), shingles_of(edited)) > 0.6);
  CHECK(jaccard(shingles_of(base), shingles_of(base)) == 1.0);
  // Case and punctuation do not tell copies apart; other words do.
  CHECK(jaccard(shingles_of("Troops shelled the city; residents fled."), shingles_of("troops shelled the city - residents fled")) == 1.0);
  CHECK(jaccard(shingles_of("Troops shelled the city and residents fled"), shingles_of("Farmers blocked the road and prices rose")) == 0.0);
  CHECK(jaccard(shingles_of("Київ під обстрілом знову сьогодні"), shingles_of("Київ під обстрілом знову сьогодні.")) == 1.0);
  // Signatures estimate the overlap.
  CHECK(estimated_similarity(signature_of(shingles_of(base)), signature_of(shingles_of(base))) == 1.0);
  CHECK(std::abs(estimated_similarity(signature_of(shingles_of(base)), signature_of(shingles_of(edited))) -
                 jaccard(shingles_of(base), shingles_of(edited))) < 0.15);
  CHECK(signature_of(shingles_of(" ... ")).empty());
  CHECK(estimated_similarity("", "") == 0.0);
}

TEST_CASE("unknown words get a spelling suggestion", "[understanding]") {
  CHECK(newsq::query::edit_distance("kyv", "kyiv") == 1);
  CHECK(newsq::query::edit_distance("kiyv", "kyiv") == 1);  // Transposition.
  TempDir dir;
  {
    newsq::IndexWriter w(dir.str("db"));
    w.add(article("1", "2022-03-01", "S", "Kyiv", "Sirens sounded in Kyiv and Kharkiv."));
  }
  newsq::Searcher s(dir.str("db"));
  auto r = s.search({.query = "Kyv sirens"});
  CHECK(r.total == 0);
  CHECK(r.suggestion == "kyiv sirens");
  CHECK(s.search({.query = "kyiv"}).suggestion.empty());
}

TEST_CASE("date sort and recency boost order hits by time", "[understanding]") {
  TempDir dir;
  {
    newsq::IndexWriter w(dir.str("db"));
    w.add(article("old", "2019-01-01", "S", "Ferry", "The ferry sailed. The ferry sailed again. Ferry ferry."));
    w.add(article("mid", "2021-01-01", "S", "Boats", "A ferry sailed."));
    w.add(article("new", "2022-06-01", "S", "Harbour", "A ferry sailed at dawn."));
  }
  newsq::Searcher s(dir.str("db"));
  auto by_date = s.search({.query = "ferry", .sort = newsq::SearchRequest::Sort::date});
  REQUIRE(by_date.hits.size() == 3);
  CHECK(by_date.hits[0].id == "new");
  CHECK(by_date.hits[2].id == "old");
  CHECK(s.search({.query = "ferry"}).hits[0].id == "old");
  CHECK(s.search({.query = "ferry", .recency_boost = 10}).hits[0].id == "new");
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
  auto open = nlohmann::json::parse(newsq::test::run_cli({"explain", "--json", "--now", "2022-03-21", "since", "2021"}).out);
  CHECK(open["date"]["to"] == "2022-03-21");
  auto none = nlohmann::json::parse(newsq::test::run_cli({"explain", "--json", "grain"}).out);
  CHECK_FALSE(none.contains("date"));
  auto after = nlohmann::json::parse(newsq::test::run_cli({"explain", "--json", "after", "2021"}).out);
  CHECK(after["date"]["from"] == "2022-01-01");
  CHECK_FALSE(after["date"].contains("to"));

  TempDir dir;
  auto index = newsq::test::run_cli({"index", "--db", dir.str("db"), (newsq::test::source_dir() / "corpus" / "sample").string()});
  REQUIRE(index.exit_code == 0);
  auto s = newsq::test::run_cli({"search", "--db", dir.str("db"), "--json", "--now", "2022-12-31", "blackouts", "in", "2022",
                                 "--facet", "source=Harbour Times"});
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

TEST_CASE("copies made by editing real articles slightly collapse into their original, and nothing else does", "[shared]") {
  NEWSQ_REQUIRE_SHARED();
  TempDir dir;
  auto lines = newsq::test::read_lines(newsq::test::shared_dir() / "corpus" / "ukraine-war-gdelt.jsonl.gz");
  // Every tenth article of 200 (of 1,000 bytes or more) gets two copies: one word changed, and a
  // new first sentence with the last twentieth cut (as another outlet would run it). Ids: <id>~1
  // and <id>~2.
  std::map<std::string, std::set<std::string>> copies_of;
  std::vector<newsq::Article> articles;
  for (std::size_t i = 0; i < 200 && i < lines.size(); ++i) {
    auto j = nlohmann::json::parse(lines[i]);
    newsq::Article a = article(j["id"], std::string(j["date"]).substr(0, 10), j["source"], j.value("title", ""), j["text"]);
    articles.push_back(a);
    if (i % 10 != 0 || a.text.size() < 1000) continue;
    newsq::Article one = a, two = a;
    one.id += "~1";
    one.source = "copy-desk";
    std::size_t word = one.text.find(" the ");
    REQUIRE(word != std::string::npos);
    one.text.replace(word, 5, " this ");
    two.id += "~2";
    two.source = "copy-desk";
    two.text = "From our correspondents. " + two.text.substr(0, two.text.rfind(' ', two.text.size() * 95 / 100));
    articles.push_back(one);
    articles.push_back(two);
    copies_of[a.id] = {one.id, two.id};
  }
  REQUIRE(copies_of.size() >= 10);
  {
    newsq::IndexWriter writer(dir.str("db"));
    for (const auto& a : articles) writer.add(a);
  }

  // Each original's own words find it with its two copies folded in, and no other article.
  auto check_groups = [&](const std::string& db) {
    newsq::Searcher s(db);
    std::size_t folded_groups = 0;
    for (const auto& [id, copies] : copies_of) {
      INFO("original " << id);
      const auto& text = std::find_if(articles.begin(), articles.end(), [&](const auto& a) { return a.id == id; })->text;
      // A query of three of the article's longer words, quoted: it and its copies rank high.
      newsq::analysis::TextAnalyzer analyzer;
      std::string query;
      int taken = 0;
      for (const auto& t : analyzer.analyze(text))
        if (t.term.size() >= 7 && taken < 3 && query.find(t.term) == std::string::npos) query += t.term + " ", ++taken;
      auto r = s.search({.query = query, .limit = 50});
      for (const auto& h : r.hits) {
        std::set<std::string> group(h.similar_ids.begin(), h.similar_ids.end());
        group.insert(h.id);
        if (group.count(id)) {
          CHECK(group == std::set<std::string>{id, *copies.begin(), *copies.rbegin()});
          ++folded_groups;
        } else if (group.size() > 1) {
          // Any other group is also one original with its copies.
          std::string original;
          for (const auto& member : group)
            if (member.find('~') == std::string::npos) original = member;
          INFO("group led by " << h.id);
          REQUIRE(copies_of.count(original));
          CHECK(group == std::set<std::string>{original, *copies_of[original].begin(), *copies_of[original].rbegin()});
        }
      }
    }
    CHECK(folded_groups == copies_of.size());
  };
  check_groups(dir.str("db"));

  SECTION("documents indexed before signatures were stored collapse the same way (from their texts)") {
    {
      Xapian::WritableDatabase db(newsq::test::live_generation_path(dir.str("db")));
      for (Xapian::docid id = 1; id <= db.get_lastdocid(); ++id) {
        Xapian::Document doc = db.get_document(id);
        doc.remove_value(5);  // schema::kDuplicateSlot
        db.replace_document(id, doc);
      }
      db.commit();
    }
    check_groups(dir.str("db"));
  }
}

TEST_CASE("a query longer than the documented maximum is refused, one at the maximum is answered", "[understanding][cli]") {
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
  REQUIRE(newsq::test::run_cli({"index", "--db", dir.str("db"), (newsq::test::source_dir() / "corpus" / "sample").string()}).exit_code == 0);
  newsq::Searcher searcher(dir.str("db"));
  CHECK_NOTHROW(searcher.search({.query = words(newsq::kMaxQueryWords)}));
  CHECK_THROWS_AS(searcher.search({.query = words(newsq::kMaxQueryWords + 1)}), newsq::QueryError);

  auto refused = newsq::test::run_cli({"search", "--db", dir.str("db"), "--", words(newsq::kMaxQueryWords + 1)});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("query too long: 1025 words (at most 1024)") != std::string::npos);
  CHECK(newsq::test::run_cli({"explain", "--", words(newsq::kMaxQueryWords + 1)}).exit_code == 1);
  CHECK(newsq::test::run_cli({"search", "--db", dir.str("db"), "--", words(newsq::kMaxQueryWords)}).exit_code == 0);
}
