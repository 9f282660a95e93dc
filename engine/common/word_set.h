// engine/common/word_set.h: a fixed set of words, sorted when the program is compiled. The word
// lists of place extraction and query understanding use it instead of a std::set built at static
// initialisation, which every process paid for at start (bench/startup.sh: a tenth of
// `newsq --version`), whether or not it ever looked a word up.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>

namespace newsq::common {

template <std::size_t N>
class WordSet {
 public:
  // `constexpr WordSet kWords{{"in", "near", ...}};`: N is deduced from the list. Duplicates are
  // allowed (contains() is unaffected).
  consteval WordSet(const std::string_view (&words)[N]) {
    std::copy(words, words + N, words_.begin());
    std::sort(words_.begin(), words_.end());
  }

  constexpr bool contains(std::string_view word) const {
    return std::binary_search(words_.begin(), words_.end(), word);
  }
  constexpr std::size_t size() const { return N; }

 private:
  std::array<std::string_view, N> words_{};
};

}  // namespace newsq::common
