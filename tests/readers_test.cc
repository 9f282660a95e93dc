// tests/readers_test.cc: every input format and every kind of bad input, with its file:line: reason.
#include <unistd.h>

#include <filesystem>
#include <system_error>

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

// The records of `content` read as a JSON Lines file.
std::vector<RawRecord> read_jsonl(const std::string& content) {
  TempDir dir;
  newsq::test::write_file(dir.str("a.jsonl"), content);
  return read_all(dir.str("a.jsonl"));
}

std::string json_line(const std::string& id, const std::string& date = "2022-03-01",
                      const std::string& text = "some text") {
  return "{\"id\":\"" + id + "\",\"date\":\"" + date + "\",\"source\":\"S\",\"title\":\"T " + id + "\",\"text\":\"" +
         text + "\"}\n";
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
  newsq::test::write_file(dir.str("a.jsonl"),
                          "{\"id\":6,\"date\":\"2022-01-25T09:00:00Z\",\"text\":\"t\",\"extra\":[1]}\r\n");
  auto records = read_all(dir.str("a.jsonl"));
  REQUIRE(records.size() == 1);
  CHECK(records[0].article.id == "6");
  CHECK(newsq::indexer::validate_article(records[0].article, 1000).empty());
  CHECK(records[0].article.date == "2022-01-25");
}

TEST_CASE("JSON Lines: escapes, surrogate pairs and escaped keys are decoded", "[readers]") {
  auto r = read_jsonl(
      "{\"id\":\"e1\",\"t\\u0069tle\":\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\ \\/ \\t\",\"text\":\"a\\u0000b\"}\n");
  REQUIRE(r.size() == 1);
  CHECK(r[0].error.empty());
  CHECK(r[0].article.title == "caf\xC3\xA9 \xF0\x9F\x98\x80 \"q\" \\ / \t");
  CHECK(r[0].article.text == std::string("a\0b", 3));
}

TEST_CASE("JSON Lines: an integer id becomes its decimal text, any other number is an error", "[readers]") {
  auto r = read_jsonl(
      "{\"id\":-12}\n{\"id\":18446744073709551615}\n{\"id\":-0}\n"
      "{\"id\":12.5}\n{\"id\":1e3}\n{\"id\":1.0}\n{\"id\":18446744073709551616}\n{\"title\":7}\n");
  REQUIRE(r.size() == 8);
  CHECK(r[0].article.id == "-12");
  CHECK(r[1].article.id == "18446744073709551615");
  CHECK(r[2].article.id == "0");
  for (int i = 0; i < 3; ++i) CHECK(r[i].error.empty());
  // nlohmann read these as floating point (the last one is past 64 bits), so they were never ids.
  for (int i = 3; i < 7; ++i) CHECK(r[i].error == "field 'id' is not a string");
  CHECK(r[7].error == "field 'title' is not a string");
}

TEST_CASE("JSON Lines: null fields are skipped, another type is an error for the first such field", "[readers]") {
  auto r = read_jsonl(
      "{\"id\":\"a\",\"title\":null,\"lang\":null,\"text\":\"t\",\"extra\":{\"deep\":[1,{\"x\":null}],\"n\":-2.5e3}}\n"
      "{\"id\":\"a\",\"text\":[\"x\"]}\n{\"id\":\"a\",\"lang\":{\"x\":1}}\n{\"id\":\"a\",\"url\":true}\n"
      "{\"title\":5,\"date\":7}\n");
  REQUIRE(r.size() == 5);
  CHECK(r[0].error.empty());
  CHECK(r[0].article.id == "a");
  CHECK(r[0].article.title.empty());
  CHECK(r[0].article.text == "t");
  CHECK(r[1].error == "field 'text' is not a string");
  CHECK(r[2].error == "field 'lang' is not a string");
  CHECK(r[3].error == "field 'url' is not a string");
  CHECK(r[4].error == "field 'date' is not a string");  // Fields are checked in a fixed order, not the line's.
}

