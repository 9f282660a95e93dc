// tests/cluster/cluster_answers_test.cc: the shared corpus split into three shards, each served by
// its own xapian-tcpsrv on loopback, searched as one cluster (docs/sharding.md), against one local
// index of the same articles: every query of the benchmark mix (bench/query_mix.tsv, bench/
// nl_queries.txt) and of the understanding tables (tests/data) must give the same total, the same
// hits in the same order with the same scores (to nine digits), the same snippets and exactly the
// same facet values and counts; the same shards opened locally (a sharded folder's cluster.stub)
// too; and `newsq search --db cluster.stub --json` and `newsq serve --db cluster.stub` the same
// JSON as the one index.
#include <catch2/catch.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "newsq/newsq.h"
#include "tests/cluster/cluster_fixture.h"
#include "tests/cluster/tcpsrv_process.h"
#include "tests/serve/serve_process.h"
#include "tests/test_support.h"

using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

// A request, or a one-line query each searcher understands itself (with its own sources and
// gazetteer) before searching.
struct Case {
  std::string label;
  newsq::SearchRequest request{};
  std::string understood{}, now{};
};

newsq::SearchRequest request_for(newsq::Searcher& searcher, const Case& c) {
  if (c.understood.empty()) return c.request;
  newsq::SearchRequest r = newsq::SearchRequest::from_understood(searcher.understand(c.understood, c.now));
  r.limit = 20;
  return r;
}

// Every query of the benchmark mix, each also sorted by date, boosted by recency, uncollapsed and
// drilled down (facet selections, counted in passes of their own); the one-line queries of the
// benchmark; the queries of the understanding tables; misspellings for the suggestion.
std::vector<Case> cases() {
  const fs::path root = NEWSQ_SOURCE_DIR;
  std::vector<Case> out;
  for (const auto& row : newsq::test::read_tsv(root / "bench" / "query_mix.tsv", 5)) {
    newsq::SearchRequest r{.query = row[1], .from = row[2], .to = row[3], .limit = 20};
    if (const auto colon = row[4].find(':'); colon != std::string::npos)
      (row[4].substr(0, colon) == "near" ? r.near : r.place) = row[4].substr(colon + 1);
    const std::string label = "mix " + row[0] + " '" + row[1] + "' " + row[4];
    out.push_back({label, r});
    newsq::SearchRequest by_date = r;
    by_date.sort = newsq::SearchRequest::Sort::date;
    by_date.offset = 5;
    out.push_back({label + " by date, offset 5", by_date});
    newsq::SearchRequest recent = r;
    recent.recency_boost = 1;
    out.push_back({label + " recency 1", recent});
    newsq::SearchRequest whole = r;
    whole.collapse_duplicates = false;
    out.push_back({label + " uncollapsed", whole});
    newsq::SearchRequest drilled = r;
    drilled.facet_filters = {{"source", "HuffPost"}, {"source", "gdelt:UA"}, {"date", "2022"}, {"location", "Ukraine"}};
    out.push_back({label + " drilled down", drilled});
    if (!r.near.empty()) {
      newsq::SearchRequest nearest = r;
      nearest.sort = newsq::SearchRequest::Sort::distance;
      out.push_back({label + " nearest first", nearest});
    }
  }
  out.push_back({"preferred place", {.query = "shelling", .limit = 20, .prefer_places = {"Kharkiv"}}});
  out.push_back({"misspelt", {.query = "refugess ukrane", .limit = 20}});
  out.push_back({"everything", {.limit = 20}});
  for (const auto& row : newsq::test::read_tsv(root / "bench" / "nl_queries.txt", 1))
    out.push_back({"nl '" + row[0] + "'", {}, row[0], "2022-12-31"});
  for (const auto& row : newsq::test::read_tsv(root / "tests" / "data" / "place_queries.tsv", 1))
    out.push_back({"place table '" + row[0] + "'", {}, row[0], "2022-03-21"});
  for (const auto& row : newsq::test::read_tsv(root / "tests" / "data" / "date_review.tsv", 2))
    out.push_back({"date review '" + row[0] + "'", {}, row[0], row[1]});
  for (const auto& row : newsq::test::read_tsv(root / "tests" / "data" / "date_expressions.tsv", 1))
    out.push_back({"date table '" + row[0] + "'", {}, row[0], "2022-03-21"});
  return out;
}

// Everything a search answers, as comparable lines, the hits' scores to nine digits (a cluster sums
// the same weights in another order: they may differ in the last bits, never in the ranking; it
// weighs synonym groups exactly as one index does since newsq nests them in pairs,
// query::synonym_group and tests/sharding_test.cc).
std::vector<std::string> answer_lines(const newsq::SearchResults& r) {
  std::vector<std::string> out = {"total " + std::to_string(r.total), "granularity " + r.date_granularity,
                                  "suggestion " + r.suggestion, "timed out " + std::to_string(r.timed_out)};
  for (const auto& h : r.hits) {
    std::string line = fmt::format("hit {} score {:.9g} km {} similar", h.id, h.score, h.distance_km);
    for (const auto& s : h.similar_ids) line += " " + s;
    out.push_back(line + " snippet " + h.snippet);
  }
  for (const auto& [name, values] : r.facets)
    for (const auto& v : values)
      out.push_back("facet " + name + " " + v.value + " " + std::to_string(v.count) + " id " + std::to_string(v.id));
  return out;
}

