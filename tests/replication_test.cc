// tests/replication_test.cc: one newsq index replicated by Xapian's own tools (issue 18, the nightly
// job across machines; docs/operations.md "Search hosts"): the index's folder served by a real
// xapian-replicate-server on a free loopback port, pulled by xapian-replicate into a replica
// folder that a Searcher reads while a loop of searches runs on it, through a commit (changesets
// applied in place) and rebuilds (a new generation on the master: a full copy swapped in).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <thread>

#include "newsq/newsq.h"
#include "tests/test_support.h"

using newsq::test::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr const char* kServer = "/usr/bin/xapian-replicate-server";
constexpr const char* kClient = "/usr/bin/xapian-replicate";

// `xapian-replicate-server` serving the databases under `root` on a free loopback port, stopped
// (SIGTERM) when the object goes.
class ReplicationServer {
 public:
  explicit ReplicationServer(const std::string& root) {
    // Another program may take the port between free_loopback_port() and the server's bind: try again.
    for (int attempt = 0; attempt < 5 && port_ == 0; ++attempt) {
      const int port = newsq::test::free_loopback_port();
      pid_ = newsq::test::start_program({kServer, "--interface", "127.0.0.1", "--port", std::to_string(port), root});
      while (waitpid(pid_, nullptr, WNOHANG) == 0) {
        if (newsq::test::loopback_accepts(port)) {
          port_ = port;
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
    if (port_ == 0) throw std::runtime_error("xapian-replicate-server did not start");
  }
  ~ReplicationServer() {
    kill(pid_, SIGTERM);
    newsq::test::wait_cli(pid_);
  }
  ReplicationServer(const ReplicationServer&) = delete;
  ReplicationServer& operator=(const ReplicationServer&) = delete;
  int port() const { return port_; }

 private:
  int pid_ = -1;
  int port_ = 0;
};

// One pull, as a search host's timer runs it: master `name` (its path under the server's root)
// into `replica`. Returns xapian-replicate's report ("Update complete: 0 copies, 1 changesets, ...").
std::string replicate(const ReplicationServer& server, const std::string& name, const std::string& replica) {
  const auto r =
      newsq::test::run_program({kClient, "--host", "127.0.0.1", "--port", std::to_string(server.port()), "--master",
                                name, "--one-shot", "--verbose", "--reader-time", "0", "--timeout", "60", replica});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

// The copy the replica folder's stub names now (xapian-replicate's own stub: "auto replica_N").
std::string live_copy(const std::string& replica) {
  const std::string stub = newsq::test::read_file(fs::path(replica) / "XAPIANDB");
  const auto at = stub.find("replica_");
  return at == std::string::npos ? std::string() : stub.substr(at, stub.find('\n', at) - at);
}

// The searches compared: words, a phrase, a source drill-down, a place, the newest first, one page in.
std::vector<newsq::SearchRequest> requests() {
  std::vector<newsq::SearchRequest> out;
  for (const char* words : {"ukraine", "missile strike", "\"grain deal\"", "refugees -poland", "zelensky OR putin"})
    out.push_back({.query = words, .limit = 20});
  out.push_back({.query = "russia", .offset = 10, .limit = 10, .sort = newsq::SearchRequest::Sort::date});
  out.push_back({.query = "war", .limit = 20, .place = "Kharkiv"});
  out.push_back({.query = "", .limit = 20, .facet_filters = {{"date", "2022"}}});
  return out;
}

// What a search answers, as one comparable text: total, hit ids in order, every facet's values
// and counts, the suggestion.
std::string answer(newsq::Searcher& searcher, const newsq::SearchRequest& request) {
  const newsq::SearchResults r = searcher.search(request);
  std::string out = "total " + std::to_string(r.total) + "\nhits";
  for (const auto& hit : r.hits) out += " " + hit.id;
  out += "\ngranularity " + r.date_granularity + "\nsuggestion " + r.suggestion + "\n";
  for (const auto& [name, values] : r.facets) {
    out += name + ":";
    for (const auto& v : values) out += " " + v.value + "=" + std::to_string(v.count);
    out += "\n";
  }
  return out;
}

// The replica answers every request as the master does; returns the first request's total.
std::uint64_t check_same_answers(newsq::Searcher& master, newsq::Searcher& replica) {
  for (const auto& request : requests()) {
    INFO("query: " << request.query);
    CHECK(answer(replica, request) == answer(master, request));
  }
  return master.search(requests().front()).total;
}

// Searches the replica over and over on a thread of its own until stopped, counting the searches
// and keeping the message of any that failed.
class SearchLoop {
 public:
  explicit SearchLoop(const std::string& replica) : searcher_(replica), thread_([this] { run(); }) {}
  ~SearchLoop() { stop(); }
  void stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  // Returns once at least `n` more searches have finished (so some ran on what is live now).
  void wait_for(std::uint64_t n) {
    const std::uint64_t target = done_ + n;
    while (done_ < target && !stop_) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::uint64_t done() const { return done_; }
  std::vector<std::string> failures() {
    std::lock_guard lock(mutex_);
    return failures_;
  }

 private:
  void run() {
    const auto all = requests();
    for (std::size_t i = 0; !stop_; ++i) {
      try {
        searcher_.search(all[i % all.size()]);
      } catch (const std::exception& e) {
        std::lock_guard lock(mutex_);
        failures_.push_back(e.what());
      }
      ++done_;
    }
  }
  newsq::Searcher searcher_;
  std::atomic<bool> stop_{false};
  std::atomic<std::uint64_t> done_{0};
  std::mutex mutex_;
  std::vector<std::string> failures_;
  std::thread thread_;
};

// Writes articles [from, to) of the shared corpus's war news as a JSON Lines input.
std::string slice(const TempDir& dir, const std::string& name, std::size_t from, std::size_t to) {
  static const std::vector<std::string> lines =
      newsq::test::read_lines(newsq::test::shared_dir() / "corpus" / "ruwa-2021-2022.jsonl.gz");
  std::string text;
  for (std::size_t i = from; i < to && i < lines.size(); ++i) text += lines[i] + "\n";
  newsq::test::write_file(dir.path() / name, text);
  return dir.str(name);
}

void run_ok(const std::vector<std::string>& args) {
  const auto r = newsq::test::run_cli(args);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
}

}  // namespace

TEST_CASE(
    "a replica kept by xapian-replicate answers as its master does, through commits and rebuilds, "
    "while searches run on it",
    "[shared][replication]") {
  NEWSQ_REQUIRE_SHARED();
  if (!fs::exists(kServer) || !fs::exists(kClient)) {
    WARN("SKIPPED: xapian-replicate(-server) is not installed (Debian package xapian-tools)");
    return;
  }
  // Writers keep changesets, so a pull after a commit sends only the changes (docs/operations.md).
  ::setenv("XAPIAN_MAX_CHANGESETS", "10", 1);
  TempDir dir;
  const std::string master = dir.str("root/news"), replica = dir.str("replica");
  const std::string first = slice(dir, "first.jsonl", 0, 3000), more = slice(dir, "more.jsonl", 3000, 3400),
                    other = slice(dir, "other.jsonl", 3400, 4000);
  run_ok({"index", "--db", master, "--gazetteer", newsq::test::small_gazetteer(), "--quiet", first});
  ReplicationServer server(dir.str("root"));

  // The first pull: a full copy into an empty folder. The replica opens like an index.
  CHECK(replicate(server, "news", replica).find("1 copies") != std::string::npos);
  newsq::Searcher on_master(master), on_replica(replica);
  CHECK(on_replica.stats().articles == 3000);
  const std::uint64_t before = check_same_answers(on_master, on_replica);
  // Kept open and not used until the copy it reads has been replaced twice.
  newsq::Searcher idle(replica);
  CHECK(idle.search(requests().front()).total == before);
  const std::string first_copy = live_copy(replica);
  REQUIRE(!first_copy.empty());

  SearchLoop loop(replica);
  loop.wait_for(3);

  // New articles on the master: the changesets are applied in place.
  run_ok({"index", "--db", master, "--quiet", more});
  CHECK(replicate(server, "news", replica).find("1 changesets") != std::string::npos);
  CHECK(live_copy(replica) == first_copy);
  loop.wait_for(3);
  CHECK(on_replica.stats().articles == 3400);
  CHECK(check_same_answers(on_master, on_replica) > before);

  // A rebuild swaps a generation in on the master: the replica gets a full copy in its other
  // folder and swaps it in by renaming its stub, with searches going on.
  run_ok({"rebuild", "--db", master, "--quiet", first, more, other});
  CHECK(replicate(server, "news", replica).find("1 copies") != std::string::npos);
  CHECK(live_copy(replica) != first_copy);
  loop.wait_for(3);
  CHECK(on_replica.stats().articles == 4000);
  check_same_answers(on_master, on_replica);

  // Another rebuild brings the first folder's name back, now holding another copy: a searcher
  // that last read that name must not take it for the copy it had open.
  run_ok({"rebuild", "--db", master, "--quiet", first, other});
  replicate(server, "news", replica);
  CHECK(live_copy(replica) == first_copy);
  loop.wait_for(3);
  check_same_answers(on_master, idle);
  check_same_answers(on_master, on_replica);
  CHECK(idle.stats().articles == 3600);

  loop.stop();
  INFO("searches on the replica meanwhile: " << loop.done());
  CHECK(loop.done() > 0);
  CHECK(loop.failures() == std::vector<std::string>{});

  // newsq never writes into the folder xapian-replicate keeps.
  const auto refused = newsq::test::run_cli({"index", "--db", replica, more});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("a replica that xapian-replicate keeps") != std::string::npos);
}

TEST_CASE("a replica folder opens like an index, and no newsq writer changes it", "[replication]") {
  if (!fs::exists(kServer) || !fs::exists(kClient)) {
    WARN("SKIPPED: xapian-replicate(-server) is not installed (Debian package xapian-tools)");
    return;
  }
  TempDir dir;
  const std::string master = dir.str("root/news"), replica = dir.str("replica");
  newsq::test::index_articles(
      master,
      {newsq::test::article("a1", "2022-03-01", "Wire", "Grain ships leave Odesa", "The grain corridor opened."),
       newsq::test::article("a2", "2022-03-02", "Daily", "Port reopens", "Grain exports resumed from the port.")});
  ReplicationServer server(dir.str("root"));
  replicate(server, "news", replica);

  newsq::Searcher searcher(replica);
  CHECK(searcher.search({.query = "grain"}).total == 2);
  CHECK(searcher.stats().articles == 2);
  const auto check = newsq::test::run_cli({"check", "--db", replica});
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);

  // Every writer refuses before touching anything (not even a lock file appears).
  const auto files_before = std::distance(fs::directory_iterator(replica), fs::directory_iterator());
  for (const std::vector<std::string>& args : {std::vector<std::string>{"index", "--db", replica, "-"},
                                               {"delete", "--db", replica, "a1"},
                                               {"compact", "--db", replica},
                                               {"repair", "--db", replica},
                                               {"rebuild", "--db", replica, "-"}}) {
    const auto r = newsq::test::run_cli(args, R"({"id":"a3","date":"2022-03-03","source":"X","text":"grain"})");
    INFO(args.front() << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("a replica that xapian-replicate keeps") != std::string::npos);
  }
  CHECK(std::distance(fs::directory_iterator(replica), fs::directory_iterator()) == files_before);
  CHECK(newsq::Searcher(replica).search({.query = "grain"}).total == 2);
}
