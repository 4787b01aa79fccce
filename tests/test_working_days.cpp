// Working days and the deadline of a reportable incident (Jeugdwet art. 4.1.8, Leidraad
// meldingen jeugd): reported within 3 working days of the day it occurred, or of the day an
// internal investigation (at most 6 weeks) concluded. Every date below is worked out by hand
// from a calendar; the holidays come from the shipped data/holidays.json.
#include "core/content.hpp"
#include "core/rules.hpp"
#include "core/working_days.hpp"
#include "pinned_time.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace ts;

namespace {

const Content& content() {
    static const Content c = load_content(TEAMSPIEGEL_TEST_DATA_DIR);
    return c;
}
const Holidays& holidays() { return content().holidays; }

Date d(const char* text) {
    const auto date = parse_date(text);
    REQUIRE(date);
    return *date;
}

std::string due_after(const char* occurred) { return format_date(report_due(d(occurred), std::nullopt, holidays())); }

// Easter Sunday by Gauss's rule with its two exceptions: written independently of the script
// that wrote the file (which used the anonymous Gregorian computus).
Date gauss_easter(int y) {
    const int a = y % 19, b = y % 4, c = y % 7, k = y / 100;
    const int p = (13 + 8 * k) / 25, q = k / 4;
    const int m = (15 - p + k - q) % 30, n = (4 + k - q) % 7;
    const int dd = (19 * a + m) % 30, e = (2 * b + 4 * c + 6 * dd + n) % 7;
    if (dd == 29 && e == 6) return Date{y, 4, 19};
    if (dd == 28 && e == 6 && (11 * m + 11) % 30 < 19) return Date{y, 4, 18};
    return civil_from_days(days_from_civil(Date{y, 3, 22}) + dd + e);
}

Date plus(const Date& x, int days) { return civil_from_days(days_from_civil(x) + days); }

// A reportable incident on `occurred_at` (UTC; the tests run in UTC unless they say).
Incident reportable(const char* occurred_at) {
    Incident i;
    i.id = "i1";
    i.team_id = "t1";
    i.occurred_at = occurred_at;
    i.category = "aggression_physical_staff";
    i.severity = 3;
    i.description = "Slaan naar een medewerker.";
    i.reportable = true;
    return i;
}

using W = IncidentWarning;
std::vector<W> warnings(const Incident& i, const char* today) { return incident_warnings(i, holidays(), d(today)); }

}  // namespace

TEST_CASE("the day of the week", "[working_days]") {
    CHECK(iso_weekday(d("1970-01-01")) == 4);  // a Thursday
    CHECK(iso_weekday(d("2026-03-06")) == 5);  // Friday
    CHECK(iso_weekday(d("2026-03-07")) == 6);  // Saturday
    CHECK(iso_weekday(d("2026-03-15")) == 7);  // Sunday
    CHECK(iso_weekday(d("2026-03-16")) == 1);  // Monday
    CHECK(iso_weekday(d("1969-12-31")) == 3);  // a Wednesday, before day 0
}

TEST_CASE("working days are Monday to Friday without the public holidays", "[working_days]") {
    CHECK(is_working_day(d("2026-03-06"), holidays()));        // Friday
    CHECK_FALSE(is_working_day(d("2026-03-07"), holidays()));  // Saturday
    CHECK_FALSE(is_working_day(d("2026-03-08"), holidays()));  // Sunday
    CHECK(is_working_day(d("2026-04-03"), holidays()));        // Goede Vrijdag: a working day
    CHECK_FALSE(is_working_day(d("2026-04-06"), holidays()));  // Tweede Paasdag, a Monday
    CHECK_FALSE(is_working_day(d("2026-04-27"), holidays()));  // Koningsdag, a Monday
    CHECK_FALSE(is_working_day(d("2026-05-05"), holidays()));  // Bevrijdingsdag, a Tuesday
    CHECK_FALSE(is_working_day(d("2026-05-14"), holidays()));  // Hemelvaartsdag, a Thursday
    CHECK_FALSE(is_working_day(d("2026-12-25"), holidays()));  // Eerste Kerstdag, a Friday
    CHECK(is_working_day(d("2026-04-06"), Holidays{}));       // without the holidays, a Monday is one
    CHECK(add_working_days(d("2026-03-06"), 0, holidays()) == d("2026-03-06"));
    CHECK(add_working_days(d("2026-03-06"), 1, holidays()) == d("2026-03-09"));
}

