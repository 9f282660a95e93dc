// bench/json_lines.h: the peers' reader of the corpus (gzip JSON Lines), one parsed object per
// line. The peers read it with zlib and nlohmann::json as a plain program would, not through
// newsq's readers, so that their indexing rate owes nothing to newsq.
#pragma once

#include <zlib.h>

#include <cstddef>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace bench {

// Calls `each(object, line_bytes)` for every non-blank line of the gzip (or plain) JSON Lines file
// `path`, the last one too when it has no final newline. Throws std::runtime_error naming the file
// when it cannot be opened; nlohmann::json's parse_error for a line that is not JSON.
template <typename Each>
void for_each_json_line(const char* path, Each&& each) {
  gzFile f = gzopen(path, "rb");
  if (!f) throw std::runtime_error(std::string(path) + ": cannot open");
  std::string line, buffer(1 << 20, '\0');
  auto flush = [&] {
    const std::size_t bytes = line.size();
    if (line.find_first_not_of(" \t\r\n") != std::string::npos) each(nlohmann::json::parse(line), bytes);
    line.clear();
  };
  try {
    while (gzgets(f, buffer.data(), static_cast<int>(buffer.size()))) {
      line += buffer.c_str();
      if (!line.empty() && line.back() == '\n') flush();
    }
    flush();
  } catch (...) {
    gzclose(f);
    throw;
  }
  gzclose(f);
}

}  // namespace bench
