// The charts (ui/charts): their arithmetic (nice ticks, month labels, stacking, colours) against
// answers worked out by hand, and a chart drawn in a bare ImGui frame: the tooltip under the mouse.
#include "ui/charts/chart.hpp"
#include "ui/charts/scale.hpp"
#include "ui/probe.hpp"
#include "ui/widgets.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <set>
#include <string>

using namespace ts;
using namespace ts::ui::charts;

TEST_CASE("Ticks are nice numbers that cover the values", "[charts]") {
    SECTION("counts from zero") {
        const Ticks t = nice_ticks(3, 47, 5);
        CHECK(t.min == 0);
        CHECK(t.step == 10);
        CHECK(t.max == 50);
        CHECK(t.values == std::vector<double>{0, 10, 20, 30, 40, 50});
    }
    SECTION("a rate with decimals: step 2.5") {
        const Ticks t = nice_ticks(0, 11.2, 5);
        CHECK(t.step == 2.5);
        CHECK(t.max == 12.5);
        CHECK(t.values.size() == 6);
    }
    SECTION("small values: step 0.2") {
        const Ticks t = nice_ticks(0, 0.9, 5);
        CHECK(t.step == Approx(0.2));
        CHECK(t.max == Approx(1.0));
        REQUIRE(t.values.size() == 6);
        CHECK(t.values[3] == Approx(0.6));
    }
    SECTION("not from zero and negative to positive: zero is a tick") {
        const Ticks t = nice_ticks(-34, 12, 5, false);
        CHECK(t.step == 10);
        CHECK(t.min == -40);
        CHECK(t.max == 20);
        CHECK(std::count(t.values.begin(), t.values.end(), 0.0) == 1);
    }
    SECTION("all zeros or nothing: the axis 0 to 1") {
        const Ticks t = nice_ticks(0, 0, 5);
        CHECK(t.min == 0);
        CHECK(t.max == 1);
        CHECK(t.values.front() == 0);
        CHECK(t.values.back() == 1);
    }
    SECTION("a single value: from zero up past it") {
        const Ticks t = nice_ticks(7, 7, 5);
        CHECK(t.min == 0);
        CHECK(t.max >= 7);
        CHECK(t.step == 2);
        CHECK(t.max == 8);
    }
    SECTION("a single value not from zero: around it") {
        const Ticks t = nice_ticks(7, 7, 4, false);
        CHECK(t.min <= 7);
        CHECK(t.max >= 7);
        CHECK(t.max > t.min);
    }
    SECTION("bounds the wrong way round or not numbers") {
        CHECK(nice_ticks(47, 3, 5).max == 50);
        const Ticks t = nice_ticks(std::numeric_limits<double>::quiet_NaN(), 5, 5);
        CHECK(t.min == 0);
        CHECK(t.max == 1);
    }
    SECTION("every step is 1 or 2 or 2.5 or 5 times a power of ten and the ticks cover the values") {
        for (double hi : {0.013, 0.7, 1.0, 3.3, 9.99, 10.0, 17.0, 99.0, 101.0, 1234.0, 98765.0})
            for (int target : {2, 4, 5, 8}) {
                const Ticks t = nice_ticks(0, hi, target);
                INFO(hi << " in " << target);
                const double mantissa = t.step / std::pow(10.0, std::floor(std::log10(t.step)));
                const bool nice = std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 ||
                                  std::abs(mantissa - 2.5) < 1e-9 || std::abs(mantissa - 5) < 1e-9;
                CHECK(nice);
                CHECK(t.max >= hi);
                CHECK(t.max - t.step < hi + 1e-12);  // no empty step on top
                CHECK(t.values.size() <= static_cast<std::size_t>(2 * target + 2));
            }
    }
}

