// engine/cli/search_command.cc: `newsq search`: ranked hits with snippets and facet counts, as text
// for a person or as one JSON object for a program.
#include <cxxopts.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <chrono>

#include "engine/cli/commands.h"
#include "engine/cli/terminal.h"
#include "newsq/searcher.h"

namespace newsq::cli {
namespace {

nlohmann::json to_json(const SearchResults& r) {
  nlohmann::json hits = nlohmann::json::array();
  for (const auto& h : r.hits)
    hits.push_back({{"id", h.id}, {"date", h.date}, {"source", h.source}, {"title", h.title},
                    {"url", h.url}, {"score", h.score}, {"snippet", html_highlights(h.snippet)}});
  nlohmann::json facets = nlohmann::json::object();
  for (const auto& [name, values] : r.facets) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& v : values) list.push_back({{"value", v.value}, {"count", v.count}});
    facets[name] = std::move(list);
  }
  nlohmann::json out = {{"total", r.total}, {"hits", std::move(hits)}, {"facets", std::move(facets)}};
  if (!r.date_granularity.empty()) out["date_granularity"] = r.date_granularity;
  return out;
}

void print_text(const SearchResults& r, const SearchRequest& request, double ms) {
  const bool ansi = is_terminal(stdout);
  auto bold = [&](const std::string& s) { return ansi ? "\x1b[1m" + s + "\x1b[0m" : s; };
  if (r.total == 0) {
    fmt::print("no matches ({:.1f} ms)\n", ms);
    return;
  }
  fmt::print("{} matches, showing {}-{} ({:.1f} ms)\n\n", thousands(r.total), request.offset + 1,
             request.offset + r.hits.size(), ms);
  std::size_t rank = request.offset;
  for (const auto& h : r.hits) {
    fmt::print("{:>3}. {}  {}  {}\n", ++rank, h.date, h.source, bold(h.title.empty() ? h.id : h.title));
    fmt::print("     {}\n", render_highlights(h.snippet, ansi));
    fmt::print("     id {}{}{}\n\n", h.id, h.url.empty() ? "" : "  ", h.url);
  }
  for (const auto& [name, values] : r.facets) {
    if (values.empty()) continue;
    std::string title = name == "date" ? "date (" + r.date_granularity + ")" : name;
    fmt::print("{}:", bold(title));
    for (const auto& v : values) fmt::print("  {} {}", v.value, thousands(v.count));
    fmt::print("\n");
  }
}

}  // namespace

int search_command(int argc, char** argv) {
  cxxopts::Options options("newsq search", "Search an index. QUERY: words, \"phrases\", +required, -excluded, "
                                           "OR, AND, NOT, (groups).");
  options.add_options()
      ("db", "index directory", cxxopts::value<std::string>())
      ("from", "first day, YYYY-MM-DD", cxxopts::value<std::string>()->default_value(""))
      ("to", "last day, YYYY-MM-DD (inclusive)", cxxopts::value<std::string>()->default_value(""))
      ("source", "only this source (repeatable: any of them)", cxxopts::value<std::vector<std::string>>())
      ("limit", "hits to show", cxxopts::value<std::uint32_t>()->default_value("10"))
      ("offset", "hits to skip", cxxopts::value<std::uint32_t>()->default_value("0"))
      ("no-facets", "do not count facets")
      ("json", "print one JSON object")
      ("h,help", "show this help")
      ("query", "query words", cxxopts::value<std::vector<std::string>>());
  options.parse_positional({"query"});
  options.positional_help("QUERY...");
  auto args = options.parse(argc, argv);
  if (args.count("help")) {
    fmt::print("{}\n", options.help());
    return kExitOk;
  }
  if (!args.count("db")) throw UsageError("--db DIR is required");

  SearchRequest request;
  if (args.count("query"))
    for (const auto& word : args["query"].as<std::vector<std::string>>())
      request.query += (request.query.empty() ? "" : " ") + word;
  request.from = args["from"].as<std::string>();
  request.to = args["to"].as<std::string>();
  if (args.count("source")) request.sources = args["source"].as<std::vector<std::string>>();
  request.limit = args["limit"].as<std::uint32_t>();
  request.offset = args["offset"].as<std::uint32_t>();
  request.count_facets = !args.count("no-facets");

  Searcher searcher(args["db"].as<std::string>());
  auto started = std::chrono::steady_clock::now();
  SearchResults results = searcher.search(request);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  if (args.count("json"))
    fmt::print("{}\n", to_json(results).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  else
    print_text(results, request, ms);
  return kExitOk;
}

}  // namespace newsq::cli
