// indexer/analysis/stemmer.h: Snowball stemmers (Debian's libstemmer), one per language, created on
// first use. Index and query side both stem through this, so a word meets itself.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

struct sb_stemmer;

namespace newsq::analysis {

// Not thread-safe: a Snowball stemmer keeps state between calls. Use one Stemmers per thread.
class Stemmers {
 public:
  Stemmers();
  ~Stemmers();
  Stemmers(const Stemmers&) = delete;
  Stemmers& operator=(const Stemmers&) = delete;

  // The stem of `word` (already normalised, UTF-8) in `language` (a Snowball name: "english",
  // "russian", ...). Returns the word itself for a language Snowball lacks.
  std::string stem(std::string_view language, std::string_view word);

  // The Snowball language for an ISO 639-1 code ("en" -> "english"); empty if Snowball has none.
  static std::string language_for_code(std::string_view iso639_1);

 private:
  struct Free {
    void operator()(sb_stemmer* s) const;
  };
  std::map<std::string, std::unique_ptr<sb_stemmer, Free>, std::less<>> stemmers_;
};

}  // namespace newsq::analysis
