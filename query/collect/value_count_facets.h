// query/collect/value_count_facets.h: the facet counts of a search that reaches remote shards, from
// Xapian's built-in ValueCountMatchSpy, which xapian-tcpsrv runs on each shard's matches and
// whose counts Xapian merges on the client (docs/sharding.md). newsq's own FacetSpy cannot cross
// the remote protocol (a server knows only Xapian's registered classes).
//
// One spy per facet: slot 0 (the day, sortable-serialised), slot 1 (the source) and slot 3 (the
// article's encoded place set, with the areas containing its places). The place sets are counted
// whole and decoded here, each set's count added to every place in it: exact, and cheap because
// the number of distinct sets among the matches is small next to the matches themselves.
#pragma once

#include <xapian.h>

#include <optional>

#include "query/collect/facet_tally.h"

namespace newsq::query {

class ValueCountFacets : public FacetTally {
 public:
  // Adds a spy to `enquire` for each field asked; this object must outlive the match pass.
  ValueCountFacets(Fields fields, Xapian::Enquire& enquire);

  const Fields& fields() const override { return fields_; }
  DayCounts per_day() const override;
  std::vector<std::pair<std::string, std::uint64_t>> top_sources(std::size_t max) const override;
  std::unordered_map<std::uint32_t, std::uint64_t> places() const override;
  std::uint64_t matches() const override;

 private:
  Fields fields_;
  // Optional: a spy adds the cost of reading its slot to every match.
  std::optional<Xapian::ValueCountMatchSpy> days_, sources_, place_sets_;
};

}  // namespace newsq::query
