// query/collect/facet_spies.h: the match spy that counts the date, source and location facets over
// every match of a search, from one value per document (slot 6, engine/index/facet_record.h).
//
// Xapian's ValueCountMatchSpy would read one slot per facet and keep its counts in a std::map of
// strings; on a broad search of a large archive (50k matches) the spies were most of the
// search. This reads one value, counts days in a flat array and sources and places in hash
// tables. Documents written before slot 6 existed are counted from slots 0, 1 and 3. Given a
// FacetTable (facet_table.h), it reads nothing from Xapian per match: it counts from the table's
// arrays by document id.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/common/id_counts.h"
#include "query/collect/facet_table.h"
#include "query/collect/facet_tally.h"

namespace newsq::query {

// Xapian::MatchSpy and FacetTally (query/collect/facet_tally.h). Not registered with any Xapian
// server: it counts on local databases only (query/facet_counts.h chooses).
class FacetSpy : public Xapian::MatchSpy, public FacetTally {
 public:
  // `first_day`, `last_day`: the index's date bounds (days since 1970-01-01), which size the day
  // array (a century at most); a day outside it is still counted, only more slowly. `table`,
  // if given, must be of the database searched, at the revision searched.
  FacetSpy(Fields fields, long first_day, long last_day, std::shared_ptr<const FacetTable> table = nullptr);
  void operator()(const Xapian::Document& doc, double weight) override;
  Xapian::MatchSpy* clone() const override;
  std::string name() const override { return "newsq.FacetSpy"; }

  const Fields& fields() const override { return fields_; }
  DayCounts per_day() const override;
  std::vector<std::pair<std::string, std::uint64_t>> top_sources(std::size_t max) const override;
  std::unordered_map<std::uint32_t, std::uint64_t> places() const override;
  std::uint64_t matches() const override { return matches_; }

  bool counts_from_table() const override { return table_ != nullptr; }
  // Counts the document `id` of `db` (the database searched) as a match, found without Xapian's
  // matcher (boolean_walk.h): from the table, or from the document's values.
  void count_match(Xapian::docid id, const Xapian::Database& db);

 private:
  // `day` is empty for a document without a date (newsq writes none such).
  void count(std::optional<long> day, std::string_view source, std::string_view place_ids);
  void count_from_table(Xapian::docid id);
  void count_day(long day);  // In the array, or in days_outside_.

  // Lets sources_ be searched with a string_view: no string is made for a source already seen.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  Fields fields_;
  long first_day_;
  std::vector<std::uint64_t> days_;
  std::map<long, std::uint64_t> days_outside_;
  std::unordered_map<std::string, std::uint64_t, Hash, std::equal_to<>> sources_;
  common::IdCounts places_;
  std::uint64_t matches_ = 0;
  // With a table: counts by the table's source and dense place indexes.
  std::shared_ptr<const FacetTable> table_;
  std::vector<std::uint64_t> table_sources_, table_places_;
};

}  // namespace newsq::query
