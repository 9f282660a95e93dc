// tests/index_damage_matrix_test.cc: every command against every kind of damage. The index holds a
// live generation and an older sound one; the damage is to the stub (missing, empty, garbage,
// naming a missing generation) or to one table file of the live generation (each *.glass file and
// iamglass: missing, truncated to half, 9 bytes overwritten in the middle). For each, every
// command (check, stats, search, index, index --delete-missing, rebuild, compact, delete, repair)
// must either work as on the intact index (exit 0, the same results) or refuse with exit 2 and
// one line saying what is wrong; no command but repair may change any file of the index (contents
// hashed before and after), and repair only the stub, pointing it at a sound generation.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>

#include "tests/test_support.h"

namespace fs = std::filesystem;
using newsq::test::CommandResult;
using newsq::test::run_cli;
using newsq::test::TempDir;

namespace {

std::string sample(const std::string& part = "") {
  return (newsq::test::source_dir() / "corpus" / "sample" / part).string();
}

// Every file of the index with a hash of its contents, but for the files whose changes say nothing
// about the data: the lock files and the writers' "verified" record.
std::map<std::string, std::size_t> contents_of(const fs::path& dir) {
  std::map<std::string, std::size_t> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (e.is_regular_file() && name != "write.lock" && name != "verified" && name != "flintlock")
      out[fs::relative(e.path(), dir).string()] = std::hash<std::string>{}(newsq::test::read_file(e.path()));
  }
  return out;
}

// What a reader shows, without what may differ between two equal indexes (timings, disk size).
std::string stats_view(const CommandResult& r) {
  auto j = nlohmann::json::parse(r.out);
  j.erase("disk_bytes");
  return j.dump();
}
std::string search_view(const CommandResult& r) {
  auto j = nlohmann::json::parse(r.out);
  nlohmann::json ids = nlohmann::json::array();
  for (const auto& h : j["hits"]) ids.push_back({h["id"], h["title"], h["snippet"]});
  return nlohmann::json{{"total", j["total"]}, {"hits", ids}, {"facets", j["facets"]}}.dump();
}

void overwrite_middle(const fs::path& file) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(static_cast<std::streamoff>(fs::file_size(file) / 2));
  f.write("\x5a\xa5garbage", 9);
}

bool one_line(const std::string& err) { return !err.empty() && err.find('\n') == err.size() - 1; }

struct Damage {
  std::string name;
  std::function<void(const fs::path& db, const fs::path& live)> apply;
  bool stub = false;  // The stub is damaged; the live generation's tables are intact.
};

}  // namespace

