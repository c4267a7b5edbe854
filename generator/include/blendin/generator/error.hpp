// The generator's problems are the program's one error model
// (core/problem.hpp): each names the file as the editor would type it
// (content/events/2027/kickoff.nl.md), the line and the column counted in the
// file with its front matter, and what was expected. A build collects every
// problem before it fails, and throws them together as one core::Refused.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include <blendin/core/problem.hpp>

namespace blendin::generator {

// A thread-safe list of problems: stages add to it, and the pipeline fails
// between stages.
class DiagnosticList {
 public:
  // `line` and `column` from 1; 0 when the problem concerns the whole file.
  void add(std::string file, int line, int column, std::string message);
  void add(core::Problem problem);
  bool empty() const;
  std::size_t size() const;
  // Throws core::Refused with every problem (sorted by file, line, column) if any.
  void throw_if_any() const;
  std::vector<core::Problem> sorted() const;

 private:
  mutable std::mutex mutex_;
  std::vector<core::Problem> problems_;
};

}  // namespace blendin::generator
