// engine/index/index_location.h: where an index's data lives. DIR (what users name) holds
// generations gen-000001, gen-000002, ... (each a Xapian glass database) and a Xapian stub file
// DIR/XAPIANDB naming the live one. Swapping generations is one rename(2) of the stub, so a
// searcher opening DIR sees the old index or the new one, never a mix or nothing.
#pragma once

#include <string>

namespace newsq::location {

// The live generation's path, creating DIR with a first, empty generation if DIR does not exist
// or is empty. Writers call this under the write lock.
std::string live_generation_for_writing(const std::string& dir);

// The live generation's folder name ("gen-000003"), or "" if DIR has no stub (not an index, or a
// plain database from before generations). Cheap: reads one small file.
std::string live_generation(const std::string& dir);

// live_generation(dir) for a reader that asks before every search: the stub is read again only
// when stat(2) shows a different file (publish() renames a new stub into place, so its inode
// changes), which makes the usual check one system call.
class LiveGenerationWatch {
 public:
  explicit LiveGenerationWatch(std::string dir);
  const std::string& live();

 private:
  std::string dir_, stub_;
  std::string generation_;
  bool seen_ = false;  // The identity below is of the stub `generation_` was read from.
  unsigned long long device_ = 0, inode_ = 0, size_ = 0;
  long long mtime_ns_ = 0;
};

// A new, empty folder for the next generation (not yet live).
std::string new_generation(const std::string& dir);

// Replaces (or creates) the small file DIR/`name` with `content`, atomically and durably: written
// to DIR/`name`.new, synced, renamed over it, and DIR synced. Throws DatabaseError.
void replace_file(const std::string& dir, const std::string& name, const std::string& content);

// Makes `generation_path` (from new_generation) the live one, atomically and durably.
void publish(const std::string& dir, const std::string& generation_path);

// Removes every generation but the live one: old ones after a swap, and leftovers of a rebuild
// that died before publishing. Call under the write lock.
void remove_stale_generations(const std::string& dir);

}  // namespace newsq::location
