// cli/search_command.cc: `newsq search`: understands the one-line query (dates, sources,
// synonyms), applies explicit flags over it, and prints ranked hits with snippets and facet
// counts, as text for a person or as one JSON object for a program.
#include <algorithm>
#include "cli/options.h"
#include <fmt/core.h>
#include <fmt/format.h>

#include <chrono>

#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/query_args.h"
#include "cli/search_parameters.h"
#include "cli/terminal.h"
#include "newsq/error.h"
#include "newsq/searcher.h"

namespace newsq::cli {
namespace {

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

void print_understood(const UnderstoodQuery& u, const SearchRequest& request) {
  std::string parts;
  if (!u.date_text.empty() || !request.from.empty() || !request.to.empty())
    parts +=
        fmt::format("  dates {}..{}", request.from.empty() ? "" : request.from, request.to.empty() ? "" : request.to);
  if (!request.sources.empty()) parts += "  sources " + joined(request.sources);
  for (const auto& p : u.places)
    parts += p.mode == UnderstoodPlace::Mode::near ? fmt::format("  near {} ({:g} km)", p.name, p.radius_km)
                                                   : fmt::format("  {} {}", mode_name(p.mode), p.name);
  if (!request.near.empty() && std::none_of(u.places.begin(), u.places.end(),
                                            [](const auto& p) { return p.mode == UnderstoodPlace::Mode::near; }))
    parts += fmt::format("  near {} ({:g} km)", request.near, request.radius_km);
  if (!request.place.empty() &&
      std::none_of(u.places.begin(), u.places.end(), [](const auto& p) { return p.mode == UnderstoodPlace::Mode::in; }))
    parts += "  in " + request.place;
  for (const auto& [word, alternatives] : u.synonyms) parts += "  " + word + "~{" + joined(alternatives) + "}";
  if (!parts.empty()) fmt::print("understood: text \"{}\"{}\n", printable(u.text), printable(parts));
}

void print_text(const SearchResults& r, const SearchRequest& request, double ms) {
  const bool ansi = is_terminal(stdout);
  auto bold = [&](const std::string& s) { return ansi ? "\x1b[1m" + s + "\x1b[0m" : s; };
  if (!r.suggestion.empty()) fmt::print("did you mean: {}\n", bold(printable(r.suggestion)));
  if (r.total == 0) {
    fmt::print("no matches ({:.1f} ms)\n", ms);
    return;
  }
  // Without some shards of a cluster, the total is of the shards that answered.
  const char* at_least = r.partial ? "at least " : "";
  if (r.hits.empty()) {
    // Paged past the end (or --limit 0): say so rather than "showing 100001-100000".
    fmt::print("{}{} {}, none shown{} ({:.1f} ms)\n", at_least, thousands(r.total), r.total == 1 ? "match" : "matches",
               request.limit == 0 ? "" : fmt::format(" (--offset {} is past the last)", thousands(request.offset)), ms);
    return;
  }
  fmt::print("{}{} {}, showing {}-{} ({:.1f} ms)\n\n", at_least, thousands(r.total), r.total == 1 ? "match" : "matches",
             thousands(request.offset + 1), thousands(request.offset + r.hits.size()), ms);
  std::size_t rank = request.offset;
  for (const auto& h : r.hits) {
    fmt::print("{:>3}. {}  {}  {}\n", ++rank, printable(h.date), printable(h.source),
               bold(printable(h.title.empty() ? h.id : h.title)));
    fmt::print("     {}\n", render_highlights(h.snippet, ansi));
    fmt::print("     id {}{}{}", printable(h.id), h.url.empty() ? "" : "  ", printable(h.url));
    if (!h.similar_ids.empty())
      fmt::print("  (+{} similar: {})", h.similar_ids.size(), printable(joined(h.similar_ids)));
    if (!h.places.empty()) {
      std::vector<std::string> names;
      for (const auto& p : h.places) names.push_back(p.name);
      fmt::print("\n     places: {}", printable(fmt::format("{}", fmt::join(names, ", "))));
    }
    if (h.distance_km >= 0) fmt::print("  ({:.0f} km)", h.distance_km);
    fmt::print("\n\n");
  }
  for (const auto& [name, values] : r.facets) {
    if (values.empty()) continue;
    std::string title = name == "date" ? "date (" + r.date_granularity + ")" : name;
    fmt::print("{}:", bold(title));
    for (const auto& v : values)
      fmt::print("  {}{} {}", printable(v.value), v.level.empty() ? "" : " (" + v.level + ")", thousands(v.count));
    fmt::print("\n");
  }
}

}  // namespace

int search_command(int argc, char** argv) {
  cxxopts::Options options("newsq search",
                           "Search an index. QUERY: words, \"phrases\", +required, -excluded, OR, AND, NOT, (groups);\n"
                           "dates in words (\"in March 2022\", \"last week\", \"since 24 February 2022\") and sources\n"
                           "(\"from HuffPost\", source:guardian) are understood; flags override what was understood.");
  options.add_options()("db", "index directory", cxxopts::value<std::string>())(
      "from", "first day, YYYY-MM-DD", cxxopts::value<std::string>()->default_value(""))(
      "to", "last day, YYYY-MM-DD (inclusive)", cxxopts::value<std::string>()->default_value(""))(
      "source", "only this source (repeatable: any of them)", cxxopts::value<std::vector<std::string>>())(
      "facet", "drill down: FIELD=VALUE, FIELD date, source or location (repeatable; one field's values are ORed)",
      cxxopts::value<std::vector<std::string>>())(
      "sort", "relevance, date (newest first) or distance (nearest first, with --near)",
      cxxopts::value<std::string>()->default_value("relevance"))(
      "place", "only articles mentioning this place or anything inside it (\"Ukraine\", \"Kharkiv Oblast\", an id)",
      cxxopts::value<std::string>()->default_value(""))(
      "near", "only articles mentioning a city or sea within --radius of this place",
      cxxopts::value<std::string>()->default_value(""))("radius", "radius for --near, km (default 50)",
                                                        cxxopts::value<std::string>())(
      "recency", "boost recent articles (0 = off; 1 = a new article gains about one word's weight)",
      cxxopts::value<std::string>())("now", "the day relative dates resolve against, YYYY-MM-DD (default: today)",
                                     cxxopts::value<std::string>()->default_value(""))(
      "limit", "hits to show (default 10)", cxxopts::value<std::string>())(
      "offset", "hits to skip", cxxopts::value<std::string>())(
      "snippet", "snippet length in characters (default 200; 0: none)", cxxopts::value<std::string>())(
      "literal", "take the query as plain text: no dates or sources from words")(
      "no-synonyms", "do not expand words with the thesaurus")(
      "thesaurus", "use this thesaurus file instead of the built-in one", cxxopts::value<std::string>())(
      "shard-timeout", "a cluster's remote shard slower than this many seconds is left out (partial answer; default 10)",
      cxxopts::value<double>()->default_value("10"))(
      "no-collapse", "show near-identical articles as separate hits")("no-facets", "do not count facets")(
      "json", "print one JSON object")("h,help", "show this help");
  options.positional_help("QUERY...");
  QueryCommandLine command_line = split_query_args(options, argc, argv);
  auto args = options.parse(command_line.argc(), command_line.argv());
  if (printed_help(options, args)) return kExitOk;
  if (!args.count("db")) throw UsageError("--db DIR is required");

  // The flags by the names GET /api/search takes (cli/search_parameters.h).
  SearchParameters p;
  p.q = command_line.query;
  p.from = args["from"].as<std::string>();
  p.to = args["to"].as<std::string>();
  if (args.count("source")) p.sources = args["source"].as<std::vector<std::string>>();
  if (args.count("facet")) p.facets = args["facet"].as<std::vector<std::string>>();
  p.sort = args["sort"].as<std::string>();
  p.place = args["place"].as<std::string>();
  p.near = args["near"].as<std::string>();
  auto optional_flag = [&](const char* name) -> std::optional<std::string> {
    if (!args.count(name)) return std::nullopt;
    return args[name].as<std::string>();
  };
  p.radius = optional_flag("radius");
  p.recency = optional_flag("recency");
  p.limit = optional_flag("limit");
  p.offset = optional_flag("offset");
  p.snippet = optional_flag("snippet");
  p.now = args["now"].as<std::string>();
  p.literal = args.count("literal") > 0;
  p.thesaurus = !args.count("no-synonyms");
  p.collapse = !args.count("no-collapse");
  p.count_facets = !args.count("no-facets");

  Searcher searcher(args["db"].as<std::string>(), {.shard_timeout_seconds = shard_timeout_seconds(args)});
  if (args.count("thesaurus")) searcher.set_thesaurus(args["thesaurus"].as<std::string>());
  const PreparedSearch prepared = prepare_search(searcher, p);
  auto started = std::chrono::steady_clock::now();
  SearchResults results = searcher.search(prepared.request);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  if (results.partial)
    fmt::print(stderr, "newsq search: warning: partial answer, without shard{} {}: counts are lower bounds\n",
               results.missing_shards.size() == 1 ? "" : "s", fmt::join(results.missing_shards, ", "));
  if (args.count("json")) {
    fmt::print("{}\n", search_json(results, prepared.understood));
  } else {
    print_understood(prepared.understood, prepared.request);
    print_text(results, prepared.request, ms);
  }
  return kExitOk;
}

}  // namespace newsq::cli
