// tests/cli_test.cc: the newsq command as a user or a script meets it: exit codes, messages,
// JSON shape, the bundled sample corpus.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

#include "newsq/newsq.h"
#include "tests/test_support.h"

using newsq::test::run_cli;
using newsq::test::TempDir;

TEST_CASE("help and usage errors", "[cli]") {
  auto help = run_cli({"--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("index") != std::string::npos);
  // serve's --help comes from newsq-serve, which `newsq serve` runs in its place.
  for (const char* command : {"index", "search", "stats", "serve"}) {
    auto r = run_cli({command, "--help"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("--db") != std::string::npos);
  }
  CHECK(run_cli({}).exit_code == 1);
  CHECK(run_cli({"frobnicate"}).exit_code == 1);
  auto no_db = run_cli({"search", "kyiv"});
  CHECK(no_db.exit_code == 1);
  CHECK(no_db.err.find("--db DIR is required") != std::string::npos);
  CHECK(run_cli({"search", "--db", "x", "--bogus"}).exit_code == 1);
  auto serve_bogus = run_cli({"serve", "--db", "x", "--bogus"});
  CHECK(serve_bogus.exit_code == 1);
  CHECK(serve_bogus.err.find("newsq serve: ") == 0);
  CHECK(run_cli({"index", "--db", "x", "--on-error", "maybe", "f"}).exit_code == 1);
}

TEST_CASE("runtime errors exit 2 with one readable line", "[cli]") {
  TempDir dir;
  auto r = run_cli({"search", "--db", dir.str("nothing-here"), "kyiv"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("no such index") != std::string::npos);
  auto missing = run_cli({"index", "--db", dir.str("db"), dir.str("missing.jsonl")});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("missing.jsonl:0: no such file or directory") != std::string::npos);
}

TEST_CASE("the bundled sample corpus indexes and searches", "[cli]") {
  TempDir dir;
  std::string db = dir.str("db");
  auto index = run_cli({"index", "--db", db, (newsq::test::source_dir() / "corpus" / "sample").string()});
  INFO(index.err);
  REQUIRE(index.exit_code == 0);
  CHECK(index.err.find("0 rejected") != std::string::npos);

  auto again = run_cli({"index", "--db", db, (newsq::test::source_dir() / "corpus" / "sample").string()});
  CHECK(again.exit_code == 0);
  CHECK(again.err.find("(0 added") != std::string::npos);

  auto text = run_cli({"search", "--db", db, "kyiv"});
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("matches") != std::string::npos);
  CHECK(text.out.find("source:") != std::string::npos);

  auto json = run_cli({"search", "--db", db, "--json", "--limit", "3", "kyiv"});
  REQUIRE(json.exit_code == 0);
  auto j = nlohmann::json::parse(json.out);
  CHECK(j["total"].get<int>() >= 1);
  REQUIRE(!j["hits"].empty());
  for (const char* key : {"id", "date", "source", "title", "url", "score", "snippet"})
    CHECK(j["hits"][0].contains(key));
  CHECK(j["hits"][0]["snippet"].get<std::string>().find("<b>") != std::string::npos);
  CHECK(j["facets"].contains("date"));
  CHECK(j["facets"].contains("source"));
  CHECK(j["hits"].size() <= 3);

  auto stats = run_cli({"stats", "--db", db, "--json"});
  REQUIRE(stats.exit_code == 0);
  CHECK(nlohmann::json::parse(stats.out)["articles"].get<int>() > 10);
}

TEST_CASE("on-error=fail stops with file:line, exit 2, and keeps what came before", "[cli]") {
  TempDir dir;
  std::string file = dir.str("in.jsonl");
  newsq::test::write_file(file,
                          "{\"id\":\"1\",\"date\":\"2022-03-01\",\"source\":\"S\",\"text\":\"first kyiv report\"}\n"
                          "{\"id\":\"2\",\"date\":\"2022-13-01\",\"source\":\"S\",\"text\":\"bad month\"}\n"
                          "{\"id\":\"3\",\"date\":\"2022-03-02\",\"source\":\"S\",\"text\":\"third kyiv report\"}\n");
  auto fail = run_cli({"index", "--db", dir.str("db"), "--on-error=fail", file});
  CHECK(fail.exit_code == 2);
  CHECK(fail.err.find(file + ":2: impossible date '2022-13-01'") != std::string::npos);
  auto after = run_cli({"search", "--db", dir.str("db"), "--json", "kyiv"});
  CHECK(nlohmann::json::parse(after.out)["total"] == 1);

  auto skip = run_cli({"index", "--db", dir.str("db"), file});
  CHECK(skip.exit_code == 0);
  CHECK(skip.err.find("1 rejected") != std::string::npos);
  auto all = run_cli({"search", "--db", dir.str("db"), "--json", "kyiv"});
  CHECK(nlohmann::json::parse(all.out)["total"] == 2);
}

TEST_CASE("stdin is read with -", "[cli]") {
  TempDir dir;
  auto r = run_cli({"index", "--db", dir.str("db"), "-"},
                   "{\"id\":\"s1\",\"date\":\"2022-03-01\",\"source\":\"S\",\"text\":\"from standard input\"}\n");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  auto found = run_cli({"search", "--db", dir.str("db"), "--json", "standard"});
  CHECK(nlohmann::json::parse(found.out)["total"] == 1);
}

TEST_CASE("a file named directly with an unknown extension is an error and the other inputs are indexed", "[cli]") {
  TempDir dir;
  const std::string good = dir.str("good.jsonl");
  newsq::test::write_file(good,
                          "{\"id\":\"g\",\"date\":\"2022-03-01\",\"text\":\"good kyiv report\"}\n"
                          "{\"id\":\"d\",\"date\":\"2022-03-01\",\"title\":\"a\",\"title\":\"b\",\"text\":\"x\"}\n");
  newsq::test::write_file(dir.str("dump.json"),
                          "{\"id\":\"j\",\"date\":\"2022-03-01\",\"text\":\"json kyiv report\"}\n");
  newsq::test::write_file(dir.str("notes.md"), "# notes\n");
  auto r = run_cli({"index", "--db", dir.str("db"), dir.str("dump.json"), good, dir.str("notes.md")});
  INFO(r.err);
  CHECK(r.exit_code == 2);
  for (const char* name : {"dump.json", "notes.md"})
    CHECK(r.err.find(dir.str(name) + ": unknown file type: the name does not end in .jsonl, .ndjson, .csv, .txt, each "
                                     "optionally .gz (give the format explicitly to read it: --format, "
                                     "IngestOptions::format)\n") != std::string::npos);
  CHECK(r.err.find(good + ":2: duplicate field \"title\"\n") != std::string::npos);
  CHECK(r.err.find("1 articles (1 added, 0 updated, 0 unchanged, 0 deleted), 1 rejected, 2 unreadable;") !=
        std::string::npos);
  CHECK(r.err.find("2 inputs could not be read; everything readable was indexed") != std::string::npos);
  auto found = run_cli({"search", "--db", dir.str("db"), "--json", "kyiv"});
  CHECK(nlohmann::json::parse(found.out)["total"] == 1);

  // With the format given, the same file is read.
  auto given = run_cli({"index", "--db", dir.str("db"), "--format", "jsonl", dir.str("dump.json")});
  INFO(given.err);
  CHECK(given.exit_code == 0);
  auto both = run_cli({"search", "--db", dir.str("db"), "--json", "kyiv"});
  CHECK(nlohmann::json::parse(both.out)["total"] == 2);
}

TEST_CASE("stdin, which has no name, is read in the format its content shows", "[cli]") {
  TempDir dir;
  const std::pair<const char*, const char*> inputs[] = {
      {"csv", "id,date,text\nc1,2022-03-01,csv words\n"},
      {"text", " date 2022-03-01\n id t1\n\ntext words\n"},
      {"jsonl", "{\"id\":\"j1\",\"date\":\"2022-03-01\",\"text\":\"jsonl words\"}\n"},
  };
  for (const auto& [format, input] : inputs) {
    auto r = run_cli({"index", "--db", dir.str("db"), "-"}, input);
    INFO(format << ": " << r.err);
    CHECK(r.exit_code == 0);
    auto found = run_cli({"search", "--db", dir.str("db"), "--json", format});
    CHECK(nlohmann::json::parse(found.out)["total"] == 1);
  }
}

TEST_CASE("an unquoted query keeps its -excluded words and flags may stand anywhere before --", "[cli]") {
  // `newsq search kyiv -russia`, as the README writes it, once failed with "Option 'r' does not
  // exist": cxxopts read "-russia" as the flags -r -u -s -s -i -a.
  TempDir dir;
  std::string db = dir.str("db");
  REQUIRE(run_cli({"index", "--db", db, (newsq::test::source_dir() / "corpus" / "sample").string()}).exit_code == 0);
  auto total = [](const newsq::test::CommandResult& r) {
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out)["total"].get<int>();
  };
  const int power = total(run_cli({"search", "--db", db, "--json", "--literal", "power"}));
  const int kyiv = total(run_cli({"search", "--db", db, "--json", "--literal", "power", "kyiv"}));
  REQUIRE(power > kyiv);
  REQUIRE(kyiv > 0);

  auto unquoted = run_cli({"search", "--db", db, "--json", "power", "-kyiv", "--limit", "1"});
  CHECK(total(unquoted) == power - kyiv);
  auto j = nlohmann::json::parse(unquoted.out);
  CHECK(j["query"]["text"] == "power -kyiv");
  CHECK(j["hits"].size() == 1);  // --limit after the query is still a flag.
  CHECK(total(run_cli({"search", "--db", db, "--json", "--", "power", "-kyiv"})) == power - kyiv);
  CHECK(total(run_cli({"search", "--db", db, "--json", "power", "NOT", "kyiv"})) == power - kyiv);

  auto explained = run_cli({"explain", "--json", "power", "-kyiv"});
  REQUIRE(explained.exit_code == 0);
  CHECK(nlohmann::json::parse(explained.out)["text"] == "power -kyiv");
  CHECK(run_cli({"search", "-h"}).exit_code == 0);
  auto unknown = run_cli({"search", "--db", db, "--bogus", "power"});
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err.find("bogus") != std::string::npos);
}

