// engine/index/maintenance.cc: rebuild and compact through a new generation and an atomic swap.
#include "newsq/maintenance.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <optional>

#include "engine/index/index_health.h"
#include "engine/index/index_location.h"
#include "engine/index/index_writer_impl.h"
#include "engine/index/schema.h"
#include "engine/index/shard_layout.h"
#include "engine/index/shard_set.h"
#include "newsq/error.h"
#include "newsq/shards.h"

namespace newsq {

// Opens writers on generations that are not live yet, under a lock the caller already holds.
class IndexMaintenance {
 public:
  static IndexWriter writer_for(const std::string& dir, const std::string& generation, const WriterOptions& options) {
    return IndexWriter(std::make_unique<IndexWriter::Impl>(dir, generation, options, nullptr));
  }
  // A rebuild's places prior, counted once (with the first writer's gazetteer) over all the
  // inputs and recorded in every writer's generation: each shard of a sharded index gets the same.
  static void count_place_prior(std::vector<IndexWriter>& writers, const std::vector<std::string>& inputs,
                                const IngestOptions& options) {
    if (std::optional<std::string> prior = writers.front().impl_->count_place_prior(inputs, options))
      for (IndexWriter& writer : writers) writer.impl_->record_place_prior(*prior);
  }
};

namespace {

// Takes the lock, tidies leftovers, and checks `dir` uses generations.
std::unique_ptr<WriteLock> prepare(const std::string& dir, const WriterOptions& options) {
  validate(options);
  auto lock = std::make_unique<WriteLock>(dir, options.wait_for_lock);
  // A plain database in `dir` cannot be swapped atomically: its files are `dir` itself.
  if (location::live_generation_for_writing(dir) == dir)
    throw DatabaseError(dir +
                        ": this index predates generations: rebuild it into a new directory "
                        "(newsq rebuild --db NEW PATH...) and search that one");
  location::remove_stale_generations(dir);
  return lock;
}

}  // namespace

IngestReport rebuild(const std::string& dir, const std::vector<std::string>& inputs, const IngestOptions& options,
                     const WriterOptions& writer_options) {
  validate(options);  // Before the lock and the new generation: a usage error touches nothing.
  validate(writer_options);
  // The indexes rebuilt: `dir` itself, or each of its shards, each with its lock and a new generation.
  const unsigned shard_count = shards::count_for_writing(dir, writer_options.shards);
  struct Target {
    std::string dir;
    std::unique_ptr<WriteLock> lock;
    std::string generation;
  };
  std::vector<Target> targets;
  for (unsigned k = 0; k < std::max(1u, shard_count); ++k)
    targets.push_back({shard_count ? shards::shard_path(dir, k) : dir, nullptr, ""});
  IngestReport report;
  try {
    for (Target& t : targets) {
      t.lock = prepare(t.dir, writer_options);
      t.generation = location::new_generation(t.dir);
    }
    std::vector<IndexWriter> writers;
    for (const Target& t : targets) writers.push_back(IndexMaintenance::writer_for(t.dir, t.generation, writer_options));
    // The archive's places prior, from all the inputs, before any article is extracted with it
    // (engine/index/index_place_prior.cc): a rebuild's places do not depend on input order.
    IndexMaintenance::count_place_prior(writers, inputs, options);
    IndexWriter writer = shard_count ? ShardSet::join(dir, std::move(writers)) : std::move(writers.front());
    report = ingest(writer, inputs, options);
    // A rebuild makes the index exactly its inputs: from inputs with no article (an empty file, a
    // wrong path, every record rejected) it would empty the index, which is never what was meant.
    if (report.added == 0)
      throw Error("the inputs hold no valid article (" + std::to_string(report.rejected) +
                  " rejected): a rebuild would empty the index; the live index is unchanged");
    writer.commit();
  } catch (...) {
    std::error_code ec;
    for (const Target& t : targets)
      if (!t.generation.empty()) std::filesystem::remove_all(t.generation, ec);
    throw;
  }
  // Shard by shard: each shard swaps atomically, the set does not (a searcher of the cluster may
  // meet rebuilt shards beside old ones for a moment; every article is still in one shard only).
  for (const Target& t : targets) {
    location::publish(t.dir, t.generation);
    location::remove_stale_generations(t.dir);
  }
  if (shard_count) shards::write_cluster_stub(dir, shard_count);
  return report;
}

void compact(const std::string& dir, const WriterOptions& writer_options) {
  if (const std::vector<std::string> parts = shard_dirs(dir); !parts.empty()) {
    for (const std::string& shard : parts) compact(shard, writer_options);
    return;
  }
  // Unlike writing, compacting has no reason to create an index: a mistyped DIR (missing, or an
  // empty directory) is an error, and checked before the lock, whose file would be written first.
  const health::State state = health::diagnose(dir).state;
  if (state == health::State::absent) throw DatabaseError(dir + ": no such index");
  if (state == health::State::empty)
    throw DatabaseError(dir + ": an empty directory, not an index (nothing to compact)");
  auto lock = prepare(dir, writer_options);
  const std::string live = location::live_generation_for_writing(dir);
  const std::string generation = location::new_generation(dir);
  try {
    std::filesystem::remove(generation);  // Xapian creates the destination itself.
    Xapian::Database(live).compact(generation);
  } catch (const Xapian::Error& e) {
    std::error_code ec;
    std::filesystem::remove_all(generation, ec);
    throw DatabaseError(dir + ": compaction failed: " + e.get_description());
  }
  location::publish(dir, generation);
  location::remove_stale_generations(dir);
}

namespace {

// check() of a sharded index: every shard's report, each shard's mark, and the layout.
HealthReport check_shards(const std::vector<std::string>& parts) {
  HealthReport report;
  const unsigned count = static_cast<unsigned>(parts.size());
  for (unsigned k = 0; k < count; ++k) {
    const std::string name = std::filesystem::path(parts[k]).filename().string();
    HealthReport shard;
    try {
      shard = check(parts[k]);
    } catch (const DatabaseError& e) {
      shard.problems.push_back(e.what());  // Missing, empty or foreign: the cluster lacks this shard.
    }
    if (shard.sound) {
      try {
        const Xapian::Database db(parts[k]);
        shards::expect_label(parts[k], db.get_metadata(schema::kShardKey), k, count);
        // Every article where its id says: none here that another shard may hold too.
        std::uint64_t strays = 0;
        std::string example;
        const std::string prefix(schema::kIdPrefix);
        for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
          const std::string id = (*t).substr(prefix.size());
          if (const unsigned home = shards::shard_of(id, count); home != k && strays++ == 0)
            example = "'" + id + "' belongs in shard-" + std::to_string(home);
        }
        if (strays)
          shard.problems.push_back(std::to_string(strays) + " article(s) routed to another shard (" + example +
                                   "); rebuild the index");
      } catch (const Xapian::Error& e) {
        shard.problems.push_back(name + ": " + e.get_description());
      } catch (const DatabaseError& e) {
        shard.problems.push_back(e.what());
      }
      shard.sound = shard.problems.empty();
    }
    report.articles += shard.articles;
    for (const auto& problem : shard.problems) report.problems.push_back(name + ": " + problem);
    report.shards.push_back(std::move(shard));
  }
  report.sound = report.problems.empty();
  return report;
}

}  // namespace

