// tests/reindex_test.cc: the nightly job: incremental runs and deletes converge to the input,
// kill -9 at random moments never breaks the index, searchers never fail (and follow commits and
// swaps) during reindex, rebuild and compact, one writer at a time, and the CLI's contract with
// schedulers (exit codes, --quiet). The kill rounds also run as a longer stress test outside the
// suite: bench/kill_stress.sh.
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>
#include <sstream>
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

// The line with " <marker> appended." added to its text.
std::string edited(const std::string& line, const std::string& marker) {
  auto j = nlohmann::json::parse(line);
  j["text"] = j["text"].get<std::string>() + " " + marker + " appended.";
  return j.dump();
}

// Every id in the index, read the way a searcher would.
std::set<std::string> indexed_ids(newsq::Searcher& s) {
  const newsq::SearchRequest all{.count_facets = false, .snippet_length = 0, .collapse_duplicates = false};
  auto hits = newsq::test::all_hits(s, all);
  std::set<std::string> ids;
  for (const auto& h : hits) ids.insert(h.id);
  CHECK(ids.size() == hits.size());  // Nothing doubled.
  CHECK(hits.size() == s.search({.limit = 0, .count_facets = false, .collapse_duplicates = false}).total);
  return ids;
}

std::set<std::string> indexed_ids(const std::string& db) {
  newsq::Searcher s(db);
  return indexed_ids(s);
}

// Ids of the articles whose text holds `word`.
std::set<std::string> ids_with(const std::string& db, const std::string& word) {
  newsq::Searcher s(db);
  std::set<std::string> ids;
  for (const auto& h : newsq::test::all_hits(
           s, {.query = word, .count_facets = false, .snippet_length = 0, .collapse_duplicates = false}))
    ids.insert(h.id);
  return ids;
}

std::size_t generations(const std::string& db) {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(db)) n += e.path().filename().string().starts_with("gen-");
  return n;
}

