// query/understand/place_lookup.cc: gazetteer-backed place names for query understanding.
#include "query/understand/place_lookup.h"

#include <memory>
#include <string>
#include <unordered_map>

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

}  // namespace

PlaceLookup gazetteer_lookup(const places::Gazetteer& gazetteer, analysis::TextAnalyzer& analyzer) {
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
  return [&gazetteer, key_of](std::string_view words, PlaceMatch& out) {
    places::Place p;
    bool qualified = false;
    if (!places::resolve_name(gazetteer, words, key_of, p, &qualified)) return false;
    const auto comma = words.find(',');
    if (comma != std::string_view::npos && !qualified) return false;  // "Kyiv, Kharkiv": two names.
    out.id = p.id;
    out.name = std::string(p.name);
    out.notable = notable(p);
    out.common_word = places::lexicon::common_word(key_of(words.substr(0, comma)));
    return true;
  };
}

}  // namespace newsq::query
