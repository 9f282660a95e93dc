// engine/api/searcher.cc: newsq::Searcher (newsq/searcher.h) and newsq::understand()
// (newsq/understood_query.h) as glue over query/: the open index and its retry loop
// (index_view.h), the request as queries (request_query.h), one match pass giving the hits
// (hit_assembly.h) and the counts of every facet without selections, one more counting pass per
// facet with selections (facet_counts.h, multi-select facets), and the stats (index_stats.h).
#include "newsq/searcher.h"

#include <xapian.h>

#include <chrono>
#include <cmath>
#include <stdexcept>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "engine/index/place_terms.h"
#include "engine/index/schema.h"
#include "engine/index/stored_article.h"
#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/gazetteer.h"
#include "indexer/readers/article_validator.h"
#include "newsq/error.h"
#include "query/facet_counts.h"
#include "query/hit_assembly.h"
#include "query/index_gazetteer_cache.h"
#include "query/index_stats.h"
#include "query/index_view.h"
#include "query/place_completion.h"
#include "query/request_query.h"
#include "query/source_names.h"
#include "query/spelling_suggestion.h"
#include "query/understand/place_lookup.h"
#include "query/understand/query_builder.h"
#include "query/understand/query_understanding.h"
#include "query/understand/thesaurus.h"

namespace newsq {
namespace {

// Matches a ranked pass looks at (and counts facets over) before it may stop early; a query with
// more is counted by a boolean pass of its own. On the 100k mix (bench/query_mix.tsv) 1,000 gave
// "ukraine" (55,958 matches) 7.7 ms instead of 10.3 and left the narrow queries as they were.
constexpr Xapian::doccount kCheckAllUpTo = 1000;

// `now` ("YYYY-MM-DD", empty for today) as a day number.
long resolve_now(const std::string& now) {
  const std::string day = now.empty() ? today() : now;
  if (!indexer::is_valid_day(day)) throw QueryError("invalid 'now' date '" + now + "': expected YYYY-MM-DD");
  return schema::day_number(day);
}

}  // namespace

std::string today() {
  const auto day = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return schema::day_string(day.time_since_epoch().count());
}

struct Searcher::Impl {
  // Declared in this order: each is built on the ones before it.
  query::IndexView index;
  query::IndexGazetteerCache gazetteer{index};
  query::FacetCounter facets{index, gazetteer};
  query::SourceNames source_names;
  query::QueryBuilder builder;
  analysis::TextAnalyzer analyzer;  // Snippets, place names, spelling.
  query::StoredArticleReader stored_reader;
  std::optional<query::Thesaurus> own_thesaurus;  // Built-in (parsed on first use) or set_thesaurus()'s.
  std::optional<query::PlaceCompletion> completion;  // Of gazetteer.get(), built on first place_names().
  std::optional<std::pair<std::string, IndexStats>> stats;  // The last stats() and the revision_now() counted.

  // Searcher::revision() of the commit `index` shows now (not moving it): the generation, the
  // Xapian revision and the UUID (an index deleted and made again starts again at the same
  // generation and revision numbers). Throws Xapian errors.
  std::string revision_now() const {
    const query::IndexView::Revision now = index.revision();
    return now.first + "@" + std::to_string(now.second) + " " + index.db().get_uuid();
  }

  Impl(const std::string& dir, unsigned shard_timeout_ms) : index(dir, shard_timeout_ms) {}

  // The built-in thesaurus is parsed with `analyzer` when first needed, not when the searcher
  // opens: a search with --no-synonyms or --literal never pays for it, and the parse shares the
  // analyzer's ICU set-up instead of making its own (bench/startup.sh).
  const query::Thesaurus* thesaurus() {
    if (!own_thesaurus) own_thesaurus = query::Thesaurus::parse_builtin(analyzer);
    return &*own_thesaurus;
  }

