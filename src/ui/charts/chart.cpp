#include "ui/charts/chart.hpp"

#include "ui/charts/scale.hpp"
#include "ui/probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <functional>

namespace ts::ui::charts {

namespace {

ImU32 rgb(std::uint32_t c) { return IM_COL32((c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF, 0xFF); }
ImU32 u32(const ImVec4& c) { return ImGui::ColorConvertFloat4ToU32(c); }
bool has(double v) { return std::isfinite(v); }
double at(const Series& s, std::size_t i) { return i < s.values.size() ? s.values[i] : std::nan(""); }

// Lines take the palette after the bars, so no line shares a bar's colour.
std::uint32_t line_colour(const Chart& c, std::size_t k) { return series_colour(c.bars.size() + k); }

void dashed(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness, float dash) {
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float len = std::sqrt(dx * dx + dy * dy);
    if (len <= 0) return;
    for (float d = 0; d < len; d += 2 * dash) {
        const float e = std::min(d + dash, len);
        dl->AddLine(ImVec2(a.x + dx * d / len, a.y + dy * d / len), ImVec2(a.x + dx * e / len, a.y + dy * e / len), col, thickness);
    }
}

bool has_target(const Chart& c) {
    if (c.target) return true;
    return std::any_of(c.target_values.begin(), c.target_values.end(), [](double v) { return std::isfinite(v); });
}

// A line's marker: circle, square, diamond by turns, so lines differ by more than colour.
void marker(ImDrawList* dl, ImVec2 p, float r, std::size_t k, ImU32 col) {
    switch (k % 3) {
        case 0: dl->AddCircleFilled(p, r, col); break;
        case 1: dl->AddRectFilled(ImVec2(p.x - r, p.y - r), ImVec2(p.x + r, p.y + r), col); break;
        default: dl->AddQuadFilled(ImVec2(p.x, p.y - r * 1.3f), ImVec2(p.x + r * 1.3f, p.y), ImVec2(p.x, p.y + r * 1.3f), ImVec2(p.x - r * 1.3f, p.y), col);
    }
}

// The legend's items: a swatch (drawn by `swatch` at its top left) and a label.
struct LegendItem {
    std::string label;
    std::function<void(ImDrawList*, ImVec2, float)> swatch;
};

std::vector<LegendItem> legend_items(const Chart& c) {
    std::vector<LegendItem> items;
    for (std::size_t k = 0; k < c.bars.size(); ++k)
        items.push_back({c.bars[k].label, [k](ImDrawList* dl, ImVec2 p, float sw) {
                             dl->AddRectFilled(p, ImVec2(p.x + sw, p.y + sw), rgb(series_colour(k)));
                         }});
    for (std::size_t k = 0; k < c.lines.size(); ++k)
        items.push_back({c.lines[k].label, [&c, k](ImDrawList* dl, ImVec2 p, float sw) {
                             dl->AddLine(ImVec2(p.x, p.y + sw / 2), ImVec2(p.x + sw, p.y + sw / 2), rgb(line_colour(c, k)), std::max(2.0f, sw / 8));
                             marker(dl, ImVec2(p.x + sw / 2, p.y + sw / 2), sw / 4, k, rgb(line_colour(c, k)));
                         }});
    if (has_target(c))
        items.push_back({c.target_label, [](ImDrawList* dl, ImVec2 p, float sw) {
                             dashed(dl, ImVec2(p.x, p.y + sw / 2), ImVec2(p.x + sw, p.y + sw / 2), u32(palette().text), std::max(2.0f, sw / 8), sw / 4);
                         }});
    return items;
}

// Where the legend goes in a chart `width` wide and `height` high: above the plot when it fits on
// two lines; else in a column beside the plot when that fits its height; else (a large zoom)
// above it again in a smaller type, as many lines as it takes. Never more than a few lines.
struct LegendLayout {
    bool beside = false;
    float font_size = 0;
    float height = 0;         // above: the height it takes; beside: the column's height
    float column = 0;         // beside: the column's width
    int lines = 0;            // above: its lines
    bool fits = true;         // above: every label on one line
    std::vector<ImVec2> at;   // each item's top left, from the legend's top left
    std::vector<float> wrap;  // each label's wrap width (0: none)
};

ImVec2 text_size(float font_size, const std::string& text, float wrap = 0) {
    return ImGui::GetFont()->CalcTextSizeA(font_size, FLT_MAX, wrap, text.c_str());
}

LegendLayout flow_layout(const std::vector<LegendItem>& items, float width, float fs) {
    LegendLayout l;
    l.font_size = fs;
    const float sw = fs * 0.8f, inner = ImGui::GetStyle().ItemInnerSpacing.x, gap = fs, row = fs * 1.15f;
    float x = 0, y = 0;
    l.lines = items.empty() ? 0 : 1;
    for (const auto& it : items) {
        float w = sw + inner + text_size(fs, it.label).x;
        float wrap = 0;
        if (w > width) {
            l.fits = false;
            wrap = std::max(fs * 3, width - sw - inner);
            w = width;
        }
        if (x > 0 && x + w > width) {
            x = 0;
            y += row;
            ++l.lines;
        }
        l.at.emplace_back(x, y);
        l.wrap.push_back(wrap);
        if (wrap > 0) {  // a label on several lines ends its own
            const float extra = text_size(fs, it.label, wrap).y - fs;
            y += extra;
            l.lines += static_cast<int>(std::lround(extra / fs));
        }
        x += w + gap;
    }
    l.height = y + (items.empty() ? 0 : row + fs * 0.2f);
    return l;
}

LegendLayout column_layout(const std::vector<LegendItem>& items, float width, float fs) {
    LegendLayout l;
    l.beside = true;
    l.font_size = fs;
    const float sw = fs * 0.8f, inner = ImGui::GetStyle().ItemInnerSpacing.x;
    float widest = 0;
    for (const auto& it : items) widest = std::max(widest, sw + inner + text_size(fs, it.label).x);
    l.column = std::min(widest, width * 0.25f);
    const float text_w = std::max(fs * 3, l.column - sw - inner);
    float y = 0;
    for (const auto& it : items) {
        l.at.emplace_back(0, y);
        l.wrap.push_back(text_w);
        y += text_size(fs, it.label, text_w).y + fs * 0.3f;
    }
    l.height = y;
    return l;
}

LegendLayout legend_layout(const std::vector<LegendItem>& items, float width, float height) {
    const float fs = ImGui::GetFontSize();
    LegendLayout top = flow_layout(items, width, fs);
    if (top.fits && top.lines <= 2) return top;
    LegendLayout beside = column_layout(items, width, fs);
    if (beside.height <= height * 0.9f) return beside;
    // A large zoom: the legend in a smaller type (the chart's own labels stay large).
    return flow_layout(items, width, std::max(fs * 0.7f, std::min(fs, 18.0f)));
}

void draw_legend(const std::vector<LegendItem>& items, const LegendLayout& l, ImVec2 origin) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fs = l.font_size, sw = fs * 0.8f, inner = ImGui::GetStyle().ItemInnerSpacing.x;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const ImVec2 p(origin.x + l.at[i].x, origin.y + l.at[i].y);
        items[i].swatch(dl, ImVec2(p.x, p.y + (fs - sw) / 2), sw);
        dl->AddText(ImGui::GetFont(), fs, ImVec2(p.x + sw + inner, p.y), u32(palette().text), items[i].label.c_str(), nullptr, l.wrap[i]);
        probe_text(items[i].label);
    }
}

}  // namespace

