// query/facet_counts.h: counting the date, source and location facets of a search into
// SearchResults::facets: a FacetSpy (query/collect/facet_spies.h) on a match pass, counting from
// the in-memory facet table once it pays (query/collect/facet_table.h), and the counts turned
// into facet values. When some shard of the index is remote, Xapian's ValueCountMatchSpy counts
// instead (query/collect/value_count_facets.h): the remote protocol carries only Xapian's own spies. Which passes count which facets (multi-select) is query/request_query.h's.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <set>
#include <string>

#include "newsq/searcher.h"
#include "query/collect/facet_spies.h"
#include "query/collect/facet_table.h"
#include "query/collect/facet_tally.h"
#include "query/index_gazetteer_cache.h"
#include "query/index_view.h"

namespace newsq::query {

class FacetCounter {
 public:
  // Both must outlive the counter.
  FacetCounter(const IndexView& index, IndexGazetteerCache& gazetteer) : index_(index), gazetteer_(gazetteer) {}

  // Spies counting the facets in `fields` ("date", "source", "location"), added to `enquire`;
  // null when there is nothing to count. Location counts need the gazetteer for names: without
  // one that facet is simply absent.
  std::unique_ptr<FacetTally> add_spy(Xapian::Enquire& enquire, const std::set<std::string>& fields);

  // The counts of a finished match pass (`tally` from add_spy, may be null), as facet values:
  // at most `max_values` per facet other than date.
  void store(const FacetTally* tally, std::uint32_t max_values, SearchResults& out);

  // Counts `fields` over every document `query` matches, in a pass of its own: a boolean pass (no
  // weights are computed: a counting pass ranks nothing), in document order; over the posting
  // lists themselves (boolean_walk.h) when the query is simple and the counts come from the facet
  // table. Returns the exact number of matches; `timed_out` (may be null) is set when a time limit
  // cut the pass short (the number is then those counted).
  Xapian::doccount count(const std::set<std::string>& fields, const Xapian::Query& query, std::uint32_t max_values,
                         SearchResults& out, bool* timed_out = nullptr, double time_limit_seconds = 0);

 private:
  // The fields of `fields` ("date", "source", "location") that can be counted here.
  FacetTally::Fields countable(const std::set<std::string>& fields);
  // The spy of a local index for `fields`.
  std::unique_ptr<FacetSpy> local_spy(const FacetTally::Fields& fields);

  const IndexView& index_;
  IndexGazetteerCache& gazetteer_;
  FacetTablePolicy tables_;  // Facet records in memory once searches make it pay.
};

}  // namespace newsq::query
