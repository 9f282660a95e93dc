// query/hit_assembly.cc: collapsing the match set, and hits with snippets (query/hit_assembly.h).
#include "query/hit_assembly.h"

#include <algorithm>
#include <optional>
#include <string>

#include "engine/index/place_terms.h"
#include "engine/index/schema.h"
#include "indexer/analysis/near_duplicate.h"
#include "query/collect/duplicate_collapse.h"
#include "query/collect/snippet.h"

namespace newsq::query {
namespace {

// With collapsing on, this many times the page is fetched.
constexpr std::uint32_t kCollapseOverfetch = 3;

// One document of the match set, its stored data read on first use.
struct Candidate {
  Xapian::Document document;
  double weight = 0;
  std::optional<StoredArticle> stored;

  const StoredArticle& data(StoredArticleReader& reader) {
    if (!stored) stored = reader.read(document.get_data());
    return *stored;
  }
};

// A hit from its stored data; with a --near centre, also its distance to the nearest place.
Hit make_hit(const StoredArticle& data, double weight, const places::Place* centre) {
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

// The candidates' groups of copies, in rank order (leader first), from their signatures.
std::vector<std::vector<std::size_t>> duplicate_groups(std::vector<Candidate>& candidates, const Xapian::Database& db,
                                                       bool value_streams, StoredArticleReader& reader) {
  // Read in document id order: neighbouring ids share value chunks and B-tree blocks.
  std::vector<std::size_t> by_docid(candidates.size());
  for (std::size_t i = 0; i < by_docid.size(); ++i) by_docid[i] = i;
  std::sort(by_docid.begin(), by_docid.end(), [&](std::size_t a, std::size_t b) {
    return candidates[a].document.get_docid() < candidates[b].document.get_docid();
  });
  std::vector<std::string> signatures(candidates.size());
  // One value stream walked forward: Document::get_value would look up and decode the value
  // chunk afresh for every candidate (15% of a search at 10k articles, with 30 candidates).
  Xapian::ValueIterator stream = value_streams ? db.valuestream_begin(schema::kDuplicateSlot) : Xapian::ValueIterator();
  const Xapian::ValueIterator end = value_streams ? db.valuestream_end(schema::kDuplicateSlot) : Xapian::ValueIterator();
  // A cluster's documents come with their values.
  for (std::size_t i : by_docid) {
    Candidate& c = candidates[i];
    const Xapian::docid id = c.document.get_docid();
    if (!value_streams) {
      signatures[i] = c.document.get_value(schema::kDuplicateSlot);
    } else {
      if (stream != end && stream.get_docid() < id) stream.skip_to(id);
      if (stream != end && stream.get_docid() == id) signatures[i] = *stream;
    }
    // Written before signatures were stored: made from the text now.
    if (signatures[i].empty()) signatures[i] = analysis::signature_of(analysis::shingles_of(c.data(reader).text));
  }
  return group_duplicates(signatures);
}

}  // namespace

std::uint32_t matches_to_fetch(const SearchRequest& request) {
  return request.collapse_duplicates ? request.limit * kCollapseOverfetch : request.limit;
}

std::vector<Hit> assemble_hits(const Xapian::MSet& mset, const Xapian::Database& db, bool value_streams,
                               const SearchRequest& request,
                               const TextQuery& text, const places::Place* centre, StoredArticleReader& reader,
                               analysis::TextAnalyzer& snippet_analyzer) {
  // Matches beyond the page (fetched for collapsing) need only their signatures: stored data is
  // read and parsed only for the hits shown and the ids of their copies.
  std::vector<Candidate> candidates;
  for (auto it = mset.begin(); it != mset.end(); ++it) candidates.push_back({it.get_document(), it.get_weight(), {}});
  std::vector<std::vector<std::size_t>> groups;
  if (request.collapse_duplicates) {
    groups = duplicate_groups(candidates, db, value_streams, reader);
  } else {
    for (std::size_t i = 0; i < candidates.size(); ++i) groups.push_back({i});
  }
  std::vector<Hit> hits;
  for (const auto& group : groups) {
    if (hits.size() == request.limit) break;
    Candidate& leader = candidates[group.front()];
    const StoredArticle& data = leader.data(reader);
    Hit hit = make_hit(data, leader.weight, centre);
    for (std::size_t k = 1; k < group.size(); ++k) hit.similar_ids.push_back(candidates[group[k]].data(reader).id);
    if (request.snippet_length > 0)
      hit.snippet = make_snippet(data.text, snippet_analyzer, text.stems, text.words, request.snippet_length);
    hits.push_back(std::move(hit));
  }
  return hits;
}

}  // namespace newsq::query
