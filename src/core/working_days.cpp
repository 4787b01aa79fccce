#include "core/working_days.hpp"

#include <algorithm>

namespace ts {

bool Holidays::contains(const Date& d) const { return std::binary_search(days.begin(), days.end(), days_from_civil(d)); }

int iso_weekday(const Date& d) {
    // 1970-01-01 was a Thursday (4).
    const std::int64_t z = days_from_civil(d);
    const std::int64_t r = ((z + 3) % 7 + 7) % 7;  // 0 Monday … 6 Sunday
    return static_cast<int>(r) + 1;
}

bool is_working_day(const Date& d, const Holidays& h) { return iso_weekday(d) <= 5 && !h.contains(d); }

Date add_working_days(const Date& from, int n, const Holidays& h) {
    std::int64_t z = days_from_civil(from);
    for (int counted = 0; counted < n;) {
        ++z;
        if (is_working_day(civil_from_days(z), h)) ++counted;
    }
    return civil_from_days(z);
}

}  // namespace ts
