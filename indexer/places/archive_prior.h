// indexer/places/archive_prior.h: the archive's own geography, a prior for ambiguous names. In how
// many of an archive's articles each country and region is named unambiguously ("Ukraine", "Kharkiv
// Oblast", "Paris, Texas", "Russian troops"), so that a war archive's "Oleksandrivka", named with no
// other clue, is looked for in the oblasts its articles are about first.
//
// Order independence (indexer/places/README.md, "The archive prior"): the table is counted from extractions
// made WITHOUT a prior, so it is a function of the set of articles alone (not of their order, nor of
// an earlier table); extraction with a given table is per article. `newsq rebuild` counts it in a first
// pass over all its inputs, stores it in the index (metadata key newsq.places.prior) and extracts
// every article with it; `newsq index` uses the stored table and never changes it. So an article
// indexed incrementally gets exactly the places a rebuild with the same table gives it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "indexer/places/gazetteer.h"
#include "indexer/places/place_extractor.h"

namespace newsq::places {

class ArchivePrior {
 public:
  // Points a candidate gains at most from the table: an area named in every article. Measured on
  // the geoparse bench (indexer/places/README.md).
  static constexpr double kWeight = 5;
  // Areas named in fewer articles than this share are left out of the stored table (and add
  // nothing): it stays small, and a single article's areas do not become the archive's.
  static constexpr double kMinShare = 0.02;

  // Counts one article's extraction, made without a prior: its confident areas (Extraction::areas).
  void count(const Extraction& article);
  // What ambiguous candidate `p` gains: kWeight times the share of the archive's articles naming its
  // country, plus the same for its region (a country or a region counts as its own). 0 when empty.
  double bonus(const Place& p) const;

  bool empty() const { return articles_ == 0; }
  std::uint64_t articles() const { return articles_; }
  // The areas kept and their article counts.
  std::map<std::uint32_t, std::uint64_t> areas() const;

  // The stored form: "newsq-places-prior 1\narticles N\n" then "ID COUNT\n" per area kept, by id;
  // the same table always gives the same bytes. parse() reads it back (an empty string is an empty
  // table) and throws std::invalid_argument naming the bad line.
  std::string serialise() const;
  static ArchivePrior parse(std::string_view text);

  bool operator==(const ArchivePrior& other) const { return serialise() == other.serialise(); }

 private:
  double share(std::uint32_t area) const;
  std::uint64_t articles_ = 0;                   // Articles with at least one confident area.
  std::map<std::uint32_t, std::uint64_t> count_;  // Area id -> articles naming it.
};

}  // namespace newsq::places
