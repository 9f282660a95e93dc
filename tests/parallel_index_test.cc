// tests/parallel_index_test.cc: a first run or rebuild with several threads (shards merged at the
// end) gives the very index one thread gives: the same documents under the same ids, the same
// hits in the same order, the same facet counts; and ingest()'s outcomes are unchanged by it.
#include <xapian.h>

#include <map>

#include <fstream>
#include <set>

#include "indexer/places/gazetteer_builder.h"
#include "newsq/newsq.h"
#include "tests/test_support.h"

using newsq::test::TempDir;
namespace fs = std::filesystem;

namespace {

// A small gazetteer (Ukraine's cities, regions, countries, newsq's facts): enough for the corpus.
std::string build_gazetteer(const TempDir& dir) {
  const fs::path g = newsq::test::shared_dir() / "gazetteer";
  newsq::places::GazetteerBuilder builder;
  for (const auto& f : {g / "cities500_UA.txt", g / "admin1CodesASCII.txt", g / "admin2Codes.txt.gz", g / "countryInfo.txt",
                        newsq::test::source_dir() / "corpus" / "places.tsv"})
    builder.add_file(f.string());
  builder.write(dir.str("gazetteer.bin"));
  return dir.str("gazetteer.bin");
}

// Some of each real file, plus a duplicate id and a bad record, as one JSON Lines input.
std::string build_input(const TempDir& dir) {
  const fs::path corpus = newsq::test::shared_dir() / "corpus";
  auto huffpost = newsq::test::read_lines(corpus / "huffpost-2018-2022.jsonl.gz");
  auto gdelt = newsq::test::read_lines(corpus / "ukraine-war-gdelt.jsonl.gz");
  std::string all;
  for (std::size_t i = 0; i < 700 && i < huffpost.size(); ++i) all += huffpost[i] + "\n";
  for (std::size_t i = 0; i < 150 && i < gdelt.size(); ++i) all += gdelt[i] + "\n";
  all += gdelt.at(3) + "\n";  // A duplicate id: rejected.
  all += R"({"id":"bad","date":"2022-02-30","text":"x"})"
         "\n";  // An impossible date: rejected.
  for (std::size_t i = 700; i < 1000 && i < huffpost.size(); ++i) all += huffpost[i] + "\n";
  newsq::test::write_file(dir.path() / "input.jsonl", all);
  return dir.str("input.jsonl");
}

// Every document, by id, with everything Xapian holds of it: data, terms with wdf and positions,
// values. Documents must also sit under the same ids (the order of equally relevant hits).
void check_same_documents(const std::string& db1, const std::string& db2) {
  Xapian::Database a(newsq::test::live_generation_path(db1)), b(newsq::test::live_generation_path(db2));
  REQUIRE(a.get_doccount() == b.get_doccount());
  REQUIRE(a.get_lastdocid() == b.get_lastdocid());
  CHECK(a.get_total_length() == b.get_total_length());
  for (Xapian::docid id = 1; id <= a.get_lastdocid(); ++id) {
    INFO("document " << id);
    Xapian::Document da = a.get_document(id), dbd = b.get_document(id);
    REQUIRE(da.get_data() == dbd.get_data());
    auto ta = da.termlist_begin(), tb = dbd.termlist_begin();
    for (; ta != da.termlist_end() && tb != dbd.termlist_end(); ++ta, ++tb) {
      REQUIRE(*ta == *tb);
      CHECK(ta.get_wdf() == tb.get_wdf());
      CHECK(std::vector<Xapian::termpos>(ta.positionlist_begin(), ta.positionlist_end()) ==
            std::vector<Xapian::termpos>(tb.positionlist_begin(), tb.positionlist_end()));
    }
    CHECK((ta == da.termlist_end() && tb == dbd.termlist_end()));
    // Every value slot either document has, whichever slots the schema defines.
    auto values = [](const Xapian::Document& d) {
      std::map<Xapian::valueno, std::string> out;
      for (auto v = d.values_begin(); v != d.values_end(); ++v) out[v.get_valueno()] = *v;
      return out;
    };
    CHECK(values(da) == values(dbd));
  }
  for (auto key = a.metadata_keys_begin(); key != a.metadata_keys_end(); ++key)
    CHECK(a.get_metadata(*key) == b.get_metadata(*key));
}

struct Seen {
  std::uint64_t total = 0;
  std::vector<std::pair<std::string, double>> hits;
  std::vector<std::string> facets;
  bool operator==(const Seen&) const = default;
};

Seen search(const std::string& db, newsq::SearchRequest request) {
  newsq::Searcher s(db);
  request.limit = 30;
  auto r = s.search(request);
  Seen out{r.total, {}, {}};
  for (const auto& h : r.hits) out.hits.emplace_back(h.id, h.score);
  for (const auto& [name, values] : r.facets)
    for (const auto& v : values) out.facets.push_back(name + "=" + v.value + ":" + std::to_string(v.count));
  return out;
}

void check_same_searches(const std::string& db1, const std::string& db2) {
  std::vector<newsq::SearchRequest> requests = {
      {.query = "ukraine"},
      {.query = "trump"},
      {.query = "\"white house\""},
      {.query = "shelling", .from = "2022-03-01", .to = "2022-06-30"},
      {.query = "war", .sort = newsq::SearchRequest::Sort::date},
      {.query = "attack", .place = "Ukraine"},
      {.query = "", .near = "Kyiv", .radius_km = 100},
  };
  for (const auto& request : requests) {
    INFO("query '" << request.query << "' place '" << request.place << "' near '" << request.near << "'");
    Seen one = search(db1, request), four = search(db2, request);
    CHECK(one.total > 0);
    CHECK(one == four);
  }
}

newsq::IngestReport index_with(const std::string& db, const std::string& input, const std::string& gazetteer,
                               unsigned threads, std::uint32_t batch) {
  newsq::WriterOptions options{.batch_size = batch, .gazetteer = gazetteer, .threads = threads};
  newsq::IndexWriter writer(db, options);
  return newsq::ingest(writer, {input});
}

std::size_t entries_named_gen(const std::string& db) {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(db)) n += e.path().filename().string().starts_with("gen-");
  return n;
}

