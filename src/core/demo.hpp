// Synthetic demo data: teams with members, youths coming and going, restrictive measures
// whose frequency falls over time in some teams, incidents with linked measures, and some
// rule violations. Deterministic for a seed and an end date. No real person is in it.
#pragma once

#include "core/time.hpp"
#include "core/types.hpp"

#include <cstdint>
#include <optional>

namespace ts {

struct DemoOptions {
    int teams = 4;
    int years = 2;
    std::uint64_t seed = 1;
    std::optional<Date> end;  // last day covered; default today (UTC)
};

Dataset generate_demo(const DemoOptions& options);

}  // namespace ts
