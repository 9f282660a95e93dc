// tests/reindex_test.cc: the nightly job: incremental runs and deletes converge to the input,
// kill -9 at random moments never breaks the index, searchers never fail during reindex and
// rebuild, and one writer at a time.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "newsq/newsq.h"
#include "tests/test_support.h"

using newsq::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> gdelt_lines() {
  return newsq::test::read_lines(newsq::test::shared_dir() / "corpus" / "ukraine-war-gdelt.jsonl.gz");
}

std::string id_of(const std::string& line) { return nlohmann::json::parse(line)["id"]; }

std::set<std::string> ids_of(const std::vector<std::string>& lines) {
  std::set<std::string> ids;
  for (const auto& l : lines) ids.insert(id_of(l));
  return ids;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// Every id in the index, read the way a searcher would.
std::set<std::string> indexed_ids(const std::string& db) {
  newsq::Searcher s(db);
  auto r = s.search({.limit = 100000, .count_facets = false, .collapse_duplicates = false});
  std::set<std::string> ids;
  for (const auto& h : r.hits) ids.insert(h.id);
  CHECK(ids.size() == r.total);  // Nothing doubled.
  return ids;
}

std::size_t generations(const std::string& db) {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(db)) n += e.path().filename().string().starts_with("gen-");
  return n;
}

}  // namespace

TEST_CASE("an incremental run with edits, drops and additions matches the new input exactly", "[shared][reindex]") {
  NEWSQ_REQUIRE_SHARED();
  TempDir dir;
  auto lines = gdelt_lines();
  std::vector<std::string> v1(lines.begin(), lines.begin() + 300);
  newsq::test::write_file(dir.path() / "v1.jsonl", joined(v1));
  {
    newsq::IndexWriter w(dir.str("db"));
    CHECK(newsq::ingest(w, {dir.str("v1.jsonl")}).added == 300);
  }
  // v2: ten articles edited, the last ten dropped, ten new ones added.
  std::vector<std::string> v2(v1.begin(), v1.end() - 10);
  std::set<std::string> edited;
  for (std::size_t i = 0; i < 10; ++i) {
    auto j = nlohmann::json::parse(v2[i * 20]);
    j["text"] = j["text"].get<std::string>() + " zqxcorrection appended.";
    v2[i * 20] = j.dump();
    edited.insert(j["id"]);
  }
  v2.insert(v2.end(), lines.begin() + 300, lines.begin() + 310);
  newsq::test::write_file(dir.path() / "v2.jsonl", joined(v2));

  auto r = newsq::test::run_cli({"index", "--db", dir.str("db"), "--delete-missing", dir.str("v2.jsonl")});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("(10 added, 10 updated, 280 unchanged, 10 deleted)") != std::string::npos);
  CHECK(indexed_ids(dir.str("db")) == ids_of(v2));
  newsq::Searcher s(dir.str("db"));
  auto found = s.search({.query = "zqxcorrection", .limit = 100, .collapse_duplicates = false});
  std::set<std::string> found_ids;
  for (const auto& h : found.hits) found_ids.insert(h.id);
  CHECK(found_ids == edited);

  auto again = newsq::test::run_cli({"index", "--db", dir.str("db"), "--delete-missing", dir.str("v2.jsonl")});
  CHECK(again.err.find("(0 added, 0 updated, 300 unchanged, 0 deleted)") != std::string::npos);

  std::string gone = id_of(v2[5]);
  auto del = newsq::test::run_cli({"delete", "--db", dir.str("db"), gone, "no-such-id"});
  CHECK(del.exit_code == 0);
  CHECK(del.err.find("no article with id 'no-such-id'") != std::string::npos);
  CHECK(indexed_ids(dir.str("db")).count(gone) == 0);
}

