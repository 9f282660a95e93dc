// query/request_query.h: a SearchRequest as Xapian queries: the text (query/understand/
// query_builder.h) lifted by preferred places, filtered by dates, sources, --place and --near,
// ranked by relevance (with an optional recency boost), date or distance; and the multi-select
// facet wiring: the main pass applies every drill-down selection and counts the facets without
// any, and each facet with selections is counted in a pass that ignores its own.
#pragma once

#include <xapian.h>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "indexer/places/gazetteer.h"
#include "newsq/searcher.h"
#include "query/understand/query_builder.h"

namespace newsq::query {

// The place a request names (`flag` says where, for the QueryError when there is none).
using ResolvePlace = std::function<places::Place(const std::string& name, const char* flag)>;

class RequestQuery {
 public:
  // Throws QueryError for a malformed request (validate(), the query text, dates, facets,
  // places). `db` is read for the weight of preferred places and the span of its days;
  // `date_terms`: every document of `db` has schema::kDatePrefix terms (schema::kDateTermsKey), so
  // date ranges are searched as those; `builder` makes the text queries.
  RequestQuery(const SearchRequest& request, const Xapian::Database& db, bool date_terms, QueryBuilder& builder,
               const ResolvePlace& resolve);

  // The words sought, with those of preferred places' names: for snippets, and empty when the
  // request has no text (only filters, places or facets).
  const TextQuery& text() const { return text_; }
  // The --near centre, or null without one.
  const places::Place* centre() const { return near_.empty() ? nullptr : &centre_; }

  // The main pass: every filter and selection, weighted for the order asked. `db`: the database
  // searched (the newest day, for the recency boost). `remote_safe`: some shard of `db` is remote,
  // so only Xapian's built-in posting sources may be used.
  Xapian::Query match_query(const Xapian::Database& db, bool remote_safe) const;
  // The main pass sorts by date, newest first (asked for, or nothing to rank by relevance).
  bool by_date() const { return by_date_; }

  // The articles match_query() matches, without its weights (no preferred places' or recency's
  // lift): for a pass that only counts them.
  Xapian::Query count_query() const { return narrowed(matched_, ""); }

  // The facets the main pass counts: those without selections (none if counting is off).
  std::set<std::string> main_pass_facets() const;
  // The other facets, each with the query of its own pass: every filter and selection but its own.
  std::vector<std::pair<std::string, Xapian::Query>> own_pass_facets() const;

 private:
  // `base` under every filter and every selection except those of the field `except` ("" for none).
  Xapian::Query narrowed(const Xapian::Query& base, const std::string& except) const;

  TextQuery text_;
  std::vector<Xapian::Query> filters_;
  std::map<std::string, std::vector<Xapian::Query>> selected_;  // Drill-down selections, per field.
  Xapian::Query words_;    // The text, or everything, lifted by preferred places.
  Xapian::Query matched_;  // What words_ matches: the text, else the preferred places, else everything.
  places::Place centre_;
  Xapian::Query near_;
  bool by_distance_ = false, by_date_ = false, count_facets_ = true;
  double recency_boost_ = 0;
};

}  // namespace newsq::query
