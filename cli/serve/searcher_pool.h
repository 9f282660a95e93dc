// cli/serve/searcher_pool.h: the Searchers of `newsq serve`, one per worker thread. A Searcher is
// not thread-safe, so a request checks one out for its whole duration and returns it after; with
// as many Searchers as worker threads a checkout never waits.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "newsq/searcher.h"

namespace newsq::serve {

class SearcherPool {
 public:
  // Opens `size` Searchers on `db` with `options` (DatabaseError if it holds no index), each with
  // the thesaurus file `thesaurus` when not empty (QueryError if it cannot be read).
  SearcherPool(const std::string& db, std::size_t size, const SearcherOptions& options = {},
               const std::string& thesaurus = "");

  // A Searcher for one request, given back when the lease ends.
  class Lease {
   public:
    Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher) : pool_(pool), searcher_(std::move(searcher)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_.give_back(std::move(searcher_)); }
    Searcher& operator*() { return *searcher_; }
    Searcher* operator->() { return searcher_.get(); }

   private:
    SearcherPool& pool_;
    std::unique_ptr<Searcher> searcher_;
  };

  // Waits while every Searcher is out.
  Lease check_out();

 private:
  void give_back(std::unique_ptr<Searcher> searcher);

  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Searcher>> idle_;
};

}  // namespace newsq::serve
