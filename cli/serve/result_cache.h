// cli/serve/result_cache.h: the answers of `newsq serve`'s GET /api/search kept for the next equal
// request, as a search engine's result cache does (Solr's queryResultCache, Elasticsearch's request
// cache): a page's drill-down, Back and Forward and removed chips ask the same searches again, and
// a search with exact facets visits every match while the cached answer is one copy.
//
// Contract: a key names everything an answer depends on (the request's parameters, the index's
// revision as Searcher::revision() gives it, the day "today" resolves to); the caller builds it
// (cache_key) and stores only complete answers (not timed out, no shard missing). An answer is
// then the same whether it comes from here or from a search. Thread-safe; least recently used
// answers go first once the bytes kept would exceed the budget.
#pragma once

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace newsq::serve {

class ResultCache {
 public:
  // Keeps at most `max_bytes` of keys and answers; 0 keeps nothing (every find() misses).
  explicit ResultCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}
  bool enabled() const { return max_bytes_ > 0; }

  std::optional<std::string> find(const std::string& key);
  // An answer larger than an eighth of the budget is not kept: it would push out many others.
  void store(const std::string& key, const std::string& answer);

  struct Counts {
    std::size_t entries = 0, bytes = 0;
  };
  Counts counts() const;

 private:
  using Entry = std::pair<std::string, std::string>;  // key, answer
  static std::size_t cost(const Entry& e) { return e.first.size() + e.second.size(); }

  const std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::list<Entry> recent_;  // Most recently used first.
  std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
  std::size_t bytes_ = 0;
};

// The key of a search: the index's revision, the day today is (a request without `now` resolves
// relative words against it), and the query parameters in a fixed order (by name; repeated names
// in the order given, which the answer may show).
std::string cache_key(const std::string& revision, const std::string& today,
                      const std::vector<std::pair<std::string, std::string>>& parameters);

}  // namespace newsq::serve