TEST_CASE("the report is due 3 working days after the day of the incident", "[working_days][incident_deadline]") {
    // Across a weekend: Friday 6 March -> Mon 9 (1), Tue 10 (2), Wed 11 (3).
    CHECK(due_after("2026-03-06") == "2026-03-11");
    // A Monday: Tue 10 (1), Wed 11 (2), Thu 12 (3).
    CHECK(due_after("2026-03-09") == "2026-03-12");
    // On a Saturday: Mon 9 (1), Tue 10 (2), Wed 11 (3).
    CHECK(due_after("2026-03-07") == "2026-03-11");
    // Easter 2026 is Sunday 5 April. Thursday 2 April -> Fri 3 (1, Goede Vrijdag is no
    // holiday), Sat 4, Sun 5, Mon 6 (Tweede Paasdag), Tue 7 (2), Wed 8 (3).
    CHECK(due_after("2026-04-02") == "2026-04-08");
    // Without the holidays it would be Tuesday 7 April: the file is what moves it.
    CHECK(format_date(report_due(d("2026-04-02"), std::nullopt, Holidays{})) == "2026-04-07");
    // Koningsdag on a Monday (27 April 2026): Friday 24 April -> Sat, Sun, Mon 27 (holiday),
    // Tue 28 (1), Wed 29 (2), Thu 30 (3).
    CHECK(due_after("2026-04-24") == "2026-04-30");
    // Christmas 2026: Fri 25 and Sat 26 December. Wednesday 23 -> Thu 24 (1), Fri 25 (holiday),
    // Sat, Sun, Mon 28 (2), Tue 29 (3).
    CHECK(due_after("2026-12-23") == "2026-12-29");
    // Across New Year: Tuesday 29 December -> Wed 30 (1), Thu 31 (2), Fri 1 January
    // (Nieuwjaarsdag), Sat, Sun, Mon 4 January 2027 (3).
    CHECK(due_after("2026-12-29") == "2027-01-04");
    // Bevrijdingsdag (Tue 5 May 2026): Monday 4 May -> Wed 6 (1), Thu 7 (2), Fri 8 (3).
    CHECK(due_after("2026-05-04") == "2026-05-08");
}

TEST_CASE("after an internal investigation the report is due 3 working days after its conclusion", "[working_days][incident_deadline]") {
    // Occurred Friday 6 March; concluded Thursday 16 April -> Fri 17 (1), Mon 20 (2), Tue 21 (3).
    CHECK(report_due(d("2026-03-06"), d("2026-04-16"), holidays()) == d("2026-04-21"));
    // The investigation may take 6 weeks: 6 March + 42 days = Friday 17 April.
    CHECK(investigation_due(d("2026-03-06")) == d("2026-04-17"));
    CHECK(investigation_due(d("2026-12-29")) == d("2027-02-09"));
}

TEST_CASE("not reported in time: the due day itself is in time and the day after is late", "[rules][warnings][incident_deadline]") {
    const test::PinnedTime utc;
    Incident i = reportable("2026-03-06T10:00:00Z");  // Friday: due Wednesday 11 March
    CHECK(warnings(i, "2026-03-06").empty());
    CHECK(warnings(i, "2026-03-11").empty());  // the due day: not late
    CHECK(warnings(i, "2026-03-12") == std::vector<W>{W::not_reported_in_time});  // the day after
    REQUIRE(report_due(i, holidays()));
    CHECK(*report_due(i, holidays()) == d("2026-03-11"));

    i.reported_on = "2026-03-11";  // on the due day
    CHECK(warnings(i, "2026-03-12").empty());
    CHECK(warnings(i, "2026-06-01").empty());  // reported: no investigation warning either
    i.reported_on = "2026-03-12";  // a day late stays late
    CHECK(warnings(i, "2026-03-12") == std::vector<W>{W::not_reported_in_time});
    CHECK(warnings(i, "2026-06-01") == std::vector<W>{W::not_reported_in_time});

    // Only reportable incidents have a deadline.
    i.reportable = false;
    i.reported_on.reset();
    CHECK(warnings(i, "2026-06-01").empty());
    CHECK_FALSE(report_due(i, holidays()));
}

TEST_CASE("the day of the incident is its local date", "[rules][warnings][incident_deadline]") {
    // Thursday 5 March 23:30 UTC is Friday 6 March 00:30 in Amsterdam.
    Incident i = reportable("2026-03-05T23:30:00Z");
    {
        const test::PinnedTime utc;  // Thursday: Fri 6 (1), Mon 9 (2), Tue 10 (3)
        CHECK(*report_due(i, holidays()) == d("2026-03-10"));
        CHECK(warnings(i, "2026-03-11") == std::vector<W>{W::not_reported_in_time});
    }
    {
        const test::PinnedTime amsterdam(test::kPinnedNow, "Europe/Amsterdam");  // Friday: due Wednesday 11
        CHECK(*report_due(i, holidays()) == d("2026-03-11"));
        CHECK(warnings(i, "2026-03-11").empty());
    }
}

