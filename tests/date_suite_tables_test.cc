// tests/date_suite_tables_test.cc: query understanding against date test suites written by others
// (Duckling's and dateparser's English tests, converted to tables by the rules of
// tests/data/date_suites.md), and chrono's, a third suite converted after the reader was written, so its first
// measurement was a held-out one (date_suites.md). Each row is a whole query given to newsq::understand(), so the
// whole-or-nothing rule applies as for a user. The shares are floors that may only rise: when the
// reader learns forms, raise them to what it measures.
//
// A row may carry a 5th column naming a documented convention where newsq deliberately answers
// otherwise than the suite (date_suites.md, "Conventions"); the suite's answer stays the expected
// one, and the shares are reported and asserted both over all rows and over the rows without one.
// NEWSQ_SUITE_ROWS=1 in the environment prints every row not read right, for working on the reader.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/index/schema.h"
#include "newsq/understood_query.h"
#include "test_support.h"

namespace {

struct Tally {
  std::size_t rows = 0, right = 0, wrong = 0, not_read = 0;
  double share(std::size_t n) const { return rows ? static_cast<double>(n) / static_cast<double>(rows) : 0; }
  void print(const std::string& what) const {
    std::printf("%s: %zu rows, right %.1f%%, wrong but confident %.1f%%, left as text %.1f%%\n", what.c_str(), rows,
                100 * share(right), 100 * share(wrong), 100 * share(not_read));
  }
};

struct Tallies {
  Tally all, plain;       // plain: the rows without a convention tag.
  std::size_t stale = 0;  // Rows with a convention tag that newsq reads as the suite does.
  // Rows tagged `forward` whose suite answer is not newsq's reading a week or a year later: the tag
  // would hide a wrong answer rather than name a direction.
  std::size_t unproven_forward = 0;
};

// Columns: expression, now, from, to ('-' = not a date; empty = open end), optional convention.
Tallies run_table(const std::string& name) {
  const auto path = newsq::test::source_dir() / "tests" / "data" / name;
  std::ifstream in(path);
  REQUIRE(in);
  const bool show_rows = std::getenv("NEWSQ_SUITE_ROWS") != nullptr;
  Tallies t;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells;
    std::stringstream split(line);
    for (std::string cell; std::getline(split, cell, '\t');) cells.push_back(cell);
    cells.resize(5);
    const bool convention = !cells[4].empty();
    const auto u = newsq::understand(cells[0], cells[1]);
    const bool read = !u.date_text.empty();
    const bool right = cells[2] == "-" ? !read : read && u.from == cells[2] && u.to == cells[3];
    if (convention && right) {
      ++t.stale;
      std::printf("  stale convention tag: %s [%s]\n", cells[0].c_str(), cells[1].c_str());
    }
    for (Tally* tally : {&t.all, convention ? nullptr : &t.plain}) {
      if (!tally) continue;
      ++tally->rows;
      if (right)
        ++tally->right;
      else if (read)
        ++tally->wrong;
      else
        ++tally->not_read;
    }
    // What newsq reads a week, a month and a year later: where that is the suite's answer, the
    // suite resolved forward (the `forward` convention). A month later shows a day of the month
    // alone ("the 1st"); the day is kept where that month has it, else the month's 28th.
    const long now = newsq::schema::day_number(cells[1]);
    const auto week = newsq::understand(cells[0], newsq::schema::day_string(now + 7));
    const int now_year = std::stoi(cells[1].substr(0, 4)), now_month = std::stoi(cells[1].substr(5, 2));
    const int later_year = now_month == 12 ? now_year + 1 : now_year, later_month = now_month % 12 + 1;
    char later_now[16];
    std::snprintf(later_now, sizeof later_now, "%04d-%02d-%s", later_year, later_month,
                  std::stoi(cells[1].substr(8, 2)) > 28 ? "28" : cells[1].substr(8, 2).c_str());
    const auto month = newsq::understand(cells[0], later_now);
    const auto year =
        newsq::understand(cells[0], std::to_string(std::stoi(cells[1].substr(0, 4)) + 1) + cells[1].substr(4, 3) +
                                        (cells[1].substr(5) == "02-29" ? "-28" : cells[1].substr(7)));
    auto reads_as_suite = [&](const newsq::UnderstoodQuery& later) {
      return !later.date_text.empty() && later.from == cells[2] && later.to == cells[3];
    };
    if (cells[4] == "forward" && !reads_as_suite(week) && !reads_as_suite(month) && !reads_as_suite(year)) {
      ++t.unproven_forward;
      std::printf("  forward tag not shown by a later now: %s [%s]\n", cells[0].c_str(), cells[1].c_str());
    }
    if (show_rows && !right)
      std::printf("  %s [%s] %s | want %s..%s | got %s..%s (%s)%s%s | week on %s..%s | year on %s..%s\n",
                  read ? "WRONG" : "TEXT ", cells[1].c_str(), cells[0].c_str(), cells[2].c_str(), cells[3].c_str(),
                  u.from.c_str(), u.to.c_str(), u.date_text.c_str(), convention ? " convention " : "", cells[4].c_str(),
                  week.from.c_str(), week.to.c_str(), year.from.c_str(), year.to.c_str());
  }
  t.all.print(name);
  t.plain.print(name + " without convention rows");
  return t;
}

}  // namespace

