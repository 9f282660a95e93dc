// query/understand/date_expression.cc: a small recursive-descent reader of English date expressions over the
// words of a query. Every form it knows is listed in date_expression_test.cc with its range.
#include "query/understand/date_expression.h"

#include <algorithm>
#include <vector>

#include "engine/common/days.h"
#include "query/understand/date_words.h"

namespace newsq::query {
namespace {

using namespace date_words;

// A day past the month's end runs on into the next month (common::days_from_civil).
long days(int y, unsigned m, unsigned d) { return common::days_from_civil(y, m, d); }
long last_day(int y, unsigned m) { return common::last_day_of_month(y, m); }
common::CivilDay civil(long d) { return common::civil_from_days(d); }
int year_of(long d) { return civil(d).year; }
unsigned month_of(long d) { return civil(d).month; }
// Monday of the week holding day d (1970-01-01 was a Thursday).
long monday_of(long d) { return d - ((d + 3) % 7 + 7) % 7; }

// What a parsed piece denotes, and which parts were written, so a range's first end can borrow
// the month or year written only at its second ("between 1 and 15 March 2022").
struct Span {
  long from = 0, to = 0;
  // day_range: days of one month written as a range ("3-9 April"), which "from" keeps whole.
  enum Unit { day_unit, month_unit, day_range, other } unit = other;
  bool day_or_month() const { return unit == day_unit || unit == month_unit; }
};

// Adds `n` months to the first day of (y, m).
void add_months(int& y, unsigned& m, int n) {
  int total = y * 12 + static_cast<int>(m) - 1 + n;
  y = total / 12;
  m = static_cast<unsigned>(total % 12) + 1;
}

class Reader {
 public:
  Reader(const std::vector<Word>& words, long now) : w_(words), now_(now) {}

  struct Result {
    DayRange range;
    std::size_t next;
  };

  // The longest date expression starting at word i, if any. A clock time before it ("at 9am on
  // Monday", "9:30 - 11:00 on Thursday") is part of it and dropped.
  std::optional<Result> expression(std::size_t i) {
    if (std::size_t t = time_group(i); t != i) {
      if (auto r = dated_expression(t)) return r;
    }
    return dated_expression(i);
  }

 private:
  // A hedge before a date says nothing a day filter can keep: "circa 2020", "approximately two
  // weeks ago", "ever since 2014", "at least since 2014", "as of March 2022" (the date itself).
  std::optional<Result> dated_expression(std::size_t i) {
    std::size_t k = i;
    if (at(k, "circa") || at(k, "approximately") || at(k, "roughly") || at(k, "ever"))
      k += 1;
    else if ((at(k, "at") && at(k + 1, "least")) || (at(k, "as") && at(k + 1, "of")))
      k += 2;
    return unhedged_expression(k);
  }

  std::optional<Result> unhedged_expression(std::size_t i) {
    // "in May" is a month; "for May" or "at May" (a vote, a person) is not, though "for the past
    // month" and "at the weekend" are dates.
    if (at(i, "in") || at(i, "on") || at(i, "during") || at(i, "throughout")) {
      if (auto r = expression_core(i + 1, true)) return r;
    }
    if (at(i, "at") || at(i, "for") || at(i, "over") || at(i, "around") || at(i, "within")) {
      if (auto r = expression_core(i + 1, false)) return r;
    }
    return expression_core(i, false);
  }

  bool at(std::size_t i, std::string_view text) const { return i < w_.size() && w_[i].text == text; }
  const std::string& word(std::size_t i) const {
    static const std::string none;
    return i < w_.size() ? w_[i].text : none;
  }

  std::optional<Result> expression_core(std::size_t i, bool after_preposition) {
    if (i >= w_.size()) return std::nullopt;
    std::string first = w_[i].text;
    // by the end of next month, by EOM: from now to that end.
    if (first == "by") {
      std::size_t k = at(i + 1, "the") ? i + 2 : i + 1;
      if (at(k, "end") || at(k, "eom") || at(k, "eoy")) {
        if (auto p = point(i + 1, true); p && p->span.to >= now_) return Result{{now_, p->span.to}, p->next};
      }
      return std::nullopt;
    }
    // "till date" (South Asian English: so far): until today, as "until today" is (date_suites.md,
    // `to-date`). Not "up to date", which is no date.
    if (first == "till" && at(i + 1, "date")) return Result{{std::nullopt, now_}, i + 2};
    // through 2014, thru Monday: until its end, inclusive as English "through" is (date_suites.md,
    // `through`). What follows must be a date on its own ("walk through march" holds none).
    if (first == "through" || first == "thru") {
      if (auto p = point(i + 1, false)) return Result{{std::nullopt, p->span.to}, p->next};
      return std::nullopt;
    }
    if (first == "up" && at(i + 1, "to")) {
      first = "until";
      ++i;
    }
    // "on or after 1 March" holds 1 March; "no later than", "not after" end a range, "no earlier
    // than", "not before" begin one (a date after "not" is never read as the date itself: "not in
    // March" names no days to search, so its words stay text).
    {
      std::size_t k = i;
      int bound = 0;  // -1: the date ends the range; 1: it begins it.
      if (first == "on" && at(i + 1, "or") && (at(i + 2, "after") || at(i + 2, "before"))) {
        bound = at(i + 2, "after") ? 1 : -1, k = i + 3;
      } else if ((first == "no" || first == "not") && (at(i + 1, "later") || at(i + 1, "earlier")) && at(i + 2, "than")) {
        bound = at(i + 1, "later") ? -1 : 1, k = i + 3;
      } else if (first == "not" && (at(i + 1, "before") || at(i + 1, "after"))) {
        bound = at(i + 1, "before") ? 1 : -1, k = i + 2;
      }
      if (bound) {
        auto p = point(k, true);
        if (!p) return std::nullopt;
        DayRange r;
        if (bound > 0) r.from = p->span.from;
        else r.to = p->span.to;
        return Result{r, p->next};
      }
      if (first == "not" || first == "no") return std::nullopt;
    }
    if (first == "since" || first == "after" || first == "before" || first == "until" || first == "till" ||
        first == "from") {
      if (first == "from") {
        if (auto r = range_between(i + 1, {"to", "until", "till", "through", "thru", "-"})) return r;
        if (auto r = weekday_range(i + 1)) return r;
      }
      auto p = point(i + 1, true);
      if (!p) return std::nullopt;
      DayRange r;
      if (first == "since") {
        r.from = p->span.from;
        // Up to now; a start after now ("since 2030") has no such end, so it stays open.
        if (p->span.from <= now_) r.to = now_;
      } else if (first == "after") {
        r.from = p->span.to + 1;
      } else if (first == "before") {
        r.to = p->span.from - 1;
      } else if (first == "from") {
        r.from = p->span.from;
        if (p->span.unit == Span::day_range) r.to = p->span.to;  // "from July 13-15": those days.
      } else {
        r.to = p->span.to;
      }
      // "from 24 February onwards" says the same as "from 24 February".
      if (first == "from" || first == "since") return Result{r, onwards(p->next)};
      return Result{r, p->next};
    }
    if (first == "between") return range_between(i + 1, {"and"});
    // "pre-2022", "post-2014": before the year, after it.
    for (const bool pre : {true, false}) {
      const std::string_view prefix = pre ? "pre-" : "post-";
      if (!first.starts_with(prefix)) continue;
      const std::string_view year = std::string_view(first).substr(prefix.size());
      if (int y = year_number(year); y && all_digits(year)) {
        if (pre) return Result{{std::nullopt, days(y, 1, 1) - 1}, i + 1};
        return Result{{days(y, 12, 31) + 1, std::nullopt}, i + 1};
      }
    }
    if (auto r = month_list(i)) return r;
    if (auto r = weekday_range(i)) return r;
    if (auto r = range_between(i, {"to", "until", "till", "through", "thru", "-"}, /*need_full=*/true)) return r;
    // "so far this year": this year until today.
    if (first == "so" && at(i + 1, "far")) {
      if (auto p = point(i + 2, false); p && p->span.from <= now_ && now_ <= p->span.to)
        return Result{{p->span.from, now_}, p->next};
      return std::nullopt;
    }
    if (auto p = point(i, after_preposition)) {
      if (std::size_t end = onwards(p->next); end != p->next) return Result{{p->span.from, std::nullopt}, end};
      // "2022 so far", "this month so far": until today.
      if (at(p->next, "so") && at(p->next + 1, "far") && p->span.from <= now_ && now_ <= p->span.to)
        return Result{{p->span.from, now_}, p->next + 2};
      return Result{{p->span.from, p->span.to}, p->next};
    }
    return std::nullopt;
  }

  // "March and April 2022", "January, February and March": months named one after another, each
  // the next, with one year at the end (or none: as a month alone is read, the latest run of them
  // whose last month has begun by now): their span. Months that do not follow each other are no one range and are not
  // read here.
  std::optional<Result> month_list(std::size_t i) const {
    std::vector<unsigned> months;
    std::size_t k = i;
    for (;;) {
      const unsigned m = month_number(word(k));
      // Lower-case "may" and "march" are words unless the list shows them months: joined by
      // and/or/& to a month after them ("may and june 2022"),
      const bool word_month = (m == 5 || m == 3) && !w_[k].capital;
      // or, last in the list, with a year or nothing after it ("April and may continue" holds none).
      const bool joined_on = (at(k + 1, "and") || at(k + 1, "or") || at(k + 1, "&")) && month_number(word(k + 2)) &&
                             !month_abbreviation(word(k + 2));
      const bool listed = joined_on || (k > i && (k + 1 == w_.size() || year_number(word(k + 1))));
      if (!m || month_abbreviation(word(k)) || (word_month && !listed)) break;
      months.push_back(m);
      ++k;
      if (at(k, "and") || at(k, "or") || at(k, "&")) {
        ++k;
      } else if (!(k < w_.size() && k > 0 && month_number(word(k)) && q_comma_before(k))) {
        break;
      }
    }
    if (months.size() < 2) return std::nullopt;
    for (std::size_t m = 1; m < months.size(); ++m)
      if (months[m] != months[m - 1] % 12 + 1) return std::nullopt;
    int y_end = year_number(word(k));
    const std::size_t next = y_end ? k + 1 : k;
    const unsigned last_month = months.back();
    if (!y_end) y_end = latest_year(last_month, 1);  // The latest run whose last month has begun.
    const int y_start = y_end - (months.front() > last_month ? 1 : 0);  // "December and January 2022"
    return Result{{days(y_start, months.front(), 1), last_day(y_end, last_month)}, next};
  }

  // Whether the word before k ended with a comma in the query ("January, February").
  bool q_comma_before(std::size_t k) const { return k > 0 && w_[k - 1].comma_after; }

  // Whether a bound ("since", "before", "after", "until", ...) stands one to four words before
  // word k with only the words of an event between ("since Christmas", "after the elections of"):
  // no comma, number or date word among them.
  bool bound_before_event(std::size_t k) const {
    for (std::size_t j = k, between = 0; j-- > 0 && between <= 4; ++between) {
      const std::string& t = w_[j].text;
      if (w_[j].comma_after) return false;
      if (between > 0 && (t == "since" || t == "before" || t == "after" || t == "until" || t == "till" || t == "from" ||
                          t == "following"))
        return true;
      if (t.empty() || std::isdigit(static_cast<unsigned char>(t[0])) || month_number(t) || weekday_number(t))
        return false;
      for (unsigned char c : t)
        if (c < 0x20) return false;  // A span claimed before dates were read (a source, a place).
    }
    return false;
  }

  // Past "onwards" ("onward", "and after", "and later", "or later") at word k: the word after it,
  // else k. A date before it begins an open range ("24 Feb onwards", "March 2022 and after").
  std::size_t onwards(std::size_t k) const {
    if (at(k, "onwards") || at(k, "onward")) return k + 1;
    if ((at(k, "and") || at(k, "or")) && (at(k + 1, "after") || at(k + 1, "later")) && k + 2 == w_.size()) return k + 2;
    return k;
  }

  struct Point {
    Span span;
    std::size_t next;
  };

