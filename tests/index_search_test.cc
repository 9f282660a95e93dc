// tests/index_search_test.cc: the library API end to end on a real database in a temp folder:
// add, replace, skip unchanged, remove, search with filters, facet counts, reopen.
#include <unistd.h>
#include <filesystem>
#include <xapian.h>

#include "engine/index/facet_record.h"
#include "engine/index/schema.h"
#include "newsq/newsq.h"
#include "tests/test_support.h"

using newsq::test::article;
using newsq::test::facet;
using newsq::test::TempDir;

namespace {

std::vector<std::string> ids(const newsq::SearchResults& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.id);
  std::sort(out.begin(), out.end());
  return out;
}

void fill(const std::string& db) {
  newsq::IndexWriter w(db);
  w.add(
      article("a1", "2022-03-01", "Kyiv Courier", "Shelling in Kyiv", "Heavy shelling hit Kyiv's suburbs overnight."));
  w.add(
      article("a2", "2022-03-15", "Harbour Times", "Evacuation from Mariupol", "Buses left Mariupol under shelling."));
  w.add(article("a3", "2022-04-02", "Kyiv Courier", "Grain exports", "Ports near Odesa resumed grain exports."));
  w.add(article("a4", "2021-12-24", "Harbour Times", "Holiday markets", "Markets opened across the city."));
  w.commit();
}

}  // namespace

TEST_CASE("a word finds the articles that hold it in any form", "[index]") {
  TempDir dir;
  fill(dir.str("db"));
  newsq::Searcher s(dir.str("db"));
  CHECK(ids(s.search({.query = "shelled"})) == std::vector<std::string>{"a1", "a2"});
  CHECK(ids(s.search({.query = "KYIV"})) == std::vector<std::string>{"a1"});
  CHECK(ids(s.search({.query = "Kyïv's"})) == std::vector<std::string>{"a1"});
  CHECK(ids(s.search({.query = "\"grain exports\""})) == std::vector<std::string>{"a3"});
  CHECK(ids(s.search({.query = "\"exports grain\""})).empty());
  CHECK(ids(s.search({.query = "shelling -mariupol"})) == std::vector<std::string>{"a1"});
  CHECK(s.search({.query = "nothingmatches"}).total == 0);
}

TEST_CASE("date and source filters, and exact facet counts", "[index]") {
  TempDir dir;
  fill(dir.str("db"));
  newsq::Searcher s(dir.str("db"));
  auto march = s.search({.from = "2022-03-01", .to = "2022-03-31"});
  CHECK(march.total == 2);
  CHECK(ids(march) == std::vector<std::string>{"a1", "a2"});
  CHECK(march.date_granularity == "day");
  CHECK(facet(march, "date", "2022-03-01") == 1);
  CHECK(facet(march, "source", "Kyiv Courier") == 1);

  CHECK(ids(s.search({.from = "2022-03-15"})) == std::vector<std::string>{"a2", "a3"});
  CHECK(ids(s.search({.to = "2022-03-01"})) == std::vector<std::string>{"a1", "a4"});
  CHECK(ids(s.search({.sources = {"harbour times"}})) == std::vector<std::string>{"a2", "a4"});
  CHECK(ids(s.search({.sources = {"Harbour Times", "Kyiv Courier"}})).size() == 4);

  auto all = s.search({.limit = 1});
  CHECK(all.total == 4);
  CHECK(all.hits.size() == 1);
  CHECK(all.hits[0].id == "a3");  // No words: newest first.
  CHECK(all.date_granularity == "month");
  CHECK(facet(all, "date", "2021-12") == 1);
  CHECK(facet(all, "date", "2022-03") == 2);
  CHECK(facet(all, "source", "Harbour Times") == 2);

  CHECK_THROWS_AS(s.search({.from = "2022-02-30"}), newsq::QueryError);
  CHECK_THROWS_AS(s.search({.from = "2022-04-01", .to = "2022-03-01"}), newsq::QueryError);
}

