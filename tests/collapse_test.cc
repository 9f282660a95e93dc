// tests/collapse_test.cc: near-duplicate articles collapse into one hit.
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
#include "engine/index/schema.h"
#include "tests/test_support.h"

using newsq::test::TempDir;

using newsq::test::article;
using newsq::test::facet;

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
    w.add(article("other", "2022-03-02", "Radio", "Convoy of tractors",
                  "A convoy of tractors blocked the road in a protest over fuel prices."));
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

  using newsq::analysis::jaccard, newsq::analysis::shingles_of, newsq::analysis::signature_of,
      newsq::analysis::estimated_similarity;
  CHECK(jaccard(shingles_of(base), shingles_of(edited)) > 0.6);
  CHECK(jaccard(shingles_of(base), shingles_of(base)) == 1.0);
  // Case and punctuation do not tell copies apart; other words do.
  CHECK(jaccard(shingles_of("Troops shelled the city; residents fled."),
                shingles_of("troops shelled the city - residents fled")) == 1.0);
  CHECK(jaccard(shingles_of("Troops shelled the city and residents fled"),
                shingles_of("Farmers blocked the road and prices rose")) == 0.0);
  CHECK(jaccard(shingles_of("Київ під обстрілом знову сьогодні"), shingles_of("Київ під обстрілом знову сьогодні.")) ==
        1.0);
  // Signatures estimate the overlap.
  CHECK(estimated_similarity(signature_of(shingles_of(base)), signature_of(shingles_of(base))) == 1.0);
  CHECK(std::abs(estimated_similarity(signature_of(shingles_of(base)), signature_of(shingles_of(edited))) -
                 jaccard(shingles_of(base), shingles_of(edited))) < 0.15);
  CHECK(signature_of(shingles_of(" ... ")).empty());
  CHECK(estimated_similarity("", "") == 0.0);
}

TEST_CASE("copies made by editing real articles slightly collapse into their original, and nothing else does",
          "[shared]") {
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
    newsq::Article a =
        article(j["id"], std::string(j["date"]).substr(0, 10), j["source"], j.value("title", ""), j["text"]);
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
      const auto& text =
          std::find_if(articles.begin(), articles.end(), [&](const auto& a) { return a.id == id; })->text;
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
        doc.remove_value(newsq::schema::kDuplicateSlot);
        db.replace_document(id, doc);
      }
      db.commit();
    }
    check_groups(dir.str("db"));
  }
}
