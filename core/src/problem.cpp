#include <blendin/core/problem.hpp>

#include <blendin/core/text.hpp>

namespace blendin::core {

std::string Problem::to_string() const {
  // "(request)" and "(pool)" name a part of a document rather than a profile.
  const bool document_part = subject.size() >= 2 && subject.front() == '(';
  const std::string part = document_part ? subject.substr(1, subject.size() - 2) : std::string();
  if (line > 0) {
    std::string text = (file.empty() ? part : file) + ':' + std::to_string(line);
    if (column > 0) text += ':' + std::to_string(column);
    text += ": ";
    if (!field.empty()) text += field + ": ";
    text += message;
    if (byte) text += " (byte " + std::to_string(*byte) + ')';
    return text;
  }
  std::string text = file.empty() ? std::string() : file + ": ";
  if (document_part)
    text += part;
  else if (!subject.empty())
    text += "profile " + quoted(subject);
  if (!field.empty()) text += (subject.empty() ? "" : ": ") + field;
  if (!subject.empty() || !field.empty()) text += ": ";
  return text + message;
}

Refused::Refused(std::vector<Problem> problems, Kind kind)
    : std::runtime_error(problems.empty() ? "refused" : problems.front().to_string()),
      problems_(std::move(problems)),
      kind_(kind) {}

Refused::Refused(Problem problem, Kind kind) : Refused(std::vector<Problem>{std::move(problem)}, kind) {}

}  // namespace blendin::core
