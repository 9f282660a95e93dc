// newsq/searcher.h: searches a newsq index and counts facets over the whole match set.
#pragma once

#include "newsq/export.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "newsq/understood_query.h"

namespace newsq {

struct NEWSQ_EXPORT SearchRequest {
  std::string query{};                  // Free text: words, "quoted phrases", +must, -mustnot, OR, AND, NOT.
  std::string from{};                   // First day, "YYYY-MM-DD" inclusive; empty for no lower bound.
  std::string to{};                     // Last day, "YYYY-MM-DD" inclusive; empty for no upper bound.
  std::vector<std::string> sources{};   // Keep only these outlets (any of them); empty keeps all.
  std::uint32_t offset = 0;             // Hits to skip, for paging.
  std::uint32_t limit = 10;             // Hits to return.
  bool count_facets = true;             // Fill SearchResults::facets (exact counts over every match).
  std::uint32_t max_facet_values = 20;  // Most frequent values kept per facet other than date.
  std::uint32_t snippet_length = 200;   // Characters of text around the best-matching passage; 0: none.
  // Drill-down selections (field, value): ("source", "HuffPost"), ("date", "2022-03"). Values of
  // one field are ORed, fields are ANDed; each field's counts ignore its own selections, so a user
  // sees what picking another value would give (multi-select facets).
  std::vector<std::pair<std::string, std::string>> facet_filters{};
  // date: newest first. distance: nearest first (needs `near`).
  enum class Sort { relevance, date, distance } sort = Sort::relevance;
  // With relevance order: extra weight for recent articles, 0 for none. 1 weighs an article of
  // the newest day about as much as one matching query word; the boost halves every 90 days.
  double recency_boost = 0;
  bool use_thesaurus = true;        // Expand words with their thesaurus synonyms.
  bool collapse_duplicates = true;  // Fold near-identical articles (wire copies) into one hit.
  // Places (need an index built with a gazetteer; QueryError otherwise). A place is a name
  // ("Kharkiv", "Paris, Texas", "Donetsk Oblast") or a gazetteer id ("703448"); a name means the
  // place a lone mention of it would mean.
  std::string place{};  // Articles mentioning this place or anything inside it.
  // Articles mentioning any of these places (or anything inside one), besides `place` if set: a
  // list the query names ("refugees in Poland and Moldova").
  std::vector<std::string> any_of_places{};
  std::string near{};   // Articles mentioning a city or sea within radius_km of it.
  double radius_km = kDefaultRadiusKm;
  std::vector<std::string> prefer_places{};  // Articles mentioning these rank higher; none are dropped.
  // Facet filters also take ("location", place) and the facets gain "location".
  static constexpr double kDefaultRadiusKm = 50;
  // Above 0: once the pass counting every match has run this long it stops checking (Xapian's
  // Enquire::set_time_limit) and the results say timed_out. The ranking of the hits shown still
  // completes, and the facet passes of selected fields are not limited: this bounds the pass that
  // grows with the number of matches, not the whole search.
  double time_limit_seconds = 0;

  // The ranges search() takes; validate() says which field is outside them.
  static constexpr std::uint32_t kMaxLimit = 10000;     // Page through more with `offset`.
  static constexpr std::uint32_t kMaxOffset = 1000000;  // Deeper pages cost memory in ranking.
  static constexpr double kMaxRadiusKm = 20038;         // Half the Earth's circumference.
  static constexpr double kMaxRecencyBoost = 100;
  static constexpr std::uint32_t kMaxFacetValues = 10000;
  static constexpr std::uint32_t kMaxSnippetLength = 10000;
  // Throws QueryError naming the field, its value and its range (radius: above 0 up to
  // kMaxRadiusKm; recency_boost: 0 up to kMaxRecencyBoost; limit, offset: 0 up to their maximum).
  void validate() const;

