// query/index_stats.cc: counting an index's articles, terms, sources and bytes (query/index_stats.h).
#include "query/index_stats.h"

#include <filesystem>

#include "engine/index/schema.h"

namespace newsq::query {

IndexStats index_stats(const IndexView& index) {
  IndexStats s;
  const Xapian::Database& db = index.db();
  s.articles = db.get_doccount();
  if (s.articles) {
    if (const auto days = schema::indexed_days(db)) {
      s.first_date = schema::day_string(days->first);
      s.last_date = schema::day_string(days->second);
    }
  }
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) ++s.terms;
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query::MatchAll);
  Xapian::ValueCountMatchSpy sources(schema::kSourceSlot);
  enquire.add_matchspy(&sources);
  enquire.get_mset(0, 0, db.get_doccount());
  for (auto v = sources.values_begin(); v != sources.values_end(); ++v) s.sources[*v] = v.get_termfreq();
  // The live generations only (old ones are about to go), of the shards on this machine (a
  // remote shard's bytes are its server's); a file vanishing meanwhile is skipped.
  for (const std::string& folder : index.local_folders()) {
    std::error_code ec, file_ec;
    for (auto it = std::filesystem::recursive_directory_iterator(folder, ec); !ec && it != std::filesystem::end(it);
         it.increment(ec))
      if (it->is_regular_file(file_ec)) {
        std::uintmax_t size = it->file_size(file_ec);
        if (!file_ec) s.disk_bytes += size;
      }
  }
  return s;
}

}  // namespace newsq::query
