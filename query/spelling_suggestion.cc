// query/spelling_suggestion.cc: replacing unknown words of a query (query/spelling_suggestion.h).
#include "query/spelling_suggestion.h"

#include "query/collect/spelling.h"

namespace newsq::query {

std::string spelling_suggestion(const Xapian::Database& db, analysis::TextAnalyzer& analyzer,
                                const std::string& query_text) {
  std::string suggestion;
  std::size_t copied = 0;
  bool changed = false;
  for (const auto& token : analyzer.analyze(query_text)) {
    if (db.term_exists(token.term)) continue;
    std::string better = closest_word(db, token.term);
    if (better.empty()) continue;
    suggestion.append(query_text, copied, token.begin - copied);
    suggestion += better;
    copied = token.end;
    changed = true;
  }
  if (!changed) return {};
  suggestion.append(query_text, copied);
  return suggestion;
}

}  // namespace newsq::query