HealthReport check(const std::string& dir) {
  if (const std::vector<std::string> parts = shard_dirs(dir); !parts.empty()) return check_shards(parts);
  HealthReport report;
  const health::Diagnosis found = health::diagnose(dir);
  switch (found.state) {
    case health::State::absent:
      throw DatabaseError(dir + ": no such index");
    case health::State::empty:
      throw DatabaseError(dir + ": an empty directory, not an index");
    case health::State::foreign:
      throw DatabaseError(dir + ": " + found.problem);
    case health::State::damaged:
      report.problems.push_back(found.problem);
      break;
    case health::State::plain:
    case health::State::healthy:
    case health::State::replica:
      break;
  }
  report.generations = health::generations(dir);
  report.live = location::live_generation(dir);
  if (!found.generation_path.empty()) {
    try {
      report.articles = Xapian::Database(found.generation_path).get_doccount();
    } catch (const Xapian::Error&) {
      // full_check says what is wrong.
    }
    for (auto& problem : health::full_check(found.generation_path)) report.problems.push_back(std::move(problem));
  }
  report.sound = report.problems.empty();
  return report;
}

std::string repair(const std::string& dir, const WriterOptions& writer_options) {
  if (const std::vector<std::string> parts = shard_dirs(dir); !parts.empty()) {
    std::string done;
    for (const std::string& shard : parts)
      if (const std::string chosen = repair(shard, writer_options); !chosen.empty())
        done += (done.empty() ? "" : ", ") + std::filesystem::path(shard).filename().string() + " " + chosen;
    return done;
  }
  const health::Diagnosis found = health::diagnose(dir);
  if (found.state == health::State::absent || found.state == health::State::empty ||
      found.state == health::State::foreign)
    throw DatabaseError(dir + ": not an index, nothing to repair");
  if (found.state == health::State::plain)
    throw DatabaseError(dir + ": this index predates generations; newsq cannot repair it (xapian-check --fix may)");
  WriteLock lock(dir, writer_options.wait_for_lock);
  if (found.state == health::State::healthy && health::full_check(found.generation_path).empty()) return {};
  std::string tried;
  for (const std::string& name : health::generations(dir)) {
    const std::string path = (std::filesystem::path(dir) / name).string();
    std::vector<std::string> problems = health::full_check(path);
    if (problems.empty()) {
      try {
        if (Xapian::Database(path).get_metadata(schema::kVersionKey).empty())
          problems.push_back(name + ": not a newsq generation");
      } catch (const Xapian::Error& e) {
        problems.push_back(name + ": " + e.get_description());
      }
    }
    if (problems.empty()) {
      location::publish(dir, path);
      return name;
    }
    tried += (tried.empty() ? "" : "; ") + problems.front();
  }
  throw DatabaseError(dir + ": no generation can be repaired" +
                      (tried.empty() ? std::string(" (there are none)") : ": " + tried));
}

}  // namespace newsq
