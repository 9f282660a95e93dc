// query/index_gazetteer_cache.cc: loading the gazetteer an index records, and resolving place
// names in it (query/index_gazetteer_cache.h).
#include "query/index_gazetteer_cache.h"

#include "engine/index/schema.h"
#include "indexer/places/place_extractor.h"
#include "newsq/error.h"

namespace newsq::query {

const places::Gazetteer* IndexGazetteerCache::get() {
  // The record can only change with a commit: read it once per revision (reading metadata is
  // a B-tree lookup, and this is asked several times per search).
  const auto now = index_.revision();
  if (now == checked_at_) return gazetteer_.get();
  checked_at_ = now;
  const Xapian::Database& db = index_.db();
  const std::string path = db.get_metadata(schema::kGazetteerKey);
  const std::string checksum = db.get_metadata(schema::kGazetteerChecksumKey);
  if (path + "\n" + checksum == record_) return gazetteer_.get();
  record_ = path + "\n" + checksum;
  names_.reset();
  gazetteer_.reset();
  error_.clear();
  const std::string& dir = index_.dir();
  if (path.empty()) {
    error_ = dir + ": this index has no places: index it with --gazetteer FILE (see 'newsq gazetteer build')";
    return nullptr;
  }
  try {
    auto loaded = places::Gazetteer::load(path);
    if (loaded->checksum() != checksum) {
      error_ = dir + ": the gazetteer " + path + " changed since the index was built: reindex with it";
      return nullptr;
    }
    gazetteer_ = std::move(loaded);
    names_.emplace(*gazetteer_);
  } catch (const Error& e) {
    error_ = dir + ": the index's gazetteer cannot be loaded: " + e.what();
  }
  return gazetteer_.get();
}

places::Place IndexGazetteerCache::resolve(const std::string& name, const char* flag, analysis::TextAnalyzer& analyzer) {
  const places::Gazetteer* g = get();
  if (!g) throw QueryError(std::string(flag) + ": " + error_);
  places::Place p;
  if (!places::PlaceExtractor::resolve(*g, name, analyzer, p))
    throw QueryError(std::string(flag) + ": unknown place '" + name + "'");
  return p;
}

}  // namespace newsq::query
