// tests/readers_test.cc: every input format and every kind of bad input, with its file:line: reason.
#include <filesystem>

#include "indexer/readers/article_reader.h"
#include "indexer/readers/article_validator.h"
#include "newsq/error.h"
#include "tests/test_support.h"

using newsq::indexer::RawRecord;
using newsq::test::TempDir;

namespace {

std::vector<RawRecord> read_all(const std::string& path, newsq::indexer::ReadOptions options = {}) {
  auto reader = newsq::indexer::open_reader(path, options);
  std::vector<RawRecord> out;
  RawRecord r;
  while (reader->next(r)) out.push_back(r);
  return out;
}

std::string json_line(const std::string& id, const std::string& date = "2022-03-01", const std::string& text = "some text") {
  return "{\"id\":\"" + id + "\",\"date\":\"" + date + "\",\"source\":\"S\",\"title\":\"T " + id + "\",\"text\":\"" + text + "\"}\n";
}

}  // namespace

TEST_CASE("JSON Lines: fields, blank lines, bad JSON with its line", "[readers]") {
  TempDir dir;
  std::string file = dir.str("a.jsonl");
  newsq::test::write_file(file, json_line("1") + "\n" + "{\"id\": \"2\", oops}\n" + json_line("3") +
                                    "[1,2]\n{\"id\":\"5\",\"date\":7,\"text\":\"x\"}\n");
  auto records = read_all(file);
  REQUIRE(records.size() == 5);
  CHECK(records[0].error.empty());
  CHECK(records[0].line == 1);
  CHECK(records[0].article.title == "T 1");
  CHECK(records[1].line == 3);
  CHECK(records[1].error.rfind("bad JSON", 0) == 0);
  CHECK(records[2].line == 4);
  CHECK(records[2].error.empty());
  CHECK(records[3].error == "bad JSON: expected an object");
  CHECK(records[4].error == "field 'date' is not a string");
}

TEST_CASE("JSON Lines: numeric ids and timestamps are accepted", "[readers]") {
  TempDir dir;
  newsq::test::write_file(dir.str("a.jsonl"), "{\"id\":6,\"date\":\"2022-01-25T09:00:00Z\",\"text\":\"t\",\"extra\":[1]}\r\n");
  auto records = read_all(dir.str("a.jsonl"));
  REQUIRE(records.size() == 1);
  CHECK(records[0].article.id == "6");
  CHECK(newsq::indexer::validate_article(records[0].article, 1000).empty());
  CHECK(records[0].article.date == "2022-01-25");
}

TEST_CASE("gzip input is read transparently; a truncated one is a fatal error", "[readers]") {
  TempDir dir;
  std::string content;
  for (int i = 0; i < 2000; ++i) content += json_line(std::to_string(i), "2022-03-01", std::string(200, 'a' + i % 26));
  newsq::test::write_gzip(dir.path() / "ok.jsonl.gz", content);
  auto records = read_all(dir.str("ok.jsonl.gz"));
  CHECK(records.size() == 2000);
  CHECK(records.back().line == 2000);

  std::string gz = newsq::test::read_file(dir.path() / "ok.jsonl.gz");
  newsq::test::write_file(dir.path() / "cut.jsonl.gz", gz.substr(0, gz.size() / 2));
  auto cut = read_all(dir.str("cut.jsonl.gz"));
  REQUIRE(!cut.empty());
  CHECK(cut.back().fatal);
  CHECK(cut.back().error.find("truncated gzip") != std::string::npos);
  CHECK(cut.size() > 10);
  for (std::size_t i = 0; i + 1 < cut.size(); ++i) CHECK(cut[i].error.empty());
}