double seconds_of(const std::vector<std::string>& args) {
  auto started = std::chrono::steady_clock::now();
  auto r = newsq::test::run_cli(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

std::uint64_t env_number(const char* name, std::uint64_t fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::strtoull(value, nullptr, 10) : fallback;
}

// kill -9 rounds. First runs: `index` into a directory that does not exist yet, killed; if it got
// as far as publishing a generation the index must open and search; the rerun converges. Then two
// inputs A and B that overlap: going from one to the other adds 100 articles,
// deletes 100, updates 20 (edited with a marker word) and leaves 80 alone. Each round starts
// `index --delete-missing` (or `rebuild`) towards the other input, kills it after a random delay
// within the time a whole run takes (measured first, so the kills land mid-run however fast the
// build), checks that the index opens and searches and holds only articles of A or B, then reruns
// the same command (without --wait: the dead job's lock must not block) and checks that the
// index is exactly the target input, edits included, with no generation left over.
void kill_rounds(int first_rounds, int index_rounds, int rebuild_rounds, unsigned seed) {
  TempDir dir;
  const std::string db = dir.str("db");
  const auto lines = gdelt_lines();
  REQUIRE(lines.size() >= 300);
  const std::string marker = "zqxcorrection";
  std::vector<std::string> a(lines.begin(), lines.begin() + 200), b(lines.begin() + 100, lines.begin() + 300);
  std::set<std::string> edited_ids;
  for (std::size_t i = 0; i < 20; ++i) {
    b[i] = edited(b[i], marker);
    edited_ids.insert(id_of(b[i]));
  }
  newsq::test::write_file(dir.path() / "a.jsonl", joined(a));
  newsq::test::write_file(dir.path() / "b.jsonl", joined(b));
  const auto ids_a = ids_of(a), ids_b = ids_of(b);
  std::set<std::string> ids_any = ids_a;
  ids_any.insert(ids_b.begin(), ids_b.end());

  auto index_args = [&](bool to_b) {
    return std::vector<std::string>{
        "index", "--db", db, "--delete-missing", "--batch-size", "7", dir.str(to_b ? "b.jsonl" : "a.jsonl")};
  };
  auto rebuild_args = [&](bool to_b) {
    return std::vector<std::string>{"rebuild", "--db", db, "--batch-size", "7", dir.str(to_b ? "b.jsonl" : "a.jsonl")};
  };
  auto first_args = [&](int round) {
    return std::vector<std::string>{"index",        "--db", dir.str("first-" + std::to_string(round)),
                                    "--batch-size", "7",    dir.str("a.jsonl")};
  };
  const double first_seconds = seconds_of(first_args(-1));
  REQUIRE(newsq::test::run_cli({"index", "--db", db, dir.str("a.jsonl")}).exit_code == 0);
  const double index_seconds = std::max(seconds_of(index_args(true)), seconds_of(index_args(false)));
  const double rebuild_seconds = std::max(seconds_of(rebuild_args(true)), seconds_of(rebuild_args(false)));
  // Now at A.

  std::mt19937 random(seed);
  int landed = 0;
  auto kill_after_random_delay = [&](const std::vector<std::string>& args, double run_seconds) {
    std::uniform_int_distribution<int> delay_us(0, static_cast<int>(run_seconds * 1e6));
    int pid = newsq::test::start_cli(args);
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us(random)));
    kill(pid, SIGKILL);
    if (newsq::test::wait_cli(pid) == 128 + SIGKILL) ++landed;
  };
  auto check_converged = [&](const std::vector<std::string>& args, bool to_b) {
    auto rerun = newsq::test::run_cli(args);
    INFO(rerun.err);
    REQUIRE(rerun.exit_code == 0);
    CHECK(indexed_ids(db) == (to_b ? ids_b : ids_a));
    CHECK(ids_with(db, marker) == (to_b ? edited_ids : std::set<std::string>{}));
    CHECK(generations(db) == 1);  // Leftovers of a killed rebuild are gone.
    CHECK(!fs::exists(fs::path(db) / "XAPIANDB.new"));
  };

  for (int round = 0; round < first_rounds; ++round) {
    INFO("first-run round " << round << " (seed " << seed << ")");
    const std::string first_db = dir.str("first-" + std::to_string(round));
    kill_after_random_delay(first_args(round), first_seconds);
    if (fs::exists(fs::path(first_db) / "XAPIANDB")) {
      newsq::Searcher s(first_db);
      CHECK_NOTHROW(s.search({.query = "ukraine"}));
      auto now = indexed_ids(s);
      CHECK(std::includes(ids_a.begin(), ids_a.end(), now.begin(), now.end()));
    }
    auto rerun = newsq::test::run_cli(first_args(round));
    INFO(rerun.err);
    REQUIRE(rerun.exit_code == 0);
    CHECK(indexed_ids(first_db) == ids_a);
    CHECK(generations(first_db) == 1);
  }
  for (int round = 0; round < index_rounds; ++round) {
    INFO("index round " << round << " (seed " << seed << ")");
    const bool to_b = round % 2 == 0;
    kill_after_random_delay(index_args(to_b), index_seconds);
    newsq::Searcher s(db);
    CHECK_NOTHROW(s.search({.query = "ukraine"}));
    auto now = indexed_ids(s);
    CHECK(std::includes(ids_any.begin(), ids_any.end(), now.begin(), now.end()));
    check_converged(index_args(to_b), to_b);
  }
  for (int round = 0; round < rebuild_rounds; ++round) {
    INFO("rebuild round " << round << " (seed " << seed << ")");
    const bool to_b = round % 2 == 0;
    const auto before = indexed_ids(db);
    kill_after_random_delay(rebuild_args(to_b), rebuild_seconds);
    newsq::Searcher s(db);
    CHECK_NOTHROW(s.search({.query = "ukraine"}));
    auto after = indexed_ids(s);
    CHECK((after == before || after == (to_b ? ids_b : ids_a)));  // The old index or the new one, whole.
    check_converged(rebuild_args(to_b), to_b);
  }
  // Delays are drawn within a whole run's time, so most kills land mid-run; a loaded machine
  // may let some runs finish first, which tests less but is no failure of newsq.
  const int kills = first_rounds + index_rounds + rebuild_rounds;
  WARN(landed << " of " << kills << " kills landed mid-run (seed " << seed << ")");
  CHECK(landed * 3 >= kills);
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
  std::set<std::string> edited_ids;
  for (std::size_t i = 0; i < 10; ++i) {
    v2[i * 20] = edited(v2[i * 20], "zqxcorrection");
    edited_ids.insert(id_of(v2[i * 20]));
  }
  v2.insert(v2.end(), lines.begin() + 300, lines.begin() + 310);
  newsq::test::write_file(dir.path() / "v2.jsonl", joined(v2));

  auto r = newsq::test::run_cli({"index", "--db", dir.str("db"), "--delete-missing", dir.str("v2.jsonl")});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("(10 added, 10 updated, 280 unchanged, 10 deleted)") != std::string::npos);
  CHECK(indexed_ids(dir.str("db")) == ids_of(v2));
  CHECK(ids_with(dir.str("db"), "zqxcorrection") == edited_ids);

  auto again = newsq::test::run_cli({"index", "--db", dir.str("db"), "--delete-missing", dir.str("v2.jsonl")});
  CHECK(again.err.find("(0 added, 0 updated, 300 unchanged, 0 deleted)") != std::string::npos);

  std::string gone = id_of(v2[5]);
  auto del = newsq::test::run_cli({"delete", "--db", dir.str("db"), gone, "no-such-id"});
  CHECK(del.exit_code == 0);
  CHECK(del.err.find("no article with id 'no-such-id'") != std::string::npos);
  CHECK(del.err.find("1 deleted, 1 not found in ") != std::string::npos);
  CHECK(indexed_ids(dir.str("db")).count(gone) == 0);

  // A rebuild of the same input gives the same articles.
  auto rebuilt = newsq::test::run_cli({"rebuild", "--db", dir.str("db"), dir.str("v2.jsonl")});
  CHECK(rebuilt.exit_code == 0);
  CHECK(rebuilt.err.find("(300 added, 0 updated, 0 unchanged, 0 deleted)") != std::string::npos);
  CHECK(indexed_ids(dir.str("db")) == ids_of(v2));
}

