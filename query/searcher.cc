// query/searcher.cc: newsq::Searcher: request -> Xapian query + match spies -> hits and facet
// counts. One match pass gives hits and the counts of every facet without selections; each facet
// with selections gets one more counting pass without its own selections (multi-select facets).
#include "newsq/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "engine/src/index_location.h"
#include "engine/src/schema.h"
#include "indexer/readers/article_validator.h"
#include "newsq/error.h"
#include "query/date_expression.h"
#include "query/date_histogram.h"
#include "query/duplicate_collapse.h"
#include "query/query_builder.h"
#include "query/query_understanding.h"
#include "query/recency_source.h"
#include "query/snippet.h"
#include "query/spelling.h"
#include "query/thesaurus.h"

namespace newsq {
namespace {

// A concurrent writer may recycle the revision a search is reading; reopening and trying again
// is Xapian's documented cure. More attempts than this means something else is wrong.
constexpr int kMaxAttempts = 5;
// With collapsing on, this many times the page is fetched so that folded copies leave enough hits.
constexpr std::uint32_t kCollapseOverfetch = 3;
constexpr double kRecencyHalfLifeDays = 90;

const char* const kFacetFields[] = {"date", "source"};

void check_day(const std::string& d) {
  if (!d.empty() && !indexer::is_valid_day(d)) throw QueryError("invalid date '" + d + "': expected YYYY-MM-DD");
}

Xapian::Query day_range(const std::string& from, const std::string& to) {
  check_day(from);
  check_day(to);
  if (!from.empty() && !to.empty()) {
    if (schema::day_number(from) > schema::day_number(to))
      throw QueryError("date range is empty: " + from + " is after " + to);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, schema::date_value(from), schema::date_value(to));
  }
  if (!from.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, schema::date_value(from));
  if (!to.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kDateSlot, schema::date_value(to));
  return {};
}

// A date facet value ("2022", "2022-03", "2022-03-21") as a range of days.
Xapian::Query date_bucket(const std::string& value) {
  if (value.size() == 10) return day_range(value, value);
  if (value.size() == 7) {
    std::string first = value + "-01";
    check_day(first);
    long last = schema::day_number(first) + 31;
    while (schema::day_string(last).substr(0, 7) != value) --last;
    return day_range(first, schema::day_string(last));
  }
  if (value.size() == 4) return day_range(value + "-01-01", value + "-12-31");
  throw QueryError("invalid date facet value '" + value + "': expected YYYY, YYYY-MM or YYYY-MM-DD");
}

Xapian::Query any_source(const std::vector<std::string>& sources) {
  std::vector<Xapian::Query> any;
  for (const auto& s : sources) any.emplace_back(schema::source_term(s));
  return Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end());
}

