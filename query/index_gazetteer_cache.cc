// query/index_gazetteer_cache.cc: loading the gazetteer an index records, and resolving place
// names in it (query/index_gazetteer_cache.h).
#include "query/index_gazetteer_cache.h"

#include "engine/index/index_gazetteer.h"
#include "engine/index/place_name_table.h"
#include "indexer/places/place_resolver.h"
#include "newsq/error.h"

namespace newsq::query {

const places::Gazetteer* IndexGazetteerCache::get() {
  // The record can only change with a commit: read it once per revision (reading metadata is
  // a B-tree lookup, and this is asked several times per search).
  const auto now = index_.revision();
  if (now == checked_at_) return gazetteer_.get();
  checked_at_ = now;
  GazetteerBinding binding = read_gazetteer_binding(index_.db());
  // A cluster's shards each have a table, and metadata is read from the first shard only.
  const bool table = !index_.is_cluster() && places::place_names_match(index_.db(), binding.checksum);
  if (binding_ && binding == *binding_) {
    if (gazetteer_ && table != names_->reads_table()) names_.emplace(*gazetteer_, table ? &index_.db() : nullptr);
    return gazetteer_.get();
  }
  binding_ = std::move(binding);
  names_.reset();
  IndexGazetteer loaded = load_index_gazetteer(index_.dir(), *binding_);
  gazetteer_ = std::move(loaded.gazetteer);
  error_ = std::move(loaded.error);
  if (gazetteer_) names_.emplace(*gazetteer_, table ? &index_.db() : nullptr);
  return gazetteer_.get();
}

places::Place IndexGazetteerCache::resolve(const std::string& name, const char* flag,
                                           analysis::TextAnalyzer& analyzer) {
  const places::Gazetteer* g = get();
  if (!g) throw QueryError(std::string(flag) + ": " + error_);
  places::Place p;
  if (!places::resolve_name(*g, name, analyzer, p))
    throw QueryError(std::string(flag) + ": unknown place '" + name + "'");
  return p;
}

}  // namespace newsq::query
