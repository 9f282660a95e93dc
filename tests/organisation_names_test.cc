// tests/organisation_names_test.cc: finding a place name inside an organisation's name
// (indexer/places/organisation_names.h), on a list and texts written here, and the built-in list.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/organisation_names.h"
#include "indexer/places/organisations_builtin.h"

using newsq::analysis::TextAnalyzer;
using newsq::places::OrganisationNames;

namespace {

// Whether the words [first, first + count) of `text` lie inside one of `names`.
bool covered(const OrganisationNames& names, TextAnalyzer& analyzer, const char* text, std::size_t first,
             std::size_t count) {
  const auto tokens = analyzer.analyze(text);
  return names.covers(tokens, first, first + count);
}

}  // namespace

TEST_CASE("a place name inside a listed organisation's name is covered, in any case and spelling", "[places]") {
  TextAnalyzer analyzer;
  const OrganisationNames names("# teams\nReal Madrid\n\nParis Saint-Germain\nKurdistan Workers' Party\n");
  CHECK(covered(names, analyzer, "Real Madrid won", 1, 1));                   // "Madrid"
  CHECK(covered(names, analyzer, "fans of REAL MADRID cheered", 3, 1));       // in capitals
  CHECK(covered(names, analyzer, "Paris Saint-Germain signed him", 0, 1));    // "Paris", before a hyphenated name
  CHECK(covered(names, analyzer, "the Kurdistan Workers Party said", 1, 1));  // without the apostrophe
  CHECK_FALSE(covered(names, analyzer, "Real fans in Madrid", 3, 1));         // not one run of words
  CHECK_FALSE(covered(names, analyzer, "Madrid Real estate", 0, 1));          // the words in another order
  CHECK_FALSE(covered(names, analyzer, "Paris in spring", 0, 1));
  CHECK_FALSE(covered(names, analyzer, "# teams", 0, 1));  // Comment lines name nothing.
}

TEST_CASE("the built-in organisation list is written in ASCII letters, as its reader needs", "[places]") {
  // OrganisationNames folds ASCII only; a name with diacritics would never meet the analyser's terms.
  const std::string_view list = newsq::places::kBuiltinOrganisations;
  const auto other = std::find_if(list.begin(), list.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  INFO("first byte outside ASCII at offset " << (other - list.begin()));
  CHECK(other == list.end());
  CHECK(list.find("Real Madrid") != std::string_view::npos);
}

TEST_CASE("the built-in organisation list covers the names it lists", "[places]") {
  TextAnalyzer analyzer;
  const OrganisationNames& names = OrganisationNames::builtin();
  CHECK(covered(names, analyzer, "Officials told Agence France-Presse", 3, 1));
  CHECK(covered(names, analyzer, "Voice of America reported", 2, 1));
  CHECK(covered(names, analyzer, "Dynamo Kyiv beat Shakhtar Donetsk", 1, 1));
  CHECK(covered(names, analyzer, "Dynamo Kyiv beat Shakhtar Donetsk", 4, 1));
  CHECK_FALSE(covered(names, analyzer, "Shelling in Kyiv and Donetsk", 2, 1));
}

TEST_CASE("a place name inside an organisation's name is found in a query's bytes without ICU", "[places]") {
  TextAnalyzer analyzer;
  const OrganisationNames names("Real Madrid\nBallon d'Or\nKurdistan Workers' Party\n");
  const std::string q = "Real Madrid's win, the Ballon d'Or, and the KURDISTAN WORKERS PARTY in Madrid";
  auto at = [&](const char* word, std::size_t from = 0) {
    const std::size_t b = q.find(word, from);
    return std::pair{b, b + std::strlen(word)};
  };
  const auto [madrid_b, madrid_e] = at("Madrid's");
  CHECK(names.covers_text(q, madrid_b, madrid_e - 2));  // The possessive's "s" aside.
  const auto [ballon_b, ballon_e] = at("Ballon");
  CHECK(names.covers_text(q, ballon_b, ballon_e));
  const auto [kurd_b, kurd_e] = at("KURDISTAN");
  CHECK(names.covers_text(q, kurd_b, kurd_e));
  const auto [last_b, last_e] = at("Madrid", madrid_e);
  CHECK_FALSE(names.covers_text(q, last_b, last_e));  // "in Madrid": the city.
}
