// tests/fuzz/stored_article_fuzz.cc: feeds arbitrary bytes as a document's stored data to
// StoredArticleReader::read (engine/index/stored_article.cc), which every hit of a search goes through.
// It must never throw or crash: data that is not the JSON newsq writes gives what was read before
// the fault. One reader is reused across inputs, as a Searcher reuses its own.
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/index/stored_article.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static newsq::query::StoredArticleReader reader;
  newsq::query::StoredArticle article = reader.read(std::string(reinterpret_cast<const char*>(data), size));
  (void)article;
  return 0;
}
