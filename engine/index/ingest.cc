// engine/index/ingest.cc: the indexing job: inputs -> readers -> validation -> IndexWriter, with
// rejections reported as file:line: reason and progress for the CLI.
#include "newsq/ingest.h"

#include <chrono>
#include <exception>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <unordered_map>

#include "engine/index/bulk_build.h"
#include "engine/index/parallel_update.h"
#include "engine/index/shard_layout.h"
#include "engine/index/shard_set.h"
#include "indexer/readers/article_reader.h"
#include "indexer/readers/article_validator.h"
#include "newsq/error.h"

namespace newsq {
namespace {

std::uint64_t total_size(const std::vector<std::string>& files) {
  std::uint64_t total = 0;
  for (const auto& f : files) {
    std::error_code ec;
    if (f == "-") return 0;  // Unknown: no ETA.
    auto size = std::filesystem::file_size(f, ec);
    if (!ec) total += size;
  }
  return total;
}

// Where an ingest run writes articles: one index's writer (the run's own, or a shard's), through a
// parallel bulk build on an empty index or a parallel update when several threads apply (each
// null otherwise). finish() must be reached before the writer is used again.
class Destination {
 public:
  explicit Destination(IndexWriter& writer)
      : writer_(writer), bulk_(BulkBuild::start(writer)), update_(bulk_ ? nullptr : ParallelUpdate::start(writer)) {}

  AddOutcome add(Article&& article) {
    if (bulk_) {
      bulk_->add(std::move(article));
      return AddOutcome::added;
    }
    return update_ ? update_->add(std::move(article)) : writer_.add(article);
  }

  void finish() {
    // Each is finished at most once, even when finishing throws.
    if (auto b = std::move(bulk_)) b->finish();
    if (auto u = std::move(update_)) u->finish();
  }

