// indexer/analysis/near_duplicate.cc: byte-level shingling, exact Jaccard and MinHash signatures.
#include "indexer/analysis/near_duplicate.h"

#include <algorithm>
#include <array>
#include <limits>

#include "engine/common/hashing.h"

namespace newsq::analysis {
namespace {

constexpr std::size_t kShingleWords = 4;
constexpr std::size_t kSignatureHashes = 64;

bool in_word(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// FNV-1a 64 of one word, ASCII lower-cased. Its seed is not FNV's offset basis (a digit short of
// it) but stays: the signatures built from these hashes are stored in the index (slot 5).
constexpr std::uint64_t kWordHashSeed = 1469598103934665603ull;
std::uint64_t word_hash(std::string_view word) {
  std::uint64_t h = kWordHashSeed;
  for (unsigned char c : word)
    h = common::fnv1a64_byte(h, c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c - 'A' + 'a') : c);
  return h;
}

// A strong 64-bit mixer (splitmix64's finaliser): hash i of a shingle is mix(shingle ^ seed_i).
std::uint64_t mix(std::uint64_t x) {
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace

Shingles shingles_of(std::string_view text) {
  std::vector<std::uint64_t> words;
  for (std::size_t i = 0; i < text.size();) {
    while (i < text.size() && !in_word(static_cast<unsigned char>(text[i]))) ++i;
    const std::size_t start = i;
    while (i < text.size() && in_word(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) words.push_back(word_hash(text.substr(start, i - start)));
  }
  Shingles out;
  if (words.size() < kShingleWords) {
    out = std::move(words);
  } else {
    out.reserve(words.size() - kShingleWords + 1);
    for (std::size_t i = 0; i + kShingleWords <= words.size(); ++i) {
      std::uint64_t h = 0;
      for (std::size_t k = 0; k < kShingleWords; ++k) h = (h ^ words[i + k]) * 0x9E3779B97F4A7C15ull;
      out.push_back(h);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double jaccard(const Shingles& a, const Shingles& b) {
  if (a.empty() && b.empty()) return 0;
  std::size_t common = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) {
      ++common;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

std::string signature_of(const Shingles& shingles) {
  if (shingles.empty()) return {};
  std::array<std::uint64_t, kSignatureHashes> least;
  least.fill(std::numeric_limits<std::uint64_t>::max());
  for (std::uint64_t s : shingles)
    for (std::size_t i = 0; i < kSignatureHashes; ++i)
      least[i] = std::min(least[i], mix(s ^ (0x9E3779B97F4A7C15ull * (i + 1))));
  std::string out(kSignatureHashes, '\0');
  for (std::size_t i = 0; i < kSignatureHashes; ++i) out[i] = static_cast<char>(least[i] & 0xff);
  return out;
}

double estimated_similarity(std::string_view a, std::string_view b) {
  if (a.empty() || a.size() != b.size()) return 0;
  std::size_t same = 0;
  for (std::size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  // One byte of each least hash: unrelated hashes agree by chance one time in 256 (b-bit MinHash).
  constexpr double kChance = 1.0 / 256;
  const double agree = static_cast<double>(same) / static_cast<double>(a.size());
  return std::max(0.0, (agree - kChance) / (1 - kChance));
}

}  // namespace newsq::analysis
