// query/source_names.h: the names of an index's sources, for "from X" in understood queries,
// kept until the index changes.
#pragma once

#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

namespace newsq::query {

class SourceNames {
 public:
  // One name per source (source terms are case-folded), as written in the first article that has
  // it. Kept until `db` shows a new last document id or document count. Throws Xapian errors.
  const std::vector<std::string>& of(const Xapian::Database& db);

 private:
  std::vector<std::string> names_;
  std::pair<Xapian::docid, Xapian::doccount> of_{0, 0};
};

}  // namespace newsq::query
