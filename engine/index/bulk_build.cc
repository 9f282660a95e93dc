// engine/index/bulk_build.cc: the blocks, worker threads and shards behind BulkBuild.
//
// The reading thread (ingest()) fills a block; a worker takes it whole and writes it to shard
// <number> with its own DocumentBuilder (analyser, place extractor) and its own WritableDatabase,
// so the threads share nothing mutable but the queue (a common::OrderedPipeline) and the read-only gazetteer.
// Shards and the merged generation sit beside the live generation under names starting "gen-",
// so a run killed midway leaves only what the next writer removes as stale.
#include "engine/index/bulk_build.h"

#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <utility>
#include <vector>

#include "engine/common/ordered_pipeline.h"
#include "engine/index/index_location.h"
#include "engine/index/index_writer_impl.h"
#include "engine/index/schema.h"
#include "engine/index/shard_merge.h"
#include "indexer/readers/article_validator.h"

namespace newsq {
namespace fs = std::filesystem;

namespace {

struct Block {
  std::size_t number = 0;  // Position in input order: shard <number>.
  std::vector<Article> articles;
  std::size_t text_bytes = 0;  // Title and text bytes of `articles`.
};

struct ShardWritten {};  // A block's result: its shard is complete on disk.

// A block is cut at WriterOptions::batch_size articles or at this much title and text, whichever
// comes first. Cutting by bytes keeps the workers evenly loaded when article lengths vary (in
// ../shared/corpus 4% of the articles hold 44% of the text, and one block of them kept one
// worker busy alone for a third of the run), and small blocks are cheaper per article: Xapian's
// in-memory postings of a shard stay small (measured at 100k articles: 5,000-article blocks
// 34.6 s of CPU, 2,000-article blocks, about 0.6 MB each, 31.0 s).
constexpr std::size_t kMinBlockTextBytes = 256 * 1024;
// ...but every shard costs the merge open files and a pass, so blocks grow with the text read so
// far: about this many blocks per doubling of the input, a few hundred shards at a million
// articles rather than a thousand.
constexpr std::size_t kBlocksPerDoubling = 64;

}  // namespace

struct BulkBuild::State {
  IndexWriter::Impl& writer;
  bool live = false;       // The writer's generation is live: merge into a new one and publish it.
  std::string target;      // Where the merged index goes.
  std::string shards_dir;  // target + ".shards": one database per block.
  std::size_t block_size = 0;
  std::size_t max_queued = 0;  // Full blocks waiting for a worker; bounds memory.
  std::shared_ptr<const places::Gazetteer> gazetteer;
  std::shared_ptr<const places::ArchivePrior> place_prior;
  std::string gazetteer_checksum;

  Block current;               // Being filled by the reading thread.
  std::size_t blocks = 0;      // Blocks handed to the workers so far.
  std::size_t text_bytes = 0;  // Title and text bytes handed to the workers so far.
  bool finished = false;
  // Blocks in input order; a worker writes each whole. Last: its workers stop before the rest goes.
  common::OrderedPipeline<Block, ShardWritten> pipeline;

  explicit State(IndexWriter::Impl& w) : writer(w) {}

  std::string shard_path(std::size_t number) const {
    char name[32];
    std::snprintf(name, sizeof name, "shard-%06zu", number);
    return (fs::path(shards_dir) / name).string();
  }

  // A worker's: one builder for every block it takes; each block becomes a complete shard.
  common::OrderedPipeline<Block, ShardWritten>::Work make_work() {
    auto builder = std::make_shared<indexer::DocumentBuilder>();
    builder->set_gazetteer(gazetteer);
    builder->set_place_prior(place_prior);
    return [this, builder](Block& block) {
      try {
        write_shard(*builder, block);
      } catch (const Xapian::Error& e) {
        throw DatabaseError(writer.dir + ": cannot write a shard: " + e.get_description());
      }
      return ShardWritten{};
    };
  }

