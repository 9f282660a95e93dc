// cli/serve/api_server.h: `newsq serve`'s HTTP server: the listening socket, a fixed pool of
// worker threads, the checks every request passes (size limits, the bearer token, CORS), the
// access log, and a graceful stop on SIGTERM or SIGINT. The endpoints are api_routes.h's.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "newsq/searcher.h"

namespace newsq::serve {

struct ServeOptions {
  std::string db;
  std::string host = "127.0.0.1";
  int port = 8080;                            // 0: any free port (printed on the first stdout line).
  unsigned threads = 0;                       // Worker threads, each with its own Searcher; 0: one per core.
  bool quiet = false;                         // No access log.
  std::string token;                          // Non-empty: /api/* needs "Authorization: Bearer TOKEN".
  std::vector<std::string> allowed_origins;   // CORS: only these origins get Access-Control-Allow-Origin.
  double search_timeout_seconds = 10;         // Longer searches answer 504 (api_routes.h says how).
  double shard_timeout_seconds = SearcherOptions::kDefaultShardTimeoutSeconds;  // A cluster's remote shards.
  std::string thesaurus;                      // Non-empty: this thesaurus file instead of the built-in one.
  std::size_t cache_bytes = 64u << 20;        // GET /api/search answers kept (result_cache.h); 0: none.
};

// The longest request target (path and query string) taken: cpp-httplib's own compiled-in limit
// (CPPHTTPLIB_REQUEST_URI_MAX_LENGTH of Debian's libcpp-httplib), answered 414.
inline constexpr std::size_t kMaxUrlBytes = 8192;

// Serves until SIGTERM or SIGINT, then finishes the requests in flight and returns 0. Prints
// "listening on http://HOST:PORT" on stdout once the socket is bound. Throws newsq::Error when
// the index cannot be opened or the address cannot be bound.
int run_server(const ServeOptions& options);

}  // namespace newsq::serve
