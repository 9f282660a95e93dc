// query/understand/query_stream.cc: claims over the masked line, and the text and spans they leave.
#include "query/understand/query_stream.h"

#include <algorithm>

#include "newsq/error.h"
#include "query/understand/query_lexer.h"

namespace newsq::query {
bool holds_claim(std::string_view word) { return word.find(kClaimedByte) != std::string_view::npos; }

QueryStream::QueryStream(std::string_view line) : line_(line), locks_(line), view_(locks_.masked()) {}

void QueryStream::claim(std::size_t begin, std::size_t end, const char* as) {
  if (begin >= end || end > view_.size()) throw Error("understanding: a claim outside the query");
  claims_.push_back({begin, end, as});
  std::fill(view_.begin() + static_cast<std::ptrdiff_t>(begin), view_.begin() + static_cast<std::ptrdiff_t>(end),
            kClaimedByte);
}

std::string QueryStream::rest() const {
  // Tidied while masked, so that spaces and commas inside a locked phrase stay as written.
  std::string tidy;
  for (char c : view_) {
    if (c == kClaimedByte) c = ' ';
    if (c == ' ' && (tidy.empty() || tidy.back() == ' ')) continue;
    if (c == ',' && (tidy.empty() || tidy.back() == ' ' || tidy.back() == ',')) continue;
    tidy.push_back(c);
  }
  while (!tidy.empty() && (tidy.back() == ' ' || tidy.back() == ',')) tidy.pop_back();
  return locks_.unmask(tidy);
}

std::vector<QuerySpan> QueryStream::spans() const {
  std::vector<QuerySpan> out;
  for (const Claim& c : claims_) {
    const std::size_t start = locks_.original_offset(c.begin), end = locks_.original_offset(c.end);
    out.push_back({start, end, line_.substr(start, end - start), c.as});
  }
  // Every lexeme of the line that no claim overlaps is text (a lone "-" between words is not a
  // lexeme: the query grammar drops it, so it is no span either).
  for (const Lexeme& l : lex_query(line_)) {
    const bool claimed = std::any_of(out.begin(), out.end(), [&](const QuerySpan& s) {
      return s.as != std::string("text") && l.begin < s.end && s.start < l.end;
    });
    if (!claimed) out.push_back({l.begin, l.end, line_.substr(l.begin, l.end - l.begin), "text"});
  }
  std::sort(out.begin(), out.end(), [](const QuerySpan& a, const QuerySpan& b) { return a.start < b.start; });
  return out;
}

}  // namespace newsq::query