  // "Monday to Friday", "Friday - Monday", "from Monday through Friday": the latest first weekday not
  // after now (a weekday alone is read so) to the first second weekday after it, within a week.
  // Full names only: "sat to sun" are words.
  std::optional<Result> weekday_range(std::size_t i) const {
    const unsigned a = weekday_number(word(i)), b = weekday_number(word(i + 2));
    if (!a || !b || a == b || weekday_abbreviation(word(i)) || weekday_abbreviation(word(i + 2))) return std::nullopt;
    if (!(at(i + 1, "to") || at(i + 1, "-") || at(i + 1, "until") || at(i + 1, "through") || at(i + 1, "thru")))
      return std::nullopt;
    long from = weekday_before(a);
    if (from + 7 == now_) from = now_;
    const long to = from + ((static_cast<long>(b) - static_cast<long>(a)) % 7 + 7) % 7;
    return Result{{from, to}, i + 3};
  }

  // "A <sep> B" where A may borrow B's month and year. With need_full, A must stand on its own as
  // a day or month (so plain "kyiv to odesa" is never read as a range).
  std::optional<Result> range_between(std::size_t i, std::initializer_list<std::string_view> separators,
                                      bool need_full = false) {
    // A is at most four words; find the separator, then read B, then A with B's context.
    for (std::size_t sep = i + 1; sep <= i + 4 && sep < w_.size(); ++sep) {
      bool is_sep = false;
      for (auto s : separators) is_sep = is_sep || w_[sep].text == s;
      if (!is_sep) continue;
      auto b = point(sep + 1, true);
      if (!b && (at(sep + 1, "date") || at(sep + 1, "now")) && w_[sep].text != "-")
        b = Point{{now_, now_, Span::other}, sep + 2};  // "June 2022 to date"
      bool b_year = year_written_;
      if (!b) {
        // B a bare day of A's month: "April 3 to 9", "April 3 to 9, 2022".
        auto a = point(i, true);
        bool a_year = year_written_;
        std::size_t k = sep + 1;
        if (at(k, "the")) ++k;
        unsigned d = day_number(word(k));
        if (!a || a->next != sep || a->span.unit != Span::day_unit || !d) continue;
        auto ad = civil(a->span.from);
        int y = ad.year;
        if (int written = year_number(word(k + 1)); written && !a_year) {
          y = written;
          ++k;
        }
        auto from = common::real_day(y, ad.month, ad.day), to = common::real_day(y, ad.month, d);
        if (!from || !to || *to < *from) continue;
        return Result{{*from, *to}, k + 1};
      }
      auto a = point_with_context(i, sep, b->span, b_year);
      if (!a) continue;
      // Today, yesterday and tomorrow stand on their own too ("today - next friday").
      const bool named_day = at(i, "today") || at(i, "yesterday") || at(i, "tomorrow");
      // A year to a year ("2021 to 2022"): both written as years, the second not before the first.
      const bool years = a->next == i + 1 && year_number(word(i)) && all_digits(word(i)) && b->next == sep + 2 &&
                         year_number(word(sep + 1)) && all_digits(word(sep + 1));
      if (need_full && a->span.unit == Span::other && !named_day && !years) continue;
      if (a->span.from > b->span.to) continue;
      return Result{{a->span.from, b->span.to}, b->next};
    }
    return std::nullopt;
  }

  // Reads words [i, end) as the first end of a range whose second end is `b`.
  std::optional<Point> point_with_context(std::size_t i, std::size_t end, Span& b, bool b_year) {
    if (at(i, "the") && end > i + 1) ++i;
    if (auto p = point(i, true); p && p->next == end) {
      // B without its year takes A's ("3 April 2022 - 9 May"), the next year if it would come first.
      if (year_written_ && !b_year && b.day_or_month()) {
        auto bd = civil(b.from);
        int y = year_of(p->span.from);
        if (days(y, bd.month, 1) < days(year_of(p->span.from), month_of(p->span.from), 1)) ++y;
        if (b.unit == Span::month_unit)
          b = {days(y, bd.month, 1), last_day(y, bd.month), Span::month_unit};
        else if (auto v = common::real_day(y, bd.month, bd.day))
          b = {*v, *v, Span::day_unit};
      }
      // A month or day without its year borrows the year of B ("from March to May 2022").
      if (p->span.day_or_month() && !year_written_) {
        auto ab = civil(p->span.from);
        int y = year_of(b.from);
        if (days(y, ab.month, 1) > b.from) --y;  // "December to February 2022": December 2021.
        if (p->span.unit == Span::month_unit)
          p->span = {days(y, ab.month, 1), last_day(y, ab.month), Span::month_unit};
        else
          p->span = {days(y, ab.month, ab.day), days(y, ab.month, ab.day), Span::day_unit};
      }
      return p;
    }
    // A bare day ("1", "3rd") borrows B's month and year.
    if (end == i + 1 && b.unit == Span::day_unit) {
      if (unsigned d = day_number(w_[i].text)) {
        auto bd = civil(b.from);
        long from = days(bd.year, bd.month, d);
        if (d <= bd.day) return Point{{from, from, Span::day_unit}, end};
      }
    }
    return std::nullopt;
  }

  // One date unit, "the" before it allowed, and a time of day after a single day dropped ("yesterday
  // at 3pm", "Monday morning": the day). `context`: a date preposition came before.
  std::optional<Point> point(std::size_t i, bool context) {
    ++units_tried_;
    // A date holds a date a few levels deep at most ("since the end of the first week of March");
    // deeper nesting ("early early early ...") is no date, and would make reading quadratic.
    if (depth_ >= kMaxDepth) return std::nullopt;
    struct Deeper {
      int& depth;
      explicit Deeper(int& d) : depth(++d) {}
      ~Deeper() { --depth; }
    } deeper(depth_);
    // "the last week of February" is one unit, "the last week" another: the longer reading wins.
    std::optional<Point> p = point_raw(i, context);
    bool year = year_written_;
    if (at(i, "the")) {
      if (auto q = point_raw(i + 1, context); q && (!p || q->next > p->next)) {
        p = q;
        year = year_written_;
      }
    }
    year_written_ = year;
    if (!p || p->span.from != p->span.to) return p;
    // A weekday after a date ("Jul 18, Fri", "18 July Friday"): the date, and with no year written
    // the latest year in which it fell on that weekday, as when the weekday comes first. Not a
    // shortening that is an English word ("3 May sat down"), nor a name ("March 3 Sunday Times").
    const std::string& after = word(p->next);
    const bool word_or_name = after == "mon" || after == "wed" || after == "sat" || after == "sun" ||
                              (p->next + 1 < w_.size() && w_[p->next + 1].capital);
    if (unsigned wd = weekday_number(after); wd && p->span.unit == Span::day_unit && !word_or_name) {
      if (!year_written_) {
        auto c = civil(p->span.from);
        std::optional<long> v;
        for (int y = c.year, tries = 0; tries < 28 && !v; --y, ++tries)
          if (auto day = common::real_day(y, c.month, c.day);
              day && *day - monday_of(*day) == static_cast<long>(wd) - 1)
            v = day;
        if (!v) return std::nullopt;
        p->span.from = p->span.to = *v;
      }
      ++p->next;
    }
    std::size_t k = after_time_of_day(p->next);
    if (k == p->next && p->span.unit == Span::day_unit && dotted_time(word(k)))
      k = after_time_of_day(k + 1);  // "29.02.2020 13.12"
    // "Wed Aug 05 12:00:00 2015": a year written after the time.
    if (p->span.unit == Span::day_unit && !year_written_ && k > p->next) {
      if (int y = year_number(word(k))) {
        auto c = civil(p->span.from);
        std::optional<long> v = common::real_day(y, c.month, c.day);
        if (!v) return std::nullopt;
        p->span.from = p->span.to = *v;
        year_written_ = true;
        ++k;
      }
    }
    p->next = k;
    if (auto moved = moved_day(p->span.from, k)) {
      p->span = {moved->first, moved->first, Span::other};
      p->next = moved->second;
    }
    return p;
  }

  // Past a time of day written after a day ("at 3pm", "3pm", "at 9", "8:00 GMT", "19h30", "in the
  // morning", "morning"): the words it ends at. A time alone is no date; beside a day it is dropped,
  // since newsq filters by day.
  std::size_t after_time_of_day(std::size_t k) const {
    for (int pass = 0; pass < 2; ++pass) {  // "morning at 9", "at 9 in the morning".
      k = time_group(k);
      std::size_t early = at(k, "early") || at(k, "late") || at(k, "at") ? k + 1 : k;  // "early morning", "at lunch"
      if (part_of_day(word(early)))
        k = early + 1;
      else if (at(early, "in") && at(early + 1, "the") && part_of_day(word(early + 2)))
        k = early + 3;  // "early in the morning"
      else if (std::size_t hours = at(k, "in") && at(k + 1, "the") ? k + 2 : k; early_hours(hours))
        // "in the early hours (of the morning)": still the day before it.
        k = at(hours + 2, "of") && at(hours + 3, "the") && part_of_day(word(hours + 4)) ? hours + 5 : hours + 2;
      // A time zone in capitals after a day or a part of the day ("Jan 1, 2020 Morning UTC",
      // "Wednesday, September 16, 2020, EST"): the day as written there, as after a clock time. In
      // lower case a zone's letters may be a word ("wet", "est.").
      if (k < w_.size() && w_[k].all_caps && time_zone(w_[k].text)) ++k;
    }
    return k;
  }

  // "early hours" / "small hours" at word k: the night's end, a time of the day it belongs to.
  bool early_hours(std::size_t k) const { return (at(k, "early") || at(k, "small")) && at(k + 1, "hours"); }

  // A clock time or a span of clock times at word k ("at 3pm", "by 13:20", "from 9:30 to 11:00",
  // "between 9h30 and 11h00", "9:30 - 11:00"): the word after it, or k if there is none.
  // Bounds of clock times chain ("later than 9:30 but before 11:00", "after 9 and before 11"), and
  // a trailing "ish" is vague about the time, not the day ("1-2:30 ish").
  std::size_t time_group(std::size_t k) const {
    std::size_t t = one_time_group(k);
    if (t == k) return k;
    if (at(t, "ish")) ++t;
    for (int more = 0; more < 2 && (at(t, "but") || at(t, "and")); ++more) {
      std::size_t u = one_time_group(t + 1);
      if (u == t + 1 || !(at(t + 1, "before") || at(t + 1, "after") || at(t + 1, "until") || at(t + 1, "till") ||
                          at(t + 1, "earlier") || at(t + 1, "later")))
        break;
      t = at(u, "ish") ? u + 1 : u;
    }
    return t;
  }

  std::size_t one_time_group(std::size_t k) const {
    // The words that lead a clock time: "at 3pm", "by 13:20", "for 9am" (a time set on a day), a
    // bound ("before 11:00", "later than 9:30"), a span ("from 9:30 to 11:00", "in between 1-2:30").
    std::size_t from = k;
    if (at(k, "at") || at(k, "by") || at(k, "from") || at(k, "between") || at(k, "for") || at(k, "before") ||
        at(k, "after") || at(k, "until") || at(k, "till") || at(k, "untill"))
      from = k + 1;
    else if ((at(k, "later") || at(k, "earlier")) && at(k + 1, "than"))
      from = k + 2;
    else if (at(k, "in") && at(k + 1, "between"))
      from = k + 2;
    const bool span = at(k, "from") || at(k, "between") || at(k + 1, "between");
    std::size_t t = time_at(from);
    if (t == from && span && short_clock(word(from)) && (at(from + 1, "to") || at(from + 1, "-")) &&
        short_clock(word(from + 2)))
      return from + 3;  // "from 9a to 11a": Duckling's shorthand, read only as both ends of a span.
    if (t == from) return k;
    if (at(t, "-") || at(t, "to") || at(t, "till") || at(t, "until") || at(t, "untill") || at(t, "and")) {
      if (std::size_t u = time_at(t + 1); u != t + 1) return u;
      if (span) return k;  // "from 9:30 to May": no time span.
    }
    return t;
  }

