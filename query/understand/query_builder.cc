// query/understand/query_builder.cc: a small recursive-descent parser over the grammar in query_builder.h.
#include "query/understand/query_builder.h"

#include <cctype>
#include <set>
#include <vector>

#include "engine/index/schema.h"
#include "newsq/error.h"
#include "query/understand/query_lexer.h"
#include "query/understand/stopwords.h"

namespace newsq::query {

Xapian::Query synonym_group(const std::vector<Xapian::Query>& parts) {
  Xapian::Query group = parts.back();
  for (auto part = parts.rbegin() + 1; part != parts.rend(); ++part)
    group = Xapian::Query(Xapian::Query::OP_SYNONYM, *part, group);
  return group;
}

namespace {

Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& parts) {
  if (parts.empty()) return {};
  if (parts.size() == 1) return parts.front();
  return Xapian::Query(op, parts.begin(), parts.end());
}

class Parser {
 public:
  Parser(std::vector<Lexeme> lexemes, analysis::TextAnalyzer& analyzer, const Thesaurus* thesaurus, TextQuery& out)
      : lexemes_(std::move(lexemes)), analyzer_(analyzer), thesaurus_(thesaurus), out_(out) {}

  Xapian::Query parse() {
    Xapian::Query q = sequence(false);
    if (pos_ < lexemes_.size()) throw QueryError("unbalanced ')' in query");
    return q;
  }

 private:
  bool at(Lexeme::Kind kind, std::string_view text = {}) const {
    return pos_ < lexemes_.size() && lexemes_[pos_].kind == kind && (text.empty() || lexemes_[pos_].text == text);
  }

  Xapian::Query sequence(bool nested) {
    std::vector<Xapian::Query> required, excluded;
    std::vector<std::size_t> stopwords;  // Lexemes of this sequence read only if nothing else is required.
    while (pos_ < lexemes_.size() && !at(Lexeme::close)) {
      if (at(Lexeme::word, "AND") || at(Lexeme::word, "OR")) {
        ++pos_;
        continue;
      }  // Stray operators.
      if (stopword_at(pos_)) {
        stopwords.push_back(pos_++);
        continue;
      }
      bool exclude = false;
      if (at(Lexeme::word, "NOT")) {
        exclude = true;
        ++pos_;
      } else if (at(Lexeme::word) && (lexemes_[pos_].text[0] == '-' || lexemes_[pos_].text[0] == '+')) {
        exclude = lexemes_[pos_].text[0] == '-';
        lexemes_[pos_].text.erase(0, 1);
        if (lexemes_[pos_].text.empty()) ++pos_;  // The sign stood before a phrase or parenthesis.
      }
      Xapian::Query q = group(!exclude);
      if (!q.empty()) (exclude ? excluded : required).push_back(std::move(q));
    }
    if (required.empty()) {
      // Nothing but function words to require: they are the query ("the who", "to be").
      const std::size_t resume = pos_;
      for (std::size_t at : stopwords) {
        pos_ = at;
        if (Xapian::Query q = group(true); !q.empty()) required.push_back(std::move(q));
      }
      pos_ = resume;
    }
    if (nested) {
      if (!at(Lexeme::close)) throw QueryError("unbalanced '(' in query");
      ++pos_;
    }
    Xapian::Query positive = combine(Xapian::Query::OP_AND, required);
    if (excluded.empty()) return positive;
    if (positive.empty()) positive = Xapian::Query::MatchAll;
    return Xapian::Query(Xapian::Query::OP_AND_NOT, positive, combine(Xapian::Query::OP_OR, excluded));
  }

