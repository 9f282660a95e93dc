// tests/query_spans_test.cc: the one stream of words understanding works over (query_stream.h):
// every word of a query lands in one span, claims are whole, and operators keep their words.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "newsq/understood_query.h"
#include "query/understand/query_builder.h"
#include "query/understand/query_understanding.h"
#include "engine/index/schema.h"
#include "test_support.h"

namespace {

// "kind:text" for each span, in order.
std::vector<std::string> spans_of(const newsq::UnderstoodQuery& u) {
  std::vector<std::string> out;
  for (const auto& s : u.spans) out.push_back(s.as + ":" + s.text);
  return out;
}

// A gazetteer of three places, enough to see places claimed beside dates and operators.
bool lookup(std::string_view words, newsq::query::PlaceMatch& m) {
  if (words == "Kyiv" || words == "kyiv") m = {703448, "Kyiv", true, false};
  else if (words == "Paris, Texas") m = {4717560, "Paris", false, false};
  else if (words == "Paris") m = {2988507, "Paris", true, false};
  else return false;
  return true;
}

newsq::UnderstoodQuery understood(const std::string& q, std::vector<std::string> sources = {}) {
  newsq::query::QueryBuilder builder;
  return newsq::query::understand_query(q, newsq::schema::day_number("2022-06-15"), sources, builder, lookup);
}

}  // namespace

TEST_CASE("each word of a query is in one span, with offsets into the query", "[understanding]") {
  const std::string q = "casualties near Kyiv in March 2022 from BBC";
  auto u = understood(q, {"BBC"});
  CHECK(spans_of(u) == std::vector<std::string>{"text:casualties", "place:near Kyiv", "date:in March 2022",
                                                "source:from BBC"});
  for (const auto& s : u.spans) CHECK(q.substr(s.start, s.end - s.start) == s.text);
  CHECK(u.text == "casualties");
}

TEST_CASE("claims never split a quoted phrase or leave an operator dangling", "[understanding]") {
  auto quoted = understood("\"protest in March 2022\" Kyiv");
  CHECK(quoted.text == "\"protest in March 2022\"");
  CHECK(quoted.from.empty());
  CHECK(spans_of(quoted) == std::vector<std::string>{"text:\"protest in March 2022\"", "place:Kyiv"});

  auto excluded = understood("kyiv -russia");
  CHECK(excluded.text == "kyiv -russia");
  CHECK(excluded.places.empty());
  CHECK(spans_of(excluded).back() == "text:-russia");

  // "near Kyiv" is a filter, not a bare name: it is claimed and -russia stays an exclusion.
  auto near = understood("near Kyiv -russia in May 2022");
  CHECK(near.text == "-russia");
  REQUIRE(near.places.size() == 1);
  CHECK(near.from == "2022-05-01");
  CHECK(spans_of(near) == std::vector<std::string>{"place:near Kyiv", "text:-russia", "date:in May 2022"});

  // A place inside quotes or under '-' is text.
  CHECK(understood("\"near Kyiv\" shelling").places.empty());
  CHECK(understood("shelling -Kyiv").places.empty());
}

TEST_CASE("places and sources claim whole spans of the same stream", "[understanding]") {
  auto texas = understood("Paris, Texas floods");
  REQUIRE(texas.places.size() == 1);
  CHECK(texas.places[0].id == 4717560);
  CHECK(spans_of(texas) == std::vector<std::string>{"place:Paris, Texas", "text:floods"});

  // "from Al Jazeera" is a source only when such a source is indexed.
  CHECK(understood("shelling from Al Jazeera", {"Al Jazeera"}).sources == std::vector<std::string>{"Al Jazeera"});
  auto unknown = understood("shelling from Al Jazeera", {"BBC"});
  CHECK(unknown.sources.empty());
  CHECK(unknown.text == "shelling from Al Jazeera");
  // An outlet indexed by its domain is named the way people say it (query_understanding.h's
  // outlet_key); in lower case only where the name is no everyday word.
  const std::vector<std::string> domains{"aljazeera.com", "bbc.co.uk", "reuters.com", "rt.com",
                                         "en.news-front.info", "time.com", "independent.co.uk"};
  CHECK(newsq::query::outlet_key("en.news-front.info") == "newsfront");
  CHECK(newsq::query::outlet_key("The Guardian") == "guardian");
  auto sources_of = [&](const std::string& q) { return understood(q, domains).sources; };
  CHECK(sources_of("shelling from Al Jazeera") == std::vector<std::string>{"aljazeera.com"});
  CHECK(sources_of("from the BBC in March") == std::vector<std::string>{"bbc.co.uk"});
  CHECK(sources_of("shelling from reuters") == std::vector<std::string>{"reuters.com"});
  CHECK(sources_of("from RT") == std::vector<std::string>{"rt.com"});
  CHECK(sources_of("from News Front") == std::vector<std::string>{"en.news-front.info"});
  CHECK(sources_of("from Reuters, in March") == std::vector<std::string>{"reuters.com"});
  CHECK(sources_of("from rt").empty());                         // Two letters in lower case: a word.
  CHECK(sources_of("shelling from time to time").empty());      // time.com: an everyday word.
  CHECK(sources_of("escaped from independent media").empty());  // independent.co.uk likewise.
  CHECK(sources_of("refugees from Mariupol").empty());
  auto reuters = understood("casualties from Reuters", domains);
  CHECK(reuters.text == "casualties");
  CHECK(spans_of(reuters) == std::vector<std::string>{"text:casualties", "source:from Reuters"});
  auto field = understood("source:\"Al Jazeera\" shelling");
  CHECK(field.sources == std::vector<std::string>{"Al Jazeera"});
  CHECK(spans_of(field) == std::vector<std::string>{"source:source:\"Al Jazeera\"", "text:shelling"});
}

TEST_CASE("explain --json carries the spans", "[understanding][cli]") {
  auto r = newsq::test::run_cli({"explain", "--json", "--now", "2022-03-21", "casualties in March 2022"});
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["spans"].size() == 2);
  CHECK(j["spans"][0] == nlohmann::json({{"start", 0}, {"end", 10}, {"text", "casualties"}, {"as", "text"}}));
  CHECK(j["spans"][1] == nlohmann::json({{"start", 11}, {"end", 24}, {"text", "in March 2022"}, {"as", "date"}}));
  auto plain = newsq::test::run_cli({"explain", "--now", "2022-03-21", "casualties in March 2022"});
  CHECK(plain.out.find("spans     \"in March 2022\" -> date") != std::string::npos);
}
