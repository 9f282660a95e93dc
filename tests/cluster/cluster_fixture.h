// tests/cluster/cluster_fixture.h: the shared corpus (../shared/corpus, every file) as a sharded
// archive and as one index, built once per test process under the test's build folder.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace newsq::test {

struct ShardedArchive {
  std::string folder;               // Everything below lives here (removed at exit).
  std::string sharded;              // DIR: shard-0 .. shard-2 and cluster.stub ("auto shard-K" lines).
  std::vector<std::string> shards;  // DIR/shard-K.
  std::string single;               // One index of the same articles.
  std::uint64_t articles = 0;
  std::vector<std::uint64_t> per_shard;  // Articles in each shard.
};

inline constexpr int kShards = 3;

// Builds on first call; needs ../shared (check NEWSQ_REQUIRE_SHARED first).
const ShardedArchive& sharded_archive();

}  // namespace newsq::test
