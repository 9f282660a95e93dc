// tests/date_expression_test.cc: dates in words, checked against the hand-written table
// tests/data/date_expressions.tsv (now = 2022-03-21), inside longer queries, and family by family
// (the forms of issue 15: day ranges, ranges across months, ordinals, numeric dates, a month alone,
// weeks and weekdays, spans back from now, open ranges, seasons and parts, times of day) with
// examples written here, now = 2022-06-15.
#include <fstream>

#include "engine/index/schema.h"
#include "newsq/understood_query.h"
#include "query/understand/date_expression.h"
#include "tests/test_support.h"

using newsq::query::find_date_expression;
using newsq::query::parse_date_phrase;
using newsq::schema::day_number;
using newsq::schema::day_string;

namespace {

struct Row {
  std::string expression, from, to;
};

std::string show(const std::optional<long>& d) { return d ? day_string(*d) : ""; }

}  // namespace

TEST_CASE("every expression in the date table reads as its range", "[dates]") {
  const long now = day_number("2022-03-21");
  std::vector<Row> rows;
  for (auto& cells : newsq::test::read_tsv(newsq::test::source_dir() / "tests" / "data" / "date_expressions.tsv", 3))
    rows.push_back({cells[0], cells[1], cells[2]});
  REQUIRE(rows.size() >= 150);
  std::size_t right = 0;
  for (const auto& row : rows) {
    INFO("expression: " << row.expression);
    if (row.from == "-") {
      auto found = find_date_expression(row.expression, now);
      CHECK_FALSE(found.has_value());
      right += !found;
      continue;
    }
    auto range = parse_date_phrase(row.expression, now);
    REQUIRE(range.has_value());
    CHECK(show(range->from) == row.from);
    CHECK(show(range->to) == row.to);
    right += show(range->from) == row.from && show(range->to) == row.to;
  }
  CHECK(right == rows.size());
}

// The year before a month (date_expressions.tsv: "2024 August") takes no month that is a word or a
// name there: the year is read alone and the rest stays for the text.
TEST_CASE("a year before a month that is a word or a name is the year alone", "[dates]") {
  const long now = day_number("2022-03-21");
  for (const char* q : {"2019 May said", "2019 May resignation", "2022 August Wilson", "2020 march on Washington", "2021 may rise"}) {
    INFO("query: " << q);
    auto e = find_date_expression(q, now);
    REQUIRE(e);
    CHECK(e->text.size() == 4);
    CHECK(show(e->range.to).ends_with("-12-31"));
  }
}

// A shortened month before a full one is a name ("Angie Mar"), and the date after it is read; two
// full month names in a row are no date and stay text as a run not understood.
TEST_CASE("a month's shortening before a month's name is a name", "[dates]") {
  auto u = newsq::understand("By Angie Mar November 2019", "2022-03-21");
  CHECK(u.from == "2019-11-01");
  CHECK(u.to == "2019-11-30");
  auto v = newsq::understand("January February 2022", "2022-03-21");
  CHECK(v.date_text.empty());
}

TEST_CASE("a date expression is found inside a query, with its span", "[dates]") {
  const long now = day_number("2022-03-21");
  std::string q = "casualties near Kyiv in March 2022";
  auto e = find_date_expression(q, now);
  REQUIRE(e);
  CHECK(e->text == "in March 2022");
  CHECK(q.substr(0, e->begin) == "casualties near Kyiv ");
  CHECK(show(e->range.from) == "2022-03-01");
  CHECK(show(e->range.to) == "2022-03-31");

  auto e2 = find_date_expression("shelling of Kharkiv since 24 February 2022, reports", now);
  REQUIRE(e2);
  CHECK(e2->text == "since 24 February 2022");
  CHECK(show(e2->range.to) == "2022-03-21");

  CHECK_FALSE(find_date_expression("protesters march in Kyiv", now));
  auto later = find_date_expression("protesters march in Kyiv last week", now);
  REQUIRE(later);
  CHECK(later->text == "last week");
}

