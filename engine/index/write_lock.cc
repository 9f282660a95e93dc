// engine/index/write_lock.cc: flock-based writer lock with the holder's pid in the file.
#include "engine/index/write_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "engine/index/index_health.h"
#include "newsq/error.h"

namespace newsq {

namespace {

// The pid holding a flock(2) on the file open as `fd`, from the kernel's table of locks
// (/proc/locks, Linux), or 0 when it cannot be told. Lines read "1: FLOCK  ADVISORY  WRITE 4242
// fd:01:131090 0 EOF"; a process waiting for the lock is listed as "1: -> FLOCK ..." and skipped.
long flock_holder(int fd) {
  struct stat st {};
  if (fstat(fd, &st) != 0) return 0;
  std::ifstream locks("/proc/locks");
  for (std::string line; std::getline(locks, line);) {
    std::istringstream words(line);
    std::string number, type, advisory, mode, pid, file;
    words >> number >> type;
    if (type != "FLOCK") continue;
    words >> advisory >> mode >> pid >> file;
    unsigned major_number = 0, minor_number = 0;
    unsigned long long inode = 0;
    if (std::sscanf(file.c_str(), "%x:%x:%llu", &major_number, &minor_number, &inode) != 3) continue;
    if (inode == st.st_ino && major_number == major(st.st_dev) && minor_number == minor(st.st_dev))
      return std::atol(pid.c_str());
  }
  return 0;
}

// The pid the lock file names (newsq writers write theirs just after taking the lock), or "".
std::string pid_in_file(int fd) {
  char text[32] = {};
  ssize_t n = pread(fd, text, sizeof text - 1, 0);
  std::string pid = n > 0 ? std::string(text, static_cast<std::size_t>(n)) : std::string();
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  return pid;
}

// The name of the program running as `pid` (/proc/PID/comm), or "".
std::string program_of(long pid) {
  std::ifstream comm("/proc/" + std::to_string(pid) + "/comm");
  std::string name;
  std::getline(comm, name);
  return name;
}

// Who holds the lock, for the refusal: "pid 1234 (another newsq ...)" for a newsq writer, which
// names itself in the file; the kernel's holder with its program's name when that is another
// program (a backup script's flock(1), say, which leaves the previous writer's pid in the file).
std::string holder_description(int fd) {
  const long holder = flock_holder(fd);
  std::string named = pid_in_file(fd);
  if (holder != 0 && named != std::to_string(holder)) {
    // A newsq writer that has just taken the lock may not have written its pid yet.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    named = pid_in_file(fd);
  }
  const std::string newsq_writer =
      " (another newsq index, rebuild, delete or compact is writing; use --wait to queue behind it)";
  if (holder != 0 && named == std::to_string(holder)) return "pid " + named + newsq_writer;
  if (holder != 0) {
    const std::string program = program_of(holder);
    return "pid " + std::to_string(holder) + (program.empty() ? "" : " (" + program + ")") +
           ", which is not a newsq writer (it did not record itself in write.lock); use --wait to queue behind it, or "
           "stop it";
  }
  // No /proc/locks: trust the file if the process it names is alive.
  if (!named.empty() && std::filesystem::exists("/proc/" + named)) return "pid " + named + newsq_writer;
  return "another process" + newsq_writer;
}

}  // namespace

WriteLock::WriteLock(const std::string& dir, bool wait) {
  // Every writer locks first: refusing here keeps all of them (and their lock file) out of a
  // replica folder, which only xapian-replicate may change.
  if (health::diagnose(dir).state == health::State::replica) throw DatabaseError(health::replica_message(dir));
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::string path = dir + "/write.lock";
  fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw DatabaseError(dir + ": cannot open the write lock " + path + ": " + std::strerror(errno));
  int rc;
  while ((rc = flock(fd_, LOCK_EX | LOCK_NB)) != 0 && errno == EINTR) {}
  if (rc != 0 && errno == EWOULDBLOCK && wait)
    while ((rc = flock(fd_, LOCK_EX)) != 0 && errno == EINTR) {}
  if (rc != 0) {
    const int error = errno;
    const std::string holder = error == EWOULDBLOCK ? holder_description(fd_) : std::string();
    close(fd_);
    fd_ = -1;
    if (error != EWOULDBLOCK) throw DatabaseError(dir + ": cannot lock " + path + ": " + std::strerror(error));
    throw DatabaseError(dir + ": index is locked by " + holder);
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
