// newsq/error.h: the exceptions newsq throws at its boundary. Every public function that can fail
// throws one of these (never a Xapian, ICU or JSON exception), with a message fit to show a person.
#pragma once

#include "newsq/export.h"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace newsq {

// Base of everything newsq throws.
class NEWSQ_EXPORT Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A record or file of input could not be used. what() reads "file:line: reason".
class NEWSQ_EXPORT InputError : public Error {
 public:
  InputError(std::string file, std::uint64_t line, std::string reason)
      : Error(file + ":" + std::to_string(line) + ": " + reason),
        file_(std::move(file)),
        line_(line),
        reason_(std::move(reason)) {}
  const std::string& file() const { return file_; }
  std::uint64_t line() const { return line_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string file_;
  std::uint64_t line_;
  std::string reason_;
};

// The index could not be opened, read or written (missing, corrupt, locked, disk full, ...).
class NEWSQ_EXPORT DatabaseError : public Error {
 public:
  using Error::Error;
};

// A search request or query could not be understood (bad date, unknown facet, ...).
class NEWSQ_EXPORT QueryError : public Error {
 public:
  using Error::Error;
};

}  // namespace newsq
