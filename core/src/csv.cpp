#include <blendin/core/csv.hpp>
#include <blendin/core/text.hpp>

namespace blendin::core::csv {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// What a spreadsheet may run as a formula, and the guard itself.
bool needs_guard(std::string_view text) {
  if (text.empty()) return false;
  switch (text.front()) {
    case '=': case '+': case '-': case '@': case '\t': case '\r': case '\'': return true;
    default: return false;
  }
}

bool needs_quotes(std::string_view cell) {
  return cell.empty() || cell.front() == '#' || is_blank(cell.front()) || is_blank(cell.back()) ||
         cell.find_first_of(",\"\r\n") != std::string_view::npos;
}

}  // namespace

void append_text(std::string& out, std::string_view text) {
  const bool guard = needs_guard(text);
  if (!guard && !needs_quotes(text)) {
    out += text;
    return;
  }
  const std::string cell = guard ? "'" + std::string(text) : std::string(text);
  if (!needs_quotes(cell)) {
    out += cell;
    return;
  }
  out += '"';
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::vector<Record> read(std::string_view text) {
  std::vector<Record> records;
  std::size_t at = 0, line = 1;
  // Moves past one line break at `at` (CRLF, LF or CR), counting it.
  auto line_break = [&]() {
    if (at < text.size() && text[at] == '\r') ++at;
    else if (at < text.size() && text[at] == '\n') ++at;
    else return false;
    if (text[at - 1] == '\r' && at < text.size() && text[at] == '\n') ++at;
    ++line;
    return true;
  };
  auto skip_blanks = [&]() {
    while (at < text.size() && is_blank(text[at])) ++at;
  };
  while (at < text.size()) {
    const std::size_t start = at;
    skip_blanks();
    if (line_break()) continue;  // a blank line
    if (at == text.size()) break;
    if (text[at] == '#') {  // a comment, to the end of its line
      while (at < text.size() && text[at] != '\r' && text[at] != '\n') ++at;
      line_break();
      continue;
    }
    Record record;
    record.line = line;
    at = start;
    bool ended = false;  // the record's line break (or the text's end) was read
    while (!ended) {
      skip_blanks();
      std::string cell;
      if (at < text.size() && text[at] == '"') {
        const std::size_t opened_on = line;
        ++at;
        bool closed = false;
        while (at < text.size()) {
          const char c = text[at];
          if (c == '"') {
            if (at + 1 < text.size() && text[at + 1] == '"') {
              cell += '"';
              at += 2;
              continue;
            }
            ++at;
            closed = true;
            break;
          }
          if (c == '\r' || c == '\n') {
            const std::size_t from = at;
            line_break();
            cell.append(text.substr(from, at - from));
            continue;
          }
          cell += c;
          ++at;
        }
        if (!closed) {
          record.problem = "a quoted cell opened on line " + std::to_string(opened_on) + " is not closed";
          record.cells.push_back(std::move(cell));
          break;
        }
        skip_blanks();
        if (at < text.size() && text[at] != ',' && text[at] != '\r' && text[at] != '\n') {
          const std::size_t from = at;
          while (at < text.size() && text[at] != ',' && text[at] != '\r' && text[at] != '\n') ++at;
          if (record.problem.empty())
            record.problem = "expected a comma or the end of the line after a quoted cell, got " +
                             quoted(text.substr(from, at - from));
        }
      } else {
        const std::size_t from = at;
        while (at < text.size() && text[at] != ',' && text[at] != '\r' && text[at] != '\n') ++at;
        std::string_view plain = text.substr(from, at - from);
        while (!plain.empty() && is_blank(plain.back())) plain.remove_suffix(1);
        if (plain.find('"') != std::string_view::npos && record.problem.empty())
          record.problem = "a quote inside a cell that does not start with one: " + quoted(plain) +
                           " (put the cell in quotes and double its quotes)";
        cell = plain;
      }
      // The guard append_text adds.
      if (cell.size() >= 2 && cell.front() == '\'' && needs_guard(std::string_view(cell).substr(1))) cell.erase(0, 1);
      record.cells.push_back(std::move(cell));
      if (at < text.size() && text[at] == ',') {
        ++at;
        continue;
      }
      line_break();
      ended = true;
    }
    std::size_t end = at;
    while (end > start && (text[end - 1] == '\r' || text[end - 1] == '\n')) --end;
    record.text = text.substr(start, end - start);
    records.push_back(std::move(record));
    if (!ended) break;  // an unclosed quote took the rest of the text
  }
  return records;
}

}  // namespace blendin::core::csv
