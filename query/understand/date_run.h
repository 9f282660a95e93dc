// query/understand/date_run.h: the date-looking run of words around a date expression, so that a
// date is taken whole or not at all. The date reader (date_expression.h) reads the longest
// expression it knows at the first place it can; when the words around it still look like part
// of a date ("from the 3rd to the 9th of April 2022" read as "9th of April 2022", "3 April -
// 9 May 2022" read as "3 April"), taking that expression would filter on the wrong days and
// leave date words in the text. Then understanding takes no date and reports the run instead.
//
// A run is a stretch of date vocabulary: month and weekday names, years, days beside a month,
// ordinals, numeric dates, and the words dates are built of (from, to, between, since, the week
// of, last, past, ago, ...). Words that only join ("the", "in", "of", "and", "to", "-") never make
// a read partial on their own; any other date word outside the expression does.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace newsq::query {

struct DateRun {
  std::size_t begin = 0, end = 0;  // Byte span in the line.
  std::string text;                // As written.
};

// `found`: the span [begin, end) of the date expression read in `line`, if one was. Returns the
// run to report as not understood: the run around `found` when it holds date words outside it
// (so `found` must not be taken), or, with nothing found, a run that plainly looks like a date
// ("on Thursday", "2022/13/45") but was not read. Returns nothing when `found` is the whole run
// or nothing looks like a date. Words holding bytes below 0x20 (placeholders of locked text,
// claimed spans) end a run.
std::optional<DateRun> unread_date_run(std::string_view line, std::optional<std::pair<std::size_t, std::size_t>> found);

}  // namespace newsq::query
