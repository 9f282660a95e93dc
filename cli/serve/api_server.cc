// cli/serve/api_server.cc: the HTTP mechanics of `newsq serve` (api_server.h) on cpp-httplib
// (cli/serve/README.md says why that library).
#include "cli/serve/api_server.h"

#include <arpa/inet.h>
#include <sys/socket.h>
#include <fmt/core.h>
#include <httplib.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <optional>
#include <chrono>
#include <thread>

#include "cli/serve/api_routes.h"
#include "cli/serve/searcher_pool.h"
#include "newsq/error.h"

namespace newsq::serve {
namespace {

// Whether `host` is a loopback address (or a name that is one), where only this machine can connect.
bool is_loopback(const std::string& host) {
  if (host == "localhost" || host == "::1") return true;
  in_addr v4{};
  return inet_pton(AF_INET, host.c_str(), &v4) == 1 && (ntohl(v4.s_addr) >> 24) == 127;
}

// Compares in time independent of where the strings differ, so that timing does not reveal a
// token's prefix.
bool same_secret(const std::string& a, const std::string& b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
  return diff == 0;
}

// When the request being handled on this worker thread arrived, for its access-log line; requests
// refused before routing (a too-long URL) have none.
thread_local std::optional<std::chrono::steady_clock::time_point> request_started;

}  // namespace

int run_server(const ServeOptions& options) {
  const unsigned threads = options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  SearcherPool pool(options.db, threads, {.shard_timeout_seconds = options.shard_timeout_seconds}, options.thesaurus);

  // SIGTERM and SIGINT are blocked in every thread (the workers inherit the mask) and taken by
  // one thread with sigwait, which stops the server outside any signal handler.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  ResultCache cache(options.cache_bytes);  // Before the server: its handlers use it until it stops.
  httplib::Server server;
  // cpp-httplib gives each open connection a thread of its own while it is kept alive, so the
  // connection threads outnumber the Searchers: a browser's half-dozen parallel connections (or
  // idle keep-alive clients) must not keep others waiting for a thread, while the searching
  // itself still runs on at most `threads` Searchers at once (SearcherPool::check_out waits).
  const unsigned connection_threads = std::max(16u, 4 * threads);
  server.new_task_queue = [connection_threads] { return new httplib::ThreadPool(connection_threads); };
  server.set_tcp_nodelay(true);
  // SO_REUSEADDR only: cpp-httplib's default also sets SO_REUSEPORT, with which a second server
  // started on a port in use would silently share it instead of failing.
  server.set_socket_options([](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  // A keep-alive connection holds its worker thread until it closes or idles out; a small idle
  // timeout keeps a few idle clients from starving the others.
  server.set_keep_alive_max_count(10000);
  server.set_keep_alive_timeout(2);
  server.set_read_timeout(5, 0);
  server.set_write_timeout(5, 0);
  // The API is GET only: a request with a body is refused (413) before the body is read.
  server.set_payload_max_length(0);

  server.set_pre_routing_handler([&options](const httplib::Request& req, httplib::Response& res) {
    request_started = std::chrono::steady_clock::now();
    take_accept_encoding(req);
    const std::string origin = req.get_header_value("Origin");
    const bool cors = !origin.empty() && std::find(options.allowed_origins.begin(), options.allowed_origins.end(),
                                                   origin) != options.allowed_origins.end();
    if (cors) {
      res.set_header("Access-Control-Allow-Origin", origin);
      res.set_header("Vary", "Origin");
    }
    if (req.method == "OPTIONS" && cors) {  // A CORS preflight.
      res.status = 204;
      res.set_header("Access-Control-Allow-Methods", "GET");
      res.set_header("Access-Control-Allow-Headers", "Authorization");
      res.set_header("Access-Control-Max-Age", "600");
      return httplib::Server::HandlerResponse::Handled;
    }
    const std::string length = req.get_header_value("Content-Length");
    if ((!length.empty() && length != "0") || req.has_header("Transfer-Encoding") || !req.body.empty()) {
      res.set_header("Connection", "close");
      set_error(res, 413, "too_large", "requests take no body: the API is GET only");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.method != "GET" && req.method != "HEAD") {
      set_error(res, 404, "not_found", "no such path for " + req.method + ": the API is GET only");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (!options.token.empty() && req.path.starts_with("/api/") &&
        !same_secret(req.get_header_value("Authorization"), "Bearer " + options.token)) {
      res.set_header("WWW-Authenticate", "Bearer");
      set_error(res, 401, "unauthorized", "this server needs 'Authorization: Bearer TOKEN' for /api/");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // Errors the library answers by itself (a too-long URL, a malformed request) get the JSON body too.
  server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req,
                                                                   httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    std::string message = res.status == 414 ? fmt::format("the URL is longer than {} bytes", kMaxUrlBytes)
                          : res.status == 413 ? "requests take no body: the API is GET only"
                          : res.status == 404 ? "no such path: " + req.path
                                              : "malformed request";
    set_error(res, res.status, error_code(res.status), message);
    return httplib::Server::HandlerResponse::Handled;
  }));
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    set_error(res, 500, "internal", "the server could not answer this request");
  });
  if (!options.quiet)
    server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::string ms = "-";
      if (request_started)
        ms = fmt::format(
            "{:.2f}",
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - *request_started).count());
      request_started.reset();
      // One write per line, so that lines of concurrent requests never interleave.
      fmt::print(stderr, "{} {} {} {} ms\n", req.method.empty() ? "-" : req.method, req.path.empty() ? "-" : req.path,
                 res.status, ms);
    });
  add_routes(server, pool, cache, options);

  const int port = options.port == 0 ? server.bind_to_any_port(options.host)
                                     : (server.bind_to_port(options.host, options.port) ? options.port : -1);
  if (port < 0) throw Error(fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)",
                                        options.host, options.port));
  if (!is_loopback(options.host))
    fmt::print(stderr,
               "newsq serve: warning: listening on {}, not loopback: other machines can reach this index{}\n",
               options.host, options.token.empty() ? " (and no --token is set)" : "");
  const bool bracket = options.host.find(':') != std::string::npos;
  fmt::print("listening on http://{}{}{}:{}\n", bracket ? "[" : "", options.host, bracket ? "]" : "", port);
  std::fflush(stdout);

  std::atomic<bool> signalled = false, listening_ended = false;
  std::thread stopper([&server, &signalled, &listening_ended, stop_signals] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    signalled = true;
    // stop() acts only on a running server: a signal that came before listen_after_bind started
    // (right after the address was printed) waits for it, or for the main thread to skip it.
    while (!server.is_running() && !listening_ended) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    server.stop();
  });
  // Returns once stop() closed the listening socket and the worker threads finished the requests
  // in flight (cpp-httplib shuts its task queue down, joining the workers, before returning).
  const bool listened = signalled || server.listen_after_bind();
  listening_ended = true;
  // Stopped by a failure instead: wake the stopper (the signal is blocked, so it stays pending for
  // that thread's sigwait).
  if (!signalled) pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  if (!listened && !signalled) throw Error("the server stopped: it could not accept connections");
  return 0;
}

}  // namespace newsq::serve
