// cli/main.cc: the `newsq` command: picks the subcommand and turns every failure into one
// readable line on stderr and an exit code (see commands.h).
#include "cli/options.h"
#include <fmt/core.h>

#include <cstring>
#include <exception>
#include <string_view>

#include "cli/commands.h"
#include "newsq/error.h"
#include "newsq/version.h"

namespace {

constexpr const char* kUsage =
    "newsq: full-text search for news archives\n"
    "\n"
    "usage: newsq COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "commands:\n"
    "  index    read articles (JSON Lines, CSV, plain text; gzip ok) into an index\n"
    "  rebuild  index afresh beside the live index, then swap it in atomically\n"
    "  delete   remove articles by id\n"
    "  compact  rewrite the index compactly and swap it in\n"
    "  check    say whether an index is sound, and what is wrong with it\n"
    "  repair   point a damaged index at its newest sound generation (deletes nothing)\n"
    "  search   search an index; hits with snippets and facet counts\n"
    "  explain  show what newsq understands of a query (dates, sources, synonyms)\n"
    "  stats    what an index holds\n"
    "  serve    serve an index over HTTP: a JSON API and a search page\n"
    "  gazetteer build  build the place gazetteer from GeoNames files (for index --gazetteer)\n"
    "  places   show the places found in a text, and why\n"
    "\n"
    "'newsq COMMAND --help' shows a command's options.\n"
    "exit codes: 0 ok, 1 usage error, 2 data or runtime error\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace newsq::cli;
  if (argc < 2) {
    fmt::print(stderr, "{}", kUsage);
    return kExitUsage;
  }
  std::string_view command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    fmt::print("{}", kUsage);
    return kExitOk;
  }
  if (command == "--version") {
    fmt::print("newsq {}\n", NEWSQ_VERSION);
    return kExitOk;
  }
  try {
    // Each command sees its own name as argv[0], so its --help reads "newsq index ...".
    if (command == "index") return index_command(argc - 1, argv + 1);
    if (command == "search") return search_command(argc - 1, argv + 1);
    if (command == "stats") return stats_command(argc - 1, argv + 1);
    if (command == "explain") return explain_command(argc - 1, argv + 1);
    if (command == "delete") return delete_command(argc - 1, argv + 1);
    if (command == "rebuild") return rebuild_command(argc - 1, argv + 1);
    if (command == "compact") return compact_command(argc - 1, argv + 1);
    if (command == "gazetteer") return gazetteer_command(argc - 1, argv + 1);
    if (command == "places") return places_command(argc - 1, argv + 1);
    if (command == "check") return check_command(argc - 1, argv + 1);
    if (command == "repair") return repair_command(argc - 1, argv + 1);
    if (command == "serve") return serve_command(argc - 1, argv + 1);
    fmt::print(stderr, "newsq: unknown command '{}'\n\n{}", command, kUsage);
    return kExitUsage;
  } catch (const cxxopts::exceptions::exception& e) {
    fmt::print(stderr, "newsq {}: {} (see 'newsq {} --help')\n", command, e.what(), command);
    return kExitUsage;
  } catch (const UsageError& e) {
    fmt::print(stderr, "newsq {}: {} (see 'newsq {} --help')\n", command, e.what(), command);
    return kExitUsage;
  } catch (const newsq::Error& e) {
    fmt::print(stderr, "newsq {}: {}\n", command, e.what());
    return kExitData;
  } catch (const std::exception& e) {
    fmt::print(stderr, "newsq {}: {}\n", command, e.what());
    return kExitData;
  }
}
