// query/understand/thesaurus.h: query-time synonyms ("casualties" also finds killed, dead, wounded, ...),
// from a plain text file; corpus/thesaurus.txt is built into the library as the default.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/analysis/text_analyzer.h"

namespace newsq::query {

class Thesaurus {
 public:
  struct Alternative {
    std::string text;                // As written ("air strike").
    std::vector<std::string> terms;  // Its normalised words (several: a phrase).
    std::vector<std::string> stems;
  };

  // Parses "word: alternative, alternative" lines; '#' starts a comment. Throws QueryError with
  // "name:line: reason" for a malformed line.
  static Thesaurus parse(std::string_view text, const std::string& name);
  // The same with the caller's analyzer (its language), sparing the set-up of another one.
  static Thesaurus parse(std::string_view text, const std::string& name, analysis::TextAnalyzer& analyzer);
  static Thesaurus load(const std::string& path);
  static const Thesaurus& builtin();  // corpus/thesaurus.txt, compiled in; parsed once per process.
  // corpus/thesaurus.txt for an owner that keeps its own copy (a Searcher), read with `analyzer`,
  // which must outlive it: the head words now, each head's alternatives at its first lookup. A
  // search from the command line looks up a word or two, and analysing all ~330 alternatives
  // (ICU and Snowball) cost it 0.9 M instructions. The same answers as builtin() (tested), which
  // checks every alternative at once; like the analyzer, not for use by several threads.
  static Thesaurus parse_builtin(analysis::TextAnalyzer& analyzer);

  // The alternatives for a word with this stem; empty if none.
  const std::vector<Alternative>& lookup(const std::string& stem) const;
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::vector<Alternative> alternatives;
    std::vector<std::string> unread;  // Alternatives as written, not analysed yet (parse_builtin).
  };
  static Thesaurus parse(std::string_view text, const std::string& name, analysis::TextAnalyzer& analyzer, bool lazy);

  mutable std::map<std::string, Entry, std::less<>> entries_;
  analysis::TextAnalyzer* lazy_analyzer_ = nullptr;  // Reads `unread` alternatives; null when none are.
};

}  // namespace newsq::query
