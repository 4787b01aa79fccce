// The team overview (issue 11, begun): its charts over the chosen period, and the exact values
// under the mouse, held to the team's records counted here by hand.
#include "core/demo.hpp"
#include "ui/probe.hpp"
#include "ui_harness.hpp"

#include "core/indicators.hpp"
#include "model/chart_scale.hpp"
#include "model/trend.hpp"
#include "ui/charts/chart.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <map>
#include <string>

using namespace ts;
using ts::test::UiHarness;

namespace {

// Hovers the middle of slot `i` of `n` of the chart probed as `name`; the tooltip's text.
std::string hover(UiHarness& h, const std::string& name, std::size_t i, std::size_t n) {
    h.frame(2);
    const auto r = ui::probed(name);
    REQUIRE(r);
    REQUIRE(r->max.y <= ImGui::GetIO().DisplaySize.y);  // on screen: scrolled to first where it is not
    ImGui::GetIO().MousePos = ImVec2(r->min.x + (r->max.x - r->min.x) * (static_cast<float>(i) + 0.5f) / static_cast<float>(n),
                                     (r->min.y + r->max.y) / 2);
    h.frame(2);
    std::string found;
    int tips = 0;
    for (const auto& t : ui::probed_texts())
        if (t.find('\n') != std::string::npos) {
            ++tips;
            if (found.empty()) found = t;
        }
    CHECK(tips == 1);  // one chart hovered
    if (!found.empty()) return found + "\n";  // every line ends in a newline, the last too  // the tooltip: a label and values, a line each
    return {};
}

// Scrolls the screen so the widget probed as `name` stands near the top of it.
void bring_into_view(UiHarness& h, const std::string& name) {
    h.frame(2);
    const auto r = ui::probed(name);
    REQUIRE(r);
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if (w->Active && std::string_view(w->Name).find("##content") != std::string_view::npos)
            ImGui::SetScrollY(w, std::clamp(w->Scroll.y + r->min.y - w->Pos.y - 150.0f, 0.0f, w->ScrollMax.y));
    h.frame(3);
}

// Clicks the point of the chart probed as `name` in slot `i` of `n`, `up` pixels above its axis.
void click_bar(UiHarness& h, const std::string& name, std::size_t i, std::size_t n, float up) {
    h.frame(2);
    const auto r = ui::probed(name);
    REQUIRE(r);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(r->min.x + (r->max.x - r->min.x) * (static_cast<float>(i) + 0.5f) / static_cast<float>(n), r->max.y - up);
    h.frame();
    io.MouseDown[0] = true;
    h.frame();
    io.MouseDown[0] = false;
    h.frame(3);
}

// "12 van 340 incidenten": the rows a register list shows, from its count line.
long shown_rows(const char* count_key_word) {
    for (const auto& t : ui::probed_texts())
        if (t.find(count_key_word) != std::string::npos && t.find(" van ") != std::string::npos) return std::stol(t.substr(0, t.find(' ')));
    return -1;
}

ts::DemoOptions demo_options() {
    ts::DemoOptions o;
    o.teams = 2;
    o.years = 2;
    o.end = Date{2026, 3, 1};
    return o;
}

}  // namespace

