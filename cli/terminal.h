// cli/terminal.h: what the CLI needs to know and do about the terminal it writes to.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace newsq::cli {

bool is_terminal(std::FILE* stream);

// Text from an article or index (titles, ids, urls, snippets) made safe to print: control bytes,
// C1 controls, line separators and bidi overrides become spaces, and invalid UTF-8 becomes U+FFFD,
// so no article can move the cursor, set the title or hide text from the person reading.
std::string printable(std::string_view text);

// A snippet, printable(), with its highlight markers turned into bold (ANSI) when `ansi`, or
// removed otherwise.
std::string render_highlights(std::string_view snippet, bool ansi);

// A snippet as HTML: text escaped, highlights as <b>...</b>. Used in --json output.
std::string html_highlights(std::string_view snippet);

// "1,234,567"
std::string thousands(unsigned long long n);

// "0:42", "1:02:03"
std::string duration(double seconds);

}  // namespace newsq::cli
