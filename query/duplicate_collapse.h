// query/duplicate_collapse.h: folds near-identical articles (wire copies, one report run by
// several outlets, lightly edited versions) into one hit. Similarity is the Jaccard overlap of
// the articles' word 4-gram sets ("shingles"), which small edits barely change.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "indexer/analysis/text_analyzer.h"

namespace newsq::query {

using Shingles = std::vector<std::uint64_t>;  // Sorted, unique hashes.

Shingles shingles_of(std::string_view text, analysis::TextAnalyzer& analyzer);

// |a ∩ b| / |a ∪ b|, 0 for two empty sets.
double jaccard(const Shingles& a, const Shingles& b);

// Articles at least this similar are copies of each other.
inline constexpr double kDuplicateThreshold = 0.6;

// Groups items greedily in rank order: each item joins the first earlier group whose leader it
// resembles, else leads a new one. Returns, per group, the indices of its members (leader first).
std::vector<std::vector<std::size_t>> group_duplicates(const std::vector<Shingles>& items);

}  // namespace newsq::query
