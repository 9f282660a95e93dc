// query/query_builder.h: free query text -> Xapian query, through the same TextAnalyzer as indexing.
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

#include <set>
#include <string>
#include <string_view>

#include "indexer/analysis/text_analyzer.h"

namespace newsq::query {

struct TextQuery {
  Xapian::Query query;         // Empty (Xapian::Query()) when the text holds no words.
  std::set<std::string> stems;  // Stems of the words sought, for highlighting.
  std::set<std::string> words;  // Normalised words of phrases, for highlighting.
  bool empty() const { return query.empty(); }
};

class QueryBuilder {
 public:
  // Throws QueryError for an unbalanced parenthesis. An unclosed quote runs to the end.
  TextQuery build(std::string_view text);

 private:
  analysis::TextAnalyzer analyzer_;
};

}  // namespace newsq::query