  // Whether lexeme k is a function word standing alone (stopwords.h): a plain word, not signed, not
  // in capitals, not joined by OR to its neighbours.
  bool stopword_at(std::size_t k) const {
    const Lexeme& l = lexemes_[k];
    if (l.kind != Lexeme::word || l.text.empty() || l.text[0] == '+' || l.text[0] == '-') return false;
    if (k + 1 < lexemes_.size() && lexemes_[k + 1].kind == Lexeme::word && lexemes_[k + 1].text == "OR") return false;
    if (k > 0 && lexemes_[k - 1].kind == Lexeme::word && lexemes_[k - 1].text == "OR") return false;
    std::string lower;
    std::size_t letters = 0, capitals = 0;
    for (char c : l.text) {
      const auto u = static_cast<unsigned char>(c);
      if (!std::isalpha(u)) {
        if (u >= 0x80) return false;  // Not an English function word.
        continue;                     // Punctuation around it ("the,").
      }
      ++letters;
      capitals += std::isupper(u) != 0;
      lower.push_back(static_cast<char>(std::tolower(u)));
    }
    if (letters >= 2 && capitals == letters) return false;  // "US", "IT": names.
    return kStopwords.contains(lower);
  }

  Xapian::Query group(bool highlight) {
    std::vector<Xapian::Query> alternatives;
    do {
      if (!alternatives.empty() || at(Lexeme::word, "OR")) ++pos_;
      if (pos_ >= lexemes_.size() || at(Lexeme::close)) break;
      Xapian::Query q = primary(highlight);
      if (!q.empty()) alternatives.push_back(std::move(q));
    } while (at(Lexeme::word, "OR"));
    return combine(Xapian::Query::OP_OR, alternatives);
  }

  Xapian::Query primary(bool highlight) {
    Lexeme& lexeme = lexemes_[pos_++];
    if (lexeme.kind == Lexeme::open) return sequence(true);
    if (lexeme.kind == Lexeme::close) throw QueryError("unbalanced ')' in query");
    std::vector<analysis::Token> tokens = analyzer_.analyze(lexeme.text);
    if (tokens.empty()) return {};
    for (auto& t : tokens) out_.terms.push_back(t.term);
    if (tokens.size() == 1 && lexeme.kind == Lexeme::word) {
      if (highlight) out_.stems.insert(tokens[0].stem);
      Xapian::Query word(schema::stem_term(tokens[0].stem));
      // Synonyms widen what is wanted; an excluded word excludes only itself.
      if (!thesaurus_ || !highlight) return word;
      const auto& alternatives = thesaurus_->lookup(tokens[0].stem);
      if (alternatives.empty()) return word;
      std::vector<Xapian::Query> parts{word};
      // An alternative that stems as the word or an earlier one ("shelled" beside "shelling") is
      // that term again: inside the group it would count each of its occurrences twice and read
      // its posting list twice.
      std::set<std::string> stems_in_group{tokens[0].stem};
      auto& shown = out_.synonyms[tokens[0].term];
      for (const auto& alternative : alternatives) {
        shown.push_back(alternative.text);
        if (alternative.terms.size() == 1) {
          if (!stems_in_group.insert(alternative.stems[0]).second) continue;
          out_.stems.insert(alternative.stems[0]);
          parts.emplace_back(schema::stem_term(alternative.stems[0]));
        } else {
          out_.words.insert(alternative.terms.begin(), alternative.terms.end());
          parts.push_back(phrase(alternative.terms));
        }
      }
      return synonym_group(parts);
    }
    std::vector<std::string> words;
    for (auto& t : tokens) {
      if (highlight) out_.words.insert(t.term);
      words.push_back(t.term);
    }
    return phrase(words);
  }

  static Xapian::Query phrase(const std::vector<std::string>& words) {
    if (words.size() == 1) return Xapian::Query(words.front());
    return Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(),
                         static_cast<Xapian::termcount>(words.size()));
  }

  std::vector<Lexeme> lexemes_;
  std::size_t pos_ = 0;
  analysis::TextAnalyzer& analyzer_;
  const Thesaurus* thesaurus_;
  TextQuery& out_;
};

}  // namespace

TextQuery QueryBuilder::build(std::string_view text) {
  if (auto it = recent_.find(text); it != recent_.end()) return it->second;
  TextQuery out;
  out.query = Parser(lex_query(text), analyzer_, thesaurus_, out).parse();
  if (recent_.size() == kRecent) recent_.clear();
  recent_.emplace(std::string(text), out);
  return out;
}

}  // namespace newsq::query
