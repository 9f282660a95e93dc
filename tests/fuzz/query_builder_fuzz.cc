// tests/fuzz/query_builder_fuzz.cc: feeds arbitrary text to QueryBuilder::build
// (query/understand/query_builder.cc), the free-text query grammar, with the built-in thesaurus as a search
// uses it. QueryError (an unbalanced parenthesis) is expected; anything else is a finding. One
// builder is reused across inputs, as a Searcher reuses its own (so its cache of recent texts is
// exercised too). Query dictionary: tests/fuzz/query.dict.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "newsq/error.h"
#include "query/understand/query_builder.h"
#include "query/understand/thesaurus.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static newsq::query::QueryBuilder* builder = [] {
    auto* b = new newsq::query::QueryBuilder();
    b->set_thesaurus(&newsq::query::Thesaurus::builtin());
    return b;
  }();
  try {
    newsq::query::TextQuery q = builder->build(std::string_view(reinterpret_cast<const char*>(data), size));
    (void)q.query.get_description();
  } catch (const newsq::QueryError&) {}
  return 0;
}
