// query/understand/place_lookup.cc: gazetteer-backed place names for query understanding.
#include "query/understand/place_lookup.h"

#include <memory>
#include <string>
#include <unordered_map>

#include "engine/common/edit_distance.h"
#include "indexer/places/name_key.h"
#include "indexer/places/place_lexicon.h"
#include "indexer/places/place_resolver.h"

namespace newsq::query {
namespace {

constexpr std::uint64_t kNotablePopulation = 500000;

bool notable(const places::Place& p) {
  return p.level != places::Level::city || p.feature == "P.PPLC" || p.feature == "P.PPLA" ||
         p.population >= kNotablePopulation;
}

// Whether `typed` is `name` (both name keys) or a spelling of it: at most two edits apart, over
// five letters or more, from the same first letter ("izyum" / "izium", "sievierodonetsk" /
// "severodonetsk"; not "hole" / "halen", "may" / "mayville").
bool close_spelling(std::string_view typed, std::string_view name) {
  if (typed == name) return true;
  if (typed.size() < 5 || name.size() < 5 || typed[0] != name[0]) return false;
  return common::edit_distance(typed, name) <= 2;
}

}  // namespace

PlaceLookup gazetteer_lookup(const places::Gazetteer& gazetteer, analysis::TextAnalyzer& analyzer,
                             std::function<bool(std::uint64_t id)> in_archive) {
  // Understanding tries each run of a query's words as a name, so the same words are keyed
  // many times. ICU never joins words across white space, so a phrase's key is its words' keys
  // joined, and each word is analysed once (the lookup is made for one query at a time).
  auto word_keys = std::make_shared<std::unordered_map<std::string, std::string>>();
  auto key_of = [word_keys, &analyzer](std::string_view text) {
    std::string key;
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    for (std::size_t i = 0; i < text.size();) {
      while (i < text.size() && is_space(text[i])) ++i;
      const std::size_t begin = i;
      while (i < text.size() && !is_space(text[i])) ++i;
      if (i == begin) break;
      const std::string word(text.substr(begin, i - begin));
      auto [it, added] = word_keys->try_emplace(word);
      if (added) it->second = places::name_key(word, analyzer);
      if (it->second.empty()) continue;
      if (!key.empty()) key += ' ';
      key += it->second;
    }
    return key;
  };
  return [&gazetteer, key_of, in_archive](std::string_view words, PlaceMatch& out) {
    places::Place p;
    bool qualified = false;
    if (!places::resolve_name(gazetteer, words, key_of, p, &qualified)) return false;
    const auto comma = words.find(',');
    if (comma != std::string_view::npos && !qualified) return false;  // "Kyiv, Kharkiv": two names.
    out.id = p.id;
    out.name = std::string(p.name);
    out.notable = notable(p);
    const std::string typed = key_of(words.substr(0, comma));
    out.common_word = places::lexicon::common_word(typed);
    out.own_spelling = close_spelling(typed, key_of(p.name));
    out.in_archive.reset();
    if (in_archive && !out.notable) out.in_archive = in_archive(p.id);
    return true;
  };
}

}  // namespace newsq::query
