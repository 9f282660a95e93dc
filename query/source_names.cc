// query/source_names.cc: an index's source names from its source terms (query/source_names.h).
#include "query/source_names.h"

#include "engine/index/schema.h"

namespace newsq::query {

const std::vector<std::string>& SourceNames::of(const Xapian::Database& db) {
  std::pair<Xapian::docid, Xapian::doccount> now{db.get_lastdocid(), db.get_doccount()};
  if (now == of_ && !names_.empty()) return names_;
  // A few B-tree lookups per source instead of a pass over every document.
  names_.clear();
  const std::string prefix(schema::kSourcePrefix);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    Xapian::PostingIterator first = db.postlist_begin(*t);
    if (first == db.postlist_end(*t)) continue;
    std::string name = db.get_document(*first, Xapian::DOC_ASSUME_VALID).get_value(schema::kSourceSlot);
    if (!name.empty()) names_.push_back(std::move(name));
  }
  of_ = now;
  return names_;
}

}  // namespace newsq::query
