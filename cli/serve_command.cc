// cli/serve_command.cc: `newsq serve`: the HTTP JSON API and the browser page over one index
// (cli/serve/, docs/api.md).
#include <fmt/core.h>

#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/serve/api_server.h"

namespace newsq::cli {
namespace {

// The token is the file's first line, without surrounding white space.
std::string read_token(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw UsageError("--token: cannot read '" + path + "'");
  std::string line;
  std::getline(in, line);
  const auto first = line.find_first_not_of(" \t\r\n");
  const auto last = line.find_last_not_of(" \t\r\n");
  if (first == std::string::npos) throw UsageError("--token: '" + path + "' holds no token on its first line");
  return line.substr(first, last - first + 1);
}

}  // namespace

int serve_command(int argc, char** argv) {
  cxxopts::Options options("newsq serve",
                           "Serve an index over HTTP: a JSON API (docs/api.md) and the search page at /.\n"
                           "Stops on SIGTERM or SIGINT after the requests in flight.");
  options.add_options()("db", "index directory", cxxopts::value<std::string>())(
      "host", "address to listen on (other than loopback: reachable from other machines)",
      cxxopts::value<std::string>()->default_value("127.0.0.1"))(
      "port", "port to listen on; 0 picks a free one (printed first on stdout)",
      cxxopts::value<int>()->default_value("8080"))(
      "threads", "worker threads, each with its own searcher (default: one per core)",
      cxxopts::value<unsigned>()->default_value("0"))("quiet", "no access log on stderr")(
      "token", "file whose first line is a token /api/ requests must send as 'Authorization: Bearer TOKEN'",
      cxxopts::value<std::string>())(
      "allow-origin", "let pages from this origin call the API (CORS; repeatable)",
      cxxopts::value<std::vector<std::string>>())(
      "timeout", "seconds a search may take before it is answered 504",
      cxxopts::value<double>()->default_value("10"))(
      "shard-timeout", "a cluster's remote shard slower than this many seconds is left out (partial answer)",
      cxxopts::value<double>()->default_value("10"))(
      "thesaurus", "use this thesaurus file instead of the built-in one", cxxopts::value<std::string>())(
      "cache-mb", "megabytes of search answers kept for equal requests until the index changes (0: none)",
      cxxopts::value<unsigned>()->default_value("64"))(
      "h,help", "show this help");
  auto args = options.parse(argc, argv);
  if (printed_help(options, args)) return kExitOk;
  if (!args.count("db")) throw UsageError("--db DIR is required");
  if (!args.unmatched().empty()) throw UsageError("unexpected argument '" + args.unmatched().front() + "'");
  serve::ServeOptions o;
  o.db = args["db"].as<std::string>();
  o.host = args["host"].as<std::string>();
  o.port = args["port"].as<int>();
  if (o.port < 0 || o.port > 65535) throw UsageError(fmt::format("--port {} is out of range (0 to 65535)", o.port));
  o.threads = args["threads"].as<unsigned>();
  if (o.threads > 256) throw UsageError(fmt::format("--threads {} is out of range (0 to 256)", o.threads));
  o.quiet = args.count("quiet") > 0;
  if (args.count("token")) o.token = read_token(args["token"].as<std::string>());
  if (args.count("allow-origin")) o.allowed_origins = args["allow-origin"].as<std::vector<std::string>>();
  o.search_timeout_seconds = args["timeout"].as<double>();
  if (!(o.search_timeout_seconds > 0))
    throw UsageError(fmt::format("--timeout {} must be above 0 seconds", o.search_timeout_seconds));
  o.shard_timeout_seconds = shard_timeout_seconds(args);
  if (args.count("thesaurus")) o.thesaurus = args["thesaurus"].as<std::string>();
  const unsigned cache_mb = args["cache-mb"].as<unsigned>();
  if (cache_mb > 65536) throw UsageError(fmt::format("--cache-mb {} is out of range (0 to 65536)", cache_mb));
  o.cache_bytes = std::size_t{cache_mb} << 20;
  return serve::run_server(o);
}

}  // namespace newsq::cli
