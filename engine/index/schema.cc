// engine/index/schema.cc: the few computations the schema defines (terms, day numbers).
#include "engine/index/schema.h"

#include <stdexcept>

#include "engine/common/days.h"

namespace newsq::schema {

std::string source_term(std::string_view source) {
  std::string term(kSourcePrefix);
  for (char c : source) term.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  return term;
}

long day_number(std::string_view date) {
  if (std::optional<long> day = common::parse_day(date)) return *day;
  throw std::invalid_argument("bad date");
}

std::string day_string(long day) { return common::format_day(day); }

std::string date_value(std::string_view date) {
  return Xapian::sortable_serialise(static_cast<double>(day_number(date)));
}

std::vector<std::string> date_terms(long day) {
  const std::string date = day_string(day);  // YYYY-MM-DD
  const std::string prefix(kDatePrefix);
  return {prefix + date.substr(0, date.size() - 6), prefix + date.substr(0, date.size() - 3), prefix + date};
}

std::vector<std::string> date_range_terms(long first, long last) {
  std::vector<std::string> terms;
  const std::string prefix(kDatePrefix);
  for (long day = first; day <= last;) {
    const common::CivilDay c = common::civil_from_days(day);
    const std::string date = day_string(day);
    const long year_end = common::last_day_of_month(c.year, 12), month_end = common::last_day_of_month(c.year, c.month);
    if (c.month == 1 && c.day == 1 && year_end <= last) {
      terms.push_back(prefix + date.substr(0, date.size() - 6));
      day = year_end + 1;
    } else if (c.day == 1 && month_end <= last) {
      terms.push_back(prefix + date.substr(0, date.size() - 3));
      day = month_end + 1;
    } else {
      terms.push_back(prefix + date);
      ++day;
    }
  }
  return terms;
}

}  // namespace newsq::schema
