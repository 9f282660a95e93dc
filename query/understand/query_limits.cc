// query/understand/query_limits.cc: the check every query passes first: valid UTF-8, not too long.
#include "query/understand/query_limits.h"

#include <cctype>
#include <string>

#include "indexer/readers/article_validator.h"
#include "newsq/error.h"
#include "newsq/understood_query.h"

namespace newsq::query {

void check_query_text(std::string_view query) {
  // The analyser, the place and date readers and JSON output all need valid UTF-8.
  if (std::size_t bad = indexer::find_invalid_utf8(std::string(query)); bad != std::string::npos)
    throw QueryError("query is not valid UTF-8 (at byte " + std::to_string(bad) + ")");
  if (query.size() > kMaxQueryBytes)
    throw QueryError("query too long: " + std::to_string(query.size()) + " bytes (at most " +
                     std::to_string(kMaxQueryBytes) + ")");
  std::size_t words = 0;
  bool in_word = false;
  for (char c : query) {
    const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
    words += !space && !in_word;
    in_word = !space;
  }
  if (words > kMaxQueryWords)
    throw QueryError("query too long: " + std::to_string(words) + " words (at most " + std::to_string(kMaxQueryWords) +
                     ")");
}

}  // namespace newsq::query

namespace newsq {

void check_query_text(const std::string& query) { query::check_query_text(query); }

}  // namespace newsq
