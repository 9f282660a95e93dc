// query/understand/date_words.cc: the English date vocabulary (see date_words.h).
#include "query/understand/date_words.h"

#include <array>
#include <cctype>

namespace newsq::query::date_words {
namespace {

bool one_of(std::string_view w, std::initializer_list<std::string_view> list) {
  for (auto s : list)
    if (w == s) return true;
  return false;
}

constexpr std::array<std::string_view, 19> kOrdinals{
    "first",     "second",    "third",       "fourth",     "fifth",     "sixth",      "seventh",
    "eighth",    "ninth",     "tenth",       "eleventh",   "twelfth",   "thirteenth", "fourteenth",
    "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"};

}  // namespace

std::vector<Word> words_of(std::string_view q) {
  std::vector<Word> out;
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  auto edge = [](char c) { return std::ispunct(static_cast<unsigned char>(c)) && c != '/'; };
  for (std::size_t i = 0; i < q.size();) {
    if (space(q[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < q.size() && !space(q[end])) {
      ++end;
      // A comma between a letter and a digit ends a word: "09 months,01 weeks".
      if (q[end - 1] == ',' && end - 1 > i && end < q.size() && std::isalpha(static_cast<unsigned char>(q[end - 2])) &&
          std::isdigit(static_cast<unsigned char>(q[end])))
        break;
    }
    std::string_view raw = q.substr(i, end - i);
    Word w;
    if (raw == "-" || raw == "--" || raw == "\xE2\x80\x93" || raw == "\xE2\x80\x94" || raw == "+") {
      w.text.assign(1, raw == "+" ? '+' : '-');
      w.begin = i;
      w.end = end;
      out.push_back(std::move(w));
      i = end;
      continue;
    }
    std::size_t b = i, e = end;
    while (b < e && edge(q[b])) ++b;
    while (e > b && edge(q[e - 1])) --e;
    // "'22", "’22": a year with its century dropped ("March '22", "in ’21"), read as the four
    // digits it stands for (year_of_two_digits).
    // The apostrophe was trimmed as punctuation; a curly one (U+2019) is three bytes, not trimmed.
    // "'90s" is a decade the same way: "1990s" ("'20s" is the 2020s).
    std::string_view core = q.substr(b, e - b);
    const bool curly = core.starts_with("\xE2\x80\x99");
    if (curly) core.remove_prefix(3);
    const bool decade = core.size() == 3 && core[2] == 's';
    if (decade) core.remove_suffix(1);
    if ((curly || (b > i && q[b - 1] == '\'')) && core.size() == 2 && all_digits(core)) {
      const int yy = std::stoi(std::string(core));
      w.text = std::to_string(year_of_two_digits(yy)) + (decade ? "s" : "");
      w.begin = curly ? b : b - 1;
      w.end = e;
      out.push_back(std::move(w));
      i = end;
      continue;
    }
    // A dash glued to the end of a number ("1,2001- March 31,2002") is a range separator of its own.
    auto dash_after = [&] {
      if (e < end && q[e] == '-' && std::isdigit(static_cast<unsigned char>(q[e - 1]))) {
        Word dash;
        dash.text = "-";
        dash.begin = e;
        dash.end = e + 1;
        out.push_back(std::move(dash));
      }
    };
    if (b < e) {
      w.begin = b;
      w.end = e;
      w.capital = std::isupper(static_cast<unsigned char>(q[b])) != 0;
      std::size_t letters = 0, capitals = 0;
      for (std::size_t k = b; k < e; ++k) {
        letters += std::isalpha(static_cast<unsigned char>(q[k])) != 0;
        capitals += std::isupper(static_cast<unsigned char>(q[k])) != 0;
      }
      w.all_caps = letters >= 2 && capitals == letters;
      for (std::size_t k = b; k < e; ++k) {
        // An en or em dash inside a word ("2021–2022", "3–9") is a hyphen, as a lone one is.
        if (q.substr(k, e - k).starts_with("\xE2\x80\x93") || q.substr(k, e - k).starts_with("\xE2\x80\x94")) {
          w.text.push_back('-');
          k += 2;
          continue;
        }
        // Digits written as superscripts or subscripts ("²⁹/⁰⁵/²⁰¹⁵", "₃₁ December") read as digits.
        if (int digit = raised_or_lowered_digit(q.substr(k, e - k)); digit >= 0) {
          w.text.push_back(static_cast<char>('0' + digit));
          k += static_cast<unsigned char>(q[k]) == 0xC2 ? 1 : 2;
          continue;
        }
        w.text.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(q[k]))));
      }
      // "14april", "2014aug", "feb13": split where digits meet a month name.
      std::size_t digits = 0;
      while (digits < w.text.size() && std::isdigit(static_cast<unsigned char>(w.text[digits]))) ++digits;
      std::size_t alpha = 0;
      while (alpha < w.text.size() && std::isalpha(static_cast<unsigned char>(w.text[alpha]))) ++alpha;
      std::size_t cut = 0;
      if (digits > 0 && digits <= 4 && month_number(std::string_view(w.text).substr(digits))) cut = digits;
      if (alpha > 0 && alpha < w.text.size() && month_number(std::string_view(w.text).substr(0, alpha)) &&
          all_digits(std::string_view(w.text).substr(alpha)) && w.text.size() - alpha <= 2)
        cut = alpha;
      // "10-August", "August/10", "Sep-2012", "2024/August": a day or year joined to a month name by
      // one '-' or '/' (the text is lower case, so offsets into it are offsets into the word).
      // Also "1,2001" after a month ("November 1,2001"): a day and a year with no space.
      std::size_t joint = w.text.find_first_of("-/");
      const std::size_t comma = w.text.find(',');
      const bool day_comma_year = !out.empty() && month_number(out.back().text) && comma != std::string::npos &&
                                  comma >= 1 && comma <= 2 && w.text.size() == comma + 5 &&
                                  all_digits(std::string_view(w.text).substr(0, comma)) &&
                                  all_digits(std::string_view(w.text).substr(comma + 1));
      if (day_comma_year) joint = comma;
      if (!cut && joint != std::string::npos && joint > 0 && joint + 1 < w.text.size() &&
          w.text.find_first_of("-/", joint + 1) == std::string::npos && w.text.size() == e - b) {
        const std::string_view left = std::string_view(w.text).substr(0, joint),
                               right = std::string_view(w.text).substr(joint + 1);
        auto day_or_year = [](std::string_view s) { return all_digits(s) && (s.size() <= 2 || s.size() == 4); };
        if (day_comma_year || (month_number(left) && day_or_year(right)) || (day_or_year(left) && month_number(right))) {
          Word second = w;
          second.text = std::string(right);
          second.begin = b + joint + 1;
          second.capital = std::isupper(static_cast<unsigned char>(q[b + joint + 1])) != 0;
          w.text.resize(joint);
          w.end = b + joint;
          out.push_back(std::move(w));
          out.push_back(std::move(second));
          dash_after();
          i = end;
          continue;
        }
      }
      if (cut) {
        Word second = w;
        second.text = w.text.substr(cut);
        second.begin = b + cut;
        second.capital = std::isupper(static_cast<unsigned char>(q[b + cut])) != 0;
        w.text.resize(cut);
        w.end = b + cut;
        w.glued_to_next = true;
        out.push_back(std::move(w));
        out.push_back(std::move(second));
      } else {
        out.push_back(std::move(w));
      }
      dash_after();
    }
    i = end;
  }
  for (std::size_t k = 0; k < out.size(); ++k) {
    const std::size_t until = k + 1 < out.size() ? out[k + 1].begin : q.size();
    if (out[k].end < until) out[k].comma_after = q.substr(out[k].end, until - out[k].end).find(',') != std::string_view::npos;
  }
  return out;
}

