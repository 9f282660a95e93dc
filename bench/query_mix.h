// bench/query_mix.h: reads bench/query_mix.tsv and summarises latencies; shared by the three
// query benchmarks so that they run the same work and report it the same way.
#pragma once

#include <algorithm>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/common/tsv.h"

namespace bench {

struct MixQuery {
  std::string kind, text, from, to;
  // Kind "place" only. newsq filters with `place_name` (near: SearchRequest::near, else ::place)
  // and searches `words`; the peers, which know no places, search `text` = words + the place's
  // name, their nearest equivalent (articles that name the place).
  std::string words, place_name;
  bool near = false;
};

inline std::vector<MixQuery> read_mix(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<MixQuery> out;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = newsq::common::split_tabs(line);
    f.resize(5);
    MixQuery q{f[0], f[1], f[2], f[3], f[1], "", false};
    if (const auto colon = f[4].find(':'); colon != std::string::npos) {
      q.near = f[4].substr(0, colon) == "near";
      q.place_name = f[4].substr(colon + 1);
      q.text = q.words + " " + q.place_name;
    }
    out.push_back(q);
  }
  return out;
}

// p-th percentile (0..100) of `ms`, nearest rank.
inline double percentile(std::vector<double> ms, double p) {
  if (ms.empty()) return 0;
  std::sort(ms.begin(), ms.end());
  std::size_t rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(ms.size()) + 0.5);
  return ms[std::min(ms.size() - 1, rank == 0 ? 0 : rank - 1)];
}

// The one line each query benchmark prints for bench/run.py: latency percentiles and mean (what
// bounds a server's requests per second) over the timed passes, and each query's match count.
// `extra`: further fields of one program's report (an object), printed beside these.
inline void print_report(const std::vector<double>& ms, const nlohmann::json& counts,
                         const nlohmann::json& extra = nlohmann::json::object()) {
  double total = 0;
  for (double m : ms) total += m;
  nlohmann::json report{{"mean", ms.empty() ? 0.0 : total / static_cast<double>(ms.size())},
                        {"p50", percentile(ms, 50)},
                        {"p95", percentile(ms, 95)},
                        {"p99", percentile(ms, 99)},
                        {"counts", counts}};
  report.update(extra);
  std::cout << report.dump() << "\n";
}

}  // namespace bench