TEST_CASE("delete-missing deletes nothing when an input was cut short", "[reindex]") {
  TempDir dir;
  std::string lines;
  for (int i = 0; i < 3000; ++i)
    lines += "{\"id\":\"" + std::to_string(i) + "\",\"date\":\"2022-01-01\",\"text\":\"article number " +
             std::to_string(i) + " with some words to make the file larger than one gzip block\"}\n";
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
  kill_rounds(3, 12, 10, 6);
}

// Outside the suite (the leading "." hides it): bench/kill_stress.sh runs it with many rounds.
TEST_CASE("kill -9 stress: NEWSQ_KILL_ROUNDS rounds of each kind, seed NEWSQ_KILL_SEED", "[.stress][shared]") {
  NEWSQ_REQUIRE_SHARED();
  const auto rounds = static_cast<int>(env_number("NEWSQ_KILL_ROUNDS", 100));
  kill_rounds(rounds / 4, rounds, rounds, static_cast<unsigned>(env_number("NEWSQ_KILL_SEED", std::random_device{}())));
}

TEST_CASE("searchers see no failed search during reindex, rebuild and compact, and follow every swap",
          "[shared][reindex]") {
  NEWSQ_REQUIRE_SHARED();
  TempDir dir;
  const std::string db = dir.str("db");
  auto lines = gdelt_lines();
  std::vector<std::string> first(lines.begin(), lines.begin() + 150), second(lines.begin() + 100, lines.end());
  newsq::test::write_file(dir.path() / "first.jsonl", joined(first));
  newsq::test::write_file(dir.path() / "second.jsonl", joined(second));
  REQUIRE(newsq::test::run_cli({"index", "--db", db, dir.str("first.jsonl")}).exit_code == 0);

  // Opened before every job below and never reopened by hand.
  newsq::Searcher follower(db);
  CHECK(indexed_ids(follower) == ids_of(first));

  std::atomic<bool> stop{false};
  std::atomic<int> ok{0}, failed{0};
  std::string first_failure;
  std::thread reader([&] {
    newsq::Searcher s(db);
    while (!stop) {
      try {
        auto r = s.search({.query = "ukraine", .limit = 5});
        if (r.total == 0) throw std::runtime_error("no hits");
        ++ok;
      } catch (const std::exception& e) {
        if (failed++ == 0) first_failure = e.what();
      }
    }
  });
  CHECK(newsq::test::run_cli({"index", "--db", db, "--batch-size", "10", dir.str("second.jsonl")}).exit_code == 0);
  auto both = ids_of(first);
  for (const auto& id : ids_of(second)) both.insert(id);
  CHECK(indexed_ids(follower) == both);  // Commits of an incremental run.
  CHECK(newsq::test::run_cli({"rebuild", "--db", db, dir.str("first.jsonl")}).exit_code == 0);
  CHECK(indexed_ids(follower) == ids_of(first));
  CHECK(newsq::test::run_cli({"index", "--db", db, "--delete-missing", dir.str("second.jsonl")}).exit_code == 0);
  CHECK(indexed_ids(follower) == ids_of(second));
  CHECK(newsq::test::run_cli({"compact", "--db", db}).exit_code == 0);
  CHECK(indexed_ids(follower) == ids_of(second));
  CHECK(newsq::test::run_cli({"rebuild", "--db", db, "--batch-size", "25", dir.str("second.jsonl")}).exit_code == 0);
  CHECK(newsq::test::run_cli({"delete", "--db", db, id_of(second.front())}).exit_code == 0);
  stop = true;
  reader.join();
  INFO(first_failure);
  CHECK(failed == 0);
  CHECK(ok > 10);
  auto expected = ids_of(second);
  expected.erase(id_of(second.front()));
  CHECK(indexed_ids(follower) == expected);
  auto stats = follower.stats();
  CHECK(stats.articles == expected.size());
  CHECK(stats.disk_bytes > 0);
  CHECK(generations(db) == 1);
}

