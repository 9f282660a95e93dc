// cli/stats_command.cc: `newsq stats`: how many articles an index holds, over which dates,
// from which sources, and its size on disk; of a sharded index, the whole and each shard.
#include "cli/options.h"
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/terminal.h"
#include "newsq/searcher.h"
#include "newsq/shards.h"

namespace newsq::cli {

int stats_command(int argc, char** argv) {
  cxxopts::Options options("newsq stats", "What an index holds.");
  options.add_options()("db", "index directory", cxxopts::value<std::string>())("json", "print one JSON object")(
      "h,help", "show this help");
  auto args = options.parse(argc, argv);
  if (printed_help(options, args)) return kExitOk;
  if (!args.count("db")) throw UsageError("--db DIR is required");
  const std::string dir = args["db"].as<std::string>();
  // A sharded index opens as one database, so its numbers are those of one index of the same
  // articles (a word in two shards is one term); each shard's own are listed beside them.
  const IndexStats s = Searcher(dir).stats();
  std::vector<IndexStats> shards;
  for (const std::string& shard : shard_dirs(dir)) shards.push_back(Searcher(shard).stats());
  if (args.count("json")) {
    nlohmann::json out = stats_json(s);
    if (!shards.empty()) {
      out["shards"] = nlohmann::json::array();
      for (const IndexStats& shard : shards) out["shards"].push_back(stats_json(shard));
    }
    fmt::print("{}\n", dump_json(out));
    return kExitOk;
  }
  fmt::print("articles   {}\n", thousands(s.articles));
  if (!shards.empty()) {
    std::string counts;
    for (const IndexStats& shard : shards) counts += (counts.empty() ? "" : ", ") + thousands(shard.articles);
    fmt::print("shards     {}: {}\n", shards.size(), counts);
  }
  fmt::print("dates      {} .. {}\n", s.first_date.empty() ? "-" : s.first_date,
             s.last_date.empty() ? "-" : s.last_date);
  fmt::print("terms      {}\n", thousands(s.terms));
  fmt::print("disk       {:.1f} MB\n", static_cast<double>(s.disk_bytes) / 1e6);
  fmt::print("sources    {}\n", s.sources.size());
  for (const auto& [name, count] : s.sources)
    fmt::print("  {:<24} {:>10}\n", name.empty() ? "(none)" : printable(name), thousands(count));
  return kExitOk;
}

}  // namespace newsq::cli
