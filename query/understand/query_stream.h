// query/understand/query_stream.h: the one line understanding works over. The query is split once:
// TextLocks masks what its operators bind (quoted phrases, +/- words, NOT/AND/OR and their
// operands) behind placeholders, and each stage (source, then date, then place) claims whole
// spans of what is left. A claim blanks its bytes to a barrier no stage reads across, so every
// stage reads the same offsets and none can take part of another's claim or of a locked span.
// At the end the text is rebuilt once from the unclaimed words, locked spans restored, and the
// spans of the query are listed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "newsq/understood_query.h"
#include "query/understand/text_locks.h"

namespace newsq::query {

// What a claim leaves in view(): a byte no query holds (understanding turns control bytes into
// spaces) and that no stage reads as a space, so the claimed bytes are a word of their own that
// no date, place or source can read into or across ("q4 from BBC 2022" is no date, "Mariupol
// <claimed date>" no two-word name).
inline constexpr char kClaimedByte = '\x03';
// True if `word` holds claimed bytes: a stage treats it as the end of what it reads.
bool holds_claim(std::string_view word);

class QueryStream {
 public:
  // `line`: one line (control bytes already turned into spaces).
  explicit QueryStream(std::string_view line);

  // The masked line with every claim so far blanked out: what the next stage reads.
  // Offsets into it stay valid for the life of the stream.
  const std::string& view() const { return view_; }
  const TextLocks& locks() const { return locks_; }

  // Claims [begin, end) of view() as `as` ("source", "date", "place"): words a stage read in
  // view(), so never a byte already claimed. Only `source:"Al Jazeera"` takes a placeholder in,
  // whole; dates and places never do.
  void claim(std::size_t begin, std::size_t end, const char* as);

  // The unclaimed words, locked spans as written, spaces tidied and commas left dangling by a
  // claim dropped ("Kyiv, in March 2022" -> "Kyiv").
  std::string rest() const;
  // Claims and the words left as text, in query order, in offsets of the line given.
  std::vector<QuerySpan> spans() const;

 private:
  std::string line_;
  TextLocks locks_;
  std::string view_;
  struct Claim {
    std::size_t begin, end;  // In view_.
    const char* as;
  };
  std::vector<Claim> claims_;
};

}  // namespace newsq::query
