// indexer/readers/article_validator.h: the checks every article passes whatever its format, so
// that JSON Lines, CSV, text and library callers are held to one rule.
#pragma once

#include <cstdint>
#include <string>

#include "engine/common/days.h"
#include "newsq/article.h"

namespace newsq::indexer {

// Longest id and source accepted, in bytes: they are stored as Xapian terms ("Q" + id, "XS" +
// source), and Xapian's limit on a term is 245 bytes.
inline constexpr std::size_t kMaxIdBytes = 244;
inline constexpr std::size_t kMaxSourceBytes = 243;

// Checks `article` and normalises it in place: trims id, source, title; cuts an ISO-8601 timestamp
// date ("2022-01-25T09:00:00Z") to its day. Returns an empty string if the article is fine, else the
// reason it is not ("missing id", "missing date", "impossible date '2022-02-30'",
// "impossible time in date '2022-03-01T25:99:00Z'", "empty text", "text has no visible character ...",
// "invalid UTF-8 in text at byte 17", "record of 9000000 bytes exceeds the limit of 8388608").
std::string validate_article(Article& article, std::uint64_t max_record_bytes);

// True if `date` is a real calendar day written YYYY-MM-DD (engine/common/days.h).
using common::is_valid_day;

// Offset of the first byte that breaks UTF-8 in `text`, or std::string::npos if it is all valid.
std::size_t find_invalid_utf8(const std::string& text);

}  // namespace newsq::indexer