TEST_CASE("CSV: header, quoting, embedded newlines and line numbers", "[readers]") {
  TempDir dir;
  std::string file = dir.str("a.csv");
  newsq::test::write_file(file,
                          "\xEF\xBB\xBFID,Date,Source,Title,Text,ignored\n"
                          "1,2022-03-01,S,Plain,simple text,x\n"
                          "2,2022-03-02,\"S, Ltd\",\"He said \"\"hi\"\"\",\"line one\nline two\",x\n"
                          "3,2022-03-03,S,Short row\n"
                          "\n"
                          "4,2022-03-04,S,Bad,un\"quoted,x\n"
                          "5,2022-03-05,S,Last,end,x\n");
  auto records = read_all(file);
  REQUIRE(records.size() == 5);
  CHECK(records[0].article.text == "simple text");
  CHECK(records[1].line == 3);
  CHECK(records[1].article.source == "S, Ltd");
  CHECK(records[1].article.title == "He said \"hi\"");
  CHECK(records[1].article.text == "line one\nline two");
  CHECK(records[2].line == 5);
  CHECK(records[2].error == "expected 6 fields, found 4");
  CHECK(records[3].line == 7);
  CHECK(records[3].error.rfind("malformed CSV", 0) == 0);
  CHECK(records[4].line == 8);
  CHECK(records[4].article.id == "5");
}

TEST_CASE("CSV: missing required columns and unterminated quotes", "[readers]") {
  TempDir dir;
  newsq::test::write_file(dir.str("h.csv"), "id,title\n1,x\n");
  auto h = read_all(dir.str("h.csv"));
  REQUIRE(h.size() == 1);
  CHECK(h[0].fatal);
  CHECK(h[0].error == "header has no 'date' column");

  newsq::test::write_file(dir.str("q.csv"), "id,date,text\n1,2022-01-01,ok\n2,2022-01-01,\"never closed\nmore\n");
  auto q = read_all(dir.str("q.csv"));
  REQUIRE(q.size() == 2);
  CHECK(q[1].line == 3);
  CHECK(q[1].error.find("unterminated quoted field") != std::string::npos);
}

TEST_CASE("plain text: date line, headers, id and source from the path", "[readers]") {
  TempDir dir;
  newsq::test::write_file(dir.path() / "courier" / "day-one.txt",
                          " date 2022-03-05\n title Day one\n\nFirst paragraph.\n\nSecond paragraph.\n");
  auto a = read_all(dir.str("courier/day-one.txt"));
  REQUIRE(a.size() == 1);
  CHECK(a[0].error.empty());
  CHECK(a[0].article.id == "day-one");
  CHECK(a[0].article.source == "courier");
  CHECK(a[0].article.title == "Day one");
  CHECK(a[0].article.date == "2022-03-05");
  CHECK(a[0].article.text == "First paragraph.\n\nSecond paragraph.");

  newsq::test::write_gzip(dir.path() / "b.txt.gz", " date 2022-03-06\n source Wire\n id w-1\nHeadline here\nBody.\n");
  auto b = read_all(dir.str("b.txt.gz"), {.format = "", .source = "Flag", .max_record_bytes = 1000});
  REQUIRE(b.size() == 1);
  CHECK(b[0].article.id == "w-1");
  CHECK(b[0].article.source == "Flag");
  CHECK(b[0].article.title == "Headline here");

  newsq::test::write_file(dir.path() / "bad.txt", "no date here\n");
  auto bad = read_all(dir.str("bad.txt"));
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].error == "first line must be ' date YYYY-MM-DD'");
}

TEST_CASE("format sniffing for names that do not tell", "[readers]") {
  TempDir dir;
  newsq::test::write_file(dir.str("x.data"), json_line("1"));
  CHECK(read_all(dir.str("x.data")).at(0).article.id == "1");
  newsq::test::write_file(dir.str("y.data"), " date 2022-01-01\n id y\nbody\n");
  CHECK(read_all(dir.str("y.data")).at(0).article.id == "y");
  newsq::test::write_file(dir.str("z.data"), "id,date,text\nz,2022-01-01,body\n");
  CHECK(read_all(dir.str("z.data")).at(0).article.id == "z");
}