TEST_CASE("one writer at a time: the second is refused naming the holder, or waits with --wait", "[reindex]") {
  TempDir dir;
  newsq::test::write_file(dir.path() / "in.jsonl", "{\"id\":\"1\",\"date\":\"2022-01-01\",\"text\":\"words\"}\n");
  auto holder = std::make_unique<newsq::IndexWriter>(dir.str("db"));
  const std::string message = "locked by pid " + std::to_string(getpid());
  auto refused = newsq::test::run_cli({"index", "--db", dir.str("db"), dir.str("in.jsonl")});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find(message) != std::string::npos);
  for (const auto& args : std::vector<std::vector<std::string>>{{"rebuild", "--db", dir.str("db"), dir.str("in.jsonl")},
                                                                {"delete", "--db", dir.str("db"), "1"},
                                                                {"compact", "--db", dir.str("db")}}) {
    auto r = newsq::test::run_cli(args);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(message) != std::string::npos);
  }
  // The library refuses the same way, even inside the holder's own process.
  CHECK_THROWS_WITH(newsq::IndexWriter(dir.str("db")), Catch::Contains(message));

  int waiting = newsq::test::start_cli({"index", "--db", dir.str("db"), "--wait", dir.str("in.jsonl")});
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  int status = 0;
  CHECK(waitpid(waiting, &status, WNOHANG) == 0);  // Still queued behind the holder.
  holder.reset();
  CHECK(newsq::test::wait_cli(waiting) == 0);
  CHECK(newsq::Searcher(dir.str("db")).search({}).total == 1);
}

TEST_CASE("a writer killed while holding the lock does not block the next one", "[reindex]") {
  TempDir dir;
  std::string lines;
  for (int i = 0; i < 2000; ++i)
    lines += "{\"id\":\"" + std::to_string(i) + "\",\"date\":\"2022-01-01\",\"text\":\"article number " +
             std::to_string(i) + "\"}\n";
  newsq::test::write_file(dir.path() / "in.jsonl", lines);
  int pid = newsq::test::start_cli({"index", "--db", dir.str("db"), "--batch-size", "50", dir.str("in.jsonl")});
  // Wait until it holds the lock (its pid is in the lock file), then kill it.
  for (int i = 0; i < 500 && newsq::test::read_file(dir.path() / "db" / "write.lock") != std::to_string(pid) + "\n";
       ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  kill(pid, SIGKILL);
  newsq::test::wait_cli(pid);
  // The dead holder's pid is still in the file, but the kernel dropped its flock.
  auto r = newsq::test::run_cli({"index", "--db", dir.str("db"), dir.str("in.jsonl")});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(newsq::Searcher(dir.str("db")).search({}).total == 2000);
}

TEST_CASE("a failed rebuild leaves the live index unchanged", "[reindex]") {
  TempDir dir;
  newsq::test::write_file(dir.path() / "good.jsonl", "{\"id\":\"1\",\"date\":\"2022-01-01\",\"text\":\"words\"}\n");
  newsq::test::write_file(
      dir.path() / "bad.jsonl",
      "{\"id\":\"2\",\"date\":\"2022-01-01\",\"text\":\"other\"}\n{\"id\":\"3\",\"date\":\"bad\",\"text\":\"x\"}\n");
  REQUIRE(newsq::test::run_cli({"index", "--db", dir.str("db"), dir.str("good.jsonl")}).exit_code == 0);
  auto r = newsq::test::run_cli({"rebuild", "--db", dir.str("db"), "--on-error=fail", dir.str("bad.jsonl")});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("the live index is unchanged") != std::string::npos);
  CHECK(indexed_ids(dir.str("db")) == std::set<std::string>{"1"});
  CHECK(generations(dir.str("db")) == 1);
}