TEST_CASE("a word ending in punctuation then a comma is stepped over, not looped on", "[dates]") {
  // words_of trimmed trailing punctuation with `comma || q[--e] == ','`, which stopped stepping once
  // a comma was seen: `Kyiv.,` made every search containing it spin forever (found by fuzzing).
  const long now = day_number("2022-03-21");
  CHECK_FALSE(find_date_expression("Kyiv., shelling", now));
  CHECK_FALSE(find_date_expression(std::string("Kyiv@, Kh!kriv \x03\0\0\0\0\0\0\0", 23), now));
  auto e = find_date_expression("shelling near Kyiv.;, in March 2022", now);
  REQUIRE(e);
  CHECK(e->text == "in March 2022");
}

namespace {

struct Case {
  const char* phrase;
  const char* from;  // "-": not a date at all; "": open end.
  const char* to;
};

// Reads each phrase whole with now = 2022-06-15 (a Wednesday; its week began Monday 13 June).
void check_cases(std::initializer_list<Case> cases) {
  const long now = day_number("2022-06-15");
  for (const Case& c : cases) {
    INFO("phrase: " << c.phrase);
    auto range = parse_date_phrase(c.phrase, now);
    if (std::string(c.from) == "-") {  // Not one date: understanding leaves such a phrase as text.
      CHECK_FALSE(range.has_value());
      continue;
    }
    REQUIRE(range.has_value());
    CHECK(show(range->from) == c.from);
    CHECK(show(range->to) == c.to);
  }
}

}  // namespace

TEST_CASE("day ranges inside one month, in every order", "[dates]") {
  check_cases({
      {"3-9 April 2022", "2022-04-03", "2022-04-09"},
      {"April 3-9, 2022", "2022-04-03", "2022-04-09"},
      {"April 3 to 9", "2022-04-03", "2022-04-09"},
      {"April 3 to 9, 2021", "2021-04-03", "2021-04-09"},
      {"from the 3rd to the 9th of April", "2022-04-03", "2022-04-09"},
      {"from 3 to 9 April 2021", "2021-04-03", "2021-04-09"},
      {"between 3 and 9 April", "2022-04-03", "2022-04-09"},
      {"July 3-9", "2021-07-03", "2021-07-09"},  // Year-less: the latest July 3 not after now.
      {"from July 3-9", "2021-07-03", "2021-07-09"},
      {"May 28 - 2 June", "2022-05-28", "2022-06-02"},
      {"9 May 2022 - 3 April 2022", "-", ""},  // An end before its start is no range.
  });
}

TEST_CASE("ranges across months and years, the year written once or twice", "[dates]") {
  check_cases({
      {"3 April - 9 May 2022", "2022-04-03", "2022-05-09"},
      {"Apr 3 - May 9, 2022", "2022-04-03", "2022-05-09"},
      {"3 April 2022 - 9 May", "2022-04-03", "2022-05-09"},
      {"3 April 2022 - 9 May 2022", "2022-04-03", "2022-05-09"},
      {"December 2021 to February 2022", "2021-12-01", "2022-02-28"},
      {"December to February 2022", "2021-12-01", "2022-02-28"},
      {"3 December 2021 - 9 January", "2021-12-03", "2022-01-09"},
      {"from 28 February to 3 March 2022", "2022-02-28", "2022-03-03"},
  });
}

TEST_CASE("ordinal words and ordinal numbers", "[dates]") {
  check_cases({
      {"the twenty-first of March", "2022-03-21", "2022-03-21"},
      {"the twenty first of March 2021", "2021-03-21", "2021-03-21"},
      {"March twenty-first", "2022-03-21", "2022-03-21"},
      {"21st March", "2022-03-21", "2022-03-21"},
      {"the thirty-first of May", "2022-05-31", "2022-05-31"},
      {"twenty-first of June", "2021-06-21", "2021-06-21"},
      {"the second of June", "2022-06-02", "2022-06-02"},
      {"the thirty-second of May", "-", ""},
  });
}

TEST_CASE("numeric dates: year first always, day and month only when unambiguous", "[dates]") {
  check_cases({
      {"2022/3/21", "2022-03-21", "2022-03-21"},
      {"2022.03.21", "2022-03-21", "2022-03-21"},
      {"2022/Mar/21", "2022-03-21", "2022-03-21"},
      {"2022/May/9", "2022-05-09", "2022-05-09"},
      {"9/March/2022", "2022-03-09", "2022-03-09"},
      {"25/12/2021", "2021-12-25", "2021-12-25"},
      {"12/25/2021", "2021-12-25", "2021-12-25"},
      {"03/04/2022", "-", ""},
      {"2022/13/45", "-", ""},
      {"2022/2/30", "-", ""},
  });
}

