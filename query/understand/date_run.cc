// query/understand/date_run.cc: date vocabulary and the runs it forms (see date_run.h).
#include "query/understand/date_run.h"

#include <cctype>
#include <vector>

#include "engine/common/word_set.h"
#include "query/understand/date_words.h"

namespace newsq::query {
namespace {

enum class Kind {
  none,    // Not date vocabulary: ends a run.
  joiner,  // Joins date words but is no date word: the, in, of, and, to, -.
  number,  // A bare number: a date word only beside a month name.
  month,   // A month name (or "march"/"may" in lower case: a date word only beside a number).
  date,    // Any other date word: a year, weekday, ordinal, numeric date, from/since/last/week...
};

struct Word {
  std::size_t begin = 0, end = 0;
  std::string lower;
  bool capitalised = false;
  Kind kind = Kind::none;
};

constexpr common::WordSet kJoiners{{"the",    "of",         "in",  "on",  "at", "and", "to",  "-",
                                    "during", "throughout", "up",  "a",   "an", "&",   "for", "around",
                                    "am",     "pm",         "a.m", "p.m", "by", "or"}};
// Date words beyond the vocabulary of date_words.h (months, weekdays, ordinals, units): the words
// that build a date around them. "not" too: "not in March" is one run the reader cannot read whole
// (it names no days to search), so it stays text rather than March with "not" left beside it;
// "not before 1 March" is read whole.
constexpr common::WordSet kDateWords{
    {"end",      "beginning", "start", "middle",    "morning",  "afternoon", "evening", "night",  "from",
     "between",  "since",     "until", "till",      "through",  "before",    "after",   "ago",    "early",
     "mid",      "late",      "last",  "past",      "this",     "next",      "earlier", "recent", "weekend",
     "weekends", "half",      "today", "yesterday", "tomorrow", "spring",    "summer",  "autumn", "winter",
     "q1",       "q2",        "q3",    "q4",        "h1",       "h2",        "twenty",  "thirty",
     "not"}};

bool is_month(std::string_view w) { return date_words::month_number(w) != 0; }
bool digits(std::string_view s) { return date_words::all_digits(s); }

Kind kind_of(const Word& w) {
  const std::string& t = w.lower;
  if (t.empty()) return Kind::none;
  if (kJoiners.contains(t)) return Kind::joiner;
  if (is_month(t)) {
    // Lower-case "march" and "may" are everyday words; capitalised, "May said" is a person, which
    // the neighbours decide (a month is a date word only beside a number, see below).
    return Kind::month;
  }
  if (kDateWords.contains(t) || date_words::weekday_number(t) || date_words::unit_of(t) != date_words::Unit::none)
    return Kind::date;
  // Ordinal words ("first", "twenty-first" below); ordinal numbers ("3rd") at the end.
  if (!t.empty() && std::isalpha(static_cast<unsigned char>(t[0])) && date_words::day_number(t)) return Kind::date;
  // A clock time ("3pm", "10:30", "19h30") and a zone after one: a date reader drops them beside
  // a day, so beside a date they are part of its run ("Thursday 8:00 GMT").
  if (date_words::time_of_day(t) || date_words::time_zone(t)) return Kind::date;
  // A day or year glued to a month ("14april", "2014aug"): date vocabulary the reader cannot read.
  {
    std::size_t digits_end = 0;
    while (digits_end < t.size() && std::isdigit(static_cast<unsigned char>(t[digits_end]))) ++digits_end;
    if (digits_end > 0 && digits_end < t.size() && is_month(std::string_view(t).substr(digits_end))) return Kind::date;
  }
  // "1,2001" ("November 1,2001"): a day and a year written without a space.
  if (const auto comma = t.find(','); comma >= 1 && comma <= 2 && t.size() >= comma + 5 &&
                                      digits(t.substr(0, comma)) && date_words::year_number(t.substr(comma + 1, 4)) &&
                                      (t.size() == comma + 5 || t[comma + 5] == '-'))
    return Kind::date;
  // "twenty-first", "mid-March", "3-9", "2022/3/21", "21.03.2022", "3rd", "1990s".
  if (t.find('-') != std::string::npos) {
    const std::string_view a(t.data(), t.find('-')), b(t.data() + t.find('-') + 1);
    Word left, right;
    left.lower = std::string(a), right.lower = std::string(b);
    const Kind ka = kind_of(left), kb = kind_of(right);
    if ((ka == Kind::number && kb == Kind::number) || ka == Kind::date || kb == Kind::date || ka == Kind::month ||
        kb == Kind::month)
      return Kind::date;
    return Kind::none;
  }
  bool has_digit = false, only_date_chars = true;
  for (char c : t) {
    has_digit = has_digit || std::isdigit(static_cast<unsigned char>(c));
    only_date_chars = only_date_chars && (std::isdigit(static_cast<unsigned char>(c)) || c == '/' || c == '.');
  }
  if (has_digit && only_date_chars && (t.find('/') != std::string::npos || t.find('.') != std::string::npos))
    return Kind::date;
  // Digits written as superscripts or subscripts ("₃₁"): numbers.
  {
    std::size_t k = 0;
    while (k < t.size() && date_words::raised_or_lowered_digit(std::string_view(t).substr(k)) >= 0)
      k += static_cast<unsigned char>(t[k]) == 0xC2 ? 2 : 3;
    if (k == t.size()) return Kind::number;
  }
  if (digits(t)) {
    if (t.size() == 4) return date_words::year_number(t) ? Kind::date : Kind::number;
    return t.size() <= 2 ? Kind::number : Kind::none;
  }
  for (const char* suffix : {"st", "nd", "rd", "th"})
    if (t.size() > 2 && t.size() <= 4 && t.ends_with(suffix) && digits(t.substr(0, t.size() - 2))) return Kind::date;
  return Kind::none;
}

std::vector<Word> words_of(std::string_view line) {
  std::vector<Word> out;
  auto edge = [](char c) { return std::ispunct(static_cast<unsigned char>(c)) && c != '-' && c != '/' && c != '&'; };
  for (std::size_t i = 0; i < line.size();) {
    if (line[i] == ' ' || line[i] == '\t') {
      ++i;
      continue;
    }
    std::size_t end = i;
    bool control = false;
    while (end < line.size() && line[end] != ' ' && line[end] != '\t') {
      control = control || static_cast<unsigned char>(line[end]) < 0x20;
      ++end;
    }
    Word w;
    std::size_t b = i, e = end;
    while (b < e && edge(line[b])) ++b;
    while (e > b && edge(line[e - 1])) --e;
    w.begin = b, w.end = e;
    for (std::size_t k = b; k < e; ++k)
      w.lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(line[k]))));
    w.capitalised = b < e && std::isupper(static_cast<unsigned char>(line[b]));
    w.kind = control || b == e ? Kind::none : kind_of(w);
    out.push_back(std::move(w));
    i = end;
  }
  // A number is a day only beside a month ("3 April", "April 3"); a month name in lower case
  // ("march", "may") is one only beside a number or year.
  for (std::size_t k = 0; k < out.size(); ++k) {
    auto beside = [&](auto test) {
      return (k > 0 && test(out[k - 1])) || (k + 1 < out.size() && test(out[k + 1])) ||
             (k + 2 < out.size() && out[k + 1].lower == "of" && test(out[k + 2]));
    };
    if (out[k].kind == Kind::number && beside([](const Word& n) { return n.kind == Kind::month; }))
      out[k].kind = Kind::date;
  }
  // A number joined to a day of a month ("3 and 7 March", "3 or 4 April") is a day too.
  for (std::size_t k = out.size(); k-- > 0;)
    if (out[k].kind == Kind::number && k + 2 < out.size() && out[k + 2].kind == Kind::date &&
        date_words::day_number(out[k + 2].lower) &&
        (out[k + 1].lower == "and" || out[k + 1].lower == "or" || out[k + 1].lower == "to" || out[k + 1].lower == "-" ||
         out[k + 1].lower == "&"))
      out[k].kind = Kind::date;
  // A number just before a year ("11. 12. 2014"), or after a day beside a month ("December 21 19"),
  // is part of a numeric date the reader did not read.
  for (std::size_t k = out.size(); k-- > 0;) {
    if (out[k].kind != Kind::number || k + 1 >= out.size()) continue;
    const Word& next = out[k + 1];
    if (next.kind == Kind::date && next.lower.size() == 4 && digits(next.lower)) out[k].kind = Kind::date;
  }
  for (std::size_t k = 2; k < out.size(); ++k)
    if (out[k].kind == Kind::number && out[k - 1].kind == Kind::date && digits(out[k - 1].lower) &&
        out[k - 2].kind == Kind::month)
      out[k].kind = Kind::date;
  // A month's shortening just before a month's full name ("By Angie Mar November 2019") is a name:
  // no date is written so. ("January February 2022" stays one run, not understood.)
  for (std::size_t k = 0; k + 1 < out.size(); ++k)
    if (out[k].kind == Kind::month && out[k + 1].kind == Kind::month && date_words::month_abbreviation(out[k].lower) &&
        !date_words::month_abbreviation(out[k + 1].lower))
      out[k].kind = Kind::none;
  for (auto& w : out)
    if (w.kind == Kind::month) w.kind = Kind::date;
  for (std::size_t k = 0; k < out.size(); ++k) {
    if ((out[k].lower == "march" || out[k].lower == "may") && !out[k].capitalised) {
      const bool by_number = (k > 0 && (out[k - 1].kind == Kind::date || out[k - 1].kind == Kind::number) &&
                              digits(out[k - 1].lower.substr(0, 2))) ||
                             (k + 1 < out.size() && digits(out[k + 1].lower.substr(0, 1)));
      if (!by_number) out[k].kind = Kind::joiner;
    }
  }
  // "day" or "eve" right after a word that is no date word ends the name of an occasion ("Victory
  // Day", "election day", "Christmas Eve"), as does "year" after "new" or a capitalised "Year"
  // after a capitalised word ("New Year"): not a date the reader failed at. "Victory Day 2022" is
  // the year and the name.
  for (std::size_t k = 1; k < out.size(); ++k) {
    const Word& before = out[k - 1];
    if (before.kind != Kind::none || before.lower.empty() || !std::isalpha(static_cast<unsigned char>(before.lower[0])))
      continue;
    if (out[k].lower == "day" || out[k].lower == "eve" ||
        (out[k].lower == "year" && date_words::year_of_a_name(before.lower, before.capitalised, out[k].capitalised)))
      out[k].kind = Kind::none;
  }
  return out;
}