TEST_CASE("every command on every kind of damage works on intact data or refuses, and none deletes data", "[damage]") {
  TempDir dir;
  // The older generation: wire.jsonl alone. The live one: the whole sample.
  const std::string good = dir.str("good");
  REQUIRE(run_cli({"index", "--db", good, sample("wire.jsonl")}).exit_code == 0);
  const fs::path old_copy = dir.path() / "old-generation";
  fs::copy(newsq::test::live_generation_path(good), old_copy);
  REQUIRE(run_cli({"index", "--db", good, sample()}).exit_code == 0);
  const fs::path live = newsq::test::live_generation_path(good);
  const std::string live_name = live.filename().string();
  const std::string old_name = "gen-000001";
  REQUIRE(live_name > old_name);
  fs::copy(old_copy, fs::path(good) / old_name);

  // The intact index's answers, and the older generation's (what repair falls back to).
  const auto intact_stats = run_cli({"stats", "--db", good, "--json"});
  const auto intact_search = run_cli({"search", "--db", good, "--json", "kyiv"});
  REQUIRE(intact_stats.exit_code == 0);
  REQUIRE(intact_search.exit_code == 0);
  std::string old_stats;
  {
    const std::string old_db = dir.str("old");
    fs::create_directories(old_db);
    fs::copy(old_copy, fs::path(old_db) / old_name);
    newsq::test::write_file(fs::path(old_db) / "XAPIANDB", "glass " + old_name + "\n");
    auto r = run_cli({"stats", "--db", old_db, "--json"});
    REQUIRE(r.exit_code == 0);
    old_stats = stats_view(r);
    REQUIRE(old_stats != stats_view(intact_stats));
  }

  std::vector<Damage> damages = {
      {"stub missing", [](const fs::path& db, const fs::path&) { fs::remove(db / "XAPIANDB"); }, true},
      {"stub empty", [](const fs::path& db, const fs::path&) { newsq::test::write_file(db / "XAPIANDB", ""); }, true},
      {"stub garbage",
       [](const fs::path& db, const fs::path&) { newsq::test::write_file(db / "XAPIANDB", "\x01\x7f\xfe zz\n"); },
       true},
      {"stub names a missing generation",
       [](const fs::path& db, const fs::path&) { newsq::test::write_file(db / "XAPIANDB", "glass gen-000099\n"); },
       true},
  };
  std::vector<std::string> tables;
  for (const auto& e : fs::directory_iterator(live))
    if (e.path().extension() == ".glass" || e.path().filename() == "iamglass")
      tables.push_back(e.path().filename().string());
  std::sort(tables.begin(), tables.end());
  for (const char* expected : {"docdata.glass", "iamglass", "position.glass", "postlist.glass", "termlist.glass"})
    REQUIRE(std::find(tables.begin(), tables.end(), expected) != tables.end());
  for (const std::string& table : tables) {
    damages.push_back({table + " missing", [table](const fs::path&, const fs::path& gen) { fs::remove(gen / table); }});
    damages.push_back({table + " truncated to half", [table](const fs::path&, const fs::path& gen) {
                         fs::resize_file(gen / table, fs::file_size(gen / table) / 2);
                       }});
    damages.push_back({table + " overwritten in the middle",
                       [table](const fs::path&, const fs::path& gen) { overwrite_middle(gen / table); }});
  }

  std::map<std::string, int> outcomes;  // "check: refused" -> count, for the summary.
  for (const Damage& damage : damages) {
    // Each command on a fresh damaged copy, so that what one does cannot hide what another does.
    const fs::path db = dir.path() / "damaged";
    auto fresh = [&] {
      fs::remove_all(db);
      fs::copy(good, db, fs::copy_options::recursive);
      damage.apply(db, db / live_name);
    };
    fresh();
    const std::string d = db.string();
    auto check = run_cli({"check", "--db", d});
    const bool detected = check.exit_code != 0;
    INFO(damage.name << ": check says " << check.out << check.err);
    CHECK((check.exit_code == 0 || check.exit_code == 2));
    if (detected) CHECK(check.out.find("DAMAGED") != std::string::npos);
    ++outcomes[std::string("check ") + (detected ? "found the damage" : "found it harmless")];

    const std::vector<std::vector<std::string>> commands = {
        {"stats", "--db", d, "--json"},
        {"search", "--db", d, "--json", "kyiv"},
        {"index", "--db", d, "-q", sample()},
        {"index", "--db", d, "-q", "--delete-missing", sample()},
        {"rebuild", "--db", d, "-q", sample()},
        {"compact", "--db", d, "-q"},
        {"delete", "--db", d, "-q", "kc-2023-0026"},
        {"check", "--db", d},
        {"repair", "--db", d},
    };
    for (const auto& args : commands) {
      fresh();
      auto before = contents_of(db);
      auto r = run_cli(args);
      const std::string& command = args[0];
      INFO(damage.name << ": " << command << " exit " << r.exit_code << ": " << r.err);
      CHECK((r.exit_code == 0 || r.exit_code == 2));
      ++outcomes[command + (r.exit_code == 0 ? " worked" : " refused")];
      if (r.exit_code == 2 && command != "check") {
        CHECK(one_line(r.err));
        CHECK(r.err.starts_with("newsq " + command + ": " + d + ": "));
      }
      const bool reader = command == "stats" || command == "search" || command == "check";
      if (r.exit_code == 2 && (command == "stats" || command == "search")) {
        // A reader that cannot read says the index is damaged and how to find out more, not what
        // the library would advise (Xapian's "call reopen() and retry" cannot help here).
        CHECK(r.err.find("damaged index") != std::string::npos);
        CHECK(r.err.find("'newsq check --db " + d + "'") != std::string::npos);
      }
      if (reader || detected) {
        // Readers never write; writers refuse a damaged index whole.
        if (command != "repair") CHECK(contents_of(db) == before);
        if (!reader && command != "repair") {
          CHECK(r.exit_code == 2);
          CHECK(r.err.find("damaged index") != std::string::npos);
        }
      }
      if (r.exit_code == 0 && command == "stats") CHECK(stats_view(r) == stats_view(intact_stats));
      if (r.exit_code == 0 && command == "search") CHECK(search_view(r) == search_view(intact_search));
      if (command == "repair") {
        auto after = contents_of(db);
        // Repair changes the stub and nothing else: every generation file is as it was.
        after.erase("XAPIANDB");
        before.erase("XAPIANDB");
        CHECK(after == before);
        CHECK(r.exit_code == 0);  // There is always a sound generation to go back to here.
        CHECK(run_cli({"check", "--db", d}).exit_code == 0);
        auto stats = run_cli({"stats", "--db", d, "--json"});
        REQUIRE(stats.exit_code == 0);
        // The intact live generation when only the stub was damaged, else the older one (or,
        // when check found nothing wrong, the live one as it was).
        if (damage.stub || !detected)
          CHECK(stats_view(stats) == stats_view(intact_stats));
        else
          CHECK(stats_view(stats) == old_stats);
      }
    }
  }
  std::string summary;
  for (const auto& [what, times] : outcomes) summary += "\n  " + what + ": " + std::to_string(times);
  WARN(damages.size() << " kinds of damage:" << summary);
}
