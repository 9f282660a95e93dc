// engine/common/days.h: calendar days as day numbers (days since 1970-01-01, proleptic Gregorian),
// and the one rule for a day written YYYY-MM-DD. Day numbers are what the index stores (the date
// slot, the facet record) and what date ranges are computed in.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace newsq::common {

struct CivilDay {
  int year = 1970;
  unsigned month = 1;  // 1-12.
  unsigned day = 1;    // 1-31.
};

// The day number of year-month-day, `month` 1-12. A `day` past the month's end runs on into the
// next month (2023-02-29 is 2023-03-01), as std::chrono's conversion does: callers that must
// refuse such a day use real_day().
long days_from_civil(int year, unsigned month, unsigned day);
// The day number of year-month-day, or nothing if that day does not exist (2023-02-29, month 13).
std::optional<long> real_day(int year, unsigned month, unsigned day);
// The day number of the last day of the month.
long last_day_of_month(int year, unsigned month);
CivilDay civil_from_days(long day_number);

// The years a day written YYYY-MM-DD may have: four digits, from 1000.
inline constexpr int kFirstYear = 1000, kLastYear = 9999;

// The day number of `date` if it is a real day written YYYY-MM-DD (ASCII digits, a year from
// kFirstYear), else nothing. The rule for every date newsq reads: articles, search ranges, "now".
std::optional<long> parse_day(std::string_view date);
// Whether a day number falls in those years, so that it can be written as parse_day reads it (a
// date understood from words outside them could not be searched for).
bool in_written_years(long day_number);
inline bool is_valid_day(std::string_view date) { return parse_day(date).has_value(); }

// YYYY-MM-DD ("%04d-%02u-%02u": years before 1000 keep four digits, negative ones a minus sign).
std::string format_day(long day_number);

}  // namespace newsq::common