TEST_CASE("a month name alone is a month unless it is plainly something else", "[dates]") {
  const long now = day_number("2022-06-15");
  auto e = find_date_expression("shelling January", now);
  REQUIRE(e);
  CHECK(e->text == "January");
  CHECK(show(e->range.from) == "2022-01-01");
  CHECK(show(e->range.to) == "2022-01-31");
  auto july = find_date_expression("heatwave July", now);  // July 2022 is still to come.
  REQUIRE(july);
  CHECK(show(july->range.from) == "2021-07-01");
  for (const char* text : {"protesters march", "May said", "Grace August", "vote for May", "June said on Monday",
                           "the march", "Theresa May resigns", "August Rush"}) {
    INFO("query: " << text);
    auto found = find_date_expression(text, now);
    CHECK((!found || found->text.find_first_of("MmAaJj") != 0 || found->text == "on Monday"));
  }
  CHECK_FALSE(find_date_expression("protesters march", now));
  CHECK_FALSE(find_date_expression("May said", now));
  CHECK_FALSE(find_date_expression("Grace August", now));
  CHECK_FALSE(find_date_expression("vote for May", now));
}

TEST_CASE("weeks and weekdays", "[dates]") {
  check_cases({
      {"the week of 14 March 2022", "2022-03-14", "2022-03-20"},
      {"the week of 16 March 2022", "2022-03-14", "2022-03-20"},
      {"on Thursday", "2022-06-09", "2022-06-09"},   // The latest Thursday not after now.
      {"on Wednesday", "2022-06-15", "2022-06-15"},  // Said on a Wednesday: today.
      {"last Tuesday", "2022-06-14", "2022-06-14"},  // The latest before today.
      {"last Wednesday", "2022-06-08", "2022-06-08"},
      {"this weekend", "2022-06-18", "2022-06-19"},
      {"at the weekend", "2022-06-11", "2022-06-12"},  // The latest weekend begun by now.
      {"last weekend", "2022-06-11", "2022-06-12"},
      {"Monday, 13 June", "2022-06-13", "2022-06-13"},
  });
}

TEST_CASE("spans back from now", "[dates]") {
  check_cases({
      {"the last 48 hours", "2022-06-14", "2022-06-15"},
      {"the past 24 hours", "2022-06-15", "2022-06-15"},
      {"the past fortnight", "2022-06-02", "2022-06-15"},
      {"the past 5 days", "2022-06-11", "2022-06-15"},
      {"in recent days", "2022-06-09", "2022-06-15"},  // Recent days: the last seven.
      {"in recent weeks", "2022-05-19", "2022-06-15"},
      {"earlier this week", "2022-06-13", "2022-06-15"},
      {"earlier this month", "2022-06-01", "2022-06-15"},
  });
}

TEST_CASE("open ranges", "[dates]") {
  check_cases({
      {"since the 2nd of April", "2022-04-02", "2022-06-15"},
      {"since early March", "2022-03-01", "2022-06-15"},
      {"until 9 April", "", "2022-04-09"},
      {"up to 9 April", "", "2022-04-09"},
      {"after 9 April 2022", "2022-04-10", ""},
  });
}

TEST_CASE("seasons and parts of years", "[dates]") {
  check_cases({
      {"the autumn of 2021", "2021-09-01", "2021-11-30"},
      {"late 2021", "2021-09-01", "2021-12-31"},
      {"the first half of 2022", "2022-01-01", "2022-06-30"},
      {"the second half of 2021", "2021-07-01", "2021-12-31"},
      {"H1 2022", "2022-01-01", "2022-06-30"},
      {"H2 2021", "2021-07-01", "2021-12-31"},
      {"the last quarter of 2021", "2021-10-01", "2021-12-31"},
  });
}

