// cli/main.cc: the `newsq` command: picks the subcommand and turns every failure into one
// readable line on stderr and an exit code (see commands.h).
#include <fmt/core.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.h"
#include "cli/run_command.h"
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

// `newsq serve ARGS` is the program newsq-serve beside this one (cli/serve/serve_main.cc), run in
// this process's place: only that program links the HTTP library and the OpenSSL it sets up at
// load time. Returns only when it cannot be run.
int run_serve_program(int argc, char** argv) {
  std::string self(4096, '\0');
  const ssize_t n = readlink("/proc/self/exe", self.data(), self.size());
  self.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  const auto slash = self.rfind('/');
  std::string program = (slash == std::string::npos ? std::string(".") : self.substr(0, slash)) + "/newsq-serve";
  std::vector<char*> args{program.data()};
  for (int i = 1; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);
  execv(program.c_str(), args.data());
  fmt::print(stderr, "newsq serve: cannot run {}: {} (it is built and installed beside newsq)\n", program,
             std::strerror(errno));
  return newsq::cli::kExitData;
}

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
  // Each command sees its own name as argv[0], so its --help reads "newsq index ...".
  return run_command(command, [&]() -> int {
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
    if (command == "serve") return run_serve_program(argc - 1, argv + 1);
    fmt::print(stderr, "newsq: unknown command '{}'\n\n{}", command, kUsage);
    return kExitUsage;
  });
}
