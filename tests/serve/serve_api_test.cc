// tests/serve/serve_api_test.cc: every endpoint of `newsq serve` over the shared-corpus index,
// answered as the library answers the same request (newsq::Searcher over the same index), and
// every error code.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "newsq/searcher.h"
#include "tests/serve/serve_process.h"

using nlohmann::json;
using newsq::test::ServeProcess;

namespace {

#define NEEDS_SERVE_INDEX()                                                                        \
  if (newsq::test::serve_index().empty()) {                                                        \
    WARN("SKIPPED: the serve_index fixture has no index (../shared absent); this test needs it"); \
    return;                                                                                        \
  }

// GET `target`: status and parsed body.
std::pair<int, json> get(httplib::Client& client, const std::string& target, const httplib::Headers& headers = {}) {
  auto res = client.Get(target.c_str(), headers);
  REQUIRE(res);
  INFO(target << " -> " << res->status << " " << res->body);
  return {res->status, json::parse(res->body)};
}

std::string encoded(const std::string& s) { return httplib::detail::encode_query_param(s); }

// The library's answer to a one-line query with `now`, as GET /api/search builds it: understood,
// then explicit parameters over it.
struct LibraryRequest {
  std::string q{}, now{};
  std::vector<std::string> sources{};
  std::vector<std::pair<std::string, std::string>> facets{};
  std::string place{};
  newsq::SearchRequest::Sort sort = newsq::SearchRequest::Sort::relevance;
  std::uint32_t limit = 10, offset = 0;
};

newsq::SearchResults library_search(newsq::Searcher& searcher, const LibraryRequest& r) {
  newsq::SearchRequest request = newsq::SearchRequest::from_understood(searcher.understand(r.q, r.now));
  if (!r.sources.empty()) request.sources = r.sources;
  request.facet_filters = r.facets;
  if (!r.place.empty()) request.place = r.place;
  request.sort = r.sort;
  request.limit = r.limit;
  request.offset = r.offset;
  return searcher.search(request);
}

std::string target_of(const LibraryRequest& r) {
  std::string t = "/api/search?q=" + encoded(r.q) + "&now=" + r.now + "&limit=" + std::to_string(r.limit) +
                  "&offset=" + std::to_string(r.offset);
  for (const auto& s : r.sources) t += "&source=" + encoded(s);
  for (const auto& [field, value] : r.facets) t += "&facet=" + encoded(field + ":" + value);
  if (!r.place.empty()) t += "&place=" + encoded(r.place);
  if (r.sort == newsq::SearchRequest::Sort::date) t += "&sort=date";
  return t;
}

// The HTTP answer holds exactly the library's results: total, hit ids in order, every facet value.
void check_same(const json& answer, const newsq::SearchResults& expected) {
  CHECK(answer["total"] == expected.total);
  std::vector<std::string> ids, expected_ids;
  for (const auto& h : answer["hits"]) ids.push_back(h["id"]);
  for (const auto& h : expected.hits) expected_ids.push_back(h.id);
  CHECK(ids == expected_ids);
  REQUIRE(answer["facets"].size() == expected.facets.size());
  for (const auto& [name, values] : expected.facets) {
    INFO("facet " << name);
    const json& got = answer["facets"][name];
    REQUIRE(got.size() == values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
      CHECK(got[i]["value"] == values[i].value);
      CHECK(got[i]["count"] == values[i].count);
      if (name != "location") continue;
      CHECK(got[i]["id"] == values[i].id);
      CHECK(got[i]["level"] == values[i].level);
      CHECK(got[i].contains("lat") == values[i].has_coordinates);
      if (values[i].has_coordinates) CHECK(got[i]["lat"] == values[i].lat);
      CHECK(got[i].value("country", "") == values[i].country);
      CHECK(got[i].value("region", "") == values[i].region);
    }
  }
  if (!expected.date_granularity.empty()) CHECK(answer["date_granularity"] == expected.date_granularity);
}

}  // namespace

TEST_CASE("newsq serve: GET /api/search answers as the library does for the same request", "[serve]") {
  NEEDS_SERVE_INDEX();
  ServeProcess serve(newsq::test::serve_index(), {"--threads", "2"});
  auto client = serve.client();
  newsq::Searcher searcher(newsq::test::serve_index());
  const std::vector<LibraryRequest> requests = {
      {.q = "casualties near Kyiv in March 2022", .now = "2022-03-21"},
      {.q = "power plant", .now = "2022-12-31", .limit = 20, .offset = 5},
      {.q = "election", .now = "2022-12-31", .sources = {"HuffPost"}, .sort = newsq::SearchRequest::Sort::date},
      {.q = "shelling", .now = "2022-12-31", .facets = {{"source", "censor.net"}, {"date", "2022-03"}}},
      {.q = "refugees", .now = "2022-12-31", .facets = {{"location", "Kharkiv Oblast"}}, .place = "Ukraine"},
  };
  for (const auto& r : requests) {
    const std::string target = target_of(r);
    INFO(target);
    auto [status, answer] = get(client, target);
    REQUIRE(status == 200);
    check_same(answer, library_search(searcher, r));
    // The understood query, as the contract names it, with its spans.
    CHECK(answer["understood"] == answer["query"]);
    CHECK(answer["understood"]["spans"].is_array());
  }
  // The contract's example: places understood, with map positions and the country -> region tree.
  auto [status, answer] = get(client, target_of(requests[0]));
  CHECK(answer["understood"]["places"][0]["name"] == "Kyiv");
  bool city_with_tree = false;
  for (const auto& v : answer["facets"]["location"])
    if (v["level"] == "city" && v.contains("lat") && v.value("country", "") == "Ukraine" && v.contains("region"))
      city_with_tree = true;
  CHECK(city_with_tree);
}

