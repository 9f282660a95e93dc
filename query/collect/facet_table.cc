// query/collect/facet_table.cc: reading slot 6 into arrays, and when to.
#include "query/collect/facet_table.h"

#include <string_view>
#include <unordered_map>

#include "engine/index/facet_record.h"
#include "engine/index/schema.h"
#include "engine/index/place_terms.h"

namespace newsq::query {

std::shared_ptr<const FacetTable> FacetTable::build(const Xapian::Database& db) {
  const Xapian::doccount documents = db.get_doccount();
  if (db.get_value_freq(schema::kFacetsSlot) != documents) return nullptr;
  auto table = std::make_shared<FacetTable>();
  const Xapian::docid last = db.get_lastdocid();
  table->days_.assign(static_cast<std::size_t>(last) + 1, kNoDay);
  table->sources_of_.assign(static_cast<std::size_t>(last) + 1, kNoSource);
  table->place_offsets_.assign(static_cast<std::size_t>(last) + 2, 0);
  table->source_names_.emplace_back();
  std::unordered_map<std::string, std::uint32_t> source_index;
  std::unordered_map<std::uint32_t, std::uint32_t> place_index;
  std::string source_key;

  // Documents come in id order: each one's places are appended, and ids in between (deleted)
  // get empty ranges when the offsets are filled forward below.
  Xapian::docid previous = 0;
  for (auto v = db.valuestream_begin(schema::kFacetsSlot); v != db.valuestream_end(schema::kFacetsSlot); ++v) {
    const Xapian::docid id = v.get_docid();
    const std::string value = *v;
    schema::FacetRecord r;
    if (!schema::decode_facet_record(value, r)) return nullptr;  // Malformed: count from the values.
    for (Xapian::docid gap = previous + 1; gap <= id; ++gap)
      table->place_offsets_[gap] = static_cast<std::uint32_t>(table->place_indexes_.size());
    previous = id;
    table->days_[id] = static_cast<std::int32_t>(r.day);
    if (!r.source.empty()) {
      source_key.assign(r.source);
      auto [it, added] = source_index.try_emplace(source_key, static_cast<std::uint32_t>(table->source_names_.size()));
      if (added) table->source_names_.push_back(source_key);
      table->sources_of_[id] = it->second;
    }
    places::for_each_id(r.place_ids, [&](std::uint32_t place) {
      auto [it, added] = place_index.try_emplace(place, static_cast<std::uint32_t>(table->place_ids_.size()));
      if (added) table->place_ids_.push_back(place);
      table->place_indexes_.push_back(it->second);
    });
  }
  for (Xapian::docid gap = previous + 1; gap <= last + 1; ++gap)
    table->place_offsets_[gap] = static_cast<std::uint32_t>(table->place_indexes_.size());
  return table;
}

std::shared_ptr<const FacetTable> FacetTablePolicy::table_for(const Xapian::Database& db, const Revision& revision) {
  if (revision != revision_) {
    revision_ = revision;
    spied_ = 0;
    table_.reset();
    unavailable_ = false;
  }
  if (!table_ && !unavailable_ && spied_ >= db.get_doccount() && db.get_doccount() > 0) {
    table_ = FacetTable::build(db);
    unavailable_ = !table_;
  }
  return table_;
}

}  // namespace newsq::query
