// cli/query_args.cc: flags and query words apart (the rules are in query_args.h).
#include "cli/query_args.h"

#include <set>
#include <string_view>

#include "cli/commands.h"
#include "newsq/error.h"
#include "newsq/understood_query.h"

namespace newsq::cli {

QueryCommandLine split_query_args(const cxxopts::Options& options, int argc, char** argv) {
  std::set<std::string, std::less<>> short_flags, valued_flags;  // "h"; "db", "limit".
  for (const auto& group : options.groups())
    for (const auto& o : options.group_help(group).options) {
      if (!o.s.empty()) short_flags.insert(o.s);
      if (o.is_boolean) continue;
      if (!o.s.empty()) valued_flags.insert(o.s);
      for (const auto& name : o.l) valued_flags.insert(name);
    }
  QueryCommandLine out;
  if (argc > 0) out.option_argv.push_back(argv[0]);
  auto add_word = [&](std::string_view w) {
    if (!out.query.empty()) out.query += ' ';
    out.query += w;
  };
  bool after_dashes = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (after_dashes) {
      add_word(a);
    } else if (a == "--") {
      after_dashes = true;
    } else if (a.starts_with("--")) {
      out.option_argv.push_back(argv[i]);
      const bool has_value = a.find('=') != std::string_view::npos;
      if (!has_value && valued_flags.count(a.substr(2)) && i + 1 < argc) out.option_argv.push_back(argv[++i]);
    } else if (a.size() == 2 && a[0] == '-' && short_flags.count(a.substr(1))) {
      out.option_argv.push_back(argv[i]);
      if (valued_flags.count(a.substr(1)) && i + 1 < argc) out.option_argv.push_back(argv[++i]);
    } else {
      add_word(a);
    }
  }
  // Too long a query is a mistake in the command line, not in the data: exit 1.
  try {
    check_query_text(out.query);
  } catch (const QueryError& e) {
    throw UsageError(e.what());
  }
  return out;
}

}  // namespace newsq::cli
