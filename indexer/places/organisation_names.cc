// indexer/places/organisation_names.cc: reading the organisation names and finding a place name
// inside one (indexer/places/organisation_names.h).
#include "indexer/places/organisation_names.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "indexer/places/organisations_builtin.h"

namespace newsq::places {
namespace {

std::string joined(std::span<const analysis::Token> tokens, std::size_t first, std::size_t end) {
  std::string key;
  for (std::size_t k = first; k < end; ++k) {
    if (k > first) key += ' ';
    key += tokens[k].term;
  }
  return key;
}

bool word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// The words of `text` as covers_text() splits them, as tokens with byte offsets.
std::vector<analysis::Token> plain_words(std::string_view text) {
  std::vector<analysis::Token> out;
  for (std::size_t i = 0; i < text.size();) {
    if (!word_byte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    analysis::Token t;
    t.begin = static_cast<std::uint32_t>(i);
    while (i < text.size() && (word_byte(static_cast<unsigned char>(text[i])) ||
                               (text[i] == '\'' && i + 1 < text.size() &&
                                word_byte(static_cast<unsigned char>(text[i + 1])) && i > t.begin))) {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      t.term.push_back(c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c));
      ++i;
    }
    t.end = static_cast<std::uint32_t>(i);
    if (t.term.size() > 2 && t.term.ends_with("'s")) t.term.resize(t.term.size() - 2);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

const OrganisationNames& OrganisationNames::builtin() {
  static const OrganisationNames names(kBuiltinOrganisations);
  return names;
}

OrganisationNames::OrganisationNames(std::string_view text) {
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string> words;
    for (auto& token : plain_words(line)) words.push_back(std::move(token.term));
    if (words.empty()) continue;
    std::string name;
    for (const auto& w : words) name += (name.empty() ? "" : " ") + w;
    names_.insert(name);
    max_words_ = std::max(max_words_, words.size());
    for (auto& w : words) words_.insert(std::move(w));
  }
}

bool OrganisationNames::covers(std::span<const analysis::Token> tokens, std::size_t first, std::size_t end) const {
  // Most place names are in no organisation's name: a lookup of their first word settles them.
  if (first >= end || end > tokens.size() || !words_.contains(tokens[first].term)) return false;
  const std::size_t lowest = end > max_words_ ? end - max_words_ : 0;
  for (std::size_t b = first + 1; b-- > lowest;)
    for (std::size_t e = end; e <= tokens.size() && e - b <= max_words_; ++e)
      if (names_.contains(joined(tokens, b, e))) return true;
  return false;
}

bool OrganisationNames::covers_text(std::string_view text, std::size_t begin, std::size_t end) const {
  const std::vector<analysis::Token> words = plain_words(text);
  std::size_t first = 0;
  while (first < words.size() && words[first].end <= begin) ++first;
  std::size_t last = first;
  while (last < words.size() && words[last].begin < end) ++last;
  return covers(words, first, last);
}

}  // namespace newsq::places
