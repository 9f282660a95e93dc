// engine/index/maintenance.cc: rebuild and compact through a new generation and an atomic swap.
#include "newsq/maintenance.h"

#include <xapian.h>

#include <filesystem>

#include "engine/index/index_health.h"
#include "engine/index/index_location.h"
#include "engine/index/index_writer_impl.h"
#include "engine/index/schema.h"
#include "newsq/error.h"

namespace newsq {

// Opens writers on generations that are not live yet, under a lock the caller already holds.
class IndexMaintenance {
 public:
  static IndexWriter writer_for(const std::string& dir, const std::string& generation, const WriterOptions& options) {
    return IndexWriter(std::make_unique<IndexWriter::Impl>(dir, generation, options, nullptr));
  }
  static void count_place_prior(IndexWriter& writer, const std::vector<std::string>& inputs,
                                const IngestOptions& options) {
    writer.impl_->count_place_prior(inputs, options);
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
  auto lock = prepare(dir, writer_options);
  const std::string generation = location::new_generation(dir);
  IngestReport report;
  try {
    IndexWriter writer = IndexMaintenance::writer_for(dir, generation, writer_options);
    // The archive's places prior, from all the inputs, before any article is extracted with it
    // (engine/index/index_place_prior.cc): a rebuild's places do not depend on input order.
    IndexMaintenance::count_place_prior(writer, inputs, options);
    report = ingest(writer, inputs, options);
    // A rebuild makes the index exactly its inputs: from inputs with no article (an empty file, a
    // wrong path, every record rejected) it would empty the index, which is never what was meant.
    if (report.added == 0)
      throw Error("the inputs hold no valid article (" + std::to_string(report.rejected) +
                  " rejected): a rebuild would empty the index; the live index is unchanged");
    writer.commit();
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove_all(generation, ec);
    throw;
  }
  location::publish(dir, generation);
  location::remove_stale_generations(dir);
  return report;
}

void compact(const std::string& dir, const WriterOptions& writer_options) {
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

HealthReport check(const std::string& dir) {
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