TEST_CASE("delete-missing deletes nothing when an input was cut short", "[reindex]") {
  TempDir dir;
  std::string lines;
  for (int i = 0; i < 3000; ++i)
    lines += "{\"id\":\"" + std::to_string(i) + "\",\"date\":\"2022-01-01\",\"text\":\"article number " + std::to_string(i) +
             " with some words to make the file larger than one gzip block\"}\n";
  newsq::test::write_gzip(dir.path() / "all.jsonl.gz", lines);
  {
    newsq::IndexWriter w(dir.str("db"));
    newsq::ingest(w, {dir.str("all.jsonl.gz")});
    CHECK(w.size() == 3000);
  }
  std::string gz = newsq::test::read_file(dir.path() / "all.jsonl.gz");
  newsq::test::write_file(dir.path() / "cut.jsonl.gz", gz.substr(0, gz.size() / 2));
  newsq::IndexWriter w(dir.str("db"));
  newsq::IngestOptions options;
  options.delete_missing = true;
  auto report = newsq::ingest(w, {dir.str("cut.jsonl.gz")}, options);
  CHECK(report.rejected == 1);
  CHECK(report.deleted == 0);
  CHECK(w.size() == 3000);
}

TEST_CASE("kill -9 during index and rebuild: the index opens, searches work, a rerun converges", "[shared][reindex]") {
  NEWSQ_REQUIRE_SHARED();
  TempDir dir;
  const std::string db = dir.str("db");
  auto lines = gdelt_lines();
  std::vector<std::string> a(lines.begin(), lines.begin() + 120), b(lines.begin() + 60, lines.begin() + 200);
  newsq::test::write_file(dir.path() / "a.jsonl", joined(a));
  newsq::test::write_file(dir.path() / "b.jsonl", joined(b));
  REQUIRE(newsq::test::run_cli({"index", "--db", db, dir.str("a.jsonl")}).exit_code == 0);

  std::mt19937 random(6);
  std::uniform_int_distribution<int> delay_ms(5, 600);
  std::vector<std::string> all(lines.begin(), lines.begin() + 200);
  newsq::test::write_file(dir.path() / "all.jsonl", joined(all));

  // Index: killed at a random moment, then run again to the end.
  for (int round = 0; round < 12; ++round) {
    INFO("index round " << round);
    int pid = newsq::test::start_cli({"index", "--db", db, "--batch-size", "7", dir.str("all.jsonl")});
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
    kill(pid, SIGKILL);
    newsq::test::wait_cli(pid);
    newsq::Searcher s(db);
    CHECK_NOTHROW(s.search({.query = "ukraine"}));
    REQUIRE(newsq::test::run_cli({"index", "--db", db, "--delete-missing", dir.str(round % 2 ? "all.jsonl" : "a.jsonl")}).exit_code == 0);
    CHECK(indexed_ids(db) == ids_of(round % 2 ? all : a));
  }

  // Rebuild: alternating between two inputs, the live index is always one of them whole.
  const auto ids_a = ids_of(a), ids_b = ids_of(b);
  for (int round = 0; round < 10; ++round) {
    INFO("rebuild round " << round);
    const bool to_b = round % 2 == 0;
    auto before = indexed_ids(db);
    int pid = newsq::test::start_cli({"rebuild", "--db", db, "--batch-size", "7", dir.str(to_b ? "b.jsonl" : "a.jsonl")});
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
    kill(pid, SIGKILL);
    newsq::test::wait_cli(pid);
    auto after = indexed_ids(db);
    CHECK((after == before || after == (to_b ? ids_b : ids_a)));
    auto rerun = newsq::test::run_cli({"rebuild", "--db", db, dir.str(to_b ? "b.jsonl" : "a.jsonl")});
    INFO(rerun.err);
    REQUIRE(rerun.exit_code == 0);
    CHECK(indexed_ids(db) == (to_b ? ids_b : ids_a));
    CHECK(generations(db) == 1);  // Leftovers of the killed rebuild are gone.
  }
}

