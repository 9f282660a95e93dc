// query/spelling_suggestion.h: "did you mean": a search's query text with the words the index
// lacks replaced by the closest indexed ones (query/collect/spelling.h).
#pragma once

#include <xapian.h>

#include <string>

#include "indexer/analysis/text_analyzer.h"

namespace newsq::query {

// `query_text` with each word whose term `db` lacks replaced by the closest indexed word
// ("Kyv" -> "kyiv"), the rest as written; empty when no word was replaced. Throws Xapian errors.
std::string spelling_suggestion(const Xapian::Database& db, analysis::TextAnalyzer& analyzer,
                                const std::string& query_text);

}  // namespace newsq::query
