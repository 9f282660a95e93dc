// tests/test_support.h: what many tests need: a temporary folder, the shared corpus, the CLI.
#pragma once

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "newsq/article.h"
#include "newsq/searcher.h"

namespace newsq::test {

// A fresh folder under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string str(const std::string& child = "") const { return (path_ / child).string(); }

 private:
  std::filesystem::path path_;
};

// An article with the given fields (the rest left empty).
newsq::Article article(std::string id, std::string date, std::string source, std::string title, std::string text);

// The count of `value` in facet `name` of `results`; 0 when it is not listed.
std::uint64_t facet(const newsq::SearchResults& results, const std::string& name, const std::string& value);

// The ../shared folder (real corpus, gazetteer); empty if it is absent.
std::filesystem::path shared_dir();
std::filesystem::path source_dir();

// Writes `content` to `path`, creating parent folders.
void write_file(const std::filesystem::path& path, const std::string& content);
// Writes `content` gzip-compressed.
void write_gzip(const std::filesystem::path& path, const std::string& content);
std::string read_file(const std::filesystem::path& path);

// The live generation's folder of index `db`, read from its stub (for tests that open it with
// Xapian itself).
std::string live_generation_path(const std::string& db);

// Every line of a (possibly gzip) JSON Lines file.
std::vector<std::string> read_lines(const std::filesystem::path& path);

// A gazetteer file built once per process from ../shared/gazetteer: every place in Ukraine, every
// region and country, corpus/places.tsv, and the cities elsewhere named like a few ambiguous or
// everyday-word places (Paris, Nice, Reading, Mobile, ...). Needs ../shared.
const std::string& small_gazetteer();

// One row of a GeoNames cities file (19 tab-separated columns, feature class P) with the fields
// tests vary; `feature_code` is "PPL", "PPLA2", "PPLC"...
std::string geonames_row(std::uint32_t id, const std::string& name, const std::string& alternates, double lat,
                         double lon, const std::string& feature_code, const std::string& country_code,
                         const std::string& admin1, const std::string& admin2, std::uint64_t population);

// Indexes `articles` into a new index at `db` and commits, finding places with the gazetteer file
// `gazetteer` (none when empty).
void index_articles(const std::string& db, const std::vector<newsq::Article>& articles,
                    const std::string& gazetteer = "");

// The total, the date granularity and every facet value (field, value, count, place id), one per
// line: two results compared as text say where they differ.
std::string facets_text(const newsq::SearchResults& results);

// The ids of a search's hits, as a set.
std::set<std::string> hit_ids(const newsq::SearchResults& results);

// Builds a gazetteer from `inputs` (paths, as `newsq gazetteer build` takes them) into `out`.
void build_gazetteer(const std::vector<std::string>& inputs, const std::string& out);

// Great-circle distance in km, computed here independently of newsq's own (radius checks).
double haversine_km(double lat1, double lon1, double lat2, double lon2);

// The rows of a tab-separated table file, without blank and '#' comment lines; each row has at
// least `columns` cells (missing ones empty).
std::vector<std::vector<std::string>> read_tsv(const std::filesystem::path& path, std::size_t columns);

// Every hit of `request` (its offset and limit ignored), fetched a page of
// SearchRequest::kMaxLimit at a time.
std::vector<newsq::Hit> all_hits(newsq::Searcher& searcher, newsq::SearchRequest request);

// A loopback port nobody listened on a moment ago (the kernel's pick for port 0), for a server a
// test starts; and whether something accepts connections on a loopback port now.
int free_loopback_port();
bool loopback_accepts(int port);

struct CommandResult {
  int exit_code = -1;
  std::string out, err;
};
// Runs the newsq CLI with `args` (each passed as one argument), stdin from `input` if not empty.
CommandResult run_cli(const std::vector<std::string>& args, const std::string& input = "");
// run_cli with `env` ("NAME=value" each) added to the environment, replacing variables of the
// same name (LD_PRELOAD, ASAN_OPTIONS, ... for the fault injection tests).
CommandResult run_cli_env(const std::vector<std::string>& args, const std::vector<std::string>& env,
                          const std::string& input = "");

// Starts the newsq CLI in the background (output discarded) and returns its pid, for tests that
// kill it or run it beside something else. Reap it with wait_cli().
int start_cli(const std::vector<std::string>& args);
// Waits for a process from start_cli() or start_program(); returns its exit code, or 128 + signal.
int wait_cli(int pid);

// Runs program `command[0]` (a path, such as /usr/bin/xapian-replicate) with the rest as its
// arguments, stdin empty, and returns its exit code and output. The program runs in a process
// group of its own, as a service manager starts it: Xapian's servers end by signalling their whole
// group (kill(0, SIGTERM), to stop their connection processes), which must not reach the test.
CommandResult run_program(const std::vector<std::string>& command);
// Starts it so in the background (output discarded) and returns its pid; reap it with wait_cli().
int start_program(const std::vector<std::string>& command);

}  // namespace newsq::test

// Skips the rest of a [shared] test case, with a clear message, when ../shared is absent.
#define NEWSQ_REQUIRE_SHARED()                                                                      \
  do {                                                                                              \
    if (newsq::test::shared_dir().empty()) {                                                        \
      WARN("SKIPPED: ../shared is absent (set NEWSQ_SHARED_DIR); this test needs the real corpus"); \
      return;                                                                                       \
    }                                                                                               \
  } while (0)