TEST_CASE("JSON Lines: an article field given twice rejects the record", "[readers]") {
  auto r = read_jsonl(
      "{\"id\":\"a\",\"title\":5,\"title\":\"ok\"}\n{\"id\":\"a\",\"title\":\"ok\",\"title\":5}\n"
      "{\"id\":1,\"id\":\"s\"}\n{\"id\":\"a\",\"title\":\"x\",\"title\":null}\n"
      "{\"id\":\"a\",\"t\\u0069tle\":\"x\",\"title\":\"y\"}\n"     // The same key once unescaped.
      "{\"id\":\"a\",\"date\":7,\"text\":\"x\",\"text\":\"y\"}\n"  // Before any type error.
      "\xEF\xBB\xBF{\"id\":\"a\",\"id\":\"b\"}\n"                  // Read by nlohmann (BOM).
      "{\"id\":\"a\",\"n\":123456789012345678901234567890,\"lang\":\"en\",\"lang\":\"uk\"}\n"  // Also nlohmann.
      "{\"id\":\"a\",\"tags\":1,\"tags\":2,\"extra\":{\"id\":1,\"id\":2},\"text\":\"t\"}\n"    // Not article fields.
      "{\"id\":\"a\",\"id\":\"b\",oops}\n");  // Bad JSON says so first.
  REQUIRE(r.size() == 10);
  const char* expected[] = {"title", "title", "id", "title", "title", "text", "id", "lang"};
  for (std::size_t i = 0; i < std::size(expected); ++i) {
    INFO(i);
    CHECK(r[i].error == "duplicate field \"" + std::string(expected[i]) + "\"");
    CHECK(r[i].line == i + 1);
  }
  CHECK(r[8].error.empty());
  CHECK(r[8].article.text == "t");
  CHECK(r[9].error.starts_with("bad JSON: parse error"));
}

TEST_CASE("CSV: a header naming an article column twice refuses the file at the header line", "[readers]") {
  TempDir dir;
  newsq::test::write_file(dir.str("d.csv"), "id,date,Title,text,title\n1,2022-03-01,A,text,B\n");
  auto d = read_all(dir.str("d.csv"));
  REQUIRE(d.size() == 1);
  CHECK(d[0].line == 1);
  CHECK(d[0].fatal);
  CHECK(d[0].error == "duplicate field \"title\"");
  // Other columns may repeat: they are not read.
  newsq::test::write_file(dir.str("n.csv"), "\nid,date,text,note,note\n1,2022-03-01,text,x,y\n");
  auto n = read_all(dir.str("n.csv"));
  REQUIRE(n.size() == 1);
  CHECK(n[0].error.empty());
  CHECK(n[0].line == 3);
  newsq::test::write_file(dir.str("late.csv"), "\n\nid,text,id\n");
  auto late = read_all(dir.str("late.csv"));
  REQUIRE(late.size() == 1);
  CHECK(late[0].line == 3);  // The header's own line.
  CHECK(late[0].error == "duplicate field \"id\"");
}

