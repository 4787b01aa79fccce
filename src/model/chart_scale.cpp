#include "model/chart_scale.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace ts::charts {

namespace {

// The nice step nearest above `raw`: 1, 2, 2.5 or 5 times a power of ten.
double nice_step(double raw) {
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * power >= raw * (1 - 1e-9)) return m * power;
    return 10 * power;
}

}  // namespace

Ticks nice_ticks(double lo, double hi, int target, bool from_zero) {
    if (!std::isfinite(lo) || !std::isfinite(hi)) lo = hi = 0;
    if (lo > hi) std::swap(lo, hi);
    if (from_zero && lo > 0) lo = 0;
    if (from_zero && hi < 0) hi = 0;
    target = std::max(1, target);
    if (lo == 0 && hi == 0) {
        hi = 1;  // nothing, or all zeros: the axis 0–1
    } else if (hi == lo) {
        // One value on an axis that need not start at zero: around it.
        const double half = std::abs(lo) / 2;
        lo -= half;
        hi += half;
    }
    Ticks t;
    t.step = nice_step((hi - lo) / target);
    t.min = std::floor(lo / t.step + 1e-9) * t.step;
    t.max = std::ceil(hi / t.step - 1e-9) * t.step;
    if (t.max <= t.min) t.max = t.min + t.step;
    const auto n = static_cast<long long>(std::llround((t.max - t.min) / t.step));
    for (long long k = 0; k <= n; ++k) {
        double v = t.min + static_cast<double>(k) * t.step;
        if (std::abs(v) < t.step * 1e-9) v = 0;  // no -0 and no 1e-17 at zero
        t.values.push_back(v);
    }
    return t;
}

std::vector<std::size_t> month_labels(const Date& first, std::size_t count, std::size_t max_labels) {
    std::vector<std::size_t> out;
    if (count == 0) return out;
    max_labels = std::max<std::size_t>(1, max_labels);
    for (int every : {1, 2, 3, 6, 12}) {
        out.clear();
        for (std::size_t i = 0; i < count; ++i) {
            const int month0 = (first.month - 1 + static_cast<int>(i % 12)) % 12;  // 0 = January
            if (month0 % every == 0) out.push_back(i);
        }
        if (out.size() <= max_labels) break;
    }
    if (out.empty()) out.push_back(0);  // fewer than a year shown, no January in it
    // Still too many at every 12th (more years than room): every so many Januaries.
    if (out.size() > max_labels) {
        const std::size_t skip = (out.size() + max_labels - 1) / max_labels;
        std::vector<std::size_t> fewer;
        for (std::size_t k = 0; k < out.size(); k += skip) fewer.push_back(out[k]);
        out = std::move(fewer);
    }
    return out;
}

std::vector<std::vector<double>> stack(const std::vector<std::vector<double>>& series) {
    std::vector<std::vector<double>> tops;
    tops.reserve(series.size());
    for (const auto& s : series) {
        std::vector<double> top(s.size());
        for (std::size_t x = 0; x < s.size(); ++x) {
            const double below = tops.empty() || x >= tops.back().size() ? 0.0 : tops.back()[x];
            top[x] = below + std::max(0.0, s[x]);
        }
        tops.push_back(std::move(top));
    }
    return tops;
}

std::optional<std::size_t> slot_at(float mouse_x, float x0, float x1, std::size_t n) {
    if (n == 0 || !(x1 > x0) || mouse_x < x0 || mouse_x >= x1) return std::nullopt;
    const auto i = static_cast<std::size_t>((mouse_x - x0) / (x1 - x0) * static_cast<float>(n));
    return std::min(i, n - 1);
}

float slot_centre(std::size_t i, float x0, float x1, std::size_t n) {
    return n == 0 ? x0 : x0 + (x1 - x0) * (static_cast<float>(i) + 0.5f) / static_cast<float>(n);
}

float y_of(double value, const Ticks& t, float bottom, float top) {
    const double span = t.max - t.min;
    const double f = span > 0 ? std::clamp((value - t.min) / span, 0.0, 1.0) : 0.0;
    return bottom + static_cast<float>(f) * (top - bottom);
}

std::uint32_t series_colour(std::size_t series) { return kOkabeIto[series % kOkabeIto.size()]; }

}  // namespace ts::charts
