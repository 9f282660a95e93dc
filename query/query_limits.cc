// query/query_limits.cc: the query length check.
#include "query/query_limits.h"

#include <cctype>
#include <string>

#include "newsq/error.h"
#include "newsq/understood_query.h"

namespace newsq::query {

void check_query_length(std::string_view query) {
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
    throw QueryError("query too long: " + std::to_string(words) + " words (at most " +
                     std::to_string(kMaxQueryWords) + ")");
}

}  // namespace newsq::query

namespace newsq {

void check_query_length(const std::string& query) { query::check_query_length(query); }

}  // namespace newsq
