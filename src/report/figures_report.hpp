// The reports of the indicator figures (measures, incidents, actions, guideline) for a team or
// every team, a period and a split into months, quarters or years: the command line's
// `teamspiegel report`, and later the exports of the screens. Every number comes from the
// indicator engine (core/indicators.hpp); this file only chooses the rows and names the cells.
// The row order and every key are in docs/report-format.md.
#pragma once

#include "core/content.hpp"
#include "core/indicators.hpp"
#include "model/manager_overview.hpp"
#include "report/figures_table.hpp"
#include "store/store.hpp"

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>

namespace ts::report {

// A report the data cannot give, in plain words ("no team named \"X\" (teams: …)").
class ReportError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The most rows a report makes (60 teams by month over 25 years): a period of centuries split by
// month would otherwise fill the memory before anything is written.
inline constexpr std::size_t kMaxReportRows = 20000;

struct ReportRequest {
    ReportKind kind = ReportKind::measures;
    std::optional<std::string> team_name;  // one team (its exact name, else in other letter case); all when empty
    ind::Period period;                    // [from, to)
    ind::Split by = ind::Split::none;
};

// The period of a report from the dates given: both; `from` alone runs to today included;
// `to` alone starts one year before it; neither is the last twelve months up to today included.
// The caller checks that from is before to.
ind::Period report_period(const std::optional<Date>& from, const std::optional<Date>& to, const Date& today);

// The facts a report reads from the store, prepared (ind::prepare), and the index in facts.teams
// of the team it is about. Throws ReportError for an unknown team, StoreError when the database
// fails.
struct ReportFacts {
    ind::Facts facts;
    std::optional<std::uint32_t> team;
};
ReportFacts read_report_facts(Store& store, const Content& content, const ReportRequest& request);

// A report's rows, chosen and counted but not yet made, over facts already read and prepared,
// which must cover ind::facts_range(period): with `team` (an index in facts.teams) that team's
// rows, one per sub-period; without, every team's rows (teams by name) and then the rows of all
// of them together. Throws ReportError for more than kMaxReportRows rows. The facts and the
// content are read when the rows are made: they must outlive the ReportRows.
class ReportRows {
public:
    ReportRows(const ind::Facts& facts, const Content& content, ReportKind kind, std::optional<std::uint32_t> team,
               const ind::Period& period, ind::Split by, const ind::Clock& clock);

    std::size_t size() const { return groups_.size() * parts_.size(); }

    // The rows as a table (for CSV, the tests and the screens).
    FiguresTable table() const;

    // The report as JSON, byte for byte to_json(table()), written while the rows are made:
    // handed to `out` a chunk at a time (JsonWriter), never held whole.
    void write_json(const JsonWriter::Out& out, std::size_t chunk = JsonWriter::kChunk) const;

private:
    template <CellSink S>
    void put_rows(S& sink) const;

    const ind::Facts& facts_;
    const Content& content_;
    ReportKind kind_;
    ind::Period period_;
    ind::Split by_;
    ind::Clock clock_;
    std::vector<std::optional<std::uint32_t>> groups_;  // a team index, or none for all teams together
    std::vector<ind::Period> parts_;
};

// The facts and the rows in one: the report as a table. Throws as read_report_facts and ReportRows.
FiguresTable make_report(Store& store, const Content& content, const ReportRequest& request, const ind::Clock& clock);

// The teams report of rows the manager overview holds already (model::team_rows, in their
// order): the screen's export, the same table `report teams` makes.
FiguresTable teams_table(const std::vector<model::TeamRow>& rows, const ind::Period& period, std::int64_t generated_at);

// ReportRows(…).table().
FiguresTable make_table(const ind::Facts& facts, const Content& content, ReportKind kind, std::optional<std::uint32_t> team,
                        const ind::Period& period, ind::Split by, const ind::Clock& clock);

}  // namespace ts::report
