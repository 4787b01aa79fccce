#include "core/time.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <limits>
#include <unordered_map>
#include <vector>
#include <utility>

namespace ts {
namespace {

std::function<std::int64_t()>& test_clock() {
    static std::function<std::int64_t()> clock;
    return clock;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }


// Reads exactly n decimal digits at s[pos].
std::optional<int> digits(std::string_view s, std::size_t pos, std::size_t n) {
    if (pos + n > s.size()) return std::nullopt;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

}  // namespace

int days_in_month(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return (m == 2 && is_leap(y)) ? 29 : kDays[m - 1];
}

std::optional<Date> parse_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto y = digits(s, 0, 4), m = digits(s, 5, 2), d = digits(s, 8, 2);
    if (!y || !m || !d || *y < 1900 || *m < 1 || *m > 12 || *d < 1 || *d > days_in_month(*y, *m)) return std::nullopt;
    return Date{*y, *m, *d};
}

std::string format_date(const Date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

// Howard Hinnant's civil calendar algorithms (public domain description), written out here.
std::int64_t days_from_civil(const Date& date) {
    const std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t mp = (date.month + 9) % 12;
    const std::int64_t doy = (153 * mp + 2) / 5 + date.day - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    return Date{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

std::optional<std::int64_t> parse_timestamp(std::string_view s) {
    if (s.size() < 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':') return std::nullopt;
    auto date = parse_date(s.substr(0, 10));
    auto hh = digits(s, 11, 2), mm = digits(s, 14, 2), ss = digits(s, 17, 2);
    if (!date || !hh || !mm || !ss || *hh > 23 || *mm > 59 || *ss > 59) return std::nullopt;
    std::int64_t offset = 0;
    std::string_view zone = s.substr(19);
    if (zone == "Z") {
        offset = 0;
    } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
        auto oh = digits(zone, 1, 2), om = digits(zone, 4, 2);
        if (!oh || !om || *oh > 14 || *om > 59) return std::nullopt;
        offset = (*oh * 3600 + *om * 60) * (zone[0] == '+' ? 1 : -1);
    } else {
        return std::nullopt;
    }
    return days_from_civil(*date) * 86400 + *hh * 3600 + *mm * 60 + *ss - offset;
}

namespace {

// "YYYY-MM-DDTHH:MM:SSZ" into `out` (20 characters) for a year of four digits; false otherwise.
bool plain_timestamp(std::int64_t t, char* out) {
    std::int64_t days = t / 86400, secs = t % 86400;
    if (secs < 0) {
        secs += 86400;
        --days;
    }
    const Date d = civil_from_days(days);
    if (d.year < 0 || d.year > 9999) return false;
    const auto two = [](char* at, int v) {
        at[0] = static_cast<char>('0' + v / 10);
        at[1] = static_cast<char>('0' + v % 10);
    };
    two(out, d.year / 100);
    two(out + 2, d.year % 100);
    out[4] = '-';
    two(out + 5, d.month);
    out[7] = '-';
    two(out + 8, d.day);
    out[10] = 'T';
    two(out + 11, static_cast<int>(secs / 3600));
    out[13] = ':';
    two(out + 14, static_cast<int>(secs / 60 % 60));
    out[16] = ':';
    two(out + 17, static_cast<int>(secs % 60));
    out[19] = 'Z';
    return true;
}

}  // namespace

std::string format_timestamp(std::int64_t t) {
    char plain[20];
    if (plain_timestamp(t, plain)) return std::string(plain, sizeof plain);
    std::int64_t days = t / 86400, secs = t % 86400;
    if (secs < 0) {
        secs += 86400;
        --days;
    }
    const Date d = civil_from_days(days);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.year, d.month, d.day,
                  static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
    return buf;
}

std::optional<std::int64_t> parse_plain_timestamp(std::string_view text) {
    if (text.size() != 20 || text[19] != 'Z') return std::nullopt;
    const auto t = parse_timestamp(text);
    char plain[20];
    if (!t || !plain_timestamp(*t, plain) || text != std::string_view(plain, sizeof plain)) return std::nullopt;
    return t;
}

bool is_plain_timestamp(std::string_view text) { return parse_plain_timestamp(text).has_value(); }

std::string format_local(std::int64_t t) {
    const std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
    return buf;
}

std::optional<std::int64_t> parse_local(std::string_view s) {
    if (s.size() != 16 || s[10] != ' ' || s[13] != ':') return std::nullopt;
    auto date = parse_date(s.substr(0, 10));
    auto hh = digits(s, 11, 2), mm = digits(s, 14, 2);
    if (!date || !hh || !mm || *hh > 23 || *mm > 59) return std::nullopt;
    std::tm tm{};
    tm.tm_year = date->year - 1900;
    tm.tm_mon = date->month - 1;
    tm.tm_mday = date->day;
    tm.tm_hour = *hh;
    tm.tm_min = *mm;
    tm.tm_isdst = -1;  // let the time zone decide summer time
    const std::time_t t = std::mktime(&tm);
    if (t == static_cast<std::time_t>(-1)) return std::nullopt;
    return static_cast<std::int64_t>(t);
}

namespace {

// The local midnights worked out so far, per day, and the last day local_date() found: mktime()
// reads the time zone files again on every call (a report asks for the same few hundred days
// thousands of times, an import for each of a million records). Forgotten when TZ changes.
struct ZoneDays {
    static constexpr std::int64_t kDays = 1 << 16;  // 1970 to 2149 by position, others hashed
    static constexpr std::int64_t kUnknown = std::numeric_limits<std::int64_t>::min();
    std::string zone;
    std::vector<std::int64_t> by_day;
    std::unordered_map<std::int64_t, std::int64_t> known;
    std::int64_t from = 1, to = 0;  // [from, to): the local day last found
    Date date;
};

ZoneDays& zone_days() {
    thread_local ZoneDays z;
    const char* tz = std::getenv("TZ");
    if (z.zone != (tz ? tz : "")) {
        z.zone = tz ? tz : "";
        z.known.clear();
        z.by_day.clear();
        z.from = 1;
        z.to = 0;
    }
    return z;
}

std::int64_t midnight_of(ZoneDays& z, const Date& d) {
    const std::int64_t day = days_from_civil(d);
    std::int64_t* slot = nullptr;
    if (day >= 0 && day < ZoneDays::kDays) {
        if (z.by_day.empty()) z.by_day.assign(ZoneDays::kDays, ZoneDays::kUnknown);
        slot = &z.by_day[static_cast<std::size_t>(day)];
        if (*slot != ZoneDays::kUnknown) return *slot;
    } else if (const auto it = z.known.find(day); it != z.known.end()) {
        return it->second;
    }
    std::tm tm{};
    tm.tm_year = d.year - 1900;
    tm.tm_mon = d.month - 1;
    tm.tm_mday = d.day;
    tm.tm_isdst = -1;
    const auto midnight = static_cast<std::int64_t>(std::mktime(&tm));
    if (slot) *slot = midnight;
    else z.known.emplace(day, midnight);
    return midnight;
}

}  // namespace

Date local_date(std::int64_t t) {
    // The day whose local midnight is at or before t, and the next day's after it: the date in
    // UTC, the day before or the day after (no zone is a day away from UTC).
    ZoneDays& z = zone_days();
    if (t >= z.from && t < z.to) return z.date;
    std::int64_t day = t / 86400 - (t % 86400 < 0 ? 1 : 0);
    if (t < midnight_of(z, civil_from_days(day))) --day;
    else if (t >= midnight_of(z, civil_from_days(day + 1))) ++day;
    z.date = civil_from_days(day);
    z.from = midnight_of(z, z.date);
    z.to = midnight_of(z, civil_from_days(day + 1));
    return z.date;
}

std::int64_t local_midnight(const Date& d) { return midnight_of(zone_days(), d); }

std::optional<When> resolve_when(std::string_view text, std::optional<std::int64_t> base, std::int64_t now) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    if (text.empty()) return std::nullopt;
    if (text == "nu" || text == "now" || text == "Nu" || text == "Now") return When{now - now % 60};
    if (text.front() == '+') {
        if (!base || text.size() < 2 || text.size() > 6) return std::nullopt;
        std::int64_t minutes = 0;
        for (char c : text.substr(1)) {
            if (c < '0' || c > '9') return std::nullopt;
            minutes = minutes * 10 + (c - '0');
        }
        return When{*base + minutes * 60};
    }
    if (text.size() == 5 && text[2] == ':') {
        const std::string time(text);
        if (base) {
            const auto at = parse_local(format_date(local_date(*base)) + " " + time);
            if (!at) return std::nullopt;
            return When{*at, true, false};
        }
        const Date today = local_date(now);
        const auto at = parse_local(format_date(today) + " " + time);
        if (!at) return std::nullopt;
        if (*at <= now) return When{*at, true, false};
        // Later than now today: it happened yesterday. Step the calendar day, not 24 hours, so a
        // change of summer time in between does not move the clock time.
        const auto before = parse_local(format_date(civil_from_days(days_from_civil(today) - 1)) + " " + time);
        if (!before) return std::nullopt;
        return When{*before, true, true};
    }
    if (const auto at = parse_local(text)) return When{*at};
    return std::nullopt;
}

std::optional<std::int64_t> parse_when(std::string_view text, std::optional<std::int64_t> base, std::int64_t now) {
    if (const auto w = resolve_when(text, base, now)) return w->at;
    return std::nullopt;
}

std::int64_t now_unix() {
    if (test_clock()) return test_clock()();
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string now_utc() { return format_timestamp(now_unix()); }

std::function<std::int64_t()> set_clock_for_testing(std::function<std::int64_t()> clock) {
    return std::exchange(test_clock(), std::move(clock));
}

bool in_period(std::int64_t at, const std::string& from_text, const std::string& to_text) {
    const Date d = local_date(at);
    if (auto from = parse_date(from_text); from && d < *from) return false;
    if (auto to = parse_date(to_text); to && !(d < *to)) return false;
    return true;
}

}  // namespace ts
