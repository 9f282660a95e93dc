// cli/stats_command.cc: `newsq stats`: how many articles an index holds, over which dates,
// from which sources, and its size on disk; of a sharded index, the shards' numbers summed.
#include "cli/options.h"
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/terminal.h"
#include "newsq/searcher.h"
#include "newsq/shards.h"

namespace newsq::cli {
namespace {

// The stats of the shards of one index as one: counts added, the widest date range.
IndexStats sum_stats(const std::vector<IndexStats>& shards) {
  IndexStats total;
  for (const IndexStats& shard : shards) {
    total.articles += shard.articles;
    total.terms += shard.terms;
    total.disk_bytes += shard.disk_bytes;
    for (const auto& [name, count] : shard.sources) total.sources[name] += count;
    if (!shard.first_date.empty() && (total.first_date.empty() || shard.first_date < total.first_date))
      total.first_date = shard.first_date;
    if (shard.last_date > total.last_date) total.last_date = shard.last_date;
  }
  return total;
}

}  // namespace

int stats_command(int argc, char** argv) {
  cxxopts::Options options("newsq stats", "What an index holds.");
  options.add_options()("db", "index directory", cxxopts::value<std::string>())("json", "print one JSON object")(
      "h,help", "show this help");
  auto args = options.parse(argc, argv);
  if (printed_help(options, args)) return kExitOk;
  if (!args.count("db")) throw UsageError("--db DIR is required");
  const std::string dir = args["db"].as<std::string>();
  // A sharded index: each shard read on its own and the numbers summed (terms too: a word in two
  // shards counts twice), with each shard's own beside them.
  std::vector<IndexStats> shards;
  for (const std::string& shard : shard_dirs(dir)) shards.push_back(Searcher(shard).stats());
  IndexStats s = shards.empty() ? Searcher(dir).stats() : sum_stats(shards);
  if (args.count("json")) {
    nlohmann::json out = stats_json(s);
    if (!shards.empty()) {
      out["shards"] = nlohmann::json::array();
      for (const IndexStats& shard : shards) out["shards"].push_back(stats_json(shard));
    }
    fmt::print("{}\n", out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
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