Xapian::Query all_of(const std::vector<Xapian::Query>& parts) {
  if (parts.empty()) return {};
  if (parts.size() == 1) return parts.front();
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

std::string data_field(const nlohmann::json& data, const char* key) {
  auto it = data.find(key);
  return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string today() {
  auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return schema::day_string(now.time_since_epoch().count());
}

}  // namespace

SearchRequest SearchRequest::from_understood(const UnderstoodQuery& understood) {
  SearchRequest r;
  r.query = understood.text;
  r.from = understood.from;
  r.to = understood.to;
  r.sources = understood.sources;
  return r;
}

struct Searcher::Impl {
  std::string dir;
  Xapian::Database db;
  query::QueryBuilder builder;
  analysis::TextAnalyzer snippet_analyzer;
  query::Thesaurus custom_thesaurus;
  const query::Thesaurus* thesaurus = &query::Thesaurus::builtin();

  std::string generation;  // The generation open now ("" for a plain database).

  explicit Impl(const std::string& d) : dir(d) {
    if (!std::filesystem::exists(dir)) throw DatabaseError(dir + ": no such index (create one with 'newsq index')");
    open();
    if (db.get_metadata(schema::kVersionKey).empty() && db.get_doccount() != 0)
      throw DatabaseError(dir + ": a Xapian database, but not a newsq index");
  }

  void open() {
    try {
      generation = location::live_generation(dir);
      db = Xapian::Database(dir);
    } catch (const Xapian::Error& e) {
      throw DatabaseError(dir + ": cannot open the index: " + e.get_description());
    }
  }

  // Moves to the newest commit, or to a new generation after a rebuild or compaction: one small
  // file read and a revision check, cheap enough to run before every search.
  void refresh() {
    if (location::live_generation(dir) != generation) open();
    else db.reopen();
  }

  std::vector<std::string> sources() {
    std::vector<std::string> out;
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query::MatchAll);
    Xapian::ValueCountMatchSpy spy(schema::kSourceSlot);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
    for (auto v = spy.values_begin(); v != spy.values_end(); ++v) out.push_back(*v);
    return out;
  }

  // Counts `field` over every document `query` matches.
  void count_facet(const std::string& field, const Xapian::Query& query, const SearchRequest& request, SearchResults& out) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    Xapian::ValueCountMatchSpy spy(field == "date" ? schema::kDateSlot : schema::kSourceSlot);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
    store_facet(field, spy, request, out);
  }

  void store_facet(const std::string& field, Xapian::ValueCountMatchSpy& spy, const SearchRequest& request, SearchResults& out) {
    if (field == "date") {
      std::map<long, std::uint64_t> per_day;
      for (auto v = spy.values_begin(); v != spy.values_end(); ++v)
        per_day[static_cast<long>(Xapian::sortable_unserialise(*v))] += v.get_termfreq();
      query::DateHistogram histogram = query::make_date_histogram(per_day);
      out.facets["date"] = std::move(histogram.buckets);
      out.date_granularity = histogram.granularity;
      return;
    }
    auto& values = out.facets[field];
    for (auto v = spy.top_values_begin(request.max_facet_values); v != spy.top_values_end(request.max_facet_values); ++v)
      if (!(*v).empty()) values.push_back({*v, v.get_termfreq()});
  }

  std::string suggest(const std::string& query_text) {
    std::string suggestion;
    std::size_t copied = 0;
    bool changed = false;
    for (const auto& token : snippet_analyzer.analyze(query_text)) {
      if (db.term_exists(token.term)) continue;
      std::string better = query::closest_word(db, token.term);
      if (better.empty()) continue;
      suggestion.append(query_text, copied, token.begin - copied);
      suggestion += better;
      copied = token.end;
      changed = true;
    }
    if (!changed) return {};
    suggestion.append(query_text, copied);
    return suggestion;
  }

  SearchResults run(const SearchRequest& request) {
    builder.set_thesaurus(request.use_thesaurus ? thesaurus : nullptr);
    query::TextQuery text = builder.build(request.query);

    std::vector<Xapian::Query> filters;
    if (Xapian::Query dates = day_range(request.from, request.to); !dates.empty()) filters.push_back(dates);
    if (!request.sources.empty()) filters.push_back(any_source(request.sources));

    // Drill-down selections, per field.
    std::map<std::string, std::vector<Xapian::Query>> selected;
    for (const auto& [field, value] : request.facet_filters) {
      if (field == "date") selected[field].push_back(date_bucket(value));
      else if (field == "source") selected[field].emplace_back(schema::source_term(value));
      else throw QueryError("unknown facet '" + field + "' (facets: date, source)");
    }
    const Xapian::Query words = text.empty() ? Xapian::Query::MatchAll : text.query;
    auto narrowed = [&](const std::string& except) {
      std::vector<Xapian::Query> all = filters;
      for (const auto& [field, values] : selected)
        if (field != except) all.emplace_back(Xapian::Query::OP_OR, values.begin(), values.end());
      Xapian::Query filter = all_of(all);
      return filter.empty() ? words : Xapian::Query(Xapian::Query::OP_FILTER, words, filter);
    };

    Xapian::Enquire enquire(db);
    Xapian::Query query = narrowed("");
    const bool by_date = text.empty() || request.sort == SearchRequest::Sort::date;
    if (request.recency_boost > 0 && !by_date && db.get_doccount() > 0) {
      double newest = Xapian::sortable_unserialise(db.get_value_upper_bound(schema::kDateSlot));
      auto* recency = new query::RecencySource(schema::kDateSlot, request.recency_boost, kRecencyHalfLifeDays, newest);
      query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(recency->release()));
    }
    enquire.set_query(query);
    if (by_date) enquire.set_sort_by_value_then_relevance(schema::kDateSlot, true);

    std::map<std::string, std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    if (request.count_facets)
      for (const char* field : kFacetFields)
        if (!selected.count(field)) {
          auto& spy = spies[field];
          spy = std::make_unique<Xapian::ValueCountMatchSpy>(std::string(field) == "date" ? schema::kDateSlot : schema::kSourceSlot);
          enquire.add_matchspy(spy.get());
        }
    const std::uint32_t fetch = request.collapse_duplicates ? request.limit * kCollapseOverfetch : request.limit;
    // Checking every match makes the spies (and the total) exact rather than estimated.
    Xapian::MSet mset = enquire.get_mset(request.offset, fetch, db.get_doccount());

    SearchResults results;
    results.total = mset.get_matches_estimated();
    std::vector<Hit> candidates;
    std::vector<std::string> texts;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      nlohmann::json data = nlohmann::json::parse(it.get_document().get_data(), nullptr, false);
      Hit hit;
      hit.id = data_field(data, schema::kFieldId);
      hit.date = data_field(data, schema::kFieldDate);
      hit.source = data_field(data, schema::kFieldSource);
      hit.title = data_field(data, schema::kFieldTitle);
      hit.url = data_field(data, schema::kFieldUrl);
      hit.score = it.get_weight();
      candidates.push_back(std::move(hit));
      texts.push_back(data_field(data, schema::kFieldText));
    }
    std::vector<std::vector<std::size_t>> groups;
    if (request.collapse_duplicates) {
      std::vector<query::Shingles> shingles;
      for (const auto& t : texts) shingles.push_back(query::shingles_of(t, snippet_analyzer));
      groups = query::group_duplicates(shingles);
    } else {
      for (std::size_t i = 0; i < candidates.size(); ++i) groups.push_back({i});
    }
    for (const auto& group : groups) {
      if (results.hits.size() == request.limit) break;
      Hit hit = std::move(candidates[group.front()]);
      for (std::size_t k = 1; k < group.size(); ++k) hit.similar_ids.push_back(candidates[group[k]].id);
      hit.snippet = query::make_snippet(texts[group.front()], snippet_analyzer, text.stems, text.words, request.snippet_length);
      results.hits.push_back(std::move(hit));
    }

    for (auto& [field, spy] : spies) store_facet(field, *spy, request, results);
    if (request.count_facets)
      for (const auto& [field, values] : selected) count_facet(field, narrowed(field), request, results);
    if (!text.empty() && results.total == 0) results.suggestion = suggest(request.query);
    return results;
  }
};

