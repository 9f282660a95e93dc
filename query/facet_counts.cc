// query/facet_counts.cc: facet spies on match passes and their counts as facet values
// (query/facet_counts.h).
#include "query/facet_counts.h"

#include <chrono>
#include <cmath>

#include "engine/index/schema.h"
#include "query/collect/boolean_walk.h"
#include "query/collect/date_histogram.h"
#include "query/collect/facet_spies.h"
#include "query/collect/location_facet.h"
#include "query/collect/value_count_facets.h"

namespace newsq::query {

FacetTally::Fields FacetCounter::countable(const std::set<std::string>& fields) {
  FacetTally::Fields f;
  f.date = fields.count("date") > 0;
  f.source = fields.count("source") > 0;
  f.location = fields.count("location") > 0 && gazetteer_.get();
  return f;
}

std::unique_ptr<FacetTally> FacetCounter::add_spy(Xapian::Enquire& enquire, const std::set<std::string>& fields) {
  const FacetTally::Fields f = countable(fields);
  if (!f.date && !f.source && !f.location) return nullptr;
  if (index_.any_remote()) return std::make_unique<ValueCountFacets>(f, enquire);
  std::unique_ptr<FacetSpy> spy = local_spy(f);
  enquire.add_matchspy(spy.get());
  return spy;
}

std::unique_ptr<FacetSpy> FacetCounter::local_spy(const FacetTally::Fields& f) {
  const Xapian::Database& db = index_.db();
  const auto [first_day, last_day] = schema::indexed_days(db).value_or(std::pair{0L, -1L});
  // The table is indexed by document id, read through a value stream: one database only (see
  // query/hit_assembly.h on value streams over several).
  std::shared_ptr<const FacetTable> table;
  if (!index_.is_cluster()) table = tables_.table_for(db, index_.revision());
  return std::make_unique<FacetSpy>(f, first_day, last_day, std::move(table));
}

void FacetCounter::store(const FacetTally* spy, std::uint32_t max_values, SearchResults& out) {
  if (!spy) return;
  tables_.spied(spy->matches());
  if (spy->fields().date) {
    DateHistogram histogram = make_date_histogram(spy->per_day());
    out.facets["date"] = std::move(histogram.buckets);
    out.date_granularity = histogram.granularity;
  }
  if (spy->fields().source) {
    auto& values = out.facets["source"];
    for (auto& [name, count] : spy->top_sources(max_values)) values.push_back({std::move(name), count});
  }
  // add_spy() counted places only with a gazetteer, whose names are still those loaded then.
  if (spy->fields().location) out.facets["location"] = location_values(spy->places(), *gazetteer_.names(), max_values);
}

Xapian::doccount FacetCounter::count(const std::set<std::string>& fields, const Xapian::Query& query,
                                     std::uint32_t max_values, SearchResults& out, bool* timed_out,
                                     double time_limit_seconds) {
  const Xapian::Database& db = index_.db();
  Xapian::Enquire enquire(db);
  // Weight 0 makes the pass boolean: Xapian then reads no document lengths and computes no
  // weights, about a third of a weighted pass's time (bench/results/startup.md).
  enquire.set_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query, 0.0));
  std::unique_ptr<FacetTally> tally;
  if (const FacetTally::Fields f = countable(fields); !index_.any_remote() && (f.date || f.source || f.location)) {
    std::unique_ptr<FacetSpy> spy = local_spy(f);
    std::unique_ptr<BooleanWalk> walk = spy->counts_from_table() ? make_boolean_walk(db, query) : nullptr;
    if (walk) {
      const auto started = std::chrono::steady_clock::now();
      Xapian::doccount matches = 0;
      for (Xapian::docid id = walk->next(); id != 0; id = walk->next()) {
        spy->count_match(id, db);
        // The clock is read every few thousand matches, as Xapian's own time limit does.
        if (++matches % 4096 == 0 && time_limit_seconds > 0 &&
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() >= time_limit_seconds) {
          if (timed_out) *timed_out = true;
          break;
        }
      }
      store(spy.get(), max_values, out);
      return matches;
    }
    enquire.add_matchspy(spy.get());
    tally = std::move(spy);
  } else {
    tally = add_spy(enquire, fields);  // A remote cluster's spies, or none.
  }
  if (time_limit_seconds > 0) enquire.set_time_limit(time_limit_seconds);
  const Xapian::MSet counted = enquire.get_mset(0, 0, db.get_doccount());
  store(tally.get(), max_values, out);
  if (timed_out && counted.get_matches_lower_bound() != counted.get_matches_upper_bound()) *timed_out = true;
  return counted.get_matches_estimated();
}

}  // namespace newsq::query
