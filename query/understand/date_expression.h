// query/understand/date_expression.h: dates written in words inside a query ("in March 2022", "last week",
// "between 1 and 15 March 2022", "since 24 February 2022") -> an inclusive range of days, and the
// words that expressed it, so the rest of the query stays free text.
//
// Contract: relative and year-less forms resolve against `now` (an archive search looks back): a
// month or day without a year is the latest one not after `now`; a weekday alone the latest not
// after `now` (today on that weekday), "last Tuesday" the latest before today; weeks start on
// Monday; "the past N days" and "in recent days" (the last seven) end today. A time of day beside
// a day is read and dropped ("yesterday at 3pm" is yesterday). Words that only look like dates
// stay text: a month name alone is a month after a date preposition (in, since, ...), beside a day
// or year, or capitalised (or any month but March) with no name or verb beside it ("shelling
// January", not "protesters march", "May said", "Grace August"). 01/02/2022 is read only when
// unambiguous. Named events ("before the invasion") are not dates.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsq::query {

struct DayRange {
  std::optional<long> from, to;  // Days since 1970-01-01, inclusive; absent = open end.
};

struct DateExpression {
  DayRange range;
  std::size_t begin = 0, end = 0;  // Byte span of the expression in the query, prepositions included.
  std::string text;                // The words as written.
};

// Finds the first date expression in `query` (the longest reading at the earliest position).
std::optional<DateExpression> find_date_expression(std::string_view query, long now);

// Convenience for tests and tools: the range of a whole phrase, if the phrase is one date expression.
std::optional<DayRange> parse_date_phrase(std::string_view phrase, long now);

}  // namespace newsq::query
