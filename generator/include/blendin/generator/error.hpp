// One error type for the whole generator: where it happened (file, line,
// column, counted in the file with front matter included) and what was
// expected. A build collects every error before failing.
#pragma once

#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace blendin::generator {

struct Diagnostic {
  std::string file;  // as the editor would type it, e.g. content/events/2027/kickoff.nl.md
  int line = 0;      // 1-based; 0 when the error concerns the whole file
  int column = 0;    // 1-based byte column
  std::string message;

  // "file:line:column: message" (line and column omitted when 0)
  std::string format() const;
  friend bool operator<(const Diagnostic& a, const Diagnostic& b);
};

// Thrown when content or templates have errors; carries all of them, sorted.
class ContentErrors : public std::runtime_error {
 public:
  explicit ContentErrors(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// A thread-safe collector; stages add to it and the pipeline fails between stages.
class DiagnosticList {
 public:
  void add(std::string file, int line, int column, std::string message);
  void add(Diagnostic diagnostic);
  bool empty() const;
  std::size_t size() const;
  // Throws ContentErrors with every diagnostic (sorted by file, line, column) if any.
  void throw_if_any() const;
  std::vector<Diagnostic> sorted() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace blendin::generator