// A new index searches date ranges through its date terms; one written before they existed (no
// kDateTermsKey) through value slot 0. Both must give the same answers.
TEST_CASE("date ranges and date selections answer alike from date terms and from values", "[index]") {
  TempDir dir;
  std::vector<newsq::Article> all;
  for (int i = 0; i < 400; ++i) {
    const long day = newsq::schema::day_number("2020-11-20") + (i * 37) % 800;
    all.push_back(article(std::string("a").append(std::to_string(i)), newsq::schema::day_string(day), i % 3 ? "A" : "B", "t",
                          i % 4 ? "grain harvest" : "grain exports"));
  }
  newsq::test::index_articles(dir.str("terms"), all);
  newsq::test::index_articles(dir.str("values"), all);
  {
    Xapian::WritableDatabase db(newsq::test::live_generation_path(dir.str("terms")), Xapian::DB_OPEN);
    CHECK(db.get_metadata(newsq::schema::kDateTermsKey) == "1");
    CHECK(db.get_termfreq("XD2020") + db.get_termfreq("XD2021") + db.get_termfreq("XD2022") + db.get_termfreq("XD2023") ==
          all.size());
  }
  {
    Xapian::WritableDatabase db(newsq::test::live_generation_path(dir.str("values")), Xapian::DB_OPEN);
    db.set_metadata(newsq::schema::kDateTermsKey, "");  // As an index from before date terms.
    db.commit();
  }
  newsq::Searcher terms(dir.str("terms")), values(dir.str("values"));
  std::vector<newsq::SearchRequest> requests = {
      {.from = "2021-03-01", .to = "2021-03-31"},
      {.query = "grain", .from = "2021-02-27", .to = "2022-01-03"},
      {.query = "exports", .from = "2021-06-15"},
      {.query = "harvest", .to = "2021-01-09"},
      {.from = "2019-01-01", .to = "2030-12-31"},
      {.from = "2031-01-01"},
      {.to = "2020-11-19"},
      {.from = "2022-01-29", .to = "2022-01-29"},
      {.query = "grain", .facet_filters = {{"date", "2021"}, {"date", "2022-01"}, {"source", "B"}}},
      {.facet_filters = {{"date", "2021-02-28"}}},
  };
  for (auto r : requests) {
    INFO(r.query << " " << r.from << ".." << r.to << " selections " << r.facet_filters.size());
    r.limit = 1000;
    const newsq::SearchResults a = terms.search(r), b = values.search(r);
    CHECK(newsq::test::facets_text(a) == newsq::test::facets_text(b));
    CHECK(ids(a) == ids(b));
    // Against the articles themselves.
    std::uint64_t expected = 0;
    for (const auto& art : all) {
      const bool in_range = (r.from.empty() || art.date >= r.from) && (r.to.empty() || art.date <= r.to);
      bool selected = true;
      if (!r.facet_filters.empty()) {
        bool date = false, source = false, any_source = false;
        for (const auto& [field, value] : r.facet_filters) {
          if (field == "date") date = date || art.date.starts_with(value);
          if (field == "source") any_source = true, source = source || art.source == value;
        }
        selected = date && (!any_source || source);
      }
      const bool words = r.query.empty() || art.text.find(r.query) != std::string::npos;
      expected += in_range && selected && words;
    }
    CHECK(a.total == expected);
  }
}

TEST_CASE("paging walks through every hit once", "[index]") {
  TempDir dir;
  fill(dir.str("db"));
  newsq::Searcher s(dir.str("db"));
  std::set<std::string> seen;
  for (std::uint32_t offset = 0; offset < 4; offset += 3)
    for (const auto& h : s.search({.offset = offset, .limit = 3}).hits) seen.insert(h.id);
  CHECK(seen.size() == 4);
}

TEST_CASE("re-adding an id replaces it, unchanged content is skipped, remove deletes", "[index]") {
  TempDir dir;
  fill(dir.str("db"));
  newsq::IndexWriter w(dir.str("db"));
  CHECK(w.add(article("a1", "2022-03-01", "Kyiv Courier", "Shelling in Kyiv",
                      "Heavy shelling hit Kyiv's suburbs overnight.")) == newsq::AddOutcome::unchanged);
  CHECK(w.add(article("a1", "2022-03-01", "Kyiv Courier", "Shelling in Kyiv",
                      "Drones hit Kyiv's suburbs overnight.")) == newsq::AddOutcome::updated);
  CHECK(w.remove("a3"));
  CHECK_FALSE(w.remove("nope"));
  w.commit();
  CHECK(w.size() == 3);
  newsq::Searcher s(dir.str("db"));
  CHECK(ids(s.search({.query = "drones"})) == std::vector<std::string>{"a1"});
  CHECK(ids(s.search({.query = "shelling"})) == std::vector<std::string>{"a1", "a2"});  // a1's title still says it.
  CHECK(s.search({.query = "grain"}).total == 0);
}

TEST_CASE("a searcher sees new commits without being reopened", "[index]") {
  TempDir dir;
  fill(dir.str("db"));
  newsq::Searcher s(dir.str("db"));
  CHECK(s.search({}).total == 4);
  {
    newsq::IndexWriter w(dir.str("db"));
    w.add(article("a5", "2022-05-01", "X", "New", "A new article."));
  }
  CHECK(s.search({}).total == 5);
  s.reopen();
  CHECK(s.search({}).total == 5);
}

