// query/collect/boolean_walk.h: the documents a simple boolean query matches, in document id
// order, walked straight over Xapian's posting lists without Xapian's matcher.
//
// A counting pass needs only the ids of the matches, and for a query of terms joined by OR, AND,
// AND_NOT and FILTER (with SYNONYM, AND_MAYBE and SCALE_WEIGHT, whose matches are those of terms
// and of their left side) the matcher's own work per match costs more than reading the postings:
// "ukraine" at 100k articles, 55,958 matches of two terms, took 2.56 ms through an Enquire and
// 1.08 ms as a merge of the two posting lists. Anything else (phrases, value ranges, posting
// sources, wildcards) is not walked here: make_boolean_walk() says so, and the caller counts with
// an Enquire.
#pragma once

#include <xapian.h>

#include <memory>

namespace newsq::query {

class BooleanWalk {
 public:
  virtual ~BooleanWalk() = default;
  // The first match after the last one returned (the first match at all on the first call); 0
  // when there are no more.
  virtual Xapian::docid next() = 0;
  // The first match at or after `id` (which must be above the last one returned); 0 when none.
  virtual Xapian::docid skip_to(Xapian::docid id) = 0;
};

// A walk over the matches of `query` on `db` (a local database), or null when the query has an
// operator or leaf this does not walk. The database must outlive the walk.
std::unique_ptr<BooleanWalk> make_boolean_walk(const Xapian::Database& db, const Xapian::Query& query);

}  // namespace newsq::query
