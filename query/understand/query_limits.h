// query/understand/query_limits.h: the check of newsq/understood_query.h that every query passes before any
// stage spends time on it: valid UTF-8, at most kMaxQueryWords words and kMaxQueryBytes bytes.
#pragma once

#include <string_view>

namespace newsq::query {

// Throws QueryError saying what is wrong (the first bad byte, or the limit exceeded).
void check_query_text(std::string_view query);

}  // namespace newsq::query