TEST_CASE("a time of day beside a day resolves to the day", "[dates]") {
  check_cases({
      {"yesterday at 3pm", "2022-06-14", "2022-06-14"},
      {"yesterday at 3 pm", "2022-06-14", "2022-06-14"},
      {"Monday morning", "2022-06-13", "2022-06-13"},
      {"on 9 April 2022 at 10:30", "2022-04-09", "2022-04-09"},
      {"at 9am on Monday", "2022-06-13", "2022-06-13"},
      {"Monday 8:00 GMT", "2022-06-13", "2022-06-13"},
      {"at 3pm", "-", ""},
  });
}

TEST_CASE("parts of weeks, months and years, and days named by their place", "[dates]") {
  check_cases({
      {"the end of the month", "2022-06-21", "2022-06-30"},
      {"EOM", "2022-06-21", "2022-06-30"},
      {"the beginning of next week", "2022-06-20", "2022-06-22"},
      {"the end of last week", "2022-06-10", "2022-06-12"},
      {"the beginning of 2021", "2021-01-01", "2021-03-31"},
      {"by the end of next month", "2022-06-15", "2022-07-31"},
      {"the first Monday of June", "2022-06-06", "2022-06-06"},
      {"the last Friday of May", "2022-05-27", "2022-05-27"},
      {"the first Monday of last month", "2022-05-02", "2022-05-02"},
      {"the 20th of last month", "2022-05-20", "2022-05-20"},
      {"the last day of February 2020", "2020-02-29", "2020-02-29"},
      {"the day before yesterday", "2022-06-13", "2022-06-13"},
      {"next 3 days", "2022-06-16", "2022-06-18"},
      {"this quarter", "2022-04-01", "2022-06-30"},
      {"last quarter", "2022-01-01", "2022-03-31"},
      {"Wednesday of last week", "2022-06-08", "2022-06-08"},
      {"previous week", "2022-06-06", "2022-06-12"},
      {"Fri, Jul 18", "2014-07-18", "2014-07-18"},  // The latest 18 July that was a Friday.
      {"the end of the war", "-", ""},
  });
  const long now = day_number("2022-06-15");
  CHECK_FALSE(find_date_expression("Pay ABC 2000", now));  // A year after a name in capitals.
  CHECK_FALSE(find_date_expression("sat", now));           // Ordinary words, not weekdays.
  CHECK_FALSE(find_date_expression("wed in Paris", now));
  // "Upcoming" counts as "next" does: the whole weeks after this one (date_suites.md, `upcoming`).
  auto two = find_date_expression("two upcoming weeks", now);
  REQUIRE(two);
  CHECK(day_string(*two->range.from) == "2022-06-20");
  CHECK(day_string(*two->range.to) == "2022-07-03");
}

TEST_CASE("long runs of date words are read in linear time", "[dates]") {
  // The reader is recursive descent: forms that read a date inside another ("the first Monday of
  // the end of ...") must not multiply the work with every word. Its work is counted (date units
  // tried), not timed: twice the words may cost about twice the work, not four times.
  const long now = day_number("2022-06-15");
  auto work = [&](const std::string& unit, int repeats) {
    std::string q;
    for (int k = 0; k < repeats; ++k) q += unit;
    q += "March 2022";
    std::size_t units = 0;
    (void)find_date_expression(q, now, &units);
    return units;
  };
  for (const char* unit : {"the first Monday of ", "early ", "the end of ", "from the 3rd to ", "Monday of the ",
                           "the week of ", "between 3 and ", "at 9am on ", "the 20th of the ", "last "}) {
    INFO("unit: " << unit);
    const std::size_t once = work(unit, 60), twice = work(unit, 120);
    INFO("units tried: " << once << " for 60 repeats, " << twice << " for 120");
    CHECK(once > 0);
    CHECK(10 * twice <= 22 * once + 640);  // At most ~2.2 times the work (quadratic would be 4).
  }
}

