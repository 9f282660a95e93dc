// tests/cluster/cluster_fixture.h: the shared corpus (../shared/corpus, every file) as a sharded
// archive and as one index, built once per test process under the test's build folder.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tests/cluster/tcpsrv_process.h"
#include "tests/test_support.h"  // NEWSQ_REQUIRE_SHARED

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

// Every shard of the archive behind its own xapian-tcpsrv, and the description naming them
// (`remote :127.0.0.1:PORT` lines) written to FOLDER/`name`.
struct ServedShards {
  std::vector<std::unique_ptr<TcpsrvProcess>> servers;
  std::string description;  // The file's path.
};
ServedShards serve_shards(const ShardedArchive& archive, const std::string& name);

}  // namespace newsq::test

// Skips (passes with a warning) a test that needs ../shared or xapian-tcpsrv where either is absent.
#define NEWSQ_REQUIRE_SHARED_AND_TCPSRV()                                      \
  do {                                                                         \
    NEWSQ_REQUIRE_SHARED();                                                    \
    if (newsq::test::tcpsrv_program().empty()) {                               \
      WARN("SKIPPED: xapian-tcpsrv is absent (apt-get install xapian-tools)"); \
      return;                                                                  \
    }                                                                          \
  } while (false)

namespace newsq::test {

}  // namespace newsq::test
