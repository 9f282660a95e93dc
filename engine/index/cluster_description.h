// engine/index/cluster_description.h: a cluster description, the file that names the shards of a
// sharded archive (docs/sharding.md). It is a Xapian stub file, in Xapian's own format, so that
// Xapian's tools open it too: one shard per line, `auto PATH` for a local newsq index (a shard
// folder; a relative PATH is relative to the file's folder) and `remote :HOST:PORT` for a shard
// served by xapian-tcpsrv. Blank lines and lines starting with '#' are skipped, as Xapian does.
// A sharded index folder DIR holds its description as DIR/cluster.stub.
#pragma once

#include <string>
#include <vector>

namespace newsq::location {

struct ShardAddress {
  bool remote = false;
  std::string path;  // Local: the shard's folder (made absolute against the description's folder).
  std::string host;  // Remote: where xapian-tcpsrv listens.
  unsigned port = 0;

  // What messages and partial answers call the shard: its path, or "HOST:PORT".
  std::string name() const;
};

// The cluster description `path` names: `path` itself if it is a file, PATH/cluster.stub if
// `path` is a folder holding one; "" for anything else (an ordinary index folder, or nothing).
std::string cluster_description_of(const std::string& path);

// The shards a description lists, in its order. Throws DatabaseError "FILE:LINE: ..." for a line
// that is neither `auto PATH` nor `remote :HOST:PORT` (other Xapian backends, remote programs),
// and for a file that cannot be read or lists no shard.
std::vector<ShardAddress> read_cluster_description(const std::string& file);

}  // namespace newsq::location
