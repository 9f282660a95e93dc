// cli/serve/api_routes.h: the endpoints of `newsq serve` (docs/api.md): /healthz, /api/search,
// /api/explain, /api/article/{id}, /api/stats, /api/places, and the page's files at every other
// GET path. Errors are {"error":{"code","message"}} with the status error_status() gives.
#pragma once

#include <httplib.h>

#include <string>

#include "cli/serve/api_server.h"
#include "cli/serve/result_cache.h"
#include "cli/serve/searcher_pool.h"

namespace newsq::serve {

// Adds the routes to `server`; `pool`, `cache` and `options` must outlive it.
void add_routes(httplib::Server& server, SearcherPool& pool, ResultCache& cache, const ServeOptions& options);

// Removes Accept-Encoding from `req` before routing, noting for the page's files whether it
// accepted gzip: the server compresses only the page, once (page_files.h), never per request.
void take_accept_encoding(const httplib::Request& req);

// Sets `res` to the JSON error `code` ("bad_parameter", "not_found", ...) with `message`.
void set_error(httplib::Response& res, int status, const std::string& code, const std::string& message);

// The error code of an HTTP status the server answers (400 -> "bad_parameter", 404 -> "not_found", ...).
const char* error_code(int status);

}  // namespace newsq::serve
