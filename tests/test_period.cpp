// The registers' period filter (core/time.hpp in_period): local dates, [from, to).
#include "core/time.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

using namespace ts;

namespace {

// Sets TZ for one test and puts the old value (or its absence) back.
struct ScopedTz {
    std::optional<std::string> old;
    explicit ScopedTz(const char* tz) {
        if (const char* v = std::getenv("TZ")) old = v;
        ::setenv("TZ", tz, 1);
        ::tzset();
    }
    ~ScopedTz() {
        if (old)
            ::setenv("TZ", old->c_str(), 1);
        else
            ::unsetenv("TZ");
        ::tzset();
    }
};

std::int64_t at(const char* stamp) { return parse_timestamp(stamp).value(); }

}  // namespace

TEST_CASE("a period includes its first day and excludes its last", "[time][period]") {
    const ScopedTz tz("UTC");
    const auto t = at("2026-03-01T10:00:00Z");
    CHECK(in_period(t, "2026-03-01", "2026-03-02"));
    CHECK_FALSE(in_period(t, "2026-02-01", "2026-03-01"));
    CHECK_FALSE(in_period(t, "2026-03-02", ""));
    CHECK(in_period(t, "", ""));
    CHECK(in_period(t, "", "2026-03-02"));
    CHECK(in_period(t, "not a date", "2026-13-45"));  // unreadable bounds are open
}

TEST_CASE("a period is in local dates", "[time][period]") {
    const ScopedTz tz("Europe/Amsterdam");
    // 23:30 UTC on 28 February is 00:30 on 1 March in Amsterdam.
    const auto t = at("2026-02-28T23:30:00Z");
    CHECK(in_period(t, "2026-03-01", ""));
    CHECK_FALSE(in_period(t, "", "2026-03-01"));
}
