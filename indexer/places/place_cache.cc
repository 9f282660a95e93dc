// indexer/places/place_cache.cc: places by id and their names' keys, remembered.
#include "indexer/places/place_cache.h"

#include "indexer/places/name_key.h"

namespace newsq::places {

namespace {
constexpr std::size_t kMaxCached = 200000;
}

bool PlaceCache::find(std::uint32_t id, Place& out) {
  if (auto it = places_.find(id); it != places_.end()) {
    out = it->second;
    return it->second.id != 0;
  }
  if (places_.size() > kMaxCached) {
    places_.clear();
    primary_.clear();
  }
  Place p;
  const bool found = gazetteer_.find(id, p);
  places_.emplace(id, found ? p : Place{});
  out = p;
  return found;
}

const std::string& PlaceCache::primary_key(const Place& p) {
  auto [it, fresh] = primary_.try_emplace(p.id);
  if (fresh) it->second = name_key(p.name, analyzer());
  return it->second;
}

analysis::TextAnalyzer& PlaceCache::analyzer() {
  if (!analyzer_) analyzer_ = std::make_unique<analysis::TextAnalyzer>();
  return *analyzer_;
}

}  // namespace newsq::places
