// A youth's care period and a measure's length: shared by validation and the rule warnings.
#pragma once

#include "core/time.hpp"
#include "core/types.hpp"

#include <cstdint>
#include <optional>

namespace ts {

// Seconds an ended measure lasted; empty for ongoing and point-in-time measures.
std::optional<std::int64_t> measure_duration(const Measure& m);
// The youth's age on a date, estimated from the age at admission plus whole years since.
std::optional<int> age_on(const Youth& y, const Date& d);
std::optional<int> age_on(std::optional<int> age_at_admission, const Date& admitted_on, const Date& d);
// In care on a date: admitted on or before it, not discharged before it (the discharge day
// itself still counts, so a measure on the morning of discharge is accepted).
bool in_care_on(const Youth& y, const Date& d);

}  // namespace ts
