// indexer/readers/input_stream.h: lines from a file or stdin, gzip or plain (zlib tells them apart),
// with line numbers, bytes consumed, and a clear error for a truncated or corrupt gzip stream.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace newsq::indexer {

class InputStream {
 public:
  // Opens `path` ("-" = stdin). Lines longer than `max_line_bytes` are returned cut to that size
  // with overlong() true, so one bad record cannot exhaust memory. Throws InputError (line 0).
  InputStream(const std::string& path, std::uint64_t max_line_bytes);
  ~InputStream();
  InputStream(const InputStream&) = delete;
  InputStream& operator=(const InputStream&) = delete;

  // The next line without its line end: "\n", "\r\n", or a lone "\r" (a file with old Mac line ends
  // would otherwise be one giant line, one record); false at the end or after an error.
  bool next_line(std::string& line);
  std::uint64_t line_number() const { return line_number_; }  // Of the line last returned.
  bool overlong() const { return overlong_; }                 // The line last returned was cut.
  std::uint64_t full_length() const { return full_length_; }  // Its length before cutting.

  // The first bytes of the decompressed input, without consuming them (for format sniffing).
  std::string_view peek(std::size_t n);

  // Non-empty once reading failed ("truncated or corrupt gzip stream", an I/O error).
  const std::string& error() const { return error_; }
  std::uint64_t bytes_consumed() const;
  const std::string& path() const { return path_; }

 private:
  bool fill();

  std::string path_;
  gzFile file_ = nullptr;
  std::uint64_t max_line_bytes_;
  std::string buffer_;
  std::size_t pos_ = 0;
  bool eof_ = false;
  bool after_cr_ = false;  // The last line ended with a '\r' that was the buffer's last byte.
  std::string error_;
  std::uint64_t line_number_ = 0;
  bool overlong_ = false;
  std::uint64_t full_length_ = 0;
};

}  // namespace newsq::indexer
