// engine/index/cluster_description.cc: finding and reading a cluster description
// (engine/index/cluster_description.h).
#include "engine/index/cluster_description.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/index/shard_layout.h"
#include "newsq/error.h"

namespace newsq::location {
namespace fs = std::filesystem;

std::string ShardAddress::name() const { return remote ? host + ":" + std::to_string(port) : path; }

std::string cluster_description_of(const std::string& path) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return path;
  if (const fs::path inside = fs::path(path) / shards::kClusterStub; fs::is_regular_file(inside, ec)) return inside.string();
  return {};
}

std::vector<ShardAddress> read_cluster_description(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw DatabaseError(file + ": cannot read the cluster description");
  const fs::path folder = fs::absolute(fs::path(file)).parent_path();
  std::vector<ShardAddress> shards;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    std::istringstream words(line);
    std::string kind, where, extra;
    words >> kind >> where >> extra;
    if (kind.empty() || kind[0] == '#') continue;
    const std::string at = file + ":" + std::to_string(number) + ": ";
    if (where.empty() || !extra.empty())
      throw DatabaseError(at + "expected 'auto PATH' or 'remote :HOST:PORT', not '" + line + "'");
    ShardAddress shard;
    if (kind == "auto") {
      fs::path p(where);
      shard.path = (p.is_absolute() ? p : folder / p).lexically_normal().string();
    } else if (kind == "remote") {
      // Xapian's TCP form is ":HOST:PORT"; without the leading colon it would run a program.
      const auto colon = where.rfind(':');
      if (where[0] != ':' || colon == 0)
        throw DatabaseError(at + "newsq reads only TCP remotes ('remote :HOST:PORT'), not '" + where + "'");
      shard.remote = true;
      shard.host = where.substr(1, colon - 1);
      const char* end = where.data() + where.size();
      auto [ptr, err] = std::from_chars(where.data() + colon + 1, end, shard.port);
      if (shard.host.empty() || err != std::errc() || ptr != end || shard.port == 0 || shard.port > 65535)
        throw DatabaseError(at + "expected 'remote :HOST:PORT', not '" + line + "'");
    } else {
      throw DatabaseError(at + "newsq shards are 'auto PATH' or 'remote :HOST:PORT', not '" + kind + "'");
    }
    shards.push_back(std::move(shard));
  }
  if (shards.empty()) throw DatabaseError(file + ": a cluster description naming no shard");
  return shards;
}

}  // namespace newsq::location
