// query/understand/date_words.h: the English vocabulary the date reader (date_expression.cc) is made of:
// the words of a query with their byte spans, and what each word can mean in a date (month, weekday,
// day, year, unit, connector). Pure functions of one word; where a word's role depends on its
// neighbours, the reader decides.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsq::query::date_words {

struct Word {
  std::string text;                // Lower-cased, edge punctuation removed; a lone dash is "-".
  std::size_t begin = 0, end = 0;  // Byte span in the query.
  bool capital = false;            // Written with a capital first letter ("May" beside "may").
  bool all_caps = false;           // Two or more letters, all capitals ("ABC", "EOM").
  bool glued_to_next = false;      // The first half of a split word ("14" of "14april").
  bool comma_after = false;        // A comma followed it in the query ("January, February").
};

// The words of `query`: runs of non-space bytes, edge punctuation trimmed; a lone '-', en or em dash
// stays a word "-" (a range separator), and a lone '+' a word "+" ("now + 1 day"). Words that are
// only punctuation are dropped; a comma between a letter and a digit ends a word ("months,01"). A
// day or year glued to a month ("14april", "Feb13") is two words, and so is one joined to a month
// by a single '-' or '/' ("10-August", "August/10", "Sep-2012", "2024/August"), or a day and year
// joined by a comma after a month ("November 1,2001"); "10-August-2012" stays one numeric date. A
// dash glued to the end of a number is a word "-" of its own ("1,2001- March").
std::vector<Word> words_of(std::string_view query);

bool all_digits(std::string_view s);
// The digit of a superscript or subscript digit ("²", "₃") at the start of `s` (UTF-8), else -1; it
// is 2 bytes long when `s` starts with 0xC2, else 3.
int raised_or_lowered_digit(std::string_view s);
// "march", "mar", "sept" -> 3, 3, 9; 0 if not a month.
unsigned month_number(std::string_view w);
// True for the three-letter (and "sept") shortenings, which are ordinary words more often.
bool month_abbreviation(std::string_view w);
// "monday".."sunday" -> 1..7 (also "mon", "tue(s)", "wed", "thu(r)(s)", "fri", "sat", "sun"); else 0.
unsigned weekday_number(std::string_view w);
bool weekday_abbreviation(std::string_view w);
// A four-digit year 1900..2100, else 0.
int year_number(std::string_view w);
// The year a two-digit one stands for: 00..68 are 2000..2068, 69..99 1969..1999 ("2/3/22", "March '22").
int year_of_two_digits(int yy);
// A four-digit year 1000..2999 (after a day and a month, "12 Jan 1876", a number is surely a year).
int day_month_year(std::string_view w);
// "21", "21st", "2nd", "first", "twenty-first", "thirty-first" -> 1..31, else 0 (one word).
unsigned day_number(std::string_view w);
// The ordinal words of "twenty first" written as two words: tens (20, 30) then 1..9, else 0.
unsigned tens_word(std::string_view w);
unsigned ordinal_unit_word(std::string_view w);
// "first".."fourth", "1st".."4th" -> 1..4 (quarters, halves, weeks of a month), else 0.
int small_ordinal(std::string_view w);
// "a"/"an" -> 1, "zero".."twelve", digits up to three -> the number; else -1.
int small_number(std::string_view w);

enum class Unit { none, hour, day, week, fortnight, month, quarter, year };
// "day"/"days", "week(s)", "fortnight(s)", "month(s)", "quarter(s)"/"qtr", "year(s)"/"yr",
// "hour(s)"/"hrs".
Unit unit_of(std::string_view w);

// "3pm", "10:00", "10:00am", "12:00:00", "19h30", "8h", "noon", "midnight": a time of day (the reader
// keeps only the day). A bare number is not one on its own.
bool time_of_day(std::string_view w);
// "12.16", "13.12": a clock time written with a dot, read only beside a day or before am/pm.
bool dotted_time(std::string_view w);
// "1d", "2y", "3mons", "3mo", "2wk", "10days": a count glued to a unit (not "m" or "h": minutes or months,
// hours).
bool glued_count(std::string_view w, int& count, Unit& unit);
// "gmt", "utc", "bst", "pst", "edt", "jst", ...: a time zone after a time of day (or, written in
// capitals, after a day or a part of the day: date_expression.cc).
bool time_zone(std::string_view w);
// "morning", "afternoon", "evening", "night", "lunch(time)".
bool part_of_day(std::string_view w);
// The direction a word gives a calendar unit: "this"/"current" 0, "last"/"previous" -1,
// "next"/"coming"/"following"/"upcoming" +1; false if it gives none.
bool direction(std::string_view w, int& offset);
// "said", "says", "told", "will", ...: after "May" they make it a name, not a month.
bool verb_like(std::string_view w);
// The last word of an occasion the calendar holds every year ("christmas", "easter", "ramadan";
// "day" of "Victory Day", "eve" of "New Year's Eve", "year" of "New Year"): a year after it is the
// year, not part of a name as in "Euro 2020". Lower-case.
bool calendar_occasion_word(std::string_view w);
// Whether "year" after the word `before` (lower-case) is part of a name: "new year", "New Year",
// "Lunar New Year" (a capitalised "Year" after a capitalised word), not "the year".
bool year_of_a_name(std::string_view before, bool before_capital, bool year_capital);

}  // namespace newsq::query::date_words
