// query/recency_source.h: a Xapian posting source that gives recent articles extra weight, for
// the optional recency boost: boost * 2^(-(newest day - article day) / half life).
#pragma once

#include <xapian.h>

#include <string>

namespace newsq::query {

class RecencySource : public Xapian::ValuePostingSource {
 public:
  RecencySource(Xapian::valueno date_slot, double boost, double half_life_days, double newest_day);

  double get_weight() const override;
  RecencySource* clone() const override;
  std::string name() const override { return "newsq::RecencySource"; }
  std::string get_description() const override;
  void init(const Xapian::Database& db) override;

 private:
  double boost_, half_life_days_, newest_day_;
};

}  // namespace newsq::query
