// tests/index_damage_test.cc: a damaged index is never mistaken for a new one. For each kind of
// damage (the stub missing, empty, garbled or naming a missing generation; each table file lost,
// truncated or with flipped bytes) every command either works on the intact generation or refuses
// with exit code 2, and none deletes data; `newsq check` names the damage and `newsq repair` puts
// the stub back on the newest sound generation without deleting any.
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>

#include "tests/test_support.h"

namespace fs = std::filesystem;
using newsq::test::run_cli;
using newsq::test::TempDir;

namespace {

std::string sample() { return (newsq::test::source_dir() / "corpus" / "sample").string(); }

// Every file under `dir` with its size: what "nothing was deleted" compares.
std::map<std::string, std::uintmax_t> files_of(const fs::path& dir) {
  std::map<std::string, std::uintmax_t> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().filename() != "write.lock" && e.path().filename() != "verified" &&
        e.path().filename() != "flintlock")
      out[fs::relative(e.path(), dir).string()] = e.file_size();
  return out;
}

int articles_in(const std::string& db) {
  auto r = run_cli({"stats", "--db", db, "--json"});
  if (r.exit_code != 0) return -1;
  auto at = r.out.find("\"articles\":");
  return at == std::string::npos ? -1 : std::stoi(r.out.substr(at + 11));
}

void flip_bytes(const fs::path& file, std::uintmax_t at) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(static_cast<std::streamoff>(at));
  f.write("\x5a\xa5garbage", 9);
}

struct Damage {
  std::string name;
  std::function<void(const fs::path& db, const fs::path& gen)> apply;
  bool searchable;  // Searches may still work (the damage is in no table a search opens first).
};

}  // namespace

TEST_CASE("no command deletes or overwrites a damaged index", "[damage]") {
  TempDir dir;
  const std::string good = dir.str("good");
  REQUIRE(run_cli({"index", "--db", good, sample()}).exit_code == 0);
  const int articles = articles_in(good);
  REQUIRE(articles > 10);
  const std::string live = newsq::test::live_generation_path(good);
  const std::string gen_name = fs::path(live).filename().string();

  std::vector<Damage> damages = {
      {"stub missing", [](const fs::path& db, const fs::path&) { fs::remove(db / "XAPIANDB"); }, false},
      {"stub empty", [](const fs::path& db, const fs::path&) { newsq::test::write_file(db / "XAPIANDB", ""); }, false},
      {"stub garbled",
       [](const fs::path& db, const fs::path&) { newsq::test::write_file(db / "XAPIANDB", "\x01\x7f zz\n"); }, false},
      {"stub names a missing generation",
       [](const fs::path& db, const fs::path&) { newsq::test::write_file(db / "XAPIANDB", "glass gen-000099\n"); },
       false},
  };
  for (const char* table : {"postlist.glass", "termlist.glass", "docdata.glass", "position.glass", "iamglass"}) {
    damages.push_back({"lost " + std::string(table),
                       [table](const fs::path&, const fs::path& gen) { fs::remove(gen / table); }, false});
    if (std::string(table) != "iamglass")
      damages.push_back({"truncated " + std::string(table),
                         [table](const fs::path&, const fs::path& gen) {
                           fs::resize_file(gen / table, fs::file_size(gen / table) / 2 + 1);
                         },
                         false});
  }
  damages.push_back({"flipped bytes in postlist.glass",
                     [](const fs::path&, const fs::path& gen) { flip_bytes(gen / "postlist.glass", 8192 + 900); },
                     true});

  for (const Damage& damage : damages) {
    DYNAMIC_SECTION(damage.name) {
      const fs::path db = dir.path() / "damaged";
      fs::remove_all(db);
      fs::copy(good, db, fs::copy_options::recursive);
      damage.apply(db, db / gen_name);
      const auto before = files_of(db);
      const std::string d = db.string();

      auto check = run_cli({"check", "--db", d});
      INFO(check.out << check.err);
      CHECK(check.exit_code == 2);
      CHECK(check.out.find("DAMAGED") != std::string::npos);

      const std::vector<std::vector<std::string>> writers = {
          {"index", "--db", d, sample()},   {"index", "--db", d, "--delete-missing", sample()},
          {"rebuild", "--db", d, sample()}, {"rebuild", "--db", d, d + "/no-such-input.jsonl"},
          {"compact", "--db", d},           {"delete", "--db", d, "kc-2023-0026"},
      };
      for (const auto& args : writers) {
        auto r = run_cli(args);
        INFO(args[0] << " " << args[2] << ": " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("damaged index") != std::string::npos);
        CHECK(files_of(db) == before);  // Nothing deleted, nothing written.
      }
      auto search = run_cli({"search", "--db", d, "--json", "kyiv"});
      if (!damage.searchable) {
        CHECK(search.exit_code == 2);
        CHECK(search.err.find("\n") == search.err.size() - 1);  // One readable line.
      }
    }
  }
}