TEST_CASE("unchanged articles are recognised with or without the hash term, long ids included", "[reindex]") {
  TempDir dir;
  const std::string db = dir.str("db");
  auto article = [](std::string id, std::string text) {
    return newsq::Article{.id = std::move(id), .date = "2022-03-01", .source = "S", .text = std::move(text)};
  };
  const std::string long_id(240, 'x');  // Fits an id term, too long for an id + hash term.
  {
    newsq::IndexWriter w(db);
    for (const char* id : {"a", "b", "c"}) CHECK(w.add(article(id, "some words")) == newsq::AddOutcome::added);
    CHECK(w.add(article(long_id, "some words")) == newsq::AddOutcome::added);
    CHECK(w.add(article("a", "some words")) == newsq::AddOutcome::unchanged);  // Pending, not yet committed.
    CHECK_THROWS_WITH(w.add(article(std::string(245, 'y'), "words")), Catch::Contains("id longer than 244 bytes"));
  }
  {
    // Strip the hash terms, as in an index written before they existed.
    Xapian::WritableDatabase x(newsq::test::live_generation_path(db), Xapian::DB_OPEN);
    CHECK(x.allterms_begin("XH") != x.allterms_end("XH"));
    for (auto d = x.postlist_begin(""); d != x.postlist_end(""); ++d) {
      Xapian::Document doc = x.get_document(*d);
      std::vector<std::string> hash_terms;
      for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
        if ((*t).starts_with("XH")) hash_terms.push_back(*t);
      for (const auto& t : hash_terms) doc.remove_term(t);
      x.replace_document(*d, doc);
    }
    x.commit();
    CHECK(x.allterms_begin("XH") == x.allterms_end("XH"));
  }
  newsq::IndexWriter w(db);
  for (const char* id : {"a", "b"}) CHECK(w.add(article(id, "some words")) == newsq::AddOutcome::unchanged);
  CHECK(w.add(article(long_id, "some words")) == newsq::AddOutcome::unchanged);
  CHECK(w.add(article("c", "other words")) == newsq::AddOutcome::updated);
  CHECK(w.add(article("c", "other words")) == newsq::AddOutcome::unchanged);  // Now through its new hash term.
  CHECK(w.add(article(long_id, "other words")) == newsq::AddOutcome::updated);
  CHECK(w.add(article(long_id, "other words")) == newsq::AddOutcome::unchanged);
  CHECK(w.size() == 4);
}

TEST_CASE("an overlong id or source is one rejected record, not a failed run", "[reindex][cli]") {
  TempDir dir;
  nlohmann::json long_id = {{"id", std::string(300, 'x')}, {"date", "2022-01-01"}, {"text", "words"}};
  nlohmann::json long_source = {
      {"id", "2"}, {"date", "2022-01-01"}, {"source", std::string(300, 's')}, {"text", "words"}};
  newsq::test::write_file(dir.path() / "in.jsonl", long_id.dump() + "\n" + long_source.dump() +
                                                       "\n{\"id\":\"3\",\"date\":\"2022-01-01\",\"text\":\"words\"}\n");
  auto r = newsq::test::run_cli({"index", "--db", dir.str("db"), dir.str("in.jsonl")});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("in.jsonl:1: id longer than 244 bytes") != std::string::npos);
  CHECK(r.err.find("in.jsonl:2: source longer than 243 bytes") != std::string::npos);
  CHECK(indexed_ids(dir.str("db")) == std::set<std::string>{"3"});
}

TEST_CASE("for schedulers: --quiet prints nothing on success, a missing index is exit 2 and is not created",
          "[reindex][cli]") {
  TempDir dir;
  const std::string db = dir.str("db");
  newsq::test::write_file(dir.path() / "in.jsonl",
                          "{\"id\":\"1\",\"date\":\"2022-01-01\",\"text\":\"words\"}\n"
                          "{\"id\":\"2\",\"date\":\"2022-01-02\",\"text\":\"more words\"}\n");
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"index", "--db", db, "--quiet", "--delete-missing", dir.str("in.jsonl")},
                                             {"rebuild", "--db", db, "--quiet", dir.str("in.jsonl")},
                                             {"delete", "--db", db, "--quiet", "2", "no-such-id"},
                                             {"compact", "--db", db, "--quiet"}}) {
    auto r = newsq::test::run_cli(args);
    INFO(args[0]);
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
    CHECK(r.err.empty());
  }
  CHECK(indexed_ids(db) == std::set<std::string>{"1"});

  for (const auto& args : std::vector<std::vector<std::string>>{{"delete", "--db", dir.str("missing"), "1"},
                                                                {"compact", "--db", dir.str("missing")}}) {
    auto r = newsq::test::run_cli(args);
    INFO(args[0]);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("no such index") != std::string::npos);
    CHECK(!fs::exists(dir.path() / "missing"));
  }
  // Errors still reach stderr under --quiet.
  auto bad = newsq::test::run_cli({"index", "--db", db, "--quiet", dir.str("no-such-file.jsonl")});
  CHECK(bad.exit_code == 2);
  CHECK(!bad.err.empty());
}