 private:
  IndexWriter& writer_;
  std::unique_ptr<BulkBuild> bulk_;
  std::unique_ptr<ParallelUpdate> update_;
};

}  // namespace

void validate(const IngestOptions& options) {
  if (!kMaxRecordBytesRange.contains(options.max_record_bytes))
    throw std::invalid_argument("IngestOptions::max_record_bytes must be " + std::to_string(kMaxRecordBytesRange.min) +
                                ".." + std::to_string(kMaxRecordBytesRange.max) + ", not " +
                                std::to_string(options.max_record_bytes));
}

IngestReport ingest(IndexWriter& writer, const std::vector<std::string>& inputs, const IngestOptions& options) {
  validate(options);
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  indexer::ExpandedInputs expanded = indexer::expand_input_paths(inputs);
  const std::vector<std::string>& files = expanded.files;

  IngestReport report;
  std::optional<Rejection> first_unreadable;
  IngestProgress progress;
  progress.total_bytes = total_size(files);
  std::uint64_t finished_bytes = 0;  // Bytes of the inputs already read to the end.
  // First place each id was seen in this run: a second record with the same id is an error in the
  // input, not an update.
  // Kept as (index in `files`, line) rather than text: one entry per article of a large archive.
  struct Place {
    std::size_t file;
    std::uint64_t line;
  };
  std::unordered_map<std::string, Place> first_seen;
  bool read_everything = true;  // No input was cut short: absent ids really are gone.

  const indexer::ReadOptions read_options = indexer::ReadOptions::of(options);

  // The writer itself, or for a sharded index each shard's writer: an article goes to the shard
  // its id names, in the same pass over the inputs. Every shard's bulk build or update is bounded
  // as one index's is, and a shard's blocks grow with its own share of the text, so the blocks
  // queued across all shards stay about what one index's would be.
  std::vector<Destination> destinations;
  if (std::vector<IndexWriter*> shard_writers = ShardSet::shards(writer); shard_writers.empty()) {
    destinations.emplace_back(writer);
  } else {
    destinations.reserve(shard_writers.size());
    for (IndexWriter* shard : shard_writers) destinations.emplace_back(*shard);
  }
  auto destination = [&](const std::string& id) -> Destination& {
    return destinations.size() == 1
               ? destinations.front()
               : destinations[shards::shard_of(id, static_cast<unsigned>(destinations.size()))];
  };
  auto finish_parallel = [&] {
    // Every destination is finished, even after one failed: what each received is kept, as it
    // would be by one index's writer. The first failure is the one reported.
    std::exception_ptr failure;
    for (Destination& d : destinations) {
      try {
        d.finish();
      } catch (...) {
        if (!failure) failure = std::current_exception();
      }
    }
    if (failure) std::rethrow_exception(failure);
  };
  auto commit = [&] {
    finish_parallel();
    writer.commit();
  };

  auto finish_report = [&] {
    report.input_bytes = finished_bytes;
    report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  };
  // An input that cannot be read at all: reported, counted, and the run goes on with the others
  // (under OnError::fail it stops there, as at a bad record).
  auto cannot_read = [&](const std::string& path, const std::string& reason) {
    ++report.unreadable;
    Rejection r{path, 0, reason};
    if (options.on_unreadable) options.on_unreadable(r);
    if (!first_unreadable) first_unreadable = r;
    if (options.on_error == OnError::fail) {
      commit();
      finish_report();
      throw UnreadableInputs(*first_unreadable, report);
    }
  };

  auto reject = [&](const std::string& file, std::uint64_t line, const std::string& reason) {
    ++report.rejected;
    Rejection r{file, line, reason};
    if (options.on_reject) options.on_reject(r);
    if (options.on_error == OnError::fail) {
      commit();
      throw InputError(file, line, reason);
    }
  };

  try {
    for (const auto& u : expanded.unreadable) cannot_read(u.path, u.reason);
    for (std::size_t file_index = 0; file_index < files.size(); ++file_index) {
      const std::string& file = files[file_index];
      std::unique_ptr<indexer::ArticleReader> reader;
      try {
        reader = indexer::open_reader(file, read_options);
      } catch (const InputError& e) {
        cannot_read(e.file(), e.reason());  // One file that cannot be opened must not cost the others.
        continue;
      }
      indexer::RawRecord record;
      while (reader->next(record)) {
        ++progress.articles;
        if (!record.error.empty()) {
          reject(record.file, record.line, record.error);
          if (record.fatal) {
            read_everything = false;
            break;
          }
          continue;
        }
        if (!options.source.empty()) record.article.source = options.source;
        if (std::string reason = indexer::validate_article(record.article, options.max_record_bytes); !reason.empty()) {
          reject(record.file, record.line, reason);
          continue;
        }
        auto [it, fresh] = first_seen.try_emplace(record.article.id, Place{file_index, record.line});
        if (!fresh) {
          const Place& first = it->second;
          reject(record.file, record.line,
                 "duplicate id '" + record.article.id + "' (first at " + files[first.file] + ":" +
                     std::to_string(first.line) + ")");
          continue;
        }
        Destination& to = destination(record.article.id);
        switch (to.add(std::move(record.article))) {
          case AddOutcome::added:
            ++report.added;
            break;
          case AddOutcome::updated:
            ++report.updated;
            break;
          case AddOutcome::unchanged:
            ++report.unchanged;
            break;
        }
        if (options.on_progress && progress.articles % 1000 == 0) {
          progress.input_bytes = finished_bytes + reader->bytes_consumed();
          progress.seconds = std::chrono::duration<double>(Clock::now() - started).count();
          options.on_progress(progress);
        }
      }
      finished_bytes += reader->bytes_consumed();
    }
    finish_parallel();
  } catch (...) {
    // As IndexWriter's destructor commits what was added before an error, so is what the bulk
    // build or the update received kept; their own failure is not the one to report.
    try {
      finish_parallel();
    } catch (...) {}
    throw;
  }
  if (options.delete_missing) {
    // Each of these looks like a lost mount or a wrong path, not like an archive whose articles
    // were all taken down: deleting would empty (part of) the index for nothing.
    if (report.unreadable)
      report.deletion_refused =
          std::to_string(report.unreadable) + (report.unreadable == 1 ? " input" : " inputs") + " could not be read";
    else if (!read_everything)
      report.deletion_refused = "an input could not be read to its end";
    else if (first_seen.empty())
      report.deletion_refused = "the inputs hold no article";
    if (report.deletion_refused.empty())
      for (const auto& id : writer.ids())
        if (!first_seen.count(id) && writer.remove(id)) ++report.deleted;
  }
  writer.commit();
  finish_report();
  if (first_unreadable) throw UnreadableInputs(*first_unreadable, report);
  return report;
}

}  // namespace newsq
