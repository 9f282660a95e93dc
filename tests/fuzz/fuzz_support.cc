// tests/fuzz/fuzz_support.cc: the per-process temporary folder the harnesses write inputs into, and
// the reader harnesses' shared body.
#include "tests/fuzz/fuzz_support.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "indexer/readers/article_reader.h"
#include "newsq/error.h"

namespace newsq::fuzz {
namespace {

namespace fs = std::filesystem;

// Where the folder is made: $NEWSQ_FUZZ_TMPDIR, else /dev/shm when it is there, else the usual
// temporary folder. Memory, not disk, when it can: rewriting a file of the same name on ext4 costs
// about 2 ms (the truncate-then-write heuristic flushes it), which held the file-reading harnesses
// to a few hundred executions a second; on tmpfs it costs microseconds.
fs::path parent() {
  if (const char* dir = std::getenv("NEWSQ_FUZZ_TMPDIR"); dir && *dir) return dir;
  std::error_code ec;
  if (fs::is_directory("/dev/shm", ec) && ::access("/dev/shm", W_OK) == 0) return "/dev/shm";
  return fs::temp_directory_path();
}

// Made on first use; removed at exit. Never destroyed, so the exit handler can still read it.
const fs::path& folder() {
  static const fs::path* dir = [] {
    std::string pattern = (parent() / "newsq-fuzz-XXXXXX").string();
    if (!mkdtemp(pattern.data())) {
      std::perror("mkdtemp");
      std::abort();
    }
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(folder(), ec);
    });
    return new fs::path(pattern);
  }();
  return *dir;
}

}  // namespace

std::string write_input(const std::string& name, const std::uint8_t* data, std::size_t size) {
  fs::path path = folder() / name;
  if (!fs::is_directory(path.parent_path())) fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  out.close();
  if (!out) {
    std::perror(path.c_str());
    std::abort();
  }
  return path.string();
}

void read_every_record(const std::string& name, const std::string& format, const std::uint8_t* data, std::size_t size) {
  const std::string path = write_input(name, data, size);
  indexer::ReadOptions options;
  options.format = format;
  options.max_record_bytes = 1024;
  try {
    auto reader = indexer::open_reader(path, options);
    indexer::RawRecord record;
    while (reader->next(record)) {
      if (record.fatal && record.error.empty()) __builtin_trap();  // A fatal record always says why.
    }
    (void)reader->bytes_consumed();
  } catch (const newsq::Error&) {}
}

}  // namespace newsq::fuzz
