// query/searcher.cc: newsq::Searcher: request -> Xapian query + match spies -> hits and facet
// counts. One match pass gives hits and the counts of every facet without selections; each facet
// with selections gets one more counting pass without its own selections (multi-select facets).
#include "newsq/searcher.h"

#include <fmt/format.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <optional>
#include <set>

#include "engine/index/schema.h"
#include "indexer/analysis/near_duplicate.h"
#include "indexer/readers/article_validator.h"
#include "newsq/error.h"
#include "query/understand/date_expression.h"
#include "query/collect/date_histogram.h"
#include "query/collect/duplicate_collapse.h"
#include "query/collect/facet_spies.h"
#include "query/collect/facet_table.h"
#include "query/understand/query_builder.h"
#include "query/understand/query_limits.h"
#include "query/understand/query_understanding.h"
#include "query/recency_source.h"
#include "query/collect/snippet.h"
#include "engine/index/stored_article.h"
#include "query/collect/spelling.h"
#include "query/understand/thesaurus.h"
#include "indexer/places/place_extractor.h"
#include "engine/index/place_terms.h"
#include "query/collect/location_facet.h"
#include "query/place_filter.h"
#include "query/understand/place_lookup.h"
#include "query/index_view.h"

namespace newsq {
namespace {

// With collapsing on, this many times the page is fetched so that folded copies leave enough hits.
constexpr std::uint32_t kCollapseOverfetch = 3;
constexpr double kRecencyHalfLifeDays = 90;

const char* const kFacetFields[] = {"date", "source", "location"};

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

// One document of the match set, its stored data read on first use.
struct Candidate {
  Xapian::Document document;
  double weight = 0;
  std::optional<query::StoredArticle> stored;

  const query::StoredArticle& data(query::StoredArticleReader& reader) {
    if (!stored) stored = reader.read(document.get_data());
    return *stored;
  }
};

// A hit from its stored data; with a --near centre, also its distance to the nearest place.
Hit make_hit(const query::StoredArticle& data, double weight, const places::Place* centre) {
  Hit hit;
  hit.id = data.id;
  hit.date = data.date;
  hit.source = data.source;
  hit.title = data.title;
  hit.url = data.url;
  hit.score = weight;
  hit.places = data.places;
  if (centre)
    for (const auto& place : hit.places)
      if (place.has_coordinates && (place.level == "city" || place.level == "sea")) {
        double d = places::distance_km(centre->lat, centre->lon, place.lat, place.lon);
        if (hit.distance_km < 0 || d < hit.distance_km) hit.distance_km = d;
      }
  return hit;
}

std::string today() {
  auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return schema::day_string(now.time_since_epoch().count());
}

}  // namespace

void SearchRequest::validate() const {
  auto whole = [](const char* name, std::uint32_t value, std::uint32_t max) {
    if (value > max) throw QueryError(fmt::format("{} {} is out of range (0 to {})", name, value, max));
  };
  whole("limit", limit, kMaxLimit);
  whole("offset", offset, kMaxOffset);
  whole("max_facet_values", max_facet_values, kMaxFacetValues);
  whole("snippet_length", snippet_length, kMaxSnippetLength);
  // Written so that NaN fails too.
  if (!(radius_km > 0 && radius_km <= kMaxRadiusKm))
    throw QueryError(fmt::format("radius {} km is out of range (above 0, up to {:g})", radius_km, kMaxRadiusKm));
  if (!(recency_boost >= 0 && recency_boost <= kMaxRecencyBoost))
    throw QueryError(fmt::format("recency {} is out of range (0 to {:g})", recency_boost, kMaxRecencyBoost));
}

SearchRequest SearchRequest::from_understood(const UnderstoodQuery& understood) {
  SearchRequest r;
  r.query = understood.text;
  r.from = understood.from;
  r.to = understood.to;
  r.sources = understood.sources;
  for (const auto& p : understood.places) {
    std::string id = std::to_string(p.id);
    if (p.mode == UnderstoodPlace::Mode::near && r.near.empty()) {
      r.near = id;
      r.radius_km = p.radius_km > 0 ? p.radius_km : kDefaultRadiusKm;
    } else if (p.mode == UnderstoodPlace::Mode::in && r.place.empty()) {
      r.place = id;
    } else {
      r.prefer_places.push_back(id);
    }
  }
  return r;
}

struct Searcher::Impl {
  query::IndexView index;
  const Xapian::Database& db = index.db();
  const std::string& dir = index.dir();
  query::QueryBuilder builder;
  analysis::TextAnalyzer snippet_analyzer;
  query::StoredArticleReader stored_reader;
  query::Thesaurus custom_thesaurus;
  const query::Thesaurus* thesaurus = &query::Thesaurus::builtin();
  // The gazetteer the index records (loaded on first need, reloaded when the record changes).
  std::shared_ptr<const places::Gazetteer> gazetteer;
  std::optional<query::PlaceNames> place_names;  // Of `gazetteer`, for the location facet.
  std::string gazetteer_record;  // Path + checksum it was loaded for.
  std::string gazetteer_error;   // Why there is none, for place queries.
  std::optional<std::pair<std::string, Xapian::rev>> gazetteer_checked_at;  // Generation and revision checked.