  // The request that runs an understood query: its text, dates, sources and places (the first
  // "near" place becomes `near`; one "in" place becomes `place`, several `any_of_places`; further
  // "near" places, and bare place names, become preferences).
  static SearchRequest from_understood(const UnderstoodQuery& understood);
};

// A place an article mentions (from the gazetteer the index was built with).
struct NEWSQ_EXPORT HitPlace {
  std::uint64_t id = 0;  // GeoNames id (hand-written places: >= 4000000000).
  std::string name{};
  std::string level{};  // "continent", "country", "region", "district", "city" or "sea".
  bool has_coordinates = false;
  double lat = 0, lon = 0;  // Areas (continents, countries, regions, districts): their centre's.
  std::uint32_t mentions = 0;
};

struct NEWSQ_EXPORT Hit {
  std::string id, date, source, title, url;
  std::string snippet;  // Matching words are wrapped in "\x01" ... "\x02" markers; see snippet_markup.
  double score = 0;     // Relevance (BM25); comparable only within one search.
  std::vector<std::string> similar_ids{};  // Near-identical articles folded into this hit.
  std::vector<HitPlace> places{};          // The places the article mentions, in order of first mention.
  double distance_km = -1;                 // With SearchRequest::near: to its nearest city or sea; else -1.
};

struct NEWSQ_EXPORT FacetValue {
  std::string value;  // A source name, a date bucket ("2022", "2022-03", "2022-03-21"), a place name.
  std::uint64_t count = 0;
  std::uint64_t id = 0;  // location: the place's gazetteer id; 0 for other facets.
  std::string level{};   // location: "continent", "country", "region", "district", "city" or "sea"; else empty.
  // location, from the index's gazetteer: where the place is (areas: their centre's), so that a
  // reader can draw it on a map, and the names of the country and of the first-level region it
  // lies in, so that it can build a country -> region -> place tree. `country` is empty for a
  // country itself, a continent and a sea; `region` is empty for a region itself and for places
  // in no region (or whose region the gazetteer lacks).
  bool has_coordinates = false;
  double lat = 0, lon = 0;
  std::string country{}, region{};
};

// An article as the index stores it (Searcher::article).
struct NEWSQ_EXPORT StoredArticle {
  std::string id, date, source, title, url;
  std::string text;                // The body as indexed.
  std::vector<HitPlace> places{};  // The places it mentions, in order of first mention.
};

// A place whose name starts with a prefix (Searcher::place_names), for a search box's completion.
struct NEWSQ_EXPORT PlaceSuggestion {
  std::uint64_t id = 0;  // Gazetteer id.
  std::string name{};    // The gazetteer's primary name.
  std::string level{};   // As HitPlace::level.
  std::string country{};  // The name of the country it lies in; empty for countries, continents, seas.
  std::uint64_t count = 0;  // Articles mentioning it or a place inside it.
};

struct NEWSQ_EXPORT SearchResults {
  std::uint64_t total = 0;  // Exact number of matching articles.
  std::vector<Hit> hits;
  // "source": most frequent first. "date": chronological buckets whose size (year, month or day)
  // follows the span of the matching dates; date_granularity says which.
  std::map<std::string, std::vector<FacetValue>> facets;
  std::string date_granularity;  // "year", "month" or "day"; empty when there are no matches.
  // The query with unknown words replaced by the closest indexed ones ("Kyv" -> "kyiv"); empty
  // when every word is known.
  std::string suggestion{};
  // SearchRequest::time_limit_seconds ran out (or the search took at least that long): `total`
  // and the facet counts may be estimates from the matches checked in time.
  bool timed_out = false;
  // A cluster (docs/sharding.md) answered without some of its shards: they were down or slower
  // than SearcherOptions::shard_timeout_seconds. `total` and the facet counts are then those of
  // the shards that answered: lower bounds of the whole archive's. The next search tries the
  // missing shards again.
  bool partial = false;
  std::vector<std::string> missing_shards{};  // Their names: "HOST:PORT" (remote) or the folder.
};

// Snippets mark matched words with these bytes, so that a terminal can bold them and JSON can
// turn them into whatever markup its reader wants.
inline constexpr char kHighlightStart = '\x01';
inline constexpr char kHighlightEnd = '\x02';

struct NEWSQ_EXPORT IndexStats {
  std::uint64_t articles = 0;
  std::uint64_t terms = 0;            // Distinct terms.
  std::string first_date, last_date;  // Empty for an empty index.
  std::uint64_t disk_bytes = 0;
  std::map<std::string, std::uint64_t> sources;  // Articles per source.
};

// How a Searcher opens its index.
struct NEWSQ_EXPORT SearcherOptions {
  // A cluster's remote shards: how long one may take to accept a connection or to answer one
  // request before searches go on without it (SearchResults::partial). Above 0, at most
  // kMaxShardTimeoutSeconds (Xapian takes it as milliseconds in 32 bits).
  double shard_timeout_seconds = kDefaultShardTimeoutSeconds;
  static constexpr double kDefaultShardTimeoutSeconds = 10;
  static constexpr double kMaxShardTimeoutSeconds = 86400;
};

// Today in UTC as "YYYY-MM-DD": the day a request or query without `now` is resolved against
// ("last week", the recency boost). A program that keeps answers (as `newsq serve` does) keys them
// by it, since the same request means other days tomorrow.
NEWSQ_EXPORT std::string today();

// Reads one index. Cheap to keep open for a long-running program: every search() first moves to
// the index's latest commit (or to the new index after a rebuild swapped it in), and retries when
// a concurrent commit changes the data under it. Not thread-safe: use one Searcher per thread.
class NEWSQ_EXPORT Searcher {
 public:
  // Throws DatabaseError if `dir` holds no newsq index.
  explicit Searcher(const std::string& dir);
  // `dir` may also be a cluster of shards: a cluster description (a Xapian stub file listing
  // `auto PATH` and `remote :HOST:PORT` shards) or a sharded index folder holding one
  // (DIR/cluster.stub); docs/sharding.md. Throws std::invalid_argument for options out of range.
  Searcher(const std::string& dir, const SearcherOptions& options);
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;

