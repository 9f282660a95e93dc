// tests/cluster/tcpsrv_process.cc: starting and stopping xapian-tcpsrv (tcpsrv_process.h).
#include "tests/cluster/tcpsrv_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <thread>
#include <vector>

#include "tests/test_support.h"

namespace newsq::test {

std::string tcpsrv_program() {
  for (const char* p : {"/usr/bin/xapian-tcpsrv", "/usr/local/bin/xapian-tcpsrv"})
    if (std::filesystem::exists(p)) return p;
  return {};
}

TcpsrvProcess::TcpsrvProcess(std::string shard_dir, int port) : shard_dir_(std::move(shard_dir)) {
  const std::string program = tcpsrv_program();
  if (program.empty()) throw std::runtime_error("xapian-tcpsrv is not installed (apt-get install xapian-tools)");
  // Another process may take a free port between the check and the bind: try a few.
  for (int attempt = 0; attempt < 5 && pid_ < 0; ++attempt) {
    port_ = port ? port : free_loopback_port();
    std::vector<std::string> args = {program, "--quiet", "--interface", "127.0.0.1", "--port", std::to_string(port_),
                                     shard_dir_};
    const pid_t child = fork();
    if (child < 0) throw std::runtime_error("fork failed");
    if (child == 0) {
      setpgid(0, 0);  // Its own group, with the children it forks per connection: killed together.
      // Its children report clients that went away (the test's searchers) on stderr: not news here.
      const int null = open("/dev/null", O_WRONLY);
      dup2(null, STDOUT_FILENO);
      dup2(null, STDERR_FILENO);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    // Up to 20 s for the server to listen (it opens the database first); it exits if the port is taken.
    for (int wait = 0; wait < 400; ++wait) {
      if (loopback_accepts(port_)) {
        pid_ = child;
        break;
      }
      if (waitpid(child, nullptr, WNOHANG) == child) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (pid_ < 0) {
      ::kill(child, SIGKILL);
      waitpid(child, nullptr, 0);
    }
  }
  if (pid_ < 0) throw std::runtime_error("xapian-tcpsrv did not start for " + shard_dir_);
}

TcpsrvProcess::~TcpsrvProcess() {
  resume();
  kill_now();
}

void TcpsrvProcess::pause() {
  if (pid_ > 0) ::kill(-pid_, SIGSTOP);
}

void TcpsrvProcess::resume() {
  if (pid_ > 0) ::kill(-pid_, SIGCONT);
}

void TcpsrvProcess::kill_now() {
  if (pid_ <= 0) return;
  // xapian-tcpsrv forks a child per connection, which would go on serving its client: the
  // whole group goes, as when the machine goes down.
  ::kill(-pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

}  // namespace newsq::test