  void write_shard(indexer::DocumentBuilder& builder, Block& block) {
    // Xapian keeps a shard's postings in memory until the commit (or its flush threshold): one
    // block is written in one go, with no merging into postings already on disk.
    // No fsync: a shard is thrown away unless the run ends, and the merged generation is synced.
    Xapian::WritableDatabase db(shard_path(block.number), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
    places::PlaceNameWriter place_names;  // Each shard names its own places; the merge keeps them all.
    for (Article& article : block.articles) {
      if (pipeline.cancelled()) return;  // Its shard will be thrown away.
      // What IndexWriter::add does to an article before building it (validation normalises), so
      // that documents and hashes are the same as a one-thread run's.
      indexer::validate_article(article, ~0ull);
      const std::string hash = indexer::DocumentBuilder::content_hash(article, gazetteer_checksum);
      const Xapian::Document doc = builder.build(article, hash);
      db.add_document(doc);
      place_names.note(doc);
    }
    if (gazetteer) place_names.write(db, *gazetteer);
    db.commit();
    db.close();
  }

  // Throws a worker's failure, if there was one.
  void rethrow_failure() { drop_written(); }

  // Forgets the blocks already written (in order, without waiting), so that the pipeline holds
  // only those waiting for or being written.
  void drop_written() {
    while (pipeline.pop(static_cast<std::size_t>(-1))) {}
  }

  void submit() {
    if (current.articles.empty()) return;
    const std::size_t bytes = current.text_bytes;
    pipeline.push(std::move(current), max_queued);  // Waits while max_queued blocks wait for a worker.
    text_bytes += bytes;
    current = Block{++blocks, {}, 0};
    drop_written();
  }
};

std::unique_ptr<BulkBuild> BulkBuild::start(IndexWriter& writer) {
  if (!writer.impl_) return nullptr;  // Sharded: ingest() starts one per shard writer.
  IndexWriter::Impl& impl = *writer.impl_;
  const unsigned threads = impl.threads();
  if (threads < 2 || impl.path == impl.dir) return nullptr;
  if (impl.guarded("cannot count articles", [&] { return impl.db.get_doccount(); }) != 0) return nullptr;
  impl.commit();  // Removals pending in an index now empty: nothing of them survives the swap anyway.

  auto state = std::make_unique<State>(impl);
  state->live = location::live_generation(impl.dir) == fs::path(impl.path).filename().string();
  // A rebuild's generation is not live yet: the merge replaces it in place and the caller
  // publishes it. A live one is replaced by a new generation, published when merged.
  state->target = state->live ? location::new_generation(impl.dir) : impl.path;
  state->shards_dir = state->target + ".shards";
  state->block_size = std::max<std::size_t>(1, impl.options.batch_size);
  state->max_queued = threads;
  state->gazetteer = impl.builder.gazetteer();
  state->place_prior = impl.builder.place_prior();
  state->gazetteer_checksum = impl.gazetteer_checksum;
  std::error_code ec;
  fs::create_directories(state->shards_dir, ec);
  if (ec) {
    if (state->live) fs::remove_all(state->target, ec);
    throw DatabaseError(impl.dir + ": cannot create " + state->shards_dir + ": " + ec.message());
  }
  std::unique_ptr<BulkBuild> bulk(new BulkBuild(std::move(state)));
  State& s = *bulk->state_;
  // Should starting a thread throw, `bulk`'s destructor stops those started and removes the shards.
  s.pipeline.start(threads, [&s] { return s.make_work(); });
  return bulk;
}

BulkBuild::BulkBuild(std::unique_ptr<State> state) : state_(std::move(state)) {}

BulkBuild::~BulkBuild() {
  State& s = *state_;
  s.pipeline.stop();  // Workers stop between articles; their shards are removed below.
  std::error_code ec;
  fs::remove_all(s.shards_dir, ec);
  // A new generation that was never published; a rebuild's own generation is its caller's.
  if (!s.finished && s.live) fs::remove_all(s.target, ec);
}

void BulkBuild::add(Article article) {
  State& s = *state_;
  s.rethrow_failure();
  s.current.text_bytes += article.title.size() + article.text.size();
  s.current.articles.push_back(std::move(article));
  const std::size_t block_text = std::max(kMinBlockTextBytes, s.text_bytes / kBlocksPerDoubling);
  if (s.current.articles.size() >= s.block_size || s.current.text_bytes >= block_text) s.submit();
}

void BulkBuild::finish() {
  State& s = *state_;
  s.submit();
  while (s.pipeline.pop(0)) {  // Every block written (or a worker's failure thrown).
  }
  s.pipeline.stop();
  if (s.blocks == 0) return;  // Nothing was added: the empty index stays as it is.

  IndexWriter::Impl& w = s.writer;
  std::vector<std::string> shards;
  for (std::size_t i = 0; i < s.blocks; ++i) shards.push_back(s.shard_path(i));
  w.guarded("cannot merge the shards", [&] {
    std::vector<std::pair<std::string, std::string>> metadata;  // Schema version, gazetteer.
    for (auto key = w.db.metadata_keys_begin(); key != w.db.metadata_keys_end(); ++key)
      metadata.emplace_back(*key, w.db.get_metadata(*key));
    // The writer's database is closed before its folder is replaced (rebuild) or retired (live).
    w.db.close();
    // Empty, or (rebuild) the empty generation the writer had open.
    if (std::error_code ec; fs::remove_all(s.target, ec), ec)
      throw DatabaseError(w.dir + ": cannot replace " + s.target + ": " + ec.message());
    merge_shards(shards, s.target, metadata);
    if (s.live) location::publish(w.dir, s.target);
    s.finished = true;
    w.path = s.target;
    w.db = Xapian::WritableDatabase(w.path, Xapian::DB_OPEN);
  });
  std::error_code ec;
  fs::remove_all(s.shards_dir, ec);
  // The previous, empty generation; under the writer's lock nobody else creates generations.
  if (s.live) location::remove_stale_generations(w.dir);
}

}  // namespace newsq
