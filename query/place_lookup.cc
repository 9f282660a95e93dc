// query/place_lookup.cc: gazetteer-backed place names for query understanding.
#include "query/place_lookup.h"

#include "indexer/places/place_extractor.h"

namespace newsq::query {
namespace {

constexpr std::uint64_t kNotablePopulation = 500000;

std::string key_of(std::string_view text, analysis::TextAnalyzer& analyzer) {
  std::string key;
  for (const auto& t : analyzer.analyze(text)) key += (key.empty() ? "" : " ") + t.term;
  return key;
}

bool notable(const places::Place& p) {
  return p.level != places::Level::city || p.feature == "P.PPLC" || p.feature == "P.PPLA" || p.population >= kNotablePopulation;
}

}  // namespace

PlaceLookup gazetteer_lookup(const places::Gazetteer& gazetteer, analysis::TextAnalyzer& analyzer) {
  return [&gazetteer, &analyzer](std::string_view words, PlaceMatch& out) {
    places::Place p;
    if (!places::PlaceExtractor::resolve(gazetteer, words, analyzer, p)) return false;
    std::string_view name = words;
    if (auto comma = words.find(','); comma != std::string_view::npos) {
      // Any place of the qualifier's name will do ("Texas" the region, not a town called Texas).
      bool qualifies = false;
      for (std::uint32_t id : gazetteer.lookup(key_of(words.substr(comma + 1), analyzer)))
        qualifies = qualifies || id == p.region || id == p.country;
      if (!qualifies) return false;
      name = words.substr(0, comma);
    }
    out.id = p.id;
    out.name = std::string(p.name);
    out.notable = notable(p);
    out.common_word = places::PlaceExtractor::is_common_word(key_of(name, analyzer));
    return true;
  };
}

}  // namespace newsq::query
