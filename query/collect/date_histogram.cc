// query/collect/date_histogram.cc: grouping per-day counts into buckets.
#include "query/collect/date_histogram.h"

#include "engine/index/schema.h"

namespace newsq::query {

DateHistogram make_date_histogram(const std::map<long, std::uint64_t>& per_day) {
  DateHistogram h;
  if (per_day.empty()) return h;
  long span = per_day.rbegin()->first - per_day.begin()->first;
  std::size_t key_length = span > 3 * 366 ? 4 : span > 62 ? 7 : 10;  // "YYYY", "YYYY-MM", "YYYY-MM-DD".
  h.granularity = key_length == 4 ? "year" : key_length == 7 ? "month" : "day";
  for (auto [day, count] : per_day) {
    std::string key = schema::day_string(day).substr(0, key_length);
    if (h.buckets.empty() || h.buckets.back().value != key) h.buckets.push_back({key, 0});
    h.buckets.back().count += count;
  }
  return h;
}

}  // namespace newsq::query
