// engine/common/tsv.h: tab-separated tables with '#' comment lines, the format of newsq's own data
// tables (tests/data/*.tsv, bench/query_mix.tsv), read the same way by tests and benchmarks.
#pragma once

#include <cstddef>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace newsq::common {

// The cells of one line, split at every tab: "a\t\tb" has three cells, "" has one (empty).
inline std::vector<std::string> split_tabs(std::string_view line) {
  std::vector<std::string> cells;
  std::size_t start = 0;
  for (std::size_t tab; (tab = line.find('\t', start)) != std::string_view::npos; start = tab + 1)
    cells.emplace_back(line.substr(start, tab - start));
  cells.emplace_back(line.substr(start));
  return cells;
}

// The rows of the table file `path`, blank lines and lines starting with '#' left out, each row
// padded with empty cells to at least `columns`. Throws std::runtime_error naming the file when it
// cannot be read.
inline std::vector<std::vector<std::string>> read_table(const std::string& path, std::size_t columns) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    rows.push_back(split_tabs(line));
    if (rows.back().size() < columns) rows.back().resize(columns);
  }
  return rows;
}

}  // namespace newsq::common
