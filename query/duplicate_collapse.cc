// query/duplicate_collapse.cc: shingling and greedy grouping.
#include "query/duplicate_collapse.h"

#include <algorithm>
#include <functional>

namespace newsq::query {

namespace {
constexpr std::size_t kShingleWords = 4;
}

Shingles shingles_of(std::string_view text, analysis::TextAnalyzer& analyzer) {
  auto tokens = analyzer.analyze(text);
  Shingles out;
  std::hash<std::string> hash;
  if (tokens.size() < kShingleWords) {
    for (const auto& t : tokens) out.push_back(hash(t.term));
  } else {
    for (std::size_t i = 0; i + kShingleWords <= tokens.size(); ++i) {
      std::uint64_t h = 0;
      for (std::size_t k = 0; k < kShingleWords; ++k) h = h * 1000003u ^ hash(tokens[i + k].term);
      out.push_back(h);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double jaccard(const Shingles& a, const Shingles& b) {
  if (a.empty() && b.empty()) return 0;
  std::size_t common = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) {
      ++common;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

std::vector<std::vector<std::size_t>> group_duplicates(const std::vector<Shingles>& items) {
  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto home = std::find_if(groups.begin(), groups.end(),
                             [&](const auto& g) { return jaccard(items[g.front()], items[i]) >= kDuplicateThreshold; });
    if (home == groups.end()) groups.push_back({i});
    else home->push_back(i);
  }
  return groups;
}

}  // namespace newsq::query
