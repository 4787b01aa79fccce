#include "report/figures_report.hpp"

#include "core/rules.hpp"
#include "core/time.hpp"
#include "model/manager_overview.hpp"
#include "report/exchange.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace ts::report {
namespace {

// What the rows are put through: a CellSink, with the engine's optional figures and flags
// written as null when there is no data.
template <CellSink S>
class Cells {
public:
    explicit Cells(S& sink) : s_(sink) {}
    void open(std::string_view key) { s_.open(key); }
    void close() { s_.close(); }
    void null(std::string_view key) { s_.null(key); }
    void num(std::string_view key, std::int64_t n) { s_.integer(key, n); }
    void fig(std::string_view key, const ind::Figure& f) {
        if (f) s_.real(key, *f);
        else s_.null(key);
    }
    void flag(std::string_view key, const std::optional<bool>& b) {
        if (b) s_.boolean(key, *b);
        else s_.null(key);
    }
    void text(std::string_view key, std::string_view s) { s_.text(key, s); }
    void list(std::string_view key, const TextList& l) { s_.list(key, l); }

private:
    S& s_;
};

static_assert(std::tuple_size_v<decltype(ind::MeasureFigures::warnings)> == kMeasureWarningCount,
              "a warnings cell for every MeasureWarning");

void check_size(std::size_t figures, std::size_t codes, const char* what) {
    if (figures != codes) throw std::logic_error(std::string("report: the engine's ") + what + " do not match the facts' codes");
}

template <typename W>
void put_measure_figures(W& w, const ind::MeasureFigures& m, const ind::Facts& f) {
    w.num("care_days", m.care_days);
    w.num("youths_in_care", m.youths_in_care);
    w.num("measures", m.measures);
    w.num("ongoing", m.ongoing);
    w.fig("per_1000_care_days", m.per_1000_care_days);
    w.fig("hours_per_1000_hours", m.hours_per_1000_hours);
    w.fig("pct_youths_with_measure", m.pct_youths_with_measure);
    w.num("interventions", m.interventions);
    w.fig("pct_debrief", m.pct_debrief);
    w.fig("pct_parents_informed", m.pct_parents_informed);
    w.open("warnings");
    for (std::size_t i = 0; i < kMeasureWarningCount; ++i) w.num(to_string(static_cast<MeasureWarning>(i)), m.warnings[i]);
    w.close();
    check_size(m.by_type.size(), f.measure_types.size(), "measure types");
    w.open("by_type");
    for (std::size_t i = 0; i < f.measure_types.size(); ++i) {
        const ind::TypeFigures& t = m.by_type[i];
        w.open(f.measure_types[i]);
        w.num("count", t.count);
        w.num("interventions", t.interventions);
        w.fig("mean_minutes", t.mean_minutes);
        w.fig("median_minutes", t.median_minutes);
        w.fig("per_1000_care_days", t.per_1000_care_days);
        w.close();
    }
    w.close();
}

// A row's figures, the same figures of the previous period under "previous", and the change:
// the shape the measures and incidents rows share.
template <typename W, typename Row, typename PutFigures>
void put_with_previous(W& w, const Row& r, const ind::Facts& f, PutFigures put_figures) {
    put_figures(w, r.figures, f);
    w.open("previous");
    put_figures(w, r.previous, f);
    w.close();
    w.fig("change_pct", r.change_pct);
}

template <typename W>
void put_measure_row(W& w, const ind::MeasureRow& r, const ind::Facts& f) {
    put_with_previous(w, r, f, put_measure_figures<W>);
    w.open("goal");
    w.fig("reduction_goal_pct", r.goal.reduction_goal_pct);
    w.fig("target_per_1000_care_days", r.goal.target_per_1000_care_days);
    w.flag("on_track", r.goal.on_track);
    w.close();
}

template <typename W>
void put_incident_figures(W& w, const ind::IncidentFigures& i, const ind::Facts& f) {
    w.num("care_days", i.care_days);
    w.num("count", i.count);
    w.fig("per_1000_care_days", i.per_1000_care_days);
    w.num("reportable", i.reportable);
    w.num("reportable_past_deadline", i.reportable_past_deadline);
    check_size(i.by_category.size(), f.categories.size(), "incident categories");
    w.open("by_category");
    for (std::size_t k = 0; k < f.categories.size(); ++k) w.num(f.categories[k], i.by_category[k]);
    w.close();
    w.open("by_severity");
    static constexpr std::string_view kSeverities[] = {"1", "2", "3", "4"};
    static_assert(std::size(kSeverities) == std::tuple_size_v<decltype(i.by_severity)>);
    for (std::size_t s = 0; s < i.by_severity.size(); ++s) w.num(kSeverities[s], i.by_severity[s]);
    w.close();
}

template <typename W>
void put_incident_row(W& w, const ind::IncidentRow& r, const ind::Facts& f) { put_with_previous(w, r, f, put_incident_figures<W>); }

template <typename W>
void put_action_figures(W& w, const ind::ActionFigures& a) {
    w.num("agreed", a.agreed);
    w.num("open", a.open);
    w.num("in_progress", a.in_progress);
    w.num("overdue", a.overdue);
    w.num("done", a.done);
    w.num("dropped", a.dropped);
    w.num("stale", a.stale);
    w.num("due", a.due);
    w.num("done_on_time", a.done_on_time);
    w.fig("done_on_time_pct", a.done_on_time_pct);
    w.num("completed", a.completed);
    w.fig("median_days_to_done", a.median_days_to_done);
}

template <typename W>
void put_guideline_figures(W& w, const ind::GuidelineFigures& g) {
    w.num("meetings", g.meetings);
    w.list("blocks_reflected", g.blocks_reflected);
    w.open("recommendations");
    for (const ind::RecommendationFigures& r : g.recommendations) {
        w.open(r.id);
        if (r.latest) w.text("latest", to_string(*r.latest));
        else w.null("latest");
        if (r.before_latest) w.text("before_latest", to_string(*r.before_latest));
        else w.null("before_latest");
        if (r.latest_on) w.text("latest_on", format_date(*r.latest_on));
        else w.null("latest_on");
        w.num("times_rated", r.times_rated);
        w.close();
    }
    w.close();
}

// A row of the manager overview: the columns of the screen, with the engine's figures under them.
template <typename W>
void put_team_row(W& w, const model::TeamRow& r) {
    w.num("open_or_in_progress", r.open_or_in_progress);
    w.open("actions");
    put_action_figures(w, r.actions);
    w.close();
    w.open("measures");
    w.num("care_days", r.measures.figures.care_days);
    w.num("measures", r.measures.figures.measures);
    w.fig("per_1000_care_days", r.measures.figures.per_1000_care_days);
    w.fig("previous_per_1000_care_days", r.measures.previous.per_1000_care_days);
    w.fig("change_pct", r.measures.change_pct);
    w.fig("target_per_1000_care_days", r.measures.goal.target_per_1000_care_days);
    w.close();
    w.open("incidents");
    w.num("count", r.incidents.count);
    w.fig("per_1000_care_days", r.incidents.per_1000_care_days);
    w.num("reportable", r.incidents.reportable);
    w.num("reportable_past_deadline", r.incidents.reportable_past_deadline);
    w.close();
    if (r.last_meeting) w.text("last_meeting", format_date(*r.last_meeting));
    else w.null("last_meeting");
    if (r.weeks_since_meeting) w.num("weeks_since_last_meeting", *r.weeks_since_meeting);
    else w.null("weeks_since_last_meeting");
    w.num("blocks_reflected_6_months", static_cast<std::int64_t>(r.blocks_reflected));
    w.num("blocks_total", static_cast<std::int64_t>(r.blocks_total));
}

template <CellSink S>
void put_team(S& sink, const model::TeamRow& r, const ind::Period& period) {
    sink.begin_row();
    Cells<S> w(sink);
    w.text("team_id", r.team_id);
    w.text("team", r.team);
    w.text("from", format_date(period.from));
    w.text("to", format_date(period.to));
    put_team_row(w, r);
    sink.end_row();
}

// The team of a name: the exact name, else the same name in other letter case (as export).
std::string team_id_for(Store& store, const std::string& name) {
    try {
        return team_id_by_name(store, name);
    } catch (const ExchangeError& e) {
        throw ReportError(e.problem());
    }
}

}  // namespace

