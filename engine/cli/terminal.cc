// engine/cli/terminal.cc: terminal detection and text rendering for the CLI.
#include "engine/cli/terminal.h"

#include <unistd.h>

#include "newsq/searcher.h"

namespace newsq::cli {

bool is_terminal(std::FILE* stream) { return isatty(fileno(stream)) == 1; }

std::string render_highlights(std::string_view snippet, bool ansi) {
  std::string out;
  for (char c : snippet) {
    if (c == kHighlightStart) {
      if (ansi) out += "\x1b[1m";
    } else if (c == kHighlightEnd) {
      if (ansi) out += "\x1b[0m";
    } else {
      out += c;
    }
  }
  return out;
}

std::string html_highlights(std::string_view snippet) {
  std::string out;
  for (char c : snippet) {
    switch (c) {
      case kHighlightStart: out += "<b>"; break;
      case kHighlightEnd: out += "</b>"; break;
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string thousands(unsigned long long n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string duration(double seconds) {
  long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

}  // namespace newsq::cli
