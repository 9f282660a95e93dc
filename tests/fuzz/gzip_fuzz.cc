// tests/fuzz/gzip_fuzz.cc: feeds arbitrary bytes, as a file, to InputStream
// (indexer/readers/input_stream.cc), the gzip-or-plain line reader under every format reader:
// peek() as format sniffing does, then every line, as the readers take them. A truncated or corrupt
// gzip stream must end in error(), never a crash. The line limit is small (64 bytes) so that short
// inputs reach the cutting of over-long lines; the seeds are small gzip files, which libFuzzer
// mutates into damaged ones.
#include <cstddef>
#include <cstdint>
#include <string>

#include "indexer/readers/input_stream.h"
#include "newsq/error.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = newsq::fuzz::write_input("input.gz", data, size);
  constexpr std::uint64_t kMaxLine = 64;
  try {
    newsq::indexer::InputStream in(path, kMaxLine);
    (void)in.peek(4096);
    std::string line;
    while (in.next_line(line)) {
      if (line.size() > kMaxLine) __builtin_trap();  // Cut lines keep to the limit.
      if (in.overlong() != (in.full_length() > kMaxLine)) __builtin_trap();
    }
    (void)in.error();
    (void)in.bytes_consumed();
  } catch (const newsq::Error&) {}
  return 0;
}