TEST_CASE("repair points the stub at the newest sound generation and deletes none", "[damage]") {
  TempDir dir;
  const std::string db = dir.str("db");
  REQUIRE(run_cli({"index", "--db", db, sample()}).exit_code == 0);
  const int articles = articles_in(db);
  const fs::path live = newsq::test::live_generation_path(db);
  // A newer generation that lost a table (say a copy interrupted), and no stub.
  const fs::path newer = fs::path(db) / "gen-000007";
  fs::copy(live, newer);
  fs::remove(newer / "docdata.glass");
  fs::remove(fs::path(db) / "XAPIANDB");

  auto refused = run_cli({"index", "--db", db, sample()});
  CHECK(refused.exit_code == 2);
  auto repaired = run_cli({"repair", "--db", db});
  INFO(repaired.err);
  CHECK(repaired.exit_code == 0);
  CHECK(repaired.err.find(live.filename().string()) != std::string::npos);
  CHECK(fs::exists(newer / "postlist.glass"));  // Not deleted by repair.
  CHECK(run_cli({"check", "--db", db}).exit_code == 0);
  CHECK(articles_in(db) == articles);
  CHECK(run_cli({"repair", "--db", db}).err.find("nothing to do") != std::string::npos);

  // Writing works again, and the index still holds every article.
  auto again = run_cli({"index", "--db", db, sample()});
  CHECK(again.exit_code == 0);
  CHECK(articles_in(db) == articles);

  // Nothing sound at all: repair says so and changes nothing.
  fs::remove(fs::path(db) / "XAPIANDB");
  for (const auto& g : fs::directory_iterator(db))
    if (g.path().filename().string().starts_with("gen-")) fs::remove(g.path() / "termlist.glass");
  auto hopeless = run_cli({"repair", "--db", db});
  CHECK(hopeless.exit_code == 2);
  CHECK(hopeless.err.find("no generation can be repaired") != std::string::npos);
  CHECK(!fs::exists(fs::path(db) / "XAPIANDB"));
}

TEST_CASE("a directory that is not an index is never written into", "[damage]") {
  TempDir dir;
  const fs::path home = dir.path() / "home";
  newsq::test::write_file(home / "notes.txt", "my notes\n");
  auto r = run_cli({"index", "--db", home.string(), sample()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("not a newsq index") != std::string::npos);
  CHECK(!fs::exists(home / "XAPIANDB"));
  CHECK(newsq::test::read_file(home / "notes.txt") == "my notes\n");

  // An empty directory is fine to start in; search on it says it is empty, not a Xapian message.
  fs::create_directories(dir.path() / "empty");
  auto empty = run_cli({"search", "--db", dir.str("empty"), "kyiv"});
  CHECK(empty.exit_code == 2);
  CHECK(empty.err.find("empty directory") != std::string::npos);
  CHECK(run_cli({"index", "--db", dir.str("empty"), sample()}).exit_code == 0);
}
