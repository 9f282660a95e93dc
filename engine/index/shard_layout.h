// engine/index/shard_layout.h: where a sharded index's parts live (schema.md, "Sharded indexes"):
// DIR/shard-K for K in 0..N-1, each an ordinary index marked with metadata newsq.shard = "K/N",
// and DIR/cluster.stub, a Xapian stub file with one line "auto shard-K" per shard, written last
// when a sharded index is created, so that a searcher never finds it naming a shard not yet made.
// Which shard an article lives in: fnv1a64(id) % N.
#pragma once

#include <string>
#include <string_view>

namespace newsq::shards {

inline constexpr const char* kClusterStub = "cluster.stub";
inline constexpr std::string_view kShardPrefix = "shard-";

// The shard of `count` that the article `id` (validated: trimmed) lives in.
unsigned shard_of(std::string_view id, unsigned count);

// DIR/shard-K.
std::string shard_path(const std::string& dir, unsigned shard);

// "K/N", the value of metadata schema::kShardKey in shard K of N.
std::string shard_label(unsigned shard, unsigned count);

// The number of shards of `dir`, read from its cluster.stub; 0 when `dir` is not sharded (missing,
// empty, an ordinary index: no cluster.stub and no shard folder). Throws DatabaseError for a
// cluster.stub that does not list shard-0 ... shard-{N-1} in order, or for shard folders with no
// cluster.stub (an interrupted first run; the message says to run it again).
unsigned count(const std::string& dir);

// What a writer asked for `requested` shards (0: as `dir` is) is to write: 0 for an ordinary index,
// else the shard count. A missing or empty `dir` gets `requested`; a sharded one its own count, or
// a DatabaseError naming both when `requested` differs; an ordinary index a DatabaseError when
// `requested` is not 0. Shard folders without a cluster.stub (a first sharded run killed before
// writing it) are taken up again with the same `requested`, checked against the shards' marks.
unsigned count_for_writing(const std::string& dir, unsigned requested);

// Throws DatabaseError unless `marked` (a shard's schema::kShardKey, "" when unmarked) is
// shard_label(shard, count). `shard_dir` is for the message.
void expect_label(const std::string& shard_dir, const std::string& marked, unsigned shard, unsigned count);

// Writes DIR/cluster.stub listing `count` shards, atomically (temporary file, fsync, rename),
// unless it already does.
void write_cluster_stub(const std::string& dir, unsigned count);

}  // namespace newsq::shards
