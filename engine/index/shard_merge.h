// engine/index/shard_merge.h: merging shard databases into one index with Xapian's compaction, in
// the order given, so that document ids follow that order (shard 1's first, then shard 2's, ...).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace newsq {

// Writes the documents of `shards` (glass databases, each with ids 1..n and no gaps, as a fresh
// writer leaves them) to a new database at `destination`, which must not exist, renumbered
// consecutively in shard order; then sets `metadata` (key, value) on it, as the shards carry none.
// Throws Xapian::Error.
void merge_shards(const std::vector<std::string>& shards, const std::string& destination,
                  const std::vector<std::pair<std::string, std::string>>& metadata);

}  // namespace newsq
