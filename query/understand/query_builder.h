// query/understand/query_builder.h: free query text -> Xapian query, through the same TextAnalyzer as indexing.
//
// Grammar (operators are upper-case words, as in Xapian's QueryParser):
//   sequence := item*                 items are ANDed; "AND" between them is allowed
//   item     := ("-" | "NOT ") group  excluded
//             | ["+"] group           required
//   group    := primary ("OR" primary)*
//   primary  := word | "quoted phrase" | "(" sequence ")"
// A word matches its stem (so "shelling" finds "shelled"); a quoted phrase matches the exact
// words in order; a word that analysis splits ("covid-19") becomes a phrase.
#pragma once

#include <xapian.h>

#include <map>
#include <set>
#include <string>
#include <vector>
#include <string_view>

#include "indexer/analysis/text_analyzer.h"
#include "query/understand/thesaurus.h"

namespace newsq::query {

struct TextQuery {
  Xapian::Query query;             // Empty (Xapian::Query()) when the text holds no words.
  std::set<std::string> stems;     // Stems of the words sought, for highlighting.
  std::set<std::string> words;     // Normalised words of phrases, for highlighting.
  std::vector<std::string> terms;  // Every normalised word sought, in query order (for explain).
  std::map<std::string, std::vector<std::string>> synonyms;  // Word -> thesaurus alternatives used.
  bool empty() const { return query.empty(); }
};

// A word and its alternatives (`parts`, at least two) weighed as one word: OP_SYNONYM, nested two
// at a time, SYN(a, SYN(b, SYN(c, d))). Xapian 1.4 estimates a group's frequency (its IDF) by
// joining the alternatives' frequencies pairwise, rounding each step to whole documents, in the
// order of each database's own frequencies; over shards those orders differ, and a flat group
// weighed differently there (by ~1e-4, enough to swap close hits; tests/sharding_test.cc). Pairs
// in a fixed order round the same way on every shard and on one index.
Xapian::Query synonym_group(const std::vector<Xapian::Query>& parts);

class QueryBuilder {
 public:
  // Throws QueryError for an unbalanced parenthesis. An unclosed quote runs to the end.
  // The last few results are kept: a search builds the text that understanding just built.
  TextQuery build(std::string_view text);

  // Words with thesaurus entries also find their alternatives (Xapian OP_SYNONYM, so they rank
  // as one word). Null (the default) turns synonyms off. The thesaurus must outlive the builder.
  void set_thesaurus(const Thesaurus* thesaurus) {
    if (thesaurus != thesaurus_) recent_.clear();
    thesaurus_ = thesaurus;
  }
  // Forgets the texts built so far: the thesaurus set was changed in place.
  void forget() { recent_.clear(); }

 private:
  static constexpr std::size_t kRecent = 8;
  analysis::TextAnalyzer analyzer_;
  const Thesaurus* thesaurus_ = nullptr;
  std::map<std::string, TextQuery, std::less<>> recent_;
};

}  // namespace newsq::query
