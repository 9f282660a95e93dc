// indexer/analysis/near_duplicate.h: what makes two articles copies of each other (wire copies,
// one report run by several outlets, lightly edited versions): the Jaccard overlap of their word
// 4-gram sets ("shingles"), which small edits barely change. Each document stores a MinHash
// signature of its shingles (schema slot 5), so that a search compares a few bytes per hit
// instead of re-reading and re-cutting texts.
//
// Words here are cut by bytes, not by the full linguistic analysis: runs of ASCII letters and
// digits (lower-cased) and of non-ASCII bytes (as they are). Copies of one text cut the same way,
// which is all that matters, and it is fast enough to run on every hit of a search.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsq::analysis {

using Shingles = std::vector<std::uint64_t>;  // Sorted, unique hashes.

Shingles shingles_of(std::string_view text);

// |a ∩ b| / |a ∪ b| exactly, 0 for two empty sets.
double jaccard(const Shingles& a, const Shingles& b);

// The MinHash signature of `shingles`: the low byte of the least hash under each of 64 hash
// functions, 64 bytes; empty for an empty set (a text without words is nobody's copy).
std::string signature_of(const Shingles& shingles);

// The Jaccard overlap estimated from two signatures (within about ±0.1 of jaccard()); 0 when
// either is empty or they are of different lengths.
double estimated_similarity(std::string_view a, std::string_view b);

}  // namespace newsq::analysis