TEST_CASE("The team overview charts the measures per month and shows each month's exact values", "[overview][ui]") {
    UiHarness h;
    DemoOptions o;
    o.teams = 2;
    o.years = 2;
    o.end = Date{2026, 3, 1};
    h.store().insert_dataset(generate_demo(o));
    h.frame(2);
    h.shell().show(ui::ScreenId::overview);
    h.frame(2);
    CHECK(ui::probed_this_frame("overview.chart.measures"));
    CHECK(ui::probed_this_frame("overview.chart.rate"));

    // The last 12 whole months before 15 March 2026: March 2025 to February 2026.
    const std::string team = h.shell().model().team_id();
    auto started_in = [&](const std::string& month) {
        const auto measures = h.store().measures(team);
        return std::count_if(measures.begin(), measures.end(), [&](const Measure& m) { return m.started_at.compare(0, 7, month) == 0; });
    };
    const std::string feb = hover(h, "overview.chart.measures", 11, 12);
    INFO(feb);
    CHECK(feb.rfind("feb 2026\n", 0) == 0);
    CHECK(feb.find("\nTotaal: " + std::to_string(started_in("2026-02")) + "\n") != std::string::npos);
    const std::string march = hover(h, "overview.chart.measures", 0, 12);
    CHECK(march.rfind("mrt 2025\n", 0) == 0);
    CHECK(march.find("\nTotaal: " + std::to_string(started_in("2025-03")) + "\n") != std::string::npos);

    // Incidents by severity: February's total and its serious ones, from the records.
    const auto incidents = h.store().incidents(team);
    auto occurred_in = [&](const std::string& month, int severity) {
        return std::count_if(incidents.begin(), incidents.end(), [&](const Incident& i) {
            return i.occurred_at.compare(0, 7, month) == 0 && (severity == 0 || i.severity == severity);
        });
    };
    bring_into_view(h, "overview.chart.incidents");  // the fourth chart is below the first three
    const std::string inc = hover(h, "overview.chart.incidents", 11, 12);
    INFO(inc);
    CHECK(inc.find("\nTotaal: " + std::to_string(occurred_in("2026-02", 0)) + "\n") != std::string::npos);
    CHECK(inc.find("\n3 ernstig: " + std::to_string(occurred_in("2026-02", 3)) + "\n") != std::string::npos);

    // Last year: January to December 2025.
    h.scroll("##content", false);
    h.click("overview.overview.period.last_year");
    const std::string dec = hover(h, "overview.chart.measures", 11, 12);
    CHECK(dec.rfind("dec 2025\n", 0) == 0);
    CHECK(dec.find("\nTotaal: " + std::to_string(started_in("2025-12")) + "\n") != std::string::npos);
}

TEST_CASE("The overview charts the hours under a measure and the actions month by month", "[overview][ui]") {
    UiHarness h;
    const Dataset data = generate_demo(demo_options());
    h.store().insert_dataset(data);
    h.frame(2);
    h.shell().show(ui::ScreenId::overview);
    h.frame(2);
    const std::string team = h.shell().model().team_id();

    // Hours per 1,000 hours of care in February 2026: the engine's figure for the month.
    ind::Facts f = h.store().facts(ind::query_for(h.content(), {team}, ind::Period{Date{2026, 2, 1}, Date{2026, 3, 1}}));
    ind::prepare(f, h.content());
    const ind::MeasureFigures feb =
        ind::measure_figures(f, h.content(), {0}, ind::Period{Date{2026, 2, 1}, Date{2026, 3, 1}}, ind::Clock::at(test::kPinnedNow));
    REQUIRE(feb.hours_per_1000_hours);
    bring_into_view(h, "overview.chart.hours");
    const std::string hours = hover(h, "overview.chart.hours", 11, 12);
    INFO(hours);
    CHECK(hours.rfind("feb 2026\n", 0) == 0);
    CHECK(hours.find(": " + ui::number_text(*feb.hours_per_1000_hours, 1, Lang::nl) + "\n") != std::string::npos);

    // Actions done on time in February 2026, counted by hand: due in February, done, completed
    // on or before the due day.
    const auto on_time = std::count_if(data.actions.begin(), data.actions.end(), [&](const Action& a) {
        return a.team_id == team && a.due_on && a.due_on->compare(0, 7, "2026-02") == 0 && a.status == ActionStatus::done && a.completed_at &&
               a.completed_at->substr(0, 10) <= *a.due_on;
    });
    bring_into_view(h, "overview.chart.actions");
    const std::string actions = hover(h, "overview.chart.actions", 11, 12);
    INFO(actions);
    CHECK(actions.find("\n" + h.tr("overview.actions.done_on_time") + ": " + std::to_string(on_time) + "\n") != std::string::npos);

    // The ratings of the core recommendations: one cell per meeting and rated recommendation,
    // each a symbol and a word.
    std::map<std::string, std::string> words{{"already", "✓ " + h.tr("overview.rating.already")},
                                             {"partly", "▲ " + h.tr("overview.rating.partly")},
                                             {"not_yet", "✕ " + h.tr("overview.rating.not_yet")}};
    long by_hand = 0;
    const Meeting* last = nullptr;
    for (const Meeting& m : data.meetings)
        if (m.team_id == team && m.state != MeetingState::planned && m.held_on >= "2025-03-01" && m.held_on < "2026-03-01") {
            by_hand += static_cast<long>(m.ratings.size());
            if (!m.ratings.empty() && (!last || last->held_on < m.held_on)) last = &m;
        }
    REQUIRE(last);
    h.scroll("##content", true);
    long cells = 0;
    for (const auto& t : ui::probed_texts())
        if (t.find(": ✓ ") != std::string::npos || t.find(": ▲ ") != std::string::npos || t.find(": ✕ ") != std::string::npos) ++cells;
    CHECK(cells == by_hand);
    CHECK(by_hand > 0);
    CHECK(h.shows(" " + last->held_on + ": " + words[std::string(to_string(last->ratings.front().second))]));
}

