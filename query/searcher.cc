// query/searcher.cc: newsq::Searcher: understood request -> Xapian query + match spies -> hits and
// facet counts, all from one match pass.
#include "newsq/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "engine/src/schema.h"
#include "indexer/readers/article_validator.h"
#include "newsq/error.h"
#include "query/date_histogram.h"
#include "query/query_builder.h"
#include "query/snippet.h"

namespace newsq {
namespace {

// A concurrent writer may recycle the revision a search is reading; reopening and trying again
// is Xapian's documented cure. More attempts than this means something else is wrong.
constexpr int kMaxAttempts = 5;

Xapian::Query date_filter(const std::string& from, const std::string& to) {
  for (const auto* d : {&from, &to})
    if (!d->empty() && !indexer::is_valid_day(*d)) throw QueryError("invalid date '" + *d + "': expected YYYY-MM-DD");
  if (!from.empty() && !to.empty()) {
    if (schema::day_number(from) > schema::day_number(to))
      throw QueryError("date range is empty: " + from + " is after " + to);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, schema::date_value(from), schema::date_value(to));
  }
  if (!from.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, schema::date_value(from));
  if (!to.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kDateSlot, schema::date_value(to));
  return {};
}

std::string data_field(const nlohmann::json& data, const char* key) {
  auto it = data.find(key);
  return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

struct Searcher::Impl {
  std::string dir;
  Xapian::Database db;
  query::QueryBuilder builder;
  analysis::TextAnalyzer snippet_analyzer;

  explicit Impl(const std::string& d) : dir(d) {
    if (!std::filesystem::exists(dir)) throw DatabaseError(dir + ": no such index (create one with 'newsq index')");
    try {
      db = Xapian::Database(dir);
    } catch (const Xapian::Error& e) {
      throw DatabaseError(dir + ": cannot open the index: " + e.get_description());
    }
    if (db.get_metadata(schema::kVersionKey).empty() && db.get_doccount() != 0)
      throw DatabaseError(dir + ": a Xapian database, but not a newsq index");
  }

  SearchResults run(const SearchRequest& request) {
    query::TextQuery text = builder.build(request.query);
    std::vector<Xapian::Query> filters;
    if (Xapian::Query dates = date_filter(request.from, request.to); !dates.empty()) filters.push_back(dates);
    if (!request.sources.empty()) {
      std::vector<Xapian::Query> any;
      for (const auto& s : request.sources) any.emplace_back(schema::source_term(s));
      filters.emplace_back(Xapian::Query::OP_OR, any.begin(), any.end());
    }
    Xapian::Query query = text.empty() ? Xapian::Query::MatchAll : text.query;
    if (!filters.empty()) {
      Xapian::Query filter = filters.size() == 1 ? filters[0] : Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
      query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
    }

    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    // Without words there is no relevance to rank by: newest first.
    if (text.empty()) enquire.set_sort_by_value_then_relevance(schema::kDateSlot, true);
    Xapian::ValueCountMatchSpy date_spy(schema::kDateSlot), source_spy(schema::kSourceSlot);
    if (request.count_facets) {
      enquire.add_matchspy(&date_spy);
      enquire.add_matchspy(&source_spy);
    }
    // Checking every match makes the spies (and the total) exact rather than estimated.
    Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, db.get_doccount());

    SearchResults results;
    results.total = mset.get_matches_estimated();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Xapian::Document doc = it.get_document();
      nlohmann::json data = nlohmann::json::parse(doc.get_data(), nullptr, false);
      Hit hit;
      hit.id = data_field(data, schema::kFieldId);
      hit.date = data_field(data, schema::kFieldDate);
      hit.source = data_field(data, schema::kFieldSource);
      hit.title = data_field(data, schema::kFieldTitle);
      hit.url = data_field(data, schema::kFieldUrl);
      hit.score = it.get_weight();
      hit.snippet = query::make_snippet(data_field(data, schema::kFieldText), snippet_analyzer, text.stems,
                                        text.words, request.snippet_length);
      results.hits.push_back(std::move(hit));
    }
    if (request.count_facets) {
      std::map<long, std::uint64_t> per_day;
      for (auto v = date_spy.values_begin(); v != date_spy.values_end(); ++v)
        per_day[static_cast<long>(Xapian::sortable_unserialise(*v))] += v.get_termfreq();
      query::DateHistogram histogram = query::make_date_histogram(per_day);
      results.facets["date"] = std::move(histogram.buckets);
      results.date_granularity = histogram.granularity;
      auto& sources = results.facets["source"];
      for (auto v = source_spy.top_values_begin(request.max_facet_values); v != source_spy.top_values_end(request.max_facet_values); ++v)
        if (!(*v).empty()) sources.push_back({*v, v.get_termfreq()});
    }
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
      return impl_->run(request);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == kMaxAttempts) throw DatabaseError(impl_->dir + ": index kept changing during the search");
      impl_->db.reopen();
    } catch (const Xapian::Error& e) {
      throw DatabaseError(impl_->dir + ": search failed: " + e.get_description());
    }
  }
}

void Searcher::reopen() {
  try {
    impl_->db.reopen();
  } catch (const Xapian::Error& e) {
    throw DatabaseError(impl_->dir + ": cannot reopen the index: " + e.get_description());
  }
}

IndexStats Searcher::stats() {
  try {
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
