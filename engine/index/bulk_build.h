// engine/index/bulk_build.h: a fresh build in parallel. When an ingest run starts on an empty index
// (a first `newsq index`, or `newsq rebuild`), articles are cut into blocks of consecutive ones;
// each of several worker threads analyses a block into a shard database of its own, and at the end
// the shards are merged in input order (shard_merge.h) into a generation that replaces the empty
// one. Document ids, and so the order of equally relevant hits, come out as a one-thread run's.
#pragma once

#include <cstdint>
#include <memory>

#include "newsq/article.h"
#include "newsq/index_writer.h"

namespace newsq {

class BulkBuild {
 public:
  // A bulk build for `writer`, or null when it does not apply: fewer than two threads
  // (WriterOptions::threads), a non-empty index, an index from before generations (its files
  // cannot be swapped atomically), or a sharded index's writer (start one per shard writer). The caller must not use `writer` until finish() returns.
  static std::unique_ptr<BulkBuild> start(IndexWriter& writer);

  // Stops the workers and removes the shards if finish() was not reached: the index is unchanged.
  ~BulkBuild();
  BulkBuild(const BulkBuild&) = delete;
  BulkBuild& operator=(const BulkBuild&) = delete;

  // Queues one article. It must have passed validate_article() and its id must be new in this
  // run (ingest() checks both): there is no lookup, every article is added. Blocks while the
  // workers are a few blocks behind, which bounds memory. Throws DatabaseError if a worker failed.
  void add(Article article);

  // Waits for the workers, merges the shards and makes the result the writer's index: published
  // atomically when the writer's generation was live, else (rebuild) written in its place for the
  // caller to publish. Afterwards `writer` works on the merged index as usual. Nothing becomes
  // visible to searchers before this. Throws DatabaseError; the index is then unchanged.
  void finish();

  struct State;  // Shared with the worker threads (bulk_build.cc).

 private:
  explicit BulkBuild(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace newsq
