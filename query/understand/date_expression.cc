// query/understand/date_expression.cc: a small recursive-descent reader of English date expressions over the
// words of a query. Every form it knows is listed in date_expression_test.cc with its range.
#include "query/understand/date_expression.h"

#include <array>
#include <cctype>
#include <algorithm>

#include "engine/common/days.h"

namespace newsq::query {
namespace {

struct Word {
  std::string text;  // Lower-cased, edge punctuation removed.
  std::size_t begin = 0, end = 0;
  bool comma_after = false;
};

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
  enum Unit { day_unit, month_unit, other } unit = other;
};

unsigned month_number(const std::string& w) {
  static const std::array<const char*, 12> names{"january", "february", "march",     "april",   "may",      "june",
                                                 "july",    "august",   "september", "october", "november", "december"};
  for (unsigned i = 0; i < 12; ++i) {
    std::string_view full = names[i];
    if (w == full) return i + 1;
    if (w.size() >= 3 && w.size() < full.size() && full.starts_with(w) && (w.size() == 3 || w == "sept")) return i + 1;
  }
  return 0;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

int year_number(const std::string& w) {
  if (w.size() != 4 || !all_digits(w)) return 0;
  int y = std::stoi(w);
  return y >= 1900 && y <= 2100 ? y : 0;
}

// "21", "21st", "2nd", "3rd", "4th" -> 1..31, else 0.
unsigned day_number(std::string w) {
  for (const char* suffix : {"st", "nd", "rd", "th"})
    if (w.size() > 2 && w.ends_with(suffix)) w.resize(w.size() - 2);
  if (w.empty() || w.size() > 2 || !all_digits(w)) return 0;
  unsigned d = static_cast<unsigned>(std::stoi(w));
  return d >= 1 && d <= 31 ? d : 0;
}

int small_number(const std::string& w) {
  static const std::array<const char*, 13> words{"zero",  "one",   "two",  "three", "four",   "five",  "six",
                                                 "seven", "eight", "nine", "ten",   "eleven", "twelve"};
  if (w == "a" || w == "an") return 1;
  for (int i = 0; i < 13; ++i)
    if (w == words[i]) return i;
  if (!w.empty() && w.size() <= 3 && all_digits(w)) return std::stoi(w);
  return -1;
}

enum class Unit { none, day, week, month, year };
Unit unit_of(const std::string& w) {
  if (w == "day" || w == "days") return Unit::day;
  if (w == "week" || w == "weeks") return Unit::week;
  if (w == "month" || w == "months") return Unit::month;
  if (w == "year" || w == "years") return Unit::year;
  return Unit::none;
}

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

  // The longest date expression starting at word i, if any.
  std::optional<Result> expression(std::size_t i) {
    std::size_t start = i;
    if (at(i, "in") || at(i, "on") || at(i, "during") || at(i, "throughout")) {
      if (auto r = expression_core(i + 1, true)) return r;
    }
    return expression_core(start, false);
  }

 private:
  bool at(std::size_t i, std::string_view text) const { return i < w_.size() && w_[i].text == text; }
  const std::string& word(std::size_t i) const {
    static const std::string none;
    return i < w_.size() ? w_[i].text : none;
  }

  std::optional<Result> expression_core(std::size_t i, bool after_preposition) {
    if (i >= w_.size()) return std::nullopt;
    const std::string& first = w_[i].text;
    if (first == "since" || first == "after" || first == "before" || first == "until" || first == "till" ||
        first == "from") {
      if (first == "from") {
        if (auto r = range_between(i + 1, {"to", "until", "till", "through", "-"})) return r;
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
      } else {
        r.to = p->span.to;
      }
      return Result{r, p->next};
    }
    if (first == "between") return range_between(i + 1, {"and"});
    if (auto r = range_between(i, {"to", "until", "till", "through"}, /*need_full=*/true)) return r;
    if (auto p = point(i, after_preposition)) return Result{{p->span.from, p->span.to}, p->next};
    return std::nullopt;
  }

  struct Point {
    Span span;
    std::size_t next;
  };

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
      if (!b) continue;
      auto a = point_with_context(i, sep, b->span);
      if (!a) continue;
      if (need_full && a->span.unit == Span::other) continue;
      return Result{{a->span.from, b->span.to}, b->next};
    }
    return std::nullopt;
  }

  // Reads words [i, end) as the first end of a range whose second end is `b`.
  std::optional<Point> point_with_context(std::size_t i, std::size_t end, const Span& b) {
    if (auto p = point(i, true); p && p->next == end) {
      // A month or day without its year borrows the year of B ("from March to May 2022").
      if (p->span.unit != Span::other && !year_written_) {
        auto ab = civil(p->span.from);
        int y = year_of(b.from);
        if (p->span.unit == Span::month_unit)
          p->span = {days(y, ab.month, 1), last_day(y, ab.month), Span::month_unit};
        else
          p->span = {days(y, ab.month, ab.day), days(y, ab.month, ab.day), Span::day_unit};
      }
      return p;
    }
    // A bare day ("1") borrows B's month and year.
    if (end == i + 1 && b.unit == Span::day_unit) {
      if (unsigned d = day_number(w_[i].text)) {
        auto bd = civil(b.from);
        long from = days(bd.year, bd.month, d);
        if (d <= bd.day) return Point{{from, from, Span::day_unit}, end};
      }
    }
    return std::nullopt;
  }

  // One date unit. `context`: a date preposition came before, so a bare month name is a date.
  std::optional<Point> point(std::size_t i, bool context) {
    year_written_ = false;
    if (i >= w_.size()) return std::nullopt;
    const std::string& t = w_[i].text;
    std::size_t n = i + 1;

    if (auto r = relative(i)) return r;

    // 2022-03-21, 2022-03
    if (t.size() == 10 && t[4] == '-' && t[7] == '-' && all_digits(t.substr(0, 4)) && all_digits(t.substr(5, 2)) &&
        all_digits(t.substr(8, 2))) {
      year_written_ = true;
      return day_point(std::stoi(t.substr(0, 4)), static_cast<unsigned>(std::stoi(t.substr(5, 2))),
                       static_cast<unsigned>(std::stoi(t.substr(8, 2))), n);
    }
    if (t.size() == 7 && t[4] == '-' && all_digits(t.substr(0, 4)) && all_digits(t.substr(5, 2))) {
      unsigned m = static_cast<unsigned>(std::stoi(t.substr(5, 2)));
      year_written_ = true;
      if (m >= 1 && m <= 12) return month_point(std::stoi(t.substr(0, 4)), m, n);
    }
    // 21/03/2022 only when the order is clear (a part over 12, or both equal).
    if (auto slash = numeric_slash_date(t)) {
      year_written_ = true;
      return Point{*slash, n};
    }
    // 1-15 March 2022
    if (auto dash = t.find('-'); dash != std::string::npos && dash > 0) {
      unsigned d1 = day_number(t.substr(0, dash)), d2 = day_number(t.substr(dash + 1));
      if (d1 && d2 && d1 <= d2) {
        if (auto m = point(n, true); m && m->span.unit == Span::month_unit) {
          int y = year_of(m->span.from);
          unsigned mo = month_of(m->span.from);
          if (d2 <= civil(last_day(y, mo)).day) return Point{{days(y, mo, d1), days(y, mo, d2), Span::other}, m->next};
        }
      }
    }
    // Q1 2022, first quarter of 2022
    if (t.size() == 2 && t[0] == 'q' && t[1] >= '1' && t[1] <= '4') {
      std::size_t k = n;
      if (at(k, "of")) ++k;
      if (int y = year_number(word(k))) return quarter(y, static_cast<unsigned>(t[1] - '0'), k + 1);
    }
    if (int ord = ordinal(t); ord && ord <= 4 && (at(n, "quarter") || at(n, "qtr"))) {
      std::size_t k = n + 1;
      if (at(k, "of")) ++k;
      if (int y = year_number(word(k))) return quarter(y, static_cast<unsigned>(ord), k + 1);
    }
    // the first week of March [2022]
    if (t == "the" && (ordinal(word(n)) || at(n, "last")) && at(n + 1, "week") && at(n + 2, "of")) {
      if (auto m = point(n + 3, true); m && m->span.unit == Span::month_unit) {
        long first = m->span.from, last = m->span.to;
        int ord = ordinal(word(n));
        long from = at(n, "last") ? last - 6 : first + 7 * (ord - 1);
        if (from + 6 <= last) return Point{{from, from + 6, Span::other}, m->next};
      }
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
      if (!inner || inner->span.unit == Span::day_unit) continue;
      long from = inner->span.from, to = inner->span.to;
      long length = to - from + 1;
      if (length > 40) {  // A year: four months each.
        int y = year_of(from);
        unsigned m0 = part == "early" ? 1 : part == "mid" ? 5 : 9;
        return Point{{days(y, m0, 1), last_day(y, m0 + 3), Span::other}, inner->next};
      }
      if (part == "early") return Point{{from, from + 9, Span::other}, inner->next};
      if (part == "mid") return Point{{from + 10, from + 19, Span::other}, inner->next};
      return Point{{from + 20, to, Span::other}, inner->next};
    }
    // Seasons (meteorological): winter YEAR is December YEAR to February YEAR+1.
    if (t == "spring" || t == "summer" || t == "autumn" || t == "fall" || t == "winter") {
      std::size_t k = n;
      if (at(k, "of")) ++k;
      int y = year_number(word(k));
      if (!y) return std::nullopt;
      unsigned m0 = t == "spring" ? 3 : t == "summer" ? 6 : t == "winter" ? 12 : 9;
      int y_end = y;
      unsigned m_end = m0;
      add_months(y_end, m_end, 2);
      year_written_ = true;
      return Point{{days(y, m0, 1), last_day(y_end, m_end), Span::other}, k + 1};
    }
    // 21 March 2022, 21st of March, 21 March
    if (unsigned d = day_number(t)) {
      std::size_t k = n;
      if (at(k, "of")) ++k;
      if (unsigned m = month_number(word(k))) {
        if (int y = year_number(word(k + 1))) {
          year_written_ = true;
          return day_point(y, m, d, k + 2);
        }
        return day_point(latest_year(m, d), m, d, k + 1);
      }
    }
    // March 21, 2022 / March 2022 / March 21 / March
    if (unsigned m = month_number(t)) {
      if (unsigned d = day_number(word(n)); d && !year_number(word(n))) {
        if (int y = year_number(word(n + 1))) {
          year_written_ = true;
          return day_point(y, m, d, n + 2);
        }
        return day_point(latest_year(m, d), m, d, n + 1);
      }
      if (int y = year_number(word(n))) {
        year_written_ = true;
        return month_point(y, m, n + 1);
      }
      if (context) return month_point(latest_year(m, 1), m, n);
      return std::nullopt;
    }
    if (int y = year_number(t)) {
      year_written_ = true;
      return Point{{days(y, 1, 1), days(y, 12, 31), Span::other}, n};
    }
    return std::nullopt;
  }

  // today, yesterday, this/last week|month|year, the past N days, N weeks ago, ...
  std::optional<Point> relative(std::size_t i) {
    const std::string& t = w_[i].text;
    if (t == "today") return Point{{now_, now_, Span::other}, i + 1};
    if (t == "yesterday") return Point{{now_ - 1, now_ - 1, Span::other}, i + 1};
    if ((t == "this" || t == "last") && unit_of(word(i + 1)) != Unit::none && !word(i + 1).ends_with("s"))
      return calendar_unit(unit_of(word(i + 1)), t == "last" ? -1 : 0, i + 2);
    std::size_t k = i;
    if (t == "the") ++k;
    if (at(k, "past") || at(k, "last")) {
      // "the past 3 days", "past week", "the last 2 months": a rolling window ending today.
      int count = small_number(word(k + 1));
      std::size_t unit_at = count >= 0 ? k + 2 : k + 1;
      Unit unit = unit_of(word(unit_at));
      if (count < 0) count = 1;
      if (unit != Unit::none && !at(unit_at + 1, "of")) {
        long from = now_ - count + 1;
        if (unit == Unit::week) from = now_ - 7 * count + 1;
        if (unit == Unit::month || unit == Unit::year) {
          int y = year_of(now_);
          unsigned m = month_of(now_);
          add_months(y, m, -(unit == Unit::month ? count : 12 * count));
          unsigned d = std::min(civil(now_).day, civil(last_day(y, m)).day);
          from = days(y, m, d) + 1;
        }
        return Point{{from, now_, Span::other}, unit_at + 1};
      }
    }
    int count = small_number(t);
    if (count >= 0 && unit_of(word(i + 1)) != Unit::none && at(i + 2, "ago")) {
      Unit unit = unit_of(word(i + 1));
      if (unit == Unit::day) return Point{{now_ - count, now_ - count, Span::other}, i + 3};
      return calendar_unit(unit, -count, i + 3);
    }
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
    if (unit == Unit::month) {
      add_months(y, m, offset);
      return Point{{days(y, m, 1), last_day(y, m), Span::other}, next};
    }
    y += offset;
    return Point{{days(y, 1, 1), days(y, 12, 31), Span::other}, next};
  }

  std::optional<Span> numeric_slash_date(const std::string& t) const {
    auto s1 = t.find('/');
    auto s2 = t.find('/', s1 == std::string::npos ? 0 : s1 + 1);
    if (s1 == std::string::npos || s2 == std::string::npos) return std::nullopt;
    std::string a = t.substr(0, s1), b = t.substr(s1 + 1, s2 - s1 - 1), c = t.substr(s2 + 1);
    if (!all_digits(a) || !all_digits(b) || a.size() > 2 || b.size() > 2 || !year_number(c)) return std::nullopt;
    unsigned x = static_cast<unsigned>(std::stoi(a)), y = static_cast<unsigned>(std::stoi(b));
    unsigned d, m;
    if (x == y)
      d = m = x;
    else if (x > 12 && y <= 12) {
      d = x;
      m = y;
    } else if (y > 12 && x <= 12) {
      d = y;
      m = x;
    } else
      return std::nullopt;  // 01/02/2022: January or February? Leave it as text.
    std::optional<long> v = common::real_day(year_number(c), m, d);
    if (!v) return std::nullopt;
    return Span{*v, *v, Span::day_unit};
  }

  std::optional<Point> day_point(int y, unsigned m, unsigned d, std::size_t next) const {
    std::optional<long> v = common::real_day(y, m, d);
    if (!v) return std::nullopt;
    return Point{{*v, *v, Span::day_unit}, next};
  }
  std::optional<Point> month_point(int y, unsigned m, std::size_t next) const {
    return Point{{days(y, m, 1), last_day(y, m), Span::month_unit}, next};
  }
  std::optional<Point> quarter(int y, unsigned q, std::size_t next) {
    year_written_ = true;
    unsigned m0 = 3 * (q - 1) + 1;
    return Point{{days(y, m0, 1), last_day(y, m0 + 2), Span::other}, next};
  }

  // The latest year in which (month, day) is not after now.
  int latest_year(unsigned m, unsigned d) const {
    auto today = civil(now_);
    int y = today.year;
    if (m > today.month || (m == today.month && d > today.day)) --y;
    return y;
  }

  static int ordinal(const std::string& w) {
    static const std::array<const char*, 4> words{"first", "second", "third", "fourth"};
    for (int k = 0; k < 4; ++k)
      if (w == words[static_cast<std::size_t>(k)]) return k + 1;
    if (w == "1st") return 1;
    if (w == "2nd") return 2;
    if (w == "3rd") return 3;
    if (w == "4th") return 4;
    return 0;
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
};

