// tests/query_builder_test.cc: free query text -> Xapian query (stems, phrases, operators).
#include <catch2/catch.hpp>

#include "engine/index/schema.h"
#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/place_extractor.h"
#include "newsq/error.h"
#include "newsq/index_writer.h"
#include "newsq/searcher.h"
#include "query/collect/date_histogram.h"
#include "query/understand/query_builder.h"
#include "query/understand/thesaurus.h"
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

// Function words (query/understand/stopwords.h) are not required beside other words: "the
// refugees" asks what "refugees" asks, and words left around an understood place ("refugees and")
// require nothing more.
TEST_CASE("function words are required only when there is nothing else", "[query]") {
  newsq::query::QueryBuilder builder;
  const std::string refugees = builder.build("refugees").query.get_description();
  CHECK(refugees == "Query(Zrefuge)");
  for (const char* text : {"the refugees", "refugees and", "refugees in", "The refugees, from", "what about the refugees"}) {
    INFO(text);
    CHECK(builder.build(text).query.get_description() == refugees);
    CHECK(builder.build(text).terms == std::vector<std::string>{"refugees"});
  }
  // Kept: forced, in a phrase, in capitals (a name), joined by OR, or all there is.
  CHECK(builder.build("+the refugees").query.get_description() == "Query((Zthe AND Zrefuge))");
  CHECK(builder.build("\"the refugees\"").query.get_description() == "Query((the PHRASE 2 refugees))");
  CHECK(builder.build("US sanctions").query.get_description() == "Query((Zus AND Zsanction))");
  CHECK(builder.build("the OR a").query.get_description() == "Query((Zthe OR Za))");
  CHECK(builder.build("the").query.get_description() == "Query(Zthe)");
  CHECK(builder.build("to be").query.get_description() == "Query((Zto AND Zbe))");
  // Meaning-bearing words stay: "not", "no", "against", "who".
  CHECK(builder.build("not guilty").query.get_description() == "Query((Znot AND Zguilti))");
  CHECK(builder.build("who").query.get_description() == "Query(Zwho)");
  // An excluded function word is still excluded; inside parentheses the same rule holds.
  CHECK(builder.build("refugees -the").query.get_description() == "Query((Zrefuge AND_NOT Zthe))");
  CHECK(builder.build("(the refugees) kyiv").query.get_description() == "Query((Zrefuge AND Zkyiv))");
}

// Over an index: an article without "the" is found by "the refugees".
TEST_CASE("a function word in the query does not drop articles without it", "[query]") {
  newsq::test::TempDir dir;
  {
    newsq::IndexWriter writer(dir.str("db"));
    writer.add({"a1", "2022-03-01", "Test", "", "", "Refugees cross into Poland.", "en"});
    writer.add({"a2", "2022-03-02", "Test", "", "", "The refugees reach Przemysl by train.", "en"});
    writer.commit();
  }
  newsq::Searcher searcher(dir.str("db"));
  auto total = [&](const std::string& q) {
    newsq::SearchRequest r;
    r.query = q;
    r.use_thesaurus = false;
    return searcher.search(r).total;
  };
  CHECK(total("refugees") == 2);
  CHECK(total("the refugees") == 2);
  CHECK(total("refugees and") == 2);
  CHECK(total("+the refugees") == 1);
}

TEST_CASE("a synonym that stems as the word or another alternative is sought once", "[query]") {
  // "shelled" and "shelling" are both Zshell: twice in the group, each occurrence of "shell" would
  // count twice in the group's wdf, and its posting list would be read twice.
  const auto thesaurus =
      newsq::query::Thesaurus::parse("shelling: shelled, bombardment, shells, bombardments\n", "t.txt");
  newsq::query::QueryBuilder builder;
  builder.set_thesaurus(&thesaurus);
  const auto q = builder.build("shelling");
  CHECK(q.query.get_description() == "Query((Zshell SYNONYM Zbombard))");
  // explain still lists every alternative the thesaurus gave.
  CHECK(q.synonyms.at("shelling") == std::vector<std::string>{"shelled", "bombardment", "shells", "bombardments"});
}
