// engine/index/write_failure_guard.h: keeps a failed write inside Xapian from ending the process with
// SIGABRT. When a disk fills up in the middle of a commit, libxapian 1.4 can throw from a cleanup
// that runs while its first exception unwinds (seen: a shard writer's commit under ENOSPC), and the
// C++ runtime then calls std::terminate: nothing newsq can catch. While a guard lives, terminate
// prints one line naming the index and the failure and exits with code 2 (the job failed), as any
// other write failure does; the live index is untouched (shards and new generations are only
// published after they are complete) and the next writer removes what the run left.
#pragma once

#include <exception>
#include <string>

namespace newsq {

class WriteFailureGuard {
 public:
  explicit WriteFailureGuard(const std::string& dir);
  ~WriteFailureGuard();
  WriteFailureGuard(const WriteFailureGuard&) = delete;
  WriteFailureGuard& operator=(const WriteFailureGuard&) = delete;

 private:
  std::terminate_handler previous_;
};

}  // namespace newsq