std::vector<Word> words_of(std::string_view q) {
  std::vector<Word> out;
  auto edge = [](char c) { return std::ispunct(static_cast<unsigned char>(c)) && c != '-' && c != '/'; };
  for (std::size_t i = 0; i < q.size();) {
    if (std::isspace(static_cast<unsigned char>(q[i]))) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < q.size() && !std::isspace(static_cast<unsigned char>(q[end]))) ++end;
    std::size_t b = i, e = end;
    while (b < e && edge(q[b])) ++b;
    bool comma = false;
    while (e > b && (edge(q[e - 1]) || q[e - 1] == '-')) {
      --e;  // Stepped apart from the test: `comma || q[--e] == ','` stopped stepping after a comma.
      comma = comma || q[e] == ',';
    }
    if (b < e) {
      Word w;
      w.begin = b;
      w.end = e;
      w.comma_after = comma;
      for (std::size_t k = b; k < e; ++k)
        w.text.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(q[k]))));
      out.push_back(std::move(w));
    }
    i = end;
  }
  return out;
}

}  // namespace

std::optional<DateExpression> find_date_expression(std::string_view query, long now) {
  std::vector<Word> words = words_of(query);
  Reader reader(words, now);
  for (std::size_t i = 0; i < words.size(); ++i) {
    auto r = reader.expression(i);
    if (!r) continue;
    DateExpression e;
    e.range = r->range;
    e.begin = words[i].begin;
    e.end = words[r->next - 1].end;
    e.text = std::string(query.substr(e.begin, e.end - e.begin));
    return e;
  }
  return std::nullopt;
}

std::optional<DayRange> parse_date_phrase(std::string_view phrase, long now) {
  std::vector<Word> words = words_of(phrase);
  Reader reader(words, now);
  if (auto r = reader.expression(0); r && r->next == words.size()) return r->range;
  return std::nullopt;
}

}  // namespace newsq::query
