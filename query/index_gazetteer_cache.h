// query/index_gazetteer_cache.h: the gazetteer an index records (engine/index/schema.h,
// kGazetteerKey and its checksum), loaded for searching on first need and again when the record
// changes, and place names (--place, --near, preferences, location facet selections) resolved in it.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "engine/index/index_gazetteer.h"
#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/gazetteer.h"
#include "query/collect/location_facet.h"
#include "query/index_view.h"

namespace newsq::query {

class IndexGazetteerCache {
 public:
  // `index` must outlive the cache.
  explicit IndexGazetteerCache(const IndexView& index) : index_(index) {}

  // The index's gazetteer, or null (with error() saying why): none recorded, the file is gone,
  // or it changed since indexing (its checksum differs), which would misname places. Throws
  // Xapian errors.
  const places::Gazetteer* get();
  // The names of the places of the gazetteer get() last gave, for the location facet; null when
  // that was null.
  PlaceNames* names() { return names_ ? &*names_ : nullptr; }
  const std::string& error() const { return error_; }

  // The place `name` means (a name or a gazetteer id). Throws QueryError starting with `flag`
  // when the index has no usable gazetteer or it knows no such place.
  places::Place resolve(const std::string& name, const char* flag, analysis::TextAnalyzer& analyzer);

 private:
  const IndexView& index_;
  std::shared_ptr<const places::Gazetteer> gazetteer_;
  std::optional<PlaceNames> names_;                // Of `gazetteer_`.
  std::optional<GazetteerBinding> binding_;        // What it was loaded for; none before the first.
  std::string error_;                              // Why there is none, for place queries.
  std::optional<IndexView::Revision> checked_at_;  // Generation and revision checked.
};

}  // namespace newsq::query