  query::FacetTablePolicy facet_tables;  // Facet records in memory once searches make it pay.

  std::pair<std::string, Xapian::rev> revision() const { return index.revision(); }

  explicit Impl(const std::string& d) : index(d) {}

  // The index's source names, for "from X" in queries. Counting them reads every document, so
  // the list is kept until the index changes (a new last document id or document count).
  std::vector<std::string> source_names;
  std::pair<Xapian::docid, Xapian::doccount> source_names_of{0, 0};

  const std::vector<std::string>& sources() {
    std::pair<Xapian::docid, Xapian::doccount> now{db.get_lastdocid(), db.get_doccount()};
    if (now == source_names_of && !source_names.empty()) return source_names;
    // One name per source term (case-folded), as written in the first article that has it: a
    // few B-tree lookups per source instead of a pass over every document.
    source_names.clear();
    const std::string prefix(schema::kSourcePrefix);
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
      Xapian::PostingIterator first = db.postlist_begin(*t);
      if (first == db.postlist_end(*t)) continue;
      std::string name = db.get_document(*first, Xapian::DOC_ASSUME_VALID).get_value(schema::kSourceSlot);
      if (!name.empty()) source_names.push_back(std::move(name));
    }
    source_names_of = now;
    return source_names;
  }

  // A spy counting the facets in `fields` ("date", "source", "location"), added to `enquire`.
  // Location counts need the gazetteer for names: without one that facet is simply absent.
  std::unique_ptr<query::FacetSpy> add_spy(Xapian::Enquire& enquire, const std::set<std::string>& fields) {
    query::FacetSpy::Fields f;
    f.date = fields.count("date") > 0;
    f.source = fields.count("source") > 0;
    f.location = fields.count("location") > 0 && places_gazetteer();
    if (!f.date && !f.source && !f.location) return nullptr;
    long first_day = 0, last_day = -1;
    if (const std::string low = db.get_value_lower_bound(schema::kDateSlot); !low.empty()) {
      first_day = std::lround(Xapian::sortable_unserialise(low));
      last_day = std::lround(Xapian::sortable_unserialise(db.get_value_upper_bound(schema::kDateSlot)));
    }
    auto table = facet_tables.table_for(db, revision());
    auto spy = std::make_unique<query::FacetSpy>(f, first_day, last_day, std::move(table));
    enquire.add_matchspy(spy.get());
    return spy;
  }

  // The counts of a finished match pass, as facet values.
  void store_facets(const query::FacetSpy* spy, const SearchRequest& request, SearchResults& out) {
    if (!spy) return;
    facet_tables.spied(spy->matches());
    if (spy->fields().date) {
      query::DateHistogram histogram = query::make_date_histogram(spy->per_day());
      out.facets["date"] = std::move(histogram.buckets);
      out.date_granularity = histogram.granularity;
    }
    if (spy->fields().source) {
      auto& values = out.facets["source"];
      for (auto& [name, count] : spy->top_sources(request.max_facet_values)) values.push_back({std::move(name), count});
    }
    if (spy->fields().location) out.facets["location"] = query::location_values(spy->places(), *place_names, request.max_facet_values);
  }

