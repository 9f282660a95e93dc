// query/collect/facet_spies.cc: counting days, sources and places per match.
#include "query/collect/facet_spies.h"

#include <algorithm>
#include <cmath>

#include "engine/index/facet_record.h"
#include "engine/index/schema.h"
#include "engine/index/place_terms.h"

namespace newsq::query {

namespace {
// The day array covers at most this many of the latest days (a century): an index with a stray
// date centuries off would otherwise zero megabytes per search. Older days are counted in a map.
constexpr long kMaxArrayDays = 36525;
}  // namespace

FacetSpy::FacetSpy(Fields fields, long first_day, long last_day, std::shared_ptr<const FacetTable> table)
    : fields_(fields),
      first_day_(std::max(first_day, last_day - kMaxArrayDays + 1)),
      days_(fields.date && last_day >= first_day_ ? static_cast<std::size_t>(last_day - first_day_ + 1) : 0),
      table_(std::move(table)) {
  if (table_ && fields_.source) table_sources_.assign(table_->source_names().size(), 0);
  if (table_ && fields_.location) table_places_.assign(table_->place_ids().size(), 0);
}

Xapian::MatchSpy* FacetSpy::clone() const {
  return new FacetSpy(fields_, first_day_, first_day_ + static_cast<long>(days_.size()) - 1, table_);
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  ++matches_;
  if (table_) {
    if (const Xapian::docid id = doc.get_docid(); id <= table_->last_docid()) return count_from_table(id);
  }
  const std::string value = doc.get_value(schema::kFacetsSlot);
  schema::FacetRecord r;
  if (schema::decode_facet_record(value, r)) {
    count(r.day, r.source, r.place_ids);
    return;
  }
  // Written before slot 6: the slots it is made from.
  const std::string date = fields_.date ? doc.get_value(schema::kDateSlot) : std::string();
  const std::string source = fields_.source ? doc.get_value(schema::kSourceSlot) : std::string();
  const std::string places = fields_.location ? doc.get_value(schema::kPlacesSlot) : std::string();
  std::optional<long> day;
  if (!date.empty()) day = std::lround(Xapian::sortable_unserialise(date));
  count(day, source, places);
}

void FacetSpy::count_match(Xapian::docid id, const Xapian::Database& db) {
  if (table_ && id <= table_->last_docid()) {
    ++matches_;
    count_from_table(id);
  } else {
    (*this)(db.get_document(id, Xapian::DOC_ASSUME_VALID), 0);
  }
}

void FacetSpy::count(std::optional<long> day, std::string_view source, std::string_view place_ids) {
  if (fields_.date && day) count_day(*day);
  if (fields_.source && !source.empty()) {
    if (auto it = sources_.find(source); it != sources_.end())
      ++it->second;
    else
      sources_.emplace(std::string(source), 1);
  }
  if (fields_.location) places::for_each_id(place_ids, [this](std::uint32_t id) { places_.add(id); });
}

void FacetSpy::count_day(long day) {
  const long at = day - first_day_;
  if (at >= 0 && static_cast<std::size_t>(at) < days_.size())
    ++days_[static_cast<std::size_t>(at)];
  else
    ++days_outside_[day];
}

void FacetSpy::count_from_table(Xapian::docid id) {
  if (fields_.date) {
    if (const std::int32_t day = table_->day(id); day != FacetTable::kNoDay) count_day(day);
  }
  if (fields_.source) ++table_sources_[table_->source(id)];
  if (fields_.location)
    for (const std::uint32_t* p = table_->places_begin(id); p != table_->places_end(id); ++p) ++table_places_[*p];
}

std::unordered_map<std::uint32_t, std::uint64_t> FacetSpy::places() const {
  std::unordered_map<std::uint32_t, std::uint64_t> out;
  out.reserve(places_.size());
  places_.for_each([&](std::uint32_t id, std::uint64_t count) { out[id] += count; });
  for (std::size_t i = 0; i < table_places_.size(); ++i)
    if (table_places_[i]) out[table_->place_ids()[i]] += table_places_[i];
  return out;
}

DayCounts FacetSpy::per_day() const {
  // days_outside_ holds days before the array's (older than a century before the newest) and any
  // after it: merged in order around the array's.
  DayCounts out;
  auto outside = days_outside_.begin();
  for (; outside != days_outside_.end() && outside->first < first_day_; ++outside) out.emplace_back(*outside);
  for (std::size_t i = 0; i < days_.size(); ++i)
    if (days_[i]) out.emplace_back(first_day_ + static_cast<long>(i), days_[i]);
  for (; outside != days_outside_.end(); ++outside) out.emplace_back(*outside);
  return out;
}

std::vector<std::pair<std::string, std::uint64_t>> FacetSpy::top_sources(std::size_t max) const {
  std::unordered_map<std::string_view, std::uint64_t> all;
  for (const auto& [name, count] : sources_) all[name] += count;
  // Index 0 of the table's counts is "no source", not counted.
  for (std::size_t i = 1; i < table_sources_.size(); ++i)
    if (table_sources_[i]) all[table_->source_names()[i]] += table_sources_[i];
  std::vector<std::pair<std::string, std::uint64_t>> out;
  out.reserve(all.size());
  for (const auto& [name, count] : all) out.emplace_back(std::string(name), count);
  return most_frequent(std::move(out), max);
}

}  // namespace newsq::query