TEST_CASE("Month labels fall on calendar quarters and Januaries when not every month fits", "[charts]") {
    SECTION("every month when they fit") {
        CHECK(month_labels(Date{2026, 3, 1}, 4, 12) == std::vector<std::size_t>{0, 1, 2, 3});
    }
    SECTION("twelve months from March with room for four: Apr Jul Oct Jan") {
        // Index 0 is March: April is 1, July 4, October 7, January 10.
        CHECK(month_labels(Date{2026, 3, 15}, 12, 4) == std::vector<std::size_t>{1, 4, 7, 10});
    }
    SECTION("two years from January with room for five: every half year") {
        CHECK(month_labels(Date{2025, 1, 1}, 24, 5) == std::vector<std::size_t>{0, 6, 12, 18});
    }
    SECTION("ten years with room for six: every second January") {
        const auto l = month_labels(Date{2017, 1, 1}, 120, 6);
        CHECK(l.size() <= 6);
        for (std::size_t i : l) CHECK(i % 12 == 0);
        CHECK(l.front() == 0);
    }
    SECTION("a few months without January and no room: still one label") {
        CHECK(month_labels(Date{2026, 5, 1}, 3, 1).size() == 1);
    }
    SECTION("nothing to label") {
        CHECK(month_labels(Date{2026, 5, 1}, 0, 5).empty());
    }
}

TEST_CASE("Stacked bars put each series on the ones before it", "[charts]") {
    const auto tops = stack({{1, 2, 0}, {3, 0, 4}, {-2, 1, 1}});
    REQUIRE(tops.size() == 3);
    CHECK(tops[0] == std::vector<double>{1, 2, 0});
    CHECK(tops[1] == std::vector<double>{4, 2, 4});
    CHECK(tops[2] == std::vector<double>{4, 3, 5});  // a negative value adds nothing
    CHECK(stack({}).empty());
}

TEST_CASE("Series take the Okabe-Ito colours in order and wrap", "[charts]") {
    CHECK(series_colour(0) == 0xE69F00);  // orange
    CHECK(series_colour(4) == 0x0072B2);  // blue
    CHECK(series_colour(8) == series_colour(0));
    std::set<std::uint32_t> distinct(kOkabeIto.begin(), kOkabeIto.end());
    CHECK(distinct.size() == 8);
}

TEST_CASE("The slot under the mouse and the height of a value", "[charts]") {
    // Twelve months across x 100 to 700: 50 px each.
    CHECK(slot_at(100, 100, 700, 12) == std::optional<std::size_t>(0));
    CHECK(slot_at(149.9f, 100, 700, 12) == std::optional<std::size_t>(0));
    CHECK(slot_at(150, 100, 700, 12) == std::optional<std::size_t>(1));
    CHECK(slot_at(699, 100, 700, 12) == std::optional<std::size_t>(11));
    CHECK_FALSE(slot_at(700, 100, 700, 12));
    CHECK_FALSE(slot_at(99, 100, 700, 12));
    CHECK_FALSE(slot_at(300, 100, 700, 0));
    CHECK(slot_centre(0, 100, 700, 12) == Approx(125));
    CHECK(slot_centre(11, 100, 700, 12) == Approx(675));
    // The axis 0–50 from y 500 (bottom) to y 100 (top): 8 px per unit.
    const Ticks t = nice_ticks(0, 47, 5);
    CHECK(y_of(0, t, 500, 100) == Approx(500));
    CHECK(y_of(50, t, 500, 100) == Approx(100));
    CHECK(y_of(12.5, t, 500, 100) == Approx(400));
    CHECK(y_of(80, t, 500, 100) == Approx(100));  // clamped
    CHECK(y_of(-3, t, 500, 100) == Approx(500));
}

// --- the chart drawn: the tooltip under the mouse ------------------------------------------

namespace {

// A bare ImGui context with ImGui's own font, for drawing one widget.
struct BareImGui {
    BareImGui() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(1920, 1080);
        io.DeltaTime = 1.0f / 60.0f;
        io.Fonts->AddFontDefault();
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        ts::ui::enable_probes(true);
    }
    ~BareImGui() {
        ts::ui::enable_probes(false);
        ImGui::DestroyContext();
    }
    template <class F>
    void frame(F&& body) {
        ts::ui::begin_probe_frame();
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("chart test", nullptr, ImGuiWindowFlags_NoDecoration);
        body();
        ImGui::End();
        ImGui::Render();
    }
};

