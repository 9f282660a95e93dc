// query/collect/date_histogram.cc: grouping per-day counts into buckets.
#include "query/collect/date_histogram.h"

#include "engine/common/days.h"
#include "engine/index/schema.h"

namespace newsq::query {

DateHistogram make_date_histogram(const DayCounts& per_day) {
  DateHistogram h;
  if (per_day.empty()) return h;
  long span = per_day.rbegin()->first - per_day.begin()->first;
  std::size_t key_length = span > 3 * 366 ? 4 : span > 62 ? 7 : 10;  // "YYYY", "YYYY-MM", "YYYY-MM-DD".
  h.granularity = key_length == 4 ? "year" : key_length == 7 ? "month" : "day";
  // A bucket's key is written once, when its first day comes (days arrive in order); the days
  // after it are compared by number.
  long bucket_end = per_day.begin()->first;  // First day after the current bucket.
  for (auto [day, count] : per_day) {
    if (h.buckets.empty() || day >= bucket_end) {
      const common::CivilDay d = common::civil_from_days(day);
      h.buckets.push_back({schema::day_string(day).substr(0, key_length), 0});
      bucket_end = key_length == 4    ? common::days_from_civil(d.year + 1, 1, 1)
                   : key_length == 7 ? common::last_day_of_month(d.year, d.month) + 1
                                     : day + 1;
    }
    h.buckets.back().count += count;
  }
  return h;
}

}  // namespace newsq::query
