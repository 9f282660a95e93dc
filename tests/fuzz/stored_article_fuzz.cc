// tests/fuzz/stored_article_fuzz.cc: feeds arbitrary bytes, as a search reads them from an index, to
// StoredArticleReader::read (a document's stored data, engine/index/stored_article.cc), which every
// hit of a search goes through, and to decode_place_name (an entry of the index's table of place
// names, engine/index/place_name_table.h), which the location facet goes through. Neither may
// throw or crash: data that is not the JSON newsq writes gives what was read before the fault, and
// an entry that is not whole gives nothing. One reader is reused across inputs, as a Searcher
// reuses its own.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/index/place_name_table.h"
#include "engine/index/stored_article.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static newsq::query::StoredArticleReader reader;
  newsq::query::StoredArticle article = reader.read(std::string(reinterpret_cast<const char*>(data), size));
  (void)article;
  const auto place = newsq::places::decode_place_name(std::string_view(reinterpret_cast<const char*>(data), size));
  (void)place;
  return 0;
}
