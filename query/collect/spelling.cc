// query/collect/spelling.cc: a scan of the words sharing the first letter; only run for unknown words,
// so its cost is paid when a search would otherwise find nothing for that word.
#include "query/collect/spelling.h"

#include <algorithm>
#include <vector>

namespace newsq::query {

std::size_t edit_distance(const std::string& a, const std::string& b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i)
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[n][m];
}

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
    std::size_t distance = edit_distance(word, candidate);
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