TEST_CASE("newsq serve: GET /api/explain, /api/stats, /api/article and /api/places answer as the library does", "[serve]") {
  NEEDS_SERVE_INDEX();
  ServeProcess serve(newsq::test::serve_index());
  auto client = serve.client();
  newsq::Searcher searcher(newsq::test::serve_index());

  auto [explain_status, explained] = get(client, "/api/explain?q=" + encoded("casualties near Kyiv in March 2022") +
                                                     "&now=2022-03-21");
  REQUIRE(explain_status == 200);
  const newsq::UnderstoodQuery u = searcher.understand("casualties near Kyiv in March 2022", "2022-03-21");
  CHECK(explained["text"] == u.text);
  CHECK(explained["terms"] == u.terms);
  CHECK(explained["date"]["from"] == u.from);
  CHECK(explained["date"]["to"] == u.to);
  REQUIRE(explained["places"].size() == u.places.size());
  CHECK(explained["places"][0]["id"] == u.places[0].id);
  REQUIRE(explained["spans"].size() == u.spans.size());
  for (std::size_t i = 0; i < u.spans.size(); ++i) CHECK(explained["spans"][i]["as"] == u.spans[i].as);

  auto [stats_status, stats] = get(client, "/api/stats");
  REQUIRE(stats_status == 200);
  const newsq::IndexStats s = searcher.stats();
  CHECK(stats["articles"] == s.articles);
  CHECK(stats["first_date"] == s.first_date);
  CHECK(stats["last_date"] == s.last_date);
  CHECK(stats["sources"].size() == s.sources.size());

  const newsq::SearchResults some = searcher.search({.query = "kyiv", .limit = 3});
  REQUIRE(!some.hits.empty());
  for (const auto& hit : some.hits) {
    auto [status, article] = get(client, "/api/article/" + encoded(hit.id));
    REQUIRE(status == 200);
    const auto stored = searcher.article(hit.id);
    REQUIRE(stored);
    CHECK(article["id"] == hit.id);
    CHECK(article["title"] == stored->title);
    CHECK(article["text"] == stored->text);
    CHECK(article["date"] == stored->date);
    REQUIRE(article["places"].size() == stored->places.size());
    for (std::size_t i = 0; i < stored->places.size(); ++i) CHECK(article["places"][i]["id"] == stored->places[i].id);
  }

  auto [places_status, places] = get(client, "/api/places?prefix=Kh&limit=5");
  REQUIRE(places_status == 200);
  const auto expected = searcher.place_names("Kh", 5);
  REQUIRE(!expected.empty());
  REQUIRE(places["places"].size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(places["places"][i]["id"] == expected[i].id);
    CHECK(places["places"][i]["count"] == expected[i].count);
    if (i > 0) CHECK(expected[i - 1].count >= expected[i].count);  // Most mentioned first.
  }
  CHECK(places["places"][0]["name"].get<std::string>().starts_with("Kh"));

  auto [health_status, health] = get(client, "/healthz");
  CHECK(health_status == 200);
  CHECK(health["ok"] == true);
}

