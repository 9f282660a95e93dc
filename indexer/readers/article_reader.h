// indexer/readers/article_reader.h: the reader interface. A reader turns one input (a file or stdin,
// gzip or not) into a stream of records, each either an Article or the reason it was rejected,
// always with the file and line it came from.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "newsq/article.h"
#include "newsq/ingest.h"

namespace newsq::indexer {

struct ReadOptions {
  std::string format;  // "jsonl", "csv", "text"; empty: from the file name, or sniffed for stdin.
  std::string source;  // For plain text: the source when the file has no " source" header line.
  std::uint64_t max_record_bytes = 8u << 20;

  // How an ingest run with `options` reads its inputs (its format, source and record limit).
  static ReadOptions of(const IngestOptions& options) {
    return {options.format, options.source, options.max_record_bytes};
  }
};

// One record as read, before it is validated (see article_validator.h).
struct RawRecord {
  Article article;
  std::string file;        // Path as given ("-" for stdin).
  std::uint64_t line = 0;  // 1-based line where the record starts.
  std::string error;       // Non-empty: the reader rejected this record; article is unusable.
  bool fatal = false;      // With error: the rest of this input cannot be read (truncated gzip, I/O).
};

class ArticleReader {
 public:
  virtual ~ArticleReader() = default;
  // Fills `record` with the next record; returns false at the end of the input. Never throws for
  // bad data (that becomes record.error); after a fatal record it returns false.
  virtual bool next(RawRecord& record) = 0;
  // Bytes of the underlying file consumed so far (compressed bytes for gzip), for progress and ETA.
  virtual std::uint64_t bytes_consumed() const = 0;
};

// Opens `path` ("-" = stdin) with the reader its format needs: options.format, else the one the
// file name tells, else (stdin only) the one its content shows. Throws InputError (line 0) if the
// file cannot be opened or its name tells no format (and options.format is empty).
std::unique_ptr<ArticleReader> open_reader(const std::string& path, const ReadOptions& options);

// What the input paths expand to. Whatever cannot be read is listed in `unreadable` with the
// reason instead of being skipped silently or ending the expansion: a run that misses part of an
// archive must say so, read the rest, and not take the articles it missed for deleted.
struct ExpandedInputs {
  struct Unreadable {
    std::string path;
    std::string reason;
  };
  std::vector<std::string> files;
  std::vector<Unreadable> unreadable;
};

// Expands directories recursively into the article files beneath them (*.jsonl, *.ndjson, *.csv,
// *.txt, each optionally .gz), each directory's in sorted order; files and "-" named directly are
// kept as given. Symlinks are followed, to files and to directories; a directory reached twice
// (through two symlinks) is read once. Listed as unreadable: a directory that cannot be listed, a
// path that cannot be examined, a dangling symlink, a symlink loop (one the system reports, or a
// symlink to a directory leading back to one of its own ancestors), and an input directory holding
// no article file at all (an unmounted archive looks like that). Throws InputError (line 0) for a
// path named directly that does not exist.
ExpandedInputs expand_input_paths(const std::vector<std::string>& paths);

// As expand_input_paths(), but throws InputError (line 0) for the first unreadable path too.
std::vector<std::string> expand_inputs(const std::vector<std::string>& paths);

}  // namespace newsq::indexer
