// tests/serve/serve_process.cc: starting and stopping `newsq serve` (serve_process.h).
#include "tests/serve/serve_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace newsq::test {

ServeProcess::ServeProcess(const std::string& db, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {NEWSQ_CLI, "serve", "--db", db, "--port", "0", "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  FILE* in = fdopen(out[0], "r");
  char line[256] = {};
  const bool got = std::fgets(line, sizeof line, in) != nullptr;
  std::fclose(in);
  const std::string first = got ? line : "";
  const auto colon = first.rfind(':');
  if (!first.starts_with("listening on http://127.0.0.1:") || colon == std::string::npos) {
    stop(SIGKILL);
    throw std::runtime_error("newsq serve printed no address: '" + first + "'");
  }
  port_ = std::stoi(first.substr(colon + 1));
}

ServeProcess::~ServeProcess() {
  if (pid_ > 0) stop(SIGKILL);
}

httplib::Client ServeProcess::client() const {
  httplib::Client c("127.0.0.1", port_);
  c.set_read_timeout(60, 0);
  return c;
}

int ServeProcess::stop(int signal) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool ServeProcess::running() const { return pid_ > 0 && waitpid(pid_, nullptr, WNOHANG) == 0; }

std::string serve_index() {
  return std::filesystem::exists(NEWSQ_SERVE_INDEX) ? NEWSQ_SERVE_INDEX : "";
}

}  // namespace newsq::test
