// Dates and timestamps. Stored as text: dates "YYYY-MM-DD", timestamps ISO 8601 UTC
// "YYYY-MM-DDTHH:MM:SSZ". Parsing rejects impossible dates such as 2026-02-30.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace ts {

struct Date {
    int year = 1970, month = 1, day = 1;
    friend bool operator==(const Date&, const Date&) = default;
    friend auto operator<=>(const Date&, const Date&) = default;
};

std::optional<Date> parse_date(std::string_view text);
// The days of month `m` (1–12) of year `y`.
int days_in_month(int y, int m);
std::string format_date(const Date& d);
// Days since 1970-01-01 (proleptic Gregorian) and back.
std::int64_t days_from_civil(const Date& d);
Date civil_from_days(std::int64_t days);

// Seconds since the Unix epoch, UTC. Accepts "YYYY-MM-DDTHH:MM:SSZ" and "YYYY-MM-DDTHH:MM:SS+HH:MM".
std::optional<std::int64_t> parse_timestamp(std::string_view text);
std::string format_timestamp(std::int64_t unix_seconds);
// True for the one form format_timestamp writes ("2026-03-14T09:30:00Z"), as the store keeps
// timestamps: a text that reads as a time and is written back the same.
bool is_plain_timestamp(std::string_view text);
// Its instant, only for a text in that form (whose text sorts as its instant does).
std::optional<std::int64_t> parse_plain_timestamp(std::string_view text);

// Local time (TZ is honoured): "YYYY-MM-DD HH:MM" for display and entry.
std::string format_local(std::int64_t unix_seconds);
std::optional<std::int64_t> parse_local(std::string_view text);  // "YYYY-MM-DD HH:MM"
Date local_date(std::int64_t unix_seconds);
// The instant local midnight starts `d`.
std::int64_t local_midnight(const Date& d);

// What a person types into a date-time field, resolved to an instant:
//   "2026-03-01 14:05"  a local date and time
//   "14:05"              that time on the day of `base`; without a base, today, or yesterday
//                        when that time today is later than `now` (at 22:12 "23:55" is
//                        yesterday 23:55: what was typed is something that happened)
//   "nu" / "now"         `now`, rounded down to the minute
//   "+15"                `base` plus 15 minutes (needs a base)
// Returns nullopt for anything else, including an empty text.
std::optional<std::int64_t> parse_when(std::string_view text, std::optional<std::int64_t> base, std::int64_t now);

// parse_when() and how it read the text, so a field can say "yesterday 23:55".
struct When {
    std::int64_t at = 0;
    bool bare_time = false;  // the text was a time only ("23:55")
    bool yesterday = false;  // … taken as yesterday's, being later than now today
};
std::optional<When> resolve_when(std::string_view text, std::optional<std::int64_t> base, std::int64_t now);

// The current time as an ISO 8601 UTC timestamp. Tests may replace the clock.
std::string now_utc();
std::int64_t now_unix();
// For tests only: now_unix() and now_utc() ask `clock` instead of the system clock; an empty
// function restores the real clock. Returns the clock it replaces, so a guard can put it back
// (tests/pinned_time.hpp).
std::function<std::int64_t()> set_clock_for_testing(std::function<std::int64_t()> clock);

// Whether the local date of `at` lies in [from, to), the bounds as typed ("YYYY-MM-DD"); an
// empty or unreadable bound is open. The filters of the registers use it.
bool in_period(std::int64_t at, const std::string& from_text, const std::string& to_text);

}  // namespace ts