// The digit of a superscript (¹ ² ³ U+00B9, U+00B2, U+00B3; ⁰ ⁴..⁹ U+2070, U+2074..U+2079) or
// subscript (₀..₉ U+2080..U+2089) digit at the start of `s` in UTF-8, else -1.
int raised_or_lowered_digit(std::string_view s) {
  auto b = [&](std::size_t j) { return j < s.size() ? static_cast<unsigned char>(s[j]) : 0; };
  if (b(0) == 0xC2) return b(1) == 0xB9 ? 1 : b(1) == 0xB2 ? 2 : b(1) == 0xB3 ? 3 : -1;
  if (b(0) != 0xE2) return -1;
  if (b(1) == 0x81 && (b(2) == 0xB0 || (b(2) >= 0xB4 && b(2) <= 0xB9))) return b(2) - 0xB0;
  if (b(1) == 0x82 && b(2) >= 0x80 && b(2) <= 0x89) return b(2) - 0x80;
  return -1;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

unsigned month_number(std::string_view w) {
  static constexpr std::array<std::string_view, 12> names{"january",   "february", "march",    "april",
                                                          "may",       "june",     "july",     "august",
                                                          "september", "october",  "november", "december"};
  for (unsigned i = 0; i < 12; ++i) {
    std::string_view full = names[i];
    if (w == full) return i + 1;
    if (w.size() >= 3 && w.size() < full.size() && full.starts_with(w) && (w.size() == 3 || w == "sept")) return i + 1;
  }
  return 0;
}

bool month_abbreviation(std::string_view w) { return month_number(w) && (w.size() == 3 || w == "sept") && w != "may"; }

unsigned weekday_number(std::string_view w) {
  static constexpr std::array<std::string_view, 7> names{"monday", "tuesday",  "wednesday", "thursday",
                                                         "friday", "saturday", "sunday"};
  for (unsigned i = 0; i < 7; ++i)
    if (w == names[i]) return i + 1;
  if (w == "mon") return 1;
  if (w == "tue" || w == "tues") return 2;
  if (w == "wed") return 3;
  if (w == "thu" || w == "thur" || w == "thurs") return 4;
  if (w == "fri") return 5;
  if (w == "sat") return 6;
  if (w == "sun") return 7;
  return 0;
}

bool weekday_abbreviation(std::string_view w) { return weekday_number(w) && !w.ends_with("day"); }

int year_of_two_digits(int yy) { return yy < 69 ? 2000 + yy : 1900 + yy; }

int year_number(std::string_view w) {
  if (w.size() != 4 || !all_digits(w)) return 0;
  int y = (w[0] - '0') * 1000 + (w[1] - '0') * 100 + (w[2] - '0') * 10 + (w[3] - '0');
  return y >= 1900 && y <= 2100 ? y : 0;
}

int day_month_year(std::string_view w) {
  if (w.size() != 4 || !all_digits(w)) return 0;
  int y = (w[0] - '0') * 1000 + (w[1] - '0') * 100 + (w[2] - '0') * 10 + (w[3] - '0');
  return y >= 1000 && y <= 2999 ? y : 0;
}

unsigned ordinal_unit_word(std::string_view w) {
  for (unsigned i = 0; i < 9; ++i)
    if (w == kOrdinals[i]) return i + 1;
  return 0;
}

unsigned tens_word(std::string_view w) { return w == "twenty" ? 20 : w == "thirty" ? 30 : 0; }

unsigned day_number(std::string_view w) {
  for (unsigned i = 0; i < kOrdinals.size(); ++i)
    if (w == kOrdinals[i]) return i + 1;
  if (w == "twentieth") return 20;
  if (w == "thirtieth") return 30;
  if (auto dash = w.find('-'); dash != std::string_view::npos) {
    unsigned tens = tens_word(w.substr(0, dash)), unit = ordinal_unit_word(w.substr(dash + 1));
    unsigned d = tens + unit;
    return tens && unit && d <= 31 ? d : 0;
  }
  for (std::string_view suffix : {"st", "nd", "rd", "th"})
    if (w.size() > 2 && w.ends_with(suffix)) w.remove_suffix(2);
  if (w.empty() || w.size() > 2 || !all_digits(w)) return 0;
  unsigned d = static_cast<unsigned>(w.size() == 1 ? w[0] - '0' : (w[0] - '0') * 10 + (w[1] - '0'));
  return d >= 1 && d <= 31 ? d : 0;
}

int small_ordinal(std::string_view w) {
  if (w == "first" || w == "1st") return 1;
  if (w == "second" || w == "2nd") return 2;
  if (w == "third" || w == "3rd") return 3;
  if (w == "fourth" || w == "4th") return 4;
  return 0;
}

int small_number(std::string_view w) {
  static constexpr std::array<std::string_view, 13> words{"zero",  "one",   "two",  "three", "four",   "five",  "six",
                                                          "seven", "eight", "nine", "ten",   "eleven", "twelve"};
  if (w == "a" || w == "an") return 1;
  for (int i = 0; i < 13; ++i)
    if (w == words[static_cast<std::size_t>(i)]) return i;
  if (w.size() <= 3 && all_digits(w)) {
    int n = 0;
    for (char c : w) n = n * 10 + (c - '0');
    return n;
  }
  return -1;
}

Unit unit_of(std::string_view w) {
  if (w == "day" || w == "days") return Unit::day;
  if (w == "week" || w == "weeks") return Unit::week;
  if (w == "fortnight" || w == "fortnights") return Unit::fortnight;
  if (w == "month" || w == "months") return Unit::month;
  if (w == "quarter" || w == "quarters" || w == "qtr" || w == "qtrs") return Unit::quarter;
  if (w == "year" || w == "years" || w == "yr" || w == "yrs") return Unit::year;
  if (w == "hour" || w == "hours" || w == "hrs") return Unit::hour;
  return Unit::none;
}

bool time_of_day(std::string_view w) {
  if (w == "noon" || w == "midnight") return true;
  // A span of clock times in one word: "1pm-2pm", "9-11am".
  if (auto dash = w.find('-'); dash != std::string_view::npos && dash > 0) {
    std::string_view a = w.substr(0, dash), b = w.substr(dash + 1);
    return time_of_day(b) && (time_of_day(a) || (all_digits(a) && a.size() <= 2));
  }
  std::string_view t = w;
  if (t.ends_with("a.m") || t.ends_with("p.m"))
    t.remove_suffix(3);
  else if (t.ends_with("am") || t.ends_with("pm"))
    t.remove_suffix(2);
  if (t.empty()) return false;
  // 19h30, 8h00, 8h
  if (auto h = t.find('h'); h != std::string_view::npos && h > 0 && h <= 2 && all_digits(t.substr(0, h))) {
    std::string_view m = t.substr(h + 1);
    return m.empty() || (m.size() == 2 && all_digits(m));
  }
  auto colon = t.find(':');
  std::string_view h = t.substr(0, colon);
  if (!all_digits(h) || h.size() > 2) return false;
  if (colon == std::string_view::npos) return t.size() != w.size();  // "3pm", not "3".
  std::string_view rest = t.substr(colon + 1);                       // "30" or "30:00"
  // "30:00", and with a fraction of a second "30:00.678"
  if (auto dot = rest.find('.'); dot == 5 && rest.size() > 6 && all_digits(rest.substr(6))) rest = rest.substr(0, 5);
  if (rest.size() == 5 && rest[2] == ':') return all_digits(rest.substr(0, 2)) && all_digits(rest.substr(3));
  return rest.size() == 2 && all_digits(rest);
}

bool dotted_time(std::string_view w) {
  auto dot = w.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot > 2 || w.size() != dot + 3) return false;
  std::string_view h = w.substr(0, dot), m = w.substr(dot + 1);
  if (!all_digits(h) || !all_digits(m)) return false;
  int hour = h.size() == 1 ? h[0] - '0' : (h[0] - '0') * 10 + (h[1] - '0');
  return hour <= 23 && m[0] <= '5';
}

