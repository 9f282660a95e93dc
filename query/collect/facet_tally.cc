// query/collect/facet_tally.cc: the order every tally gives its sources in (query/collect/facet_tally.h).
#include "query/collect/facet_tally.h"

#include <algorithm>

namespace newsq::query {

std::vector<std::pair<std::string, std::uint64_t>> most_frequent(std::vector<std::pair<std::string, std::uint64_t>> counts,
                                                                 std::size_t max) {
  std::sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (counts.size() > max) counts.resize(max);
  return counts;
}

}  // namespace newsq::query
