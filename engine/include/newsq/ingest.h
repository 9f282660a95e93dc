// newsq/ingest.h: reads article files (JSON Lines, CSV, plain text; gzip or not; directories
// recursively; "-" for stdin) into an index, rejecting bad records with file:line: reason.
#pragma once

#include "newsq/export.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "newsq/error.h"
#include "newsq/index_writer.h"

namespace newsq {

enum class OnError {
  skip,  // Report the record, count it, go on.
  fail,  // Commit what was indexed before it, then stop; ingest() throws InputError.
};

struct NEWSQ_EXPORT IngestProgress {
  std::uint64_t articles = 0;     // Records read so far (indexed or not).
  std::uint64_t input_bytes = 0;  // Bytes of input consumed (compressed size for gzip).
  std::uint64_t total_bytes = 0;  // Size of all inputs; 0 when unknown (stdin).
  double seconds = 0;
};

struct NEWSQ_EXPORT Rejection {
  std::string file;
  std::uint64_t line = 0;
  std::string reason;
  std::string message() const { return file + ":" + std::to_string(line) + ": " + reason; }
};

// IngestOptions::max_record_bytes: a limit of 0 (or of a few bytes) rejects every record, and with
// delete_missing would then empty the index; past 1 GiB one record could exhaust memory.
inline constexpr OptionRange kMaxRecordBytesRange{1024, 1u << 30};

struct NEWSQ_EXPORT IngestOptions {
  OnError on_error = OnError::skip;
  std::string format;                         // "jsonl", "csv" or "text"; empty: by file name, stdin by content.
  std::string source;                         // Overrides every article's source when not empty.
  std::uint64_t max_record_bytes = 8u << 20;  // Larger records are rejected (kMaxRecordBytesRange).
  // After reading every input to its end, remove the indexed articles none of them contained (a
  // full-archive run). Nothing is removed when an input could not be read at all or to its end, or
  // when the inputs hold no article (IngestReport::deletion_refused says why).
  bool delete_missing = false;
  std::function<void(const Rejection&)> on_reject;  // Called for each rejected record.
  // Called (line 0) for each input that cannot be read at all: a file that cannot be opened or
  // whose format cannot be told, a directory that cannot be listed or holds no article file, a
  // dangling symlink or a symlink loop (see indexer's expand_input_paths()).
  std::function<void(const Rejection&)> on_unreadable;
  std::function<void(const IngestProgress&)> on_progress;  // Called about every 1000 records.
};

struct NEWSQ_EXPORT IngestReport {
  std::uint64_t added = 0, updated = 0, unchanged = 0, deleted = 0, rejected = 0;
  std::uint64_t unreadable = 0;  // Inputs that could not be read at all (see on_unreadable).
  std::string deletion_refused;  // With delete_missing: why nothing was deleted ("" if not refused).
  std::uint64_t input_bytes = 0;
  double seconds = 0;
};

// Throws std::invalid_argument naming the field, its value and its range if `options` has a value
// outside its range (kMaxRecordBytesRange). ingest() and rebuild() call it before reading anything.
NEWSQ_EXPORT void validate(const IngestOptions& options);

// Thrown by ingest() when inputs could not be read (see on_unreadable), after everything readable
// was read and committed (under OnError::fail: at the first, after committing what came before);
// report() is what was done, what() the first such input. rebuild() lets it through without
// swapping the new index in: it would lack the articles of what could not be read.
class NEWSQ_EXPORT UnreadableInputs : public InputError {
 public:
  UnreadableInputs(const Rejection& first, IngestReport report)
      : InputError(first.file, 0, first.reason), report_(std::move(report)) {}
  const IngestReport& report() const { return report_; }

 private:
  IngestReport report_;
};

// Reads every input into `writer` and commits. Throws InputError for a missing path, or for the
// first bad record under OnError::fail (after committing everything before it); UnreadableInputs
// when inputs could not be read;
// std::invalid_argument for options out of range (see validate()), before reading anything.
NEWSQ_EXPORT IngestReport ingest(IndexWriter& writer, const std::vector<std::string>& inputs,
                                 const IngestOptions& options = {});

}  // namespace newsq
