// CSV as RFC 4180 writes it, for files that coordinators open in a
// spreadsheet: the CLI's pair lists and scores, and the explorer's exports in
// WebAssembly. Text that came from a pool (ids are free text) is written so
// that it stays one cell and is never run as a formula, and reads back exact.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace blendin::core::csv {

// Records end in CRLF, as RFC 4180 has it; the reader also takes LF or CR.
inline constexpr std::string_view record_end = "\r\n";

// Appends one text cell. A cell that a spreadsheet would run as a formula
// (starting with = + - @, a tab or a carriage return) or that starts with an
// apostrophe gets an apostrophe in front. Then the cell is put in quotes, its
// quotes doubled, when it holds a comma, a quote, a CR or an LF, starts with #
// (read as a comment), starts or ends with a space or a tab (which the reader
// trims outside quotes), or is empty (so that no record is a blank line).
// Numbers are not text cells: write them as they are (wire::append_json).
void append_text(std::string& out, std::string_view text);

// One record read: its cells, the line it starts on (from 1), its text (for
// messages) and, when it is malformed, what is wrong (its cells then are what
// could be read).
struct Record {
  std::vector<std::string> cells;
  std::size_t line = 0;
  std::string_view text;
  std::string problem;
};

// Reads CSV text: cells separated by commas, records by CRLF, LF or CR; a cell
// in quotes may hold commas, line breaks and doubled quotes. Spaces and tabs
// around a cell outside its quotes are dropped. A line that is blank, or whose
// first character apart from spaces and tabs is #, is skipped. A cell that
// starts with an apostrophe followed by = + - @, a tab, a CR or an apostrophe
// loses that first apostrophe: what append_text wrote reads back exact.
std::vector<Record> read(std::string_view text);

}  // namespace blendin::core::csv
