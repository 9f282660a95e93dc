// query/hit_assembly.h: the hits of a search from its match set: near-identical articles folded
// into the best-ranked copy (query/collect/duplicate_collapse.h), each hit's stored fields, its
// distance to the --near centre and its snippet (query/collect/snippet.h).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <vector>

#include "engine/index/stored_article.h"
#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/gazetteer.h"
#include "newsq/searcher.h"
#include "query/understand/query_builder.h"

namespace newsq::query {

// How many matches to fetch for a page of `request.limit` hits: more with collapsing on, so that
// folded copies leave enough hits.
std::uint32_t matches_to_fetch(const SearchRequest& request);

// At most `request.limit` hits from `mset` (of `db`, fetched with matches_to_fetch), in rank
// order; with request.collapse_duplicates, copies of a hit become its similar_ids. `text`'s stems
// and words are marked in snippets; with `centre`, each hit gets its distance to it.
// `value_streams`: `db` is one database, whose value streams are read for the signatures; a
// cluster's are read from the hits' documents instead (a remote database has no value streams,
// and Xapian 1.4's stream over several databases gave other documents' values in our tests).
// Throws Xapian errors.
std::vector<Hit> assemble_hits(const Xapian::MSet& mset, const Xapian::Database& db, bool value_streams,
                               const SearchRequest& request,
                               const TextQuery& text, const places::Place* centre, StoredArticleReader& reader,
                               analysis::TextAnalyzer& snippet_analyzer);

}  // namespace newsq::query
