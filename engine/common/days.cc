// engine/common/days.cc: day numbers over std::chrono's civil calendar.
#include "engine/common/days.h"

#include <chrono>
#include <cstdio>

namespace newsq::common {
namespace {

std::chrono::year_month_day ymd(int year, unsigned month, unsigned day) {
  return {std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
}

long count(std::chrono::sys_days d) { return d.time_since_epoch().count(); }

// The number written in date[pos, pos + len), or -1 unless it is all ASCII digits.
int digits(std::string_view date, std::size_t pos, std::size_t len) {
  int v = 0;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (date[i] < '0' || date[i] > '9') return -1;
    v = v * 10 + (date[i] - '0');
  }
  return v;
}

}  // namespace

long days_from_civil(int year, unsigned month, unsigned day) {
  return count(std::chrono::sys_days(ymd(year, month, day)));
}

std::optional<long> real_day(int year, unsigned month, unsigned day) {
  const auto d = ymd(year, month, day);
  if (!d.ok()) return std::nullopt;
  return count(std::chrono::sys_days(d));
}

long last_day_of_month(int year, unsigned month) {
  return count(std::chrono::sys_days(std::chrono::year_month_day_last{
      std::chrono::year(year), std::chrono::month_day_last{std::chrono::month(month)}}));
}

CivilDay civil_from_days(long day_number) {
  const std::chrono::year_month_day d{std::chrono::sys_days(std::chrono::days(day_number))};
  return {static_cast<int>(d.year()), static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day())};
}

std::optional<long> parse_day(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
  const int year = digits(date, 0, 4), month = digits(date, 5, 2), day = digits(date, 8, 2);
  if (year < kFirstYear || month < 0 || day < 0) return std::nullopt;
  return real_day(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

bool in_written_years(long day_number) {
  static const long first = days_from_civil(kFirstYear, 1, 1), last = days_from_civil(kLastYear, 12, 31);
  return day_number >= first && day_number <= last;
}

std::string format_day(long day_number) {
  const CivilDay d = civil_from_days(day_number);
  if (d.year < 0 || d.year > 9999) {  // Not written with four digits: the rare case, printf's way.
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", d.year, d.month, d.day);
    return buf;
  }
  // Digit by digit: every search formats days (hits, date buckets), and snprintf costs ~20x this.
  std::string out = "0000-00-00";
  auto put = [&](std::size_t at, unsigned value, int digits) {
    for (std::size_t i = at + static_cast<std::size_t>(digits); i-- > at; value /= 10)
      out[i] = static_cast<char>('0' + value % 10);
  };
  put(0, static_cast<unsigned>(d.year), 4);
  put(5, d.month, 2);
  put(8, d.day, 2);
  return out;
}

}  // namespace newsq::common
