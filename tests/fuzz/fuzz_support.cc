// tests/fuzz/fuzz_support.cc: the per-process temporary folder the harnesses write inputs into.
#include "tests/fuzz/fuzz_support.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace newsq::fuzz {
namespace {

namespace fs = std::filesystem;

// Made on first use; removed at exit. Never destroyed, so the exit handler can still read it.
const fs::path& folder() {
  static const fs::path* dir = [] {
    std::string pattern = (fs::temp_directory_path() / "newsq-fuzz-XXXXXX").string();
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
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  out.close();
  if (!out) {
    std::perror(path.c_str());
    std::abort();
  }
  return path.string();
}

}  // namespace newsq::fuzz
