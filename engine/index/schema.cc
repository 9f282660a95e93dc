// engine/index/schema.cc: the few computations the schema defines (terms, day numbers).
#include "engine/index/schema.h"

#include <cmath>
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

std::optional<std::pair<long, long>> indexed_days(const Xapian::Database& db) {
  const std::string low = db.get_value_lower_bound(kDateSlot);
  if (low.empty()) return std::nullopt;
  return std::pair{std::lround(Xapian::sortable_unserialise(low)),
                   std::lround(Xapian::sortable_unserialise(db.get_value_upper_bound(kDateSlot)))};
}

namespace {

enum class DateSpan { year, month, day };

// The kDatePrefix term of the year, month or day of `day`.
std::string date_term(long day, DateSpan span) {
  const std::string date = day_string(day);  // YYYY-MM-DD; a year before 1000 keeps its sign.
  const std::size_t cut = span == DateSpan::year ? 6 : span == DateSpan::month ? 3 : 0;
  return std::string(kDatePrefix).append(date, 0, date.size() - cut);
}

}  // namespace

std::vector<std::string> date_terms(long day) {
  return {date_term(day, DateSpan::year), date_term(day, DateSpan::month), date_term(day, DateSpan::day)};
}

std::vector<std::string> date_range_terms(long first, long last) {
  std::vector<std::string> terms;
  for (long day = first; day <= last;) {
    const common::CivilDay c = common::civil_from_days(day);
    const long year_end = common::last_day_of_month(c.year, 12), month_end = common::last_day_of_month(c.year, c.month);
    if (c.month == 1 && c.day == 1 && year_end <= last) {
      terms.push_back(date_term(day, DateSpan::year));
      day = year_end + 1;
    } else if (c.day == 1 && month_end <= last) {
      terms.push_back(date_term(day, DateSpan::month));
      day = month_end + 1;
    } else {
      terms.push_back(date_term(day, DateSpan::day));
      ++day;
    }
  }
  return terms;
}

}  // namespace newsq::schema
