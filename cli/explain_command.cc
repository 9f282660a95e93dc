// cli/explain_command.cc: `newsq explain`: what newsq understands of a query (text, terms,
// synonyms, date range, places, sources) without searching. With --db, source names and the
// gazetteer come from the index; --gazetteer gives places without an index.
#include "cli/options.h"
#include <fmt/core.h>

#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/query_args.h"
#include "cli/terminal.h"
#include "newsq/searcher.h"

namespace newsq::cli {

int explain_command(int argc, char** argv) {
  cxxopts::Options options("newsq explain", "Show what newsq understands of a query, without searching.");
  options.add_options()("db", "index directory (its sources are recognised in 'from X')",
                        cxxopts::value<std::string>())(
      "gazetteer", "understand places with this gazetteer file (with --db: the index's)",
      cxxopts::value<std::string>()->default_value(""))(
      "now", "the day relative dates resolve against, YYYY-MM-DD (default: today)",
      cxxopts::value<std::string>()->default_value(""))("json", "print one JSON object")("h,help", "show this help");
  options.positional_help("QUERY...");
  QueryCommandLine command_line = split_query_args(options, argc, argv);
  auto args = options.parse(command_line.argc(), command_line.argv());
  if (printed_help(options, args)) return kExitOk;
  if (command_line.query.empty()) throw UsageError("no query given");
  const std::string text = command_line.query;
  const std::string now = args["now"].as<std::string>();
  UnderstoodQuery u;
  if (args.count("db")) {
    Searcher searcher(args["db"].as<std::string>());
    u = searcher.understand(text, now);
  } else {
    u = understand(text, now, {}, args["gazetteer"].as<std::string>());
  }
  if (args.count("json")) {
    fmt::print("{}\n", understood_json(u));
    return kExitOk;
  }
  fmt::print("text      {}\n", printable(u.text.empty() ? "(none)" : u.text));
  std::string terms;
  for (const auto& t : u.terms) terms += (terms.empty() ? "" : " ") + t;
  fmt::print("terms     {}\n", printable(terms.empty() ? "(none)" : terms));
  for (const auto& [word, alternatives] : u.synonyms) {
    std::string alt;
    for (const auto& a : alternatives) alt += (alt.empty() ? "" : ", ") + a;
    fmt::print("synonyms  {} ~ {}\n", printable(word), printable(alt));
  }
  if (!u.date_text.empty())
    fmt::print("date      {} .. {}   (from \"{}\")\n", u.from.empty() ? "open" : u.from, u.to.empty() ? "open" : u.to,
               printable(u.date_text));
  for (const auto& p : u.places) {
    std::string radius = p.mode == UnderstoodPlace::Mode::near ? fmt::format(" within {:g} km", p.radius_km) : "";
    fmt::print("place     {} {} (id {}){}   (from \"{}\")\n", mode_name(p.mode), printable(p.name), p.id, radius,
               printable(p.text));
  }
  for (const auto& s : u.sources) fmt::print("source    {}\n", printable(s));
  if (!u.date_not_understood.empty())
    fmt::print("not understood as a date: \"{}\" (searched as text)\n", printable(u.date_not_understood));
  // The claimed spans, in query order: which words became what.
  std::string spans;
  for (const auto& span : u.spans)
    if (span.as != "text")
      spans += fmt::format("{}\"{}\" -> {}", spans.empty() ? "" : ", ", printable(span.text), span.as);
  if (!spans.empty()) fmt::print("spans     {}\n", spans);
  return kExitOk;
}

}  // namespace newsq::cli
