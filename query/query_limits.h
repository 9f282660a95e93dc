// query/query_limits.h: the query length check of newsq/understood_query.h (kMaxQueryWords,
// kMaxQueryBytes), run before any stage spends time on a query.
#pragma once

#include <string_view>

namespace newsq::query {

// Throws QueryError naming the limit exceeded.
void check_query_length(std::string_view query);

}  // namespace newsq::query
