// tests/cluster/cluster_fixture.cc: splitting the shared corpus into shards and indexing them
// (cluster_fixture.h).
#include "tests/cluster/cluster_fixture.h"

#include <nlohmann/json.hpp>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "engine/common/hashing.h"
#include "newsq/newsq.h"
#include "tests/test_support.h"

namespace newsq::test {
namespace {
namespace fs = std::filesystem;

const char* const kCorpus[] = {"guardian-2022.jsonl.gz", "huffpost-2018-2022.jsonl.gz",
                               "press-releases-2021-2022.jsonl.gz", "ruwa-2021-2022.jsonl.gz",
                               "ukraine-war-gdelt.jsonl.gz"};

void write_lines(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream out(path, std::ios::binary);
  for (const auto& line : lines) out << line << '\n';
  if (!out) throw std::runtime_error("cannot write " + path);
}

// The ordinary indexer, with the tests' gazetteer.
void index_file(const std::string& db, const std::string& input) {
  WriterOptions options;
  options.gazetteer = small_gazetteer();
  IndexWriter writer(db, options);
  ingest(writer, {input});
}

// Removes the archive's folder when the process ends.
struct Remover {
  std::string folder;
  ~Remover() {
    std::error_code ec;
    if (!folder.empty()) fs::remove_all(folder, ec);
  }
};

ShardedArchive build() {
  ShardedArchive a;
  // Under the test's build folder, never in the project or beside the corpus.
  fs::create_directories(NEWSQ_CLUSTER_WORK);
  std::string pattern = std::string(NEWSQ_CLUSTER_WORK) + "/archive-XXXXXX";
  if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot make a folder under " NEWSQ_CLUSTER_WORK);
  a.folder = pattern;
  static Remover remover;
  remover.folder = a.folder;

  // Each article to shard fnv1a64(id) % N, as docs/sharding.md says `newsq index --shards N` routes.
  std::vector<std::string> lines[kShards];
  for (const char* file : kCorpus)
    for (auto& line : read_lines(shared_dir() / "corpus" / file)) {
      const std::string id = nlohmann::json::parse(line)["id"];
      lines[common::fnv1a64(id) % kShards].push_back(std::move(line));
    }
  // Xapian breaks ties between equally relevant hits by document id, and a cluster's ids
  // interleave its shards' (shard K's n-th document is (n - 1) * N + K + 1): the one index gets
  // the articles in that interleaved order, so that its ids order ties as the cluster's do.
  std::vector<std::string> interleaved;
  for (std::size_t n = 0;; ++n) {
    bool any = false;
    for (const auto& shard : lines)
      if (n < shard.size()) {
        interleaved.push_back(shard[n]);
        any = true;
      }
    if (!any) break;
  }
  a.articles = interleaved.size();

  // The sharded index as users make it, `newsq index --shards 3` (WriterOptions::shards), from
  // the interleaved file: each shard gets its articles in the order of lines[K].
  write_lines(a.folder + "/all.jsonl", interleaved);
  a.sharded = a.folder + "/sharded";
  {
    WriterOptions options;
    options.gazetteer = small_gazetteer();
    options.shards = kShards;
    IndexWriter writer(a.sharded, options);
    ingest(writer, {a.folder + "/all.jsonl"});
  }
  for (int k = 0; k < kShards; ++k) {
    a.shards.push_back(a.sharded + "/shard-" + std::to_string(k));
    a.per_shard.push_back(lines[k].size());
  }

  a.single = a.folder + "/single";
  index_file(a.single, a.folder + "/all.jsonl");
  return a;
}

}  // namespace

ServedShards serve_shards(const ShardedArchive& archive, const std::string& name) {
  ServedShards served;
  std::string lines;
  for (const auto& shard : archive.shards) {
    served.servers.push_back(std::make_unique<TcpsrvProcess>(shard));
    lines += served.servers.back()->stub_line() + "\n";
  }
  served.description = archive.folder + "/" + name;
  write_file(served.description, lines);
  return served;
}

const ShardedArchive& sharded_archive() {
  static const ShardedArchive archive = build();
  return archive;
}

}  // namespace newsq::test
