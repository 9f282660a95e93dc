// tests/cluster/cluster_failure_test.cc: a cluster with a shard down (docs/sharding.md, "When a
// shard is down"): three shards behind three xapian-tcpsrv; one is killed (its whole process
// group, as when its machine goes down) while a Searcher is connected: the next answers are
// partial, name the missing shard, and count exactly what the two remaining shards hold; the CLI
// says so in JSON and in a warning line; once the server is back, the next search is complete.
// A server that hangs is left out after the shard timeout, and counted again when it goes on.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "newsq/newsq.h"
#include "tests/cluster/cluster_fixture.h"
#include "tests/cluster/tcpsrv_process.h"
#include "tests/test_support.h"

namespace {

// The facet counts of an answer, summed per facet and value over several answers.
std::map<std::string, std::uint64_t> counts(const std::vector<newsq::SearchResults>& answers) {
  std::map<std::string, std::uint64_t> out;
  for (const auto& r : answers)
    for (const auto& [name, values] : r.facets)
      for (const auto& v : values) out[name + " " + v.value] += v.count;
  return out;
}

}  // namespace

TEST_CASE("a cluster answers without a shard that is down, says which, and is complete again when it returns",
          "[cluster][shared]") {
  NEWSQ_REQUIRE_SHARED_AND_TCPSRV();
  const newsq::test::ShardedArchive& archive = newsq::test::sharded_archive();
  newsq::test::ServedShards served = newsq::test::serve_shards(archive, "failure.stub");
  auto& servers = served.servers;
  const std::string& stub = served.description;
  const std::string down_name = "127.0.0.1:" + std::to_string(servers[1]->port());

  // The source facet's counts of the shards searched one by one add up (the date facet's
  // buckets follow each answer's span, the location facet keeps top values per level).
  const newsq::SearchRequest request{.query = "ukraine", .limit = 20, .max_facet_values = 1000};
  newsq::Searcher cluster(stub, {.shard_timeout_seconds = 5});
  const newsq::SearchResults complete = cluster.search(request);
  CHECK_FALSE(complete.partial);
  CHECK(complete.missing_shards.empty());
  REQUIRE(complete.total > 0);

  servers[1]->kill_now();
  const newsq::SearchResults partial = cluster.search(request);
  CHECK(partial.partial);
  CHECK(partial.missing_shards == std::vector<std::string>{down_name});
  // Brute force: the two remaining shards searched one by one, each as its own index.
  newsq::Searcher shard0(archive.shards[0]), shard2(archive.shards[2]);
  const newsq::SearchResults left[] = {shard0.search(request), shard2.search(request)};
  CHECK(partial.total == left[0].total + left[1].total);
  CHECK(partial.total < complete.total);
  auto only = [](std::map<std::string, std::uint64_t> all, const std::string& facet) {
    std::erase_if(all, [&](const auto& kv) { return !kv.first.starts_with(facet + " "); });
    return all;
  };
  CHECK(only(counts({partial}), "source") == only(counts({left[0], left[1]}), "source"));
  for (const auto& hit : partial.hits) {
    INFO(hit.id);
    CHECK((shard0.article(hit.id) || shard2.article(hit.id)));
  }
  // Searches go on being answered, partially, while it is down.
  CHECK(cluster.search({.query = "refugees"}).partial);

  // The CLI: JSON says partial and names the shard; the text output warns on stderr.
  const auto json_run = newsq::test::run_cli({"search", "--db", stub, "--json", "--literal", "--shard-timeout", "5", "ukraine"});
  REQUIRE(json_run.exit_code == 0);
  const auto answer = nlohmann::json::parse(json_run.out);
  CHECK(answer["partial"] == true);
  CHECK(answer["missing_shards"] == nlohmann::json::array({down_name}));
  CHECK(answer["total"] == partial.total);
  const auto text_run = newsq::test::run_cli({"search", "--db", stub, "--literal", "ukraine"});
  REQUIRE(text_run.exit_code == 0);
  CHECK(text_run.err.find("warning: partial answer, without shard " + down_name) != std::string::npos);
  CHECK(text_run.out.find("at least ") != std::string::npos);

  // Back on its port: the next search is complete again.
  servers[1] = std::make_unique<newsq::test::TcpsrvProcess>(archive.shards[1], servers[1]->port());
  const newsq::SearchResults again = cluster.search(request);
  CHECK_FALSE(again.partial);
  CHECK(again.missing_shards.empty());
  CHECK(again.total == complete.total);
  const auto json_again = nlohmann::json::parse(
      newsq::test::run_cli({"search", "--db", stub, "--json", "--literal", "ukraine"}).out);
  CHECK_FALSE(json_again.contains("partial"));

  // A server that hangs (stopped) while a Searcher is connected to it: left out once the shard
  // timeout passes; complete again when it goes on.
  newsq::Searcher impatient(stub, {.shard_timeout_seconds = 1});
  CHECK_FALSE(impatient.search(request).partial);
  servers[2]->pause();
  const newsq::SearchResults without_hung = impatient.search(request);
  CHECK(without_hung.partial);
  CHECK(without_hung.missing_shards == std::vector<std::string>{"127.0.0.1:" + std::to_string(servers[2]->port())});
  newsq::Searcher shard1(archive.shards[1]);
  CHECK(without_hung.total == left[0].total + shard1.search(request).total);
  CHECK(impatient.search(request).partial);  // Still hung: a new connection times out too.
  servers[2]->resume();
  const newsq::SearchResults resumed = impatient.search(request);
  CHECK_FALSE(resumed.partial);
  CHECK(resumed.total == complete.total);
}
