// The one error model: every refused input, in the core, the generator and the
// command line, is a list of Problems thrown as one Refused, and the command
// line prints them in one place (cli/main.cpp). A failure of the machine
// rather than of the input (a disk that cannot be written) stays a
// std::system_error.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace blendin::core {

// One problem: where it is, what is wrong and what was expected.
struct Problem {
  // Where, in a document's data: a profile's id ("#<position>" when the id
  // itself is missing) or a part of a document in parentheses ("(pool)",
  // "(request)", "(weights)"); then the field ("interests[2]",
  // "languages[0].level"). Both empty for a problem of a whole text.
  std::string subject{};
  std::string field{};
  // What is wrong, then what was expected ("gives an age of 12 in 2026:
  // expected an age from 16 to 110").
  std::string message{};
  // Where, in a text: the file as its user names it (empty when the text has
  // no name, such as a pool handed to the WebAssembly bridge); the line and
  // the column from 1 (0 when the problem is not at one place), the column in
  // characters; the byte offset from 0 where a parser knows it.
  std::string file{};
  std::size_t line = 0, column = 0;
  std::optional<std::size_t> byte{};

  // A place in a text:  pool.json:3:17: [field: ]message (byte 52), the file
  //                     named by the document part when it has no name (pool:3:17: ...)
  // A field:            [pool.json: ]profile "p0001": lat: message, or request: k: message
  // A whole file:       content/site.yaml: message
  std::string to_string() const;
  friend bool operator==(const Problem&, const Problem&) = default;
};

// Thrown for refused input, with every problem of it; what() is the first
// problem's text. `usage` marks a command line that is not well formed (the
// command line exits 2 for it, 1 otherwise).
class Refused : public std::runtime_error {
 public:
  enum class Kind { input, usage };
  explicit Refused(std::vector<Problem> problems, Kind kind = Kind::input);
  explicit Refused(Problem problem, Kind kind = Kind::input);
  const std::vector<Problem>& problems() const { return problems_; }
  Kind kind() const { return kind_; }

 private:
  std::vector<Problem> problems_;
  Kind kind_;
};

}  // namespace blendin::core
