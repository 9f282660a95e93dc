// engine/index/index_health.cc: telling a new index from a healthy or a damaged one (see the header).
#include "engine/index/index_health.h"

#include <sys/stat.h>
#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/index/index_location.h"
#include "newsq/error.h"

namespace newsq::health {
namespace fs = std::filesystem;

namespace {

constexpr const char* kSoundRecord = "verified";  // What remember_sound wrote last.

bool is_generation_name(const std::string& name) {
  return name.size() > 4 && name.starts_with("gen-") &&
         std::all_of(name.begin() + 4, name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Entries newsq itself keeps in an index directory, besides generations.
bool is_index_entry(const std::string& name) {
  return name == "XAPIANDB" || name == "XAPIANDB.new" || name == "write.lock" || name == kSoundRecord ||
         name == std::string(kSoundRecord) + ".new" || name.starts_with("gen-");
}

// Shows bytes of a damaged file in a one-line message: printable ASCII only, cut short.
std::string printable(const std::string& raw) {
  std::string out;
  for (char c : raw.substr(0, 40)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  if (raw.size() > 40) out += "...";
  return out;
}

// The table files as they are now: name, size and mtime of each, in name order.
std::string fingerprint(const std::string& generation_path) {
  std::vector<std::string> lines;
  std::error_code ec;
  for (auto it = fs::directory_iterator(generation_path, ec); !ec && it != fs::end(it); it.increment(ec)) {
    struct stat st {};
    // Xapian's lock file is touched by every writer that opens the generation, changed or not.
    if (it->path().filename() == "flintlock" || ::stat(it->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    lines.push_back(it->path().filename().string() + " " + std::to_string(st.st_size) + " " +
                    std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec));
  }
  std::sort(lines.begin(), lines.end());
  std::string out = fs::path(generation_path).filename().string() + "\n";
  for (const auto& line : lines) out += line + "\n";
  return out;
}

// False only for a generation that certainly holds no article: no table file at all, or a database
// that opens and counts none. One that cannot be opened may be all that is left of an archive.
bool may_hold_articles(const fs::path& generation) {
  std::error_code ec;
  bool tables = false;
  for (auto it = fs::directory_iterator(generation, ec); !ec && it != fs::end(it); it.increment(ec))
    if (it->path().extension() == ".glass") tables = true;
  if (ec) return true;
  if (!tables) return false;
  try {
    return Xapian::Database(generation.string()).get_doccount() != 0;
  } catch (const Xapian::Error&) {
    return true;
  }
}

}  // namespace

std::vector<std::string> generations(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::end(it); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (is_generation_name(name) && it->is_directory(ec)) out.push_back(name);
  }
  std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    return std::strtoull(a.c_str() + 4, nullptr, 10) > std::strtoull(b.c_str() + 4, nullptr, 10);
  });
  return out;
}

std::string damaged_message(const std::string& dir, const std::string& problem, bool writing) {
  return dir + ": damaged index: " + problem + (writing ? "; nothing was changed" : "") + " ('newsq check --db " + dir +
         "' tells more, 'newsq repair --db " + dir + "' points the index at its newest sound generation)";
}

std::string replica_message(const std::string& dir) {
  return dir + ": a replica that xapian-replicate keeps; newsq never writes into it (write to the master index, " +
         "and the next replication brings the change here)";
}

Diagnosis diagnose(const std::string& dir) {
  Diagnosis d;
  std::error_code ec;
  const fs::file_status status = fs::status(dir, ec);
  if (!fs::exists(status)) return d;
  if (!fs::is_directory(status)) {
    d.state = State::foreign;
    d.problem = "not a directory";
    return d;
  }
  bool has_stub = false, plain = false;
  std::string stranger;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::end(it); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name == "XAPIANDB")
      has_stub = true;
    else if (name == "iamglass")
      plain = true;
    else if (!is_index_entry(name) && stranger.empty())
      stranger = name;
  }
  if (ec) {
    d.state = State::damaged;
    d.problem = "cannot list the directory: " + ec.message();
    return d;
  }
  if (plain) {
    d.state = State::plain;
    d.generation_path = dir;
    return d;
  }
  const std::vector<std::string> gens = generations(dir);
  d.state = State::damaged;
  if (!has_stub) {
    // A first run killed between creating its empty generation and writing the stub leaves
    // generations with nothing in them: nothing to lose, so the directory counts as empty.
    if (!gens.empty() && std::any_of(gens.begin(), gens.end(),
                                     [&](const std::string& g) { return may_hold_articles(fs::path(dir) / g); })) {
      d.problem = "the stub file XAPIANDB is missing, but the directory holds " + std::to_string(gens.size()) +
                  " generation(s), the newest " + gens.front();
    } else if (!stranger.empty()) {
      d.state = State::foreign;
      d.problem = "not a newsq index: it holds files newsq did not make, such as '" + printable(stranger) + "'";
    } else {
      d.state = State::empty;
    }
    return d;
  }
  std::string stub;
  {
    std::ifstream in(fs::path(dir) / "XAPIANDB", std::ios::binary);
    if (!in) {
      d.problem = "the stub file XAPIANDB cannot be read";
      return d;
    }
    std::ostringstream text;
    text << in.rdbuf();
    stub = text.str();
  }
  if (stub.find_first_not_of(" \t\r\n") == std::string::npos) {
    d.problem = "the stub file XAPIANDB is empty";
    return d;
  }
  const std::vector<std::string> words = location::stub_words(stub);
  const bool replica = words.size() == 2 && words[0] == "auto" && location::is_replica_name(words[1]);
  if (!replica && (words.size() != 2 || (words[0] != "glass" && words[0] != "auto") || !is_generation_name(words[1]))) {
    d.problem = "the stub file XAPIANDB does not name a generation (it reads \"" + printable(stub) + "\")";
    return d;
  }
  const std::string& name = words[1];
  const fs::path generation = fs::path(dir) / name;
  if (!fs::is_directory(generation, ec)) {
    d.problem = "the stub file XAPIANDB names " + name + ", which does not exist";
    return d;
  }
  for (const char* table : {"iamglass", "postlist.glass", "termlist.glass"}) {
    if (!fs::exists(generation / table, ec)) {
      d.problem = "the live generation " + name + " has lost its file " + table;
      return d;
    }
  }
  d.state = replica ? State::replica : State::healthy;
  d.generation_path = generation.string();
  return d;
}

