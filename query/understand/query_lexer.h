// query/understand/query_lexer.h: splits free query text into the lexemes of the query grammar (see
// query_builder.h), with their offsets. One lexer serves both the builder, which turns lexemes
// into a Xapian query, and understanding, which must know which words operators bind so that it
// never takes them out of the text (text_locks.h).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsq::query {

struct Lexeme {
  enum Kind { word, phrase, open, close } kind;
  std::string text;       // A word as written (with its sign, if any); a phrase without quotes.
  std::size_t begin = 0;  // [begin, end) in the query; a phrase's span includes its quotes.
  std::size_t end = 0;
};

// Words end at spaces, parentheses and quotes. A sign right before a quote is a one-character
// word lexeme of its own (the parser reads it as the phrase's prefix); a lone sign elsewhere is
// punctuation ("Kyiv - Mariupol") and dropped, unless it prefixes a parenthesis. An unclosed
// quote runs to the end.
std::vector<Lexeme> lex_query(std::string_view s);

// "AND", "OR", "NOT": upper-case words, as in Xapian's QueryParser.
bool is_operator_word(const Lexeme& l);

}  // namespace newsq::query
