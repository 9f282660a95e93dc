// query/recency_source.cc: weight from the date value slot (query/recency_source.h).
#include "query/recency_source.h"

#include <cmath>

namespace newsq::query {

double recency_weight(double boost, double half_life_days, double age_days) {
  if (age_days < 0) age_days = 0;
  return boost * std::exp2(-age_days / half_life_days);
}

RecencySource::RecencySource(Xapian::valueno date_slot, double boost, double half_life_days, double newest_day)
    : Xapian::ValuePostingSource(date_slot), boost_(boost), half_life_days_(half_life_days), newest_day_(newest_day) {}

void RecencySource::init(const Xapian::Database& db) {
  Xapian::ValuePostingSource::init(db);
  set_maxweight(boost_);
}

double RecencySource::get_weight() const {
  return recency_weight(boost_, half_life_days_, newest_day_ - Xapian::sortable_unserialise(get_value()));
}

RecencySource* RecencySource::clone() const {
  return new RecencySource(get_slot(), boost_, half_life_days_, newest_day_);
}

std::string RecencySource::get_description() const {
  return "newsq::RecencySource(boost " + std::to_string(boost_) + ")";
}

Xapian::PostingSource* recency_by_day(Xapian::valueno date_slot, double boost, double half_life_days, long first_day,
                                      long newest_day) {
  auto* source = new Xapian::ValueMapPostingSource(date_slot);
  for (long day = first_day; day <= newest_day; ++day)
    source->add_mapping(Xapian::sortable_serialise(static_cast<double>(day)),
                        recency_weight(boost, half_life_days, static_cast<double>(newest_day - day)));
  return source;
}

}  // namespace newsq::query
