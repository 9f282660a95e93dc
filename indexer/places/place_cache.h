// indexer/places/place_cache.h: the extractor's places at hand. The gazetteer's lookup by id is a
// binary search over every place, a cache miss per step, and an article's candidates recur across
// articles ("Washington" has 36): looked-up places and their own names' keys are kept here.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/gazetteer.h"

namespace newsq::places {

// Not thread-safe. The gazetteer must outlive it.
class PlaceCache {
 public:
  explicit PlaceCache(const Gazetteer& gazetteer) : gazetteer_(gazetteer) {}

  const Gazetteer& gazetteer() const { return gazetteer_; }
  // Gazetteer::find, remembered (misses too). Memory stays bounded on huge, varied archives.
  bool find(std::uint32_t id, Place& out);
  // The key of the place's own name: a match by any other name ("Stalin" for Donetsk, "Tape"
  // for Szeged) needs more evidence. Valid until the next find().
  const std::string& primary_key(const Place& p);
  // An analyser for words the extractor analyses again (glued words, romanised words, names);
  // made when first needed.
  analysis::TextAnalyzer& analyzer();

 private:
  const Gazetteer& gazetteer_;
  std::unordered_map<std::uint32_t, Place> places_;
  std::unordered_map<std::uint32_t, std::string> primary_;
  std::unique_ptr<analysis::TextAnalyzer> analyzer_;
};

}  // namespace newsq::places