  // Counts `field` over every document `query` matches.
  void count_facet(const std::string& field, const Xapian::Query& query, const SearchRequest& request, SearchResults& out) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    std::unique_ptr<query::FacetSpy> spy = add_spy(enquire, {field});
    enquire.get_mset(0, 0, db.get_doccount());
    store_facets(spy.get(), request, out);
  }

  // The index's gazetteer, or null (with gazetteer_error saying why): none recorded, the file is
  // gone, or it changed since indexing (its checksum differs), which would misname places.
  const places::Gazetteer* places_gazetteer() {
    // The record can only change with a commit: read it once per revision (reading metadata is
    // a B-tree lookup, and this is asked several times per search).
    const auto now = revision();
    if (now == gazetteer_checked_at) return gazetteer.get();
    gazetteer_checked_at = now;
    const std::string path = db.get_metadata(schema::kGazetteerKey);
    const std::string checksum = db.get_metadata(schema::kGazetteerChecksumKey);
    if (path + "\n" + checksum == gazetteer_record) return gazetteer.get();
    gazetteer_record = path + "\n" + checksum;
    place_names.reset();
    gazetteer.reset();
    gazetteer_error.clear();
    if (path.empty()) {
      gazetteer_error = dir + ": this index has no places: index it with --gazetteer FILE (see 'newsq gazetteer build')";
      return nullptr;
    }
    try {
      auto loaded = places::Gazetteer::load(path);
      if (loaded->checksum() != checksum) {
        gazetteer_error = dir + ": the gazetteer " + path + " changed since the index was built: reindex with it";
        return nullptr;
      }
      gazetteer = std::move(loaded);
      place_names.emplace(*gazetteer);
    } catch (const Error& e) {
      gazetteer_error = dir + ": the index's gazetteer cannot be loaded: " + e.what();
    }
    return gazetteer.get();
  }

  places::Place resolve_place(const std::string& name, const char* flag) {
    const places::Gazetteer* g = places_gazetteer();
    if (!g) throw QueryError(std::string(flag) + ": " + gazetteer_error);
    places::Place p;
    if (!places::PlaceExtractor::resolve(*g, name, snippet_analyzer, p))
      throw QueryError(std::string(flag) + ": unknown place '" + name + "'");
    return p;
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
    request.validate();
    query::check_query_text(request.query);
    query::TextQuery text = builder.build(request.query);

    std::vector<Xapian::Query> filters;
    if (Xapian::Query dates = day_range(request.from, request.to); !dates.empty()) filters.push_back(dates);
    if (!request.sources.empty()) filters.push_back(any_source(request.sources));
    if (!request.place.empty()) filters.push_back(query::place_query(resolve_place(request.place, "--place")));
    places::Place centre;
    Xapian::Query near;
    if (!request.near.empty()) {
      centre = resolve_place(request.near, "--near");
      if (!centre.has_coordinates) throw QueryError("--near: " + std::string(centre.name) + " has no coordinates");
      near = query::near_query(centre, request.radius_km);
      filters.push_back(near);
    }
    const bool by_distance = request.sort == SearchRequest::Sort::distance;
    if (by_distance && near.empty()) throw QueryError("sorting by distance needs --near PLACE");

    // Drill-down selections, per field.
    std::map<std::string, std::vector<Xapian::Query>> selected;
    for (const auto& [field, value] : request.facet_filters) {
      if (field == "date") selected[field].push_back(date_bucket(value));
      else if (field == "source") selected[field].emplace_back(schema::source_term(value));
      else if (field == "location") selected[field].push_back(query::place_query(resolve_place(value, "--facet location")));
      else throw QueryError("unknown facet '" + field + "' (facets: date, source, location)");
    }
    // Preferred places lift the articles about them: those placed there (a fixed bonus) or
    // naming them (the name as words, so also where extraction missed it). With no other words,
    // they are what is sought.
    std::vector<Xapian::Query> preferred;
    for (const auto& name : request.prefer_places) {
      places::Place place = resolve_place(name, "preferred place");
      // As much as a word found in just the articles about the place would weigh in BM25 (its
      // inverse document frequency, at the saturated within-document frequency).
      const double n = db.get_termfreq(places::place_term(place.id)), total = db.get_doccount();
      const double bonus = std::max(1.0, 2.2 * std::log((total - n + 0.5) / (n + 0.5)));
      preferred.push_back(query::prefer_query(place, bonus));
      query::TextQuery named = builder.build(std::string(place.name));
      if (named.empty()) continue;
      preferred.push_back(named.query);
      text.stems.insert(named.stems.begin(), named.stems.end());
      text.words.insert(named.words.begin(), named.words.end());
    }
    Xapian::Query words = text.empty() ? Xapian::Query::MatchAll : text.query;
    if (!preferred.empty()) {
      Xapian::Query prefer(Xapian::Query::OP_OR, preferred.begin(), preferred.end());
      words = text.empty() ? prefer : Xapian::Query(Xapian::Query::OP_AND_MAYBE, words, prefer);
    }
    auto narrowed = [&](const std::string& except) {
      std::vector<Xapian::Query> all = filters;
      for (const auto& [field, values] : selected)
        if (field != except) all.emplace_back(Xapian::Query::OP_OR, values.begin(), values.end());
      Xapian::Query filter = all_of(all);
      return filter.empty() ? words : Xapian::Query(Xapian::Query::OP_FILTER, words, filter);
    };

    Xapian::Enquire enquire(db);
    Xapian::Query query = narrowed("");
    const bool by_date = !by_distance && ((text.empty() && preferred.empty()) || request.sort == SearchRequest::Sort::date);
    // Nearest first: the distance source alone gives the weights (it is also among the filters).
    if (by_distance) query = Xapian::Query(Xapian::Query::OP_FILTER, near, query);
    if (request.recency_boost > 0 && !by_date && db.get_doccount() > 0) {
      double newest = Xapian::sortable_unserialise(db.get_value_upper_bound(schema::kDateSlot));
      auto* recency = new query::RecencySource(schema::kDateSlot, request.recency_boost, kRecencyHalfLifeDays, newest);
      query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(recency->release()));
    }
    enquire.set_query(query);
    if (by_date) enquire.set_sort_by_value_then_relevance(schema::kDateSlot, true);

    // Facets with selections are counted in passes of their own (multi-select), below.
    std::set<std::string> facets_here;
    if (request.count_facets)
      for (const char* field : kFacetFields)
        if (!selected.count(field)) facets_here.insert(field);
    std::unique_ptr<query::FacetSpy> spy = add_spy(enquire, facets_here);
    const std::uint32_t fetch = request.collapse_duplicates ? request.limit * kCollapseOverfetch : request.limit;
    // Checking every match makes the spies (and the total) exact rather than estimated.
    Xapian::MSet mset = enquire.get_mset(request.offset, fetch, db.get_doccount());

    SearchResults results;
    results.total = mset.get_matches_estimated();
    // Hits beyond the page (fetched for collapsing) need only their signatures: stored data is
    // read and parsed only for the hits shown and the ids of their copies.
    std::vector<Candidate> candidates;
    for (auto it = mset.begin(); it != mset.end(); ++it) candidates.push_back({it.get_document(), it.get_weight(), {}});
    std::vector<std::vector<std::size_t>> groups;
    if (request.collapse_duplicates) {
      // Read in document id order: neighbouring ids share value chunks and B-tree blocks.
      std::vector<std::size_t> by_docid(candidates.size());
      for (std::size_t i = 0; i < by_docid.size(); ++i) by_docid[i] = i;
      std::sort(by_docid.begin(), by_docid.end(),
                [&](std::size_t a, std::size_t b) { return candidates[a].document.get_docid() < candidates[b].document.get_docid(); });
      std::vector<std::string> signatures(candidates.size());
      // One value stream walked forward: Document::get_value would look up and decode the value
      // chunk afresh for every candidate (15% of a search at 10k articles, with 30 candidates).
      Xapian::ValueIterator stream = db.valuestream_begin(schema::kDuplicateSlot);
      const Xapian::ValueIterator end = db.valuestream_end(schema::kDuplicateSlot);
      for (std::size_t i : by_docid) {
        Candidate& c = candidates[i];
        const Xapian::docid id = c.document.get_docid();
        if (stream != end && stream.get_docid() < id) stream.skip_to(id);
        if (stream != end && stream.get_docid() == id) signatures[i] = *stream;
        // Written before signatures were stored: made from the text now.
        if (signatures[i].empty()) signatures[i] = analysis::signature_of(analysis::shingles_of(c.data(stored_reader).text));
      }
      groups = query::group_duplicates(signatures);
    } else {
      for (std::size_t i = 0; i < candidates.size(); ++i) groups.push_back({i});
    }
    for (const auto& group : groups) {
      if (results.hits.size() == request.limit) break;
      Candidate& leader = candidates[group.front()];
      const query::StoredArticle& data = leader.data(stored_reader);
      Hit hit = make_hit(data, leader.weight, near.empty() ? nullptr : &centre);
      for (std::size_t k = 1; k < group.size(); ++k) hit.similar_ids.push_back(candidates[group[k]].data(stored_reader).id);
      if (request.snippet_length > 0)
        hit.snippet = query::make_snippet(data.text, snippet_analyzer, text.stems, text.words, request.snippet_length);
      results.hits.push_back(std::move(hit));
    }

    store_facets(spy.get(), request, results);
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
  return impl_->index.with_retry("search failed", [&] { return impl_->run(request); });
}

