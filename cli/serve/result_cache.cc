// cli/serve/result_cache.cc: the least-recently-used answer cache of GET /api/search (result_cache.h).
#include "cli/serve/result_cache.h"

#include <algorithm>

namespace newsq::serve {

std::optional<std::string> ResultCache::find(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return std::nullopt;
  recent_.splice(recent_.begin(), recent_, it->second);
  return it->second->second;
}

void ResultCache::store(const std::string& key, const std::string& answer) {
  const std::size_t size = key.size() + answer.size();
  if (size > max_bytes_ / 8) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto it = by_key_.find(key); it != by_key_.end()) {  // Two workers answered the same miss.
    bytes_ -= cost(*it->second);
    recent_.erase(it->second);
    by_key_.erase(it);
  }
  recent_.emplace_front(key, answer);
  by_key_.emplace(key, recent_.begin());
  bytes_ += size;
  while (bytes_ > max_bytes_ && !recent_.empty()) {
    bytes_ -= cost(recent_.back());
    by_key_.erase(recent_.back().first);
    recent_.pop_back();
  }
}

ResultCache::Counts ResultCache::counts() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return {recent_.size(), bytes_};
}

std::string cache_key(const std::string& revision, const std::string& today,
                      const std::vector<std::pair<std::string, std::string>>& parameters) {
  std::vector<std::pair<std::string, std::string>> sorted = parameters;
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  // Lengths before each part: no name or value can be read as a separator.
  std::string key;
  auto put = [&](const std::string& part) { key += std::to_string(part.size()) + ":" + part; };
  put(revision);
  put(today);
  for (const auto& [name, value] : sorted) {
    put(name);
    put(value);
  }
  return key;
}

}  // namespace newsq::serve
