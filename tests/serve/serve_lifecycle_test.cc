// tests/serve/serve_lifecycle_test.cc: `newsq serve` over time: a commit made while it serves is
// seen by the next request (also when the answer before it was cached), and SIGTERM lets the
// request in flight finish before it exits 0. Also the Server-Timing header of searched answers.
#include <arpa/inet.h>
#include <catch2/catch.hpp>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>

#include "newsq/index_writer.h"
#include "tests/serve/serve_process.h"

using nlohmann::json;
using newsq::test::ServeProcess;

namespace {

// A fresh folder removed at the end of the test.
struct TempIndex {
  std::filesystem::path dir;
  TempIndex() {
    char name[] = "/tmp/newsq-serve-test-XXXXXX";
    dir = mkdtemp(name);
  }
  ~TempIndex() { std::filesystem::remove_all(dir); }
  std::string db() const { return (dir / "db").string(); }
};

// Server-Timing's metrics ("search;dur=1.234, json;dur=0.056") as name -> milliseconds; a
// metric without a duration or a malformed one fails the test.
std::map<std::string, double> server_timing(const std::string& header) {
  std::map<std::string, double> out;
  std::stringstream metrics(header);
  std::string metric;
  while (std::getline(metrics, metric, ',')) {
    metric.erase(0, metric.find_first_not_of(' '));
    const auto at = metric.find(";dur=");
    REQUIRE(at != std::string::npos);
    std::size_t used = 0;
    const std::string number = metric.substr(at + 5);
    out[metric.substr(0, at)] = std::stod(number, &used);
    REQUIRE(used == number.size());
  }
  return out;
}

void add_and_commit(const std::string& db, const std::vector<newsq::Article>& articles) {
  newsq::IndexWriter writer(db);
  for (const auto& a : articles) writer.add(a);
  writer.commit();
}

std::uint64_t total_of(httplib::Client& client, const std::string& q) {
  auto res = client.Get(("/api/search?q=" + q).c_str());
  REQUIRE(res);
  REQUIRE(res->status == 200);
  return json::parse(res->body)["total"];
}

// A loopback TCP connection to `port`, for sending a request in pieces.
int connect_to(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  return fd;
}

void send_all(int fd, const std::string& bytes) {
  REQUIRE(send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size()));
}

std::string read_all(int fd) {
  std::string out;
  char buffer[4096];
  for (ssize_t n; (n = recv(fd, buffer, sizeof buffer, 0)) > 0;) out.append(buffer, static_cast<std::size_t>(n));
  return out;
}

}  // namespace

TEST_CASE("newsq serve sees a commit made while it serves at the next request", "[serve]") {
  TempIndex index;
  add_and_commit(index.db(), {{.id = "a1", .date = "2022-03-01", .source = "Test", .text = "Grain exports resume."}});
  ServeProcess serve(index.db());
  auto client = serve.client();
  CHECK(total_of(client, "grain") == 1);
  CHECK(total_of(client, "zeppelin") == 0);
  add_and_commit(index.db(), {{.id = "a2", .date = "2022-03-02", .source = "Test", .text = "A zeppelin over the grain port."}});
  CHECK(total_of(client, "zeppelin") == 1);
  CHECK(total_of(client, "grain") == 2);
  auto article = client.Get("/api/article/a2");
  REQUIRE(article);
  CHECK(article->status == 200);
  CHECK(json::parse(article->body)["text"] == "A zeppelin over the grain port.");
}

