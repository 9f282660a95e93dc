// tests/json_text_test.cc: the JSON writer of search answers (cli/json_text.h) against
// nlohmann::json, which it replaces on that path: the same text for the same strings (random bytes
// included), numbers that read back exactly, and whole answers that nlohmann reads and writes back
// byte for byte (so their keys are in its order).
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "cli/json_output.h"
#include "cli/json_text.h"
#include "tests/test_support.h"

namespace {

std::string nlohmann_text(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

std::string ours(std::string_view s) {
  std::string out;
  newsq::cli::append_json_string(out, s);
  return out;
}

}  // namespace

TEST_CASE("strings are escaped as nlohmann escapes them, invalid UTF-8 included", "[json]") {
  const std::vector<std::string> written = {
      "",
      "plain ascii",
      "quote \" backslash \\ slash /",
      "controls \x01\x02\x1f\b\f\n\r\t and DEL \x7f",
      std::string("nul \0 inside", 12),
      "Київ, Kyiv, Kraków, 東京, emoji \xF0\x9F\x98\x80",
      "truncated at the end \xD0",
      "truncated four \xF0\x9F\x98",
      "lone continuation \x80 and \xBF",
      "overlong \xC0\xAF and \xE0\x80\xAF",
      "surrogate \xED\xA0\x80 half",
      "above U+10FFFF \xF4\x90\x80\x80 and \xF5\x80",
      "broken then ascii \xE2\x82x",
      "broken then lead \xE2\x82\xE2\x82\xAC",
      "\xFF\xFE",
  };
  for (const auto& s : written) {
    INFO(s);
    CHECK(ours(s) == nlohmann_text(s));
  }

  // Random bytes, weighted towards what breaks decoders: lead bytes, continuations, controls.
  std::mt19937 rng(20261207);
  const std::vector<unsigned char> interesting = {0x00, 0x01, 0x1F, '"', '\\', 'a', ' ', 0x7F, 0x80, 0x8F, 0x90,
                                                  0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEF,
                                                  0xF0, 0xF1, 0xF4, 0xF5, 0xFF};
  std::uniform_int_distribution<std::size_t> length(0, 24), pick(0, interesting.size() - 1);
  std::uniform_int_distribution<int> any_byte(0, 255), coin(0, 1);
  for (int n = 0; n < 20000; ++n) {
    std::string s(length(rng), ' ');
    for (char& c : s) c = static_cast<char>(coin(rng) ? interesting[pick(rng)] : any_byte(rng));
    INFO("case " << n);
    REQUIRE(ours(s) == nlohmann_text(s));
  }
}

TEST_CASE("numbers read back exactly, whole doubles keep their .0, non-finite ones are null", "[json]") {
  const std::vector<double> doubles = {0.0,      -0.0,   48.0,    -48.0,        50.4501,   30.5234, 2.847594,
                                       2.848036, 1e-5,   0.0001,  123456.789,   1e15,      1e16,    1e300,
                                       5e-324,   0.1 + 0.2, -179.99999, std::numeric_limits<double>::max()};
  for (double d : doubles) {
    newsq::cli::JsonText out;
    out.value(d);
    INFO(out.text());
    const nlohmann::json back = nlohmann::json::parse(out.text());
    REQUIRE(back.is_number_float());
    CHECK(back.get<double>() == d);
    CHECK(std::signbit(back.get<double>()) == std::signbit(d));
  }
  // The ones a search answer holds (coordinates, scores, distances) are written as nlohmann does.
  for (double d : {0.0, 48.0, 50.4501, 30.5234, 2.847594, 36.2, -73.935242, 1e-5, 0.0001}) {
    newsq::cli::JsonText out;
    out.value(d);
    CHECK(out.text() == nlohmann_text(d));
  }
  for (double d : {std::nan(""), std::numeric_limits<double>::infinity()}) {
    newsq::cli::JsonText out;
    out.value(d);
    CHECK(out.text() == "null");
  }
  newsq::cli::JsonText n;
  n.begin_array().value(std::uint64_t{0}).value(std::numeric_limits<std::uint64_t>::max()).value(true).value(false).end_array();
  CHECK(n.text() == nlohmann_text(nlohmann::json::array({0u, std::numeric_limits<std::uint64_t>::max(), true, false})));
}

TEST_CASE("a search answer with every optional field is the text nlohmann would write", "[json]") {
  newsq::SearchResults r;
  r.total = 1234;
  r.date_granularity = "month";
  r.suggestion = "kyiv shelling";
  r.partial = true;
  r.missing_shards = {"127.0.0.1:9001", "shard-2"};
  newsq::Hit h;
  h.id = "a-1";
  h.date = "2022-03-21";
  h.source = "example.org";
  h.title = "Shelling \"near\" Kyiv";
  h.url = "https://example.org/a?b=1&c=2";
  h.snippet = std::string("the \x01shelling\x02 of <Kyiv> & more");
  h.score = 2.847594;
  h.similar_ids = {"a-2", "a-3"};
  h.distance_km = 12.5;
  newsq::HitPlace kyiv;
  kyiv.id = 703448;
  kyiv.name = "Kyiv";
  kyiv.level = "city";
  kyiv.has_coordinates = true;
  kyiv.lat = 50.45466;
  kyiv.lon = 30.5238;
  kyiv.mentions = 3;
  newsq::HitPlace nowhere;
  nowhere.id = 4000000001u;
  nowhere.name = "Somewhere";
  nowhere.level = "region";
  h.places = {kyiv, nowhere};
  r.hits = {h, newsq::Hit{}};
  newsq::FacetValue city;
  city.value = "Kyiv";
  city.count = 40;
  city.id = 703448;
  city.level = "city";
  city.has_coordinates = true;
  city.lat = 50.45466;
  city.lon = 30.5238;
  city.country = "Ukraine";
  city.region = "City of Kyiv";
  newsq::FacetValue country = city;
  country.value = "Ukraine";
  country.level = "country";
  country.country.clear();
  country.region.clear();
  country.has_coordinates = false;
  newsq::FacetValue source;
  source.value = "example.org";
  source.count = 7;
  r.facets["location"] = {city, country};
  r.facets["source"] = {source};
  r.facets["date"] = {};

  newsq::UnderstoodQuery u;
  u.text = "shelling";
  u.terms = {"shelling"};
  u.synonyms = {{"shelling", {"bombardment", "artillery"}}, {"attack", {}}};
  u.from = "2022-03-01";
  u.date_text = "in March 2022";
  u.sources = {"BBC"};
  u.date_not_understood = "from the 3rd to the";
  newsq::UnderstoodPlace near;
  near.id = 703448;
  near.name = "Kyiv";
  near.text = "near Kiev";
  near.mode = newsq::UnderstoodPlace::Mode::near;
  near.radius_km = 50;
  newsq::UnderstoodPlace prefer = near;
  prefer.mode = newsq::UnderstoodPlace::Mode::prefer;
  prefer.radius_km = 0;
  u.places = {near, prefer};
  u.spans = {{0, 8, "shelling", "text"}, {9, 18, "near Kiev", "place"}};

  const std::string text = newsq::cli::search_json(r, u);
  const nlohmann::json j = nlohmann::json::parse(text);
  CHECK(nlohmann_text(j) == text);  // Same keys in the same order, same escaping and numbers.

  CHECK(j["total"] == 1234);
  CHECK(j["partial"] == true);
  CHECK(j["missing_shards"] == nlohmann::json({"127.0.0.1:9001", "shard-2"}));
  CHECK(j["suggestion"] == "kyiv shelling");
  CHECK(j["date_granularity"] == "month");
  const auto& hit = j["hits"][0];
  CHECK(hit["snippet"] == "the <b>shelling</b> of &lt;Kyiv&gt; &amp; more");
  CHECK(hit["title"] == "Shelling \"near\" Kyiv");
  CHECK(hit["distance_km"] == 12.5);
  CHECK(hit["similar"] == nlohmann::json({"a-2", "a-3"}));
  CHECK(hit["places"][0]["lat"] == 50.45466);
  CHECK(hit["places"][0]["count"] == 3);
  CHECK_FALSE(hit["places"][1].contains("lat"));
  CHECK(hit["places"][1]["id"] == 4000000001u);
  CHECK_FALSE(j["hits"][1].contains("distance_km"));  // -1: not a near search.
  CHECK(j["facets"]["location"][0]["region"] == "City of Kyiv");
  CHECK_FALSE(j["facets"]["location"][1].contains("country"));
  CHECK_FALSE(j["facets"]["location"][1].contains("lat"));
  CHECK(j["facets"]["source"][0] == nlohmann::json({{"value", "example.org"}, {"count", 7}}));
  CHECK(j["facets"]["date"] == nlohmann::json::array());
  CHECK(j["query"] == j["understood"]);
  const auto& q = j["understood"];
  CHECK(q["date"] == nlohmann::json({{"from", "2022-03-01"}}));
  CHECK(q["date_not_understood"] == "from the 3rd to the");
  CHECK(q["places"][0]["radius_km"] == 50.0);
  CHECK_FALSE(q["places"][1].contains("radius_km"));
  CHECK(q["places"][1]["mode"] == "prefer");
  CHECK(q["synonyms"]["attack"] == nlohmann::json::array());
  CHECK(q["spans"][1] == nlohmann::json({{"start", 9}, {"end", 18}, {"text", "near Kiev"}, {"as", "place"}}));

  // Nothing optional: no date, no suggestion, no partial.
  const std::string bare = newsq::cli::search_json(newsq::SearchResults{}, newsq::UnderstoodQuery{});
  const nlohmann::json b = nlohmann::json::parse(bare);
  CHECK(nlohmann_text(b) == bare);
  CHECK(b == nlohmann::json::parse(R"({"facets":{},"hits":[],"total":0,
      "query":{"places":[],"sources":[],"spans":[],"synonyms":{},"terms":[],"text":""},
      "understood":{"places":[],"sources":[],"spans":[],"synonyms":{},"terms":[],"text":""}})"));

  newsq::StoredArticle a;
  a.id = "a-1";
  a.text = "Body\nwith a line";
  a.places = {kyiv};
  const std::string article = newsq::cli::article_json(a);
  CHECK(nlohmann_text(nlohmann::json::parse(article)) == article);
  CHECK(nlohmann::json::parse(article)["places"][0]["name"] == "Kyiv");
}
