// tests/index_search_test.cc: the library API end to end on a real database in a temp folder:
// add, replace, skip unchanged, remove, search with filters, facet counts, reopen.
#include <unistd.h>
#include <xapian.h>

#include "engine/index/facet_record.h"
#include "newsq/newsq.h"
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

std::vector<std::string> ids(const newsq::SearchResults& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.id);
  std::sort(out.begin(), out.end());
  return out;
}

std::uint64_t facet(const newsq::SearchResults& r, const std::string& name, const std::string& value) {
  auto it = r.facets.find(name);
  if (it == r.facets.end()) return 0;
  for (const auto& v : it->second)
    if (v.value == value) return v.count;
  return 0;
}

void fill(const std::string& db) {
  newsq::IndexWriter w(db);
  w.add(article("a1", "2022-03-01", "Kyiv Courier", "Shelling in Kyiv", "Heavy shelling hit Kyiv's suburbs overnight."));
  w.add(article("a2", "2022-03-15", "Harbour Times", "Evacuation from Mariupol", "Buses left Mariupol under shelling."));
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

TEST_CASE("title words rank above body words", "[index]") {
  TempDir dir;
  {
    newsq::IndexWriter w(dir.str("db"));
    w.add(article("body", "2022-01-01", "X", "Weather report", "Later, a mention of grain among many other words here."));
    w.add(article("title", "2022-01-01", "X", "Grain prices", "Prices rose for the third month in a row this year."));
  }
  auto r = newsq::Searcher(dir.str("db")).search({.query = "grain"});
  REQUIRE(r.hits.size() == 2);
  CHECK(r.hits[0].id == "title");
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
  CHECK(w.add(article("a1", "2022-03-01", "Kyiv Courier", "Shelling in Kyiv", "Heavy shelling hit Kyiv's suburbs overnight.")) ==
        newsq::AddOutcome::unchanged);
  CHECK(w.add(article("a1", "2022-03-01", "Kyiv Courier", "Shelling in Kyiv", "Drones hit Kyiv's suburbs overnight.")) ==
        newsq::AddOutcome::updated);
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

TEST_CASE("the facet record (value slot 6) round-trips and rejects what it cannot read", "[schema]") {
  using newsq::schema::FacetRecord;
  for (long day : {0L, 1L, -1L, 19000L, -719162L, 2932896L}) {
    for (const std::string& source : std::vector<std::string>{"", "BBC", std::string(300, 's')}) {
      for (const std::string& places : std::vector<std::string>{"", std::string("\x81\x01\x05", 3)}) {
        const std::string value = newsq::schema::encode_facet_record(day, source, places);
        FacetRecord r;  // Its views point into `value`.
        REQUIRE(newsq::schema::decode_facet_record(value, r));
        CHECK(r.day == day);
        CHECK(r.source == source);
        CHECK(r.place_ids == places);
      }
    }
  }
  FacetRecord r;
  CHECK_FALSE(newsq::schema::decode_facet_record("", r));  // A document from before slot 6.
  const std::string whole = newsq::schema::encode_facet_record(19000, "Harbour Times", "");
  CHECK_FALSE(newsq::schema::decode_facet_record(std::string_view(whole).substr(0, 5), r));  // Source cut short.
  CHECK_FALSE(newsq::schema::decode_facet_record("\xff\xff", r));                            // Unterminated varint.
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
