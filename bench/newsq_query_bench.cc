// bench/newsq_query_bench.cc: newsq's side of the query benchmark, in-process through the public
// API (so CLI start-up is not measured): the same mix, facets over every match, JSON out.
// The text goes through query understanding first, as a user's one-line query would; the mix's
// places go to SearchRequest::near / ::place (the CLI's --near / --place). With "same-work" after
// the repeats it does what the peers do, no more: no snippets and no collapsing of copies.
// Besides the wall-clock times per query it reports "cpu_ms", the process's CPU time (user and
// system) per timed query, which `make -f Makefile.bench serve` sets against newsq serve's CPU time
// per request: what the HTTP layer adds, unaffected by waits between the two processes.
#include <newsq/newsq.h>
#include <nlohmann/json.hpp>

#include <sys/resource.h>

#include <chrono>
#include <iostream>

#include "bench/query_mix.h"

namespace {
// The process's CPU time so far (user and system), in milliseconds.
double cpu_ms() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto ms = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3; };
  return ms(usage.ru_utime) + ms(usage.ru_stime);
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 && !(argc == 5 && std::string(argv[4]) == "same-work")) {
    std::cerr << "usage: newsq_query_bench DB MIX REPEATS [same-work]\n";
    return 1;
  }
  const bool same_work = argc == 5;
  newsq::Searcher searcher(argv[1]);
  auto mix = bench::read_mix(argv[2]);
  int repeats = std::stoi(argv[3]);
  std::vector<double> ms;
  nlohmann::json counts = nlohmann::json::array();
  // Warm: untimed passes until the searcher has counted facets over as many matches as the index
  // holds, as a searcher serving for a while has, then one more, whose first search builds the
  // facet table (facet_table.h: 145 ms once per revision at 1M articles; searches after it count
  // from memory). At most kMaxWarmPasses; a 1M-article index takes about seven of the whole mix.
  constexpr int kMaxWarmPasses = 500;
  const std::uint64_t articles = searcher.stats().articles;
  std::uint64_t warmed = 0;
  int warm_passes = 0;
  bool threshold_reached = false;  // Then one more untimed pass, whose first search builds the table.
  double cpu_at_first_timed_pass = 0;
  for (int pass = -1; pass < repeats; ++pass) {
    if (pass == 0 && ms.empty()) cpu_at_first_timed_pass = cpu_ms();
    for (const auto& q : mix) {
      auto t0 = std::chrono::steady_clock::now();
      newsq::SearchRequest request = newsq::SearchRequest::from_understood(searcher.understand(q.words, "2024-12-31"));
      if (q.near)
        request.near = q.place_name;  // --near NAME: within SearchRequest::kDefaultRadiusKm.
      else if (!q.place_name.empty())
        request.place = q.place_name;  // --place NAME: the place or anything inside it.
      request.from = q.from;
      request.to = q.to;
      request.use_thesaurus = false;  // The peers have no thesaurus: same work.
      if (same_work) {
        request.snippet_length = 0;
        request.collapse_duplicates = false;
      }
      auto r = searcher.search(request);
      double elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      if (pass >= 0) ms.push_back(elapsed);
      if (pass == -1) {
        counts.push_back({{"query", q.text}, {"matches", r.total}});
        warmed += r.total;
      }
    }
    if (pass == -1 && !threshold_reached && ++warm_passes < kMaxWarmPasses) {
      threshold_reached = warmed >= articles;
      counts = nlohmann::json::array();
      --pass;
    }
  }
  const double cpu = cpu_ms() - cpu_at_first_timed_pass;
  bench::print_report(ms, counts, {{"cpu_ms", ms.empty() ? 0.0 : cpu / static_cast<double>(ms.size())}});
  return 0;
}
