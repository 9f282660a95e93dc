// query/understand/date_expression.h: dates written in words inside a query ("in March 2022", "last week",
// "between 1 and 15 March 2022", "since 24 February 2022") -> an inclusive range of days, and the
// words that expressed it, so the rest of the query stays free text.
//
// Contract: relative and year-less forms resolve against `now` (an archive search looks back): a
// month or day without a year is the latest one not after `now`; a weekday alone the latest not
// after `now` (today on that weekday), "last Tuesday" the latest before today; weeks start on
// Monday; "the past N days" and "in recent days" (the last seven) end today. A time of day beside
// a day is read and dropped ("yesterday at 3pm", "at 8 o'clock on Thursday", "after 5pm on
// Friday", "in the early hours of Sunday" are the day). Words that only look like dates
// stay text: a month name alone is a month after a date preposition (in, since, ...), beside a day
// or year, or capitalised (or any month but March) with no name or verb beside it ("shelling
// January", not "protesters march", "May said", "Grace August"). 01/02/2022 is read only when
// unambiguous; so is a day and month without a year ("2/15", "29/02": the latest such day, not
// "24/7"), an ISO interval ("2015-03-28/2015-03-29", with clock times too: its days) and a date
// with a two-digit year after '/' or '-' ("10/31/74", "21-12-19") or after a day and a month as
// the last word or before a clock time ("14th April 15", "9 Jan 11 0:00"). Counts from now: "3
// days ago", "a decade ago", "3 weeks from now", "now - 1 day", "now + 2 weeks", and, only when they
// are the whole query, "in 3 weeks' time", "2 years later", "4 days before" (beside other words
// they count from something the query names: "the worst drought in 40 years"). A day of the month
// alone ("on the 15th", "the 1st", "since the 2nd") is the latest such day, read only where nothing
// but a clock time follows it ("the 1st battalion" holds no date). "The upcoming two weeks" is
// "the next two weeks": the whole weeks after this one. The weeks of a month or year are its days
// in sevens ("the first week of March" is 1..7 March, "the last week of 2021" 25..31 December).
// "The last (past) decade" is the past ten years, "the next decade" the ten whole years after this
// one; "till date" is until today, "through 2021" until its end; "all week" is this week; "29 Feb"
// without a year the latest leap year's; a weekday after a date ("Jul 18, Fri") picks its year as
// one before it does. Named events ("before the invasion") are not dates. A count before or after a
// day the query names moves that day ("2 days before yesterday", "two weeks after 24 February
// 2022", "Friday + 1 week"); a year may come before its month ("2024 August", "2022 March 18") where
// the month is no word or name ("2019 May said"); "June of 2021" is June 2021; "Monday to Friday" is
// the latest Monday not after now to the Friday after it. A time zone in capitals after a day or a
// part of the day is dropped ("Jan 1, 2020 Morning UTC"); "last weekday" / "next weekday" are the
// latest working day (Monday..Friday) before today and the first after it; a direction glued to a
// unit ("lastmonth", "nextweek") reads as two words; "3mo", "in 1 mon" count months; "a few days
// ago" is now - 7 .. now - 2 ("a few" is no number: the days it can mean); "02/02" (the same
// number, zero-padded) is a day and month, "5/5" a score.
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
// `units_tried`, when given, receives how many date units the reader tried: its work, which tests
// hold linear in the query's length.
std::optional<DateExpression> find_date_expression(std::string_view query, long now,
                                                   std::size_t* units_tried = nullptr);

// Convenience for tests and tools: the range of a whole phrase, if the phrase is one date expression.
std::optional<DayRange> parse_date_phrase(std::string_view phrase, long now);

}  // namespace newsq::query