TEST_CASE("numeric options outside their range are usage errors naming the option and touch nothing",
          "[reindex][cli]") {
  TempDir dir;
  const std::string db = dir.str("db");
  newsq::test::write_file(dir.path() / "in.jsonl",
                          "{\"id\":\"1\",\"date\":\"2022-01-01\",\"text\":\"words\"}\n"
                          "{\"id\":\"2\",\"date\":\"2022-01-02\",\"text\":\"more words\"}\n");
  REQUIRE(newsq::test::run_cli({"index", "--db", db, "--quiet", dir.str("in.jsonl")}).exit_code == 0);
  newsq::test::write_file(dir.path() / "one.jsonl", "{\"id\":\"1\",\"date\":\"2022-01-01\",\"text\":\"words\"}\n");

  // Each would once have run: 0 bytes rejected every record (and --delete-missing then emptied the
  // index), 100000 threads were spawned until the system refused.
  const std::pair<std::vector<std::string>, std::string> cases[] = {
      {{"index", "--max-record-bytes", "0", "--delete-missing"}, "--max-record-bytes must be 1024..1073741824, not 0"},
      {{"index", "--max-record-bytes", "1023"}, "--max-record-bytes must be 1024..1073741824, not 1023"},
      {{"index", "--max-record-bytes", "1073741825"}, "--max-record-bytes must be 1024..1073741824, not 1073741825"},
      {{"index", "--batch-size", "0"}, "--batch-size must be 1..1000000, not 0"},
      {{"index", "--batch-size", "1000001"}, "--batch-size must be 1..1000000, not 1000001"},
      {{"index", "--threads", "100000"}, "--threads must be 0..256 (0: one per core), not 100000"},
      {{"index", "--threads", "257", "--delete-missing"}, "--threads must be 0..256 (0: one per core), not 257"},
      {{"rebuild", "--max-record-bytes", "0"}, "--max-record-bytes must be 1024..1073741824, not 0"},
      {{"rebuild", "--threads", "100000"}, "--threads must be 0..256 (0: one per core), not 100000"},
      {{"rebuild", "--batch-size", "0"}, "--batch-size must be 1..1000000, not 0"},
  };
  for (const auto& [flags, message] : cases) {
    std::vector<std::string> args = flags;
    args.insert(args.begin() + 1, {"--db", db});
    args.push_back(dir.str("one.jsonl"));
    auto r = newsq::test::run_cli(args);
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "newsq " + flags[0] + ": " + message + " (see 'newsq " + flags[0] + " --help')\n");
    CHECK(indexed_ids(db) == std::set<std::string>{"1", "2"});
    CHECK(generations(db) == 1);
  }
  // Not numbers, or negative: cxxopts refuses them, also as usage errors.
  for (const char* value : {"-1", "many", "1e3", "99999999999999999999999"}) {
    auto r = newsq::test::run_cli({"index", "--db", db, "--threads", value, dir.str("one.jsonl")});
    INFO(value);
    CHECK(r.exit_code == 1);
  }
  // A usage error does not create the index either.
  CHECK(newsq::test::run_cli({"index", "--db", dir.str("new"), "--batch-size", "0", dir.str("one.jsonl")}).exit_code ==
        1);
  CHECK(!fs::exists(dir.path() / "new"));
  // The ends of the ranges are accepted.
  auto edge = newsq::test::run_cli(
      {"index", "--db", db, "--max-record-bytes", "1024", "--batch-size", "1", "--threads", "1", dir.str("in.jsonl")});
  INFO(edge.err);
  CHECK(edge.exit_code == 0);

  // The library refuses the same values, for C++ callers, before it touches anything.
  {
    newsq::IndexWriter w(db);
    newsq::IngestOptions options;
    options.max_record_bytes = 0;
    options.delete_missing = true;
    CHECK_THROWS_MATCHES(newsq::ingest(w, {dir.str("one.jsonl")}, options), std::invalid_argument,
                         Catch::Message("IngestOptions::max_record_bytes must be 1024..1073741824, not 0"));
    CHECK(w.size() == 2);
  }
  CHECK_THROWS_MATCHES(newsq::IndexWriter(dir.str("new"), {.batch_size = 0}), std::invalid_argument,
                       Catch::Message("WriterOptions::batch_size must be 1..1000000, not 0"));
  CHECK(!fs::exists(dir.path() / "new"));
  CHECK_THROWS_MATCHES(newsq::rebuild(db, {dir.str("one.jsonl")}, {}, {.threads = 100000}), std::invalid_argument,
                       Catch::Message("WriterOptions::threads must be 0..256 (0: one per core), not 100000"));
  newsq::IngestOptions tiny;
  tiny.max_record_bytes = 10;
  CHECK_THROWS_AS(newsq::rebuild(db, {dir.str("one.jsonl")}, tiny), std::invalid_argument);
  CHECK_THROWS_AS(newsq::compact(db, {.batch_size = 0}), std::invalid_argument);
  CHECK(indexed_ids(db) == std::set<std::string>{"1", "2"});
  CHECK(generations(db) == 1);
}

namespace {

// Takes every permission off `path` (chmod 000) and gives them back on destruction, so that the
// temporary folder can be removed.
class NoAccess {
 public:
  explicit NoAccess(fs::path path) : path_(std::move(path)), saved_(fs::status(path_).permissions()) {
    fs::permissions(path_, fs::perms::none);
  }
  ~NoAccess() {
    std::error_code ec;
    fs::permissions(path_, saved_, ec);
  }
  NoAccess(const NoAccess&) = delete;
  NoAccess& operator=(const NoAccess&) = delete;

