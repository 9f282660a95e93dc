// query/recency_source.cc: weight from the date value slot.
#include "query/recency_source.h"

#include <cmath>

namespace newsq::query {

RecencySource::RecencySource(Xapian::valueno date_slot, double boost, double half_life_days, double newest_day)
    : Xapian::ValuePostingSource(date_slot), boost_(boost), half_life_days_(half_life_days), newest_day_(newest_day) {}

void RecencySource::init(const Xapian::Database& db) {
  Xapian::ValuePostingSource::init(db);
  set_maxweight(boost_);
}

double RecencySource::get_weight() const {
  double age = newest_day_ - Xapian::sortable_unserialise(get_value());
  if (age < 0) age = 0;
  return boost_ * std::exp2(-age / half_life_days_);
}

RecencySource* RecencySource::clone() const {
  return new RecencySource(get_slot(), boost_, half_life_days_, newest_day_);
}

std::string RecencySource::get_description() const {
  return "newsq::RecencySource(boost " + std::to_string(boost_) + ")";
}

}  // namespace newsq::query