TEST_CASE("A click on a month's bar opens the records of that month and series", "[overview][ui][click]") {
    UiHarness h;
    const Dataset data = generate_demo(demo_options());
    h.store().insert_dataset(data);
    h.frame(2);
    h.shell().show(ui::ScreenId::overview);
    h.frame(2);
    const std::string team = h.shell().model().team_id();

    SECTION("incidents: February's lowest severity with incidents") {
        const auto incidents = h.store().incidents(team);
        int lowest = 0;
        long count = 0;
        for (int s = 4; s >= 1; --s) {
            const long n = std::count_if(incidents.begin(), incidents.end(),
                                         [&](const Incident& i) { return i.occurred_at.compare(0, 7, "2026-02") == 0 && i.severity == s; });
            if (n > 0) {
                lowest = s;
                count = n;
            }
        }
        REQUIRE(lowest > 0);
        bring_into_view(h, "overview.chart.incidents");
        click_bar(h, "overview.chart.incidents", 11, 12, 2);  // the bottom of the bar: its first series
        CHECK(h.shell().screen() == ui::ScreenId::incidents);
        h.frame(2);
        CHECK(shown_rows("incident") == count);
        // The severity is a filter in sight, exact, and one click clears it.
        CHECK(h.shows(h.tr("overview.list.severity_only").substr(0, 6)));
        h.click("incidents.clear_severity");
        h.frame(2);
        const long month = std::count_if(incidents.begin(), incidents.end(), [](const Incident& i) { return i.occurred_at.compare(0, 7, "2026-02") == 0; });
        CHECK(shown_rows("incident") == month);
    }
    SECTION("measures: February's first type") {
        const auto measures = h.store().measures(team);
        std::string type;
        long count = 0;
        for (const auto& t : h.content().measure_types) {
            count = std::count_if(measures.begin(), measures.end(),
                                  [&](const Measure& m) { return m.started_at.compare(0, 7, "2026-02") == 0 && m.type == t.code; });
            if (count > 0) {
                type = t.code;
                break;
            }
        }
        REQUIRE(!type.empty());
        click_bar(h, "overview.chart.measures", 11, 12, 2);
        CHECK(h.shell().screen() == ui::ScreenId::measures);
        h.frame(2);
        CHECK(shown_rows("maatregel") == count);
    }
}