namespace {
long resolve_now(const std::string& now) {
  std::string day = now.empty() ? today() : now;
  if (!indexer::is_valid_day(day)) throw QueryError("invalid 'now' date '" + now + "': expected YYYY-MM-DD");
  return schema::day_number(day);
}
}  // namespace

UnderstoodQuery understand(const std::string& query, const std::string& now, const std::vector<std::string>& known_sources,
                           const std::string& gazetteer) {
  query::QueryBuilder builder;
  builder.set_thesaurus(&query::Thesaurus::builtin());
  if (gazetteer.empty()) return query::understand_query(query, resolve_now(now), known_sources, builder);
  auto loaded = places::Gazetteer::load(gazetteer);
  analysis::TextAnalyzer analyzer;
  return query::understand_query(query, resolve_now(now), known_sources, builder, query::gazetteer_lookup(*loaded, analyzer));
}

UnderstoodQuery Searcher::understand(const std::string& query, const std::string& now) {
  long day = resolve_now(now);
  // The sources known are those of the latest commit, as for search().
  return impl_->index.with_retry("cannot read the index", [&] {
    impl_->builder.set_thesaurus(impl_->thesaurus);
    query::PlaceLookup places;
    if (const places::Gazetteer* g = impl_->places_gazetteer()) places = query::gazetteer_lookup(*g, impl_->snippet_analyzer);
    return query::understand_query(query, day, impl_->sources(), impl_->builder, places);
  });
}

void Searcher::set_thesaurus(const std::string& path) {
  impl_->custom_thesaurus = query::Thesaurus::load(path);
  impl_->thesaurus = &impl_->custom_thesaurus;
  impl_->builder.forget();  // Texts built with the thesaurus this one replaced.
}

void Searcher::reopen() {
  try {
    impl_->index.refresh();
  } catch (const Xapian::Error& e) {
    throw DatabaseError(impl_->dir + ": cannot reopen the index: " + e.get_description());
  }
}

IndexStats Searcher::stats() {
  return impl_->index.with_retry("cannot read statistics", [&] {
    IndexStats s;
    const Xapian::Database& db = impl_->db;
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
    // The live generation only (old ones are about to go); a file vanishing meanwhile is skipped.
    const std::filesystem::path live = std::filesystem::path(impl_->dir) / impl_->index.generation();  // dir itself if ""
    std::error_code ec, file_ec;
    for (auto it = std::filesystem::recursive_directory_iterator(live, ec); !ec && it != std::filesystem::end(it); it.increment(ec))
      if (it->is_regular_file(file_ec)) {
        std::uintmax_t size = it->file_size(file_ec);
        if (!file_ec) s.disk_bytes += size;
      }
    return s;
  });
}

}  // namespace newsq
