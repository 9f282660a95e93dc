// newsq/index_writer.h: adds, replaces and removes articles in a newsq index on disk.
#pragma once

#include "newsq/export.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "newsq/article.h"

namespace newsq {

class ShardSet;

// The values a numeric option accepts, both ends included. Outside them a value is a mistake,
// not a setting, and is refused (std::invalid_argument) before anything is done.
struct NEWSQ_EXPORT OptionRange {
  std::uint64_t min, max;
  bool contains(std::uint64_t value) const { return value >= min && value <= max; }
};

// WriterOptions::batch_size: a batch of 0 would never commit; a batch beyond a million articles
// holds gigabytes in memory before the first commit.
inline constexpr OptionRange kBatchSizeRange{1, 1'000'000};
// WriterOptions::threads (0: one per core): far more threads than any machine has cores only
// spawns threads until the system refuses.
inline constexpr OptionRange kThreadsRange{0, 256};
// WriterOptions::shards (0: as the directory already is): each shard is a complete index with its
// own files and lock; thousands of them on one machine is a mistake, not a layout.
inline constexpr OptionRange kShardsRange{0, 1024};

struct NEWSQ_EXPORT WriterOptions {
  // Articles buffered before an automatic commit. Bounds memory; each commit is atomic, so a crash
  // loses at most the articles since the last one.
  std::uint32_t batch_size = 5000;
  // When another process is writing to the index: false fails at once naming it, true waits.
  bool wait_for_lock = false;
  // A gazetteer file ('newsq gazetteer build'): articles are indexed with the places they mention,
  // and the index records the file (path and checksum) so that searches use the same one. Empty:
  // the gazetteer the index already records, if any (or, for a rebuild, the live index's).
  std::string gazetteer{};
  // Threads that analyse articles; 0: one per core (std::thread::hardware_concurrency()). With more
  // than one, an ingest() run that starts on an empty index (a first run, or a rebuild) analyses
  // and writes blocks of at most batch_size articles (fewer when their text is long: blocks are
  // also cut by text size, so that the threads stay evenly loaded) in parallel, each into a shard
  // of its own, and merges them when the run ends: the result (document order included) is what
  // one thread gives, but nothing is visible, or kept after a crash, before that merge. Other
  // ingest() runs analyse new and changed articles in parallel but write them in input order,
  // committing as one thread does.
  unsigned threads = 0;
  // False: a directory that holds no index yet (missing, or empty) is an error (DatabaseError
  // naming it), not a place to create one. For jobs that only change an existing index (delete),
  // where such a directory is a mistyped path, and creating an empty index there would hide that.
  bool create = true;
  // Split a new index into this many shards: DIR/shard-0 ... DIR/shard-{N-1}, each a complete
  // index (own generations, write lock, schema and gazetteer), plus DIR/cluster.stub, a Xapian stub
  // file listing them (engine/index/schema.md, "Sharded indexes"). An article lives in shard
  // fnv1a64(id) % N, never in another. 0: as DIR already is (a new DIR becomes one ordinary index);
  // a sharded DIR is found and routed to without it. Asking a sharded DIR for another count, or an
  // ordinary index for shards, is an error (DatabaseError naming both counts).
  std::uint32_t shards = 0;
};

// Throws std::invalid_argument naming the field, its value and its range (kBatchSizeRange,
// kThreadsRange) if `options` has a value outside them. IndexWriter, rebuild() and compact()
// call it before they touch the index.
NEWSQ_EXPORT void validate(const WriterOptions& options);

// What add() did with an article.
enum class AddOutcome { added, updated, unchanged };

// The only writer of one index directory. Not thread-safe: one thread calls it at a time.
// Searchers (other threads or processes) keep working while it writes; they see each commit whole.
// On a sharded index (WriterOptions::shards) it holds one writer, and so one write lock, per shard,
// and sends each article (add, remove) to the shard its id names; commit() commits every shard, one
// after another; size() and ids() count every shard.
class NEWSQ_EXPORT IndexWriter {
 public:
  // Opens the index in `dir`, creating the directory and an empty index if there is none, and
  // takes the index's write lock for the writer's lifetime (one writer per index, across
  // processes). Throws DatabaseError if it cannot (not a newsq index, unwritable, or locked by
  // another process: the message names its pid), std::invalid_argument for options out of range
  // (see validate(); nothing is created then).
  explicit IndexWriter(const std::string& dir, const WriterOptions& options = {});
  ~IndexWriter();  // Commits what is pending; errors there are swallowed, so call commit() to see them.
  IndexWriter(IndexWriter&&) noexcept;
  IndexWriter& operator=(IndexWriter&&) noexcept;

  // Analyses and stores one article. An id already in the index is replaced, or left alone when its
  // content is unchanged. Throws InputError (file "-", line 0) if the article lacks an id, a valid
  // date or text; the index is unchanged then.
  AddOutcome add(const Article& article);

  // Removes the article with this id; returns false if there was none.
  bool remove(const std::string& id);

  // Makes everything added or removed so far durable and visible to searchers.
  void commit();

  // Number of articles in the index, pending changes included.
  std::uint64_t size() const;

  // The id of every article in the index, pending changes included, in byte order.
  std::vector<std::string> ids() const;

 private:
  friend class IndexMaintenance;
  friend class BulkBuild;
  friend class ParallelUpdate;
  friend class ShardSet;
  struct Impl;
  IndexWriter(std::unique_ptr<Impl> impl);
  IndexWriter(std::unique_ptr<ShardSet> shards);
  std::unique_ptr<Impl> impl_;        // An ordinary index; null for a sharded one.
  std::unique_ptr<ShardSet> shards_;  // A sharded index: a writer per shard (engine/index/shard_set.h).
};

}  // namespace newsq
