// engine/index/index_location.h: where an index's data lives. DIR (what users name) holds
// generations gen-000001, gen-000002, ... (each a Xapian glass database) and a Xapian stub file
// DIR/XAPIANDB naming the live one. Swapping generations is one rename(2) of the stub, so a
// searcher opening DIR sees the old index or the new one, never a mix or nothing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsq::location {

// The live generation's path, creating DIR with a first, empty generation if DIR does not exist
// or is empty. Writers call this under the write lock.
std::string live_generation_for_writing(const std::string& dir);

// The live generation's folder name ("gen-000003"), or "" if DIR has no stub (not an index, or a
// plain database from before generations). Cheap: reads one small file. In a replica folder
// (below) it is the copy xapian-replicate made live ("replica_1").
std::string live_generation(const std::string& dir);

// The words of a Xapian stub file's database lines ({"glass", "gen-000003"}), skipping blank lines
// and '#' comments as Xapian does: xapian-replicate writes a comment line above its "auto replica_N".
std::vector<std::string> stub_words(std::string_view stub);

// A replica folder is one `xapian-replicate` keeps (docs/operations.md, "Search hosts"): its own
// stub DIR/XAPIANDB naming replica_0 or replica_1, full copies of the master's live generation
// made in the other one and swapped in by renaming the stub, changesets applied in place. newsq
// searches it like an index and never writes into it. Unlike generations, the two names alternate:
// a name seen again may hold another copy.
bool is_replica_name(const std::string& name);

// live_generation(dir) for a reader that asks before every search: the stub is read again only
// when stat(2) shows a different file (publish() renames a new stub into place, so its inode
// changes), which makes the usual check one system call.
class LiveGenerationWatch {
 public:
  explicit LiveGenerationWatch(std::string dir);
  const std::string& live();
  // How many times live() found a different stub file: a reader that opened the database at
  // another count must open it again even if the name is the same (a replica's alternating names).
  unsigned long long stub_changes() const { return changes_; }

 private:
  std::string dir_, stub_;
  std::string generation_;
  bool seen_ = false;  // The identity below is of the stub `generation_` was read from.
  unsigned long long device_ = 0, inode_ = 0, size_ = 0;
  long long mtime_ns_ = 0;
  unsigned long long changes_ = 0;
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