  // "9a", "11p": an hour and the first letter of am/pm.
  static bool short_clock(std::string_view w) {
    return w.size() >= 2 && w.size() <= 3 && (w.back() == 'a' || w.back() == 'p') &&
           all_digits(w.substr(0, w.size() - 1));
  }

  // A clock time starting at word k ("3pm", "3 pm", "10:30", "10:30 a.m.", "19h30", "9 am BST"):
  // the word after it, or k if there is none. A bare number is a time only with am/pm, or after "at"
  // at the end of the words ("Saturday morning at 9").
  std::size_t time_at(std::size_t k) const {
    std::size_t n = k;
    if (time_of_day(word(k))) {
      n = k + 1;
    } else if ((all_digits(word(k)) && word(k).size() <= 2) ||
               (small_number(word(k)) >= 1 && !at(k, "a") && !at(k, "an") && o_clock(word(k + 1)))) {
      if (o_clock(word(k + 1)))
        n = k + 2;  // "8 o'clock", "eight o'clock"
      else if (at(k + 1, "am") || at(k + 1, "pm") || at(k + 1, "a.m") || at(k + 1, "p.m"))
        n = k + 2;
      else if (k > 0 && at(k - 1, "at") && (k + 1 == w_.size() || time_zone(word(k + 1))))
        n = k + 1;  // "Saturday morning at 9", "Thu at 8 GMT"
    } else if (dotted_time(word(k)) && (at(k + 1, "am") || at(k + 1, "pm") || at(k + 1, "a.m") || at(k + 1, "p.m"))) {
      n = k + 1;  // "12.16 pm"
    }
    if (n == k) return k;
    if (n < w_.size() && (at(n, "am") || at(n, "pm") || at(n, "a.m") || at(n, "p.m"))) ++n;
    if (time_zone(word(n))) ++n;
    return n;
  }

  // "o'clock" (with a straight or curly apostrophe) or "oclock".
  static bool o_clock(std::string_view w) { return w == "o'clock" || w == "oclock" || w == "o\u2019clock"; }