bool glued_count(std::string_view w, int& count, Unit& unit) {
  std::size_t k = 0;
  while (k < w.size() && k < 3 && std::isdigit(static_cast<unsigned char>(w[k]))) ++k;
  if (k == 0 || k == w.size()) return false;
  std::string_view u = w.substr(k);
  if (u == "d" || u == "day" || u == "days")
    unit = Unit::day;
  else if (u == "w" || u == "wk" || u == "wks" || u == "week" || u == "weeks")
    unit = Unit::week;
  else if (u == "mon" || u == "mons" || u == "mo" || u == "mos")  // "3mo": no word ends so after a number.
    unit = Unit::month;
  else if (u == "y" || u == "yr" || u == "yrs")
    unit = Unit::year;
  else if (u == "h" || u == "hr" || u == "hrs")  // "the last 24h"
    unit = Unit::hour;
  else
    return false;
  count = 0;
  for (char c : w.substr(0, k)) count = count * 10 + (c - '0');
  return true;
}

bool time_zone(std::string_view w) {
  return one_of(w, {"gmt", "utc", "bst", "cet", "cest", "eet", "eest", "wet", "ist", "pst", "pdt", "mst", "mdt", "cst",
                    "cdt", "est", "edt", "msk", "jst", "kst", "hkt", "sgt", "aest", "aedt"});
}

bool part_of_day(std::string_view w) {
  return one_of(w, {"morning", "afternoon", "evening", "night", "lunch", "lunchtime"});
}

bool direction(std::string_view w, int& offset) {
  if (w == "this" || w == "current") {
    offset = 0;
  } else if (w == "last" || w == "previous" || w == "prior") {
    offset = -1;
  } else if (w == "next" || w == "coming" || w == "following" || w == "upcoming") {
    offset = 1;
  } else {
    return false;
  }
  return true;
}

bool verb_like(std::string_view w) {
  return one_of(
      w, {"said", "says", "say", "told",   "tells", "will",      "would",     "could", "should", "has",    "had",
          "have", "is",   "was", "warned", "warns", "announced", "announces", "urged", "urges",  "called", "calls"});
}

bool calendar_occasion_word(std::string_view w) {
  return one_of(w, {"christmas", "xmas", "easter", "halloween", "thanksgiving", "hanukkah", "ramadan", "eid", "diwali",
                    "passover", "lent", "advent", "day", "eve", "year"});
}

bool year_of_a_name(std::string_view before, bool before_capital, bool year_capital) {
  return before == "new" || (before_capital && year_capital);
}

}  // namespace newsq::query::date_words
