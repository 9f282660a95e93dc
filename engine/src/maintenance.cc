// engine/src/maintenance.cc: rebuild and compact through a new generation and an atomic swap.
#include "newsq/maintenance.h"

#include <xapian.h>

#include <filesystem>

#include "engine/src/index_location.h"
#include "engine/src/index_writer_impl.h"
#include "newsq/error.h"

namespace newsq {

// Opens writers on generations that are not live yet, under a lock the caller already holds.
class IndexMaintenance {
 public:
  static IndexWriter writer_for(const std::string& dir, const std::string& generation, const WriterOptions& options) {
    return IndexWriter(std::make_unique<IndexWriter::Impl>(dir, generation, options, nullptr));
  }
};

namespace {

// Takes the lock, tidies leftovers, and checks `dir` uses generations.
std::unique_ptr<WriteLock> prepare(const std::string& dir, const WriterOptions& options) {
  auto lock = std::make_unique<WriteLock>(dir, options.wait_for_lock);
  // A plain database in `dir` cannot be swapped atomically: its files are `dir` itself.
  if (location::live_generation_for_writing(dir) == dir)
    throw DatabaseError(dir + ": this index predates generations: rebuild it into a new directory "
                              "(newsq rebuild --db NEW PATH...) and search that one");
  location::remove_stale_generations(dir);
  return lock;
}

}  // namespace

IngestReport rebuild(const std::string& dir, const std::vector<std::string>& inputs, const IngestOptions& options,
                     const WriterOptions& writer_options) {
  auto lock = prepare(dir, writer_options);
  const std::string generation = location::new_generation(dir);
  IngestReport report;
  try {
    IndexWriter writer = IndexMaintenance::writer_for(dir, generation, writer_options);
    report = ingest(writer, inputs, options);
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
  // Unlike writing, compacting has no reason to create an index: a mistyped DIR is an error.
  if (!std::filesystem::exists(dir)) throw DatabaseError(dir + ": no such index");
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

}  // namespace newsq
