// tests/facet_table_test.cc: the in-memory facet table (query/collect/facet_table.h): what it holds per
// document, when a searcher builds it, and that facets counted from it equal those counted from
// Xapian's values.
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <set>

#include "engine/index/facet_record.h"
#include "engine/index/schema.h"
#include "engine/index/place_terms.h"
#include "newsq/newsq.h"
#include "query/collect/facet_table.h"
#include "tests/test_support.h"

using newsq::query::FacetTable;
using newsq::query::FacetTablePolicy;
using newsq::test::TempDir;

namespace {

// The table's entry for `id` against slot 6 of the document itself.
void check_entry(const FacetTable& table, const Xapian::Database& db, Xapian::docid id) {
  INFO("document " << id);
  const std::string value = db.get_document(id).get_value(newsq::schema::kFacetsSlot);
  newsq::schema::FacetRecord r;  // Views into `value`.
  REQUIRE(newsq::schema::decode_facet_record(value, r));
  CHECK(table.day(id) == r.day);
  CHECK(table.source_names()[table.source(id)] == r.source);
  std::vector<std::uint32_t> expected, got;
  newsq::places::for_each_id(r.place_ids, [&](std::uint32_t place) { expected.push_back(place); });
  for (const std::uint32_t* p = table.places_begin(id); p != table.places_end(id); ++p)
    got.push_back(table.place_ids()[*p]);
  CHECK(got == expected);
}

}  // namespace

TEST_CASE("the facet table holds each document's day, source and places, and deleted ids hold nothing", "[index]") {
  TempDir dir;
  {
    newsq::IndexWriter writer(dir.str("db"));
    writer.add({"a1", "2021-03-01", "BBC", "", "", "Rain in the north.", "en"});
    writer.add({"a2", "2022-04-02", "", "", "", "No source here.", "en"});
    writer.add({"a3", "1990-05-03", "Kyiv Post", "", "", "An old article.", "en"});
    writer.add({"a4", "2022-04-02", "BBC", "", "", "Another one from the BBC.", "en"});
    writer.commit();
    writer.remove("a3");
  }
  Xapian::Database db(newsq::test::live_generation_path(dir.str("db")));
  auto table = FacetTable::build(db);
  REQUIRE(table);
  REQUIRE(table->last_docid() == db.get_lastdocid());
  for (Xapian::PostingIterator it = db.postlist_begin(""); it != db.postlist_end(""); ++it)
    check_entry(*table, db, *it);
  CHECK(table->source(2) == FacetTable::kNoSource);
  CHECK(table->source(1) == table->source(4));
  const Xapian::docid removed = 3;
  CHECK(table->day(removed) == FacetTable::kNoDay);
  CHECK(table->places_begin(removed) == table->places_end(removed));
  // The removed article's source is named by no document now.
  CHECK(std::set<std::string>(table->source_names().begin(), table->source_names().end()) ==
        std::set<std::string>{"", "BBC"});
}

TEST_CASE("a searcher's facet table is built once its spies have visited as many matches as the index holds",
          "[index]") {
  TempDir dir;
  {
    newsq::IndexWriter writer(dir.str("db"));
    for (int i = 0; i < 10; ++i)
      writer.add(
          {"a" + std::to_string(i), "2022-01-1" + std::to_string(i), "BBC", "", "", "Text " + std::to_string(i), "en"});
  }
  Xapian::Database db(newsq::test::live_generation_path(dir.str("db")));
  FacetTablePolicy policy;
  CHECK_FALSE(policy.table_for(db, {"gen", 1}));
  policy.spied(6);
  CHECK_FALSE(policy.table_for(db, {"gen", 1}));
  policy.spied(4);
  auto table = policy.table_for(db, {"gen", 1});
  REQUIRE(table);
  CHECK(policy.table_for(db, {"gen", 1}) == table);  // Kept for the revision, not rebuilt.
  CHECK_FALSE(policy.table_for(db, {"gen", 2}));     // A new revision starts counting again.

  // A document without slot 6 (written before it existed): no table, the values are read instead.
  {
    Xapian::WritableDatabase w(newsq::test::live_generation_path(dir.str("db")));
    Xapian::Document doc = w.get_document(5);
    doc.remove_value(newsq::schema::kFacetsSlot);
    w.replace_document(5, doc);
    w.commit();
  }
  db.reopen();
  CHECK_FALSE(FacetTable::build(db));
  policy.spied(100);
  CHECK_FALSE(policy.table_for(db, {"gen", 3}));
}

TEST_CASE("facets counted from the facet table equal those counted from the values, real corpus", "[shared]") {
  NEWSQ_REQUIRE_SHARED();
  TempDir dir;
  const std::string file = (newsq::test::shared_dir() / "corpus" / "ukraine-war-gdelt.jsonl.gz").string();
  {
    newsq::WriterOptions options;
    options.gazetteer = newsq::test::small_gazetteer();
    newsq::IndexWriter writer(dir.str("db"), options);
    newsq::ingest(writer, {file});
    // Gaps in the document ids, as deletions leave them.
    std::size_t i = 0;
    for (const auto& line : newsq::test::read_lines(file))
      if (i++ % 7 == 0) REQUIRE(writer.remove(nlohmann::json::parse(line)["id"].get<std::string>()));
    writer.commit();
  }
  Xapian::Database db(newsq::test::live_generation_path(dir.str("db")));
  REQUIRE(db.get_lastdocid() > db.get_doccount());
  auto table = FacetTable::build(db);
  REQUIRE(table);
  for (Xapian::PostingIterator it = db.postlist_begin(""); it != db.postlist_end(""); ++it)
    check_entry(*table, db, *it);

  const std::vector<newsq::SearchRequest> requests = {
      {.query = "kyiv", .limit = 0, .max_facet_values = 1000},
      {.query = "russia sanctions", .limit = 3},
      {.query = "missile", .from = "2022-02-24", .to = "2022-12-31", .limit = 0, .max_facet_values = 1000},
      {.query = "refugees", .limit = 0, .place = "Ukraine"},
      {.query = "war", .limit = 0, .facet_filters = {{"source", "gdelt:GB"}, {"location", "Kyiv"}}},
      {.query = "president", .limit = 0, .facet_filters = {{"date", "2022-03"}}},
  };
  // Cold: a new searcher per request, whose first pass matches less than the whole index, so its
  // spies read Xapian's values.
  std::vector<std::string> cold;
  for (const auto& r : requests) cold.push_back(newsq::test::facets_text(newsq::Searcher(dir.str("db")).search(r)));
  // Warm: two searches over everything, then the same requests, counted from the table.
  newsq::Searcher warm(dir.str("db"));
  const std::string all = newsq::test::facets_text(warm.search({.limit = 0, .max_facet_values = 1000}));
  CHECK(newsq::test::facets_text(warm.search({.limit = 0, .max_facet_values = 1000})) == all);
  CHECK(all.find("location Ukraine") != std::string::npos);
  for (std::size_t k = 0; k < requests.size(); ++k) {
    INFO("request " << k << ": " << requests[k].query);
    CHECK(newsq::test::facets_text(warm.search(requests[k])) == cold[k]);
  }
  CHECK(cold[0].find("location Kyiv") != std::string::npos);
}