ind::Period report_period(const std::optional<Date>& from, const std::optional<Date>& to, const Date& today) {
    const Date tomorrow = civil_from_days(days_from_civil(today) + 1);
    if (from && to) return {*from, *to};
    if (from) return {*from, tomorrow};
    if (to) return {ind::year_earlier(ind::Period{*to, *to}).from, *to};
    return ind::last_twelve_months(today);
}

ReportRows::ReportRows(const ind::Facts& facts, const Content& content, ReportKind kind, std::optional<std::uint32_t> team,
                       const ind::Period& period, ind::Split by, const ind::Clock& clock)
    : facts_(facts), content_(content), kind_(kind), period_(period), by_(by), clock_(clock), parts_(ind::split(period, by)) {
    if (kind == ReportKind::teams) {
        // One row per team (or the one asked for), over the whole period: no split, no total.
        if (by != ind::Split::none) throw ReportError("the teams report has one row per team for the whole period: leave out --by");
        if (team && *team >= facts.teams.size()) throw std::logic_error("report: team index out of range");
        if (team) groups_.push_back(*team);
        else
            for (std::uint32_t t = 0; t < facts.teams.size(); ++t) groups_.push_back(t);
        parts_.assign(1, period);
        return;
    }
    if (team) {
        if (*team >= facts.teams.size()) throw std::logic_error("report: team index out of range");
        groups_.push_back(*team);
    } else {
        std::vector<std::uint32_t> order(facts.teams.size());
        std::iota(order.begin(), order.end(), 0u);
        std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
            const ind::TeamFact &ta = facts.teams[a], &tb = facts.teams[b];
            return ta.name != tb.name ? ta.name < tb.name : ta.id < tb.id;
        });
        groups_.assign(order.begin(), order.end());
        groups_.push_back(std::nullopt);
    }
    if (size() > kMaxReportRows)
        throw ReportError("the report would have " + std::to_string(size()) + " rows, more than " + std::to_string(kMaxReportRows) +
                          ": choose a shorter period, a coarser split or one team");
}

