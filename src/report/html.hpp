// A Document as one self-contained HTML page to read on screen and print on A4: inline CSS
// (@page A4, each section after the first on a new page), no link, font, image or script from
// elsewhere. At the top the title and the facts (period, filter, generation time, source); then
// each section: its heading, each chart as an inline <svg> with a legend in words beside colour
// (Okabe–Ito, as on screen), its tables and its notes.
//
// Numbers are written for reading in the document's language (a decimal comma in Dutch) and
// each number cell keeps its exact value in data-value (the shortest text that reads back as the
// same double; a Percent in points, as in the JSON), so a test can compare it with the JSON.
// Every text is escaped. The page is also well-formed XML (void elements closed with "/>").
#pragma once

#include "model/chart_data.hpp"
#include "report/document.hpp"

#include <string>
#include <string_view>

namespace ts::report {

// &, <, >, " and ' as entities.
std::string escape_html(std::string_view s);

// The page.
std::string to_html(const Document& doc);

// Writes to_html(doc) to `path` as every --out does (report/output_file.hpp). Throws OutputError.
void write_html(const Document& doc, const std::string& path);

// One chart as an <svg> element (a viewBox of width × height; it scales to the page's width):
// the axis from 0 with nice ticks (model/chart_scale.hpp) and their labels, the slot labels
// (months by month_labels), the stacked bars, the lines with a dot per value and gaps where
// there is no data, and the target dashed. `title` is the svg's <title>.
std::string chart_svg(const charts::Chart& c, std::string_view title, double width = 680, double height = 260);

// The legend of a chart in HTML: a swatch (bar, line, dashed target) and the label of each series.
std::string chart_legend_html(const charts::Chart& c);

}  // namespace ts::report
