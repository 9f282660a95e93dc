// query/collect/facet_tally.h: the counts of the date, source and location facets over the matches
// of one pass, whichever match spies counted them: newsq's own FacetSpy (facet_spies.h, local
// indexes) or Xapian's ValueCountMatchSpy, which crosses the remote protocol (value_count_facets.h).
// query/facet_counts.h turns a tally into facet values without knowing which it is.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "query/collect/date_histogram.h"

namespace newsq::query {

class FacetTally {
 public:
  struct Fields {
    bool date = false, source = false, location = false;
  };
  virtual ~FacetTally() = default;

  virtual const Fields& fields() const = 0;
  // Matches per day, for the days with any.
  virtual DayCounts per_day() const = 0;
  // The `max` most frequent sources, most frequent first, ties by name; articles without a
  // source are not counted.
  virtual std::vector<std::pair<std::string, std::uint64_t>> top_sources(std::size_t max) const = 0;
  // Place id -> matches mentioning it (or something inside it).
  virtual std::unordered_map<std::uint32_t, std::uint64_t> places() const = 0;
  // Matches counted.
  virtual std::uint64_t matches() const = 0;
  // It counts from the in-memory facet table (facet_table.h): a match costs no read.
  virtual bool counts_from_table() const { return false; }
};

// `counts` ordered as top_sources() promises (most frequent first, ties by name) and cut at `max`.
std::vector<std::pair<std::string, std::uint64_t>> most_frequent(std::vector<std::pair<std::string, std::uint64_t>> counts,
                                                                 std::size_t max);

}  // namespace newsq::query
