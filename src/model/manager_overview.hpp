// The manager overview (issue 11): one row per team with the follow-up of its actions, its
// measures per 1,000 care days and their change, its incidents, its reportable incidents past
// their deadline, its last meeting and the building blocks it reflected on — worst first. The
// screen, `teamspiegel report teams` and the exports all read these rows; every number is the
// indicator engine's (core/indicators.hpp), nothing is worked out twice.
#pragma once

#include "core/content.hpp"
#include "core/indicators.hpp"
#include "store/store.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ts::model {

// The periods the manager overview offers. Measures and incidents are counted over the period
// (and the rate compared with the period of the same length before it); actions as they stand at
// its end. The building blocks always look back six months from today.
enum class ManagerPeriod { this_quarter, last_quarter, last_12_months, this_year };
std::string_view to_string(ManagerPeriod p);  // "this_quarter", …
std::optional<ManagerPeriod> manager_period_from_string(std::string_view s);
ind::Period manager_period(ManagerPeriod which, const Date& today);

// The months the building blocks column looks back over.
inline constexpr int kBlocksMonths = 6;

struct TeamRow {
    std::string team_id, team;
    ind::ActionFigures actions;
    std::int64_t open_or_in_progress = 0;  // actions.open + actions.in_progress: the "Open" column
    ind::MeasureRow measures;              // the rate and its change against the previous period
    ind::IncidentFigures incidents;
    std::optional<Date> last_meeting;      // the last held up to today (whatever the period)
    std::optional<std::int64_t> weeks_since_meeting;  // whole weeks from it to today
    std::size_t blocks_reflected = 0;      // in the kBlocksMonths months up to today
    std::size_t blocks_total = 0;          // building blocks of the guideline
};

// The columns of the overview, in the order the screen shows them. `worst` is the default order.
enum class TeamColumn {
    team,
    open,
    overdue,
    done_on_time_pct,
    median_days_to_done,
    stale,
    per_1000_care_days,
    change_pct,
    incidents,
    reportable_past_deadline,
    last_meeting,
    blocks,
    worst,
};

// Worst first: reportable incidents past their deadline (a legal duty missed), then overdue
// actions, then the largest rise in measures per 1,000 care days (no data counts as no rise),
// then stale actions; ties by team name. With another column: by that column, no data last
// either way, ties by name.
void sort_rows(std::vector<TeamRow>& rows, TeamColumn by, bool ascending);

// The facts the rows of `period` need for `teams` (all when empty): the engine's range of the
// period, the six months of building blocks and every meeting up to today.
ind::FactsQuery team_rows_query(const Content& c, std::vector<std::string> teams, const ind::Period& period, const Date& today);

// One row per team of `f` (prepared, read with team_rows_query), worst first.
std::vector<TeamRow> team_rows(const ind::Facts& f, const Content& c, const ind::Period& period, const ind::Clock& clock);

// The rows for the screen: read once, and again only when the period, the day or the store's
// records change.
class ManagerOverview {
public:
    void update(Store& store, const Content& c, ManagerPeriod which, std::int64_t now);
    const ind::Period& period() const { return period_; }
    ManagerPeriod which() const { return which_; }
    const std::vector<TeamRow>& rows() const { return rows_; }
    std::uint64_t version() const { return version_; }
    double build_ms() const { return build_ms_; }  // how long the last read and count took

private:
    ManagerPeriod which_ = ManagerPeriod::this_quarter;
    Revisions seen_;
    Date today_;
    ind::Period period_;
    std::vector<TeamRow> rows_;
    std::uint64_t version_ = 0;
    double build_ms_ = 0;
    bool ready_ = false;
};

}  // namespace ts::model
