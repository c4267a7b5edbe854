#include <blendin/generator/error.hpp>

#include <algorithm>
#include <tuple>

namespace blendin::generator {

void DiagnosticList::add(std::string file, int line, int column, std::string message) {
  add(core::Problem{.message = std::move(message),
                    .file = std::move(file),
                    .line = std::size_t(std::max(line, 0)),
                    .column = std::size_t(std::max(column, 0))});
}

void DiagnosticList::add(core::Problem problem) {
  std::lock_guard lock(mutex_);
  problems_.push_back(std::move(problem));
}

bool DiagnosticList::empty() const {
  std::lock_guard lock(mutex_);
  return problems_.empty();
}

std::size_t DiagnosticList::size() const {
  std::lock_guard lock(mutex_);
  return problems_.size();
}

std::vector<core::Problem> DiagnosticList::sorted() const {
  std::lock_guard lock(mutex_);
  auto copy = problems_;
  const auto place = [](const core::Problem& p) { return std::tie(p.file, p.line, p.column, p.message); };
  std::sort(copy.begin(), copy.end(), [&](const core::Problem& a, const core::Problem& b) { return place(a) < place(b); });
  copy.erase(std::unique(copy.begin(), copy.end(),
                         [](const core::Problem& a, const core::Problem& b) { return a.to_string() == b.to_string(); }),
             copy.end());
  return copy;
}

void DiagnosticList::throw_if_any() const {
  if (!empty()) throw core::Refused(sorted());
}

}  // namespace blendin::generator