std::string tooltip_text(const Chart& c, std::size_t slot) {
    std::string out = slot < c.slots.size() ? c.slots[slot] : std::string();
    const auto value = [&](double v) { return has(v) ? number_text(v, c.decimals, c.lang) : std::string("—"); };
    double total = 0;
    bool any = false;
    for (const Series& s : c.bars) {
        const double v = at(s, slot);
        out += "\n" + s.label + ": " + value(v);
        if (has(v)) {
            total += std::max(0.0, v);
            any = true;
        }
    }
    if (c.bars.size() > 1) out += "\n" + std::string(c.lang == Lang::en ? "Total" : "Totaal") + ": " + (any ? value(total) : "—");
    for (const Series& s : c.lines) out += "\n" + s.label + ": " + value(at(s, slot));
    if (c.target) out += "\n" + c.target_label + ": " + value(*c.target);
    else if (has_target(c)) out += "\n" + c.target_label + ": " + value(slot < c.target_values.size() ? c.target_values[slot] : std::nan(""));
    return out;
}

std::optional<std::size_t> draw(const char* id, const Chart& c, ImVec2 size, Hit* hit) {
    const Palette& pal = palette();
    const ImVec2 start = ImGui::GetCursorScreenPos();
    if (hit) {
        hit->slot.reset();
        hit->series.reset();
        hit->clicked = false;
    }
    ImGui::PushID(id);
    ImGui::BeginGroup();
    const std::vector<LegendItem> items = legend_items(c);
    const LegendLayout legend = legend_layout(items, size.x, size.y);
    const float legend_h = legend.beside ? 0 : legend.height;
    const float legend_w = legend.beside ? legend.column + em(1) : 0;
    draw_legend(items, legend, ImVec2(legend.beside ? start.x + size.x - legend.column : start.x, start.y));
    ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + legend_h));

    // The axis: from 0 to above the highest stack, line point and target.
    const std::size_t n = c.slots.size();
    const auto tops = stack([&] {
        std::vector<std::vector<double>> v;
        for (const Series& s : c.bars) {
            std::vector<double> clean(n, 0.0);
            for (std::size_t i = 0; i < n; ++i) clean[i] = has(at(s, i)) ? at(s, i) : 0.0;
            v.push_back(std::move(clean));
        }
        return v;
    }());
    double hi = c.target.value_or(0);
    for (double v : c.target_values)
        if (has(v)) hi = std::max(hi, v);
    if (!tops.empty())
        for (double v : tops.back()) hi = std::max(hi, v);
    for (const Series& s : c.lines)
        for (std::size_t i = 0; i < n; ++i)
            if (has(at(s, i))) hi = std::max(hi, at(s, i));
    const Ticks t = nice_ticks(0, hi, 5);

    // The plot's rectangle: room on the left for the widest tick label, below for the slots'.
    const float line_h = ImGui::GetTextLineHeight();
    float label_w = 0;
    // The axis' own decimals: none for whole steps, else as many as the step needs.
    const int tick_decimals = t.step >= 1 ? 0 : std::min(c.decimals + 2, static_cast<int>(std::ceil(-std::log10(t.step) - 1e-9)));
    for (double v : t.values) label_w = std::max(label_w, ImGui::CalcTextSize(number_text(v, tick_decimals, c.lang).c_str()).x);
    const float pad = em(0.4f);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float x0 = origin.x + label_w + pad, x1 = origin.x + size.x - legend_w - pad;
    const float top = origin.y + line_h / 2, bottom = origin.y + std::max(line_h * 4, size.y - legend_h) - line_h - pad;
    ImDrawList* dl = ImGui::GetWindowDrawList();

    // Grid and tick labels.
    for (double v : t.values) {
        const float y = y_of(v, t, bottom, top);
        dl->AddLine(ImVec2(x0, y), ImVec2(x1, y), u32(ImVec4(pal.muted.x, pal.muted.y, pal.muted.z, 0.35f)));
        const std::string label = number_text(v, tick_decimals, c.lang);
        dl->AddText(ImVec2(x0 - pad - ImGui::CalcTextSize(label.c_str()).x, y - line_h / 2), u32(pal.muted), label.c_str());
    }
    dl->AddLine(ImVec2(x0, bottom), ImVec2(x1, bottom), u32(pal.text), std::max(1.0f, em(0.06f)));

    // Slot labels: by calendar months, or as many as fit.
    float widest = 0;
    for (const auto& s : c.slots) widest = std::max(widest, ImGui::CalcTextSize(s.c_str()).x);
    const auto room = static_cast<std::size_t>(std::max(1.0f, (x1 - x0) / (widest + em(1))));
    std::vector<std::size_t> labelled;
    if (c.first_month) labelled = month_labels(*c.first_month, n, room);
    else
        for (std::size_t i = 0; i < n; i += std::max<std::size_t>(1, (n + room - 1) / room)) labelled.push_back(i);
    for (std::size_t i : labelled) {
        const float w = ImGui::CalcTextSize(c.slots[i].c_str()).x;
        const float x = std::clamp(slot_centre(i, x0, x1, n) - w / 2, x0, x1 - w);
        dl->AddText(ImVec2(x, bottom + pad / 2), u32(pal.text), c.slots[i].c_str());
    }

    // Bars, lines, target.
    const float slot_w = n > 0 ? (x1 - x0) / static_cast<float>(n) : 0;
    for (std::size_t k = 0; k < tops.size(); ++k)
        for (std::size_t i = 0; i < n; ++i) {
            const double below = k == 0 ? 0.0 : tops[k - 1][i];
            if (tops[k][i] <= below) continue;
            const float cx = slot_centre(i, x0, x1, n);
            dl->AddRectFilled(ImVec2(cx - slot_w * 0.35f, y_of(tops[k][i], t, bottom, top)), ImVec2(cx + slot_w * 0.35f, y_of(below, t, bottom, top)),
                              rgb(series_colour(k)));
        }
    const float thick = std::max(2.0f, em(0.12f));
    for (std::size_t k = 0; k < c.lines.size(); ++k) {
        const ImU32 col = rgb(line_colour(c, k));
        std::optional<ImVec2> last;
        for (std::size_t i = 0; i < n; ++i) {
            const double v = at(c.lines[k], i);
            if (!has(v)) {
                last.reset();  // a gap: no data
                continue;
            }
            const ImVec2 p(slot_centre(i, x0, x1, n), y_of(v, t, bottom, top));
            if (last) dl->AddLine(*last, p, col, thick);
            marker(dl, p, thick * 1.6f, k, col);
            last = p;
        }
    }
    if (c.target) {
        const float y = y_of(*c.target, t, bottom, top);
        dashed(dl, ImVec2(x0, y), ImVec2(x1, y), u32(pal.text), thick, em(0.5f));
    }
    // A target per slot: a dashed step across each slot, so a month's target stands over its bar.
    for (std::size_t i = 0; i < n && i < c.target_values.size(); ++i) {
        if (!has(c.target_values[i])) continue;
        const float y = y_of(c.target_values[i], t, bottom, top);
        const float cx = slot_centre(i, x0, x1, n);
        dashed(dl, ImVec2(cx - slot_w * 0.45f, y), ImVec2(cx + slot_w * 0.45f, y), u32(pal.text), thick, em(0.3f));
    }

    // The mouse: the slot under it, marked, with its values.
    ImGui::SetCursorScreenPos(ImVec2(x0, top));
    ImGui::InvisibleButton("##plot", ImVec2(std::max(1.0f, x1 - x0), std::max(1.0f, bottom - top)));
    probe(id);
    std::optional<std::size_t> hovered;
    if (ImGui::IsItemHovered()) hovered = slot_at(ImGui::GetIO().MousePos.x, x0, x1, n);
    if (hovered) {
        const std::size_t i = *hovered;
        const float cx = slot_centre(i, x0, x1, n);
        dl->AddRect(ImVec2(cx - slot_w / 2, top), ImVec2(cx + slot_w / 2, bottom), u32(pal.text));
        if (hit) {
            // The series under the mouse: a line's point near it, else the bar segment it is in.
            const float my = ImGui::GetIO().MousePos.y;
            std::optional<std::size_t> series;
            float nearest = em(0.8f);
            for (std::size_t k = 0; k < c.lines.size(); ++k) {
                const double v = at(c.lines[k], i);
                if (!has(v)) continue;
                const float d = std::abs(y_of(v, t, bottom, top) - my);
                if (d <= nearest) {
                    nearest = d;
                    series = c.bars.size() + k;
                }
            }
            for (std::size_t k = 0; k < tops.size() && !series; ++k) {
                const double below = k == 0 ? 0.0 : tops[k - 1][i];
                if (tops[k][i] <= below) continue;
                const float y_top = y_of(tops[k][i], t, bottom, top), y_below = y_of(below, t, bottom, top);
                if (my >= y_top && my <= y_below) {
                    series = k;
                    dl->AddRect(ImVec2(cx - slot_w * 0.35f - 2, y_top - 2), ImVec2(cx + slot_w * 0.35f + 2, y_below + 2), u32(pal.text), 0, 0,
                                std::max(2.0f, em(0.12f)));
                }
            }
            hit->slot = i;
            hit->series = series;
            hit->clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        }
        const std::string tip = tooltip_text(c, i);
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(tip.c_str());
        if (hit && hit->hint) ImGui::TextDisabled("%s", hit->hint);
        ImGui::EndTooltip();
        probe_text(tip);
    }
    ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + std::max(size.y, legend_h + line_h * 4)));
    ImGui::Dummy(ImVec2(size.x, 0));
    ImGui::EndGroup();
    ImGui::PopID();
    return hovered;
}

}  // namespace ts::ui::charts
