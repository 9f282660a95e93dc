// query/understand/text_locks.cc: locked spans from the query's lexemes, and their placeholders.
#include "query/understand/text_locks.h"

#include <algorithm>

#include "query/understand/query_lexer.h"

namespace newsq::query {
namespace {

// Placeholders: a marker byte, the span's number in letters, the marker again. Control bytes never
// reach here from the user (understanding turns them into spaces), so no query forges one; letters
// keep the date reader from seeing a number. kBinding marks spans bound by NOT, AND or OR.
constexpr char kIsolated = '\x01';
constexpr char kBinding = '\x02';

struct Span {
  std::size_t begin, end;
  bool binding;
  std::size_t first, last;  // Lexemes.
};

// The last lexeme of the operand starting at `k`: a parenthesised group, a sign and what it
// prefixes, or the one lexeme.
std::size_t operand_end(const std::vector<Lexeme>& lex, std::size_t k) {
  if (lex[k].kind == Lexeme::open) {
    std::size_t depth = 0;
    for (std::size_t j = k; j < lex.size(); ++j) {
      if (lex[j].kind == Lexeme::open) ++depth;
      if (lex[j].kind == Lexeme::close && --depth == 0) return j;
    }
    return lex.size() - 1;
  }
  if (lex[k].kind == Lexeme::word && (lex[k].text == "+" || lex[k].text == "-") && k + 1 < lex.size())
    return operand_end(lex, k + 1);
  return k;
}

std::string letters(std::size_t n) {
  std::string s;
  do {
    s.push_back(static_cast<char>('a' + n % 26));
    n /= 26;
  } while (n > 0);
  return s;
}

bool is_marker(char c) { return c == kIsolated || c == kBinding; }

}  // namespace

bool holds_lock_placeholder(std::string_view word) { return std::any_of(word.begin(), word.end(), is_marker); }

TextLocks::TextLocks(std::string_view query) {
  const std::vector<Lexeme> lex = lex_query(query);
  std::vector<Span> spans;
  auto lock = [&](std::size_t first, std::size_t last, bool binding) {
    spans.push_back({lex[first].begin, lex[last].end, binding, first, last});
  };
  std::size_t prev_first = lex.size(), prev_last = 0;  // The operand before, if any.
  for (std::size_t k = 0; k < lex.size();) {
    const Lexeme& l = lex[k];
    if (is_operator_word(l)) {
      has_operators_ = true;
      lock(k, k, true);
      if (l.text != "NOT" && prev_first < lex.size()) lock(prev_first, prev_last, true);
      if (k + 1 == lex.size()) break;
      const std::size_t last = operand_end(lex, k + 1);
      lock(k + 1, last, true);
      prev_first = k + 1, prev_last = last;
      k = last + 1;
      continue;
    }
    const std::size_t last = operand_end(lex, k);
    const bool sign = l.kind == Lexeme::word && (l.text[0] == '+' || l.text[0] == '-');
    if (sign || l.kind == Lexeme::open || l.kind == Lexeme::close) has_operators_ = true;
    if (sign || l.kind != Lexeme::word) lock(k, last, false);
    prev_first = k, prev_last = last;
    k = last + 1;
  }

  // Overlapping spans become one; spans apart (even by one space) stay apart.
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::vector<Span> merged;
  for (const Span& s : spans) {
    if (!merged.empty() && s.begin < merged.back().end) {
      if (s.end > merged.back().end) merged.back().end = s.end, merged.back().last = s.last;
      merged.back().binding = merged.back().binding || s.binding;
    } else {
      merged.push_back(s);
    }
  }
  std::size_t copied = 0;
  for (const Span& s : merged) {
    masked_.append(query.substr(copied, s.begin - copied));
    const char marker = s.binding ? kBinding : kIsolated;
    const std::size_t placeholder_at = masked_.size();
    masked_ += marker + letters(locked_.size()) + marker;
    placements_.push_back({placeholder_at, masked_.size(), s.begin, s.end});
    locked_.push_back({std::string(query.substr(s.begin, s.end - s.begin)), lex[s.first].text, lex[s.last].text});
    copied = s.end;
  }
  masked_.append(query.substr(copied));
}

std::size_t TextLocks::number_at(std::string_view m, std::size_t marker) const {
  std::size_t n = 0, scale = 1;
  for (std::size_t k = marker + 1; k < m.size() && !is_marker(m[k]); ++k, scale *= 26)
    n += static_cast<std::size_t>(m[k] - 'a') * scale;
  return n;
}

TextLocks::Neighbours TextLocks::binding_neighbours(std::string_view m, std::size_t begin, std::size_t end) const {
  while (begin > 0 && m[begin - 1] == ' ') --begin;
  while (end < m.size() && m[end] == ' ') ++end;
  Neighbours n;
  if (begin > 0 && m[begin - 1] == kBinding) {
    const std::size_t open = m.rfind(kBinding, begin - 2);
    if (open != std::string_view::npos && number_at(m, open) < locked_.size())
      n.before = locked_[number_at(m, open)].last_word;
  }
  if (end < m.size() && m[end] == kBinding && number_at(m, end) < locked_.size())
    n.after = locked_[number_at(m, end)].first_word;
  return n;
}

std::size_t TextLocks::original_offset(std::size_t masked_offset) const {
  std::size_t offset = masked_offset;
  for (const Placement& p : placements_) {
    if (p.masked_end > masked_offset) break;
    offset = offset - (p.masked_end - p.masked_begin) + (p.end - p.begin);
  }
  return offset;
}

std::string TextLocks::unmask(std::string_view m) const {
  std::string out;
  for (std::size_t i = 0; i < m.size();) {
    if (!is_marker(m[i])) {
      out.push_back(m[i++]);
      continue;
    }
    const char marker = m[i];
    std::size_t close = m.find(marker, i + 1);
    if (close == std::string_view::npos) close = m.size();
    if (const std::size_t n = number_at(m, i); n < locked_.size()) out += locked_[n].text;
    i = close + 1;
  }
  return out;
}

}  // namespace newsq::query
