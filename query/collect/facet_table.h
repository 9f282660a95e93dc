// query/collect/facet_table.h: every article's facet record (slot 6: day, source, places), decoded once
// per index revision into arrays indexed by document id, for searchers that count facets often.
//
// Why: counting facets visits every match, and reading a value from Xapian costs about 170 ns per
// match on a 1M-article index (a B-tree chunk lookup, then decoding) — a third of a broad search
// there. From these arrays a match costs a few array reads. Building the table reads slot 6 once
// from start to end (one value stream), which costs about as much as spying on that many
// matches, so a Searcher builds it only once its searches on one revision have spied on as many
// matches as the index holds (FacetTablePolicy): a one-off `newsq search` never pays for it, a
// long-lived searcher pays once per revision and at most twice what the table saves.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace newsq::query {

class FacetTable {
 public:
  // The table of `db` as it is now; null when some document has no slot 6 value (written
  // before it existed): those are counted from their slots by FacetSpy instead. Throws Xapian
  // errors.
  static std::shared_ptr<const FacetTable> build(const Xapian::Database& db);

  static constexpr std::int32_t kNoDay = INT32_MIN;
  static constexpr std::uint32_t kNoSource = 0;

  // For a document id the table covers (1 .. last_docid()); ids of deleted documents read as no
  // day, no source, no places (no match can name them).
  Xapian::docid last_docid() const { return static_cast<Xapian::docid>(days_.size()) - 1; }
  std::int32_t day(Xapian::docid id) const { return days_[id]; }
  std::uint32_t source(Xapian::docid id) const { return sources_of_[id]; }
  // Dense place indexes (into place_ids()) of the document's places, regions and countries.
  const std::uint32_t* places_begin(Xapian::docid id) const { return place_indexes_.data() + place_offsets_[id]; }
  const std::uint32_t* places_end(Xapian::docid id) const { return place_indexes_.data() + place_offsets_[id + 1]; }

  // Source names by index (index 0, kNoSource, is "" and means none); gazetteer place ids by
  // dense index.
  const std::vector<std::string>& source_names() const { return source_names_; }
  const std::vector<std::uint32_t>& place_ids() const { return place_ids_; }

 private:
  std::vector<std::int32_t> days_;            // By document id.
  std::vector<std::uint32_t> sources_of_;     // By document id: index into source_names_.
  std::vector<std::uint32_t> place_offsets_;  // By document id, one more: ranges of place_indexes_.
  std::vector<std::uint32_t> place_indexes_;
  std::vector<std::string> source_names_;
  std::vector<std::uint32_t> place_ids_;
};

// When a Searcher builds the table: it counts the matches its spies have visited since the
// index last changed and builds the table once they reach the number of documents.
class FacetTablePolicy {
 public:
  // What a Searcher's database shows: its generation and Xapian revision.
  using Revision = std::pair<std::string, Xapian::rev>;
  // The table to count with for a search of `db` at `revision`, built now if it has become
  // worth it; null to count from the values. A new revision drops the table.
  std::shared_ptr<const FacetTable> table_for(const Xapian::Database& db, const Revision& revision);
  // A counting pass visited this many matches.
  void spied(std::uint64_t matches) { spied_ += matches; }

 private:
  Revision revision_;
  std::uint64_t spied_ = 0;
  std::shared_ptr<const FacetTable> table_;
  bool unavailable_ = false;  // build() said no for this revision: do not read the stream again.
};

}  // namespace newsq::query
