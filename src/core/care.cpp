#include "core/care.hpp"

#include "core/time.hpp"

#include <algorithm>
#include <utility>

namespace ts {

std::optional<std::int64_t> measure_duration(const Measure& m) {
    const auto start = parse_timestamp(m.started_at);
    if (!start) return std::nullopt;
    if (m.ended_at) {
        const auto end = parse_timestamp(*m.ended_at);
        if (!end) return std::nullopt;
        return *end - *start;
    }
    return std::nullopt;
}

std::optional<int> age_on(const Youth& y, const Date& d) {
    if (!y.age_at_admission) return std::nullopt;
    const auto admitted = parse_date(y.admitted_on);
    if (!admitted) return y.age_at_admission;
    return age_on(y.age_at_admission, *admitted, d);
}

std::optional<int> age_on(std::optional<int> age_at_admission, const Date& admitted, const Date& d) {
    if (!age_at_admission) return std::nullopt;
    int years = d.year - admitted.year;
    if (std::pair(d.month, d.day) < std::pair(admitted.month, admitted.day)) --years;
    return *age_at_admission + std::max(0, years);
}

bool in_care_on(const Youth& y, const Date& d) {
    const auto admitted = parse_date(y.admitted_on);
    if (!admitted || d < *admitted) return false;
    if (y.discharged_on) {
        const auto discharged = parse_date(*y.discharged_on);
        if (discharged && d > *discharged) return false;
    }
    return true;
}

}  // namespace ts
