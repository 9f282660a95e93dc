// engine/index/index_location.cc: generations and the stub file.
#include "engine/index/index_location.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "engine/index/index_health.h"
#include "newsq/error.h"

namespace newsq::location {
namespace fs = std::filesystem;

namespace {

constexpr const char* kStub = "XAPIANDB";
constexpr const char* kPrefix = "gen-";

void fsync_path(const fs::path& p) {
  int fd = open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    fsync(fd);
    close(fd);
  }
}

std::string generation_name(unsigned number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%06u", kPrefix, number);
  return buf;
}

}  // namespace

std::vector<std::string> stub_words(std::string_view stub) {
  std::vector<std::string> words;
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!stub.empty()) {
    const std::size_t end = std::min(stub.find('\n'), stub.size());
    std::string_view line = stub.substr(0, end);
    stub.remove_prefix(std::min(end + 1, stub.size()));
    std::size_t i = 0;
    while (i < line.size() && space(line[i])) ++i;
    if (i < line.size() && line[i] == '#') continue;  // A comment line.
    while (i < line.size()) {
      const std::size_t start = i;
      while (i < line.size() && !space(line[i])) ++i;
      words.emplace_back(line.substr(start, i - start));
      while (i < line.size() && space(line[i])) ++i;
    }
  }
  return words;
}

bool is_replica_name(const std::string& name) {
  return name.size() > 8 && name.starts_with("replica_") &&
         std::all_of(name.begin() + 8, name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string live_generation(const std::string& dir) {
  // Searchers call this before every search: plain POSIX reads, no stream machinery. The stub is
  // a short file ("glass gen-000012", or a comment line and "auto replica_1" in a replica folder),
  // written whole and renamed into place by publish() or xapian-replicate.
  const std::string path = (fs::path(dir) / kStub).string();
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  char buf[512];
  ssize_t n = ::read(fd, buf, sizeof buf);
  ::close(fd);
  if (n <= 0) return {};
  // The second word: the generation's folder (the first is the backend, "glass" or "auto").
  const std::vector<std::string> words = stub_words(std::string_view(buf, static_cast<std::size_t>(n)));
  return words.size() >= 2 ? words[1] : std::string();
}

LiveGenerationWatch::LiveGenerationWatch(std::string dir)
    : dir_(std::move(dir)), stub_((fs::path(dir_) / kStub).string()) {}

const std::string& LiveGenerationWatch::live() {
  struct stat st {};
  if (::stat(stub_.c_str(), &st) != 0) {
    seen_ = false;
    generation_.clear();
    return generation_;
  }
  const long long mtime_ns = static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  if (seen_ && st.st_dev == device_ && st.st_ino == inode_ && static_cast<unsigned long long>(st.st_size) == size_ &&
      mtime_ns == mtime_ns_)
    return generation_;
  generation_ = live_generation(dir_);
  ++changes_;
  // A swap between the stat and the read is seen at the next call: a stub newer than its stat
  // differs from the stat the next call makes.
  seen_ = true;
  device_ = st.st_dev;
  inode_ = st.st_ino;
  size_ = static_cast<unsigned long long>(st.st_size);
  mtime_ns_ = mtime_ns;
  return generation_;
}

std::string live_generation_for_writing(const std::string& dir) {
  const health::Diagnosis found = health::diagnose(dir);
  switch (found.state) {
    case health::State::healthy:
      health::verify_before_writing(dir, found.generation_path);
      return found.generation_path;
    case health::State::plain:
      return dir;  // A plain database from before generations.
    case health::State::damaged:
      throw DatabaseError(health::damaged_message(dir, found.problem));
    case health::State::foreign:
      throw DatabaseError(dir + ": " + found.problem + "; newsq writes only into a new or empty directory or an index");
    case health::State::replica:
      throw DatabaseError(health::replica_message(dir));
    case health::State::absent:
    case health::State::empty:
      break;
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw DatabaseError(dir + ": cannot create the index directory: " + ec.message());
  std::string first = new_generation(dir);
  // The empty database is made under a name that is not a generation's and renamed when complete:
  // a run killed meanwhile leaves no half-made generation that would make the directory look damaged.
  const std::string staging = first + ".new";
  fs::rename(first, staging, ec);
  if (ec) throw DatabaseError(dir + ": cannot create " + staging + ": " + ec.message());
  try {
    // An empty database exists before the stub names it, so a searcher never finds the stub
    // pointing at nothing (the writer adds the schema metadata when it opens it).
    Xapian::WritableDatabase(staging, Xapian::DB_CREATE_OR_OPEN).commit();
  } catch (const Xapian::Error& e) {
    throw DatabaseError(dir + ": cannot create the index: " + e.get_description());
  }
  fs::rename(staging, first, ec);
  if (ec) throw DatabaseError(dir + ": cannot create " + first + ": " + ec.message());
  publish(dir, first);
  return first;
}

std::string new_generation(const std::string& dir) {
  // Numbers only grow, so a generation name is never reused while an old searcher may hold it.
  unsigned highest = 0;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::end(it); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.starts_with(kPrefix))
      highest = std::max(highest, static_cast<unsigned>(std::strtoul(name.c_str() + 4, nullptr, 10)));
  }
  if (ec) throw DatabaseError(dir + ": cannot list the index directory: " + ec.message());
  fs::path path = fs::path(dir) / generation_name(highest + 1);
  fs::create_directories(path, ec);
  if (ec) throw DatabaseError(dir + ": cannot create " + path.string() + ": " + ec.message());
  return path.string();
}

void publish(const std::string& dir, const std::string& generation_path) {
  // Xapian syncs the generation's files at commit; their directory entries, and the generation's
  // own entry in `dir`, must be durable too before the stub may name it (power cut, not just kill).
  fsync_path(generation_path);
  fsync_path(dir);
  replace_file(dir, kStub, "glass " + fs::path(generation_path).filename().string() + "\n");
  health::remember_sound(dir, generation_path);
}

void replace_file(const std::string& dir, const std::string& name, const std::string& content) {
  const fs::path target = fs::path(dir) / name;
  const fs::path temporary = fs::path(dir) / (name + ".new");
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << content;
    if (!out.flush()) throw DatabaseError(dir + ": cannot write " + temporary.string());
  }
  fsync_path(temporary);
  std::error_code ec;
  fs::rename(temporary, target, ec);
  if (ec) throw DatabaseError(dir + ": cannot replace " + target.string() + ": " + ec.message());
  fsync_path(dir);
}

void remove_stale_generations(const std::string& dir) {
  // Only beside a sound live generation: in a damaged index the others may be all that is left.
  const health::Diagnosis found = health::diagnose(dir);
  if (found.state != health::State::healthy) return;
  const std::string live = fs::path(found.generation_path).filename().string();
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if ((name.starts_with(kPrefix) && name != live) || name == std::string(kStub) + ".new")
      fs::remove_all(entry.path(), ec);
  }
}

}  // namespace newsq::location
