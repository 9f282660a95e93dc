// engine/index/schema.h: the index schema, in one place: every term prefix, value slot and stored
// field newsq writes, and the version of the analysis that produced them. schema.md explains each.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsq::schema {

// Bumped whenever analysis or document layout changes, so that reindexing replaces every article
// (the content hash includes it) and an old index is recognised. Not for an added value that
// searches can do without or rebuild from the stored data or other slots (slots 5 and 6): a bump
// would make the next nightly run reindex the whole archive for it.
inline constexpr int kVersion = 1;
inline constexpr const char* kVersionKey = "newsq.schema";  // Metadata key holding kVersion.

// Term prefixes (Xapian's conventions where one exists).
inline constexpr std::string_view kStemPrefix = "Z";     // Stemmed word, no positions.
inline constexpr std::string_view kIdPrefix = "Q";       // Unique article id; one per document.
inline constexpr std::string_view kSourcePrefix = "XS";  // Case-folded source, for filtering.
inline constexpr std::string_view kHashPrefix = "XH";    // Id + content hash: "unchanged?" in one lookup.
inline constexpr std::string_view kPlacePrefix = "XP";   // Place id of a place mentioned, or of an area containing it.
inline constexpr std::string_view kCellPrefix = "XC";  // Geographic cell "<degrees>/<lat>/<lon>" of a place mentioned.
inline constexpr std::string_view kDatePrefix = "XD";  // The article's year, month and day: XD2022, XD2022-03, XD2022-03-21.
// Words themselves carry no prefix: normalised, unstemmed, with positions (phrases).

// Value slots.
inline constexpr Xapian::valueno kDateSlot = 0;         // sortable_serialise(days since 1970-01-01).
inline constexpr Xapian::valueno kSourceSlot = 1;       // The source as written, for the source facet.
inline constexpr Xapian::valueno kHashSlot = 2;         // Content hash (16 hex digits), to skip unchanged.
inline constexpr Xapian::valueno kPlacesSlot = 3;       // Place ids (with the areas containing them): location facet.
inline constexpr Xapian::valueno kPlaceCoordsSlot = 4;  // Xapian::LatLongCoords of the places: radius search.
inline constexpr Xapian::valueno kDuplicateSlot = 5;    // MinHash signature of the text: collapsing copies.
inline constexpr Xapian::valueno kFacetsSlot =
    6;  // Day, source, place ids in one value: facet counts (facet_record.h).

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
inline constexpr const char* kFieldPlaces = "places";  // [{"id","name","level","lat","lon","count"}]

// Metadata naming the gazetteer the index was built with (absolute path, checksum).
inline constexpr const char* kGazetteerKey = "newsq.gazetteer";
inline constexpr const char* kGazetteerChecksumKey = "newsq.gazetteer.checksum";
// Metadata holding the index's archive prior (indexer/places/archive_prior.h, ArchivePrior::serialise):
// written by `newsq rebuild` only, read by every writer; absent means none.
inline constexpr const char* kPlacesPriorKey = "newsq.places.prior";
// Metadata: the index's table of the places its articles name (place_name_table.h), one key per
// place id ("newsq.place-name." + decimal id), trusted only while kPlaceNamesGazetteerKey holds the
// checksum of the gazetteer the index records.
inline constexpr const char* kPlaceNamePrefix = "newsq.place-name.";
inline constexpr const char* kPlaceNamesGazetteerKey = "newsq.place-names.gazetteer";
// Metadata "1" in an index every document of which has kDatePrefix terms: written when a writer
// creates the index (older indexes lack it, and documents they held have no such terms). Date
// ranges are then searched as those terms (date_range_terms), about four times faster than a
// range over value slot 0, which Xapian checks value by value.
inline constexpr const char* kDateTermsKey = "newsq.date-terms";
// Metadata marking a shard of a sharded index: "K/N", shard K of N (shard_layout.h); absent in an
// ordinary index.
inline constexpr const char* kShardKey = "newsq.shard";

inline std::string id_term(std::string_view id) { return std::string(kIdPrefix).append(id); }
inline std::string stem_term(std::string_view stem) { return std::string(kStemPrefix).append(stem); }
// "XH" + id + content hash: present exactly when this article is indexed with this content. The id
// comes first so that lookups in input order touch neighbouring blocks, as id terms do. Empty
// when it would pass Xapian's 245-byte term limit (a long id); kHashSlot is checked then.
inline std::string hash_term(std::string_view id, std::string_view hash) {
  if (kHashPrefix.size() + id.size() + hash.size() > 245) return {};
  return std::string(kHashPrefix).append(id).append(hash);
}
// Source terms are case-folded so that --source huffpost finds "HuffPost".
std::string source_term(std::string_view source);

// Day numbers: days since 1970-01-01 for a valid "YYYY-MM-DD" (common::parse_day's rule; throws
// std::invalid_argument otherwise), and back (engine/common/days.h).
long day_number(std::string_view date);
std::string day_string(long day_number);
std::string date_value(std::string_view date);  // The kDateSlot value for a day.

// The first and last day of the index's articles (day numbers), from value slot 0's bounds (after
// deletions a bound may be a day no article has any more); nothing when no article has a date.
std::optional<std::pair<long, long>> indexed_days(const Xapian::Database& db);

// The kDatePrefix terms of a day: its year, its month and the day itself.
std::vector<std::string> date_terms(long day_number);
// The fewest kDatePrefix terms whose articles are exactly those of days first..last: whole years,
// then whole months, then single days (at most 82 terms plus one per whole year). Empty when
// first > last.
std::vector<std::string> date_range_terms(long first, long last);

}  // namespace newsq::schema
