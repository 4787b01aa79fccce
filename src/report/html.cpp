#include "report/html.hpp"

#include "model/chart_scale.hpp"
#include "report/output_file.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ts::report {
namespace {

bool has(double v) { return std::isfinite(v); }
double at(const charts::Series& s, std::size_t i) { return i < s.values.size() ? s.values[i] : std::nan(""); }

std::string colour(std::uint32_t rgb) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%06X", static_cast<unsigned>(rgb & 0xFFFFFF));
    return buf;
}

// Lines take the palette after the bars, as on screen (ui/charts/chart.cpp).
std::uint32_t line_colour(const charts::Chart& c, std::size_t k) { return charts::series_colour(c.bars.size() + k); }

bool has_target(const charts::Chart& c) {
    return c.target || std::any_of(c.target_values.begin(), c.target_values.end(), [](double v) { return has(v); });
}

// A coordinate: one decimal is plenty in a viewBox of hundreds.
std::string n1(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

// About how wide a text of `n` characters is in the SVG's 11-unit font.
double text_width(std::size_t n) { return static_cast<double>(n) * 6.2; }

std::size_t chars(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

constexpr const char* kCss = R"css(
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 10pt; line-height: 1.4;
       color: #111; background: #fff; max-width: 182mm; margin: 0 auto; padding: 10mm 6mm; }
h1 { font-size: 18pt; line-height: 1.2; margin: 0 0 0.4em; }
h2 { font-size: 14pt; margin: 1.2em 0 0.4em; padding-bottom: 0.15em; border-bottom: 1px solid #888; }
h3 { font-size: 11pt; margin: 1em 0 0.3em; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
table.about th { text-align: left; padding-right: 1.5em; font-weight: bold; white-space: nowrap; }
table.about td, table.about th { padding: 0.1em 0.4em 0.1em 0; vertical-align: top; }
div.newpage { break-before: page; page-break-before: always; }
div.chart { break-inside: avoid; page-break-inside: avoid; margin: 0.4em 0 1em; }
div.chart svg { width: 100%; height: auto; display: block; }
ul.legend { list-style: none; padding: 0; margin: 0.2em 0; }
ul.legend li { display: inline-block; margin: 0 1.2em 0.2em 0; }
span.swatch { display: inline-block; width: 1em; height: 1em; vertical-align: -0.15em; margin-right: 0.35em; }
span.swatch.line { height: 0; border-top: 3px solid; vertical-align: 0.25em; }
span.swatch.target { height: 0; border-top: 2px dashed #111; vertical-align: 0.25em; }
table.figures { border-collapse: collapse; margin: 0.3em 0 1em; font-size: 8.5pt; width: 100%; }
table.figures th, table.figures td { border-bottom: 1px solid #ccc; padding: 0.15em 0.4em; }
table.figures thead th { border-bottom: 1.5px solid #444; text-align: right; vertical-align: bottom; }
table.figures thead th.key { text-align: left; }
table.figures th.key, table.figures td.text { text-align: left; overflow-wrap: anywhere; font-weight: normal; }
table.turned th.key { width: 34%; }
table.figures td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.figures td.none { text-align: right; color: #888; }
table.figures tr { break-inside: avoid; page-break-inside: avoid; }
p.note { font-size: 9pt; color: #333; }
@media print {
  body { padding: 0; max-width: none; }
}
)css";

// A number cell's data-value: its exact value (a Percent in points).
std::string data_value(const Cell& cell) {
    switch (cell.index()) {
    case 1: return std::to_string(std::get<std::int64_t>(cell));
    case 2: return exact_number(std::get<double>(cell));
    case 3: return exact_number(std::get<Percent>(cell).points);
    default: return "";
    }
}

std::string td(const Cell& cell, int decimals, Lang lang) {
    if (std::holds_alternative<std::monostate>(cell)) return "<td class=\"none\">–</td>";
    const std::string text = escape_html(cell_text(cell, decimals, lang));
    const std::string value = data_value(cell);
    if (!value.empty()) return "<td class=\"num\" data-value=\"" + value + "\">" + text + "</td>";
    if (std::holds_alternative<Date>(cell) || std::holds_alternative<Moment>(cell) || std::holds_alternative<bool>(cell))
        return "<td class=\"num\">" + text + "</td>";
    return "<td class=\"text\">" + text + "</td>";
}

std::string heading_of(const TableColumn& c) { return !c.label.empty() ? c.label : c.heading.empty() ? c.key : c.heading; }

// The table's title is its heading, unless the section's heading says it already (a team's
// table: the XLSX sheet's name).
void table_html(std::string& out, const Table& t, Lang lang, const std::string& section_heading) {
    if (!t.title.empty() && t.title != section_heading) out += "<h3>" + escape_html(t.title) + "</h3>\n";
    if (!t.transposed) {
        out += "<table class=\"figures\">\n<thead><tr>";
        for (const TableColumn& c : t.columns)
            if (c.in_html) out += "<th data-key=\"" + escape_html(c.key) + "\">" + escape_html(heading_of(c)) + "</th>";
        out += "</tr></thead>\n<tbody>\n";
        for (const auto& row : t.rows) {
            out += "<tr>";
            for (std::size_t c = 0; c < t.columns.size(); ++c)
                if (t.columns[c].in_html) out += td(c < row.size() ? row[c] : Cell{}, t.columns[c].decimals, lang);
            out += "</tr>\n";
        }
        out += "</tbody>\n</table>\n";
        return;
    }
    // Turned: a table per kHtmlAcross rows, a line per column.
    for (std::size_t first = 0; first < t.rows.size() || first == 0; first += kHtmlAcross) {
        const std::size_t last = std::min(t.rows.size(), first + kHtmlAcross);
        out += "<table class=\"figures turned\">\n<thead><tr><th class=\"key\"></th>";
        for (std::size_t r = first; r < last; ++r)
            out += "<th>" + escape_html(r < t.row_labels.size() ? t.row_labels[r] : std::to_string(r + 1)) + "</th>";
        out += "</tr></thead>\n<tbody>\n";
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            if (!t.columns[c].in_html) continue;
            out += "<tr data-key=\"" + escape_html(t.columns[c].key) + "\"><th class=\"key\">" + escape_html(heading_of(t.columns[c])) + "</th>";
            for (std::size_t r = first; r < last; ++r) out += td(c < t.rows[r].size() ? t.rows[r][c] : Cell{}, t.columns[c].decimals, lang);
            out += "</tr>\n";
        }
        out += "</tbody>\n</table>\n";
        if (t.rows.empty()) break;
    }
}

}  // namespace

std::string escape_html(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 16);
    for (const char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default:
            // Control characters other than tab and line ends are not allowed in HTML (nor XML).
            if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') out += ' ';
            else out += c;
        }
    }
    return out;
}

std::string chart_legend_html(const charts::Chart& c) {
    std::string out = "<ul class=\"legend\">";
    for (std::size_t k = 0; k < c.bars.size(); ++k)
        out += "<li><span class=\"swatch\" style=\"background:" + colour(charts::series_colour(k)) + "\"></span>" + escape_html(c.bars[k].label) + "</li>";
    for (std::size_t k = 0; k < c.lines.size(); ++k)
        out += "<li><span class=\"swatch line\" style=\"border-color:" + colour(line_colour(c, k)) + "\"></span>" + escape_html(c.lines[k].label) +
               "</li>";
    if (has_target(c)) out += "<li><span class=\"swatch target\"></span>" + escape_html(c.target_label) + "</li>";
    out += "</ul>";
    return out;
}

std::string chart_svg(const charts::Chart& c, std::string_view title, double width, double height) {
    const std::size_t n = c.slots.size();
    // The axis: from 0 to above the highest stack, line point and target (as on screen).
    std::vector<std::vector<double>> clean;
    for (const charts::Series& s : c.bars) {
        std::vector<double> v(n, 0.0);
        for (std::size_t i = 0; i < n; ++i) v[i] = has(at(s, i)) ? at(s, i) : 0.0;
        clean.push_back(std::move(v));
    }
    const auto tops = charts::stack(clean);
    double hi = c.target.value_or(0);
    for (double v : c.target_values)
        if (has(v)) hi = std::max(hi, v);
    if (!tops.empty())
        for (double v : tops.back()) hi = std::max(hi, v);
    for (const charts::Series& s : c.lines)
        for (std::size_t i = 0; i < n; ++i)
            if (has(at(s, i))) hi = std::max(hi, at(s, i));
    const charts::Ticks t = charts::nice_ticks(0, hi, 5);
    const int tick_decimals = t.step >= 1 ? 0 : std::min(c.decimals + 2, static_cast<int>(std::ceil(-std::log10(t.step) - 1e-9)));

    std::size_t label_chars = 1;
    for (double v : t.values) label_chars = std::max(label_chars, chars(number_text(v, tick_decimals, c.lang)));
    const double pad = 6, font = 11;
    const double x0 = text_width(label_chars) + 2 * pad, x1 = width - pad;
    const double top = font, bottom = height - font - 2 * pad;
    const auto y_of = [&](double v) { return static_cast<double>(charts::y_of(v, t, static_cast<float>(bottom), static_cast<float>(top))); };
    const auto cx_of = [&](std::size_t i) {
        return static_cast<double>(charts::slot_centre(i, static_cast<float>(x0), static_cast<float>(x1), n));
    };
    const double slot_w = n > 0 ? (x1 - x0) / static_cast<double>(n) : 0;

    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n1(width) + " " + n1(height) +
                      "\" role=\"img\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"" + n1(font) + "\">";
    out += "<title>" + escape_html(title) + "</title>";
    // Grid and tick labels.
    for (double v : t.values) {
        const double y = y_of(v);
        out += "<line x1=\"" + n1(x0) + "\" y1=\"" + n1(y) + "\" x2=\"" + n1(x1) + "\" y2=\"" + n1(y) + "\" stroke=\"#BBBBBB\" stroke-width=\"0.6\"/>";
        out += "<text x=\"" + n1(x0 - pad) + "\" y=\"" + n1(y + font * 0.35) + "\" text-anchor=\"end\" fill=\"#444444\">" +
               escape_html(number_text(v, tick_decimals, c.lang)) + "</text>";
    }
    // Slot labels: by calendar months, or as many as fit.
    std::size_t widest = 1;
    for (const std::string& s : c.slots) widest = std::max(widest, chars(s));
    const auto room = static_cast<std::size_t>(std::max(1.0, (x1 - x0) / (text_width(widest) + 10)));
    std::vector<std::size_t> labelled;
    if (c.first_month) labelled = charts::month_labels(*c.first_month, n, room);
    else
        for (std::size_t i = 0; i < n; i += std::max<std::size_t>(1, (n + room - 1) / room)) labelled.push_back(i);
    for (std::size_t i : labelled) {
        const double w = text_width(chars(c.slots[i]));
        const double x = std::clamp(cx_of(i), x0 + w / 2, x1 - w / 2);
        out += "<text x=\"" + n1(x) + "\" y=\"" + n1(bottom + pad + font * 0.8) + "\" text-anchor=\"middle\" fill=\"#111111\">" +
               escape_html(c.slots[i]) + "</text>";
    }
    // Bars.
    for (std::size_t k = 0; k < tops.size(); ++k) {
        const std::string fill = colour(charts::series_colour(k));
        for (std::size_t i = 0; i < n; ++i) {
            const double below = k == 0 ? 0.0 : tops[k - 1][i];
            if (tops[k][i] <= below) continue;
            const double ya = y_of(tops[k][i]), yb = y_of(below);
            out += "<rect x=\"" + n1(cx_of(i) - slot_w * 0.35) + "\" y=\"" + n1(ya) + "\" width=\"" + n1(slot_w * 0.7) + "\" height=\"" +
                   n1(yb - ya) + "\" fill=\"" + fill + "\"/>";
        }
    }
    out += "<line x1=\"" + n1(x0) + "\" y1=\"" + n1(bottom) + "\" x2=\"" + n1(x1) + "\" y2=\"" + n1(bottom) + "\" stroke=\"#111111\" stroke-width=\"1\"/>";
    // Lines: a gap where there is no data, a dot on each value.
    for (std::size_t k = 0; k < c.lines.size(); ++k) {
        const std::string stroke = colour(line_colour(c, k));
        std::string points;
        const auto flush = [&] {
            if (points.find(' ') != std::string::npos)
                out += "<polyline points=\"" + points + "\" fill=\"none\" stroke=\"" + stroke + "\" stroke-width=\"2.2\"/>";
            points.clear();
        };
        for (std::size_t i = 0; i < n; ++i) {
            const double v = at(c.lines[k], i);
            if (!has(v)) {
                flush();
                continue;
            }
            if (!points.empty()) points += ' ';
            points += n1(cx_of(i)) + "," + n1(y_of(v));
        }
        flush();
        for (std::size_t i = 0; i < n; ++i)
            if (const double v = at(c.lines[k], i); has(v))
                out += "<circle cx=\"" + n1(cx_of(i)) + "\" cy=\"" + n1(y_of(v)) + "\" r=\"3\" fill=\"" + stroke + "\"/>";
    }
    // The target, dashed: across the plot, or a step over each slot.
    if (c.target) {
        const double y = y_of(*c.target);
        out += "<line x1=\"" + n1(x0) + "\" y1=\"" + n1(y) + "\" x2=\"" + n1(x1) + "\" y2=\"" + n1(y) +
               "\" stroke=\"#111111\" stroke-width=\"2\" stroke-dasharray=\"7 5\"/>";
    }
    for (std::size_t i = 0; i < n && i < c.target_values.size(); ++i) {
        if (!has(c.target_values[i])) continue;
        const double y = y_of(c.target_values[i]);
        out += "<line x1=\"" + n1(cx_of(i) - slot_w * 0.45) + "\" y1=\"" + n1(y) + "\" x2=\"" + n1(cx_of(i) + slot_w * 0.45) + "\" y2=\"" + n1(y) +
               "\" stroke=\"#111111\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>";
    }
    out += "</svg>";
    return out;
}

std::string to_html(const Document& doc) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"" + std::string(doc.lang == Lang::en ? "en" : "nl") + "\">\n<head>\n";
    out += "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
    out += "<title>" + escape_html(doc.title) + "</title>\n<style>" + std::string(kCss) + "</style>\n</head>\n<body>\n";
    out += "<h1>" + escape_html(doc.title) + "</h1>\n";
    if (!doc.about.empty()) {
        out += "<table class=\"about\">\n";
        for (const Fact& f : doc.about)
            out += "<tr><th>" + escape_html(f.label) + "</th><td>" + escape_html(cell_text(f.value, 1, doc.lang)) + "</td></tr>\n";
        out += "</table>\n";
    }
    for (std::size_t s = 0; s < doc.sections.size(); ++s) {
        const Section& sec = doc.sections[s];
        // A div, not <section>: the HTML 4 parser of xmllint --html knows it too.
        out += s == 0 ? "<div class=\"section\">\n" : "<div class=\"section newpage\">\n";
        if (!sec.heading.empty()) out += "<h2>" + escape_html(sec.heading) + "</h2>\n";
        for (const TitledChart& ch : sec.charts) {
            out += "<div class=\"chart\">\n";
            if (!ch.title.empty()) out += "<h3>" + escape_html(ch.title) + "</h3>\n";
            out += chart_legend_html(ch.chart) + "\n" + chart_svg(ch.chart, ch.title) + "\n</div>\n";
        }
        for (const Table& t : sec.tables) table_html(out, t, doc.lang, sec.heading);
        for (const std::string& note : sec.notes) out += "<p class=\"note\">" + escape_html(note) + "</p>\n";
        out += "</div>\n";
    }
    out += "</body>\n</html>\n";
    return out;
}

void write_html(const Document& doc, const std::string& path) { write_output_file(path, to_html(doc)); }

}  // namespace ts::report