TEST_CASE("JSON Lines: trailing text, invalid UTF-8 and bad values anywhere are bad JSON, said as before",
          "[readers]") {
  // The messages are nlohmann's, word for word, as they were before simdjson read the lines.
  const std::pair<std::string, std::string> cases[] = {
      {"{\"id\":\"x\"} x",
       "parse error at line 1, column 12: syntax error while parsing value - invalid literal; last read: "
       "'\"x\"} x'; expected end of input"},
      {"{\"id\":\"x\"}}",
       "parse error at line 1, column 11: syntax error while parsing value - unexpected '}'; expected end of input"},
      {"{\"id\":\"x\"} {\"id\":\"y\"}",
       "parse error at line 1, column 12: syntax error while parsing value - unexpected '{'; expected end of input"},
      {"{\"id\":\"x\",\"title\":\"\xFF\"}",
       "parse error at line 1, column 20: syntax error while parsing value - invalid string: ill-formed UTF-8 byte; "
       "last read: '\"\xFF'"},
      {"{\"id\":\"x\",\"note\":\"\xC3(\"}",
       "parse error at line 1, column 20: syntax error while parsing value - invalid string: ill-formed UTF-8 byte; "
       "last read: '\"\xC3('"},
      {"{\"id\":\"x\",\"title\":\"\\ud800\"}",
       "parse error at line 1, column 26: syntax error while parsing value - invalid string: surrogate "
       "U+D800..U+DBFF must be followed by U+DC00..U+DFFF; last read: '\"\\ud800\"'"},
      {"{\"id\":\"x\",\"extra\":[1,tru]}",
       "parse error at line 1, column 25: syntax error while parsing value - invalid literal; last read: '1,tru]'"},
      {"{\"id\":\"x\",\"extra\":{\"a\":01}}",
       "parse error at line 1, column 25: syntax error while parsing object - unexpected number literal; expected '}'"},
      {"{\"id\":\"x\",\"title\":\"a\tb\"}",
       "parse error at line 1, column 21: syntax error while parsing value - invalid string: control character "
       "U+0009 (HT) must be escaped to \\u0009 or \\t; last read: '\"a<U+0009>'"},
  };
  std::string content;
  for (const auto& [line, message] : cases) content += line + "\n";
  auto r = read_jsonl(content);
  REQUIRE(r.size() == std::size(cases));
  for (std::size_t i = 0; i < r.size(); ++i) {
    INFO(cases[i].first);
    CHECK(r[i].error == "bad JSON: " + cases[i].second);
    CHECK(r[i].line == i + 1);
  }
}

TEST_CASE("JSON Lines: valid JSON is read however deep it nests, however large its numbers", "[readers]") {
  // simdjson refuses a byte order mark and integers past 64 bits, and the reader leaves deep nesting to
  // nlohmann; the records must not show it.
  std::string deep = std::string(500, '[') + std::string(500, ']');
  auto r = read_jsonl("\xEF\xBB\xBF{\"id\":\"bom\"}\n{\"id\":\"deep\",\"extra\":" + deep + "}\n" +
                      "{\"id\":\"big\",\"views\":123456789012345678901234567890,\"ratio\":1e-400}\n");
  REQUIRE(r.size() == 3);
  CHECK(r[0].article.id == "bom");
  CHECK(r[1].article.id == "deep");
  CHECK(r[2].article.id == "big");
  for (auto& record : r) CHECK(record.error.empty());
}

TEST_CASE("JSON Lines: lines of every length, long and short mixed, are read whole", "[readers]") {
  std::string content;
  std::vector<std::string> texts;
  for (int i = 0; i < 400; ++i) {
    texts.push_back(std::string(static_cast<std::size_t>(i * 37 % 1500), static_cast<char>('a' + i % 26)));
    content += json_line(std::to_string(i), "2022-03-01", texts.back());
  }
  auto r = read_jsonl(content);
  REQUIRE(r.size() == texts.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    CHECK(r[i].error.empty());
    CHECK(r[i].article.text == texts[i]);
  }
}