  // Throws QueryError for a malformed request (bad date, bad query syntax).
  SearchResults search(const SearchRequest& request);

  // Reads a one-line query ("casualties near Kyiv in March 2022"): sources, a date range in words
  // resolved against `now` ("YYYY-MM-DD"; empty = today), places (with the index's gazetteer;
  // none without one), and the text left. Throws QueryError for a malformed `now`.
  UnderstoodQuery understand(const std::string& query, const std::string& now = "");

  // Replaces the built-in thesaurus (corpus/thesaurus.txt) with this file. Throws QueryError.
  void set_thesaurus(const std::string& path);

  // Moves to the latest committed state of the index now (search() does this by itself).
  void reopen();

  // After moving to the latest commit, what this searcher reads, as an opaque token: a commit, a
  // rebuild or compaction swapping in a new generation, or a local shard of a cluster changing
  // gives a new one. Equal tokens of one index mean that equal requests get equal answers (with
  // the same thesaurus and the same day "today"): a key for caching answers, as `newsq serve`
  // does. Empty for a cluster with remote shards, without asking them: their servers tell no
  // revision, asking costs a round trip each, and one that is down would make every call wait.
  // Throws DatabaseError as search() does.
  std::string revision();

  IndexStats stats();

  // The article with this id as stored (its text and places), or none if the index holds no such
  // article.
  std::optional<StoredArticle> article(const std::string& id);

  // At most `limit` places of the index's gazetteer whose primary name starts with `prefix`
  // (compared as the gazetteer compares names: words normalised, case and accents folded; the
  // last word may be partial: "Kh" -> Kharkiv, Kherson; "new y" -> New York), most mentioned in
  // the index first (ties: more populous first), places no article mentions left out. Empty
  // without a usable gazetteer or for a prefix with no word characters.
  std::vector<PlaceSuggestion> place_names(const std::string& prefix, std::uint32_t limit = 10);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsq
