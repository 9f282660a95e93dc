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
    const std::string_view query(reinterpret_cast<const char*>(data), size);
    auto understood = newsq::query::understand_query(query, now, sources, *builder, places);
    // The spans' contract (newsq/understood_query.h): in order, apart, each the query's own bytes
    // (control bytes read as spaces), and one claimed span per date, place and source found.
    std::size_t previous_end = 0, dates = 0, places_claimed = 0, sources_claimed = 0;
    for (const auto& span : understood.spans) {
      if (span.start < previous_end || span.end <= span.start || span.end > query.size()) __builtin_trap();
      if (span.text.size() != span.end - span.start) __builtin_trap();
      for (std::size_t k = 0; k < span.text.size(); ++k) {
        const unsigned char c = static_cast<unsigned char>(query[span.start + k]);
        const char expected = c < 0x20 || c == 0x7f ? ' ' : static_cast<char>(c);
        if (span.text[k] != expected) __builtin_trap();
      }
      dates += span.as == "date";
      places_claimed += span.as == "place";
      sources_claimed += span.as == "source";
      previous_end = span.end;
    }
    if (dates != (understood.date_text.empty() ? 0u : 1u) || places_claimed != understood.places.size() ||
        sources_claimed != understood.sources.size())
      __builtin_trap();
  } catch (const newsq::QueryError&) {}
  return 0;
}
