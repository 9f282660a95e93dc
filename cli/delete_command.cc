// cli/delete_command.cc: `newsq delete`: removes articles by id (taken down, retracted).
#include "cli/options.h"
#include <fmt/core.h>

#include <chrono>
#include <filesystem>

#include "cli/commands.h"
#include "newsq/error.h"
#include "newsq/index_writer.h"

namespace newsq::cli {

int delete_command(int argc, char** argv) {
  cxxopts::Options options("newsq delete", "Remove articles from an index by id.");
  options.add_options()("db", "index directory", cxxopts::value<std::string>())(
      "wait", "if another job is writing to the index, wait for it instead of failing")(
      "q,quiet", "print nothing but errors")("h,help", "show this help")("ids", "article ids",
                                                                         cxxopts::value<std::vector<std::string>>());
  options.parse_positional({"ids"});
  options.positional_help("ID...");
  auto args = options.parse(argc, argv);
  if (printed_help(options, args)) return kExitOk;
  if (!args.count("db")) throw UsageError("--db DIR is required");
  if (!args.count("ids")) throw UsageError("no id given");
  const std::string dir = args["db"].as<std::string>();
  const bool quiet = args.count("quiet") > 0;
  const auto started = std::chrono::steady_clock::now();
  WriterOptions writer_options;
  writer_options.wait_for_lock = args.count("wait") > 0;
  // Deleting from a missing or empty directory is a mistyped --db, not a reason to create an index.
  writer_options.create = false;
  IndexWriter writer(dir, writer_options);
  std::size_t deleted = 0, missing = 0;
  for (const auto& id : args["ids"].as<std::vector<std::string>>()) {
    if (writer.remove(id)) {
      ++deleted;
    } else {
      // Not an error: deleting is idempotent, so a takedown list can be applied again.
      ++missing;
      if (!quiet) fmt::print(stderr, "newsq delete: no article with id '{}'\n", id);
    }
  }
  writer.commit();
  if (!quiet)
    fmt::print(stderr, "newsq delete: {} deleted, {} not found in {:.2f} s\n", deleted, missing,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return kExitOk;
}

}  // namespace newsq::cli
