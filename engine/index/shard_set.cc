// engine/index/shard_set.cc: opening, marking and routing to the shards of a sharded index.
#include "engine/index/shard_set.h"

#include <xapian.h>

#include "engine/index/index_writer_impl.h"
#include "engine/index/schema.h"
#include "engine/index/shard_layout.h"
#include "newsq/error.h"

namespace newsq {

ShardSet::ShardSet(std::string dir, std::vector<IndexWriter> writers)
    : dir_(std::move(dir)), writers_(std::move(writers)) {}

IndexWriter& ShardSet::route(std::string_view id) {
  return writers_[shards::shard_of(id, static_cast<unsigned>(writers_.size()))];
}

void ShardSet::mark(IndexWriter& writer, unsigned shard, unsigned count) {
  IndexWriter::Impl& impl = *writer.impl_;
  impl.guarded("cannot mark the shard", [&] {
    const std::string marked = impl.db.get_metadata(schema::kShardKey);
    if (marked.empty() && impl.db.get_doccount() == 0) {
      impl.db.set_metadata(schema::kShardKey, shards::shard_label(shard, count));
      impl.commit();
      return;
    }
    shards::expect_label(impl.dir, marked, shard, count);
  });
}

IndexWriter ShardSet::open(const std::string& dir, unsigned count, const WriterOptions& options) {
  WriterOptions shard_options = options;
  shard_options.shards = 0;  // Each shard is an ordinary index.
  std::vector<IndexWriter> writers;
  writers.reserve(count);
  // In shard order, so that two writers of the same index never each hold a lock the other waits for.
  for (unsigned k = 0; k < count; ++k) {
    writers.emplace_back(shards::shard_path(dir, k), shard_options);
    mark(writers.back(), k, count);
  }
  // Last: a searcher opening the cluster finds every shard it lists.
  shards::write_cluster_stub(dir, count);
  return IndexWriter(std::make_unique<ShardSet>(dir, std::move(writers)));
}

IndexWriter ShardSet::join(const std::string& dir, std::vector<IndexWriter> writers) {
  for (unsigned k = 0; k < writers.size(); ++k) mark(writers[k], k, static_cast<unsigned>(writers.size()));
  return IndexWriter(std::make_unique<ShardSet>(dir, std::move(writers)));
}

std::vector<IndexWriter*> ShardSet::shards(IndexWriter& writer) {
  std::vector<IndexWriter*> out;
  if (writer.shards_)
    for (IndexWriter& w : writer.shards_->writers_) out.push_back(&w);
  return out;
}

}  // namespace newsq