  std::optional<Point> point_raw(std::size_t i, bool context) {
    year_written_ = false;
    if (i >= w_.size()) return std::nullopt;
    const std::string& t = w_[i].text;
    std::size_t n = i + 1;

    // "the 15th", "on the first": a day of the month alone, the latest such day not after now, read
    // only where nothing follows it but a clock time, and not after a capitalised word ("Henry the
    // 8th") or a preposition no day takes ("scored in the 3rd"): "the 1st battalion", "on the first
    // attempt" hold no date. A 31st looks back two months.
    if (t == "the" && day_number(word(n)) && !all_digits(word(n)) && !tens_word(word(n)) &&
        after_time_of_day(n + 1) == w_.size() && !(i > 0 && w_[i - 1].capital) &&
        !(i > 0 && weekday_number(w_[i - 1].text)) &&  // "Tuesday the 19th" is read below.
        !(i > 0 && (at(i - 1, "in") || at(i - 1, "during") || at(i - 1, "at") || at(i - 1, "for") ||
                    at(i - 1, "over") || at(i - 1, "around")))) {  // A day is "on the 3rd", not "in the 3rd".
      const unsigned dm = day_number(word(n));
      auto c = civil(now_);
      int y = c.year;
      unsigned m = c.month;
      for (int tries = 0; tries < 3; ++tries, add_months(y, m, -1)) {
        if (std::optional<long> v = common::real_day(y, m, dm); v && *v <= now_)
          return Point{{*v, *v, Span::day_unit}, after_time_of_day(n + 1)};
      }
      return std::nullopt;
    }
    // the first Monday of October, the last Friday in the month
    if (unsigned wd = weekday_number(word(n));
        wd && (small_ordinal(t) || t == "last" || t == "final") && (at(n + 1, "of") || at(n + 1, "in"))) {
      if (auto m = calendar_ref(n + 2); m && m->span.to - m->span.from < 31) {
        long first = m->span.from, last = m->span.to;
        long d = first + ((static_cast<long>(wd) - 1 - (first - monday_of(first))) % 7 + 7) % 7;
        if (t == "last" || t == "final")
          d += (last - d) / 7 * 7;
        else
          d += 7 * (small_ordinal(t) - 1);
        if (d <= last) return Point{{d, d, Span::other}, m->next};
      }
    }
    // the fifth last day of May: counted back from its last day.
    if (unsigned back = day_number(t); back && at(n, "last") && at(n + 1, "day") && (at(n + 2, "of") || at(n + 2, "in"))) {
      if (auto m = calendar_ref(n + 3); m && is_month(m->span) && static_cast<long>(back) <= m->span.to - m->span.from + 1)
        return Point{{m->span.to - back + 1, m->span.to - back + 1, Span::other}, m->next};
    }
    // the last day of October 2015
    if (t == "last" && at(n, "day") && (at(n + 1, "of") || at(n + 1, "in"))) {
      if (auto m = calendar_ref(n + 2); m && is_month(m->span))
        return Point{{m->span.to, m->span.to, Span::other}, m->next};
    }
    // the morning of the 15th of February, the early hours of Sunday: the day.
    if ((part_of_day(t) && at(n, "of")) || (early_hours(i) && at(n + 1, "of"))) {
      if (auto d = point(part_of_day(t) ? n + 1 : n + 2, true); d && d->span.from == d->span.to) return d;
    }
    // the beginning / start / middle / end of a week, month or year; EOM, BOY, ...
    if (auto part = part_of_period(i)) return part;
    if (auto r = relative(i)) return r;
    // the week of 14 March 2022: Monday..Sunday of that week.
    if (t == "week" && at(n, "of")) {
      if (auto d = point(n + 1, true); d && d->span.unit == Span::day_unit) {
        long monday = monday_of(d->span.from);
        return Point{{monday, monday + 6, Span::other}, d->next};
      }
    }
    // the weekend of 5 March 2022: Saturday and Sunday of that (Monday..Sunday) week, as "the week
    // of" reads its week.
    if (weekend_word(t) && at(n, "of")) {
      if (auto d = point(n + 1, true); d && d->span.unit == Span::day_unit) {
        long saturday = monday_of(d->span.from) + 5;
        return Point{{saturday, saturday + 1, Span::other}, d->next};
      }
    }
    // H1 2022, the first half of 2022, the second half of March
    if ((t == "h1" || t == "h2") && year_number(word(n))) {
      int y = year_number(word(n));
      year_written_ = true;
      unsigned m0 = t == "h1" ? 1 : 7;
      return Point{{days(y, m0, 1), last_day(y, m0 + 5), Span::other}, n + 1};
    }
    if ((t == "first" || t == "second" || t == "last") && at(n, "half")) {
      std::size_t k = n + 1;
      if (at(k, "of")) ++k;
      if (auto inner = point(k, true); inner && (is_month(inner->span) || is_year(inner->span))) {
        long from = inner->span.from, to = inner->span.to;
        bool first = t == "first";
        if (is_year(inner->span)) {
          int y = year_of(from);
          return Point{first ? Span{days(y, 1, 1), last_day(y, 6)} : Span{days(y, 7, 1), last_day(y, 12)}, inner->next};
        }
        return Point{first ? Span{from, from + 14} : Span{from + 15, to}, inner->next};
      }
    }
    if (t == "last" && (at(n, "quarter") || at(n, "qtr"))) {
      std::size_t k = n + 1;
      if (at(k, "of")) ++k;
      if (int y = year_number(word(k))) return quarter(y, 4, k + 1);
    }
    if (weekend_word(t)) {
      long saturday = monday_of(now_) + 5;
      if (saturday > now_) saturday -= 7;
      return Point{{saturday, saturday + 1, Span::other}, n};
    }
    // Monday before last: a week before the latest Monday before today.
    if (at(n, "before") && at(n + 1, "last") && unit_of(word(n + 2)) == Unit::none && !word(n + 2).ends_with("'s")) {
      if (unsigned wd = weekday_number(t); wd && !weekday_abbreviation(t)) {
        const long d = weekday_before(wd) - 7;
        return Point{{d, d, Span::other}, n + 2};
      }
    }
    // Friday after next: a week after the first Friday after today; March after next likewise.
    if (at(n, "after") && at(n + 1, "next")) {
      if (unsigned wd = weekday_number(t); wd && !weekday_abbreviation(t)) {
        const long d = weekday_after(wd) + 7;
        return Point{{d, d, Span::other}, n + 2};
      }
      if (unsigned m = month_number(t); m && !month_abbreviation(t)) {
        int y = year_of(now_) + (m <= month_of(now_) ? 1 : 0) + 1;
        return month_point(y, m, n + 2);
      }
    }
    // Thursday: the latest before today; "Monday, Feb 18": the date written.
    if (unsigned wd = weekday_number(t)) {
      // "Bloody Sunday", "Super Tuesday", "Good Friday": a capitalised weekday after a capitalised
      // word is a name, unless a day or time follows.
      if (!context && i > 0 && w_[i - 1].capital && w_[i].capital && !month_number(w_[i - 1].text) &&
          !weekday_number(w_[i - 1].text) && !day_number(word(n)) && !month_number(word(n)) &&
          after_time_of_day(n) == n)
        return std::nullopt;
      // Wednesday of next week, Sunday from last week, Wednesday next week.
      std::size_t k = at(n, "of") || at(n, "from") ? n + 1 : n;
      if (std::size_t j = at(k, "the") ? k + 1 : k; unit_of(word(j + 1)) == Unit::week && word(j + 1) == "week") {
        int offset = 0;
        if (direction(word(j), offset) || at(j, "past")) {
          if (at(j, "past")) offset = -1;
          long d = monday_of(now_) + 7 * offset + static_cast<long>(wd) - 1;
          return Point{{d, d, Span::other}, j + 2};
        }
      }
      if (auto d = point(n, true); d && d->span.unit == Span::day_unit) {
        // A weekday with a date: the date, and with no year written the latest year in which that
        // date falls on that weekday ("Fri, Jul 18").
        if (!year_written_) {
          auto c = civil(d->span.from);
          for (int y = c.year, tries = 0; tries < 28; --y, ++tries) {
            std::optional<long> v = common::real_day(y, c.month, c.day);
            if (v && *v - monday_of(*v) == static_cast<long>(wd) - 1) {
              d->span.from = d->span.to = *v;
              return d;
            }
          }
        }
        return d;
      }
      // Tuesday the 19th: the latest 19th not after now that fell on a Tuesday.
      if (std::size_t j = at(n, "the") ? n + 1 : n;
          day_number(word(j)) && (j > n || !all_digits(word(j))) && !tens_word(word(j))) {
        unsigned dm = day_number(word(j));
        auto c = civil(now_);
        int y = c.year;
        unsigned m = c.month;
        for (int tries = 0; tries < 36; ++tries, add_months(y, m, -1)) {
          std::optional<long> v = common::real_day(y, m, dm);
          if (v && *v <= now_ && *v - monday_of(*v) == static_cast<long>(wd) - 1)
            return Point{{*v, *v, Span::day_unit}, after_time_of_day(j + 1)};
        }
      }
      // "thu", "tues", "fri" are no English words; "mon", "wed", "sat", "sun" are, and are a
      // weekday only before a time ("Mon 19:43").
      const bool ordinary_word = t == "mon" || t == "wed" || t == "sat" || t == "sun";
      if (weekday_abbreviation(t) && ordinary_word && after_time_of_day(n) == n) return std::nullopt;
      long d = weekday_before(wd);
      if (d + 7 == now_) d = now_;  // "Thursday" said on a Thursday: today.
      return Point{{d, d, Span::other}, n};
    }

    // An ISO 8601 interval, its days: 2015-03-28/2015-03-29, 2015-03-28 17:00:00/2015-03-29 21:00:00;
    // and 2022-02-24..2022-03-01, as newsq writes a range (explain, the date facet).
    for (std::string_view separator : {"/", ".."}) {
      const auto at_separator = t.find(separator);
      if (at_separator == std::string::npos) continue;
      auto a = iso_day(t.substr(0, at_separator)), b = iso_day(t.substr(at_separator + separator.size()));
      if (a && b && *a <= *b) {
        year_written_ = true;
        return Point{{*a, *b, Span::other}, n};
      }
    }
    if (auto a = iso_day(t); a && word(n).find('/') != std::string::npos) {
      const std::string& clock = word(n);
      auto b = iso_day(clock.substr(clock.find('/') + 1));
      if (time_of_day(clock.substr(0, clock.find('/'))) && b && *a <= *b) {
        year_written_ = true;
        return Point{{*a, *b, Span::other}, after_time_of_day(n + 1)};
      }
    }
    // 2022-03-21, 2022-03
    if (iso_shape(t)) {
      year_written_ = true;
      if (auto v = iso_day(t)) return Point{{*v, *v, Span::day_unit}, n};
      return std::nullopt;
    }
    if (t.size() == 7 && t[4] == '-' && all_digits(t.substr(0, 4)) && all_digits(t.substr(5, 2))) {
      unsigned m = static_cast<unsigned>(std::stoi(t.substr(5, 2)));
      year_written_ = true;
      if (m >= 1 && m <= 12) return month_point(std::stoi(t.substr(0, 4)), m, n);
    }
    // "2021-22", "2021/22": a year and the next, the second's century dropped (a season's years).
    if (int y = split_years(t)) {
      year_written_ = true;
      return Point{{days(y, 1, 1), days(y + 1, 12, 31), Span::other}, n};
    }
    // 2015-05-02T10:20:19+0000: the day.
    if (t.size() > 10 && t.size() <= 30 && t[10] == 't' && iso_shape(t.substr(0, 10)) &&
        t.find_first_not_of("0123456789:.+-z", 11) == std::string::npos) {
      year_written_ = true;
      if (auto v = iso_day(t.substr(0, 10))) return Point{{*v, *v, Span::day_unit}, n};
      return std::nullopt;
    }
    if (auto numeric = numeric_date(t)) {
      year_written_ = true;
      return Point{*numeric, n};
    }
    // 18q4, 2018Q4
    if (t.size() >= 4 && t[t.size() - 2] == 'q' && t.back() >= '1' && t.back() <= '4') {
      std::string y = t.substr(0, t.size() - 2);
      int year = y.size() == 4 ? year_number(y) : y.size() == 2 && all_digits(y) ? 2000 + std::stoi(y) : 0;
      if (year) return quarter(year, static_cast<unsigned>(t.back() - '0'), n);
    }
    // 1-15 March 2022
    if (auto dash = t.find('-'); dash != std::string::npos && dash > 0) {
      unsigned d1 = day_number(t.substr(0, dash)), d2 = day_number(t.substr(dash + 1));
      if (d1 && d2 && d1 <= d2) {
        if (auto m = point(n, true); m && m->span.unit == Span::month_unit) {
          int y = year_of(m->span.from);
          unsigned mo = month_of(m->span.from);
          if (!year_written_) y = latest_year(mo, d1);  // "23-24 June" said on 15 June: last year's.
          if (d2 <= civil(last_day(y, mo)).day)  // A clock time after the days is dropped ("22-23 Feb at 7pm").
            return Point{{days(y, mo, d1), days(y, mo, d2), Span::day_range}, after_time_of_day(m->next)};
        }
      }
    }
    // Jan-Mar 2022, March-April: those months (the year, if not written, the latest in which the
    // first has begun).
    if (auto dash = t.find('-'); dash != std::string::npos && dash > 0) {
      unsigned m1 = month_number(std::string_view(t).substr(0, dash)),
               m2 = month_number(std::string_view(t).substr(dash + 1));
      if (m1 && m2) {
        int y = year_number(word(n));
        year_written_ = y != 0;
        if (!y) y = latest_year(m1, 1);
        int y2 = m2 < m1 ? y + 1 : y;
        if (m2 != m1) return Point{{days(y, m1, 1), last_day(y2, m2), Span::other}, year_written_ ? n + 1 : n};
      }
    }
    // 2022-2023: those years; the 1980s: that decade.
    if (t.size() == 9 && t[4] == '-' && year_number(t.substr(0, 4)) && year_number(t.substr(5)) &&
        year_number(t.substr(0, 4)) < year_number(t.substr(5))) {
      year_written_ = true;
      return Point{{days(year_number(t.substr(0, 4)), 1, 1), days(year_number(t.substr(5)), 12, 31), Span::other}, n};
    }
    if (t.size() == 5 && t[4] == 's' && t[3] == '0' && year_number(t.substr(0, 4))) {
      int y = year_number(t.substr(0, 4));
      year_written_ = true;
      return Point{{days(y, 1, 1), days(y + 9, 12, 31), Span::other}, n};
    }
    // next March: the first March after this month.
    if (t == "next" && month_number(word(n)) && !month_abbreviation(word(n))) {
      unsigned m = month_number(word(n));
      int y = year_of(now_) + (m <= month_of(now_) ? 1 : 0);
      return month_point(y, m, n + 1);
    }
    // "the year 2022", "in the year 2022": the year. Not the "year" of a name ("New Year 2023",
    // "new year 2023", where the year alone is read, the name left whole).
    if (t == "year" && year_number(word(n)) && all_digits(word(n)) &&
        !(i > 0 && year_of_a_name(w_[i - 1].text, w_[i - 1].capital, w_[i].capital))) {
      year_written_ = true;
      const int y = year_number(word(n));
      return Point{{days(y, 1, 1), days(y, 12, 31), Span::other}, n + 1};
    }
    // Q1 2022, first quarter of 2022
    if (t.size() == 2 && t[0] == 'q' && t[1] >= '1' && t[1] <= '4') {
      std::size_t k = n;
      if (at(k, "of")) ++k;
      if (int y = year_number(word(k))) return quarter(y, static_cast<unsigned>(t[1] - '0'), k + 1);
      // "Q2" alone, as "the second quarter". Not "Q2" of a name ("Q2 Holdings").
      if (!(n < w_.size() && w_[n].capital) && !at(n, "of")) return latest_quarter(static_cast<unsigned>(t[1] - '0'), n);
    }
    if (int ord = small_ordinal(t); ord && ord <= 4 && (at(n, "quarter") || at(n, "qtr"))) {
      std::size_t k = n + 1;
      if (at(k, "of")) ++k;
      if (int y = year_number(word(k))) return quarter(y, static_cast<unsigned>(ord), k + 1);
      return latest_quarter(static_cast<unsigned>(ord), n + 1);  // "the third quarter"
    }
    // the first week of March [2022], last week of September, the second last week of October, the
    // last week of 2018: a month's or year's weeks are its days in sevens from its first day, and
    // the last week its last seven days ("the last week of February 2022" is 22..28), counted back
    // in sevens from there (date_suites.md, `nth-week`: not Monday-to-Sunday weeks). ("the" before
    // them is read by point().)
    if (int ord = at(i, "last") ? 1 : small_ordinal(t); ord) {
      const bool from_end = at(i, "last") || at(n, "last");
      const std::size_t week = at(i, "last") ? n : from_end ? n + 1 : n;
      if (at(week, "week") && at(week + 1, "of")) {
        if (auto m = point(week + 2, true); m && (m->span.unit == Span::month_unit || is_year(m->span))) {
          long first = m->span.from, last = m->span.to;
          long from = from_end ? last - 6 - 7 * (ord - 1) : first + 7 * (ord - 1);
          if (from >= first && from + 6 <= last) return Point{{from, from + 6, Span::other}, m->next};
        }
      }
    }
    // "overnight into Friday": the night before it and the day.
    if (t == "overnight" && (at(n, "into") || at(n, "to"))) {
      if (auto d = point(n + 1, true); d && d->span.from == d->span.to)
        return Point{{d->span.from - 1, d->span.to, Span::other}, d->next};
    }
    // early / mid / late + month or year; "mid-2021", "mid-March"
    for (std::string_view part : {"early", "mid", "late"}) {
      std::optional<Point> inner;
      if (t == part)
        inner = point(n, true);
      else if (t.starts_with(std::string(part) + "-")) {
        std::vector<Word> rest = split_word(i, part.size() + 1);
        Reader sub(rest, now_);
        if (auto p = sub.point(0, true)) inner = Point{p->span, i + p->next};  // rest[k] is w_[i + k].
      }
      // A calendar week ("late last week"): Monday..Wednesday, Tuesday..Thursday, Friday..Sunday, as
      // its beginning and end are read.
      if (inner && inner->span.to - inner->span.from == 6 && monday_of(inner->span.from) == inner->span.from) {
        const long monday = inner->span.from;
        if (part == "early") return Point{{monday, monday + 2, Span::other}, inner->next};
        if (part == "mid") return Point{{monday + 1, monday + 3, Span::other}, inner->next};
        return Point{{monday + 4, monday + 6, Span::other}, inner->next};
      }
      if (!inner || !(is_month(inner->span) || is_year(inner->span))) continue;
      long from = inner->span.from, to = inner->span.to;
      if (is_year(inner->span)) {  // A year: four months each.
        int y = year_of(from);
        unsigned m0 = part == "early" ? 1 : part == "mid" ? 5 : 9;
        return Point{{days(y, m0, 1), last_day(y, m0 + 3), Span::other}, inner->next};
      }
      if (part == "early") return Point{{from, from + 9, Span::other}, inner->next};
      if (part == "mid") return Point{{from + 10, from + 19, Span::other}, inner->next};
      return Point{{from + 20, to, Span::other}, inner->next};
    }
    // Seasons (meteorological): winter YEAR is December YEAR to February YEAR+1; "winter 2021-22"
    // is the winter from 2021 into 2022.
    if (unsigned m0 = season_start(t)) {
      std::size_t k = n;
      if (at(k, "of")) ++k;
      int y = year_number(word(k));
      if (int first = split_years(word(k)); first && m0 == 12) y = first;
      // Without a year, "in the spring", "during the winter", "the summer" as the last words: the
      // latest such season begun by now (as a month alone is the latest such month). Only after
      // "the", and only after a date preposition or at the query's end: "the spring offensive" and
      // "Arab Spring" (a capitalised word before it) are no dates.
      if (!y && at(i - 1, "the") && i >= 1 && (context || n == w_.size()) &&
          !(i >= 2 && w_[i - 2].capital && !context)) {
        int latest = year_of(now_);
        if (days(latest, m0, 1) > now_) --latest;
        return Point{season(latest, m0), n};
      }
      if (!y) return std::nullopt;
      year_written_ = true;
      return Point{season(y, m0), k + 1};
    }
    // 21 March 2022, 21st of March, 21 March, the twenty first of March
    unsigned d = day_number(t);
    std::size_t day_end = n;
    if (unsigned tens = tens_word(t); tens && ordinal_unit_word(word(n)) && tens + ordinal_unit_word(word(n)) <= 31) {
      d = tens + ordinal_unit_word(word(n));
      ++day_end;
    }
    if (d) {
      std::size_t k = day_end;
      // the 20th of next month, the 20th day of the current month, the third day of October
      if (at(k, "day") && at(k + 1, "of")) ++k;
      if (at(k, "of")) {
        if (auto m = calendar_ref(k + 1); m && m->span.unit != Span::month_unit && m->span.to - m->span.from < 31) {
          auto c = civil(m->span.from);
          if (auto v = common::real_day(c.year, c.month, d)) return Point{{*v, *v, Span::day_unit}, m->next};
          return std::nullopt;
        }
      }
      if (at(k, "day")) return std::nullopt;
      if (at(k, "of")) ++k;
      if (unsigned m = month_number(word(k))) {
        if (int y = day_month_year(word(k + 1)); y || (y = two_digit_year(k + 1))) {
          year_written_ = true;
          return day_point(y, m, d, k + 2);
        }
        return latest_day_point(m, d, k + 1);
      }
    }
    // March 21, 2022 / March 2022 / March 21 / March
    if (unsigned m = month_number(t)) {
      unsigned d = day_number(word(n));
      std::size_t k = n + 1;
      if (at(n, "the")) {
        d = day_number(word(n + 1));
        ++k;
      }
      if (unsigned tens = tens_word(word(n)); tens && ordinal_unit_word(word(n + 1))) {
        d = tens + ordinal_unit_word(word(n + 1));
        ++k;
      }
      if (d && d <= 31 && !year_number(word(n))) {
        if (int y = day_month_year(word(k)); y || (y = two_digit_year(k))) {
          year_written_ = true;
          return day_point(y, m, d, k + 1);
        }
        return latest_day_point(m, d, k);
      }
      // April 3-9, 2022
      if (auto dash = word(n).find('-'); dash != std::string::npos) {
        unsigned d1 = day_number(word(n).substr(0, dash)), d2 = day_number(word(n).substr(dash + 1));
        if (d1 && d2 && d1 < d2) {
          int y = year_number(word(n + 1));
          year_written_ = y != 0;
          if (!y) y = latest_year(m, d1);
          auto from = common::real_day(y, m, d1), to = common::real_day(y, m, d2);
          if (from && to) return Point{{*from, *to, Span::day_range}, year_written_ ? n + 2 : n + 1};
        }
      }
      if (int y = year_number(word(n))) {
        year_written_ = true;
        return month_point(y, m, n + 1);
      }
      // "June of 2022": the month of that year.
      if (int y = year_number(word(n + 1)); y && at(n, "of")) {
        year_written_ = true;
        return month_point(y, m, n + 2);
      }
      if (context || bare_month_is_date(i)) return month_point(latest_year(m, 1), m, n);
      return std::nullopt;
    }
    // The era after a number: "2014 AD", "2014 a.d.", and then any four-digit year ("1066 AD"; one
    // before 1000 is no searchable day and stays text, searchable() below); not "2022 ad spending".
    const bool era = at(n, "a.d") || (at(n, "ad") && w_[n].all_caps);
    if (era && all_digits(t) && t.size() == 4 && !year_number(t)) {
      const int y = std::stoi(t);
      year_written_ = true;
      return Point{{days(y, 1, 1), days(y, 12, 31), Span::other}, n + 1};
    }
    if (int y = year_number(t)) {
      if (era) ++n;
      // A year alone after a capitalised name is part of the name ("Euro 2020", "Windows 2000",
      // "Pay ABC 2000"); "in 2020" or "March 2022" are read from the word before.
      // An occasion of the calendar is no name of this kind: "Christmas 2022", "Victory Day 2022".
      if (!context && i > 0 && w_[i - 1].capital && !month_number(w_[i - 1].text) && !weekday_number(w_[i - 1].text) &&
          !calendar_occasion_word(w_[i - 1].text))
        return std::nullopt;
      // A year that dates an event a bound is counted from ("since Christmas 2021", "after the
      // elections of 2019") is no span of its own: the days meant begin or end inside it.
      if (!context && bound_before_event(i)) return std::nullopt;
      year_written_ = true;
      // The year first: "2024 August", "2023 Sept", "2024 AD August", "2018 March 18". Not a month
      // that is a word or a name here: lower-case "march"/"may" ("2020 march on Washington"), "May"
      // without a day after it ("2019 May resignation" is more often Theresa May's; "2019 May 24" is
      // a day), or one before a capitalised word or a verb ("2022 August Wilson", "2019 May said").
      if (unsigned m = month_number(word(n))) {
        const Word& mw = w_[n];
        const bool day_after = day_number(word(n + 1)) && all_digits(word(n + 1)) && word(n + 1).size() <= 2;
        const bool word_month = ((m == 3 || m == 5) && !mw.capital) || (m == 5 && !day_after);
        const bool name_after =
            n + 1 < w_.size() && ((w_[n + 1].capital && !day_number(w_[n + 1].text)) || verb_like(w_[n + 1].text));
        if (!word_month && !name_after) {
          if (day_after) return day_point(y, m, day_number(word(n + 1)), n + 2);
          return month_point(y, m, n + 1);
        }
      }
      return Point{{days(y, 1, 1), days(y, 12, 31), Span::other}, n};
    }
    return std::nullopt;
  }

