// tests/query_builder_test.cc: free query text -> Xapian query (stems, phrases, operators).
#include <catch2/catch.hpp>

#include "engine/index/schema.h"
#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/place_extractor.h"
#include "newsq/error.h"
#include "newsq/searcher.h"
#include "query/collect/date_histogram.h"
#include "query/understand/query_builder.h"
#include "query/collect/snippet.h"
#include "engine/index/stored_article.h"
#include "tests/test_support.h"

#include <nlohmann/json.hpp>

using newsq::analysis::TextAnalyzer;

TEST_CASE("query text becomes stems, phrases and boolean structure", "[query]") {
  newsq::query::QueryBuilder builder;
  auto q = builder.build("Shelling");
  CHECK(q.query.get_description() == "Query(Zshell)");
  CHECK(q.stems == std::set<std::string>{"shell"});

  CHECK(builder.build("kyiv shelling").query.get_description() == "Query((Zkyiv AND Zshell))");
  CHECK(builder.build("\"Kyiv's mayor\"").query.get_description() == "Query((kyiv PHRASE 2 mayor))");
  CHECK(builder.build("kyiv OR kharkiv").query.get_description() == "Query((Zkyiv OR Zkharkiv))");
  CHECK(builder.build("kyiv -kharkiv").query.get_description() == "Query((Zkyiv AND_NOT Zkharkiv))");
  CHECK(builder.build("kyiv NOT kharkiv").query.get_description() == "Query((Zkyiv AND_NOT Zkharkiv))");
  CHECK(builder.build("+kyiv AND shelling").query.get_description() == "Query((Zkyiv AND Zshell))");
  CHECK(builder.build("(kyiv OR kiev) shelling").query.get_description() == "Query(((Zkyiv OR Zkiev) AND Zshell))");
  CHECK(builder.build("covid-19").query.get_description() == "Query((covid PHRASE 2 19))");
  CHECK(builder.build("Kyiv - Mariupol").query.get_description() == "Query((Zkyiv AND Zmariupol))");
  CHECK(builder.build("-kharkiv").query.get_description() == "Query((<alldocuments> AND_NOT Zkharkiv))");
  CHECK(builder.build("  ... ").empty());
  CHECK_THROWS_AS(builder.build("(kyiv"), newsq::QueryError);
  CHECK_THROWS_AS(builder.build("kyiv)"), newsq::QueryError);
}
