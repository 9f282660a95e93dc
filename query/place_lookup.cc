// query/place_lookup.cc: gazetteer-backed place names for query understanding.
#include "query/place_lookup.h"

#include "indexer/places/place_extractor.h"

namespace newsq::query {
namespace {

constexpr std::uint64_t kNotablePopulation = 500000;

bool notable(const places::Place& p) {
  return p.level != places::Level::city || p.feature == "P.PPLC" || p.feature == "P.PPLA" || p.population >= kNotablePopulation;
}

}  // namespace

PlaceLookup gazetteer_lookup(const places::Gazetteer& gazetteer, analysis::TextAnalyzer& analyzer) {
  return [&gazetteer, &analyzer](std::string_view words, PlaceMatch& out) {
    places::Place p;
    bool qualified = false;
    if (!places::PlaceExtractor::resolve(gazetteer, words, analyzer, p, &qualified)) return false;
    const auto comma = words.find(',');
    if (comma != std::string_view::npos && !qualified) return false;  // "Kyiv, Kharkiv": two names.
    out.id = p.id;
    out.name = std::string(p.name);
    out.notable = notable(p);
    out.common_word = places::PlaceExtractor::is_common_word(places::PlaceExtractor::name_key(words.substr(0, comma), analyzer));
    return true;
  };
}

}  // namespace newsq::query
