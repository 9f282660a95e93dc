// newsq/shards.h: finding the shards of a sharded index. `newsq index --db DIR --shards N` (or
// WriterOptions::shards) splits an archive into DIR/shard-0 ... DIR/shard-{N-1}, each a complete
// newsq index that IndexWriter, Searcher, check() and the other functions take on its own, and
// DIR/cluster.stub, a Xapian stub file listing them (engine/index/schema.md, "Sharded indexes").
// An article lives in shard fnv1a64(id) % N: one shard, always the same, never another.
#pragma once

#include "newsq/export.h"

#include <string>
#include <vector>

namespace newsq {

// The shard folders of index `dir` in shard order (DIR/shard-0, DIR/shard-1, ...), or none when
// `dir` is not sharded (an ordinary index, an empty or missing directory). Throws DatabaseError
// when `dir` looks sharded but its layout cannot be read: a cluster.stub that does not list
// shard-0 ... shard-{N-1}, or shard folders without one (a first sharded run killed before it
// wrote it: run it again with the same --shards).
NEWSQ_EXPORT std::vector<std::string> shard_dirs(const std::string& dir);

}  // namespace newsq