template <CellSink S>
void ReportRows::put_rows(S& sink) const {
    const ind::Facts& facts = facts_;
    std::vector<ind::TeamSet> sets;
    for (const std::optional<std::uint32_t>& g : groups_) sets.push_back(g ? ind::TeamSet{*g} : ind::TeamSet{});
    // Row `at`: its team and period, then `put_figures(cells, team set, period)`.
    const auto put_row = [&](std::size_t at, const auto& put_figures) {
        const std::size_t s = at / parts_.size();
        const ind::Period& p = parts_[at % parts_.size()];
        const std::optional<std::uint32_t>& g = groups_[s];
        sink.begin_row();
        Cells<S> w(sink);
        if (g) {
            w.text("team_id", facts.teams[*g].id);
            w.text("team", facts.teams[*g].name);
        } else {
            w.null("team_id");
            w.null("team");
        }
        w.text("from", format_date(p.from));
        w.text("to", format_date(p.to));
        put_figures(w, sets[s], p);
        sink.end_row();
    };
    // The figures of the measures and incidents rows are worked out on the machine's cores, and
    // each row is written as soon as it and those before it are done.
    switch (kind_) {
    case ReportKind::measures:
        ind::for_each_measure_row(facts, content_, sets, parts_, clock_, [&](std::size_t at, const ind::MeasureRow& r) {
            put_row(at, [&](Cells<S>& w, const ind::TeamSet&, const ind::Period&) { put_measure_row(w, r, facts); });
        });
        break;
    case ReportKind::incidents:
        ind::for_each_incident_row(facts, content_, sets, parts_, clock_, [&](std::size_t at, const ind::IncidentRow& r) {
            put_row(at, [&](Cells<S>& w, const ind::TeamSet&, const ind::Period&) { put_incident_row(w, r, facts); });
        });
        break;
    case ReportKind::actions:
        for (std::size_t at = 0; at < size(); ++at)
            put_row(at, [&](Cells<S>& w, const ind::TeamSet& teams, const ind::Period& p) {
                put_action_figures(w, ind::action_figures(facts, teams, p, clock_));
            });
        break;
    case ReportKind::teams: {
        // Worst first, as the manager overview shows them.
        const std::vector<model::TeamRow> rows = model::team_rows(facts, content_, period_, clock_);
        for (const model::TeamRow& r : rows) {
            const std::size_t g = static_cast<std::size_t>(
                std::find_if(groups_.begin(), groups_.end(), [&](const auto& t) { return t && facts.teams[*t].id == r.team_id; }) - groups_.begin());
            if (g == groups_.size()) continue;
            put_team(sink, r, period_);
        }
        break;
    }
    case ReportKind::guideline:
        for (std::size_t at = 0; at < size(); ++at)
            put_row(at, [&](Cells<S>& w, const ind::TeamSet& teams, const ind::Period& p) {
                put_guideline_figures(w, ind::guideline_figures(facts, content_, teams, p));
            });
        break;
    }
}

