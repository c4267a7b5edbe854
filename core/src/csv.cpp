#include <blendin/core/csv.hpp>
#include <blendin/core/text.hpp>

namespace blendin::core::csv {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// What a spreadsheet may run as a formula, and the guard itself.
bool needs_guard(std::string_view text) {
  if (text.empty()) return false;
  switch (text.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
    case '\'': return true;
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

namespace {

// Reads records one after another, counting lines.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  std::vector<Record> records() {
    std::vector<Record> records;
    while (at_ < text_.size()) {
      const std::size_t start = at_;
      skip_blanks();
      if (line_break()) continue;  // a blank line
      if (at_ == text_.size()) break;
      if (text_[at_] == '#') {  // a comment, to the end of its line
        while (at_ < text_.size() && text_[at_] != '\r' && text_[at_] != '\n') ++at_;
        line_break();
        continue;
      }
      at_ = start;
      bool ended = false;
      records.push_back(record(ended));
      if (!ended) break;  // an unclosed quote took the rest of the text
    }
    return records;
  }

 private:
  // Moves past one line break (CRLF, LF or CR), counting it.
  bool line_break() {
    if (at_ < text_.size() && (text_[at_] == '\r' || text_[at_] == '\n'))
      ++at_;
    else
      return false;
    if (text_[at_ - 1] == '\r' && at_ < text_.size() && text_[at_] == '\n') ++at_;
    ++line_;
    return true;
  }
  void skip_blanks() {
    while (at_ < text_.size() && is_blank(text_[at_])) ++at_;
  }
  bool at_cell_end() const { return at_ >= text_.size() || text_[at_] == ',' || text_[at_] == '\r' || text_[at_] == '\n'; }

  // One record, from `at_` to its line break; `ended`: the line break (or the
  // text's end) was read, false after a quote that is never closed.
  Record record(bool& ended) {
    Record record;
    record.line = line_;
    const std::size_t start = at_;
    while (!ended) {
      skip_blanks();
      std::string cell;
      if (at_ < text_.size() && text_[at_] == '"') {
        if (!quoted_cell(record, cell)) {
          record.cells.push_back(std::move(cell));
          break;
        }
      } else {
        cell = plain_cell(record);
      }
      // The guard append_text adds.
      if (cell.size() >= 2 && cell.front() == '\'' && needs_guard(std::string_view(cell).substr(1))) cell.erase(0, 1);
      record.cells.push_back(std::move(cell));
      if (at_ < text_.size() && text_[at_] == ',') {
        ++at_;
        continue;
      }
      line_break();
      ended = true;
    }
    std::size_t end = at_;
    while (end > start && (text_[end - 1] == '\r' || text_[end - 1] == '\n')) --end;
    record.text = text_.substr(start, end - start);
    return record;
  }

  // A cell in quotes, its doubled quotes read as one and its line breaks
  // kept; false when its quote is never closed.
  bool quoted_cell(Record& record, std::string& cell) {
    const std::size_t opened_on = line_;
    ++at_;
    bool closed = false;
    while (at_ < text_.size() && !closed) {
      const char c = text_[at_];
      if (c == '"' && at_ + 1 < text_.size() && text_[at_ + 1] == '"') {
        cell += '"';
        at_ += 2;
      } else if (c == '"') {
        ++at_;
        closed = true;
      } else if (c == '\r' || c == '\n') {
        const std::size_t from = at_;
        line_break();
        cell.append(text_.substr(from, at_ - from));
      } else {
        cell += c;
        ++at_;
      }
    }
    if (!closed) {
      record.problem = "a quoted cell opened on line " + std::to_string(opened_on) + " is not closed";
      return false;
    }
    skip_blanks();
    if (!at_cell_end()) {
      const std::size_t from = at_;
      while (!at_cell_end()) ++at_;
      if (record.problem.empty())
        record.problem =
            "expected a comma or the end of the line after a quoted cell, got " + quoted(text_.substr(from, at_ - from));
    }
    return true;
  }

  // A cell without quotes, trailing blanks dropped; a quote inside is a problem.
  std::string plain_cell(Record& record) {
    const std::size_t from = at_;
    while (!at_cell_end()) ++at_;
    std::string_view plain = text_.substr(from, at_ - from);
    while (!plain.empty() && is_blank(plain.back())) plain.remove_suffix(1);
    if (plain.find('"') != std::string_view::npos && record.problem.empty())
      record.problem = "a quote inside a cell that does not start with one: " + quoted(plain) +
                       " (put the cell in quotes and double its quotes)";
    return std::string(plain);
  }

  std::string_view text_;
  std::size_t at_ = 0, line_ = 1;
};

}  // namespace

std::vector<Record> read(std::string_view text) { return Reader(text).records(); }

}  // namespace blendin::core::csv
