#include <blendin/generator/error.hpp>

#include <algorithm>
#include <tuple>

namespace blendin::generator {

std::string Diagnostic::format() const {
  std::string out = file;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  return out + ": " + message;
}

bool operator<(const Diagnostic& a, const Diagnostic& b) {
  return std::tie(a.file, a.line, a.column, a.message) < std::tie(b.file, b.line, b.column, b.message);
}

static std::string summarise(const std::vector<Diagnostic>& diagnostics) {
  std::string text = std::to_string(diagnostics.size()) + (diagnostics.size() == 1 ? " error" : " errors");
  for (const auto& d : diagnostics) {
    text.push_back('\n');
    text.append(d.format());
  }
  return text;
}

ContentErrors::ContentErrors(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(summarise(diagnostics)), diagnostics_(std::move(diagnostics)) {}

void DiagnosticList::add(std::string file, int line, int column, std::string message) {
  add(Diagnostic{std::move(file), line, column, std::move(message)});
}

void DiagnosticList::add(Diagnostic diagnostic) {
  std::lock_guard lock(mutex_);
  diagnostics_.push_back(std::move(diagnostic));
}

bool DiagnosticList::empty() const {
  std::lock_guard lock(mutex_);
  return diagnostics_.empty();
}

std::size_t DiagnosticList::size() const {
  std::lock_guard lock(mutex_);
  return diagnostics_.size();
}

std::vector<Diagnostic> DiagnosticList::sorted() const {
  std::lock_guard lock(mutex_);
  auto copy = diagnostics_;
  std::sort(copy.begin(), copy.end());
  copy.erase(std::unique(copy.begin(), copy.end(),
                         [](const Diagnostic& a, const Diagnostic& b) { return a.format() == b.format(); }),
             copy.end());
  return copy;
}

void DiagnosticList::throw_if_any() const {
  if (!empty()) throw ContentErrors(sorted());
}

}  // namespace blendin::generator