std::string missing_table(const std::string& generation_path, unsigned long long documents) {
  std::error_code ec;
  std::vector<const char*> needed = {"iamglass", "postlist.glass", "termlist.glass"};
  if (documents > 0) needed.insert(needed.end(), {"docdata.glass", "position.glass"});
  for (const char* table : needed)
    if (!fs::exists(fs::path(generation_path) / table, ec))
      return "generation " + fs::path(generation_path).filename().string() + " has lost its file " + table;
  return {};
}

std::vector<std::string> full_check(const std::string& generation_path) {
  std::vector<std::string> problems;
  const std::string name = fs::path(generation_path).filename().string();
  // A generation without the files every one has would only get Xapian's "Couldn't detect type of
  // database" (no iamglass) or a failure to open a table: say which file is gone instead.
  if (std::string missing = missing_table(generation_path, 0); !missing.empty()) {
    problems.push_back(missing);
    return problems;
  }
  try {
    Xapian::Database db(generation_path);
    if (std::string missing = missing_table(generation_path, db.get_doccount()); !missing.empty())
      problems.push_back(missing);
    std::ostringstream report;  // Xapian's per-table details; the count and the exceptions are what matter.
    if (std::size_t errors = Xapian::Database::check(generation_path, 0, &report); errors > 0)
      problems.push_back(name + ": Xapian's check found " + std::to_string(errors) + " error(s) in its tables");
  } catch (const Xapian::Error& e) {
    problems.push_back(name + ": " + e.get_description());
  }
  return problems;
}

void remember_sound(const std::string& dir, const std::string& generation_path) {
  // Best effort: without the record the next writer only checks again.
  const fs::path record = fs::path(dir) / kSoundRecord;
  const fs::path temporary = fs::path(dir) / (std::string(kSoundRecord) + ".new");
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << fingerprint(generation_path);
    if (!out.flush()) return;
  }
  std::error_code ec;
  fs::rename(temporary, record, ec);
}

void verify_before_writing(const std::string& dir, const std::string& generation_path) {
  const std::string now = fingerprint(generation_path);
  {
    std::ifstream in(fs::path(dir) / kSoundRecord, std::ios::binary);
    std::ostringstream last;
    if (in) last << in.rdbuf();
    if (last.str() == now) return;
  }
  std::vector<std::string> problems = full_check(generation_path);
  if (!problems.empty()) throw DatabaseError(damaged_message(dir, problems.front()));
  remember_sound(dir, generation_path);
}

}  // namespace newsq::health
