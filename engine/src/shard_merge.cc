// engine/src/shard_merge.cc: shards -> one database, by compaction.
#include "engine/src/shard_merge.h"

#include <xapian.h>

namespace newsq {

void merge_shards(const std::vector<std::string>& shards, const std::string& destination,
                  const std::vector<std::pair<std::string, std::string>>& metadata) {
  Xapian::Database all;
  for (const auto& shard : shards) all.add_database(Xapian::Database(shard));
  // Without DBCOMPACT_NO_RENUMBER each shard's ids follow the previous shards', which is input
  // order because every shard holds a run of consecutive articles. MULTIPASS merges many shards'
  // postings in rounds, faster than one wide merge.
  all.compact(destination, Xapian::DBCOMPACT_MULTIPASS);
  Xapian::WritableDatabase out(destination, Xapian::DB_OPEN);
  for (const auto& [key, value] : metadata) out.set_metadata(key, value);
  out.commit();
}

}  // namespace newsq
