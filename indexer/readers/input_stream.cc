// indexer/readers/input_stream.cc: buffered, line-oriented reading through zlib.
#include "indexer/readers/input_stream.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include "newsq/error.h"

namespace newsq::indexer {
namespace {
constexpr unsigned kChunk = 256 * 1024;
}

InputStream::InputStream(const std::string& path, std::uint64_t max_line_bytes)
    : path_(path), max_line_bytes_(max_line_bytes) {
  int fd = path == "-" ? dup(STDIN_FILENO) : open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InputError(path, 0, std::strerror(errno));
  file_ = gzdopen(fd, "rb");
  if (!file_) {
    close(fd);
    throw InputError(path, 0, "cannot open for reading");
  }
  gzbuffer(file_, kChunk);
}

InputStream::~InputStream() {
  if (file_) gzclose(file_);
}

bool InputStream::fill() {
  if (eof_ || !error_.empty()) return false;
  buffer_.erase(0, pos_);
  pos_ = 0;
  std::size_t old = buffer_.size();
  buffer_.resize(old + kChunk);
  int n = gzread(file_, buffer_.data() + old, kChunk);
  if (n < 0) {
    buffer_.resize(old);
    int code = 0;
    const char* message = gzerror(file_, &code);
    error_ = code == Z_DATA_ERROR ? std::string("corrupt gzip stream: ") + message
                                  : std::string("read error: ") + (code == Z_ERRNO ? std::strerror(errno) : message);
    return false;
  }
  buffer_.resize(old + static_cast<std::size_t>(n));
  if (n == 0) {
    eof_ = true;
    int code = 0;
    gzerror(file_, &code);
    // zlib reports a gzip member cut short as Z_BUF_ERROR only at the end of the input.
    if (code == Z_BUF_ERROR)
      error_ = "truncated gzip stream (unexpected end of file)";
    else if (code != Z_OK)
      error_ = "corrupt gzip stream";
    return false;
  }
  return true;
}

bool InputStream::next_line(std::string& line) {
  line.clear();
  overlong_ = false;
  full_length_ = 0;
  if (after_cr_) {
    // The last line ended with a '\r' at the end of the buffer: a '\n' right after it is part of
    // that line end ("\r\n"), not an empty line of its own.
    after_cr_ = false;
    if ((pos_ < buffer_.size() || fill()) && buffer_[pos_] == '\n') ++pos_;
    if (!error_.empty()) return false;
  }
  bool any = false;
  for (;;) {
    // A line ends at "\n", "\r\n" or a lone "\r" (old Mac files): two memchr-fast scans rather
    // than one find_first_of, which tests every byte against both; the second only up to the '\n'.
    std::size_t nl = buffer_.find('\n', pos_);
    const std::size_t upto = (nl == std::string::npos ? buffer_.size() : nl) - pos_;
    if (const std::size_t cr = std::string_view(buffer_).substr(pos_, upto).find('\r'); cr != std::string_view::npos)
      nl = pos_ + cr;
    std::size_t end = nl == std::string::npos ? buffer_.size() : nl;
    std::size_t len = end - pos_;
    if (len || nl != std::string::npos) any = true;
    full_length_ += len;
    if (line.size() < max_line_bytes_)
      line.append(buffer_, pos_, std::min<std::uint64_t>(len, max_line_bytes_ - line.size()));
    pos_ = end;
    if (nl != std::string::npos) {
      ++pos_;
      if (buffer_[nl] == '\r') {
        if (pos_ < buffer_.size()) {
          if (buffer_[pos_] == '\n') ++pos_;
        } else {
          after_cr_ = true;  // The '\n' of a "\r\n" may come with the next fill().
        }
      }
      break;
    }
    if (!fill()) {
      if (!error_.empty()) return false;
      if (!any) return false;
      break;  // Last line without a newline.
    }
  }
  overlong_ = full_length_ > max_line_bytes_;
  ++line_number_;
  return true;
}

std::string_view InputStream::peek(std::size_t n) {
  while (buffer_.size() - pos_ < n && fill()) {}
  return std::string_view(buffer_).substr(pos_, n);
}

std::uint64_t InputStream::bytes_consumed() const {
  z_off_t offset = gzoffset(file_);
  return offset < 0 ? 0 : static_cast<std::uint64_t>(offset);
}

}  // namespace newsq::indexer
