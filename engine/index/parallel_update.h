// engine/index/parallel_update.h: an incremental run with several threads. The reading thread
// (ingest()) looks each article up, and unchanged ones stop there; worker threads analyse the
// new and changed ones into documents, which the reading thread writes in input order. So
// document ids, batches, commits and what survives a crash are those of a one-thread run; only
// the analysis, the costly part of a changed article, is spread over the cores.
#pragma once

#include <memory>

#include "newsq/article.h"
#include "newsq/index_writer.h"

namespace newsq {

class ParallelUpdate {
 public:
  // A parallel update for `writer`, or null with fewer than two threads (WriterOptions::threads)
  // or for a sharded index's writer (start one per shard writer).
  // Until finish() returns, the caller must write to `writer` only through this object.
  static std::unique_ptr<ParallelUpdate> start(IndexWriter& writer);

  // Stops the workers. Articles queued but not yet written are dropped: call finish() to keep them.
  ~ParallelUpdate();
  ParallelUpdate(const ParallelUpdate&) = delete;
  ParallelUpdate& operator=(const ParallelUpdate&) = delete;

  // What IndexWriter::add() does, returning the same outcome at once; the document of an added or
  // updated article is written a little later (by a later add() or finish()). The article must
  // have passed validate_article(), and its id must not come again in this run (ingest() checks
  // both): a second version of an id could otherwise be looked up before the first is written.
  // Blocks while the workers are far behind, which bounds memory. Throws DatabaseError, also for
  // a worker's failure.
  AddOutcome add(Article article);

  // Writes every queued article (committed in batches as usual, not necessarily all committed).
  // Throws DatabaseError; what was written before stays.
  void finish();

  struct State;  // Shared with the worker threads (parallel_update.cc).

 private:
  explicit ParallelUpdate(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace newsq
