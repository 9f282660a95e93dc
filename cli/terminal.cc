// cli/terminal.cc: terminal detection and text rendering for the CLI.
#include "cli/terminal.h"

#include <unistd.h>

#include "newsq/searcher.h"

namespace newsq::cli {

bool is_terminal(std::FILE* stream) { return isatty(fileno(stream)) == 1; }

std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out += b < 0x20 || b == 0x7f ? ' ' : static_cast<char>(b);
      ++i;
      continue;
    }
    // One UTF-8 sequence: its length from the lead byte, then continuation bytes only.
    const std::size_t n = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
    char32_t cp = n == 4 ? b & 0x07 : n == 3 ? b & 0x0f : b & 0x1f;
    std::size_t k = 1;
    for (; n && k < n && i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xc0) == 0x80; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    const bool valid = n && k == n && !(n == 3 && cp < 0x800) && !(n == 4 && (cp < 0x10000 || cp > 0x10ffff)) &&
                       !(cp >= 0xd800 && cp <= 0xdfff);
    if (!valid) {
      out += "\xEF\xBF\xBD";  // U+FFFD for the bad byte; resynchronise on the next one.
      ++i;
      continue;
    }
    // C1 controls (0x9b is a CSI, as ESC [ is), line and paragraph separators, bidi overrides.
    const bool control = (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) ||
                         (cp >= 0x2066 && cp <= 0x2069);
    if (control)
      out += ' ';
    else
      out.append(s.substr(i, n));
    i += n;
  }
  return out;
}

std::string render_highlights(std::string_view snippet, bool ansi) {
  std::string out;
  std::size_t run = 0;  // Start of the text since the last marker.
  for (std::size_t i = 0; i <= snippet.size(); ++i) {
    if (i < snippet.size() && snippet[i] != kHighlightStart && snippet[i] != kHighlightEnd) continue;
    out += printable(snippet.substr(run, i - run));
    if (i < snippet.size() && ansi) out += snippet[i] == kHighlightStart ? "\x1b[1m" : "\x1b[0m";
    run = i + 1;
  }
  return out;
}

std::string html_highlights(std::string_view snippet) {
  std::string out;
  for (char c : snippet) {
    switch (c) {
      case kHighlightStart:
        out += "<b>";
        break;
      case kHighlightEnd:
        out += "</b>";
        break;
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
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