  // today, yesterday, this/last week|month|year, the past N days, N weeks ago, ...
  std::optional<Point> relative(std::size_t i) {
    const std::string& t = w_[i].text;
    if (t == "today") return Point{{now_, now_, Span::other}, i + 1};
    // "year to date" (YTD), "month to date": the unit holding today, until today.
    if ((t == "year" || t == "month" || t == "week") && at(i + 1, "to") && at(i + 2, "date"))
      return Point{{calendar_unit(unit_of(t), 0, 0)->span.from, now_, Span::other}, i + 3};
    if (t == "ytd" && w_[i].all_caps) return Point{{calendar_unit(Unit::year, 0, 0)->span.from, now_, Span::other}, i + 1};
    // A part of a day resolves to the day: tonight, this morning (afternoon, evening), last night.
    // Not "Tonight" before a capitalised word (a title: "Tonight Show"), nor "the last night of ...".
    if (t == "tonight" && !(w_[i].capital && i + 1 < w_.size() && w_[i + 1].capital))
      return Point{{now_, now_, Span::other}, i + 1};
    if (t == "this" && (at(i + 1, "morning") || at(i + 1, "afternoon") || at(i + 1, "evening")))
      return Point{{now_, now_, Span::other}, i + 2};
    if (t == "last" && at(i + 1, "night") && !at(i + 2, "of") && !(i > 0 && at(i - 1, "the")))
      return Point{{now_ - 1, now_ - 1, Span::other}, i + 2};
    if (t == "yesterday") return Point{{now_ - 1, now_ - 1, Span::other}, i + 1};
    // "this time last year", "this time a year ago": the month holding today's date a year back
    // (a season of news is weeks, not the one day).
    if (t == "this" && at(i + 1, "time")) {
      std::size_t end = 0;
      if (at(i + 2, "last") && at(i + 3, "year")) end = i + 4;
      if (at(i + 2, "a") && at(i + 3, "year") && at(i + 4, "ago")) end = i + 5;
      if (end) {
        const auto c = civil(now_);
        return Point{{days(c.year - 1, c.month, 1), last_day(c.year - 1, c.month), Span::other}, end};
      }
      // "this time last week (month)": that week (month), the words around it no text to seek.
      if (at(i + 2, "last") && (at(i + 3, "week") || at(i + 3, "month")))
        return calendar_unit(at(i + 3, "week") ? Unit::week : Unit::month, -1, i + 4);
    }
    if (t == "tomorrow" || t == "tomorrows") return Point{{now_ + 1, now_ + 1, Span::other}, i + 1};
    // "lastmonth", "nextweek", "thisyear": a direction glued to a unit, as a hashtag or a hurried
    // query writes it; no English word is spelt so.
    for (const auto& [glued, offset] : {std::pair<std::string_view, int>{"last", -1}, {"next", 1}, {"this", 0}}) {
      if (!t.starts_with(glued)) continue;
      const std::string_view u = std::string_view(t).substr(glued.size());
      if (u == "week") return calendar_unit(Unit::week, offset, i + 1);
      if (u == "month") return calendar_unit(Unit::month, offset, i + 1);
      if (u == "year") return calendar_unit(Unit::year, offset, i + 1);
    }
    // "a few days ago": "a few" is no number, and a search should hold the days it can mean, so
    // the week back to the day before yesterday (now - 7 .. now - 2; date_suites.md, `few`). Not
    // "a few weeks (months) ago", which are left as text.
    if (std::size_t f = t == "a" && at(i + 1, "few") ? i + 1 : i; at(f, "few") && at(f + 1, "days") && at(f + 2, "ago"))
      return Point{{now_ - 7, now_ - 2, Span::other}, f + 3};
    // now - 1 day, now + 2 weeks: counted from now as "1 day ago" and "2 weeks from now" are.
    if (t == "now" && (at(i + 1, "-") || at(i + 1, "+"))) {
      long scale = 1, count = offset_count(word(i + 2));
      Unit unit = offset_unit_of(word(i + 3), scale);
      if (count >= 0 && unit != Unit::none && unit != Unit::hour && count * scale <= 9000) {
        int signed_count = static_cast<int>((at(i + 1, "-") ? -1 : 1) * count * scale);
        if (auto p = offset_unit(unit, signed_count, i + 4);
            p && year_of(p->span.from) >= 1 && year_of(p->span.to) <= 9999)
          return p;
      }
      return std::nullopt;
    }
    // the day after tomorrow, the day before yesterday
    // ("The Day After Tomorrow", capitalised, is a title.)
    if (t == "day" && at(i + 1, "after") && at(i + 2, "tomorrow") && !w_[i + 1].capital)
      return Point{{now_ + 2, now_ + 2, Span::other}, i + 3};
    if (t == "day" && at(i + 1, "before") && at(i + 2, "yesterday"))
      return Point{{now_ - 2, now_ - 2, Span::other}, i + 3};
    // next 3 days, the upcoming two weeks, two upcoming months: the whole units after the current
    // one ("upcoming" as "next", date_suites.md's `upcoming`).
    // "The next few days" are the next three.
    auto count_of = [](std::string_view w) { return w == "few" ? 3 : small_number(w); };
    const bool next_count = (t == "next" || t == "upcoming") && count_of(word(i + 1)) > 0;
    const bool count_upcoming = small_number(t) > 0 && at(i + 1, "upcoming");
    if ((next_count || count_upcoming) && !at(i + 3, "of")) {
      int count = next_count ? count_of(word(i + 1)) : small_number(t);
      Unit unit = unit_of(word(i + 2));
      if (unit == Unit::day || unit == Unit::week || unit == Unit::month || unit == Unit::quarter ||
          unit == Unit::year) {
        auto first = calendar_unit(unit, 1, i + 3), last = calendar_unit(unit, count, i + 3);
        return Point{{first->span.from, last->span.to, Span::other}, i + 3};
      }
    }
    // the week (month, year, weekend) before last, the week after next: two units back or on (a
    // weekday's are read with the weekdays). Not when "last" begins more words of a date ("the week
    // before last year's vote" is about last year).
    if (at(i + 1, "before") || at(i + 1, "after")) {
      const bool before = at(i + 1, "before");
      const std::string& far = word(i + 2);
      const std::string& rest = word(i + 3);
      int ignored = 0;
      const bool more_date = unit_of(rest) != Unit::none || rest.ends_with("'s") || weekday_number(rest) ||
                             month_number(rest) || day_number(rest) || direction(rest, ignored);
      if (((before && far == "last") || (!before && far == "next")) && !more_date) {
        const int offset = before ? -2 : 2;
        Unit unit = unit_of(t);
        if ((unit == Unit::week || unit == Unit::month || unit == Unit::year) && !t.ends_with("s"))
          return calendar_unit(unit, offset, i + 3);
        if (weekend_word(t)) {
          long saturday = monday_of(now_) + 5 + 7 * offset;
          return Point{{saturday, saturday + 1, Span::other}, i + 3};
        }
      }
    }
    if (auto shifted = offset_from_day(i)) return shifted;
    if (auto counted = counted_offset(i)) return counted;
    if (t == "exactly") {
      if (auto counted = counted_offset(i + 1); counted && counted->span.from == counted->span.to) return counted;
    }
    // "two upcoming weeks" counts weeks this reader does not: no "upcoming week" out of it.
    if (int offset = 0; direction(t, offset) && !(i > 0 && small_number(word(i - 1)) > 1)) {
      const std::string& u = word(i + 1);
      // "week end" in two words is the weekend only where "end" can be no verb: last in the query,
      // or in "the last week end of October" ("talks last week end in failure" keeps last week).
      if (u == "week" && at(i + 2, "end")) {
        if (i + 3 == w_.size()) {
          long saturday = monday_of(now_) + 5 + 7 * offset;
          return Point{{saturday, saturday + 1, Span::other}, i + 3};
        }
        if (t == "last" && at(i + 3, "of")) {
          if (auto m = calendar_ref(i + 4); m && is_month(m->span)) {
            long saturday = m->span.to - ((m->span.to - monday_of(m->span.to) - 5) % 7 + 7) % 7;
            return Point{{saturday, saturday + 1, Span::other}, m->next};
          }
        }
      }
      Unit unit = unit_of(u);
      if ((unit == Unit::day || unit == Unit::week || unit == Unit::month || unit == Unit::quarter ||
           unit == Unit::year) &&
          !u.ends_with("s") && !at(i + 2, "of") && !at(i + 2, "in"))
        return calendar_unit(unit, offset, i + 2);
      // last week's Sunday
      if (u == "week's" && weekday_number(word(i + 2))) {
        long d = monday_of(now_) + 7 * offset + static_cast<long>(weekday_number(word(i + 2))) - 1;
        return Point{{d, d, Span::other}, i + 3};
      }
      if (weekend_word(u) && !at(i + 2, "of") && !at(i + 2, "in")) {  // This (next, last) week's Sat..Sun.
        long saturday = monday_of(now_) + 5 + 7 * offset;
        return Point{{saturday, saturday + 1, Span::other}, i + 2};
      }
      // this past weekend: the last one.
      if (offset == 0 && u == "past" && weekend_word(word(i + 2))) {
        long saturday = monday_of(now_) - 2;
        return Point{{saturday, saturday + 1, Span::other}, i + 3};
      }
      // the last weekend of October: its last Saturday and the Sunday after.
      if (t == "last" && weekend_word(u) && (at(i + 2, "of") || at(i + 2, "in"))) {
        if (auto m = calendar_ref(i + 3); m && is_month(m->span)) {
          long saturday = m->span.to - ((m->span.to - monday_of(m->span.to) - 5) % 7 + 7) % 7;
          return Point{{saturday, saturday + 1, Span::other}, m->next};
        }
      }
      // this summer, last winter, next spring: meteorological seasons, as "summer 2022" is.
      if (unsigned m0 = season_start(u)) {
        auto c = civil(now_);
        int y = c.year;
        // The season holding now, or else this year's (this winter in January began last December).
        if (m0 == 12 && c.month <= 2) --y;
        return Point{season(y + offset, m0), i + 2};
      }
      // the next decade, the coming decade: the ten whole years after this one, as "the next 10
      // years" (date_suites.md, `decade`); the last decade is read below, as "the past 10 years".
      if (offset == 1 && u == "decade" && !at(i + 2, "of")) {
        const int y = year_of(now_);
        return Point{{days(y + 1, 1, 1), days(y + 10, 12, 31), Span::other}, i + 2};
      }
      // last weekday, next weekday: the latest working day (Monday..Friday) before today, the first
      // after it. Not "the last weekday of March" (read by no rule here: it stays text).
      if (u == "weekday" && offset != 0 && !at(i + 2, "of") && !at(i + 2, "in")) {
        long d = now_ + offset;
        while (d - monday_of(d) >= 5) d += offset;
        return Point{{d, d, Span::other}, i + 2};
      }
      if (unsigned wd = weekday_number(u); wd && (!weekday_abbreviation(u) || t == "this")) {
        // "last Tuesday": the latest before today, never today; this/next: in this/next week.
        long d = offset < 0 ? weekday_before(wd) : monday_of(now_) + 7 * offset + static_cast<long>(wd) - 1;
        return Point{{d, d, Span::other}, i + 2};
      }
    }
    // "this coming Friday": the first after today; "this past Friday": the latest before today.
    if (t == "this" && (at(i + 1, "coming") || at(i + 1, "past"))) {
      if (unsigned wd = weekday_number(word(i + 2)); wd && !weekday_abbreviation(word(i + 2))) {
        const long d = at(i + 1, "coming") ? weekday_after(wd) : weekday_before(wd);
        return Point{{d, d, Span::other}, i + 3};
      }
    }
    // "past Friday": the latest Friday before today, as "last Friday" ("this past weekend" is above).
    if (t == "past" && weekday_number(word(i + 1)) && !weekday_abbreviation(word(i + 1))) {
      long d = weekday_before(weekday_number(word(i + 1)));
      return Point{{d, d, Span::other}, i + 2};
    }
    // earlier today, later yesterday: that day.
    if ((t == "earlier" || t == "later") && (at(i + 1, "today") || at(i + 1, "yesterday") || at(i + 1, "tomorrow"))) {
      long d = at(i + 1, "today") ? now_ : at(i + 1, "yesterday") ? now_ - 1 : now_ + 1;
      return Point{{d, d, Span::other}, i + 2};
    }
    // earlier this week: its start until today; later this month: today until its end.
    if ((t == "earlier" || t == "later") && at(i + 1, "this")) {
      Unit unit = unit_of(word(i + 2));
      if (unit == Unit::week || unit == Unit::month || unit == Unit::year) {
        auto whole = calendar_unit(unit, 0, i + 3);
        if (t == "earlier") return Point{{whole->span.from, now_, Span::other}, i + 3};
        return Point{{now_, whole->span.to, Span::other}, i + 3};
      }
    }
    // all week (long): this week; the rest of the week, month or year: today to its end. Weeks end on
    // Sunday (date_suites.md, `saturday-end`).
    if (t == "all" && at(i + 1, "week"))
      return Point{calendar_unit(Unit::week, 0, 0)->span, at(i + 2, "long") ? i + 3 : i + 2};
    if (t == "rest" && at(i + 1, "of") && at(i + 2, "the")) {
      if (Unit unit = unit_of(word(i + 3));
          (unit == Unit::week || unit == Unit::month || unit == Unit::year) && !word(i + 3).ends_with("s"))
        return Point{{now_, calendar_unit(unit, 0, 0)->span.to, Span::other}, i + 4};
    }
    if (t == "recent") {
      if (long back = recent_days_back(unit_of(word(i + 1))); back >= 0) return Point{{now_ - back, now_, Span::other}, i + 2};
    }
    std::size_t k = i;
    if (t == "the") ++k;
    // "the past few days (weeks, months)" as "recent days" above: the last 7 days, 28 days, 3
    // months; "the last couple of days" two units back, as "the last 2 days".
    if ((at(k, "past") || at(k, "last")) && at(k + 1, "few")) {
      if (long back = recent_days_back(unit_of(word(k + 2))); back >= 0 && word(k + 2).ends_with("s"))
        return Point{{now_ - back, now_, Span::other}, k + 3};
    }
    std::size_t couple = (at(k, "past") || at(k, "last")) && at(k + 1, "couple") && at(k + 2, "of") ? k + 3 : 0;
    if (couple) {
      Unit unit = unit_of(word(couple));
      long from = unit == Unit::day ? now_ - 1 : unit == Unit::week ? now_ - 13 : -1;
      if (from >= 0 && word(couple).ends_with("s")) return Point{{from, now_, Span::other}, couple + 1};
    }
    if (at(k, "past") || at(k, "last")) {
      // "the past 3 days", "past week", "the last 2 months": a rolling window ending today.
      // "the past decade", "the last two decades": ten years each (date_suites.md, `decade`), not
      // "the past decades", which names no span.
      int count = small_number(word(k + 1));
      std::size_t unit_at = count >= 0 ? k + 2 : k + 1;
      long scale = 1;
      Unit unit = offset_unit_of(word(unit_at), scale);
      // The count and unit glued: "the last 24h", "past 7d".
      if (int glued = 0; count < 0 && glued_count(word(k + 1), glued, unit)) count = glued, unit_at = k + 1;
      if (scale == 10 && count < 0 && word(unit_at) != "decade") unit = Unit::none;
      if (count < 0) count = 1;
      count *= static_cast<int>(scale);
      if (unit != Unit::none && !at(unit_at + 1, "of")) {
        long from = now_ - count + 1;
        if (unit == Unit::week) from = now_ - 7 * count + 1;
        if (unit == Unit::fortnight) from = now_ - 14 * count + 1;
        if (unit == Unit::hour) from = now_ - (count + 23) / 24 + 1;  // 48 hours: yesterday and today.
        if (unit == Unit::month || unit == Unit::quarter || unit == Unit::year) {
          int y = year_of(now_);
          unsigned m = month_of(now_);
          add_months(y, m, -(unit == Unit::month ? count : unit == Unit::quarter ? 3 * count : 12 * count));
          unsigned d = std::min(civil(now_).day, civil(last_day(y, m)).day);
          from = days(y, m, d) + 1;
        }
        return Point{{from, now_, Span::other}, unit_at + 1};
      }
    }
    int count = small_number(t);
    // 2 Thursdays ago (back): the second Thursday before today; 3 Fridays from now: the third after.
    if (count >= 1 && word(i + 1).ends_with("s")) {
      const std::string& plural = word(i + 1);
      if (unsigned wd = weekday_number(std::string_view(plural).substr(0, plural.size() - 1))) {
        if (at(i + 2, "ago") || at(i + 2, "back")) {
          long d = weekday_before(wd) - 7 * (count - 1);
          return Point{{d, d, Span::other}, i + 3};
        }
        if (at(i + 2, "from") && at(i + 3, "now")) {
          const long d = weekday_after(wd) + 7 * (count - 1);
          return Point{{d, d, Span::other}, i + 4};
        }
      }
    }
    if (auto compound = compound_offset(i)) return compound;
    return std::nullopt;
  }

