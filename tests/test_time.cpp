#include "core/time.hpp"
#include "core/uuid.hpp"
#include "pinned_time.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <set>
#include <string>

using namespace ts;

TEST_CASE("dates: real calendar dates parse, impossible ones do not", "[time]") {
    CHECK(parse_date("2026-11-22") == Date{2026, 11, 22});
    CHECK(parse_date("2024-02-29").has_value());   // leap year
    CHECK_FALSE(parse_date("2023-02-29"));         // not a leap year
    CHECK_FALSE(parse_date("2026-02-30"));
    CHECK_FALSE(parse_date("2026-04-31"));
    CHECK_FALSE(parse_date("2026-13-01"));
    CHECK_FALSE(parse_date("2026-00-10"));
    CHECK_FALSE(parse_date("2026-1-5"));
    CHECK_FALSE(parse_date("22-11-2026"));
    CHECK_FALSE(parse_date(""));
    CHECK(parse_date("2000-02-29").has_value());   // divisible by 400
    CHECK_FALSE(parse_date("1900-02-29"));         // divisible by 100, not 400
}

TEST_CASE("dates: day numbers match the Unix calendar", "[time]") {
    // Known values (Python: (date(y,m,d) - date(1970,1,1)).days).
    CHECK(days_from_civil({1970, 1, 1}) == 0);
    CHECK(days_from_civil({2000, 3, 1}) == 11017);
    CHECK(days_from_civil({2026, 11, 22}) == 20779);
    CHECK(days_from_civil({1969, 12, 31}) == -1);
    for (std::int64_t d = -800; d < 40000; d += 37) CHECK(days_from_civil(civil_from_days(d)) == d);
    CHECK(format_date(civil_from_days(20779)) == "2026-11-22");
}

TEST_CASE("timestamps: ISO 8601 UTC and offsets", "[time]") {
    CHECK(parse_timestamp("2026-03-01T14:05:00Z") == 1772373900);  // calendar.timegm
    CHECK(parse_timestamp("2026-03-01T15:05:00+01:00") == 1772373900);
    CHECK(parse_timestamp("2026-03-01T13:05:00-01:00") == 1772373900);
    CHECK(format_timestamp(1772373900) == "2026-03-01T14:05:00Z");
    CHECK_FALSE(parse_timestamp("2026-03-01 14:05:00Z"));
    CHECK_FALSE(parse_timestamp("2026-03-01T24:00:00Z"));
    CHECK_FALSE(parse_timestamp("2026-02-30T10:00:00Z"));
    CHECK_FALSE(parse_timestamp("2026-03-01T14:05:00"));  // no zone: ambiguous
    CHECK_FALSE(parse_timestamp("2026-03-01T14:05:00+1:00"));
}

TEST_CASE("clock can be fixed for tests", "[time]") {
    const auto before = set_clock_for_testing([] { return std::int64_t{1772373900}; });
    CHECK_FALSE(before);  // the real clock
    CHECK(now_utc() == "2026-03-01T14:05:00Z");
    const auto fixed = set_clock_for_testing({});
    REQUIRE(fixed);
    CHECK(fixed() == 1772373900);
    CHECK(now_unix() > 1772373900);
}

TEST_CASE("a pinned clock and time zone are put back as they were", "[time]") {
    const auto zone = [] {
        const char* tz = std::getenv("TZ");
        return tz ? std::optional<std::string>(tz) : std::nullopt;
    };
    const auto keep = zone();
    const std::int64_t noon = *parse_timestamp("2026-07-01T12:00:00Z");
    SECTION("TZ unset before: unset after") {
        unsetenv("TZ");
        tzset();
        {
            const test::PinnedTime pinned(noon, "Europe/Amsterdam");
            CHECK(now_unix() == noon);
            CHECK(zone() == std::optional<std::string>("Europe/Amsterdam"));
            CHECK(format_local(now_unix()) == "2026-07-01 14:00");  // summer time, read from TZ
        }
        CHECK_FALSE(zone());
        CHECK(now_unix() != noon);
    }
    SECTION("nested: each puts back the one before") {
        setenv("TZ", "America/New_York", 1);
        tzset();
        {
            const test::PinnedTime outer(noon, "UTC");
            {
                const test::PinnedTime inner(noon + 3600, "Europe/Amsterdam");
                CHECK(now_unix() == noon + 3600);
                CHECK(format_local(noon) == "2026-07-01 14:00");
            }
            CHECK(now_unix() == noon);
            CHECK(zone() == std::optional<std::string>("UTC"));
            CHECK(format_local(noon) == "2026-07-01 12:00");  // tzset() was called again
        }
        CHECK(zone() == std::optional<std::string>("America/New_York"));
        CHECK(format_local(noon) == "2026-07-01 08:00");
        CHECK(now_unix() != noon);
    }
    keep ? setenv("TZ", keep->c_str(), 1) : unsetenv("TZ");
    tzset();
}