TEST_CASE("an internal investigation: concluded late or not at all", "[rules][warnings][incident_deadline]") {
    const test::PinnedTime utc;
    Incident i = reportable("2026-03-06T10:00:00Z");  // investigation at most until Friday 17 April

    SECTION("concluded on the last day, reported 3 working days later: no warning") {
        i.investigation_concluded_on = "2026-04-17";  // Friday -> Mon 20 (1), Tue 21 (2), Wed 22 (3)
        CHECK(*report_due(i, holidays()) == d("2026-04-22"));
        CHECK(warnings(i, "2026-04-22").empty());  // not reported yet, the due day
        CHECK(warnings(i, "2026-04-23") == std::vector<W>{W::not_reported_in_time});
        i.reported_on = "2026-04-22";
        CHECK(warnings(i, "2026-05-01").empty());
    }
    SECTION("concluded a working day late, reported in time after it") {
        i.investigation_concluded_on = "2026-04-20";  // Monday -> Tue 21 (1), Wed 22 (2), Thu 23 (3)
        i.reported_on = "2026-04-23";
        CHECK(warnings(i, "2026-05-01") == std::vector<W>{W::investigation_over_6_weeks});
    }
    SECTION("neither concluded nor reported: both warnings, in their order") {
        // While it runs, the report counts from the incident (an investigation is known once
        // its conclusion is recorded): late from Thursday 12 March.
        CHECK(warnings(i, "2026-04-17") == std::vector<W>{W::not_reported_in_time});
        CHECK(warnings(i, "2026-04-18") == std::vector<W>{W::not_reported_in_time, W::investigation_over_6_weeks});
    }
    SECTION("both late, recorded: the same order") {
        i.investigation_concluded_on = "2026-04-20";  // due Thursday 23 April
        i.reported_on = "2026-04-24";
        CHECK(warnings(i, "2026-05-01") == std::vector<W>{W::not_reported_in_time, W::investigation_over_6_weeks});
    }
    SECTION("reported without a recorded conclusion after 6 weeks: only the late report") {
        i.reported_on = "2026-04-20";
        CHECK(warnings(i, "2026-05-01") == std::vector<W>{W::not_reported_in_time});
    }
}

TEST_CASE("incident warnings have report keys and message keys", "[rules][warnings][incident_deadline]") {
    CHECK(to_string(W::not_reported_in_time) == "not_reported_in_time");
    CHECK(to_string(W::investigation_over_6_weeks) == "investigation_over_6_weeks");
    CHECK(message_key(W::not_reported_in_time) == "warning.incident.not_reported_in_time");
    CHECK(message_key(W::investigation_over_6_weeks) == "warning.incident.investigation_over_6_weeks");
    for (W w : {W::not_reported_in_time, W::investigation_over_6_weeks}) {
        CHECK(content().translations.nl.count(message_key(w)));
        CHECK(content().translations.nl.count(message_key(w) + ".short"));
    }
}

TEST_CASE("the holidays file lists the Dutch public holidays of 2015 to 2035", "[working_days][content]") {
    const Holidays& h = holidays();
    REQUIRE(std::is_sorted(h.days.begin(), h.days.end()));
    std::set<std::int64_t> listed(h.days.begin(), h.days.end());
    CHECK(listed.size() == h.days.size());
    // Easter Sundays from almanacs, against the rule used below.
    CHECK(gauss_easter(2019) == d("2019-04-21"));
    CHECK(gauss_easter(2024) == d("2024-03-31"));
    CHECK(gauss_easter(2025) == d("2025-04-20"));
    CHECK(gauss_easter(2026) == d("2026-04-05"));
    for (int y = 2015; y <= 2035; ++y) {
        INFO(y);
        const Date easter = gauss_easter(y);
        Date king{y, 4, 27};
        if (iso_weekday(king) == 7) king = Date{y, 4, 26};
        std::set<std::int64_t> expected;
        for (const Date& x : {Date{y, 1, 1}, easter, plus(easter, 1), king, Date{y, 5, 5}, plus(easter, 39), plus(easter, 49),
                              plus(easter, 50), Date{y, 12, 25}, Date{y, 12, 26}})
            expected.insert(days_from_civil(x));
        std::set<std::int64_t> in_year;
        for (std::int64_t z : h.days)
            if (civil_from_days(z).year == y) in_year.insert(z);
        CHECK(in_year == expected);
        CHECK_FALSE(h.contains(plus(easter, -2)));  // Goede Vrijdag
    }
    CHECK(h.contains(d("2025-04-26")));  // Koningsdag on Saturday 26 April: the 27th was a Sunday
    CHECK_FALSE(h.contains(d("2025-04-27")));
}