TEST_CASE("gzip input is read transparently, and a truncated one is a fatal error", "[readers]") {
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

TEST_CASE("plain text: invalid UTF-8 in the first body line is reported as in the title it becomes", "[readers]") {
  TempDir dir;
  newsq::test::write_file(dir.str("t.txt"), " date 2022-03-05\n\nHea\xC3(dline\nBody is fine.\n");
  auto t = read_all(dir.str("t.txt"));
  REQUIRE(t.size() == 1);
  CHECK(t[0].line == 1);
  CHECK(t[0].error ==
        "invalid UTF-8 in title at byte 3 (with no ' title' header line, the first line of the body is the title)");
  // With a title line, the same body line is text, and reported as such.
  newsq::test::write_file(dir.str("u.txt"), " date 2022-03-05\n title Fine\n\nHea\xC3(dline\n");
  auto u = read_all(dir.str("u.txt"));
  REQUIRE(u.size() == 1);
  CHECK(u[0].error.empty());
  CHECK(newsq::indexer::validate_article(u[0].article, 1000) == "invalid UTF-8 in text at byte 3");
}

TEST_CASE("a file whose name tells no format is an error naming the known extensions unless a format is given",
          "[readers]") {
  TempDir dir;
  newsq::test::write_file(dir.str("x.data"), json_line("1"));
  CHECK_THROWS_MATCHES(
      read_all(dir.str("x.data")), newsq::InputError,
      Catch::Message(dir.str("x.data") + ":0: unknown file type: the name does not end in .jsonl, "
                                         ".ndjson, .csv, .txt, each optionally .gz (give the format explicitly to read "
                                         "it: --format, IngestOptions::format)"));
  CHECK(read_all(dir.str("x.data"), {.format = "jsonl", .source = "", .max_record_bytes = 8u << 20}).at(0).article.id ==
        "1");
  newsq::test::write_file(dir.str("y.data"), " date 2022-01-01\n id y\nbody\n");
  CHECK(read_all(dir.str("y.data"), {.format = "text", .source = "", .max_record_bytes = 8u << 20}).at(0).article.id ==
        "y");
  newsq::test::write_file(dir.str("z.data"), "id,date,text\nz,2022-01-01,body\n");
  CHECK(read_all(dir.str("z.data"), {.format = "csv", .source = "", .max_record_bytes = 8u << 20}).at(0).article.id ==
        "z");
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
  // A timestamp's time must be a time of day too, and its offset a real one; a leap second is one.
  for (const char* impossible :
       {"2022-03-01T25:99:00Z", "2022-03-01T24:00:00Z", "2022-03-01T23:60:00Z", "2022-03-01T10:00:61Z",
        "2022-03-01T10:00:00+24:00", "2022-03-01T10:00:00-05:60", "2022-03-01 99:00:00", "2022-03-01T25:99"}) {
    a.date = impossible;
    CHECK(validate_article(a, 1000) == "impossible time in date '" + std::string(impossible) + "'");
  }
  for (const char* fine :
       {"2022-03-01T23:59:60Z", "2022-03-01T00:00:00.123Z", "2022-03-01T23:59:59-23:59", "2022-03-01T10:00"}) {
    a.date = fine;
    CHECK(validate_article(a, 1000).empty());
    CHECK(a.date == "2022-03-01");
  }
  a.date = "2022-03-01Tnoon";
  CHECK(validate_article(a, 1000).find("is not YYYY-MM-DD or an ISO-8601 timestamp") != std::string::npos);
  a = {.id = "x", .date = "2022-01-01", .text = " \n "};
  CHECK(validate_article(a, 1000) == "empty text");
  // Text with nothing that shows: zero-width, no-break and ideographic spaces, a byte order mark,
  // a soft hyphen, NULs and other control characters.
  const std::string invisible = "text has no visible character (only white space, invisible or control characters)";
  for (const std::string& text : {std::string("\xE2\x80\x8B\xE2\x80\x8B"), std::string("\0\0\0", 3),
                                  std::string(" \xC2\xA0\xE2\x80\x8C \xEF\xBB\xBF\n\0\x7F", 13),
                                  std::string("\xE3\x80\x80\xC2\xAD\x01\xE2\x80\xA8")}) {
    a = {.id = "x", .date = "2022-01-01", .text = text};
    CHECK(validate_article(a, 1000) == invisible);
  }
  // One visible character of any kind is enough: a letter of any script, a digit, punctuation, an
  // emoji (some real articles' text is only emoji, under a headline of words).
  for (const std::string& text :
       {std::string("\xE2\x80\x8B"
                    "a"),
        std::string("\0 7", 3), std::string("\xD0\x9A"), std::string("\xE4\xB8\xAD"), std::string("\xD9\xA3"),
        std::string("..."), std::string("\xF0\x9F\x98\xB1\xF0\x9F\x98\xB1")}) {
    a = {.id = "x", .date = "2022-01-01", .text = text};
    CHECK(validate_article(a, 1000).empty());
  }
  a = {.id = "x", .date = "2022-01-01", .text = "ab\xC3(cd"};
  CHECK(validate_article(a, 1000) == "invalid UTF-8 in text at byte 2");
  a = {.id = "x", .date = "2022-01-01", .text = std::string(2000, 'a')};
  CHECK(validate_article(a, 1000).find("exceeds the limit of 1000") != std::string::npos);
  a = {.id = "", .date = "2022-01-01", .text = "t"};
  CHECK(validate_article(a, 1000) == "missing id");

  using newsq::indexer::find_invalid_utf8;
  CHECK(find_invalid_utf8("Київ ok") == std::string::npos);
  CHECK(find_invalid_utf8("\xC0\xAF") == 0);            // Overlong.
  CHECK(find_invalid_utf8("a\xED\xA0\x80") == 1);       // Surrogate.
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

TEST_CASE("a lone CR ends a line as LF and CRLF do: old Mac files are read record by record", "[readers]") {
  TempDir dir;
  newsq::test::write_file(dir.str("mac.jsonl"), json_line("1").substr(0, json_line("1").size() - 1) + "\r" +
                                                    json_line("2").substr(0, json_line("2").size() - 1) + "\r\r" +
                                                    json_line("3").substr(0, json_line("3").size() - 1) + "\r\n" +
                                                    json_line("4"));
  auto j = read_all(dir.str("mac.jsonl"));
  REQUIRE(j.size() == 4);
  const std::uint64_t lines[] = {1, 2, 4, 5};  // Line 3 is the blank one between the two CRs.
  for (std::size_t i = 0; i < j.size(); ++i) {
    CHECK(j[i].error.empty());
    CHECK(j[i].article.id == std::to_string(i + 1));
    CHECK(j[i].line == lines[i]);
  }

  newsq::test::write_file(dir.str("mac.csv"), "id,date,text\r1,2022-03-01,\"first\rsecond\"\r2,2022-03-02,other\r");
  auto c = read_all(dir.str("mac.csv"));
  REQUIRE(c.size() == 2);
  CHECK(c[0].error.empty());
  CHECK(c[0].article.text == "first\nsecond");
  CHECK(c[1].line == 4);
  CHECK(c[1].article.id == "2");

  newsq::test::write_file(dir.path() / "courier" / "mac.txt",
                          " date 2022-03-05\r title Day one\r\rFirst paragraph.\rSecond.\r");
  auto t = read_all(dir.str("courier/mac.txt"));
  REQUIRE(t.size() == 1);
  CHECK(t[0].error.empty());
  CHECK(t[0].article.title == "Day one");
  CHECK(t[0].article.text == "First paragraph.\nSecond.");

  // A "\r\n" split across two reads of the 256 KiB buffer is one line end, not two.
  const std::size_t chunk = 256 * 1024;
  std::string first = json_line("a");
  first = first.substr(0, first.size() - 2) + std::string(chunk - first.size(), ' ') + "}\r\n";
  REQUIRE(first.size() == chunk + 1);
  REQUIRE(first[chunk - 1] == '\r');
  newsq::test::write_file(dir.str("split.jsonl"), first + json_line("b"));
  auto split = read_all(dir.str("split.jsonl"), {.format = "", .source = "", .max_record_bytes = 1u << 20});
  REQUIRE(split.size() == 2);
  CHECK(split[0].error.empty());
  CHECK(split[1].article.id == "b");
  CHECK(split[1].line == 2);
}

TEST_CASE("directory expansion lists what cannot be read with the reason instead of skipping it", "[readers]") {
  namespace fs = std::filesystem;
  TempDir dir;
  const fs::path root = dir.path() / "archive";
  newsq::test::write_file(root / "a" / "1.jsonl", "");
  newsq::test::write_file(root / "b" / "2.csv", "");
  fs::create_directory_symlink("a", root / "again");   // The same directory twice: read once.
  fs::create_symlink("b/2.csv", root / "linked.csv");  // A symlink to a file is followed.
  fs::create_symlink("nowhere.jsonl", root / "dangling.jsonl");
  fs::create_symlink("loop-b.jsonl", root / "loop-a.jsonl");  // a -> b, b -> a.
  fs::create_symlink("loop-a.jsonl", root / "loop-b.jsonl");
  fs::create_directory_symlink("..", root / "b" / "parent");  // A directory symlink to its own parent.
  fs::create_directories(dir.path() / "empty" / "sub");

  auto e = newsq::indexer::expand_input_paths({root.string(), (dir.path() / "empty").string(), (root / "a").string()});
  const std::string r = root.string();
  CHECK(e.files == std::vector<std::string>{r + "/a/1.jsonl", r + "/b/2.csv", r + "/linked.csv"});
  std::vector<std::string> unreadable;
  for (const auto& u : e.unreadable) unreadable.push_back(u.path + ": " + u.reason);
  const std::string loop =
      "symlink loop (" + std::make_error_code(std::errc::too_many_symbolic_link_levels).message() + ")";
  CHECK(unreadable == std::vector<std::string>{
                          r + "/b/parent: symlink loop: leads back to " + r,
                          r + "/dangling.jsonl: dangling symlink: its target nowhere.jsonl does not exist",
                          r + "/loop-a.jsonl: " + loop,
                          r + "/loop-b.jsonl: " + loop,
                          dir.str("empty") + ": no article file in this directory (.jsonl, .ndjson, .csv, .txt, each "
                                             "optionally .gz): an unmounted or emptied archive?",
                      });
  // Named directly: a symlink loop is unreadable, a missing path is an error before anything is read.
  auto named = newsq::indexer::expand_input_paths({r + "/loop-a.jsonl", r + "/b/2.csv"});
  CHECK(named.files == std::vector<std::string>{r + "/b/2.csv"});
  REQUIRE(named.unreadable.size() == 1);
  CHECK(named.unreadable[0].reason == loop);
  CHECK_THROWS_AS(newsq::indexer::expand_input_paths({r + "/dangling.jsonl"}), newsq::InputError);
  CHECK_THROWS_AS(newsq::indexer::expand_inputs({r}), newsq::InputError);

  if (geteuid() == 0) {
    WARN("SKIPPED the chmod 000 part: running as root, which reads whatever the permissions say");
    return;
  }
  fs::permissions(root / "b", fs::perms::none);
  auto locked = newsq::indexer::expand_input_paths({r});
  fs::permissions(root / "b", fs::perms::owner_all);
  CHECK(locked.files == std::vector<std::string>{r + "/a/1.jsonl"});
  REQUIRE(!locked.unreadable.empty());
  CHECK(locked.unreadable[0].path == r + "/b");
  CHECK(locked.unreadable[0].reason == "cannot read directory: Permission denied");
}

TEST_CASE("the real corpus reads completely and every record validates", "[shared]") {
  NEWSQ_REQUIRE_SHARED();
  for (auto [file, count] :
       {std::pair{"huffpost-2018-2022.jsonl.gz", 9999}, std::pair{"ukraine-war-gdelt.jsonl.gz", 422}}) {
    auto records = read_all((newsq::test::shared_dir() / "corpus" / file).string());
    CHECK(records.size() == static_cast<std::size_t>(count));
    std::size_t bad = 0;
    for (auto& r : records) bad += !r.error.empty() || !newsq::indexer::validate_article(r.article, 8u << 20).empty();
    CHECK(bad == 0);
  }
}

TEST_CASE("a number too large for a double is a rejected record, not the end of the run", "[readers]") {
  newsq::test::TempDir dir;
  newsq::test::write_file(dir.path() / "big.jsonl",
                          "{\"id\":\"a\",\"date\":\"2022-03-01\",\"text\":\"x\",\"views\":1e400}\n"
                          "{\"id\":\"b\",\"date\":\"2022-03-01\",\"text\":\"y\"}\n");
  auto records = read_all(dir.str("big.jsonl"));
  REQUIRE(records.size() == 2);
  CHECK(records[0].error.starts_with("bad JSON: number overflow"));
  CHECK_FALSE(records[0].fatal);
  CHECK(records[1].error.empty());
  CHECK(records[1].article.id == "b");
}