TEST_CASE("search flags outside their ranges are usage errors that name the range", "[cli]") {
  TempDir dir;
  std::string db = dir.str("db");
  REQUIRE(run_cli({"index", "--db", db, (newsq::test::source_dir() / "corpus" / "sample").string()}).exit_code == 0);
  struct Case {
    std::vector<std::string> flags;
    std::string said;
  };
  const std::vector<Case> cases = {
      {{"--near", "Lviv", "--radius", "-5"}, "radius -5 km is out of range"},
      {{"--near", "Lviv", "--radius", "0"}, "radius 0 km is out of range"},
      {{"--near", "Lviv", "--radius", "30000"}, "radius 30000 km is out of range"},
      {{"--limit", "10001"}, "limit 10001 is out of range (0 to 10000)"},
      {{"--offset", "1000001"}, "offset 1000001 is out of range"},
      {{"--recency", "-1"}, "recency -1 is out of range"},
      {{"--recency", "101"}, "recency 101 is out of range"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"search", "--db", db};
    args.insert(args.end(), c.flags.begin(), c.flags.end());
    args.push_back("power");
    auto r = run_cli(args);
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(c.said) != std::string::npos);
  }
  // --shard-timeout: one range for search and serve (SearcherOptions'), a usage error in both.
  for (const char* seconds : {"0", "-1", "86401", "1e9"}) {
    INFO(seconds);
    for (const char* command : {"search", "serve"}) {
      INFO(command);
      std::vector<std::string> args = {command, "--db", db, "--shard-timeout", seconds};
      if (std::string(command) == "search") args.push_back("power");
      auto r = run_cli(args);
      INFO(r.err);
      CHECK(r.exit_code == 1);
      CHECK(r.err.find("--shard-timeout") != std::string::npos);
      CHECK(r.err.find("is out of range (above 0 up to 86400 seconds)") != std::string::npos);
    }
  }
  CHECK_THROWS_AS(newsq::Searcher(db, {.shard_timeout_seconds = 86401}), std::invalid_argument);
  CHECK_NOTHROW(newsq::Searcher(db, {.shard_timeout_seconds = 86400}));

  // The library refuses the same requests.
  newsq::Searcher searcher(db);
  CHECK_THROWS_AS(searcher.search({.query = "power", .limit = 10001}), newsq::QueryError);
  newsq::SearchRequest nan_radius{.query = "power", .near = "Lviv"};
  nan_radius.radius_km = std::nan("");
  CHECK_THROWS_AS(nan_radius.validate(), newsq::QueryError);

  // Paging past the end says so, instead of "showing 100001-100000".
  auto past = run_cli({"search", "--db", db, "--offset", "100000", "power"});
  CHECK(past.exit_code == 0);
  CHECK(past.out.find("none shown (--offset 100,000 is past the last)") != std::string::npos);
  CHECK(past.out.find("showing") == std::string::npos);

  // A directory is no thesaurus (it once read as an empty one).
  auto thesaurus = run_cli({"search", "--db", db, "--thesaurus", dir.str(), "power"});
  CHECK(thesaurus.exit_code == 2);
  CHECK(thesaurus.err.find("is a directory, not a thesaurus file") != std::string::npos);
}