Searcher::Searcher(const std::string& dir) : impl_(std::make_unique<Impl>(dir)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResults Searcher::search(const SearchRequest& request) {
  for (int attempt = 1;; ++attempt) {
    try {
      impl_->refresh();
      return impl_->run(request);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == kMaxAttempts) throw DatabaseError(impl_->dir + ": index kept changing during the search");
    } catch (const Xapian::DatabaseError& e) {
      // A swap removed the generation this searcher had open: open the live one and try again.
      if (attempt == kMaxAttempts) throw DatabaseError(impl_->dir + ": search failed: " + e.get_description());
      impl_->open();
    } catch (const Xapian::Error& e) {
      throw DatabaseError(impl_->dir + ": search failed: " + e.get_description());
    }
  }
}

namespace {
long resolve_now(const std::string& now) {
  std::string day = now.empty() ? today() : now;
  if (!indexer::is_valid_day(day)) throw QueryError("invalid 'now' date '" + now + "': expected YYYY-MM-DD");
  return schema::day_number(day);
}
}  // namespace

UnderstoodQuery understand(const std::string& query, const std::string& now, const std::vector<std::string>& known_sources) {
  query::QueryBuilder builder;
  builder.set_thesaurus(&query::Thesaurus::builtin());
  return query::understand_query(query, resolve_now(now), known_sources, builder);
}

UnderstoodQuery Searcher::understand(const std::string& query, const std::string& now) {
  long day = resolve_now(now);
  try {
    impl_->builder.set_thesaurus(impl_->thesaurus);
    return query::understand_query(query, day, impl_->sources(), impl_->builder);
  } catch (const Xapian::Error& e) {
    throw DatabaseError(impl_->dir + ": cannot read the index: " + e.get_description());
  }
}

void Searcher::set_thesaurus(const std::string& path) {
  impl_->custom_thesaurus = query::Thesaurus::load(path);
  impl_->thesaurus = &impl_->custom_thesaurus;
}

void Searcher::reopen() {
  try {
    impl_->refresh();
  } catch (const Xapian::Error& e) {
    throw DatabaseError(impl_->dir + ": cannot reopen the index: " + e.get_description());
  }
}

IndexStats Searcher::stats() {
  try {
    impl_->refresh();
    IndexStats s;
    auto& db = impl_->db;
    s.articles = db.get_doccount();
    if (s.articles) {
      s.first_date = schema::day_string(static_cast<long>(Xapian::sortable_unserialise(db.get_value_lower_bound(schema::kDateSlot))));
      s.last_date = schema::day_string(static_cast<long>(Xapian::sortable_unserialise(db.get_value_upper_bound(schema::kDateSlot))));
    }
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) ++s.terms;
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query::MatchAll);
    Xapian::ValueCountMatchSpy sources(schema::kSourceSlot);
    enquire.add_matchspy(&sources);
    enquire.get_mset(0, 0, db.get_doccount());
    for (auto v = sources.values_begin(); v != sources.values_end(); ++v) s.sources[*v] = v.get_termfreq();
    for (const auto& entry : std::filesystem::recursive_directory_iterator(impl_->dir))
      if (entry.is_regular_file()) s.disk_bytes += entry.file_size();
    return s;
  } catch (const Xapian::Error& e) {
    throw DatabaseError(impl_->dir + ": cannot read statistics: " + e.get_description());
  }
}

}  // namespace newsq