  // How many days before today "recent" units reach back: recent days are the last 7 days, recent
  // weeks the last 28, recent months about 3 months (92 days); -1 for other units.
  static long recent_days_back(Unit unit) {
    return unit == Unit::day ? 6 : unit == Unit::week ? 27 : unit == Unit::month ? 91 : -1;
  }

  // The count of an offset from now: "a", "three", "12", and up to five digits ("5000 months ago").
  static long offset_count(std::string_view w) {
    if (int n = small_number(w); n >= 0) return n;
    if (w.size() <= 5 && all_digits(w)) return std::stol(std::string(w));
    return -1;
  }
  // The unit of an offset: date_words' units, and a decade as ten years (`scale` 10).
  static Unit offset_unit_of(std::string_view w, long& scale) {
    scale = 1;
    if (w == "decade" || w == "decades") {
      scale = 10;
      return Unit::year;
    }
    return unit_of(w);
  }

  // Day d moved by n days, weeks or fortnights, or by calendar months, quarters or years (the same
  // day of the month, or that month's last day: 31 March less a month is 28 or 29 February).
  static long shift_day(long d, Unit unit, long n) {
    if (unit == Unit::day) return d + n;
    if (unit == Unit::week) return d + 7 * n;
    if (unit == Unit::fortnight) return d + 14 * n;
    const long months = unit == Unit::month ? n : unit == Unit::quarter ? 3 * n : 12 * n;
    auto c = civil(d);
    int y = c.year;
    unsigned m = c.month;
    add_months(y, m, static_cast<int>(months));
    return days(y, m, std::min(c.day, civil(last_day(y, m)).day));
  }

  // "2 days before yesterday", "a week after tomorrow", "two weeks after 24 February 2022", "2 days
  // after next Friday": counted from a day the query names, that day moved (chrono's reading). What
  // follows must be one day newsq reads: "2 days before the vote" names none and stays text.
  std::optional<Point> offset_from_day(std::size_t i) {
    long scale = 1, count = offset_count(word(i));
    Unit unit = offset_unit_of(word(i + 1), scale);
    std::size_t k = i + 2;
    if (int glued = 0; glued_count(word(i), glued, unit)) count = glued, scale = 1, k = i + 1;
    if (count < 0 || count * scale > 9000 || unit == Unit::none || unit == Unit::hour) return std::nullopt;
    if (!at(k, "before") && !at(k, "after")) return std::nullopt;
    auto base = point(k + 1, true);
    if (!base || base->span.from != base->span.to) return std::nullopt;
    const long d = shift_day(base->span.from, unit, (at(k, "before") ? -1 : 1) * count * scale);
    return Point{{d, d, Span::other}, base->next};
  }

  // "Friday + 1 week", "next tuesday + 10 days": a day moved by a count after a lone '+'. A lone '-'
  // after a date begins a range ("3 April - 9 May"), and a sign glued to a word ("+10", "-10days") is
  // query syntax, locked as text before dates are read (date_suites.md, `operator`). The new day and
  // the word after the count, if words [k, ...) are one.
  std::optional<std::pair<long, std::size_t>> moved_day(long d, std::size_t k) const {
    if (!at(k, "+")) return std::nullopt;
    ++k;
    long scale = 1, count = offset_count(word(k));
    Unit unit = offset_unit_of(word(k + 1), scale);
    std::size_t next = k + 2;
    if (int glued = 0; glued_count(word(k), glued, unit)) count = glued, scale = 1, next = k + 1;
    if (count < 0 || count * scale > 9000 || unit == Unit::none || unit == Unit::hour) return std::nullopt;
    return std::pair{shift_day(d, unit, count * scale), next};
  }