 private:
  fs::path path_;
  fs::perms saved_;
};

std::string article_line(const std::string& id, const std::string& text = "words of the archive") {
  return "{\"id\":\"" + id + "\",\"date\":\"2022-01-01\",\"text\":\"" + text + "\"}\n";
}

}  // namespace

TEST_CASE("inputs that cannot be read are reported and counted; the rest is indexed; exit 2; nothing deleted",
          "[reindex][cli]") {
  TempDir dir;
  const std::string db = dir.str("db");
  const fs::path archive = dir.path() / "archive";
  newsq::test::write_file(archive / "a" / "1.jsonl", article_line("a1") + article_line("a2"));
  newsq::test::write_file(archive / "locked" / "2.jsonl", article_line("l1"));
  newsq::test::write_file(archive / "secret.jsonl", article_line("s1"));
  REQUIRE(newsq::test::run_cli({"index", "--db", db, "--quiet", archive.string()}).exit_code == 0);
  const std::set<std::string> all{"a1", "a2", "l1", "s1"};
  REQUIRE(indexed_ids(db) == all);

  // The next night: a1 changed, and parts of the archive cannot be read.
  newsq::test::write_file(archive / "a" / "1.jsonl", article_line("a1", "changed words") + article_line("a2"));
  fs::create_symlink("gone.jsonl", archive / "dangling.jsonl");
  fs::create_symlink("loop2.jsonl", archive / "loop1.jsonl");
  fs::create_symlink("loop1.jsonl", archive / "loop2.jsonl");
  fs::create_directory_symlink("..", archive / "a" / "up");  // A directory symlink to its own parent.
  const bool root = geteuid() == 0;
  std::optional<NoAccess> locked, secret;
  if (root) {
    WARN("SKIPPED the chmod 000 part: running as root, which reads whatever the permissions say");
  } else {
    locked.emplace(archive / "locked");
    secret.emplace(archive / "secret.jsonl");
  }
  const std::uint64_t broken = root ? 4 : 6;

  auto r = newsq::test::run_cli({"index", "--db", db, "--delete-missing", archive.string()});
  INFO(r.err);
  CHECK(r.exit_code == 2);
  const std::string a = archive.string();
  CHECK(r.err.find(a + "/dangling.jsonl: dangling symlink: its target gone.jsonl does not exist\n") !=
        std::string::npos);
  CHECK(r.err.find(a + "/loop1.jsonl: symlink loop (") != std::string::npos);
  CHECK(r.err.find(a + "/loop2.jsonl: symlink loop (") != std::string::npos);
  CHECK(r.err.find(a + "/a/up: symlink loop: leads back to " + a + "\n") != std::string::npos);
  if (!root) {
    CHECK(r.err.find(a + "/locked: cannot read directory: Permission denied\n") != std::string::npos);
    CHECK(r.err.find(a + "/secret.jsonl: Permission denied\n") != std::string::npos);
  }
  const std::string unchanged = root ? "3" : "1";  // a2, and l1 and s1 when they can be read.
  CHECK(r.err.find("(0 added, 1 updated, " + unchanged + " unchanged, 0 deleted), 0 rejected, " +
                   std::to_string(broken) + " unreadable;") != std::string::npos);
  CHECK(r.err.find("--delete-missing deleted nothing: " + std::to_string(broken) + " inputs could not be read\n") !=
        std::string::npos);
  CHECK(r.err.find(std::to_string(broken) + " inputs could not be read; everything readable was indexed\n") !=
        std::string::npos);
  CHECK(indexed_ids(db) == all);
  CHECK(ids_with(db, "changed") == std::set<std::string>{"a1"});

  // --quiet keeps the unreadable inputs and the refusal, drops the summary.
  auto quiet = newsq::test::run_cli({"index", "--db", db, "--quiet", "--delete-missing", archive.string()});
  CHECK(quiet.exit_code == 2);
  CHECK(quiet.err.find("dangling.jsonl: dangling symlink") != std::string::npos);
  CHECK(quiet.err.find("deleted nothing") != std::string::npos);
  CHECK(quiet.err.find("articles (") == std::string::npos);

  // A rebuild would lose what could not be read: it swaps nothing in.
  auto rebuilt = newsq::test::run_cli({"rebuild", "--db", db, archive.string()});
  CHECK(rebuilt.exit_code == 2);
  CHECK(rebuilt.err.find("could not be read; nothing was swapped in, the live index is unchanged") !=
        std::string::npos);
  CHECK(indexed_ids(db) == all);
  CHECK(generations(db) == 1);

  // --on-error=fail stops at the first.
  auto fail = newsq::test::run_cli({"index", "--db", db, "--on-error=fail", archive.string()});
  CHECK(fail.exit_code == 2);
  CHECK(fail.err.find("1 input could not be read; stopped there (--on-error=fail)") != std::string::npos);

  // The library: everything readable committed, then UnreadableInputs with the report.
  {
    newsq::IndexWriter w(db);
    newsq::IngestOptions options;
    options.delete_missing = true;
    std::vector<std::string> seen;
    options.on_unreadable = [&](const newsq::Rejection& u) { seen.push_back(u.file); };
    try {
      newsq::ingest(w, {archive.string()}, options);
      FAIL("ingest() did not throw UnreadableInputs");
    } catch (const newsq::UnreadableInputs& e) {
      CHECK(e.report().unreadable == broken);
      CHECK(e.report().deleted == 0);
      CHECK(e.report().unchanged == (root ? 4u : 2u));
      CHECK(!e.report().deletion_refused.empty());
      CHECK(e.line() == 0);
    }
    CHECK(seen.size() == broken);
    CHECK(w.size() == 4);
  }

  // Once everything can be read again, the missing articles are deleted as before.
  locked.reset();
  secret.reset();
  for (const char* link : {"dangling.jsonl", "loop1.jsonl", "loop2.jsonl", "a/up"}) fs::remove(archive / link);
  fs::remove(archive / "secret.jsonl");
  auto clean = newsq::test::run_cli({"index", "--db", db, "--delete-missing", archive.string()});
  INFO(clean.err);
  CHECK(clean.exit_code == 0);
  CHECK(clean.err.find("1 deleted), 0 rejected, 0 unreadable;") != std::string::npos);
  CHECK(indexed_ids(db) == std::set<std::string>{"a1", "a2", "l1"});
}

