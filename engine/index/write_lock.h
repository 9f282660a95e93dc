// engine/index/write_lock.h: one writer per index. An flock(2) on DIR/write.lock, which the kernel
// drops when the holder dies however it dies, so a lock is never stale; the file holds the
// holder's pid so that the refusal can name it.
#pragma once

#include <string>

namespace newsq {

class WriteLock {
 public:
  // Takes the lock on index directory `dir` (created if missing). Without `wait`, throws
  // DatabaseError at once if another process holds it ("... locked by pid 1234 ..."); with `wait`,
  // blocks until it is free.
  WriteLock(const std::string& dir, bool wait);
  ~WriteLock();
  WriteLock(const WriteLock&) = delete;
  WriteLock& operator=(const WriteLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace newsq