  // Counted from now: "3 days ago", "a week hence", "3 days from now"; and, when the expression is
  // the whole query, "in 3 weeks('s) time", "2 years later", "4 days before". With other words
  // beside them those three are counted from something the query names ("the worst drought in 40
  // years", "Srebrenica 20 years later", "2 days before the vote"), which is no date newsq can read.
  // Days are the day; weeks, months and years the calendar unit holding that day, and a week ago with
  // a clock time after it ("1 week ago at 12:00 am") the day itself. Years before 1 are no date.
  std::optional<Point> counted_offset(std::size_t i) {
    long scale = 1, count = offset_count(word(i));
    Unit unit = offset_unit_of(word(i + 1), scale);
    std::size_t k = i + 2;
    if (int glued = 0; glued_count(word(i), glued, unit)) {  // "1d ago", "in 2y"
      count = glued, scale = 1, k = i + 1;
    }
    // "in 1 mon", "2 mons ago": a month's shortening after a count, in lower case ("1 Mon" may be a
    // Monday; "mon" alone is a word, date_suites.md `word`).
    if (unit == Unit::none && (at(i + 1, "mon") || at(i + 1, "mons")) && !w_[i + 1].capital) unit = Unit::month;
    if (count < 0 || unit == Unit::none) return std::nullopt;
    count *= scale;
    const bool after_in = i == 1 && at(0, "in");
    int sign = 0;
    if (at(k, "ago")) {
      sign = -1, k += 1;
    } else if (at(k, "from") && at(k + 1, "right") && at(k + 2, "now")) {
      sign = 1, k += 3;
    } else if (at(k, "from") && (at(k + 1, "now") || at(k + 1, "today"))) {
      sign = 1, k += 2;
    } else if (at(k, "hence")) {
      sign = 1, k += 1;
    } else if (i == 0 && k + 1 == w_.size() && (at(k, "later") || at(k, "before"))) {
      sign = at(k, "later") ? 1 : -1, k += 1;
    } else if (after_in && (k == w_.size() || (at(k, "time") && k + 1 == w_.size()) || after_time_of_day(k) == w_.size())) {
      sign = 1, k += at(k, "time") ? 1 : 0;
    }
    if (!sign) return std::nullopt;
    // "a year ago today", "exactly a month ago": that very day, not the calendar unit holding it.
    const bool exact_day = (sign < 0 && at(k, "today")) || (i > 0 && at(i - 1, "exactly"));
    // Whole years moved, roughly: past 1..9999 there is no calendar day to compute.
    const long years = unit == Unit::year      ? count
                       : unit == Unit::quarter ? count / 4
                       : unit == Unit::month   ? count / 12
                                               : count / 365;
    if (year_of(now_) + sign * years < 1 || year_of(now_) + sign * years > 9999) return std::nullopt;
    std::optional<Point> p;
    if (exact_day && unit != Unit::hour) {
      const long d = shift_day(now_, unit, sign * count);
      p = Point{{d, d, Span::other}, at(k, "today") ? k + 1 : k};
    } else if (sign > 0) {
      p = offset_unit(unit, static_cast<int>(count), k);
    } else if (unit == Unit::hour) {
      p = Point{{now_ - count / 24, now_ - count / 24, Span::other}, k};
    } else if (after_time_of_day(k) > k && (unit == Unit::week || unit == Unit::fortnight)) {
      long d = now_ - (unit == Unit::week ? 7 : 14) * count;
      p = Point{{d, d, Span::other}, k};
    } else {
      p = offset_unit(unit, -static_cast<int>(count), k);
    }
    if (!p || year_of(p->span.from) < 1 || year_of(p->span.to) > 9999) return std::nullopt;
    return p;
  }

  // "the beginning of the month" 1st..10th, "the end of April" 21st..last, "the middle of": the days
  // between; of a week Monday..Wednesday and Friday..Sunday; of a year January..March and
  // September..December. EOM, BOM, EOY and BOY (in capitals) are the same for this month or year.
  std::optional<Point> part_of_period(std::size_t i) {
    const Word& w = w_[i];
    std::string part;
    std::optional<Point> whole;
    if ((w.text == "eom" || w.text == "bom" || w.text == "eoy" || (w.text == "boy" && w.all_caps))) {
      part = w.text[0] == 'e' ? "end" : "beginning";
      whole = calendar_unit(w.text[2] == 'm' ? Unit::month : Unit::year, 0, i + 1);
    } else if ((w.text == "beginning" || w.text == "start" || w.text == "end" || w.text == "middle") &&
               at(i + 1, "of")) {
      part = w.text == "start" ? "beginning" : w.text;
      whole = calendar_ref(at(i + 2, "around") ? i + 3 : i + 2);  // "the end of around next week"
    }
    if (!whole) return std::nullopt;
    long from = whole->span.from, to = whole->span.to, length = to - from + 1;
    if (length == 7) {
      if (part == "beginning") return Point{{from, from + 2, Span::other}, whole->next};
      if (part == "end") return Point{{to - 2, to, Span::other}, whole->next};
      return Point{{from + 2, from + 4, Span::other}, whole->next};
    }
    if (length >= 28 && length <= 31) {
      if (part == "beginning") return Point{{from, from + 9, Span::other}, whole->next};
      if (part == "end") return Point{{from + 20, to, Span::other}, whole->next};
      return Point{{from + 10, from + 19, Span::other}, whole->next};
    }
    if (length >= 365) {
      int y = year_of(from);
      if (part == "beginning") return Point{{from, last_day(y, 3), Span::other}, whole->next};
      if (part == "end") return Point{{days(y, 9, 1), to, Span::other}, whole->next};
      return Point{{days(y, 5, 1), last_day(y, 8), Span::other}, whole->next};
    }
    return std::nullopt;
  }

  // "weekend", "week-end", "wkend".
  static bool weekend_word(std::string_view w) { return w == "weekend" || w == "week-end" || w == "wkend"; }
  // The season of year y that begins with month m0 (season_start): its three months, a winter's
  // running into the next year.
  static Span season(int y, unsigned m0) {
    int y_end = y;
    unsigned m_end = m0;
    add_months(y_end, m_end, 2);
    return {days(y, m0, 1), last_day(y_end, m_end), Span::other};
  }

  // The first month of a meteorological season (spring 3, summer 6, autumn/fall 9, winter 12), else 0.
  static unsigned season_start(std::string_view w) {
    return w == "spring" ? 3 : w == "summer" ? 6 : w == "autumn" || w == "fall" ? 9 : w == "winter" ? 12 : 0;
  }

  // Whether a span is one calendar month or one calendar year (what early/late and halves divide).
  static bool is_month(const Span& s) {
    return s.to - s.from >= 27 && s.to - s.from <= 30 && civil(s.from).day == 1 && civil(s.to + 1).day == 1;
  }
  static bool is_year(const Span& s) {
    auto a = civil(s.from);
    return a.month == 1 && a.day == 1 && s.to == days(a.year, 12, 31);
  }

  // "1 year 2 months from now", "1 year, 1 month, 1 week, 1 day, 1 hour and 1 minute ago": two
  // counted units or more, moved by calendar arithmetic (years, months, then days). The smallest unit
  // named gives the grain: the day (for days, hours or minutes), or the week, month or year holding it.
  std::optional<Point> compound_offset(std::size_t i) {
    int years = 0, months = 0, day_count = 0, parts = 0;
    Unit smallest = Unit::year;
    auto rank = [](Unit u) { return u == Unit::year ? 4 : u == Unit::month ? 3 : u == Unit::week ? 2 : 1; };
    std::size_t k = i;
    for (;;) {
      long scale = 1;
      const std::string& u = word(k + 1);
      Unit unit = offset_unit_of(u, scale);
      int count = static_cast<int>(offset_count(word(k)) * scale);
      bool minutes = u == "minute" || u == "minutes" || u == "min" || u == "mins";
      if (count < 0 || (unit == Unit::none && !minutes)) break;
      if (unit == Unit::year) years += count;
      if (unit == Unit::quarter) months += 3 * count;
      if (unit == Unit::month) months += count;
      if (unit == Unit::week) day_count += 7 * count;
      if (unit == Unit::fortnight) day_count += 14 * count;
      if (unit == Unit::day) day_count += count;
      Unit grain = minutes || unit == Unit::hour ? Unit::day
                   : unit == Unit::fortnight     ? Unit::week
                   : unit == Unit::quarter       ? Unit::month
                                                 : unit;
      if (rank(grain) < rank(smallest)) smallest = grain;
      if (years + months / 12 + day_count / 365 > 9000) return std::nullopt;  // No calendar day; no overflow.
      ++parts;
      k += 2;
      if (at(k, "and")) ++k;
    }
    if (parts < 2) return std::nullopt;
    int sign = 0;
    if (at(k, "ago")) {
      sign = -1;
      k += 1;
    } else if (at(k, "from") && at(k + 1, "now")) {
      sign = 1;
      k += 2;
    } else if ((i == 0 && at(k, "later") && k + 1 == w_.size()) || (i == 1 && at(0, "in") && k == w_.size())) {
      sign = 1;  // Alone in the query, as for one unit (counted_offset).
      k += at(k, "later") ? 1 : 0;
    } else {
      return std::nullopt;
    }
    auto c = civil(now_);
    int y = c.year;
    unsigned m = c.month;
    add_months(y, m, sign * (12 * years + months));
    long d = days(y, m, std::min(c.day, civil(last_day(y, m)).day)) + sign * day_count;
    if (smallest == Unit::day) return Point{{d, d, Span::other}, k};
    if (smallest == Unit::week) return Point{{monday_of(d), monday_of(d) + 6, Span::other}, k};
    y = year_of(d);
    if (smallest == Unit::month) return Point{{days(y, month_of(d), 1), last_day(y, month_of(d)), Span::other}, k};
    return Point{{days(y, 1, 1), days(y, 12, 31), Span::other}, k};
  }

  // `count` units after now: the day, or the calendar week, month or year holding that day.
  std::optional<Point> offset_unit(Unit unit, int count, std::size_t next) {
    if (unit == Unit::day) return Point{{now_ + count, now_ + count, Span::other}, next};
    if (unit == Unit::fortnight) return calendar_unit(Unit::week, 2 * count, next);
    if (unit == Unit::quarter) return calendar_unit(Unit::month, 3 * count, next);
    if (unit == Unit::hour) return std::nullopt;
    return calendar_unit(unit, count, next);
  }

  // A week, month or year named by its place ("this week", "the month", "next month", "last
  // year", "the current month") or written ("April", "2012"), for "the end of ...", "the 20th of
  // ...", "the first Monday of ...".
  std::optional<Point> calendar_ref(std::size_t k) {
    std::size_t j = at(k, "the") ? k + 1 : k;
    Unit unit = unit_of(word(j));
    if ((unit == Unit::week || unit == Unit::month || unit == Unit::year) && !word(j).ends_with("s"))
      return calendar_unit(unit, 0, j + 1);
    int offset = 0;
    if (direction(word(j), offset) || at(j, "past")) {
      if (at(j, "past")) offset = -1;  // "the end of past week": of last week.
      unit = unit_of(word(j + 1));
      if ((unit == Unit::week || unit == Unit::month || unit == Unit::year) && !word(j + 1).ends_with("s"))
        return calendar_unit(unit, offset, j + 2);
      return std::nullopt;
    }
    auto p = point(k, true);
    if (p && (p->span.unit == Span::month_unit || p->span.to - p->span.from >= 364)) return p;
    return std::nullopt;
  }

  // The calendar week, month or year `offset` units from the one holding now.
  std::optional<Point> calendar_unit(Unit unit, int offset, std::size_t next) {
    if (unit == Unit::day) return Point{{now_ + offset, now_ + offset, Span::other}, next};
    if (unit == Unit::week) {
      long monday = monday_of(now_) + 7 * offset;
      return Point{{monday, monday + 6, Span::other}, next};
    }
    int y = year_of(now_);
    unsigned m = month_of(now_);
    if (unit == Unit::quarter) {
      m = (m - 1) / 3 * 3 + 1;
      add_months(y, m, 3 * offset);
      return Point{{days(y, m, 1), last_day(y, m + 2), Span::other}, next};
    }
    if (unit == Unit::month) {
      add_months(y, m, offset);
      return Point{{days(y, m, 1), last_day(y, m), Span::other}, next};
    }
    y += offset;
    return Point{{days(y, 1, 1), days(y, 12, 31), Span::other}, next};
  }