TEST_CASE("uuids are version 4, well-formed and distinct", "[uuid]") {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const std::string u = new_uuid();
        REQUIRE(is_uuid(u));
        CHECK(u[14] == '4');
        CHECK((u[19] == '8' || u[19] == '9' || u[19] == 'a' || u[19] == 'b'));
        seen.insert(u);
    }
    CHECK(seen.size() == 1000);
    CHECK_FALSE(is_uuid("not-a-uuid"));
    CHECK_FALSE(is_uuid("123e4567-e89b-12d3-a456-42661417400g"));
}

TEST_CASE("typed date-times: full, time only, now and +minutes", "[time]") {
    const test::PinnedTime amsterdam(*parse_timestamp("2026-03-20T12:34:56Z"), "Europe/Amsterdam");
    const std::int64_t now = now_unix();
    const std::int64_t base = *parse_timestamp("2026-03-01T13:05:00Z");  // 14:05 in Amsterdam (winter time)
    CHECK(parse_when("2026-03-01 14:05", std::nullopt, now) == base);
    CHECK(parse_when("  2026-03-01 14:05 ", std::nullopt, now) == base);
    CHECK(parse_when("14:20", base, now) == base + 15 * 60);
    CHECK(parse_when("+15", base, now) == base + 15 * 60);
    CHECK(parse_when("+90", base, now) == base + 90 * 60);
    CHECK(parse_when("nu", base, now) == *parse_timestamp("2026-03-20T12:34:00Z"));
    CHECK(parse_when("now", std::nullopt, now) == *parse_timestamp("2026-03-20T12:34:00Z"));
    CHECK_FALSE(parse_when("+15", std::nullopt, now));
    CHECK_FALSE(parse_when("+1x", base, now));
    CHECK_FALSE(parse_when("", base, now));
    CHECK_FALSE(parse_when("gisteren", base, now));
    CHECK_FALSE(parse_when("2026-02-30 10:00", base, now));
    CHECK_FALSE(parse_when("25:00", base, now));
    // Summer time: 1 July 14:05 in Amsterdam is 12:05 UTC.
    CHECK(parse_when("2026-07-01 14:05", std::nullopt, now) == *parse_timestamp("2026-07-01T12:05:00Z"));
    CHECK(format_local(*parse_timestamp("2026-07-01T12:05:00Z")) == "2026-07-01 14:05");
}

TEST_CASE("typed date-times: a bare time later than now is yesterday", "[time][when]") {
    // 22:12 in Amsterdam on 20 March (winter time, UTC+1).
    const test::PinnedTime evening(*parse_timestamp("2026-03-20T21:12:30Z"), "Europe/Amsterdam");
    const std::int64_t now = now_unix();
    CHECK(parse_when("23:55", std::nullopt, now) == *parse_timestamp("2026-03-19T22:55:00Z"));
    CHECK(parse_when("22:13", std::nullopt, now) == *parse_timestamp("2026-03-19T21:13:00Z"));
    // Not later than now: today.
    CHECK(parse_when("22:12", std::nullopt, now) == *parse_timestamp("2026-03-20T21:12:00Z"));
    CHECK(parse_when("08:00", std::nullopt, now) == *parse_timestamp("2026-03-20T07:00:00Z"));
    const auto y = resolve_when("23:55", std::nullopt, now);
    REQUIRE(y);
    CHECK(y->bare_time);
    CHECK(y->yesterday);
    const auto t = resolve_when("08:00", std::nullopt, now);
    REQUIRE(t);
    CHECK(t->bare_time);
    CHECK_FALSE(t->yesterday);
    CHECK_FALSE(resolve_when("2026-03-20 23:55", std::nullopt, now)->yesterday);
    // A full date and time later than now stays what it says (validation calls it the future).
    CHECK(parse_when("2026-03-20 23:55", std::nullopt, now) == *parse_timestamp("2026-03-20T22:55:00Z"));
}

