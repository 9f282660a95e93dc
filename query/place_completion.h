// query/place_completion.h: place names by prefix, for a search box's completion
// (Searcher::place_names): every primary name of the index's gazetteer keyed as the gazetteer
// keys names (places/name_key.h), sorted, and the places found ranked by how many articles of the
// index mention them (their "XP" place term's frequency, engine/index/place_terms.h).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/gazetteer.h"
#include "newsq/searcher.h"

namespace newsq::query {

class PlaceCompletion {
 public:
  // Keys every place of `gazetteer`, which must outlive this (a few hundred milliseconds for
  // GeoNames' cities500, once per gazetteer).
  PlaceCompletion(const places::Gazetteer& gazetteer, analysis::TextAnalyzer& analyzer);
  const places::Gazetteer& gazetteer() const { return gazetteer_; }

  // At most `limit` places whose key starts with the key of `prefix`, most mentioned in `db` first
  // (then more populous, then by name); places no article mentions are left out.
  std::vector<PlaceSuggestion> suggest(const Xapian::Database& db, std::string_view prefix, std::uint32_t limit,
                                       analysis::TextAnalyzer& analyzer) const;

 private:
  const places::Gazetteer& gazetteer_;
  std::vector<std::pair<std::string, std::uint32_t>> keys_;  // (name key, id), sorted.
};

}  // namespace newsq::query
