// query/understand/thesaurus.cc: reading thesaurus files; entries are keyed by stem so every inflection of
// the head word finds the alternatives.
#include "query/understand/thesaurus.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "newsq/error.h"
#include "query/understand/thesaurus_builtin.h"

namespace newsq::query {
namespace {

constexpr const char* kBuiltinName = "corpus/thesaurus.txt";

std::string trim(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  std::size_t e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

Thesaurus Thesaurus::parse(std::string_view text, const std::string& name) {
  analysis::TextAnalyzer analyzer;
  return parse(text, name, analyzer);
}

Thesaurus Thesaurus::parse(std::string_view text, const std::string& name, analysis::TextAnalyzer& analyzer) {
  return parse(text, name, analyzer, /*lazy=*/false);
}

namespace {

Thesaurus::Alternative analysed(std::string text, analysis::TextAnalyzer& analyzer) {
  Thesaurus::Alternative a;
  a.text = std::move(text);
  for (auto& token : analyzer.analyze(a.text)) {
    a.terms.push_back(token.term);
    a.stems.push_back(token.stem);
  }
  return a;
}

}  // namespace

Thesaurus Thesaurus::parse(std::string_view text, const std::string& name, analysis::TextAnalyzer& analyzer,
                           bool lazy) {
  Thesaurus t;
  if (lazy) t.lazy_analyzer_ = &analyzer;
  std::istringstream in{std::string(text)};
  std::size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    if (trim(line).empty()) continue;
    auto colon = line.find(':');
    auto where = name + ":" + std::to_string(number) + ": ";
    if (colon == std::string::npos) throw QueryError(where + "expected 'word: alternative, ...'");
    auto head = analyzer.analyze(line.substr(0, colon));
    if (head.size() != 1) throw QueryError(where + "the word before ':' must be one word");
    Entry& entry = t.entries_[head[0].stem];
    std::istringstream list(line.substr(colon + 1));
    bool any = false;
    for (std::string item; std::getline(list, item, ',');) {
      any = true;
      if (lazy) {
        entry.unread.push_back(trim(item));
        continue;
      }
      Alternative a = analysed(trim(item), analyzer);
      if (a.terms.empty()) throw QueryError(where + "empty alternative");
      entry.alternatives.push_back(std::move(a));
    }
    if (!any) throw QueryError(where + "no alternatives after ':'");
  }
  return t;
}

Thesaurus Thesaurus::load(const std::string& path) {
  // A directory opens as a stream on Linux and reads as empty: it would be an empty thesaurus.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw QueryError(path + ": is a directory, not a thesaurus file");
  std::ifstream in(path);
  if (!in) throw QueryError(path + ": cannot read the thesaurus");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw QueryError(path + ": cannot read the thesaurus");
  return parse(ss.str(), path);
}

const Thesaurus& Thesaurus::builtin() {
  static const Thesaurus instance = parse(kBuiltinThesaurus, kBuiltinName);
  return instance;
}

Thesaurus Thesaurus::parse_builtin(analysis::TextAnalyzer& analyzer) {
  return parse(kBuiltinThesaurus, kBuiltinName, analyzer, /*lazy=*/true);
}

const std::vector<Thesaurus::Alternative>& Thesaurus::lookup(const std::string& stem) const {
  static const std::vector<Alternative> none;
  auto it = entries_.find(stem);
  if (it == entries_.end()) return none;
  Entry& entry = it->second;
  // The built-in thesaurus is checked whole by builtin(): its alternatives all have words.
  for (std::string& text : entry.unread) entry.alternatives.push_back(analysed(std::move(text), *lazy_analyzer_));
  entry.unread.clear();
  return entry.alternatives;
}

}  // namespace newsq::query
