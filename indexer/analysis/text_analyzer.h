// indexer/analysis/text_analyzer.h: the one text analysis newsq has. Indexing and querying both
// call it, so a word typed in any case, with or without diacritics or a possessive, meets the
// same word in an article.
//
// Pipeline per word: ICU word boundaries (UAX #29) on the original text -> NFKC + case folding ->
// Latin diacritics removed (Київ keeps its letters, "Kijów" becomes "kijow") -> apostrophes unified,
// possessive 's and acronym dots dropped ("Kyiv's" -> kyiv, "U.S." -> us) -> Snowball stem, the
// stemmer picked by the word's script (Latin: the article's language, English by default;
// Cyrillic: Russian; Greek, Arabic, ... their own).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsq::analysis {

struct Token {
  std::string term;                  // Normalised word.
  std::string stem;                  // Its Snowball stem (equal to term where no stemmer applies).
  std::uint32_t begin = 0, end = 0;  // Byte range of the word in the analysed text.
};

// Not thread-safe (ICU break iterators and Snowball keep state): one per thread.
class TextAnalyzer {
 public:
  // `language`: ISO 639-1 code of the text; picks the stemmer for Latin-script words.
  explicit TextAnalyzer(std::string_view language = "en");
  ~TextAnalyzer();
  TextAnalyzer(const TextAnalyzer&) = delete;
  TextAnalyzer& operator=(const TextAnalyzer&) = delete;

  void set_language(std::string_view language);

  // Appends the words of `text` (valid UTF-8) to `out`, in order.
  void analyze(std::string_view text, std::vector<Token>& out);
  std::vector<Token> analyze(std::string_view text);
  // The normalised words only (Token::term), without stemming: what place names are keyed by.
  std::vector<std::string> words(std::string_view text);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsq::analysis