TEST_CASE("newsq serve answers each error with its status and a JSON error", "[serve]") {
  NEEDS_SERVE_INDEX();
  ServeProcess serve(newsq::test::serve_index());
  auto client = serve.client();
  auto error_of = [&](const std::string& target, int status, const std::string& code) {
    auto res = client.Get(target.c_str());
    REQUIRE(res);
    INFO(target << " -> " << res->status << " " << res->body);
    CHECK(res->status == status);
    const json body = json::parse(res->body);
    CHECK(body["error"]["code"] == code);
    CHECK(!body["error"]["message"].get<std::string>().empty());
  };
  error_of("/api/search?q=kyiv&from=2022-13-45", 400, "bad_query");
  error_of("/api/search?q=kyiv&limit=abc", 400, "bad_parameter");
  error_of("/api/search?q=kyiv&limit=10001", 400, "bad_parameter");
  error_of("/api/search?q=kyiv&sort=sideways", 400, "bad_parameter");
  error_of("/api/search?q=kyiv&colour=red", 400, "bad_parameter");
  error_of("/api/search?q=kyiv&facet=nonsense", 400, "bad_parameter");
  error_of("/api/search?q=kyiv&now=yesterday", 400, "bad_query");
  error_of("/api/explain", 400, "bad_parameter");
  error_of("/api/nothing-here", 404, "not_found");
  error_of("/api/article/no-such-article-id", 404, "not_found");
  // No file system behind the page: traversal attempts are just unknown paths.
  error_of("/../CMakeLists.txt", 404, "not_found");
  error_of("/%2e%2e/CMakeLists.txt", 404, "not_found");
  error_of("/%2e%2e%2fCMakeLists.txt", 404, "not_found");
  error_of("/..%2f..%2fetc%2fpasswd", 404, "not_found");
  error_of("/api/search?q=" + std::string(9000, 'a'), 414, "too_large");

  // A request with a body: refused before it is read.
  auto with_body = client.Post("/api/search", "{\"q\":\"kyiv\"}", "application/json");
  REQUIRE(with_body);
  CHECK(with_body->status == 413);
  CHECK(json::parse(with_body->body)["error"]["code"] == "too_large");

  // The page at / (the built page or the stand-in saying how to build it).
  auto page = client.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Type").starts_with("text/html"));
}

TEST_CASE("newsq serve sends the page's files gzipped when asked, never brotli, and the API uncompressed", "[serve]") {
  NEEDS_SERVE_INDEX();
  ServeProcess serve(newsq::test::serve_index());
  auto client = serve.client();
  client.set_decompress(false);  // See the bytes as sent.
  auto fetch = [&](const std::string& target, const std::string& accept) {
    auto res = client.Get(target.c_str(), {{"Accept-Encoding", accept}});
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return res;
  };
  // The page's script when the page is built; the stand-in page otherwise.
  auto script = client.Get("/app.js", {{"Accept-Encoding", "identity"}});
  REQUIRE(script);
  const std::string file = script->status == 200 ? "/app.js" : "/";
  auto plain = fetch(file, "identity");
  CHECK(!plain->has_header("Content-Encoding"));
  // Brotli alone is not offered (cpp-httplib would compress at its slowest setting per request).
  auto brotli_only = fetch(file, "br");
  CHECK(!brotli_only->has_header("Content-Encoding"));
  CHECK(brotli_only->body == plain->body);
  CHECK(!fetch(file, "gzip;q=0")->has_header("Content-Encoding"));
  if (file == "/app.js") {
    auto packed = fetch(file, "br, gzip;q=0.8");
    CHECK(packed->get_header_value("Content-Encoding") == "gzip");
    CHECK(packed->body.size() < plain->body.size());
    // What a browser reads after unpacking: the same file.
    httplib::Client unpacking = serve.client();
    auto unpacked = unpacking.Get(file.c_str(), {{"Accept-Encoding", "gzip"}});
    REQUIRE(unpacked);
    CHECK(unpacked->body == plain->body);
  }
  // JSON answers are never compressed by the library behind the server's back.
  auto api = fetch("/api/stats", "br, gzip");
  CHECK(!api->has_header("Content-Encoding"));
  CHECK(json::parse(api->body).contains("articles"));
}

TEST_CASE("newsq serve --token asks /api/ for the bearer token, and --allow-origin sends CORS to that origin only",
          "[serve]") {
  NEEDS_SERVE_INDEX();
  const std::string token_file = std::filesystem::temp_directory_path() / "newsq-serve-test-token";
  {
    std::ofstream out(token_file);
    out << "s3cret-token\n";
  }
  ServeProcess serve(newsq::test::serve_index(), {"--token", token_file, "--allow-origin", "http://allowed.example"});
  std::filesystem::remove(token_file);
  auto client = serve.client();

  auto without = client.Get("/api/stats");
  REQUIRE(without);
  CHECK(without->status == 401);
  CHECK(json::parse(without->body)["error"]["code"] == "unauthorized");
  auto wrong = client.Get("/api/stats", {{"Authorization", "Bearer s3cret-tokeN"}});
  REQUIRE(wrong);
  CHECK(wrong->status == 401);
  auto right = client.Get("/api/stats", {{"Authorization", "Bearer s3cret-token"}});
  REQUIRE(right);
  CHECK(right->status == 200);
  auto health = client.Get("/healthz");  // Not under /api/: no token needed (a load balancer's probe).
  REQUIRE(health);
  CHECK(health->status == 200);

  auto allowed = client.Get("/healthz", {{"Origin", "http://allowed.example"}});
  REQUIRE(allowed);
  CHECK(allowed->get_header_value("Access-Control-Allow-Origin") == "http://allowed.example");
  auto other = client.Get("/healthz", {{"Origin", "http://other.example"}});
  REQUIRE(other);
  CHECK(!other->has_header("Access-Control-Allow-Origin"));
}
