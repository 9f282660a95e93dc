// tests/date_run_test.cc: a date is read whole or not at all (query/understand/date_run.h): when
// date words are left around what the reader read, no date is taken, the words stay text, and
// the run is reported as not understood; words that only look like dates are not reported.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <cstdint>
#include <string>

#include "newsq/error.h"
#include "newsq/understood_query.h"
#include "test_support.h"

namespace {

struct Row {
  const char* query;
  const char* from;            // "" = no date taken.
  const char* not_understood;  // "" = nothing reported.
};

}  // namespace

TEST_CASE("a date is read whole or not at all", "[understanding][dates]") {
  const Row rows[] = {
      // Read in part before: now nothing of them is a date, and all of it stays text.
      // (Days past any month's end keep them unreadable whatever forms the reader learns.)
      {"from the 3rd to the 99th of April 2022", "", "from the 3rd to the 99th of April 2022"},
      {"casualties 3 April - 99 May 2022", "", "3 April - 99 May 2022"},
      {"shelling since the 42nd of April", "", "since the 42nd of April"},
      {"in March 2022 and early Aprill", "", "in March 2022 and early"},
      {"2022/13/45 shelling", "", "2022/13/45"},
      {"01/02/2022", "", "01/02/2022"},
      // Half a date, or a title holding one: left whole as text.
      {"shelling from the 3rd to the", "", "from the 3rd"},
      {"The Day After Tomorrow film", "", "Day After Tomorrow"},
      {"talks last week end in failure", "", "last week end"},  // "end" a verb: no weekend, no last week.
      {"Aug 7, 2014Aug 7, 2014", "", "Aug 7, 2014Aug 7, 2014"},
      {"talks 3 and 7 March", "", "3 and 7 March"},
      {"early April or late March", "", "early April or late March"},
      {"killed 3 in 2022", "2022-01-01", ""},
      // "not" before a date: no days to search ("not in March"), or a bound turned ("not before").
      {"shelling not in March", "", "not in March"},
      {"aid not in March 2022", "", "not in March 2022"},
      {"talks March and May 2022", "", "March and May 2022"},  // Two months apart: no one range.
      // Whole: taken, nothing reported.
      {"from the 3rd to the 9th of April 2022", "2022-04-03", ""},
      {"casualties 3 April - 9 May 2022", "2022-04-03", ""},
      {"shelling since the 2nd of April", "2022-04-02", ""},
      {"talks Thursday at 3pm in Geneva", "2022-06-09", ""},
      {"later than 9:30 but before 11:00 on Thursday", "2022-06-09", ""},  // Bounds of a time: the day.
      {"strikes in the early hours of Sunday", "2022-06-12", ""},
      {"protests April 3-9", "2022-04-03", ""},
      {"shelling January", "2022-01-01", ""},
      {"casualties in March 2022", "2022-03-01", ""},
      {"casualties 300 in March 2022", "2022-03-01", ""},
      {"killed 3 in March 2022 in Kyiv", "2022-03-01", ""},
      {"between 1 and 15 March 2022", "2022-03-01", ""},
      {"two upcoming weeks", "2022-06-20", ""},  // As "the next two weeks".
      {"aid not before 1 March", "2022-03-01", ""},
      {"grain exports 24 Feb onwards", "2022-02-24", ""},
      {"protests 2021 to 2022", "2021-01-01", ""},
      {"shelling the weekend of 5 March 2022", "2022-03-05", ""},
      {"refugees may and june 2022", "2022-05-01", ""},    // Once June, with "may and" as text.
      {"parade on Victory Day 2022", "2022-01-01", ""},    // Once all text, "Day 2022" reported.
      {"shelling this time last year", "2021-06-01", ""},  // Once 2021, with "this time" as text.
      {"April and may continue", "2022-04-01", ""},        // April alone: "may" a verb, no list of months.
      // Not a date, and nothing that looks like one: no report either.
      {"protesters march in Kyiv", "", ""},
      {"May said", "", ""},
      {"Grace August", "", ""},
      {"the past", "", ""},
      {"last chance", "", ""},
      {"between friends", "", ""},
      {"page 12", "", ""},
      {"Kyiv to Odesa", "", ""},
      {"election day results", "", ""},
      {"the day the war started", "", ""},  // "day" alone names no day: nothing to report.
      // A year dating an event a bound counts from: the days meant are no whole year.
      {"sanctions before Christmas 2021", "", ""},
      {"shelling since easter 2022", "", ""},
      {"protests after elections 2019", "", ""},
  };
  for (const Row& row : rows) {
    INFO("query: " << row.query);
    auto u = newsq::understand(row.query, "2022-06-15");
    CHECK(u.from == row.from);
    CHECK(u.date_not_understood == row.not_understood);
    if (std::string(row.from).empty()) {
      CHECK(u.date_text.empty());
      CHECK(u.to.empty());
      for (const auto& span : u.spans) CHECK(span.as == "text");
    }
  }
}

