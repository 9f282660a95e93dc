// tests/fuzz/understanding_fuzz.cc: feeds arbitrary text as a one-line query to understand_query
// (query/understand/query_understanding.cc, and through it date_expression.cc and place_words.cc), as
// newsq::understand and Searcher::understand call it: a fixed "now" (2022-06-15), a few known
// sources, the built-in thesaurus, and a PlaceLookup over a handful of names (Kyiv, Kharkiv, Paris,
// Paris, Texas, Ukraine, the Black Sea, Nice as an everyday word). QueryError is expected; anything
// else is a finding. -max_len 256 in .ci/fuzz: a query is one line, and the understanding does work
// quadratic in its words (every run of words is tried as a name), so longer inputs only make slow
// units, not new paths. Dictionary: tests/fuzz/query.dict.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/index/schema.h"
#include "newsq/error.h"
#include "query/understand/query_understanding.h"
#include "query/understand/thesaurus.h"

namespace {

struct KnownPlace {
  std::string_view words;  // As typed, compared without regard to ASCII case.
  std::uint64_t id;
  bool notable, common_word;
};

constexpr KnownPlace kPlaces[] = {
    {"kyiv", 703448, true, false},      {"kiev", 703448, true, false},           {"kharkiv", 706483, true, false},
    {"paris", 2988507, true, false},    {"paris, texas", 4717560, false, false}, {"ukraine", 690791, true, false},
    {"black sea", 630673, true, false}, {"nice", 2990440, false, true},
};

bool same_words(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x >= 'A' && x <= 'Z' ? x - 'A' + 'a' : x) == y;
         });
}

bool lookup(std::string_view words, newsq::query::PlaceMatch& out) {
  for (const KnownPlace& p : kPlaces)
    if (same_words(words, p.words)) {
      out.id = p.id;
      out.name = std::string(p.words);
      out.notable = p.notable;
      out.common_word = p.common_word;
      return true;
    }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const long now = newsq::schema::day_number("2022-06-15");
  static const std::vector<std::string> sources = {"Al Jazeera", "BBC", "guardian", "HuffPost"};
  static const newsq::query::PlaceLookup places = lookup;
  static newsq::query::QueryBuilder* builder = [] {
    auto* b = new newsq::query::QueryBuilder();
    b->set_thesaurus(&newsq::query::Thesaurus::builtin());
    return b;
  }();
  try {
    auto understood = newsq::query::understand_query(std::string_view(reinterpret_cast<const char*>(data), size), now,
                                                     sources, *builder, places);
    (void)understood;
  } catch (const newsq::QueryError&) {}
  return 0;
}
