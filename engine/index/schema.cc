// engine/index/schema.cc: the few computations the schema defines (terms, day numbers).
#include "engine/index/schema.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace newsq::schema {

std::string source_term(std::string_view source) {
  std::string term(kSourcePrefix);
  for (char c : source) term.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  return term;
}

long day_number(std::string_view date) {
  auto number = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    auto [p, ec] = std::from_chars(date.data() + pos, date.data() + pos + len, v);
    if (ec != std::errc() || p != date.data() + pos + len) throw std::invalid_argument("bad date");
    return v;
  };
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') throw std::invalid_argument("bad date");
  std::chrono::year_month_day ymd{std::chrono::year(number(0, 4)),
                                  std::chrono::month(static_cast<unsigned>(number(5, 2))),
                                  std::chrono::day(static_cast<unsigned>(number(8, 2)))};
  if (!ymd.ok()) throw std::invalid_argument("bad date");
  return std::chrono::sys_days(ymd).time_since_epoch().count();
}

std::string day_string(long day) {
  std::chrono::year_month_day ymd{std::chrono::sys_days(std::chrono::days(day))};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string date_value(std::string_view date) {
  return Xapian::sortable_serialise(static_cast<double>(day_number(date)));
}

}  // namespace newsq::schema
