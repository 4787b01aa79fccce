// Working days: Monday to Friday, without the Dutch public holidays of data/holidays.json.
// The deadline of a reportable incident (core/rules.hpp) counts them.
#pragma once

#include "core/time.hpp"

#include <cstdint>
#include <vector>

namespace ts {

// The public holidays, as days_from_civil(), sorted and each once (load_holidays in
// core/content.hpp checks the file).
struct Holidays {
    std::vector<std::int64_t> days;
    bool contains(const Date& d) const;
};

// The day of the week, ISO numbering: 1 Monday … 7 Sunday.
int iso_weekday(const Date& d);

// Monday to Friday, and not a public holiday.
bool is_working_day(const Date& d, const Holidays& h);

// The n-th working day after `from` (`from` itself never counts): 3 working days after Friday
// 2026-03-06 is Wednesday 2026-03-11. n <= 0 gives `from`.
Date add_working_days(const Date& from, int n, const Holidays& h);

}  // namespace ts
