// cli/commands.h: the newsq subcommands. Each takes the arguments after its own name and
// returns the process exit code; the exit codes are a contract with scripts and schedulers.
#pragma once

#include <stdexcept>

namespace newsq::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 1;  // Bad flags or arguments: nothing was done.
inline constexpr int kExitData = 2;   // Bad input data or a runtime/database failure.

// Thrown by a command for arguments that make no sense; main() prints it and exits kExitUsage.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

int index_command(int argc, char** argv);
int search_command(int argc, char** argv);
int stats_command(int argc, char** argv);
int explain_command(int argc, char** argv);
int delete_command(int argc, char** argv);
int rebuild_command(int argc, char** argv);
int compact_command(int argc, char** argv);
int gazetteer_command(int argc, char** argv);
int places_command(int argc, char** argv);
int check_command(int argc, char** argv);
int repair_command(int argc, char** argv);
int serve_command(int argc, char** argv);

}  // namespace newsq::cli
