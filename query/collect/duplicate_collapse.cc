// query/collect/duplicate_collapse.cc: greedy grouping of hits by estimated similarity.
#include "query/collect/duplicate_collapse.h"

#include <algorithm>

#include "indexer/analysis/near_duplicate.h"

namespace newsq::query {

std::vector<std::vector<std::size_t>> group_duplicates(const std::vector<std::string>& signatures) {
  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < signatures.size(); ++i) {
    auto home = std::find_if(groups.begin(), groups.end(), [&](const auto& g) {
      return analysis::estimated_similarity(signatures[g.front()], signatures[i]) >= kDuplicateThreshold;
    });
    if (home == groups.end())
      groups.push_back({i});
    else
      home->push_back(i);
  }
  return groups;
}

}  // namespace newsq::query
