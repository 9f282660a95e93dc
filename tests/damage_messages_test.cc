// tests/damage_messages_test.cc: an index that cannot be used is refused with one readable line
// naming the directory and what to do, never a raw Xapian message: an empty directory, a stub
// emptied or removed under a searcher that had opened the index, and a write lock held by a
// program that is not a newsq writer (flock(2) on write.lock, or Xapian's own lock on the
// generation).
#include <sys/file.h>
#include <fcntl.h>
#include <unistd.h>
#include <xapian.h>

#include <filesystem>

#include "newsq/error.h"
#include "newsq/searcher.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using newsq::test::run_cli;
using newsq::test::TempDir;

namespace {

std::string sample() { return (newsq::test::source_dir() / "corpus" / "sample" / "wire.jsonl").string(); }

bool one_line(const std::string& err) { return !err.empty() && err.find('\n') == err.size() - 1; }

bool raw_xapian(const std::string& message) {
  return message.find("Couldn't detect type") != std::string::npos ||
         message.find("uninitialised") != std::string::npos || message.find("reopen()") != std::string::npos;
}

}  // namespace

TEST_CASE("an empty directory: every command says so, none creates an index in it", "[damage]") {
  TempDir dir;
  const std::string d = dir.str("empty");
  fs::create_directories(d);
  for (const auto& args : std::vector<std::vector<std::string>>{{"search", "--db", d, "kyiv"},
                                                                {"stats", "--db", d},
                                                                {"check", "--db", d},
                                                                {"repair", "--db", d},
                                                                {"compact", "--db", d},
                                                                {"delete", "--db", d, "x"}}) {
    auto r = run_cli(args);
    INFO(args[0] << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(one_line(r.err));
    CHECK(r.err.find(d) != std::string::npos);
    CHECK((r.err.find("empty directory") != std::string::npos || r.err.find("not an index") != std::string::npos));
    CHECK(!raw_xapian(r.err));
    CHECK(fs::is_empty(d));  // Not even a lock file.
  }
}

TEST_CASE("a stub emptied or removed under an open searcher is named, not Xapian's message", "[damage]") {
  TempDir dir;
  const std::string db = dir.str("db");
  REQUIRE(run_cli({"index", "--db", db, sample()}).exit_code == 0);
  const std::string stub = (fs::path(db) / "XAPIANDB").string();
  const std::string kept = newsq::test::read_file(stub);
  newsq::Searcher searcher(db);
  newsq::SearchRequest request;
  request.query = "lviv";
  REQUIRE(searcher.search(request).total > 0);

  newsq::test::write_file(stub, "");
  try {
    searcher.search(request);
    FAIL("a search through an empty stub succeeded");
  } catch (const newsq::DatabaseError& e) {
    const std::string message = e.what();
    INFO(message);
    CHECK(message.find("damaged index") != std::string::npos);
    CHECK(message.find("XAPIANDB is empty") != std::string::npos);
    CHECK(message.find("newsq repair --db " + db) != std::string::npos);
    CHECK(!raw_xapian(message));
  }
  CHECK_THROWS_WITH(searcher.stats(), Catch::Contains("XAPIANDB is empty") && !Catch::Contains("uninitialised"));

  // Everything removed: an empty directory now.
  for (const auto& e : fs::directory_iterator(db)) fs::remove_all(e.path());
  CHECK_THROWS_WITH(searcher.search(request),
                    Catch::Contains("empty directory") && !Catch::Contains("Couldn't detect"));

  // And back: the searcher recovers when the index does.
  fs::remove_all(db);
  REQUIRE(run_cli({"index", "--db", db, sample()}).exit_code == 0);
  CHECK(searcher.search(request).total > 0);
  (void)kept;
}

TEST_CASE("a write lock held by a program that is not a newsq writer is named as such", "[damage]") {
  TempDir dir;
  const std::string db = dir.str("db");
  REQUIRE(run_cli({"index", "--db", db, sample()}).exit_code == 0);
  // The last newsq writer's pid stays in the file; a script then takes the lock as flock(1) would,
  // without writing its own.
  const std::string lock_path = (fs::path(db) / "write.lock").string();
  const std::string stale = newsq::test::read_file(lock_path);
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CLOEXEC);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  for (const auto& args : std::vector<std::vector<std::string>>{{"index", "--db", db, sample()},
                                                                {"delete", "--db", db, "x"},
                                                                {"compact", "--db", db},
                                                                {"rebuild", "--db", db, sample()},
                                                                {"repair", "--db", db}}) {
    auto r = run_cli(args);
    INFO(args[0] << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(one_line(r.err));
    CHECK(r.err.find("index is locked by pid " + std::to_string(getpid())) != std::string::npos);
    CHECK(r.err.find("not a newsq writer") != std::string::npos);
  }
  CHECK(newsq::test::read_file(lock_path) == stale);
  ::close(fd);

  // Xapian's own lock on the live generation, held by a program writing to it directly.
  {
    Xapian::WritableDatabase other(newsq::test::live_generation_path(db), Xapian::DB_OPEN);
    auto r = run_cli({"index", "--db", db, sample()});
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(one_line(r.err));
    CHECK(r.err.find("open for writing by a program other than newsq") != std::string::npos);
  }
  CHECK(run_cli({"index", "--db", db, sample()}).exit_code == 0);
}