void check_same_report(const newsq::IngestReport& a, const newsq::IngestReport& b) {
  CHECK(a.added == b.added);
  CHECK(a.updated == b.updated);
  CHECK(a.unchanged == b.unchanged);
  CHECK(a.deleted == b.deleted);
  CHECK(a.rejected == b.rejected);
}

}  // namespace

TEST_CASE("one thread and four build the same index: documents, ids, hits, facets", "[shared][parallel]") {
  NEWSQ_REQUIRE_SHARED();
  TempDir dir;
  const std::string gazetteer = build_gazetteer(dir), input = build_input(dir);
  // Blocks of 97 articles: a dozen shards, the last one short.
  auto one = index_with(dir.str("one"), input, gazetteer, 1, 97);
  auto four = index_with(dir.str("four"), input, gazetteer, 4, 97);
  check_same_report(one, four);
  CHECK(four.added == 1000 + 150);
  CHECK(four.rejected == 2);
  CHECK(entries_named_gen(dir.str("four")) == 1);  // Shards and the empty first generation are gone.
  check_same_documents(dir.str("one"), dir.str("four"));
  check_same_searches(dir.str("one"), dir.str("four"));
  // Blocks far longer than the input in articles are cut by their text instead (a quarter of a
  // megabyte; the 150 long articles in the middle hold about twice that): still the same index.
  REQUIRE(fs::file_size(input) > 3 * 256 * 1024);
  auto by_text = index_with(dir.str("by-text"), input, gazetteer, 2, 100000);
  check_same_report(one, by_text);
  check_same_documents(dir.str("one"), dir.str("by-text"));

  SECTION("the merged index takes incremental runs as usual") {
    auto again = index_with(dir.str("four"), input, "", 4, 97);
    CHECK(again.unchanged == four.added);
    CHECK(again.added == 0);
    CHECK(again.rejected == 2);
  }
  SECTION("a rebuild with four threads gives the same index as one with one thread") {
    // A rebuild counts the archive's places prior first (indexer/places/README.md), which `index`
    // never does: compared with a rebuild, not with the indexes above.
    auto rebuilt = newsq::rebuild(dir.str("one"), {input}, {}, {.batch_size = 61, .threads = 4});
    auto rebuilt_one = newsq::rebuild(dir.str("four"), {input}, {}, {.batch_size = 61, .threads = 1});
    check_same_report(rebuilt, four);
    check_same_report(rebuilt_one, four);
    CHECK(entries_named_gen(dir.str("one")) == 1);
    check_same_documents(dir.str("one"), dir.str("four"));
    check_same_searches(dir.str("one"), dir.str("four"));
  }
}