TEST_CASE("The overview takes a period of one's own and refuses a bad one", "[overview][ui][period]") {
    UiHarness h;
    h.store().insert_dataset(generate_demo(demo_options()));
    h.frame(2);
    h.shell().show(ui::ScreenId::overview);
    h.frame(2);
    h.click("overview.overview.period.custom");
    const std::string before = hover(h, "overview.chart.measures", 0, 12);
    CHECK(before.rfind("mrt 2025\n", 0) == 0);

    auto set = [&](const char* field, const std::string& text) {
        h.click(field);
        h.select_all();
        h.type(text);
    };
    // From after to: refused, with the reason, and the charts stay as they were.
    set("overview.custom.from", "2025-09-01");
    set("overview.custom.to", "2025-06-01");
    h.click("overview.custom.show");
    CHECK(h.shows(h.tr("overview.custom.from_not_before_to")));
    CHECK(hover(h, "overview.chart.measures", 0, 12).rfind("mrt 2025\n", 0) == 0);
    // Not a date.
    set("overview.custom.to", "2025-02-30");
    h.click("overview.custom.show");
    CHECK(h.shows(h.tr("overview.custom.bad_to")));
    // June to August 2025: three months.
    set("overview.custom.from", "2025-06-01");
    set("overview.custom.to", "2025-09-01");
    h.click("overview.custom.show");
    CHECK_FALSE(h.shows(h.tr("overview.custom.bad_to")));
    CHECK(hover(h, "overview.chart.measures", 0, 3).rfind("jun 2025\n", 0) == 0);
    CHECK(hover(h, "overview.chart.measures", 2, 3).rfind("aug 2025\n", 0) == 0);
}

TEST_CASE("At 200 percent the legend leaves the plot most of the chart", "[overview][ui][zoom]") {
    UiHarness h;
    h.store().insert_dataset(generate_demo(demo_options()));
    h.frame(2);
    h.shell().apply(ui::request::SetZoom{200});
    h.shell().show(ui::ScreenId::overview);
    h.frame(3);
    for (const char* name : {"overview.chart.measures", "overview.chart.rate"}) {
        INFO(name);
        bring_into_view(h, name);
        const auto r = ui::probed(name);
        REQUIRE(r);
        // The chart is given about 40 % of the window; the plot keeps more than half of that
        // (a legend at full size over lines of its own left it about a tenth).
        CHECK(r->max.y - r->min.y >= ImGui::GetIO().DisplaySize.y * 0.2f);
    }
}

TEST_CASE("A click on the overdue actions of a month opens the overdue actions", "[overview][ui][click]") {
    UiHarness h;
    const Dataset data = generate_demo(demo_options());
    h.store().insert_dataset(data);
    h.frame(2);
    h.shell().show(ui::ScreenId::overview);
    h.frame(2);
    const std::string team = h.shell().model().team_id();
    // The chart's lines as the screen has them, for where their points are.
    model::TeamOverview o;
    o.update(h.store(), h.content(), team, model::OverviewPeriod::last_12_months, test::kPinnedNow);
    const model::ActionTrend& t = o.actions();
    REQUIRE(t.months.size() == 12);
    double hi = 0;
    for (const auto* s : {&t.open, &t.overdue, &t.done_on_time})
        for (double v : *s) hi = std::max(hi, v);
    // A month whose overdue point stands apart from the other two lines' points.
    std::size_t month = 12;
    for (std::size_t m = 12; m-- > 0;)
        if (t.overdue[m] != t.open[m] && t.overdue[m] != t.done_on_time[m]) {
            month = m;
            break;
        }
    REQUIRE(month < 12);
    bring_into_view(h, "overview.chart.actions");
    const auto r = ui::probed("overview.chart.actions");
    REQUIRE(r);
    const charts::Ticks ticks = charts::nice_ticks(0, hi, 5);
    const float y = charts::y_of(t.overdue[month], ticks, r->max.y, r->min.y);
    click_bar(h, "overview.chart.actions", month, 12, r->max.y - y);
    CHECK(h.shell().screen() == ui::ScreenId::actions);
    h.frame(2);
    // The actions list holds the actions as they stand now: those overdue today, by hand.
    const auto overdue = std::count_if(data.actions.begin(), data.actions.end(), [&](const Action& a) {
        return a.team_id == team && (a.status == ActionStatus::open || a.status == ActionStatus::in_progress) && a.due_on &&
               *a.due_on < "2026-03-15";
    });
    CHECK(overdue > 0);
    CHECK(shown_rows("actiepunt") == overdue);
}