  // Numeric dates: 2022/3/21, 2022.03.21, 2022-3-21, 2022/Mar/21 (year first: always clear);
  // 21/03/2022, 06-17-2014, 31/Oct/1974, 07.jul.2014 only when the order is clear (a part over 12,
  // a month name, or both equal); 2014/10 and 2/2013 are months. Two-digit years and day/month
  // without a year ("24/7") are left as text.
  std::optional<Span> numeric_date(const std::string& t) const {
    char sep = 0;
    for (char c : {'/', '.', '-'})
      if (t.find(c) != std::string::npos) {
        sep = c;
        break;
      }
    if (!sep) return std::nullopt;
    std::vector<std::string> parts;
    for (std::size_t b = 0;;) {
      std::size_t e = t.find(sep, b);
      parts.push_back(t.substr(b, e == std::string::npos ? std::string::npos : e - b));
      if (e == std::string::npos) break;
      b = e + 1;
    }
    auto number = [](const std::string& x) { return all_digits(x) && x.size() <= 2 ? std::stoi(x) : 0; };
    auto month_part = [&](const std::string& x) {
      // Inside a numeric date a month's full name is as clear as its abbreviation (2022/May/9).
      return number(x) ? static_cast<unsigned>(number(x)) : month_number(x);
    };
    auto day = [](int y, unsigned m, unsigned d) -> std::optional<Span> {
      if (!m || m > 12 || !d) return std::nullopt;
      std::optional<long> v = common::real_day(y, m, d);
      if (!v) return std::nullopt;
      return Span{*v, *v, Span::day_unit};
    };
    if (parts.size() == 2 && sep == '/') {
      int y = year_number(parts[0]);
      unsigned m = static_cast<unsigned>(number(parts[1]));
      if (!y) {
        y = year_number(parts[1]);
        m = static_cast<unsigned>(number(parts[0]));
      }
      if (y && m && m <= 12) return Span{days(y, m, 1), last_day(y, m), Span::month_unit};
      // A day and month without a year, when the order is clear ("2/15", "29/02", or both the same
      // and written with a leading zero, "02/02"): the latest such day not after now, as for "15
      // Feb". "24/7" is a phrase, not the 24th of July; "5/5" and "10/10" are more often scores.
      unsigned a = static_cast<unsigned>(number(parts[0])), b = static_cast<unsigned>(number(parts[1]));
      const bool padded_same = a == b && parts[0].size() == 2 && parts[0][0] == '0' && parts[1] == parts[0];
      if (t == "24/7" || !a || !b || ((a > 12) == (b > 12) && !padded_same)) return std::nullopt;
      const unsigned mo = std::min(a, b), d = std::max(a, b);
      if (auto v = latest_day(mo, d)) return Span{*v, *v, Span::day_unit};
      return std::nullopt;
    }
    if (parts.size() != 3) return std::nullopt;
    if (int y = year_number(parts[0])) return day(y, month_part(parts[1]), static_cast<unsigned>(number(parts[2])));
    int y = year_number(parts[2]);
    // A two-digit year ("10/31/74", "21-12-19", "31-Oct-74"), not after dots (version numbers
    // such as "1.13.22"): 00..68 are 2000..2068, 69..99 1969..1999.
    if (!y && sep != '.' && parts[2].size() == 2 && all_digits(parts[2])) y = year_of_two_digits(std::stoi(parts[2]));
    if (!y) return std::nullopt;
    // A month name fixes the order: 31/Oct/1974, Oct/31/1974.
    if (!number(parts[1]) && month_part(parts[1]))
      return day(y, month_part(parts[1]), static_cast<unsigned>(number(parts[0])));
    if (!number(parts[0]) && month_part(parts[0]))
      return day(y, month_part(parts[0]), static_cast<unsigned>(number(parts[1])));
    unsigned a = static_cast<unsigned>(number(parts[0])), b = static_cast<unsigned>(number(parts[1]));
    if (!a || !b) return std::nullopt;
    if (a == b) return day(y, a, a);
    if (a > 12 && b <= 12) return day(y, b, a);
    if (b > 12 && a <= 12) return day(y, a, b);
    return std::nullopt;  // 01/02/2022: January or February? Leave it as text.
  }

  // The first year of "2021-22" or "2021/22" (the second the next year, in two digits), else 0.
  static int split_years(std::string_view t) {
    if (t.size() != 7 || (t[4] != '-' && t[4] != '/') || !all_digits(t.substr(0, 4)) || !all_digits(t.substr(5, 2)))
      return 0;
    const int y = year_number(t.substr(0, 4));
    if (!y || (y + 1) % 100 != std::stoi(std::string(t.substr(5, 2)))) return 0;
    return y;
  }

  // Whether `t` is written as "2022-03-21" (a real day or not).
  static bool iso_shape(const std::string& t) {
    return t.size() == 10 && t[4] == '-' && t[7] == '-' && all_digits(t.substr(0, 4)) && all_digits(t.substr(5, 2)) &&
           all_digits(t.substr(8, 2));
  }
  // The day of "2022-03-21", none when `t` has another shape or names no real day.
  static std::optional<long> iso_day(const std::string& t) {
    if (!iso_shape(t)) return std::nullopt;
    return common::real_day(std::stoi(t.substr(0, 4)), static_cast<unsigned>(std::stoi(t.substr(5, 2))),
                            static_cast<unsigned>(std::stoi(t.substr(8, 2))));
  }

  std::optional<Point> day_point(int y, unsigned m, unsigned d, std::size_t next) const {
    std::optional<long> v = common::real_day(y, m, d);
    if (!v) return std::nullopt;
    return Point{{*v, *v, Span::day_unit}, next};
  }
  std::optional<Point> month_point(int y, unsigned m, std::size_t next) const {
    return Point{{days(y, m, 1), last_day(y, m), Span::month_unit}, next};
  }
  // Quarter q (1..4) of the latest year that has begun it.
  Point latest_quarter(unsigned q, std::size_t next) const {
    const unsigned m0 = 3 * (q - 1) + 1;
    const int y = latest_year(m0, 1);
    return Point{{days(y, m0, 1), last_day(y, m0 + 2), Span::other}, next};
  }

  std::optional<Point> quarter(int y, unsigned q, std::size_t next) {
    year_written_ = true;
    unsigned m0 = 3 * (q - 1) + 1;
    return Point{{days(y, m0, 1), last_day(y, m0 + 2), Span::other}, next};
  }

  // A two-digit year after a day and a month ("14th April 15", "DECEMBER 21 19", "9 Jan 11 0:00"),
  // read only as the query's last word or before a clock time: "April 3 15 dead" holds a count.
  // 00..68 are 2000..2068, 69..99 1969..1999, as after '/' (numeric_date).
  int two_digit_year(std::size_t k) const {
    if (word(k).size() != 2 || !all_digits(word(k)) || after_time_of_day(k + 1) != w_.size()) return 0;
    return year_of_two_digits(std::stoi(word(k)));
  }

  // The latest weekday `wd` (1 = Monday) strictly before now: "Thursday" said on a Thursday means
  // the week before, as in a report written that day.
  long weekday_before(unsigned wd) const {
    long d = monday_of(now_) + static_cast<long>(wd) - 1;
    return d >= now_ ? d - 7 : d;
  }
  // The first weekday `wd` strictly after now ("this coming Friday").
  long weekday_after(unsigned wd) const {
    long d = monday_of(now_) + static_cast<long>(wd) - 1;
    return d <= now_ ? d + 7 : d;
  }

 public:
  // Whether month word i, with no date preposition, day or year beside it, is a month: not lower-case
  // "march"/"may" (words), not "May" (a name more often than not), not a shortening ("Jan", "Mar"),
  // not after "the" or a capitalised word ("Grace August"), nor before a capitalised word or a verb.
  // "March" is a month alone only as the last word ("shelling March", not "March for Our Lives").
  bool bare_month_is_date(std::size_t i) const {
    const Word& w = w_[i];
    unsigned m = month_number(w.text);
    if (!m || m == 5 || month_abbreviation(w.text)) return false;
    if (m == 3 && (!w.capital || i + 1 < w_.size())) return false;
    if (i > 0 && (w_[i - 1].capital || w_[i - 1].text == "the" || w_[i - 1].text == "of")) return false;
    if (i + 1 < w_.size() && (w_[i + 1].capital || verb_like(w_[i + 1].text))) return false;
    return true;
  }

 private:
  // The latest year in which (month, day) is not after now.
  int latest_year(unsigned m, unsigned d) const {
    auto today = civil(now_);
    int y = today.year;
    if (m > today.month || (m == today.month && d > today.day)) --y;
    return y;
  }

  // The latest (month, day) not after now: "29 Feb" in the latest leap year that has begun it (said
  // in 2023, 2020's); none for a day no month has ("31 April"). Leap years are at most 8 years apart.
  std::optional<long> latest_day(unsigned m, unsigned d) const {
    for (int y = latest_year(m, d), tries = 0; tries < 9; --y, ++tries)
      if (std::optional<long> v = common::real_day(y, m, d)) return v;
    return std::nullopt;
  }
  std::optional<Point> latest_day_point(unsigned m, unsigned d, std::size_t next) const {
    std::optional<long> v = latest_day(m, d);
    if (!v) return std::nullopt;
    return Point{{*v, *v, Span::day_unit}, next};
  }

  std::vector<Word> split_word(std::size_t i, std::size_t cut) const {
    Word rest = w_[i];
    rest.text = rest.text.substr(cut);
    rest.begin += cut;
    std::vector<Word> out{rest};
    for (std::size_t k = i + 1; k < w_.size(); ++k) out.push_back(w_[k]);
    return out;
  }

  const std::vector<Word>& w_;
  long now_;
  bool year_written_ = false;  // Set by point(): the unit just read named its year.
  static constexpr int kMaxDepth = 6;
  int depth_ = 0;  // point() calls under way.
  std::size_t units_tried_ = 0;  // point() calls so far: the reader's work.

 public:
  std::size_t units_tried() const { return units_tried_; }
};

// A range a search can filter on: no empty range, and its ends in the years a day can be written
// in ("1500 years ago" from 2022 is the year 522, which no search takes: it stays text).
bool searchable(const DayRange& r) {
  if (r.from && r.to && *r.from > *r.to) return false;
  return (!r.from || common::in_written_years(*r.from)) && (!r.to || common::in_written_years(*r.to));
}

// The first expression the reader finds in the query's words.
std::optional<DateExpression> first_expression(Reader& reader, const std::vector<Word>& words, std::string_view query) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    // An expression begins and ends where the query's words do, never inside "2014Aug".
    if (i > 0 && words[i - 1].glued_to_next) continue;
    auto r = reader.expression(i);
    if (!r || words[r->next - 1].glued_to_next) continue;
    if (!searchable(r->range)) continue;
    DateExpression e;
    e.range = r->range;
    e.begin = words[i].begin;
    e.end = words[r->next - 1].end;
    e.text = std::string(query.substr(e.begin, e.end - e.begin));
    return e;
  }
  return std::nullopt;
}

}  // namespace

std::optional<DateExpression> find_date_expression(std::string_view query, long now, std::size_t* units_tried) {
  const std::vector<Word> words = words_of(query);
  Reader reader(words, now);
  std::optional<DateExpression> found = first_expression(reader, words, query);
  if (units_tried) *units_tried = reader.units_tried();
  return found;
}

std::optional<DayRange> parse_date_phrase(std::string_view phrase, long now) {
  std::vector<Word> words = words_of(phrase);
  Reader reader(words, now);
  if (auto r = reader.expression(0); r && r->next == words.size() && searchable(r->range)) return r->range;
  return std::nullopt;
}

}  // namespace newsq::query
