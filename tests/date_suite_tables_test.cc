// tests/date_suite_tables_test.cc: query understanding against date test suites written by others
// (Duckling's and dateparser's English tests, converted to tables by the rules of
// tests/data/date_suites.md). Each row is a whole query given to newsq::understand(), so the
// whole-or-nothing rule applies as for a user. The shares are floors that may only rise: when the
// reader learns forms, raise them to what it measures.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "newsq/understood_query.h"
#include "test_support.h"

namespace {

struct Tally {
  std::size_t rows = 0, right = 0, wrong = 0, not_read = 0;
  double share(std::size_t n) const { return rows ? static_cast<double>(n) / static_cast<double>(rows) : 0; }
};

// Columns: expression, now, from, to ('-' = not a date; empty = open end).
Tally run_table(const std::string& name) {
  const auto path = newsq::test::source_dir() / "tests" / "data" / name;
  std::ifstream in(path);
  REQUIRE(in);
  Tally t;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells;
    std::stringstream split(line);
    for (std::string cell; std::getline(split, cell, '\t');) cells.push_back(cell);
    cells.resize(4);
    ++t.rows;
    const auto u = newsq::understand(cells[0], cells[1]);
    const bool read = !u.date_text.empty();
    const bool right = cells[2] == "-" ? !read : read && u.from == cells[2] && u.to == cells[3];
    if (right)
      ++t.right;
    else if (read)
      ++t.wrong;
    else
      ++t.not_read;
  }
  std::printf("%s: %zu rows, right %.1f%%, wrong but confident %.1f%%, left as text %.1f%%\n", name.c_str(), t.rows,
              100 * t.share(t.right), 100 * t.share(t.wrong), 100 * t.share(t.not_read));
  return t;
}

}  // namespace

TEST_CASE("Duckling's English date corpus: the share read right does not fall", "[understanding][dates]") {
  const Tally t = run_table("date_suite_duckling.tsv");
  CHECK(t.rows >= 500);
  CHECK(t.share(t.right) >= 0.10);
  CHECK(t.share(t.wrong) <= 0.10);
}

TEST_CASE("dateparser's English date tests: the share read right does not fall", "[understanding][dates]") {
  const Tally t = run_table("date_suite_dateparser.tsv");
  CHECK(t.rows >= 250);
  CHECK(t.share(t.right) >= 0.42);
  CHECK(t.share(t.wrong) <= 0.05);
}
