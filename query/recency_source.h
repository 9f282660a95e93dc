// query/recency_source.h: a Xapian posting source that gives recent articles extra weight, for
// the optional recency boost: boost * 2^(-(newest day - article day) / half life). RecencySource
// is newsq's own class, which a Xapian server does not know; recency_by_day() gives the same
// weights with Xapian's built-in ValueMapPostingSource, which crosses the remote protocol.
#pragma once

#include <xapian.h>

#include <string>

namespace newsq::query {

// The boost of an article `age_days` older than the newest (none is younger: age 0).
double recency_weight(double boost, double half_life_days, double age_days);

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

// Xapian's ValueMapPostingSource on `date_slot` with recency_weight() for every day from
// `first_day` to `newest_day` (the index's date bounds): exactly RecencySource's weights, one map
// entry per day of the archive's span (a century is 36525 entries, about 500 kB sent to each
// remote shard per search).
Xapian::PostingSource* recency_by_day(Xapian::valueno date_slot, double boost, double half_life_days, long first_day,
                                      long newest_day);

}  // namespace newsq::query
