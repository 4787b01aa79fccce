// The team overview (issue 11, begun): its charts over the chosen period, and the exact values
// under the mouse, held to the team's records counted here by hand.
#include "core/demo.hpp"
#include "ui/probe.hpp"
#include "ui_harness.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <algorithm>
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
    h.scroll("##content", true);  // the third chart is below the first two
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
