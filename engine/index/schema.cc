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

}  // namespace newsq::schema
