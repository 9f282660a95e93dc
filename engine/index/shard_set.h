// engine/index/shard_set.h: the writer of a sharded index (shard_layout.h): one IndexWriter per
// shard, each holding its shard's write lock, and the routing of an article id to its shard. An
// IndexWriter on a sharded directory owns one of these instead of a database of its own; ingest()
// asks it for the shard writers to give each its own bulk build or parallel update.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsq/index_writer.h"

namespace newsq {

class ShardSet {
 public:
  // A writer of the `count` shards of `dir`: opens each (creating the missing ones, each with its
  // first empty generation) in shard order, marks new shards with their label, checks the others'
  // labels, and writes DIR/cluster.stub when it does not list them yet. Throws DatabaseError.
  static IndexWriter open(const std::string& dir, unsigned count, const WriterOptions& options);

  // A writer over `writers`, shard K of `dir` at index K, already open on generations of their own
  // (a rebuild's, not live yet): marks each with its label. Writes no cluster.stub.
  static IndexWriter join(const std::string& dir, std::vector<IndexWriter> writers);

  // The shard writers of `writer` in shard order; empty when it writes an ordinary index.
  static std::vector<IndexWriter*> shards(IndexWriter& writer);

  // Marks the index `writer` writes as shard `shard` of `count` when it is new and empty, else
  // checks that it is marked so. Throws DatabaseError.
  static void mark(IndexWriter& writer, unsigned shard, unsigned count);

  ShardSet(std::string dir, std::vector<IndexWriter> writers);
  const std::string& dir() const { return dir_; }
  std::vector<IndexWriter>& writers() { return writers_; }
  const std::vector<IndexWriter>& writers() const { return writers_; }
  // The writer of the shard the article `id` (validated) lives in.
  IndexWriter& route(std::string_view id);

 private:
  std::string dir_;
  std::vector<IndexWriter> writers_;
};

}  // namespace newsq
