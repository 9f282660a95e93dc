// bench/query_cost.cc: what query understanding and newsq's result layer cost on top of Xapian.
// For each one-line query of bench/nl_queries.txt, on the same index and in the same process:
//   newsq: Searcher::understand() then Searcher::search() with the date, source and location
//          facets, snippets and collapsing of copies, as `newsq search` does;
//   hand:  the Xapian query a programmer would write for that very query, built once beforehand
//          (the same terms and synonyms, date range, place filter, source), run with the same
//          three match spies over every match and the same page of hits, reading each hit's data.
// Prints p50 of each per query and overall, and the ratio; the goal is newsq ≤ 1.25× hand.
//
// usage: newsq_query_cost DB QUERIES NOW REPEATS
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "engine/src/schema.h"
#include "indexer/places/gazetteer.h"
#include "newsq/newsq.h"
#include "query/location_facet.h"
#include "query/place_filter.h"
#include "query/query_builder.h"
#include "query/thesaurus.h"

namespace {

constexpr double kGoal = 1.25;

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

// The Xapian query for `u`, put together directly: what newsq's search builds, without newsq.
Xapian::Query hand_query(const newsq::UnderstoodQuery& u, const newsq::places::Gazetteer& gazetteer) {
  newsq::query::QueryBuilder builder;
  builder.set_thesaurus(&newsq::query::Thesaurus::builtin());
  Xapian::Query words = builder.build(u.text).query;
  std::vector<Xapian::Query> filters, prefer;
  if (!u.from.empty() || !u.to.empty())
    filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, newsq::schema::kDateSlot,
                         newsq::schema::date_value(u.from.empty() ? "1900-01-01" : u.from),
                         newsq::schema::date_value(u.to.empty() ? "2999-12-31" : u.to));
  if (!u.sources.empty()) {
    std::vector<Xapian::Query> any;
    for (const auto& s : u.sources) any.emplace_back(newsq::schema::source_term(s));
    filters.emplace_back(Xapian::Query::OP_OR, any.begin(), any.end());
  }
  for (const auto& p : u.places) {
    newsq::places::Place place;
    if (!gazetteer.find(static_cast<std::uint32_t>(p.id), place)) continue;
    if (p.mode == newsq::UnderstoodPlace::Mode::near) filters.push_back(newsq::query::near_query(place, p.radius_km));
    else if (p.mode == newsq::UnderstoodPlace::Mode::in) filters.push_back(newsq::query::place_query(place));
    else {
      // As newsq prefers a bare place name: its articles get a fixed bonus, and so do those naming it.
      prefer.push_back(newsq::query::prefer_query(place, 5.0));
      if (auto named = builder.build(std::string(place.name)); !named.empty()) prefer.push_back(named.query);
    }
  }
  if (!prefer.empty()) {
    Xapian::Query any(Xapian::Query::OP_OR, prefer.begin(), prefer.end());
    words = words.empty() ? any : Xapian::Query(Xapian::Query::OP_AND_MAYBE, words, any);
  }
  if (words.empty()) words = Xapian::Query::MatchAll;
  if (filters.empty()) return words;
  return Xapian::Query(Xapian::Query::OP_FILTER, words, Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
}

// One hand-built search: the page of hits with their data, and the three facets over every match.
std::size_t hand_search(Xapian::Database& db, const Xapian::Query& query, std::uint32_t limit) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  Xapian::ValueCountMatchSpy dates(newsq::schema::kDateSlot), sources(newsq::schema::kSourceSlot);
  newsq::query::LocationSpy locations;
  enquire.add_matchspy(&dates);
  enquire.add_matchspy(&sources);
  enquire.add_matchspy(&locations);
  Xapian::MSet mset = enquire.get_mset(0, limit, db.get_doccount());
  std::size_t bytes = 0;
  for (auto it = mset.begin(); it != mset.end(); ++it) bytes += it.get_document().get_data().size();
  for (auto v = sources.top_values_begin(10); v != sources.top_values_end(10); ++v) bytes += (*v).size();
  return bytes + mset.get_matches_estimated() + locations.counts().size();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: newsq_query_cost DB QUERIES NOW REPEATS\n";
    return 1;
  }
  const std::string db_path = argv[1], now = argv[3];
  const int repeats = std::stoi(argv[4]);
  std::vector<std::string> queries;
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') queries.push_back(line);

  newsq::Searcher searcher(db_path);
  Xapian::Database db(db_path);
  auto gazetteer = newsq::places::Gazetteer::load(db.get_metadata(newsq::schema::kGazetteerKey));
  const std::uint32_t limit = newsq::SearchRequest{}.limit;

  std::vector<Xapian::Query> hand;
  for (const auto& q : queries) hand.push_back(hand_query(searcher.understand(q, now), *gazetteer));

  std::printf("| query | matches | newsq p50 ms | hand-built Xapian p50 ms | newsq ÷ hand |\n|---|---:|---:|---:|---:|\n");
  std::vector<double> all_newsq, all_hand;
  std::size_t sink = 0;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    std::vector<double> n, h;
    std::uint64_t matches = 0;
    for (int pass = -1; pass < repeats; ++pass) {  // Pass -1 warms the cache.
      auto t0 = Clock::now();
      auto r = searcher.search(newsq::SearchRequest::from_understood(searcher.understand(queries[i], now)));
      double tn = ms_since(t0);
      matches = r.total;
      t0 = Clock::now();
      sink += hand_search(db, hand[i], limit);
      double th = ms_since(t0);
      if (pass < 0) continue;
      n.push_back(tn);
      h.push_back(th);
    }
    all_newsq.insert(all_newsq.end(), n.begin(), n.end());
    all_hand.insert(all_hand.end(), h.begin(), h.end());
    std::printf("| %s | %llu | %.2f | %.2f | %.2f× |\n", queries[i].c_str(), static_cast<unsigned long long>(matches), median(n),
                median(h), median(n) / median(h));
  }
  const double ratio = median(all_newsq) / median(all_hand);
  std::printf("| **all** | | **%.2f** | **%.2f** | **%.2f×** |\n\n", median(all_newsq), median(all_hand), ratio);
  std::printf("Goal: newsq (understanding, three facets, snippets, collapse) ≤ %.2f× the hand-built Xapian query with "
              "the same spies: %s (%.2f×).\n",
              kGoal, ratio <= kGoal ? "met" : "**missed**", ratio);
  return sink == 0 ? 2 : 0;
}
