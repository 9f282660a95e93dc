// newsq/maintenance.h: whole-index operations for scheduled jobs: rebuild from scratch beside the
// live index and swap it in, and compact. Both take the index's write lock, and both publish the
// result with one atomic rename: a searcher opening the index meanwhile sees the old index or the
// new one, never a mix or nothing. Killed midway, they leave the live index untouched, and the
// next writer removes what they left behind.
//
// On a sharded index (newsq/shards.h) each works shard by shard, each shard under its own lock:
// atomic per shard, not across shards (a rebuild publishes the shards one after another).
#pragma once

#include "newsq/export.h"

#include <cstdint>
#include <string>
#include <vector>

#include "newsq/index_writer.h"
#include "newsq/ingest.h"

namespace newsq {

// Builds a fresh index of `inputs` (new analysis, new settings) and makes it the live index of
// `dir`, which is created if missing; older generations are removed. With a gazetteer, the inputs
// are read twice: first to count the index's places prior (the countries and regions its articles
// name; the only way it changes), then to index them with it (stdin, read once, keeps the live
// index's prior). Throws like ingest()
// (UnreadableInputs included: a rebuild missing part of its inputs would drop their articles), and
// Error when the inputs hold no valid article; on a throw the live index is unchanged.
// WriterOptions::shards applies as for IndexWriter: a sharded `dir` (or a new one with shards) is
// rebuilt with one pass over the inputs routing each article to its shard's new generation, and
// the places prior counted once over all the inputs, so every shard has the same.
NEWSQ_EXPORT IngestReport rebuild(const std::string& dir, const std::vector<std::string>& inputs,
                                  const IngestOptions& options = {}, const WriterOptions& writer_options = {});

// What `newsq check` reports of an index directory.
struct NEWSQ_EXPORT HealthReport {
  bool sound = false;                    // The live generation opens and passes Xapian's full check.
  std::string live;                      // The generation the stub names ("" if none can be read).
  std::uint64_t articles = 0;            // In the live generation, when it opens.
  std::vector<std::string> problems;     // One line each; empty when sound.
  std::vector<std::string> generations;  // Every generation folder, newest first.
  // A sharded index: each shard's own report, in shard order (empty otherwise). Then `sound` says
  // every shard is sound and the layout is whole, `articles` sums the shards, `problems` holds the
  // layout's problems and each shard's prefixed with its folder ("shard-2: ..."), `live` and
  // `generations` are empty.
  std::vector<HealthReport> shards;
};

// Examines `dir` without changing it: the stub, the live generation's files, and Xapian's own
// structural check of every table (reads the whole index); of a sharded index, every shard, the
// shard each is marked as (metadata newsq.shard) and DIR/cluster.stub. Throws DatabaseError if
// `dir` is not an index at all.
NEWSQ_EXPORT HealthReport check(const std::string& dir);

// Points the stub of a damaged index at the newest generation that has all its files and passes
// Xapian's full check, and returns that generation's name ("" when the live one is sound and
// nothing was done). Deletes nothing: the other generations stay for whoever wants to look at
// them; the next write removes them as usual. Takes the write lock. Throws DatabaseError when no
// generation passes. A sharded index is repaired shard by shard; the answer then names what was
// done in each damaged shard ("shard-1 gen-000003"; several joined by ", "), "" when all are sound.
NEWSQ_EXPORT std::string repair(const std::string& dir, const WriterOptions& writer_options = {});

// Rewrites the live index of `dir` (of a sharded index: of each shard in turn) compactly (Xapian
// compaction) and swaps it in. Throws DatabaseError.
NEWSQ_EXPORT void compact(const std::string& dir, const WriterOptions& writer_options = {});

}  // namespace newsq