DateRun run_text(std::string_view line, const std::vector<Word>& w, std::size_t first, std::size_t last) {
  DateRun r;
  r.begin = w[first].begin;
  r.end = w[last].end;
  r.text = std::string(line.substr(r.begin, r.end - r.begin));
  return r;
}

}  // namespace

std::optional<DateRun> unread_date_run(std::string_view line,
                                       std::optional<std::pair<std::size_t, std::size_t>> found) {
  const std::vector<Word> w = words_of(line);
  if (found) {
    // The words of the expression, then the run of vocabulary on each side of them.
    std::size_t first = w.size(), last = 0;
    for (std::size_t k = 0; k < w.size(); ++k)
      if (w[k].begin >= found->first && w[k].end <= found->second) first = std::min(first, k), last = k;
    if (first == w.size()) return std::nullopt;
    std::size_t lo = first, hi = last;
    while (lo > 0 && w[lo - 1].kind != Kind::none) --lo;
    while (hi + 1 < w.size() && w[hi + 1].kind != Kind::none) ++hi;
    bool partial = false;
    for (std::size_t k = lo; k <= hi; ++k)
      if ((k < first || k > last) && w[k].kind == Kind::date) partial = true;
    if (!partial) return std::nullopt;
    // Report the run without joiners at its edges.
    while (lo < first && w[lo].kind == Kind::joiner) ++lo;
    while (hi > last && w[hi].kind == Kind::joiner) --hi;
    return run_text(line, w, lo, hi);
  }
  // Nothing read: report a run that plainly looks like a date — a numeric date alone, or two date
  // words or more of which one names a month, weekday, year or day.
  for (std::size_t k = 0; k < w.size(); ++k) {
    if (w[k].kind != Kind::date && w[k].kind != Kind::number) continue;
    std::size_t hi = k;
    while (hi + 1 < w.size() && w[hi + 1].kind != Kind::none) ++hi;
    std::size_t lo = k;
    while (lo > 0 && w[lo - 1].kind == Kind::joiner) --lo;
    std::size_t date_words = 0;
    bool names_a_day = false, numeric = false;
    for (std::size_t j = lo; j <= hi; ++j) {
      if (w[j].kind != Kind::date) continue;
      ++date_words;
      const std::string& t = w[j].lower;
      numeric = numeric || t.find('/') != std::string::npos ||
                (t.find('.') != std::string::npos && std::isdigit(static_cast<unsigned char>(t[0])));
      names_a_day = names_a_day || is_month(t) || std::isdigit(static_cast<unsigned char>(t[0])) ||
                    (t.ends_with("day") && t != "day") || t == "weekend";  // A weekday, "today": not "the day".
    }
    while (hi > k && w[hi].kind == Kind::joiner) --hi;
    if (numeric || (date_words >= 1 && names_a_day && hi > lo)) {
      std::size_t start = lo;
      while (start < k && w[start].kind == Kind::joiner && w[start].lower != "on" && w[start].lower != "in") ++start;
      return run_text(line, w, start, hi);
    }
    k = hi;
  }
  return std::nullopt;
}

}  // namespace newsq::query
