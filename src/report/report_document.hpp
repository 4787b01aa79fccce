// A report's figures (FiguresTable, report/figures_report.hpp) as a Document for the XLSX and
// HTML exports (report/document.hpp): the command line's `report --format xlsx|html`.
//
//   - The about facts: the report, the period (its last day included), the team filter, the
//     split, the generation time, the source of the figures, and for the guideline the
//     guideline's own source.
//   - A section per team in the table's row order (rows grouped by team_id; the rows of all
//     teams together under their own heading). Any report kind works: a kind without charts
//     here gets its section and table only.
//   - With a split (by month, quarter, year) a section gets charts of its rows: measures the
//     count per slot stacked by type, and the rate per 1,000 care days with its target; incidents
//     the count by severity; actions open, overdue and done. The guideline has no chart; its
//     sections end with the guideline's source.
//   - The section's table is its rows as table_from_figures makes them, turned a quarter in the
//     HTML (a column per period).
//
// With details (`--with-details`) a last section lists the records behind the figures (see
// add_details). Without, the document holds no youth code and no free text.
#pragma once

#include "core/content.hpp"
#include "report/document.hpp"
#include "report/figures_report.hpp"
#include "store/store.hpp"

#include <optional>
#include <string>

namespace ts::report {

struct ReportDocumentOptions {
    Lang lang = Lang::nl;
    std::optional<std::string> team;  // the team filter as asked for (none: every team)
    std::string source;               // where the figures come from, e.g. the database's file name
};

Document report_document(const FiguresTable& t, const Content& content, const ReportDocumentOptions& options);

// The guideline's source as the exports cite it where ratings are shown: its title, makers, URL.
std::string guideline_source(const Content& content, Lang lang);

// The records behind a report's figures, as one more section with a table per kind of record,
// for the team asked (else every team) and the period (local dates of [from, to)):
//   measures: start, youth code, type, minutes, reason (measures that started in the period);
//   incidents: time, youth codes, category, severity, description (incidents in the period);
//   actions: title, owner, status, due (actions made before the period's end and not finished
//   or dropped before its start).
// The guideline report has no records of its own: nothing is added. Throws ReportError for an
// unknown team, StoreError when the database fails.
void add_details(Document& doc, Store& store, const Content& content, const ReportRequest& request);

}  // namespace ts::report
