// query/collect/duplicate_collapse.h: folds near-identical hits (see indexer/analysis/near_duplicate.h)
// into one, from their MinHash signatures.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace newsq::query {

// Articles at least this similar are copies of each other.
inline constexpr double kDuplicateThreshold = 0.6;

// Groups items (their signatures, in rank order) greedily: each item joins the first earlier group
// whose leader it resembles, else leads a new one. Returns, per group, the indices of its members
// (leader first). Items without a signature are alone.
std::vector<std::vector<std::size_t>> group_duplicates(const std::vector<std::string>& signatures);

}  // namespace newsq::query
