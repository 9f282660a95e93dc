// query/collect/date_histogram.h: the date facet: per-day counts grouped into year, month or day buckets,
// the bucket size picked from the span of the matching dates so that a histogram stays readable.
#pragma once

#include <cstdint>
#include <utility>
#include <string>
#include <vector>

#include "newsq/searcher.h"

namespace newsq::query {

struct DateHistogram {
  std::string granularity;          // "year", "month", "day"; empty when there are no dates.
  std::vector<FacetValue> buckets;  // Chronological; only non-empty buckets.
};

// (day number, count) pairs, one per day with any, in order of day.
using DayCounts = std::vector<std::pair<long, std::uint64_t>>;

// `per_day` (days since 1970-01-01). Spans over 3 years group by year, over 62 days by month,
// anything shorter by day.
DateHistogram make_date_histogram(const DayCounts& per_day);

}  // namespace newsq::query
