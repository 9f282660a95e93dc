// query/understand/text_locks.h: the words of a query that its operators bind, which understanding must leave
// as text. A source, date or place taken out of `kyiv -russia` or `NOT russia` or `kyiv OR lviv`
// would change what the query means (`-russia` alone excludes Russia from everything), so:
//   - a quoted phrase, a +/- word or phrase, and everything inside parentheses is locked;
//   - NOT and its operand are locked, and so are AND, OR and both their operands;
//   - a claim that would read on into the words NOT, AND or OR bind is refused too: in
//     `March 2022 OR April 2022` OR binds "2022" and "April", so "March" alone is no date; in
//     `NOT in March 2022` NOT binds "in", and "in March 2022" reads as one, so no date is taken.
// The stages run over a masked copy of the query in which each locked span is one placeholder
// word they never claim; the text left at the end is unmasked. See query_builder.h for the
// grammar whose binding this follows.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsq::query {

class TextLocks {
 public:
  explicit TextLocks(std::string_view query);

  // The query with each locked span replaced by a placeholder word (the same for equal input).
  const std::string& masked() const { return masked_; }
  // True if the query uses any operator: +, -, NOT, AND, OR or parentheses. Then a bare place
  // name is text: as a preference it would stop being required or excluded.
  bool has_operators() const { return has_operators_; }
  // The words bound by NOT, AND or OR that [begin, end) of a masked text touches (across spaces
  // only): the last word of such a span just before, the first of one just after; empty if none.
  struct Neighbours {
    std::string before, after;
  };
  Neighbours binding_neighbours(std::string_view masked_text, std::size_t begin, std::size_t end) const;
  // `masked_text` (masked() after stages cut pieces out of it) with its placeholders replaced by
  // the locked words they stand for.
  std::string unmask(std::string_view masked_text) const;
  // The offset in the query of `masked_offset`, an offset of masked() outside any placeholder.
  std::size_t original_offset(std::size_t masked_offset) const;

 private:
  std::string masked_;
  struct Locked {
    std::string text;                   // The words the placeholder stands for.
    std::string first_word, last_word;  // Its first and last lexemes, as written.
  };
  std::vector<Locked> locked_;  // By placeholder number.
  struct Placement {
    std::size_t masked_begin, masked_end;  // The placeholder in masked_.
    std::size_t begin, end;                // The locked words in the query.
  };
  std::vector<Placement> placements_;  // In order.
  std::size_t number_at(std::string_view masked_text, std::size_t marker) const;
  bool has_operators_ = false;
};

// True if `word` holds a placeholder: it is locked (the place word splitter asks).
bool holds_lock_placeholder(std::string_view word);

}  // namespace newsq::query
