// engine/index/stored_article.h: reads the JSON a document stores (engine/index/schema.md, "Stored data")
// back into the fields a hit shows. Every hit of every search goes through here, so it parses
// with simdjson and keeps nothing of the JSON afterwards.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "newsq/searcher.h"

namespace newsq::query {

// The public record (newsq/searcher.h); the places as a hit shows them.
using StoredArticle = newsq::StoredArticle;

// Not thread-safe (it reuses one parser's buffers): one per Searcher.
class StoredArticleReader {
 public:
  StoredArticleReader();
  ~StoredArticleReader();
  StoredArticleReader(const StoredArticleReader&) = delete;
  StoredArticleReader& operator=(const StoredArticleReader&) = delete;

  // Fields absent from `data`, or of another type, are left empty. Data that is not a JSON object
  // (which newsq never writes) gives what was read before the fault.
  StoredArticle read(std::string data);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsq::query