TEST_CASE("a searcher's revision changes with every commit and compaction, and only then", "[index]") {
  TempDir dir;
  fill(dir.str("db"));
  newsq::Searcher s(dir.str("db"));
  newsq::Searcher other(dir.str("db"));
  const std::string first = s.revision();
  CHECK(!first.empty());
  s.search({.query = "shelling"});
  CHECK(s.revision() == first);
  CHECK(other.revision() == first);  // One index, one revision, whichever searcher reads it.
  {
    newsq::IndexWriter w(dir.str("db"));
    w.add(article("a5", "2022-05-01", "X", "New", "A new article."));
  }
  const std::string second = s.revision();
  CHECK(second != first);
  CHECK(other.revision() == second);
  newsq::compact(dir.str("db"));  // A new generation with the same articles: answers may be equal, but it is new.
  CHECK(s.revision() != second);
  // An index deleted and made again with other articles starts again at the first generation and
  // revision numbers: the revision still differs.
  TempDir again;
  fill(again.str("db"));
  const std::string fresh = newsq::Searcher(again.str("db")).revision();
  std::filesystem::remove_all(dir.str("db"));
  std::filesystem::rename(again.str("db"), dir.str("db"));
  CHECK(newsq::Searcher(dir.str("db")).revision() == fresh);
  CHECK(fresh != first);
}

TEST_CASE("the writer rejects articles without id, valid date or text", "[index]") {
  TempDir dir;
  newsq::IndexWriter w(dir.str("db"));
  CHECK_THROWS_WITH(w.add(article("", "2022-01-01", "", "", "text")), Catch::Contains("missing id"));
  CHECK_THROWS_WITH(w.add(article("x", "2022-02-30", "", "", "text")), Catch::Contains("impossible date"));
  CHECK_THROWS_AS(w.add(article("x", "2022-01-01", "", "", "  ")), newsq::InputError);
  CHECK(w.size() == 0);
}

TEST_CASE("stats describe the index", "[index]") {
  TempDir dir;
  fill(dir.str("db"));
  auto st = newsq::Searcher(dir.str("db")).stats();
  CHECK(st.articles == 4);
  CHECK(st.first_date == "2021-12-24");
  CHECK(st.last_date == "2022-04-02");
  CHECK(st.sources["Harbour Times"] == 2);
  CHECK(st.disk_bytes > 0);
  CHECK(st.terms > 20);
}

TEST_CASE("a searcher's stats follow every commit, and an index made again under it", "[index]") {
  TempDir dir;
  const std::string db = dir.str("db");
  fill(db);
  newsq::Searcher searcher(db);
  CHECK(searcher.stats().articles == 4);
  CHECK(searcher.stats().articles == 4);  // Counted once for this revision, the same answer.
  {
    newsq::IndexWriter w(db);
    w.add(article("new-1", "2023-05-06", "Other Paper", "Later", "A later article about the harbour."));
    w.commit();
  }
  auto st = searcher.stats();
  CHECK(st.articles == 5);
  CHECK(st.last_date == "2023-05-06");
  CHECK(st.sources["Other Paper"] == 1);
  // Deleted and made again the same way, up to the same generation and revision numbers: only the
  // UUID tells the two apart.
  std::filesystem::remove_all(db);
  fill(db);
  {
    newsq::IndexWriter w(db);
    w.add(article("new-2", "2023-05-06", "Fourth Paper", "Later", "Another later article about the harbour."));
    w.commit();
  }
  st = searcher.stats();
  CHECK(st.articles == 5);
  CHECK(st.sources.count("Other Paper") == 0);
  CHECK(st.sources["Fourth Paper"] == 1);
}

TEST_CASE("opening what is not a newsq index fails clearly", "[index]") {
  TempDir dir;
  CHECK_THROWS_WITH(newsq::Searcher(dir.str("missing")), Catch::Contains("no such index"));
  {
    Xapian::WritableDatabase plain(dir.str("plain"), Xapian::DB_CREATE);
    plain.add_document(Xapian::Document());
    plain.commit();
  }
  CHECK_THROWS_WITH(newsq::Searcher(dir.str("plain")), Catch::Contains("not a newsq index"));
  CHECK_THROWS_AS(newsq::IndexWriter(dir.str("plain")), newsq::DatabaseError);
}

TEST_CASE("a second writer on the same index is refused", "[index]") {
  TempDir dir;
  newsq::IndexWriter first(dir.str("db"));
  CHECK_THROWS_WITH(newsq::IndexWriter(dir.str("db")), Catch::Contains("locked by pid " + std::to_string(getpid())));
}

TEST_CASE("the date facet counts dates centuries apart", "[index]") {
  TempDir dir;
  {
    newsq::IndexWriter w(dir.str("db"));
    w.add(article("old", "1850-06-01", "Gazette", "Harbour opened", "The new harbour opened to ships."));
    w.add(article("mid", "1990-01-02", "Gazette", "Harbour dredged", "The harbour was dredged."));
    w.add(article("new", "2022-03-01", "Courier", "Harbour closed", "The harbour closed to ships."));
  }
  newsq::Searcher s(dir.str("db"));
  auto r = s.search({.query = "harbour"});
  CHECK(r.date_granularity == "year");
  std::vector<std::pair<std::string, std::uint64_t>> buckets;
  for (const auto& v : r.facets.at("date")) buckets.emplace_back(v.value, v.count);
  CHECK(buckets == std::vector<std::pair<std::string, std::uint64_t>>{{"1850", 1}, {"1990", 1}, {"2022", 1}});
}
