// query/request_query.cc: a SearchRequest's filters, ranking and facet passes as Xapian queries
// (query/request_query.h).
#include "query/request_query.h"

#include <algorithm>
#include <cmath>

#include "engine/common/days.h"
#include "engine/index/place_terms.h"
#include "engine/index/schema.h"
#include "indexer/readers/article_validator.h"
#include "newsq/error.h"
#include "query/place_filter.h"
#include "query/recency_source.h"
#include "query/understand/query_limits.h"

namespace newsq::query {
namespace {

constexpr double kRecencyHalfLifeDays = 90;
// A date range covered by more terms than this is searched over value slot 0: when the words
// lead the match, each candidate is checked against every term, and beyond about ten terms that
// costs more than reading its value ("shelling" near Kyiv from 2022-02-24 to the end of 2022, 15
// terms, at 100k articles: 1.51 ms against 1.36).
constexpr std::size_t kMaxDateTerms = 10;

const char* const kFacetFields[] = {"date", "source", "location"};

void check_day(const std::string& d) {
  if (!d.empty() && !indexer::is_valid_day(d)) throw QueryError("invalid date '" + d + "': expected YYYY-MM-DD");
}

// Days from..to (either may be empty: open) as a query: the kDatePrefix terms covering them where
// every document has those terms (`terms`) and they are few, else a range over value slot 0. The terms cover only
// the days between the index's first and last (value slot 0's bounds), so an open end adds no more
// terms than the index has years.
Xapian::Query day_range(const Xapian::Database& db, bool terms, const std::string& from, const std::string& to) {
  check_day(from);
  check_day(to);
  if (!from.empty() && !to.empty() && schema::day_number(from) > schema::day_number(to))
    throw QueryError("date range is empty: " + from + " is after " + to);
  if (from.empty() && to.empty()) return {};
  // A range outside the index's days stays a value range, which Xapian answers from the slot's
  // bounds without reading a value (Query::MatchNothing would be an empty query, no filter at all).
  if (const auto days = terms ? schema::indexed_days(db) : std::nullopt) {
    auto [first, last] = *days;
    if (!from.empty()) first = std::max(first, schema::day_number(from));
    if (!to.empty()) last = std::min(last, schema::day_number(to));
    const std::vector<std::string> covering = schema::date_range_terms(first, last);
    if (!covering.empty() && covering.size() <= kMaxDateTerms)
      return Xapian::Query(Xapian::Query::OP_OR, covering.begin(), covering.end());
  }
  if (!from.empty() && !to.empty())
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, schema::date_value(from),
                         schema::date_value(to));
  if (!from.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, schema::date_value(from));
  return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kDateSlot, schema::date_value(to));
}

// A date facet value ("2022", "2022-03", "2022-03-21") as a range of days.
Xapian::Query date_bucket(const Xapian::Database& db, bool terms, const std::string& value) {
  if (value.size() == 10) return day_range(db, terms, value, value);
  if (value.size() == 7) {
    std::string first = value + "-01";
    check_day(first);
    const common::CivilDay month = common::civil_from_days(schema::day_number(first));
    return day_range(db, terms, first, schema::day_string(common::last_day_of_month(month.year, month.month)));
  }
  if (value.size() == 4) return day_range(db, terms, value + "-01-01", value + "-12-31");
  throw QueryError("invalid date facet value '" + value + "': expected YYYY, YYYY-MM or YYYY-MM-DD");
}

Xapian::Query any_source(const std::vector<std::string>& sources) {
  std::vector<Xapian::Query> any;
  for (const auto& s : sources) any.emplace_back(schema::source_term(s));
  return Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end());
}

Xapian::Query all_of(const std::vector<Xapian::Query>& parts) {
  if (parts.empty()) return {};
  if (parts.size() == 1) return parts.front();
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

}  // namespace

