// cli/serve/api_routes.cc: the endpoints (api_routes.h, docs/api.md). Each request leases a
// Searcher from the pool; the JSON comes from the same functions as the CLI's --json
// (cli/json_output.h, cli/search_parameters.h), and a search's answer may come from the result
// cache (result_cache.h) when the index has not changed since an equal request.
#include "cli/serve/api_routes.h"

#include <fmt/core.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

#include "cli/json_output.h"
#include "cli/search_parameters.h"
#include "cli/serve/page_files.h"
#include "newsq/error.h"

namespace newsq::serve {
namespace {

using cli::ParameterError;

// Whether the request now being handled on this thread accepted gzip (take_accept_encoding).
thread_local bool request_accepts_gzip = false;

// The most place names one /api/places request returns.
constexpr std::uint32_t kMaxPlaceNames = 100;

void send_body(httplib::Response& res, std::string body) {
  res.status = 200;
  res.set_content(std::move(body), "application/json; charset=utf-8");
}

void send_json(httplib::Response& res, const nlohmann::json& body) { send_body(res, cli::dump_json(body)); }

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// The request's query parameters, checked against the names an endpoint takes: an unknown name
// (a typo) or a single-valued name given twice is a bad parameter rather than silently ignored.
class QueryParameters {
 public:
  QueryParameters(const httplib::Request& req, const std::set<std::string>& single,
                  const std::set<std::string>& repeated = {}) {
    for (const auto& [name, value] : req.params) {
      if (repeated.count(name)) {
        lists_[name].push_back(value);
      } else if (single.count(name)) {
        if (!values_.emplace(name, value).second) throw ParameterError(name + " is given more than once");
      } else {
        throw ParameterError("unknown parameter '" + name + "'");
      }
    }
  }
  std::optional<std::string> get(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second;
  }
  std::string text(const std::string& name) const { return get(name).value_or(""); }
  std::vector<std::string> list(const std::string& name) const {
    auto it = lists_.find(name);
    return it == lists_.end() ? std::vector<std::string>{} : it->second;
  }
  bool flag(const std::string& name, bool fallback) const {
    auto v = get(name);
    return v ? cli::parse_flag(name, *v) : fallback;
  }

