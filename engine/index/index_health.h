// engine/index/index_health.h: is an index directory new, healthy or damaged? Writers ask before they
// touch anything, searchers when they open a generation, and `newsq check` / `newsq repair` for the
// whole story. The rule that keeps data safe: a directory that holds generations but no readable
// stub naming a complete one is *damaged*, never *new*, so nothing starts an empty index over it.
#pragma once

#include <string>
#include <vector>

namespace newsq::health {

enum class State {
  absent,   // DIR does not exist: a writer may create it.
  empty,    // DIR exists and holds nothing of an index (at most write.lock): a writer may fill it.
  plain,    // A plain Xapian database in DIR itself (newsq before generations).
  healthy,  // A stub naming a generation whose table files are all there.
  replica,  // xapian-replicate's folder (location::is_replica_name): healthy for searchers, never written.
  damaged,  // Generations or a stub, but no usable live generation: refuse to write.
  foreign,  // DIR holds files newsq did not make: not an index, never write into it.
};

struct Diagnosis {
  State state = State::absent;
  std::string generation_path;  // healthy: the live generation (plain: DIR; replica: the live copy).
  std::string problem;          // damaged / foreign: what is wrong, one line.
};

// Cheap (a few stat(2) calls and one small read): the stub, the generation it names and that
// generation's table files. Does not read the tables' contents (see full_check).
Diagnosis diagnose(const std::string& dir);

// "" if `generation_path` has every table file a newsq generation holding `documents` articles
// needs, else which one is missing. Xapian creates some tables lazily and opens a generation whose
// docdata or position table is gone as if those were empty, so it cannot tell; newsq stores data
// and positions for every article, so with articles in it both must be there.
std::string missing_table(const std::string& generation_path, unsigned long long documents);

// Xapian's own structural check of every table (what xapian-check does), plus missing_table.
// Returns the problems found, empty when the generation is sound. Reads the whole generation.
std::vector<std::string> full_check(const std::string& generation_path);

// Writers call this on the live generation before writing: runs full_check unless the generation's
// files are exactly as a newsq writer last left them (sizes, mtimes, revision, recorded by
// remember_sound), and throws DatabaseError naming the damage if it finds any.
void verify_before_writing(const std::string& dir, const std::string& generation_path);

// Records the generation's files as sound: newsq just committed them.
void remember_sound(const std::string& dir, const std::string& generation_path);

// The message writers (`writing`) and searchers give for a damaged index: what is wrong and how to
// repair it.
std::string damaged_message(const std::string& dir, const std::string& problem, bool writing = true);

// Why a writer refuses replica folder `dir` (State::replica), and what to do instead.
std::string replica_message(const std::string& dir);

// Generation folders in DIR (gen-NNNNNN only, not shard or temporary folders), newest first.
std::vector<std::string> generations(const std::string& dir);

}  // namespace newsq::health
