// query/understand/query_lexer.cc: the query grammar's lexemes, with offsets.
#include "query/understand/query_lexer.h"

namespace newsq::query {

std::vector<Lexeme> lex_query(std::string_view s) {
  std::vector<Lexeme> out;
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  for (std::size_t i = 0; i < s.size();) {
    char c = s[i];
    if (is_space(c)) {
      ++i;
      continue;
    }
    if (c == '(' || c == ')') {
      out.push_back({c == '(' ? Lexeme::open : Lexeme::close, std::string(1, c), i, i + 1});
      ++i;
      continue;
    }
    if (c == '"' || ((c == '+' || c == '-') && i + 1 < s.size() && s[i + 1] == '"')) {
      if (c != '"') {
        out.push_back({Lexeme::word, std::string(1, c), i, i + 1});
        ++i;
      }
      std::size_t end = s.find('"', i + 1);
      const std::size_t stop = end == std::string_view::npos ? s.size() : end + 1;
      if (end == std::string_view::npos) end = s.size();
      out.push_back({Lexeme::phrase, std::string(s.substr(i + 1, end - i - 1)), i, stop});
      i = stop;
      continue;
    }
    std::size_t end = i;
    while (end < s.size() && !is_space(s[end]) && s[end] != '(' && s[end] != ')' && s[end] != '"') ++end;
    std::string_view word = s.substr(i, end - i);
    const bool lone_sign = word == "-" || word == "+";
    if (!lone_sign || (end < s.size() && s[end] == '(')) out.push_back({Lexeme::word, std::string(word), i, end});
    i = end;
  }
  return out;
}

bool is_operator_word(const Lexeme& l) {
  return l.kind == Lexeme::word && (l.text == "AND" || l.text == "OR" || l.text == "NOT");
}

}  // namespace newsq::query
