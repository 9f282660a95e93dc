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

// Calls `each(object, line_bytes)` for every line of the gzip (or plain) JSON Lines file `path`.
template <typename Each>
void for_each_json_line(const char* path, Each&& each) {
  gzFile f = gzopen(path, "rb");
  if (!f) throw std::runtime_error(std::string("cannot open ") + path);
  std::string line, buffer(1 << 20, '\0');
  while (gzgets(f, buffer.data(), static_cast<int>(buffer.size()))) {
    line += buffer.c_str();
    if (line.empty() || line.back() != '\n') continue;
    const std::size_t bytes = line.size();
    auto object = nlohmann::json::parse(line);
    line.clear();
    each(object, bytes);
  }
  gzclose(f);
}

}  // namespace bench
