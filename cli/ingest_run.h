// cli/ingest_run.h: what `newsq index` and `newsq rebuild` share: their input flags, the
// progress line, rejected records as file:line: reason, and the summary line a cron log keeps.
#pragma once

#include "cli/options.h"

#include <functional>
#include <string>

#include "newsq/ingest.h"

namespace newsq::cli {

// Adds --db, --on-error, --format, --source, --max-record-bytes, --batch-size, --threads, --shards, --wait, --quiet,
// --help and the positional PATH... to `options`.
void add_ingest_options(cxxopts::Options& options);

// Runs `job` (which calls ingest() or rebuild() with the options built from `args`) and prints
// progress, rejections and the summary for `verb` ("index", "rebuild"). Returns the exit code.
int run_ingest(const cxxopts::ParseResult& args, const std::string& verb,
               const std::function<IngestReport(const IngestOptions&, const WriterOptions&)>& job);

}  // namespace newsq::cli
