// query/collect/spelling.cc: a scan of the words sharing the first letter; only run for unknown words,
// so its cost is paid when a search would otherwise find nothing for that word.
#include "query/collect/spelling.h"

#include <algorithm>
#include <vector>

#include "engine/common/edit_distance.h"

namespace newsq::query {

std::string closest_word(const Xapian::Database& db, const std::string& word) {
  if (word.empty()) return {};
  const std::size_t limit = word.size() <= 4 ? 1 : 2;
  std::string best;
  std::size_t best_distance = limit + 1;
  Xapian::doccount best_frequency = 0;
  const std::string first = word.substr(0, 1);
  for (auto t = db.allterms_begin(first); t != db.allterms_end(first); ++t) {
    const std::string candidate = *t;
    if (candidate.size() + limit < word.size() || candidate.size() > word.size() + limit) continue;
    std::size_t distance = common::edit_distance(word, candidate);
    if (distance == 0 || distance > limit) continue;
    Xapian::doccount frequency = t.get_termfreq();
    if (distance < best_distance || (distance == best_distance && frequency > best_frequency)) {
      best = candidate;
      best_distance = distance;
      best_frequency = frequency;
    }
  }
  return best;
}

}  // namespace newsq::query
