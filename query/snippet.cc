// query/snippet.cc: best-window search over the analysed tokens of one text.
#include "query/snippet.h"

#include <vector>

#include "newsq/searcher.h"

namespace newsq::query {

std::string make_snippet(std::string_view text, analysis::TextAnalyzer& analyzer,
                         const std::set<std::string>& stems, const std::set<std::string>& words,
                         std::size_t length) {
  std::vector<analysis::Token> tokens = analyzer.analyze(text);
  if (tokens.empty()) return std::string(text.substr(0, length));
  std::vector<bool> hit(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i)
    hit[i] = stems.count(tokens[i].stem) || words.count(tokens[i].term);

  // Best window: the first token from which `length` bytes cover the most distinct matched stems,
  // starting a little before a match so the reader sees its context.
  std::size_t best_first = 0, best_score = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!hit[i]) continue;
    std::size_t first = i >= 3 ? i - 3 : 0;
    std::set<std::string_view> seen;
    for (std::size_t j = first; j < tokens.size() && tokens[j].end - tokens[first].begin <= length; ++j)
      if (hit[j]) seen.insert(tokens[j].stem);
    if (seen.size() > best_score) {
      best_score = seen.size();
      best_first = first;
    }
  }

  std::size_t last = best_first;
  while (last + 1 < tokens.size() && tokens[last + 1].end - tokens[best_first].begin <= length) ++last;

  std::string out;
  std::size_t cursor = best_first == 0 ? 0 : tokens[best_first].begin;
  if (cursor > 0) out += "...";
  for (std::size_t i = best_first; i <= last; ++i) {
    out.append(text.substr(cursor, tokens[i].begin - cursor));
    std::string_view word = text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
    if (hit[i]) {
      out += kHighlightStart;
      out.append(word);
      out += kHighlightEnd;
    } else {
      out.append(word);
    }
    cursor = tokens[i].end;
  }
  if (last + 1 == tokens.size()) {
    out.append(text.substr(cursor));  // Trailing punctuation of the last sentence.
  } else {
    out += "...";
  }
  // Keep snippets on one line: a terminal list of hits reads badly otherwise.
  for (char& c : out)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return out;
}

}  // namespace newsq::query
