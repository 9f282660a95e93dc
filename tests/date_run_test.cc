// tests/date_run_test.cc: a date is read whole or not at all (query/understand/date_run.h): when
// date words are left around what the reader read, no date is taken, the words stay text, and
// the run is reported as not understood; words that only look like dates are not reported.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

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
      {"later than 9:30 but before 11:00 on Thursday", "", "before 11:00 on Thursday"},
      {"Aug 7, 2014Aug 7, 2014", "", "Aug 7, 2014Aug 7, 2014"},
      {"two upcoming weeks", "", ""},
      // Whole: taken, nothing reported.
      {"from the 3rd to the 9th of April 2022", "2022-04-03", ""},
      {"casualties 3 April - 9 May 2022", "2022-04-03", ""},
      {"shelling since the 2nd of April", "2022-04-02", ""},
      {"talks Thursday at 3pm in Geneva", "2022-06-09", ""},
      {"protests April 3-9", "2022-04-03", ""},
      {"shelling January", "2022-01-01", ""},
      {"casualties in March 2022", "2022-03-01", ""},
      {"casualties 300 in March 2022", "2022-03-01", ""},
      {"killed 3 in March 2022 in Kyiv", "2022-03-01", ""},
      {"between 1 and 15 March 2022", "2022-03-01", ""},
      // Not a date, and nothing that looks like one: no report either.
      {"protesters march in Kyiv", "", ""},
      {"May said", "", ""},
      {"Grace August", "", ""},
      {"the past", "", ""},
      {"last chance", "", ""},
      {"between friends", "", ""},
      {"page 12", "", ""},
      {"Kyiv to Odesa", "", ""},
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
