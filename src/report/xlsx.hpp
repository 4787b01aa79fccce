// A Document as an Excel workbook (XLSX, through libxlsxwriter).
//
//   - The first sheet is about_title(doc) ("Over dit rapport" / "About this report"): the title
//     and then each Fact as a label and a value.
//   - Then one sheet per table of every section, in order, named by the table's title (cleaned
//     by xlsx_sheet_name). Row 1 holds the column headings and is frozen; each row of the table
//     follows.
//   - Cells keep their type: numbers are numbers (never text), a Percent is the fraction
//     (12.5 → 0.125) with the format 0.0%, a Date a real Excel date (yyyy-mm-dd), a Moment a date
//     and time (yyyy-mm-dd hh:mm, local time), a yes/no a boolean, no data an empty cell.
//   - Column widths fit the heading and the values, at most kMaxColumnWidth characters.
// Charts are not written (the HTML has them).
#pragma once

#include "report/document.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ts::report {

inline constexpr double kMaxColumnWidth = 60;

// Writes the workbook to `path` as every --out does (report/output_file.hpp): whole or not at
// all, a new file 0600. The workbook is first made in a private temporary folder. Throws
// OutputError naming `path`.
void write_xlsx(const Document& doc, const std::string& path);

// The workbook as bytes (what write_xlsx writes). Throws OutputError naming "XLSX" when the
// library fails.
std::string xlsx_bytes(const Document& doc);

// A sheet name Excel accepts, not in `taken` (compared without regard to letter case): the
// characters []:*?/\ become '_', no apostrophe at the start or end, at most 31 characters
// (whole UTF-8 characters), "Blad" / "Sheet" for an empty name, and " (2)", " (3)" … added
// (the name shortened to make room) while the name is taken.
std::string xlsx_sheet_name(std::string_view wanted, const std::vector<std::string>& taken, Lang lang = Lang::nl);

}  // namespace ts::report