  // One attempt at a search of what `index` shows now. Throws Xapian errors for with_retry().
  SearchResults run(const SearchRequest& request) {
    builder.set_thesaurus(request.use_thesaurus ? thesaurus() : nullptr);
    const Xapian::Database& db = index.db();
    // A cluster's shards may be of different ages: ranges over values there.
    const bool date_terms = !index.is_cluster() && db.get_metadata(schema::kDateTermsKey) == "1";
    const query::RequestQuery q(request, db, date_terms, builder, [&](const std::string& name, const char* flag) {
      return gazetteer.resolve(name, flag, analyzer);
    });
    Xapian::Enquire enquire(db);
    enquire.set_query(q.match_query(db, index.any_remote()));
    if (q.by_date()) enquire.set_sort_by_value_then_relevance(schema::kDateSlot, true);
    if (request.time_limit_seconds > 0) enquire.set_time_limit(request.time_limit_seconds);
    // The facets and the exact total need a look at every match. In relevance (or distance) order
    // on a local index, the ranked pass looks at up to kCheckAllUpTo matches with the spy on it;
    // when that was every match, it is done. Beyond that, the ranked pass stops as soon as Xapian
    // knows the best hits, and a boolean pass of its own counts (FacetCounter::count): for a broad
    // query two passes cost less than one weighted pass over every match (bench/results). Sorted by
    // date, the ranked pass visits every match anyway, so the spy rides on it. Sorted by date on a
    // remote shard, a ValueCountMatchSpy counted a few matches twice (Xapian 1.4.22: 12,296 date
    // counts for 12,294 matches in tests/cluster); in relevance order it counts each once. So a
    // remote cluster sorted by date counts apart too.
    const std::set<std::string> fields = q.main_pass_facets();
    const bool remote = index.any_remote();
    std::unique_ptr<query::FacetTally> spy;
    if (!(remote && q.by_date())) spy = facets.add_spy(enquire, fields);
    // A phrase's candidates are checked position by position, which a second pass would pay for
    // again ("prime minister": 3.1 ms in one pass, 3.4 in two): one pass for them. So too while the
    // spy reads each match's values (no facet table yet, as in a one-off `newsq search`): a second
    // pass would read the posting lists' blocks again (shelling kyiv on RUWA, 1,616 matches: 222
    // block reads in one pass, 305 in two, 5% slower).
    const bool may_stop_early =
        spy && spy->counts_from_table() && !remote && !q.by_date() && q.text().words.empty();
    const auto started = std::chrono::steady_clock::now();
    Xapian::MSet mset = enquire.get_mset(request.offset, query::matches_to_fetch(request),
                                         may_stop_early ? kCheckAllUpTo : db.get_doccount());

    SearchResults results;
    // A ranked pass that may have stopped early saw every match when its spy saw as many as
    // there can be.
    const bool count_apart = (remote && q.by_date() && !fields.empty()) ||
                             (may_stop_early && spy->matches() != mset.get_matches_upper_bound());
    bool cut_short = false;
    if (count_apart) {
      results.total = facets.count(fields, q.count_query(), request.max_facet_values, results, &cut_short,
                                   request.time_limit_seconds);
    } else {
      results.total = mset.get_matches_estimated();
      cut_short = mset.get_matches_lower_bound() != mset.get_matches_upper_bound();
      facets.store(spy.get(), request.max_facet_values, results);
    }
    if (request.time_limit_seconds > 0) {
      const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
      results.timed_out = cut_short || took.count() >= request.time_limit_seconds;
    }
    results.hits = query::assemble_hits(mset, db, !index.is_cluster(), request, q.text(), q.centre(), stored_reader, analyzer);
    for (const auto& [field, narrowed] : q.own_pass_facets())
      facets.count({field}, narrowed, request.max_facet_values, results);
    if (!q.text().empty() && results.total == 0)
      results.suggestion = query::spelling_suggestion(db, analyzer, request.query);
    return results;
  }
};

Searcher::Searcher(const std::string& dir) : Searcher(dir, SearcherOptions{}) {}

Searcher::Searcher(const std::string& dir, const SearcherOptions& options) {
  const double seconds = options.shard_timeout_seconds;
  if (!(seconds > 0 && seconds <= SearcherOptions::kMaxShardTimeoutSeconds))
    throw std::invalid_argument("shard timeout " + std::to_string(seconds) + " s: expected above 0 up to " +
                                std::to_string(static_cast<long>(SearcherOptions::kMaxShardTimeoutSeconds)));
  impl_ = std::make_unique<Impl>(dir, static_cast<unsigned>(std::ceil(seconds * 1000)));
}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResults Searcher::search(const SearchRequest& request) {
  SearchResults results = impl_->index.with_retry("search failed", [&] { return impl_->run(request); });
  // The shards the read that succeeded went without.
  results.missing_shards = impl_->index.missing_shards();
  results.partial = !results.missing_shards.empty();
  return results;
}

UnderstoodQuery understand(const std::string& query, const std::string& now,
                           const std::vector<std::string>& known_sources, const std::string& gazetteer) {
  query::QueryBuilder builder;
  builder.set_thesaurus(&query::Thesaurus::builtin());
  if (gazetteer.empty()) return query::understand_query(query, resolve_now(now), known_sources, builder);
  auto loaded = places::Gazetteer::load(gazetteer);
  analysis::TextAnalyzer analyzer;
  return query::understand_query(query, resolve_now(now), known_sources, builder,
                                 query::gazetteer_lookup(*loaded, analyzer));
}

UnderstoodQuery Searcher::understand(const std::string& query, const std::string& now) {
  const long day = resolve_now(now);
  Impl& impl = *impl_;
  // The sources known are those of the latest commit, as for search().
  return impl.index.with_retry("cannot read the index", [&] {
    impl.builder.set_thesaurus(impl.thesaurus());
    query::PlaceLookup places;
    if (const places::Gazetteer* g = impl.gazetteer.get()) {
      // A bare name of a small place counts only if the archive's articles mention it
      // (query/understand/place_words.h): "Theresa May" in a war archive is no town in New York.
      const Xapian::Database& db = impl.index.db();
      places = query::gazetteer_lookup(*g, impl.analyzer, [&db](std::uint64_t id) {
        return db.get_termfreq(places::place_term(static_cast<std::uint32_t>(id))) > 0;
      });
    }
    static const std::vector<std::string> kNone;
    const std::vector<std::string>& sources =
        query::may_name_known_source(query) ? impl.source_names.of(impl.index.db()) : kNone;
    return query::understand_query(query, day, sources, impl.builder, places);
  });
}

void Searcher::set_thesaurus(const std::string& path) {
  impl_->own_thesaurus = query::Thesaurus::load(path);
  impl_->builder.forget();  // Texts built with the thesaurus this one replaced.
}

void Searcher::reopen() {
  try {
    impl_->index.refresh();
  } catch (const Xapian::Error& e) {
    throw DatabaseError(impl_->index.dir() + ": cannot reopen the index: " + e.get_description());
  }
}

std::string Searcher::revision() {
  if (impl_->index.any_remote()) return {};
  return impl_->index.with_retry("cannot read the index", [&] { return impl_->revision_now(); });
}

IndexStats Searcher::stats() {
  Impl& impl = *impl_;
  return impl.index.with_retry("cannot read statistics", [&] {
    // Counting the terms reads the whole postings table (0.1 s at 100k articles): counted once per
    // revision, as `newsq serve` may be asked again and again. Remote shards tell no revision.
    if (impl.index.any_remote()) return query::index_stats(impl.index);
    std::string now = impl.revision_now();
    if (!impl.stats || impl.stats->first != now) impl.stats.emplace(std::move(now), query::index_stats(impl.index));
    return impl.stats->second;
  });
}

std::optional<StoredArticle> Searcher::article(const std::string& id) {
  Impl& impl = *impl_;
  return impl.index.with_retry("cannot read the article", [&]() -> std::optional<StoredArticle> {
    const Xapian::Database& db = impl.index.db();
    const std::string term = schema::id_term(id);
    Xapian::PostingIterator found = db.postlist_begin(term);
    if (id.empty() || found == db.postlist_end(term)) return std::nullopt;
    return impl.stored_reader.read(db.get_document(*found).get_data());
  });
}

std::vector<PlaceSuggestion> Searcher::place_names(const std::string& prefix, std::uint32_t limit) {
  Impl& impl = *impl_;
  return impl.index.with_retry("cannot read the index", [&]() -> std::vector<PlaceSuggestion> {
    const places::Gazetteer* g = impl.gazetteer.get();
    if (!g) return {};
    // A reloaded gazetteer (the index now records another) is keyed afresh.
    if (!impl.completion || &impl.completion->gazetteer() != g) impl.completion.emplace(*g, impl.analyzer);
    return impl.completion->suggest(impl.index.db(), prefix, limit, impl.analyzer);
  });
}

}  // namespace newsq