TEST_CASE("typed date-times: just after midnight a late time is the evening before", "[time][when]") {
    // 00:05 on 21 March in Amsterdam (23:05 UTC on the 20th).
    const test::PinnedTime night(*parse_timestamp("2026-03-20T23:05:00Z"), "Europe/Amsterdam");
    const std::int64_t now = now_unix();
    CHECK(parse_when("23:50", std::nullopt, now) == *parse_timestamp("2026-03-20T22:50:00Z"));
    CHECK(format_local(*parse_when("23:50", std::nullopt, now)) == "2026-03-20 23:50");
    CHECK(parse_when("00:03", std::nullopt, now) == *parse_timestamp("2026-03-20T23:03:00Z"));
    CHECK(parse_when("00:05", std::nullopt, now) == *parse_timestamp("2026-03-20T23:05:00Z"));
    CHECK(format_local(*parse_when("00:06", std::nullopt, now)) == "2026-03-20 00:06");
    // Relative to another time nothing changes: that day, or minutes after it.
    const std::int64_t start = *parse_timestamp("2026-03-20T22:40:00Z");  // 23:40 on the 20th
    CHECK(parse_when("23:55", start, now) == *parse_timestamp("2026-03-20T22:55:00Z"));
    CHECK(parse_when("+15", start, now) == *parse_timestamp("2026-03-20T22:55:00Z"));
    CHECK_FALSE(resolve_when("23:55", start, now)->yesterday);
}

TEST_CASE("typed date-times: yesterday is the calendar day before across summer time", "[time][when]") {
    // 29 March 2026, 10:00 summer time in Amsterdam; the clocks went forward at 02:00 that night.
    const test::PinnedTime morning(*parse_timestamp("2026-03-29T08:00:00Z"), "Europe/Amsterdam");
    // Yesterday 23:00 was still winter time (UTC+1), not 24 hours before today's 23:00.
    CHECK(parse_when("23:00", std::nullopt, now_unix()) == *parse_timestamp("2026-03-28T22:00:00Z"));
    CHECK(format_local(*parse_when("23:00", std::nullopt, now_unix())) == "2026-03-28 23:00");
}

TEST_CASE("the local date of an instant is the calendar date localtime_r gives in every zone", "[time]") {
    // local_date() works the date out from local midnights instead of asking localtime_r; here
    // it is held to localtime_r for every 17 minutes of two years, across the changes to and
    // from summer time, in zones east and west of UTC and one a quarter hour off it.
    for (const char* zone : {"UTC", "Europe/Amsterdam", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kathmandu"}) {
        const test::PinnedTime pin(test::kPinnedNow, zone);
        INFO(zone);
        std::int64_t mismatches = 0;
        for (std::int64_t t = *parse_timestamp("2025-01-01T00:00:00Z"); t < *parse_timestamp("2027-01-01T00:00:00Z"); t += 17 * 60) {
            const std::time_t tt = static_cast<std::time_t>(t);
            std::tm tm{};
            localtime_r(&tt, &tm);
            mismatches += local_date(t) != Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
        }
        CHECK(mismatches == 0);
    }
}

TEST_CASE("timestamps are written as gmtime and strftime write them, and only that form is plain", "[time]") {
    // Every 7919th minute from 1900 to 2200, and times before 1970.
    for (std::int64_t t = -2208988800LL; t < 7258118400LL; t += 7919 * 60 + 13) {
        const std::time_t tt = static_cast<std::time_t>(t);
        std::tm tm{};
        REQUIRE(gmtime_r(&tt, &tm) != nullptr);
        char expected[32];
        std::strftime(expected, sizeof expected, "%Y-%m-%dT%H:%M:%SZ", &tm);
        REQUIRE(format_timestamp(t) == expected);
        REQUIRE(is_plain_timestamp(expected));
    }
    CHECK(is_plain_timestamp("2026-03-01T14:05:00Z"));
    CHECK_FALSE(is_plain_timestamp("2026-03-01T14:05:00+00:00"));
    CHECK_FALSE(is_plain_timestamp("2026-03-01T14:05:00z"));
    CHECK_FALSE(is_plain_timestamp("2026-02-30T10:00:00Z"));
    CHECK_FALSE(is_plain_timestamp("2026-03-01T24:00:00Z"));
    CHECK_FALSE(is_plain_timestamp("2026-03-01 14:05:00Z"));
    CHECK_FALSE(is_plain_timestamp("2026-3-01T14:05:00ZZ"));
    CHECK_FALSE(is_plain_timestamp(""));
}
