// engine/src/schema.h: the index schema, in one place: every term prefix, value slot and stored
// field newsq writes, and the version of the analysis that produced them. schema.md explains each.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

namespace newsq::schema {

// Bumped whenever analysis or document layout changes, so that reindexing replaces every article
// (the content hash includes it) and an old index is recognised.
inline constexpr int kVersion = 1;
inline constexpr const char* kVersionKey = "newsq.schema";  // Metadata key holding kVersion.

// Term prefixes (Xapian's conventions where one exists).
inline constexpr std::string_view kStemPrefix = "Z";    // Stemmed word, no positions.
inline constexpr std::string_view kIdPrefix = "Q";      // Unique article id; one per document.
inline constexpr std::string_view kSourcePrefix = "XS"; // Case-folded source, for filtering.
// Words themselves carry no prefix: normalised, unstemmed, with positions (phrases).

// Value slots.
inline constexpr Xapian::valueno kDateSlot = 0;    // sortable_serialise(days since 1970-01-01).
inline constexpr Xapian::valueno kSourceSlot = 1;  // The source as written, for the source facet.
inline constexpr Xapian::valueno kHashSlot = 2;    // Content hash (16 hex digits), to skip unchanged.

// Weight of a title word relative to a body word (added to the stemmed term's wdf).
inline constexpr Xapian::termcount kTitleWdf = 3;
// Gap in term positions between title and body, so no phrase spans the two.
inline constexpr Xapian::termpos kTitleBodyGap = 100;

// Stored document data is a JSON object with these keys.
inline constexpr const char* kFieldId = "id";
inline constexpr const char* kFieldDate = "date";
inline constexpr const char* kFieldSource = "source";
inline constexpr const char* kFieldTitle = "title";
inline constexpr const char* kFieldUrl = "url";
inline constexpr const char* kFieldText = "text";
inline constexpr const char* kFieldLang = "lang";

inline std::string id_term(std::string_view id) { return std::string(kIdPrefix).append(id); }
inline std::string stem_term(std::string_view stem) { return std::string(kStemPrefix).append(stem); }
// Source terms are case-folded so that --source huffpost finds "HuffPost".
std::string source_term(std::string_view source);

// Day numbers: days since 1970-01-01 for a valid "YYYY-MM-DD", and back.
long day_number(std::string_view date);
std::string day_string(long day_number);
std::string date_value(std::string_view date);  // The kDateSlot value for a day.

}  // namespace newsq::schema