TEST_CASE("more numeric, weekday and counted forms", "[dates]") {
  check_cases({
      {"2015-3-3", "2015-03-03", "2015-03-03"},
      {"06-17-2014", "2014-06-17", "2014-06-17"},
      {"31/Oct/1974", "1974-10-31", "1974-10-31"},
      {"07.jul.2014", "2014-07-07", "2014-07-07"},
      {"2014/10", "2014-10-01", "2014-10-31"},
      {"2/2013", "2013-02-01", "2013-02-28"},
      {"2016-09-23T02:54:32.845Z", "2016-09-23", "2016-09-23"},
      {"24/7", "-", ""},
      {"2018Q4", "2018-10-01", "2018-12-31"},
      {"Tuesday the 14th", "2022-06-14", "2022-06-14"},
      {"Tuesday 14th", "2022-06-14", "2022-06-14"},
      {"next March", "2023-03-01", "2023-03-31"},
      {"the third quarter", "2021-07-01", "2021-09-30"},  // The latest begun by now.
      {"2 Thursdays ago", "2022-06-02", "2022-06-02"},
      {"3mons ago", "2022-03-01", "2022-03-31"},
      {"1d ago", "2022-06-14", "2022-06-14"},
      {"Wed Aug 05 12:00:00 2015", "2015-08-05", "2015-08-05"},
      {"29.02.2020 13.12", "2020-02-29", "2020-02-29"},
      {"the morning of 3 June", "2022-06-03", "2022-06-03"},
      {"Monday early morning", "2022-06-13", "2022-06-13"},
  });
}

TEST_CASE("names that hold a month or a year are not dates", "[dates]") {
  const long now = day_number("2022-06-15");
  for (const char* text : {"March for Our Lives", "Euro 2020 final", "Windows 2000", "Pay ABC 2000", "Bloody Sunday",
                           "Good Friday agreement", "Q2 Holdings"}) {
    INFO("query: " << text);
    CHECK_FALSE(find_date_expression(text, now));
  }
  auto end = find_date_expression("shelling March", now);
  REQUIRE(end);
  CHECK(show(end->range.from) == "2022-03-01");
  auto year = find_date_expression("elections 2019", now);
  REQUIRE(year);
  CHECK(year->text == "2019");
}

// An occasion of the calendar before a year is no name like "Euro 2020": the year is read and the
// occasion stays text, to be sought in the articles of that year.
TEST_CASE("a year after a holiday or a named day is the year, the name left as text", "[dates]") {
  const long now = day_number("2022-06-15");
  for (const char* q : {"attacks on Christmas 2021", "Halloween 2021", "during Ramadan 2021", "Victory Day 2021",
                        "New Year's Eve 2021", "New Year 2021", "new year 2021", "Lunar New Year 2021"}) {
    INFO("query: " << q);
    auto e = find_date_expression(q, now);
    REQUIRE(e);
    CHECK(e->text == "2021");
    CHECK(show(e->range.from) == "2021-01-01");
    CHECK(show(e->range.to) == "2021-12-31");
  }
}

TEST_CASE("year spans, decades and ranges to date", "[dates]") {
  check_cases({
      {"the 2022-2023 season", "-", ""},  // "season" is no date word: read inside a query only.
      {"2021-2022", "2021-01-01", "2022-12-31"},
      {"the 1980s", "1980-01-01", "1989-12-31"},
      {"June 2021 to date", "2021-06-01", "2022-06-15"},
      {"23-24 June", "2021-06-23", "2021-06-24"},  // Said on 15 June: last year's.
      {"Jan-Mar 2022", "2022-01-01", "2022-03-31"},
      {"March-April", "2022-03-01", "2022-04-30"},
      {"Nov-Feb 2021", "2021-11-01", "2022-02-28"},
  });
}

TEST_CASE("glued words, days after next, old years and spans of clock times", "[dates]") {
  check_cases({
      {"14april 2015", "2015-04-14", "2015-04-14"},
      {"12 Jan 1876", "1876-01-12", "1876-01-12"},  // After a day and a month, any year.
      {"Friday after next", "2022-06-24", "2022-06-24"},
      {"March after next", "2024-03-01", "2024-03-31"},
      {"1pm-2pm yesterday", "2022-06-14", "2022-06-14"},
      {"yesterday 9-11am", "2022-06-14", "2022-06-14"},
  });
  const long now = day_number("2022-06-15");
  CHECK_FALSE(find_date_expression("2022may", now));            // Never a part of a word.
  CHECK_FALSE(find_date_expression("March 1500 troops", now));  // A bare month and a number.
}