TEST_CASE("oversized records are rejected without being parsed", "[readers]") {
  TempDir dir;
  newsq::test::write_file(dir.str("big.jsonl"), json_line("1", "2022-01-01", std::string(5000, 'x')) + json_line("2"));
  auto r = read_all(dir.str("big.jsonl"), {.format = "", .source = "", .max_record_bytes = 1000});
  REQUIRE(r.size() == 2);
  CHECK(r[0].error.find("exceeds the limit of 1000") != std::string::npos);
  CHECK(r[1].error.empty());
}

TEST_CASE("validation: dates, empty text, UTF-8, size", "[readers]") {
  using newsq::indexer::validate_article;
  newsq::Article a{.id = " x ", .date = "2022-02-30", .text = "t"};
  CHECK(validate_article(a, 1000) == "impossible date '2022-02-30'");
  a.date = "March 3";
  CHECK(validate_article(a, 1000).find("not YYYY-MM-DD") != std::string::npos);
  a.date = "2022-03-03T10:00:00+02:00";
  CHECK(validate_article(a, 1000).empty());
  CHECK(a.date == "2022-03-03");
  CHECK(a.id == "x");
  a.date = "";
  CHECK(validate_article(a, 1000) == "missing date");
  a = {.id = "x", .date = "2022-01-01", .text = " \n "};
  CHECK(validate_article(a, 1000) == "empty text");
  a = {.id = "x", .date = "2022-01-01", .text = "ab\xC3(cd"};
  CHECK(validate_article(a, 1000) == "invalid UTF-8 in text at byte 2");
  a = {.id = "x", .date = "2022-01-01", .text = std::string(2000, 'a')};
  CHECK(validate_article(a, 1000).find("exceeds the limit of 1000") != std::string::npos);
  a = {.id = "", .date = "2022-01-01", .text = "t"};
  CHECK(validate_article(a, 1000) == "missing id");

  using newsq::indexer::find_invalid_utf8;
  CHECK(find_invalid_utf8("Київ ok") == std::string::npos);
  CHECK(find_invalid_utf8("\xC0\xAF") == 0);          // Overlong.
  CHECK(find_invalid_utf8("a\xED\xA0\x80") == 1);     // Surrogate.
  CHECK(find_invalid_utf8("ab\xF4\x90\x80\x80") == 2);  // Past U+10FFFF.
}

TEST_CASE("directories expand recursively to article files, sorted", "[readers]") {
  TempDir dir;
  newsq::test::write_file(dir.path() / "b" / "2.jsonl", "");
  newsq::test::write_file(dir.path() / "a" / "1.csv.gz", "");
  newsq::test::write_file(dir.path() / "a" / "notes.md", "");
  newsq::test::write_file(dir.path() / "c.txt", "");
  auto files = newsq::indexer::expand_inputs({dir.str()});
  REQUIRE(files.size() == 3);
  CHECK(files[0].ends_with("a/1.csv.gz"));
  CHECK(files[1].ends_with("b/2.jsonl"));
  CHECK(files[2].ends_with("c.txt"));
  CHECK_THROWS_AS(newsq::indexer::expand_inputs({dir.str("missing")}), newsq::InputError);
}

TEST_CASE("the real corpus reads completely and every record validates", "[shared]") {
  NEWSQ_REQUIRE_SHARED();
  for (auto [file, count] : {std::pair{"huffpost-2018-2022.jsonl.gz", 9999}, std::pair{"ukraine-war-gdelt.jsonl.gz", 422}}) {
    auto records = read_all((newsq::test::shared_dir() / "corpus" / file).string());
    CHECK(records.size() == static_cast<std::size_t>(count));
    std::size_t bad = 0;
    for (auto& r : records) bad += !r.error.empty() || !newsq::indexer::validate_article(r.article, 8u << 20).empty();
    CHECK(bad == 0);
  }
}