TEST_CASE("a searcher in a loop sees no failed search during reindex and rebuild", "[shared][reindex]") {
  NEWSQ_REQUIRE_SHARED();
  TempDir dir;
  const std::string db = dir.str("db");
  auto lines = gdelt_lines();
  std::vector<std::string> first(lines.begin(), lines.begin() + 150), second(lines.begin() + 100, lines.end());
  newsq::test::write_file(dir.path() / "first.jsonl", joined(first));
  newsq::test::write_file(dir.path() / "second.jsonl", joined(second));
  REQUIRE(newsq::test::run_cli({"index", "--db", db, dir.str("first.jsonl")}).exit_code == 0);

  std::atomic<bool> stop{false};
  std::atomic<int> ok{0}, failed{0};
  std::thread reader([&] {
    newsq::Searcher s(db);
    while (!stop) {
      try {
        auto r = s.search({.query = "ukraine", .limit = 5});
        if (r.total == 0) ++failed;
        else ++ok;
      } catch (const std::exception& e) {
        ++failed;
      }
    }
  });
  CHECK(newsq::test::run_cli({"index", "--db", db, "--batch-size", "10", dir.str("second.jsonl")}).exit_code == 0);
  CHECK(newsq::test::run_cli({"rebuild", "--db", db, dir.str("first.jsonl")}).exit_code == 0);
  CHECK(newsq::test::run_cli({"index", "--db", db, "--delete-missing", dir.str("second.jsonl")}).exit_code == 0);
  CHECK(newsq::test::run_cli({"compact", "--db", db}).exit_code == 0);
  CHECK(newsq::test::run_cli({"rebuild", "--db", db, dir.str("second.jsonl")}).exit_code == 0);
  stop = true;
  reader.join();
  CHECK(failed == 0);
  CHECK(ok > 10);
  CHECK(indexed_ids(db) == ids_of(second));
}

TEST_CASE("one writer at a time: the second is refused naming the holder, or waits with --wait", "[reindex]") {
  TempDir dir;
  newsq::test::write_file(dir.path() / "in.jsonl", "{\"id\":\"1\",\"date\":\"2022-01-01\",\"text\":\"words\"}\n");
  auto holder = std::make_unique<newsq::IndexWriter>(dir.str("db"));
  auto refused = newsq::test::run_cli({"index", "--db", dir.str("db"), dir.str("in.jsonl")});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("locked by pid " + std::to_string(getpid())) != std::string::npos);
  CHECK(newsq::test::run_cli({"rebuild", "--db", dir.str("db"), dir.str("in.jsonl")}).exit_code == 2);

  int waiting = newsq::test::start_cli({"index", "--db", dir.str("db"), "--wait", dir.str("in.jsonl")});
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  int status = 0;
  CHECK(waitpid(waiting, &status, WNOHANG) == 0);  // Still queued behind the holder.
  holder.reset();
  CHECK(newsq::test::wait_cli(waiting) == 0);
  CHECK(newsq::Searcher(dir.str("db")).search({}).total == 1);
}

TEST_CASE("a failed rebuild leaves the live index unchanged", "[reindex]") {
  TempDir dir;
  newsq::test::write_file(dir.path() / "good.jsonl", "{\"id\":\"1\",\"date\":\"2022-01-01\",\"text\":\"words\"}\n");
  newsq::test::write_file(dir.path() / "bad.jsonl",
                          "{\"id\":\"2\",\"date\":\"2022-01-01\",\"text\":\"other\"}\n{\"id\":\"3\",\"date\":\"bad\",\"text\":\"x\"}\n");
  REQUIRE(newsq::test::run_cli({"index", "--db", dir.str("db"), dir.str("good.jsonl")}).exit_code == 0);
  auto r = newsq::test::run_cli({"rebuild", "--db", dir.str("db"), "--on-error=fail", dir.str("bad.jsonl")});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("the live index is unchanged") != std::string::npos);
  CHECK(indexed_ids(dir.str("db")) == std::set<std::string>{"1"});
  CHECK(generations(dir.str("db")) == 1);
}