TEST_CASE("invalid UTF-8 in a query is one readable line and exit 1 in text and --json", "[cli]") {
  // explain --json once died with a raw nlohmann type_error.316.
  for (std::vector<std::string> args : {std::vector<std::string>{"explain", "--json", "kyiv \xff shelling"},
                                        std::vector<std::string>{"explain", "kyiv \xc3"}}) {
    auto r = run_cli(args);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("query is not valid UTF-8 (at byte 5)") != std::string::npos);
    CHECK(r.err.find("type_error") == std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
}

TEST_CASE("article text cannot drive the terminal: escapes and raw newlines are not printed", "[cli]") {
  TempDir dir;
  nlohmann::json a = {{"id", "evil-\x1b[2J-1"},
                      {"date", "2022-03-01"},
                      {"source", "Tricks\x1b]0;owned\x07"},
                      {"title",
                       "Power cut\nFAKE LINE \x1b[31mred\xc2\x9b"
                       "31m \xe2\x80\xae"
                       "txet"},
                      {"url", "https://example.org/\x1b[1m"},
                      {"text", "The power grid failed.\x1b[2K\rOverwritten line about power."}};
  newsq::test::write_file(dir.path() / "evil.jsonl", a.dump() + "\n");
  REQUIRE(run_cli({"index", "--db", dir.str("db"), dir.str("evil.jsonl")}).exit_code == 0);
  auto r = run_cli({"search", "--db", dir.str("db"), "power"});
  REQUIRE(r.exit_code == 0);
  INFO(r.out);
  CHECK(r.out.find("Power cut") != std::string::npos);
  CHECK(r.out.find('\x1b') == std::string::npos);
  CHECK(r.out.find('\x07') == std::string::npos);
  CHECK(r.out.find('\r') == std::string::npos);
  CHECK(r.out.find("\xc2\x9b") == std::string::npos);
  CHECK(r.out.find("\xe2\x80\xae") == std::string::npos);
  // The title stays on its hit's line.
  CHECK(r.out.find("\nFAKE LINE") == std::string::npos);
  // --json keeps the text as it is (escaped by JSON), for programs.
  auto j = nlohmann::json::parse(run_cli({"search", "--db", dir.str("db"), "--json", "power"}).out);
  CHECK(j["hits"][0]["title"].get<std::string>().find('\n') != std::string::npos);
}
