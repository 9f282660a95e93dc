// engine/src/write_lock.cc: flock-based writer lock with the holder's pid in the file.
#include "engine/src/write_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include "newsq/error.h"

namespace newsq {

WriteLock::WriteLock(const std::string& dir, bool wait) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::string path = dir + "/write.lock";
  fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw DatabaseError(dir + ": cannot open the write lock " + path + ": " + std::strerror(errno));
  int rc;
  while ((rc = flock(fd_, LOCK_EX | LOCK_NB)) != 0 && errno == EINTR) {
  }
  if (rc != 0 && errno == EWOULDBLOCK && wait)
    while ((rc = flock(fd_, LOCK_EX)) != 0 && errno == EINTR) {
    }
  if (rc != 0) {
    const int error = errno;
    std::string holder;
    if (error == EWOULDBLOCK) {
      char pid[32] = {};
      ssize_t n = pread(fd_, pid, sizeof pid - 1, 0);
      if (n > 0) holder.assign(pid, static_cast<std::size_t>(n));
      while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
    }
    close(fd_);
    fd_ = -1;
    if (error != EWOULDBLOCK) throw DatabaseError(dir + ": cannot lock " + path + ": " + std::strerror(error));
    // The holder writes its pid just after taking the lock: in that instant the file is empty.
    throw DatabaseError(dir + ": index is locked by " + (holder.empty() ? "another process" : "pid " + holder) +
                        " (another newsq index, rebuild, delete or compact is writing; use --wait to queue behind it)");
  }
  std::string me = std::to_string(getpid()) + "\n";
  if (ftruncate(fd_, 0) != 0 || pwrite(fd_, me.data(), me.size(), 0) != static_cast<ssize_t>(me.size())) {
    // The pid is only for messages; the lock itself holds.
  }
}

WriteLock::~WriteLock() {
  if (fd_ >= 0) close(fd_);  // Closing the descriptor releases the flock.
}

}  // namespace newsq
