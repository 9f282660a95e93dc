// cli/options.cc: what every command does with its parsed flags before its own work.
#include "cli/options.h"

#include <fmt/core.h>

namespace newsq::cli {

bool printed_help(const cxxopts::Options& options, const cxxopts::ParseResult& args) {
  if (!args.count("help")) return false;
  fmt::print("{}\n", options.help());
  return true;
}

}  // namespace newsq::cli
