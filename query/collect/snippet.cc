// query/collect/snippet.cc: best-window search over the analysed tokens of one text.
//
// Full analysis (ICU word breaks, normalisation, stemming) of a whole article per hit would cost
// more than the search itself for long texts, so a byte-level pass finds the likely best window
// first, and only that stretch of text is analysed; the analysed tokens then decide exactly
// what is marked and where the snippet starts.
#include "query/collect/snippet.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <cstdint>
#include <vector>

#include "newsq/searcher.h"

namespace newsq::query {
namespace {

// Bytes analysed beyond the rough window on each side, so the exact window can shift a little.
constexpr std::size_t kSlack = 32;
// Words shown before the first match of a window, so the reader sees its context.
constexpr std::size_t kContextWords = 3;

bool is_ascii_word_byte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// A word that may match a query key, and where a window showing it would start (kContextWords
// earlier, as in the exact pass).
struct Candidate {
  std::size_t begin, end, window_begin;
  std::uint8_t key;
};

// Words as runs of ASCII letters and digits, each matched against the keys by prefix (ASCII
// case-insensitive). A key is a stem or word less its last byte, which Snowball's suffix rules
// may change ("happy" -> "happi"), so every real match is found; some non-matches are too
// ("shelf" for "shell"), which the exact pass sorts out. At most 256 keys.
std::vector<Candidate> candidates(std::string_view text, const std::vector<std::string>& keys) {
  // Keys by their first byte: most words start with a byte no key starts with.
  std::array<std::vector<std::uint8_t>, 128> keys_by_first;
  for (std::size_t k = 0; k < keys.size(); ++k)
    if (!keys[k].empty())
      keys_by_first[static_cast<unsigned char>(keys[k][0]) & 0x7f].push_back(static_cast<std::uint8_t>(k));
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  std::vector<Candidate> out;
  std::array<std::size_t, kContextWords> recent{};  // Starts of the last words, oldest first.
  for (std::size_t i = 0; i < text.size();) {
    while (i < text.size() && !is_ascii_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    const std::size_t begin = i;
    while (i < text.size() && is_ascii_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    if (i == begin) break;
    for (std::uint8_t k : keys_by_first[static_cast<unsigned char>(lower(text[begin]))]) {
      const std::string& p = keys[k];
      if (i - begin < p.size()) continue;
      std::size_t j = 1;
      while (j < p.size() && lower(text[begin + j]) == p[j]) ++j;
      if (j == p.size()) {
        out.push_back({begin, i, recent[0], k});
        break;
      }
    }
    std::rotate(recent.begin(), recent.begin() + 1, recent.end());
    recent.back() = begin;
  }
  return out;
}

struct Region {
  std::size_t begin = 0, end = 0;
  bool guided = false;  // Some word in it looks like a match.
};

// The byte range worth analysing: around the rough window holding the most distinct keys, or the
// start of the text when no word looks like a match (hits found through their title, or by words
// with diacritics that the byte pass cannot see: these show the start of the text, unmarked).
// The whole text, guided, for keys the byte pass cannot compare (non-ASCII ones).
Region likely_region(std::string_view text, const std::set<std::string>& stems, const std::set<std::string>& words,
                     std::size_t length) {
  std::vector<std::string> keys;
  for (const auto* set : {&stems, &words})
    for (const auto& s : *set) {
      for (unsigned char c : s)
        if (c >= 0x80) return {0, text.size(), true};
      if (keys.size() == 256) return {0, text.size(), true};  // More keys than the byte pass indexes.
      keys.push_back(s.size() > 3 ? s.substr(0, s.size() - 1) : s);
    }
  const std::vector<Candidate> found = candidates(text, keys);
  std::size_t best_begin = 0, best_score = 0;
  for (std::size_t i = 0; i < found.size(); ++i) {
    const std::size_t window = found[i].window_begin;
    std::bitset<256> seen;
    // Candidates before i may share the window (they lie after its start), as may those after.
    std::size_t first = i;
    while (first > 0 && found[first - 1].begin >= window) --first;
    for (std::size_t j = first; j < found.size() && found[j].end - window <= length; ++j) seen.set(found[j].key);
    if (seen.count() > best_score) best_score = seen.count(), best_begin = window;
  }
  std::size_t begin = best_begin > kSlack ? best_begin - kSlack : 0;
  std::size_t end = std::min(text.size(), best_begin + length + kSlack);
  // Cut only at white space, which no word spans and no UTF-8 sequence contains.
  while (begin > 0 && !is_space(text[begin - 1])) --begin;
  while (end < text.size() && !is_space(text[end])) ++end;
  return {begin, end, best_score > 0};
}

}  // namespace

std::string make_snippet(std::string_view text, analysis::TextAnalyzer& analyzer, const std::set<std::string>& stems,
                         const std::set<std::string>& words, std::size_t length) {
  auto [region_begin, region_end, guided] = likely_region(text, stems, words, length);
  std::vector<analysis::Token> tokens = analyzer.analyze(text.substr(region_begin, region_end - region_begin));
  std::vector<bool> hit(tokens.size());
  auto mark = [&] {
    bool any = false;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      hit[i] = stems.count(tokens[i].stem) || words.count(tokens[i].term);
      any = any || hit[i];
    }
    return any;
  };
  for (auto& t : tokens) t.begin += region_begin, t.end += region_begin;
  if (!mark() && guided && (region_begin > 0 || region_end < text.size())) {
    // The byte pass was misled (its candidates were not matches): analyse the whole text after all.
    region_begin = 0;
    region_end = text.size();
    tokens = analyzer.analyze(text);
    hit.assign(tokens.size(), false);
    mark();
  }
  if (tokens.empty()) return std::string(text.substr(0, length));

  // Best window: the first token from which `length` bytes cover the most distinct matched stems,
  // starting a little before a match so the reader sees its context.
  std::size_t best_first = 0, best_score = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!hit[i]) continue;
    std::size_t first = i >= kContextWords ? i - kContextWords : 0;
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
  std::size_t cursor = best_first == 0 && region_begin == 0 ? 0 : tokens[best_first].begin;
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
  if (last + 1 == tokens.size() && region_end == text.size()) {
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
