// cli/options.cc: what every command does with its parsed flags before its own work.
#include "cli/options.h"

#include <fmt/core.h>

#include "cli/commands.h"
#include "newsq/searcher.h"

namespace newsq::cli {

bool printed_help(const cxxopts::Options& options, const cxxopts::ParseResult& args) {
  if (!args.count("help")) return false;
  fmt::print("{}\n", options.help());
  return true;
}

double shard_timeout_seconds(const cxxopts::ParseResult& args) {
  const double seconds = args["shard-timeout"].as<double>();
  if (!(seconds > 0 && seconds <= SearcherOptions::kMaxShardTimeoutSeconds))
    throw UsageError(fmt::format("--shard-timeout {} is out of range (above 0 up to {} seconds)", seconds,
                                 SearcherOptions::kMaxShardTimeoutSeconds));
  return seconds;
}

}  // namespace newsq::cli
