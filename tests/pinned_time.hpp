// Pins "now" (now_unix, now_utc) and the time zone (TZ) while one object lives, and puts back
// what was there before: the previous clock, and the previous TZ value or its absence. A test
// that depends on today's date or on local time holds one, so it reads the same on every day
// and on every machine, and leaves nothing behind for the next test.
#pragma once

#include "core/time.hpp"

#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <optional>
#include <string>

namespace ts::test {

// Sunday 15 March 2026, 10:00 UTC: after every date the tests type (1 and 2 March), in winter
// time in Europe.
inline const std::int64_t kPinnedNow = *parse_timestamp("2026-03-15T10:00:00Z");

class PinnedTime {
public:
    // `tz` as the TZ variable takes it: "UTC", "Europe/Amsterdam".
    explicit PinnedTime(std::int64_t now = kPinnedNow, const char* tz = "UTC") {
        if (const char* old = std::getenv("TZ")) old_tz_ = old;
        setenv("TZ", tz, 1);
        tzset();  // localtime_r and mktime read TZ only when told to
        old_clock_ = set_clock_for_testing([now] { return now; });
    }
    ~PinnedTime() {
        set_clock_for_testing(std::move(old_clock_));
        if (old_tz_) setenv("TZ", old_tz_->c_str(), 1);
        else unsetenv("TZ");
        tzset();
    }
    PinnedTime(const PinnedTime&) = delete;
    PinnedTime& operator=(const PinnedTime&) = delete;

private:
    std::optional<std::string> old_tz_;
    std::function<std::int64_t()> old_clock_;
};

}  // namespace ts::test
