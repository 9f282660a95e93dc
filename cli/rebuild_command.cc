// cli/rebuild_command.cc: `newsq rebuild`: indexes the inputs afresh beside the live index
// and swaps the new index in atomically; `newsq compact` does the same with a compacted copy.
#include "cli/options.h"
#include <fmt/core.h>

#include <chrono>

#include "cli/commands.h"
#include "cli/ingest_run.h"
#include "newsq/maintenance.h"

namespace newsq::cli {

int rebuild_command(int argc, char** argv) {
  cxxopts::Options options("newsq rebuild",
                           "Index PATH... afresh beside the live index, then swap it in atomically.\n"
                           "Searches go on meanwhile; if the rebuild fails, the live index is unchanged.");
  add_ingest_options(options);
  auto args = options.parse(argc, argv);
  if (printed_help(options, args)) return kExitOk;
  return run_ingest(args, "rebuild", [&](const IngestOptions& ingest_options, const WriterOptions& writer_options) {
    return rebuild(args["db"].as<std::string>(), args["paths"].as<std::vector<std::string>>(), ingest_options,
                   writer_options);
  });
}

int compact_command(int argc, char** argv) {
  cxxopts::Options options("newsq compact", "Rewrite the index compactly and swap it in atomically.");
  options.add_options()("db", "index directory", cxxopts::value<std::string>())(
      "wait", "if another job is writing to the index, wait for it instead of failing")(
      "q,quiet", "print nothing but errors")("h,help", "show this help");
  auto args = options.parse(argc, argv);
  if (printed_help(options, args)) return kExitOk;
  if (!args.count("db")) throw UsageError("--db DIR is required");
  WriterOptions writer_options;
  writer_options.wait_for_lock = args.count("wait") > 0;
  auto started = std::chrono::steady_clock::now();
  compact(args["db"].as<std::string>(), writer_options);
  if (!args.count("quiet"))
    fmt::print(stderr, "newsq compact: done in {:.2f} s\n",
               std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return kExitOk;
}

}  // namespace newsq::cli