RequestQuery::RequestQuery(const SearchRequest& request, const Xapian::Database& db, bool date_terms,
                           QueryBuilder& builder, const ResolvePlace& resolve)
    : count_facets_(request.count_facets), recency_boost_(request.recency_boost) {
  // The checks run in this order, so that the first thing wrong is what a user is told.
  request.validate();
  check_query_text(request.query);
  text_ = builder.build(request.query);

  if (Xapian::Query dates = day_range(db, date_terms, request.from, request.to); !dates.empty())
    filters_.push_back(dates);
  if (!request.sources.empty()) filters_.push_back(any_source(request.sources));
  if (!request.place.empty()) filters_.push_back(place_query(resolve(request.place, "--place")));
  if (!request.any_of_places.empty()) {
    std::vector<Xapian::Query> any;
    for (const auto& name : request.any_of_places) any.push_back(place_query(resolve(name, "place")));
    filters_.emplace_back(Xapian::Query::OP_OR, any.begin(), any.end());
  }
  if (!request.near.empty()) {
    centre_ = resolve(request.near, "--near");
    if (!centre_.has_coordinates) throw QueryError("--near: " + std::string(centre_.name) + " has no coordinates");
    near_ = near_query(centre_, request.radius_km);
    filters_.push_back(near_);
  }
  by_distance_ = request.sort == SearchRequest::Sort::distance;
  if (by_distance_ && near_.empty()) throw QueryError("sorting by distance needs --near PLACE");

  for (const auto& [field, value] : request.facet_filters) {
    if (field == "date")
      selected_[field].push_back(date_bucket(db, date_terms, value));
    else if (field == "source")
      selected_[field].emplace_back(schema::source_term(value));
    else if (field == "location")
      selected_[field].push_back(place_query(resolve(value, "--facet location")));
    else
      throw QueryError("unknown facet '" + field + "' (facets: date, source, location)");
  }
  // Preferred places lift the articles about them: those placed there (a fixed bonus) or
  // naming them (the name as words, so also where extraction missed it). With no other words,
  // they are what is sought.
  std::vector<Xapian::Query> preferred, preferred_matches;  // The second: the same articles, unweighted.
  for (const auto& name : request.prefer_places) {
    places::Place place = resolve(name, "preferred place");
    // As much as a word found in just the articles about the place would weigh in BM25 (its
    // inverse document frequency, at the saturated within-document frequency).
    const double n = db.get_termfreq(places::place_term(place.id)), total = db.get_doccount();
    const double bonus = std::max(1.0, 2.2 * std::log((total - n + 0.5) / (n + 0.5)));
    preferred.push_back(prefer_query(place, bonus));
    preferred_matches.push_back(place_query(place));
    TextQuery named = builder.build(std::string(place.name));
    if (named.empty()) continue;
    preferred.push_back(named.query);
    preferred_matches.push_back(named.query);
    text_.stems.insert(named.stems.begin(), named.stems.end());
    text_.words.insert(named.words.begin(), named.words.end());
  }
  words_ = text_.empty() ? Xapian::Query::MatchAll : text_.query;
  matched_ = words_;
  if (!preferred.empty()) {
    Xapian::Query prefer(Xapian::Query::OP_OR, preferred.begin(), preferred.end());
    words_ = text_.empty() ? prefer : Xapian::Query(Xapian::Query::OP_AND_MAYBE, words_, prefer);
    if (text_.empty()) matched_ = Xapian::Query(Xapian::Query::OP_OR, preferred_matches.begin(), preferred_matches.end());
  }
  by_date_ = !by_distance_ && ((text_.empty() && preferred.empty()) || request.sort == SearchRequest::Sort::date);
}

Xapian::Query RequestQuery::narrowed(const Xapian::Query& base, const std::string& except) const {
  std::vector<Xapian::Query> all = filters_;
  for (const auto& [field, values] : selected_)
    if (field != except) all.emplace_back(Xapian::Query::OP_OR, values.begin(), values.end());
  Xapian::Query filter = all_of(all);
  return filter.empty() ? base : Xapian::Query(Xapian::Query::OP_FILTER, base, filter);
}

Xapian::Query RequestQuery::match_query(const Xapian::Database& db, bool remote_safe) const {
  Xapian::Query query = narrowed(words_, "");
  // Nearest first: the distance source alone gives the weights (it is also among the filters).
  if (by_distance_) query = Xapian::Query(Xapian::Query::OP_FILTER, near_, query);
  if (const auto days = recency_boost_ > 0 && !by_date_ && db.get_doccount() > 0 ? schema::indexed_days(db) : std::nullopt) {
    const auto [oldest, newest] = *days;
    Xapian::PostingSource* recency =
        remote_safe ? recency_by_day(schema::kDateSlot, recency_boost_, kRecencyHalfLifeDays, oldest, newest)
                    : new RecencySource(schema::kDateSlot, recency_boost_, kRecencyHalfLifeDays, static_cast<double>(newest));
    query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(recency->release()));
  }
  return query;
}

std::set<std::string> RequestQuery::main_pass_facets() const {
  std::set<std::string> fields;
  if (count_facets_)
    for (const char* field : kFacetFields)
      if (!selected_.count(field)) fields.insert(field);
  return fields;
}

std::vector<std::pair<std::string, Xapian::Query>> RequestQuery::own_pass_facets() const {
  std::vector<std::pair<std::string, Xapian::Query>> passes;
  if (count_facets_)
    for (const auto& [field, values] : selected_) passes.emplace_back(field, narrowed(matched_, field));
  return passes;
}

}  // namespace newsq::query
