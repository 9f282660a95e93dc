// cli/index_command.cc: `newsq index`: adds new and changed articles to an index (created if
// missing), skips unchanged ones, optionally deletes the ones no longer in the input.
#include "cli/options.h"
#include <fmt/core.h>

#include "cli/commands.h"
#include "cli/ingest_run.h"
#include "newsq/ingest.h"

namespace newsq::cli {

int index_command(int argc, char** argv) {
  cxxopts::Options options("newsq index",
                           "Read articles into an index (created if missing). Known ids are replaced\n"
                           "when changed and skipped when not. PATH: a file (.jsonl, .csv, .txt, each\n"
                           "optionally .gz), a directory (read recursively) or - for stdin.");
  add_ingest_options(options);
  options.add_options()("delete-missing", "remove indexed articles that no input contains (for full-archive runs)");
  auto args = options.parse(argc, argv);
  if (printed_help(options, args)) return kExitOk;
  return run_ingest(args, "index", [&](IngestOptions ingest_options, const WriterOptions& writer_options) {
    ingest_options.delete_missing = args.count("delete-missing") > 0;
    IndexWriter writer(args["db"].as<std::string>(), writer_options);
    return ingest(writer, args["paths"].as<std::vector<std::string>>(), ingest_options);
  });
}

}  // namespace newsq::cli