// Floors measured on this tree, set a little under. Over all rows the wrong share includes the
// convention rows (date_suites.md), where newsq answers otherwise on purpose; the rows without a
// convention hold the wrong-but-confident share down. Duckling's all-rows wrong ceiling rose from
// 0.33 to 0.43 when its 40 "upcoming two weeks" rows (the `upcoming` convention), left as text
// before, came to be read as "the next two weeks"; the rows without a convention stay under 1%.
// It rose again to 0.47 (0.458 measured) when 16 rows left as text came to be read by a convention:
// weeks of a month or year (`nth-week`), a weekday with a clock time or after a date (`forward`),
// "all week" (`saturday-end`), "through 2014" (`through`), "last week end of October".
TEST_CASE("Duckling's English date corpus: the share read right does not fall", "[understanding][dates]") {
  const Tallies t = run_table("date_suite_duckling.tsv");
  CHECK(t.all.rows >= 500);
  CHECK(t.stale == 0);
  CHECK(t.unproven_forward <= 2);  // "Fri, Jul 18" and "Jul 18, Fri": tagged by hand (date_suites.md).
  CHECK(t.all.share(t.all.right) >= 0.49);
  CHECK(t.all.share(t.all.wrong) <= 0.47);  // Convention rows read as newsq's convention.
  CHECK(t.plain.share(t.plain.right) >= 0.95);
  CHECK(t.plain.share(t.plain.wrong) <= 0.005);
}

TEST_CASE("dateparser's English date tests: the share read right does not fall", "[understanding][dates]") {
  const Tallies t = run_table("date_suite_dateparser.tsv");
  CHECK(t.all.rows >= 250);
  CHECK(t.stale == 0);
  CHECK(t.unproven_forward <= 1);  // "29 Feb" from 1702-03-01: tagged by hand (1700 had no 29 February).
  // 0.854 before the four rows of the year 1 or 2 ("2013 years ago") were left as text on purpose
  // (`before-1000`: no search takes a day before the year 1000, date_suites.md).
  CHECK(t.all.share(t.all.right) >= 0.84);
  // 0.04 until eight rows left as text came to be read by a convention (0.065 measured): "till
  // date" (`to-date`), "last decade" and "next decade" (`decade`), "29 Feb" (`forward`).
  CHECK(t.all.share(t.all.wrong) <= 0.07);
  CHECK(t.plain.share(t.plain.right) >= 0.965);
  CHECK(t.plain.share(t.plain.wrong) <= 0.005);
}

// chrono's English tests (wanasit/chrono, test/en): measured first as converted, before the reader
// learnt anything from them (date_suites.md gives the numbers), then raised as families were added.
TEST_CASE("chrono's English date tests: the share read right does not fall", "[understanding][dates]") {
  const Tallies t = run_table("date_suite_chrono.tsv");
  CHECK(t.all.rows >= 380);
  CHECK(t.stale == 0);
  CHECK(t.unproven_forward <= 3);  // "The Deadline is Tuesday, 10 January" and two spellings: tagged by hand.
  // First measurement, before the reader learnt from this suite: 68.3% right over all rows, and
  // 82.4% right, 1.9% wrong over the rows without a convention (date_suites.md). Then 75.1% over all
  // rows (10.9% wrong: convention rows) and 92.3% right, none wrong, without a convention, once the
  // reader learnt counts from a named day, the year before its month, "10-August" and weekday ranges;
  // 75.6% and 93.0% with "November 1,2001- March 31,2002" and "Angie Mar November 2019"; 77.7% and
  // 96.5% (310 rows) with a zone or part of the day after a date, "last/next weekday", "lastmonth"
  // and "02/02". The all-rows wrong ceiling rose from 0.11 to 0.12 (0.117 measured) when three rows
  // left as text came to be read by a convention: "a few days ago" (`few`), "3mo later" and "in 1
  // mon" (`offset-grain`). 77.4% when "2019 to 2020", a negative test, came to be read as the
  // years (`bare-year`: newsq reads "2021 to 2022" in a query, issue 15).
  CHECK(t.all.share(t.all.right) >= 0.774);
  CHECK(t.all.share(t.all.wrong) <= 0.12);
  CHECK(t.plain.share(t.plain.right) >= 0.96);
  CHECK(t.plain.share(t.plain.wrong) <= 0.005);
}

TEST_CASE("the review table, written apart from the reader: every row right", "[understanding][dates]") {
  const Tallies t = run_table("date_review.tsv");
  CHECK(t.all.rows >= 59);
  CHECK(t.all.right == t.all.rows);
}