 private:
  std::map<std::string, std::string> values_;
  std::map<std::string, std::vector<std::string>> lists_;
};

// GET /api/search's parameters, named as `newsq search`'s flags (cli/search_parameters.h).
cli::SearchParameters search_parameters(const httplib::Request& req) {
  const QueryParameters q(req,
                          {"q", "from", "to", "place", "near", "radius", "sort", "recency", "now", "limit", "offset",
                           "snippet", "collapse", "thesaurus", "facets", "literal"},
                          {"source", "facet"});
  cli::SearchParameters p;
  p.q = q.text("q");
  p.from = q.text("from");
  p.to = q.text("to");
  p.sources = q.list("source");
  p.facets = q.list("facet");
  p.sort = q.get("sort").value_or("relevance");
  p.place = q.text("place");
  p.near = q.text("near");
  p.radius = q.get("radius");
  p.recency = q.get("recency");
  p.now = q.text("now");
  p.limit = q.get("limit");
  p.offset = q.get("offset");
  p.snippet = q.get("snippet");
  p.literal = q.flag("literal", false);
  p.thesaurus = q.flag("thesaurus", true);
  p.collapse = q.flag("collapse", true);
  p.count_facets = q.flag("facets", true);
  return p;
}

// Runs `answer` and turns what it throws into the JSON error a client gets: its own message for
// the errors a client can act on, a fixed one for anything else (the details go to the log, never
// to the client).
template <class Answer>
void guarded(httplib::Response& res, Answer&& answer) {
  try {
    answer();
  } catch (const ParameterError& e) {
    set_error(res, 400, "bad_parameter", e.what());
  } catch (const QueryError& e) {
    set_error(res, 400, "bad_query", e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "newsq serve: internal error: %s\n", e.what());
    set_error(res, 500, "internal", "the server could not answer this request (see its log)");
  }
}

}  // namespace

const char* error_code(int status) {
  switch (status) {
    case 400: return "bad_parameter";
    case 401: return "unauthorized";
    case 404: return "not_found";
    case 413: return "too_large";
    case 414: return "too_large";
    case 504: return "timeout";
    default: return status >= 500 ? "internal" : "bad_parameter";
  }
}

void set_error(httplib::Response& res, int status, const std::string& code, const std::string& message) {
  res.status = status;
  const nlohmann::json body = {{"error", {{"code", code}, {"message", message}}}};
  res.set_content(cli::dump_json(body),
                  "application/json; charset=utf-8");
}

void add_routes(httplib::Server& server, SearcherPool& pool, ResultCache& cache, const ServeOptions& options) {
  server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) { send_json(res, {{"ok", true}}); });

  server.Get("/api/search", [&pool, &options, &cache](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      const cli::SearchParameters p = search_parameters(req);
      auto searcher = pool.check_out();
      // No revision (a cluster with remote shards): no cached answer can be known to be current.
      const std::string revision = cache.enabled() ? searcher->revision() : std::string();
      const bool cached = !revision.empty();
      std::string key;
      if (cached) {
        // newsq::today(): the day the Searcher resolves a request without `now` against.
        key = cache_key(revision, newsq::today(), {req.params.begin(), req.params.end()});
        if (std::optional<std::string> answer = cache.find(key)) {
          res.set_header("X-Newsq-Cache", "hit");
          send_body(res, std::move(*answer));
          return;
        }
      }
      const auto started = std::chrono::steady_clock::now();
      cli::PreparedSearch prepared = cli::prepare_search(*searcher, p);
      prepared.request.time_limit_seconds = options.search_timeout_seconds;
      const SearchResults results = searcher->search(prepared.request);
      const double search_ms = ms_since(started);
      if (results.timed_out) {
        set_error(res, 504, "timeout",
                  fmt::format("the search took longer than {:g} s; narrow it down", options.search_timeout_seconds));
        return;
      }
      const auto writing = std::chrono::steady_clock::now();
      std::string body = cli::search_json(results, prepared.understood);
      // What the library took (understanding and search) and what writing its JSON took, in the
      // standard header browsers' developer tools show: the rest of a request's time is HTTP's.
      res.set_header("Server-Timing", fmt::format("search;dur={:.3f}, json;dur={:.3f}", search_ms, ms_since(writing)));
      if (cached) {
        // A partial answer (a shard missing) is not the one to keep: the shard may be back next time.
        if (!results.partial) cache.store(key, body);
        res.set_header("X-Newsq-Cache", "miss");
      }
      send_body(res, std::move(body));
    });
  });

  server.Get("/api/explain", [&pool](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      const QueryParameters q(req, {"q", "now"});
      const std::string text = q.text("q");
      if (text.empty()) throw ParameterError("q is required: the query to explain");
      auto searcher = pool.check_out();
      send_body(res, cli::understood_json(searcher->understand(text, q.text("now"))));
    });
  });

  server.Get("/api/stats", [&pool](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      const QueryParameters q(req, {});
      auto searcher = pool.check_out();
      send_json(res, cli::stats_json(searcher->stats()));
    });
  });

  server.Get(R"(/api/article/(.+))", [&pool](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      const QueryParameters q(req, {});
      const std::string id = req.matches[1];
      auto searcher = pool.check_out();
      if (auto article = searcher->article(id)) {
        send_body(res, cli::article_json(*article));
      } else {
        set_error(res, 404, "not_found", "no article with id '" + id + "'");
      }
    });
  });

  server.Get("/api/places", [&pool](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      const QueryParameters q(req, {"prefix", "limit"});
      const std::uint32_t limit = q.get("limit") ? cli::parse_count("limit", *q.get("limit")) : 10;
      if (limit > kMaxPlaceNames)
        throw ParameterError(fmt::format("limit {} is out of range (0 to {})", limit, kMaxPlaceNames));
      auto searcher = pool.check_out();
      send_json(res, cli::place_names_json(searcher->place_names(q.text("prefix"), limit)));
    });
  });

  // Every other GET: a file of the page (exact match, "/" is "/index.html"), never the file
  // system, so there is nothing to traverse or list; anything else is 404.
  server.Get(".*", [files = std::make_shared<const PageFiles>()](const httplib::Request& req, httplib::Response& res) {
    const PageFile* file = files->find(req.path);
    if (!file) {
      set_error(res, 404, "not_found", "no such path: " + req.path);
      return;
    }
    res.status = 200;
    res.set_header("Cache-Control", "no-cache");
    res.set_header("Vary", "Accept-Encoding");
    if (request_accepts_gzip && !file->gzipped.empty()) {
      res.set_header("Content-Encoding", "gzip");
      res.set_content(file->gzipped, file->content_type);
    } else {
      res.set_content(std::string(file->body), file->content_type);
    }
  });
}

void take_accept_encoding(const httplib::Request& req) {
  request_accepts_gzip = accepts_gzip(req.get_header_value("Accept-Encoding"));
  // The Request object cpp-httplib hands to handlers is its own non-const local, so removing a
  // header from it is well-defined; it has no other hook before the response is compressed.
  const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
}

}  // namespace newsq::serve