FiguresTable ReportRows::table() const {
    FiguresTable t;
    t.kind = kind_;
    t.period = period_;
    t.by = by_;
    t.generated_at = clock_.now;
    t.rows.reserve(size());
    TableBuilder b(t);
    put_rows(b);
    return t;
}

void ReportRows::write_json(const JsonWriter::Out& out, std::size_t chunk) const {
    JsonWriter w(out, chunk);
    w.begin(kind_, period_, by_, clock_.now);
    put_rows(w);
    w.finish();
}

FiguresTable teams_table(const std::vector<model::TeamRow>& rows, const ind::Period& period, std::int64_t generated_at) {
    FiguresTable t;
    t.kind = ReportKind::teams;
    t.period = period;
    t.generated_at = generated_at;
    TableBuilder b(t);
    for (const model::TeamRow& r : rows) put_team(b, r, period);
    return t;
}

FiguresTable make_table(const ind::Facts& facts, const Content& content, ReportKind kind, std::optional<std::uint32_t> team,
                        const ind::Period& period, ind::Split by, const ind::Clock& clock) {
    return ReportRows(facts, content, kind, team, period, by, clock).table();
}

ReportFacts read_report_facts(Store& store, const Content& content, const ReportRequest& request) {
    std::vector<std::string> team_ids;
    if (request.team_name) team_ids.push_back(team_id_for(store, *request.team_name));
    if (request.kind == ReportKind::teams) {
        // The building blocks look back six months from today (the clock the rows are made at).
        const Date today = local_date(now_unix());
        ReportFacts r{store.facts(model::team_rows_query(content, team_ids, request.period, today)), std::nullopt};
        ind::prepare(r.facts, content);
        if (request.team_name) {
            for (std::uint32_t i = 0; i < r.facts.teams.size(); ++i)
                if (r.facts.teams[i].id == team_ids.front()) r.team = i;
            if (!r.team) throw ReportError("no team named \"" + *request.team_name + "\"");
        }
        return r;
    }
    ind::FactsQuery q = ind::query_for(content, team_ids, request.period);
    // Only what the report counts. An action's updates name the meetings they were made in
    // (stale actions): the store reads those meetings with the actions.
    q.measures = request.kind == ReportKind::measures;
    q.incidents = request.kind == ReportKind::incidents;
    q.actions = request.kind == ReportKind::actions;
    q.meetings = request.kind == ReportKind::guideline;
    ReportFacts r{store.facts(q), std::nullopt};
    ind::prepare(r.facts, content);

    if (request.team_name) {
        for (std::uint32_t i = 0; i < r.facts.teams.size(); ++i)
            if (r.facts.teams[i].id == q.team_ids.front()) r.team = i;
        if (!r.team) throw ReportError("no team named \"" + *request.team_name + "\"");
    }
    return r;
}

FiguresTable make_report(Store& store, const Content& content, const ReportRequest& request, const ind::Clock& clock) {
    const ReportFacts f = read_report_facts(store, content, request);
    return ReportRows(f.facts, content, request.kind, f.team, request.period, request.by, clock).table();
}

}  // namespace ts::report
