// cli/serve/searcher_pool.cc: checking Searchers out and back in (searcher_pool.h).
#include "cli/serve/searcher_pool.h"

namespace newsq::serve {

SearcherPool::SearcherPool(const std::string& db, std::size_t size, const SearcherOptions& options,
                           const std::string& thesaurus) {
  for (std::size_t i = 0; i < size; ++i) {
    idle_.push_back(std::make_unique<Searcher>(db, options));
    if (!thesaurus.empty()) idle_.back()->set_thesaurus(thesaurus);
  }
}

SearcherPool::Lease SearcherPool::check_out() {
  std::unique_lock lock(mutex_);
  returned_.wait(lock, [&] { return !idle_.empty(); });
  std::unique_ptr<Searcher> searcher = std::move(idle_.back());
  idle_.pop_back();
  return Lease(*this, std::move(searcher));
}

void SearcherPool::give_back(std::unique_ptr<Searcher> searcher) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(searcher));
  }
  returned_.notify_one();
}

}  // namespace newsq::serve
