// cli/check_command.cc: `newsq check` says whether an index is sound and what is wrong with
// it; `newsq repair` points a damaged index at its newest sound generation, deleting nothing.
#include "cli/options.h"
#include <fmt/core.h>

#include "cli/commands.h"
#include "newsq/maintenance.h"

namespace newsq::cli {

namespace {

cxxopts::ParseResult parse_db_only(cxxopts::Options& options, int argc, char** argv, bool takes_wait) {
  options.add_options()("db", "index directory", cxxopts::value<std::string>())("h,help", "show this help");
  if (takes_wait)
    options.add_options()("wait", "if another job is writing to the index, wait for it instead of failing");
  return options.parse(argc, argv);
}

}  // namespace

int check_command(int argc, char** argv) {
  cxxopts::Options options("newsq check",
                           "Check an index without changing it: its stub, its live generation's files, "
                           "and Xapian's own check of every table (of a sharded index: of every shard, and\n"
                           "that each article is in the shard its id names). Exit 0 when sound, 2 when damaged.");
  auto args = parse_db_only(options, argc, argv, false);
  if (printed_help(options, args)) return kExitOk;
  if (!args.count("db")) throw UsageError("--db DIR is required");
  const std::string dir = args["db"].as<std::string>();
  HealthReport report = check(dir);
  if (report.shards.empty()) {
    std::string others;
    for (const auto& g : report.generations) others += (others.empty() ? "" : ", ") + g;
    fmt::print("index        {}\n", dir);
    fmt::print("live         {}\n", report.live.empty() ? "(no readable stub)" : report.live);
    fmt::print("generations  {}\n", others.empty() ? "(none)" : others);
  } else {
    // A sharded index: one line per shard; the problems below each name their shard.
    fmt::print("index        {} ({} shards)\n", dir, report.shards.size());
    for (std::size_t k = 0; k < report.shards.size(); ++k) {
      const HealthReport& shard = report.shards[k];
      fmt::print("shard-{:<6} {}, live {}, {} articles\n", k, shard.sound ? "sound" : "DAMAGED",
                 shard.live.empty() ? "(no readable stub)" : shard.live, shard.articles);
    }
  }
  if (report.sound) {
    fmt::print("articles     {}\n", report.articles);
    fmt::print("status       sound\n");
    return kExitOk;
  }
  fmt::print("status       DAMAGED\n");
  for (const auto& problem : report.problems) fmt::print("problem      {}\n", problem);
  fmt::print("repair with  newsq repair --db {}\n", dir);
  return kExitData;
}

int repair_command(int argc, char** argv) {
  cxxopts::Options options("newsq repair",
                           "Point a damaged index at its newest generation that passes Xapian's check.\n"
                           "Deletes nothing; does nothing to a sound index.");
  auto args = parse_db_only(options, argc, argv, true);
  if (printed_help(options, args)) return kExitOk;
  if (!args.count("db")) throw UsageError("--db DIR is required");
  WriterOptions writer_options;
  writer_options.wait_for_lock = args.count("wait") > 0;
  const std::string dir = args["db"].as<std::string>();
  const std::string chosen = repair(dir, writer_options);
  if (chosen.empty())
    fmt::print(stderr, "newsq repair: {} is sound; nothing to do\n", dir);
  else
    fmt::print(stderr, "newsq repair: {} now uses {}; no generation was deleted\n", dir, chosen);
  return kExitOk;
}

}  // namespace newsq::cli