Chart five_months() {
    Chart c;
    c.slots = {"jan 2026", "feb 2026", "mrt 2026", "apr 2026", "mei 2026"};
    c.first_month = Date{2026, 1, 1};
    c.bars = {{"Fysiek vasthouden", {1, 2, 4, 0, 3}}, {"Afzondering", {0, 1, 3, 2, std::nan("")}}};
    c.lines = {{"Per 1.000 zorgdagen", {10, 20, 55, 15, std::nan("")}}};
    c.target = 30;
    c.target_label = "Doel";
    return c;
}

}  // namespace

TEST_CASE("The tooltip says each value of the slot under the mouse", "[charts]") {
    const Chart c = five_months();
    CHECK(tooltip_text(c, 2) == "mrt 2026\nFysiek vasthouden: 4\nAfzondering: 3\nTotaal: 7\nPer 1.000 zorgdagen: 55\nDoel: 30");
    // No data is a dash, not 0; the total counts what there is.
    CHECK(tooltip_text(c, 4) == "mei 2026\nFysiek vasthouden: 3\nAfzondering: —\nTotaal: 3\nPer 1.000 zorgdagen: —\nDoel: 30");
    Chart en = c;
    en.lang = Lang::en;
    en.decimals = 1;
    en.bars.resize(1);
    CHECK(tooltip_text(en, 2) == "mrt 2026\nFysiek vasthouden: 4.0\nPer 1.000 zorgdagen: 55.0\nDoel: 30.0");

    BareImGui g;
    std::optional<std::size_t> hovered;
    const auto draw_it = [&] { hovered = draw("chart", c, ImVec2(1200, 500)); };
    g.frame(draw_it);
    const auto plot = ts::ui::probed("chart");
    REQUIRE(plot);
    CHECK_FALSE(hovered);
    // The mouse over the middle of the third month.
    ImGui::GetIO().MousePos = ImVec2(plot->min.x + (plot->max.x - plot->min.x) * 2.5f / 5, (plot->min.y + plot->max.y) / 2);
    g.frame(draw_it);
    g.frame(draw_it);
    REQUIRE(hovered);
    CHECK(*hovered == 2);
    const auto& texts = ts::ui::probed_texts();
    CHECK(std::find(texts.begin(), texts.end(), tooltip_text(c, 2)) != texts.end());
    // The legend names every series and the target.
    for (const char* label : {"Fysiek vasthouden", "Afzondering", "Per 1.000 zorgdagen", "Doel"})
        CHECK(std::find(texts.begin(), texts.end(), label) != texts.end());
    // Off the plot: nothing.
    ImGui::GetIO().MousePos = ImVec2(plot->max.x + 50, plot->max.y + 200);
    g.frame(draw_it);
    CHECK_FALSE(hovered);
}

TEST_CASE("A target per slot is in the tooltip and in the legend once", "[charts]") {
    Chart c = five_months();
    c.target.reset();
    c.target_values = {5, 5, 4.5, std::nan(""), 4};
    CHECK(tooltip_text(c, 2) == "mrt 2026\nFysiek vasthouden: 4\nAfzondering: 3\nTotaal: 7\nPer 1.000 zorgdagen: 55\nDoel: 5");
    CHECK(tooltip_text(c, 3).find("Doel: —") != std::string::npos);
    c.decimals = 1;
    CHECK(tooltip_text(c, 2).find("Doel: 4,5") != std::string::npos);
    BareImGui g;
    g.frame([&] { draw("chart", c, ImVec2(1200, 500)); });
    const auto& texts = ts::ui::probed_texts();
    CHECK(std::count(texts.begin(), texts.end(), std::string("Doel")) == 1);
}

TEST_CASE("Numbers on screen round half away from zero with the language's decimal sign", "[charts]") {
    using ts::ui::number_text;
    CHECK(number_text(4.5, 0, Lang::nl) == "5");
    CHECK(number_text(2.25, 1, Lang::nl) == "2,3");
    CHECK(number_text(78.14, 1, Lang::en) == "78.1");
    CHECK(number_text(-2.5, 0, Lang::nl) == "-3");
    CHECK(number_text(-0.04, 1, Lang::nl) == "0,0");  // not "-0,0"
    CHECK(number_text(1234.5, 2, Lang::nl) == "1234,50");
}