TEST_CASE("newsq serve answers an equal search from its cache until the index changes", "[serve][cache]") {
  TempIndex index;
  add_and_commit(index.db(), {{.id = "a1", .date = "2022-03-01", .source = "Test", .text = "Grain exports resume."}});
  ServeProcess serve(index.db());
  auto client = serve.client();
  auto get = [&](const std::string& target) {
    auto res = client.Get(target.c_str());
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return std::make_pair(res->get_header_value("X-Newsq-Cache"), json::parse(res->body));
  };
  const auto [first_cache, first] = get("/api/search?q=grain&source=Test");
  CHECK(first_cache == "miss");
  CHECK(first["total"] == 1);
  const auto [second_cache, second] = get("/api/search?q=grain&source=Test");
  CHECK(second_cache == "hit");
  CHECK(second == first);
  // Only a searched answer tells how long its search took.
  CHECK(client.Get("/api/search?q=grain&source=Test")->get_header_value("Server-Timing").empty());
  CHECK(server_timing(client.Get("/api/search?q=grain&source=Other")->get_header_value("Server-Timing")).count("search") == 1);
  // Another parameter, another answer.
  CHECK(get("/api/search?q=grain&source=Test&limit=1").first == "miss");
  // A commit: the same request is searched again and sees the new article.
  add_and_commit(index.db(), {{.id = "a2", .date = "2022-03-02", .source = "Test", .text = "Grain prices fall."}});
  const auto [third_cache, third] = get("/api/search?q=grain&source=Test");
  CHECK(third_cache == "miss");
  CHECK(third["total"] == 2);
  CHECK(get("/api/search?q=grain&source=Test").first == "hit");
  // Errors are never kept.
  for (int i = 0; i < 2; ++i) {
    auto bad = client.Get("/api/search?q=grain&limit=-1");
    REQUIRE(bad);
    CHECK(bad->status == 400);
    CHECK(bad->get_header_value("X-Newsq-Cache").empty());
  }
}

TEST_CASE("newsq serve --cache-mb 0 searches every request", "[serve][cache]") {
  TempIndex index;
  add_and_commit(index.db(), {{.id = "a1", .date = "2022-03-01", .source = "Test", .text = "Grain exports resume."}});
  ServeProcess serve(index.db(), {"--cache-mb", "0"});
  auto client = serve.client();
  for (int i = 0; i < 2; ++i) {
    const auto sent = std::chrono::steady_clock::now();
    auto res = client.Get("/api/search?q=grain");
    const double elapsed_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - sent).count();
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK_FALSE(res->has_header("X-Newsq-Cache"));
    CHECK(json::parse(res->body)["total"] == 1);
    // Searched: what the library and the JSON took, in milliseconds, within the request's time.
    const auto timing = server_timing(res->get_header_value("Server-Timing"));
    REQUIRE(timing.size() == 2);
    CHECK(timing.at("search") > 0);
    CHECK(timing.at("json") >= 0);
    CHECK(timing.at("search") + timing.at("json") < elapsed_ms);
  }
}

TEST_CASE("newsq serve exits 0 on SIGTERM after finishing the request in flight", "[serve]") {
  TempIndex index;
  add_and_commit(index.db(), {{.id = "a1", .date = "2022-03-01", .source = "Test", .text = "Grain exports resume."}});
  ServeProcess serve(index.db());

  // The request's first line reaches a worker, which then waits for the rest of its headers: it is
  // in flight when SIGTERM comes. The pauses only let the worker and the signal arrive; the
  // outcome does not depend on their length unless the machine stalls for longer.
  const int fd = connect_to(serve.port());
  send_all(fd, "GET /api/search?q=grain HTTP/1.1\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  kill(serve.pid(), SIGTERM);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  CHECK(serve.running());  // Still finishing the request in flight.
  send_all(fd, "Host: 127.0.0.1\r\nConnection: close\r\n\r\n");
  const std::string response = read_all(fd);
  close(fd);
  CHECK(response.starts_with("HTTP/1.1 200"));
  const auto body = response.find("\r\n\r\n");
  REQUIRE(body != std::string::npos);
  CHECK(json::parse(response.substr(body + 4))["total"] == 1);
  CHECK(serve.stop(0) == 0);  // Signal 0: just wait for the exit.

  // SIGINT stops it the same way.
  ServeProcess again(index.db());
  CHECK(again.stop(SIGINT) == 0);
}