TEST_CASE("explain says what was not understood as a date", "[understanding][cli]") {
  auto plain = newsq::test::run_cli({"explain", "--now", "2022-06-15", "from the 3rd to the 99th of April"});
  REQUIRE(plain.exit_code == 0);
  CHECK(plain.out.find("not understood as a date: \"from the 3rd to the 99th of April\"") != std::string::npos);
  CHECK(plain.out.find("\ndate ") == std::string::npos);
  auto json = nlohmann::json::parse(
      newsq::test::run_cli({"explain", "--json", "--now", "2022-06-15", "shelling since the 42nd of April"}).out);
  CHECK(json["date_not_understood"] == "since the 42nd of April");
  CHECK_FALSE(json.contains("date"));
  CHECK(json["text"] == "shelling since the 42nd of April");
}

TEST_CASE("random runs of date words keep the contract", "[understanding][dates]") {
  // Pieces of every form the reader knows, shuffled into nonsense: understanding never throws but
  // QueryError, never takes a date and reports one as not understood at once, and never takes an
  // empty range (a start after its end).
  const char* vocab[] = {"the",
                         "of",
                         "in",
                         "on",
                         "at",
                         "to",
                         "-",
                         "from",
                         "between",
                         "and",
                         "since",
                         "until",
                         "up",
                         "by",
                         "for",
                         "last",
                         "past",
                         "next",
                         "this",
                         "ago",
                         "hence",
                         "now",
                         "today",
                         "yesterday",
                         "tomorrow",
                         "day",
                         "days",
                         "week",
                         "weeks",
                         "month",
                         "year",
                         "quarter",
                         "qtr",
                         "weekend",
                         "Monday",
                         "thu",
                         "sat",
                         "Friday",
                         "March",
                         "march",
                         "May",
                         "April",
                         "Jan",
                         "feb13",
                         "14april",
                         "2022",
                         "1999",
                         "1876",
                         "3",
                         "9",
                         "21st",
                         "31",
                         "45",
                         "twenty",
                         "first",
                         "twenty-first",
                         "early",
                         "mid",
                         "late",
                         "mid-March",
                         "end",
                         "beginning",
                         "EOM",
                         "BOY",
                         "H1",
                         "Q3",
                         "2018Q4",
                         "3pm",
                         "10:30",
                         "19h30",
                         "GMT",
                         "am",
                         "morning",
                         "2022/3/21",
                         "25/12/2022",
                         "01/02/2022",
                         "3-9",
                         "1pm-2pm",
                         "2022-2023",
                         "1980s",
                         "after",
                         "Kyiv",
                         "\"quoted",
                         "phrase\"",
                         "-russia",
                         "NOT",
                         "OR",
                         "(",
                         ")",
                         "2y",
                         "3mons",
                         "thursdays",
                         "upcoming",
                         "current",
                         "half",
                         "second",
                         "autumn",
                         "12.16",
                         "2015-05-02T10:20:19+0000",
                         "29",
                         "Feb",
                         "week's",
                         "around",
                         "date",
                         "2014Aug",
                         "recent",
                         "fortnight",
                         "hours"};
  const std::size_t n = sizeof(vocab) / sizeof(vocab[0]);
  std::uint32_t state = 12345;
  auto next = [&] { return state = state * 1664525u + 1013904223u; };
  for (int round = 0; round < 20000; ++round) {
    std::string q;
    const int words = 1 + static_cast<int>((next() >> 8) % 9);
    for (int k = 0; k < words; ++k) {
      if (k) q += (next() >> 8) % 7 == 0 ? ", " : " ";
      q += vocab[(next() >> 8) % n];
    }
    INFO("query: " << q);
    try {
      const auto u = newsq::understand(q, "2022-06-15");
      CHECK((u.date_text.empty() || u.date_not_understood.empty()));
      CHECK((u.date_text.empty() || !u.from.empty() || !u.to.empty()));
      CHECK((u.from.empty() || u.to.empty() || u.from <= u.to));
    } catch (const newsq::QueryError&) {}
  }
}