// "" if the answers are the same, else where they first differ.
std::string first_difference(const std::vector<std::string>& cluster, const std::vector<std::string>& one) {
  for (std::size_t i = 0; i < std::max(cluster.size(), one.size()); ++i) {
    const std::string a = i < cluster.size() ? cluster[i] : "(nothing)", b = i < one.size() ? one[i] : "(nothing)";
    if (a != b) return "line " + std::to_string(i) + ": cluster '" + a + "', one index '" + b + "'";
  }
  return "";
}

// An answer's JSON without the hits' scores (compared to nine digits by answer_lines; JSON prints
// every bit).
json without_scores(json answer) {
  if (!answer.contains("hits")) return answer;
  for (auto& hit : answer["hits"]) hit.erase("score");
  return answer;
}

}  // namespace

TEST_CASE("three shards behind xapian-tcpsrv answer every query as one local index of the same articles",
          "[cluster][shared]") {
  NEWSQ_REQUIRE_SHARED_AND_TCPSRV();
  const newsq::test::ShardedArchive& archive = newsq::test::sharded_archive();
  const newsq::test::ServedShards served = newsq::test::serve_shards(archive, "remote.stub");
  const std::string& remote_stub = served.description;

  newsq::Searcher one(archive.single), remote(remote_stub), local(archive.sharded);
  const newsq::IndexStats stats = one.stats();
  REQUIRE(stats.articles == archive.articles);
  for (newsq::Searcher* cluster : {&remote, &local}) {
    const newsq::IndexStats s = cluster->stats();
    CHECK(s.articles == stats.articles);
    CHECK(s.terms == stats.terms);
    CHECK(s.sources == stats.sources);
    CHECK(s.first_date == stats.first_date);
    CHECK(s.last_date == stats.last_date);
  }
  CHECK(remote.stats().disk_bytes == 0);  // Nothing of a remote shard is on this machine's disks.

  int compared = 0, with_hits = 0;
  for (const Case& c : cases()) {
    INFO(c.label);
    const newsq::SearchResults expected = one.search(request_for(one, c));
    const std::vector<std::string> lines = answer_lines(expected);
    CHECK(first_difference(answer_lines(remote.search(request_for(remote, c))), lines) == "");
    CHECK(first_difference(answer_lines(local.search(request_for(local, c))), lines) == "");
    ++compared;
    with_hits += expected.total > 0;
  }
  // The comparisons mean something only if most queries find articles.
  CHECK(compared > 200);
  CHECK(with_hits > compared / 2);
  if (const auto first = one.search({.query = "kyiv", .limit = 1}); !first.hits.empty()) {
    const std::string id = first.hits[0].id;
    REQUIRE(remote.article(id));
    CHECK(remote.article(id)->text == one.article(id)->text);
  }
  CHECK(remote.place_names("khar", 5).size() == one.place_names("khar", 5).size());

  // The CLI and the HTTP API over the description give the one index's JSON.
  const std::vector<std::vector<std::string>> searches = {
      {"casualties near Kyiv in March 2022"}, {"refugees", "--place", "Ukraine", "--facet", "source:HuffPost"},
      {"election", "--sort", "date"},        {"wildfire", "--recency", "1"}};
  for (const auto& args : searches) {
    INFO("newsq search " << args[0]);
    std::vector<std::string> common = {"search", "--json", "--now", "2022-12-31", "--limit", "20"};
    common.insert(common.end(), args.begin(), args.end());
    auto run = [&](const std::string& db) {
      std::vector<std::string> all = common;
      all.insert(all.begin() + 1, {"--db", db});
      const newsq::test::CommandResult r = newsq::test::run_cli(all);
      INFO(r.err);
      REQUIRE(r.exit_code == 0);
      return without_scores(json::parse(r.out));
    };
    const json expected = run(archive.single);
    CHECK(expected["total"].get<std::uint64_t>() > 0);
    CHECK(run(remote_stub) == expected);
  }
  newsq::test::ServeProcess serve_one(archive.single), serve_cluster(remote_stub);
  for (const std::string target :
       {"/api/search?q=casualties%20near%20Kyiv%20in%20March%202022&now=2022-12-31&limit=20",
        "/api/search?q=shelling&now=2022-12-31&facet=source:gdelt:UA&facet=date:2022",
        "/api/search?q=power%20plant&now=2022-12-31&sort=date&offset=5", "/api/stats", "/api/places?prefix=khar"}) {
    INFO(target);
    auto expected = serve_one.client().Get(target);
    auto answer = serve_cluster.client().Get(target);
    REQUIRE(expected);
    REQUIRE(answer);
    CHECK(answer->status == expected->status);
    json a = without_scores(json::parse(answer->body)), e = without_scores(json::parse(expected->body));
    if (target == "/api/stats") {
      // Bytes on disk are the local index's; a remote cluster has none here.
      a.erase("disk_bytes");
      e.erase("disk_bytes");
    }
    CHECK(a == e);
    if (target.starts_with("/api/search")) {
      // One index keeps the answer for the next equal request; a cluster of remote shards tells
      // no revision to key it by, so it searches every time.
      CHECK(expected->get_header_value("X-Newsq-Cache") == "miss");
      CHECK(serve_one.client().Get(target)->get_header_value("X-Newsq-Cache") == "hit");
      CHECK_FALSE(answer->has_header("X-Newsq-Cache"));
    }
  }
  CHECK(newsq::Searcher(remote_stub).revision().empty());
  CHECK_FALSE(newsq::Searcher(archive.single).revision().empty());
}