TEST_CASE("an empty input directory or an input set with no article is refused by --delete-missing and rebuild",
          "[reindex][cli]") {
  TempDir dir;
  const std::string db = dir.str("db");
  newsq::test::write_file(dir.path() / "in.jsonl", article_line("1") + article_line("2"));
  REQUIRE(newsq::test::run_cli({"index", "--db", db, "--quiet", dir.str("in.jsonl")}).exit_code == 0);
  fs::create_directories(dir.path() / "mnt" / "archive");  // An archive whose disk is not mounted.
  newsq::test::write_file(dir.path() / "other" / "README.md", "not an article file\n");
  newsq::test::write_file(dir.path() / "empty.jsonl", "");
  newsq::test::write_file(dir.path() / "bad.jsonl", "{\"id\":\"9\",\"date\":\"never\",\"text\":\"x\"}\n");

  for (const char* empty_dir : {"mnt", "other"}) {
    auto r = newsq::test::run_cli({"index", "--db", db, "--delete-missing", dir.str(empty_dir)});
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(dir.str(empty_dir) +
                     ": no article file in this directory (.jsonl, .ndjson, .csv, .txt, each optionally "
                     ".gz): an unmounted or emptied archive?\n") != std::string::npos);
    CHECK(r.err.find("0 rejected, 1 unreadable;") != std::string::npos);
    CHECK(r.err.find("--delete-missing deleted nothing: 1 input could not be read") != std::string::npos);
    CHECK(indexed_ids(db) == std::set<std::string>{"1", "2"});
  }
  for (const char* no_article : {"empty.jsonl", "bad.jsonl"}) {
    auto r = newsq::test::run_cli({"index", "--db", db, "--delete-missing", dir.str(no_article)});
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--delete-missing deleted nothing: the inputs hold no article\n") != std::string::npos);
    CHECK(indexed_ids(db) == std::set<std::string>{"1", "2"});

    auto rebuilt = newsq::test::run_cli({"rebuild", "--db", db, dir.str(no_article)});
    INFO(rebuilt.err);
    CHECK(rebuilt.exit_code == 2);
    CHECK(rebuilt.err.find("a rebuild would empty the index; the live index is unchanged") != std::string::npos);
    CHECK(indexed_ids(db) == std::set<std::string>{"1", "2"});
    CHECK(generations(db) == 1);
  }
  auto rebuilt = newsq::test::run_cli({"rebuild", "--db", db, dir.str("mnt")});
  CHECK(rebuilt.exit_code == 2);
  CHECK(indexed_ids(db) == std::set<std::string>{"1", "2"});

  // The library refuses an empty input set outright.
  newsq::IndexWriter w(db);
  newsq::IngestOptions options;
  options.delete_missing = true;
  auto report = newsq::ingest(w, {}, options);
  CHECK(report.deletion_refused == "the inputs hold no article");
  CHECK(w.size() == 2);
}