TEST_CASE("an incremental run with four threads writes what one thread writes", "[shared][parallel]") {
  NEWSQ_REQUIRE_SHARED();
  TempDir dir;
  const std::string gazetteer = build_gazetteer(dir), input = build_input(dir);
  // The base: the first 500 lines. The run: every line, with one article in 7 of the base edited.
  auto lines = newsq::test::read_lines(input);
  std::string base, edited;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i < 500) base += lines[i] + "\n";
    std::string line = lines[i];
    if (i < 500 && i % 7 == 0) {
      std::size_t text = line.find("\"text\": \"");
      REQUIRE(text != std::string::npos);
      line.insert(text + 9, "Quuxcorrected: ");
    }
    edited += line + "\n";
  }
  newsq::test::write_file(dir.path() / "base.jsonl", base);
  newsq::test::write_file(dir.path() / "edited.jsonl", edited);
  for (const char* db : {"one", "four"}) index_with(dir.str(db), dir.str("base.jsonl"), gazetteer, 1, 50);

  auto one = index_with(dir.str("one"), dir.str("edited.jsonl"), "", 1, 13);
  auto four = index_with(dir.str("four"), dir.str("edited.jsonl"), "", 4, 13);
  check_same_report(one, four);
  CHECK(four.updated == 72);  // Lines 0, 7, ..., 497.
  CHECK(four.added == 1000 + 150 - 500);
  CHECK(four.unchanged == 500 - 72);
  CHECK(four.rejected == 2);
  check_same_documents(dir.str("one"), dir.str("four"));
  check_same_searches(dir.str("one"), dir.str("four"));
  CHECK(search(dir.str("four"), {.query = "quuxcorrected"}).total == 72);
}

TEST_CASE("a parallel run stopped by --on-error=fail keeps what came before", "[shared][parallel]") {
  NEWSQ_REQUIRE_SHARED();
  TempDir dir;
  auto lines = newsq::test::read_lines(newsq::test::shared_dir() / "corpus" / "ukraine-war-gdelt.jsonl.gz");
  std::string input;
  for (std::size_t i = 0; i < 40; ++i) input += lines.at(i) + "\n";
  input += R"({"id":"bad","date":"2022-02-30","text":"x"})"
           "\n";
  for (std::size_t i = 40; i < 60; ++i) input += lines.at(i) + "\n";
  newsq::test::write_file(dir.path() / "in.jsonl", input);
  // A first run (a bulk build with 3 threads) and a run over an index holding the first 5 articles
  // (a parallel update with 3 threads).
  newsq::test::write_file(dir.path() / "first.jsonl", lines.at(0) + "\n" + lines.at(1) + "\n" + lines.at(2) + "\n" +
                                                          lines.at(3) + "\n" + lines.at(4) + "\n");
  for (bool first_run : {true, false})
    for (unsigned threads : {1u, 3u}) {
      INFO(threads << " threads, " << (first_run ? "first run" : "update"));
      const std::string db = dir.str("db" + std::to_string(threads) + (first_run ? "-first" : "-update"));
      if (!first_run) index_with(db, dir.str("first.jsonl"), "", 1, 100);
      {
        newsq::IndexWriter writer(db, {.batch_size = 7, .threads = threads});
        newsq::IngestOptions options;
        options.on_error = newsq::OnError::fail;
        CHECK_THROWS_AS(newsq::ingest(writer, {dir.str("in.jsonl")}, options), newsq::InputError);
        CHECK(writer.size() == 40);
      }
      CHECK(newsq::Searcher(db).stats().articles == 40);
      CHECK(entries_named_gen(db) == 1);
    }
}

TEST_CASE("the CLI takes --threads and a parallel first run reports like a serial one", "[shared][parallel][cli]") {
  NEWSQ_REQUIRE_SHARED();
  TempDir dir;
  auto lines = newsq::test::read_lines(newsq::test::shared_dir() / "corpus" / "ukraine-war-gdelt.jsonl.gz");
  std::string input;
  for (std::size_t i = 0; i < 50; ++i) input += lines.at(i) + "\n";
  newsq::test::write_file(dir.path() / "in.jsonl", input);
  auto one = newsq::test::run_cli({"index", "--db", dir.str("one"), "--threads", "1", dir.str("in.jsonl")});
  auto two = newsq::test::run_cli(
      {"index", "--db", dir.str("two"), "--threads", "2", "--batch-size", "9", dir.str("in.jsonl")});
  REQUIRE(one.exit_code == 0);
  REQUIRE(two.exit_code == 0);
  CHECK_THAT(two.err, Catch::Contains("50 articles (50 added, 0 updated, 0 unchanged, 0 deleted), 0 rejected"));
  CHECK_THAT(one.err, Catch::Contains("50 articles (50 added, 0 updated, 0 unchanged, 0 deleted), 0 rejected"));
  auto again = newsq::test::run_cli({"index", "--db", dir.str("two"), "--threads", "2", dir.str("in.jsonl")});
  CHECK_THAT(again.err, Catch::Contains("(0 added, 0 updated, 50 unchanged, 0 deleted)"));
  CHECK(newsq::test::run_cli({"index", "--db", dir.str("x"), "--threads", "many", dir.str("in.jsonl")}).exit_code != 0);
}
