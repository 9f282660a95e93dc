// cli/query_args.h: the command lines of `newsq search` and `newsq explain`, whose query is
// written unquoted: `newsq search --db db kyiv -russia`. cxxopts would read "-russia" as the
// flags -r -u -s ..., so the query words are taken out before it parses the options:
//   - "--" ends the flags; everything after it is query text;
//   - a word starting with "--" is a flag (with the next word as its value, if it takes one and
//     has no "="), wherever it stands: `newsq search kyiv -russia --limit 5`;
//   - any other word is query text, "-russia" included, unless it is a short flag ("-h").
#pragma once

#include <string>
#include <vector>

#include "cli/options.h"

namespace newsq::cli {

struct QueryCommandLine {
  std::vector<char*> option_argv;  // argv[0] and the flags, for cxxopts::Options::parse.
  std::string query;               // The query words, joined by spaces.
  int argc() const { return static_cast<int>(option_argv.size()); }
  char** argv() { return option_argv.data(); }
};

// `options` says which flags exist and which take a value. argv must outlive the result. Throws
// UsageError for a query longer than newsq::kMaxQueryWords words or kMaxQueryBytes bytes.
QueryCommandLine split_query_args(const cxxopts::Options& options, int argc, char** argv);

}  // namespace newsq::cli
