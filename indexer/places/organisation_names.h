// indexer/places/organisation_names.h: the organisations whose names hold a place name
// (corpus/organisations.txt, compiled in). A place name inside one of them names the organisation:
// "Real Madrid" mentions no Madrid, "Voice of America" no America.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>

#include "indexer/analysis/text_analyzer.h"

namespace newsq::places {

class OrganisationNames {
 public:
  // The names of corpus/organisations.txt. Built on first use; thread-safe to read.
  static const OrganisationNames& builtin();

  // `text`: one name per line as written in text, in ASCII letters (they are split and folded
  // without ICU, so that a command that never meets a place pays nothing for them: a word with
  // diacritics would not meet TextAnalyzer's terms, which drop them); '#' starts a comment line.
  explicit OrganisationNames(std::string_view text);

  // Whether tokens [first, end) lie inside a run of `tokens` that is one of the names.
  bool covers(std::span<const analysis::Token> tokens, std::size_t first, std::size_t end) const;
  // The same for the bytes [begin, end) of a short text such as a query, split into words without
  // ICU: runs of letters and digits (ASCII ones folded to lower case, other bytes kept), an
  // apostrophe between letters kept ("d'or"), a possessive 's dropped. Names in other scripts or
  // with diacritics are found only by covers().
  bool covers_text(std::string_view text, std::size_t begin, std::size_t end) const;

 private:
  std::unordered_set<std::string> names_;  // Each name's words (Token::term) joined by one space.
  std::unordered_set<std::string> words_;  // Every word of a name: most place names are none.
  std::size_t max_words_ = 0;
};

}  // namespace newsq::places
