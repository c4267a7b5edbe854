// The words of a round (modes, reasons) and its pair lists (--forbid, --force).
#include <blendin/core/assign.hpp>
#include <blendin/core/csv.hpp>
#include <blendin/core/text.hpp>

namespace blendin::core {

const char* to_string(AssignMode mode) {
  switch (mode) {
    case AssignMode::max: return "max";
    case AssignMode::coverage: return "coverage";
    case AssignMode::stable: return "stable";
  }
  return "?";
}

std::optional<AssignMode> parse_assign_mode(std::string_view text) {
  for (auto mode : {AssignMode::max, AssignMode::coverage, AssignMode::stable})
    if (text == to_string(mode)) return mode;
  return std::nullopt;
}

const char* to_string(UnmatchedReason reason) {
  switch (reason) {
    case UnmatchedReason::no_admissible_candidate: return "no_admissible_candidate";
    case UnmatchedReason::all_candidates_forbidden: return "all_candidates_forbidden";
    case UnmatchedReason::capacity_exhausted: return "capacity_exhausted";
    case UnmatchedReason::candidates_matched_elsewhere: return "candidates_matched_elsewhere";
    case UnmatchedReason::not_chosen: return "not_chosen";
  }
  return "?";
}

std::vector<PairRule> parse_pair_rules(std::string_view text, std::string_view source) {
  std::vector<PairRule> rules;
  std::vector<Problem> problems;
  const std::string name(source);
  const auto problem = [&](std::size_t line, std::string message) {
    problems.push_back({.message = std::move(message), .file = name, .line = line});
  };
  bool header_seen = false;
  std::size_t columns = 2;  // the header's: more after the two ids are read and not used
  for (const csv::Record& record : csv::read(text)) {
    const bool header = !header_seen;
    header_seen = true;
    if (!record.problem.empty()) {
      problem(record.line, record.problem);
      continue;
    }
    const auto& cells = record.cells;
    if (header) {
      if (cells.size() < 2 || cells[0] != "newcomer_id" || cells[1] != "local_id")
        problem(record.line, "expected the header \"newcomer_id,local_id\", got " + quoted(record.text));
      else
        columns = cells.size();
      continue;
    }
    if (cells.size() != columns) {
      problem(record.line, (columns == 2 ? std::string("expected two ids separated by one comma")
                                         : "expected " + std::to_string(columns) + " cells as in the header") +
                               ", got " + quoted(record.text));
      continue;
    }
    if (cells[0].empty() || cells[1].empty()) {
      problem(record.line, std::string(cells[0].empty() ? "newcomer_id" : "local_id") + " is empty");
      continue;
    }
    rules.push_back({cells[0], cells[1], name, record.line});
  }
  if (!header_seen) problem(1, "expected the header \"newcomer_id,local_id\", got an empty file");
  if (!problems.empty()) throw Refused(std::move(problems));
  return rules;
}

}  // namespace blendin::core