TEST_CASE("seasons and weekends by their place, compound offsets", "[dates]") {
  check_cases({
      {"this summer", "2022-06-01", "2022-08-31"},  // Meteorological seasons, as "summer 2022".
      {"last winter", "2021-12-01", "2022-02-28"},
      {"this past weekend", "2022-06-11", "2022-06-12"},
      {"the last weekend of May", "2022-05-28", "2022-05-29"},
      {"this week-end", "2022-06-18", "2022-06-19"},
      {"1 year 2 months from now", "2023-08-01", "2023-08-31"},  // The smallest unit named is the grain.
      {"1 year, 1 month and 1 day ago", "2021-05-14", "2021-05-14"},
      {"earlier today", "2022-06-15", "2022-06-15"},
      {"a week ago", "2022-06-06", "2022-06-12"},         // The week holding that day...
      {"a week ago at 9am", "2022-06-08", "2022-06-08"},  // ...or, with a clock time, the day.
      {"around next Tuesday", "2022-06-21", "2022-06-21"},
      {"in 2014 AD", "2014-01-01", "2014-12-31"},
      {"tomorrow at lunch", "2022-06-16", "2022-06-16"},
      {"21 January 2012 13:11:23.678", "2012-01-21", "2012-01-21"},
      {"later yesterday", "2022-06-14", "2022-06-14"},
  });
}

// Round 5 (chrono's suite): a zone after a day, the working day before or after today, glued
// directions and month counts, "a few days ago". Each keeps the words it must not take as text.
TEST_CASE("zones after a day, working days, glued units and a few days ago", "[dates]") {
  check_cases({
      {"Jan 1, 2020 Morning UTC", "2020-01-01", "2020-01-01"},
      {"Friday 10 June 2022 EST", "2022-06-10", "2022-06-10"},
      {"last weekday", "2022-06-14", "2022-06-14"},  // Now is a Wednesday.
      {"next weekday", "2022-06-16", "2022-06-16"},
      {"lastweek", "2022-06-06", "2022-06-12"},
      {"a few days ago", "2022-06-08", "2022-06-13"},
      {"6mos ago", "2021-12-01", "2021-12-31"},
  });
  const long now = day_number("2022-06-15");
  // A weekend day: the working day before is Friday, the one after Monday.
  CHECK(parse_date_phrase("last weekday", day_number("2022-06-19"))->from == day_number("2022-06-17"));
  CHECK(parse_date_phrase("next weekday", day_number("2022-06-18"))->from == day_number("2022-06-20"));
  // A zone's letters in lower case may be a word: the date ends before it.
  auto wet = find_date_expression("March 3 wet weather", now);
  REQUIRE(wet);
  CHECK(wet->text == "March 3");
  auto est = find_date_expression("10 June 2022 est. cost", now);
  REQUIRE(est);
  CHECK(est->text == "10 June 2022");
  CHECK_FALSE(find_date_expression("weekday traffic", now));
  CHECK_FALSE(find_date_expression("lastminute deals", now));
  CHECK_FALSE(find_date_expression("a few weeks ago", now));
  CHECK_FALSE(find_date_expression("5/5 stars", now));  // A score, not 5 May.
  CHECK_FALSE(find_date_expression("3 Mon", now));      // "Mon" capitalised may be a Monday, no count.
}

// Months named one after another without a year: the latest run whose last month has begun ("December
// and January" said in December 2022 is December 2021 to January 2022, not a year earlier).
TEST_CASE("consecutive months without a year are the latest run begun by now", "[dates]") {
  auto range = [](const char* q, const char* now) {
    auto r = parse_date_phrase(q, day_number(now));
    REQUIRE(r);
    return show(r->from) + ".." + show(r->to);
  };
  CHECK(range("December and January", "2022-12-15") == "2021-12-01..2022-01-31");
  CHECK(range("December and January", "2022-04-20") == "2021-12-01..2022-01-31");
  CHECK(range("November and December", "2022-12-15") == "2022-11-01..2022-12-31");
  CHECK(range("March and April", "2022-04-20") == "2022-03-01..2022-04-30");
  CHECK(range("March and April", "2022-03-21") == "2021-03-01..2021-04-30");
}
