#include "core/rules.hpp"
#include "pinned_time.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace ts;

namespace {

const Content& content() {
    static const Content c = load_content(TEAMSPIEGEL_TEST_DATA_DIR);
    return c;
}

// Fixed clock for every case: 2026-03-20 12:00 UTC. Local time is UTC in these tests: each
// case holds a PinnedTime, which puts the zone back when it ends.
const std::int64_t kNow = *parse_timestamp("2026-03-20T12:00:00Z");

Youth youth(int age = 15, CareSetting setting = CareSetting::closed) {
    Youth y;
    y.id = "y1";
    y.team_id = "t1";
    y.code = "J-07";
    y.age_at_admission = age;
    y.admitted_on = "2026-01-05";
    y.setting = setting;
    return y;
}

// An emergency physical hold on 1 March, 14:00 to 14:20, consent and debrief given.
Measure measure() {
    Measure m;
    m.id = "m1";
    m.team_id = "t1";
    m.youth_id = "y1";
    m.type = "physical_hold";
    m.started_at = "2026-03-01T14:00:00Z";
    m.ended_at = "2026-03-01T14:20:00Z";
    m.reason = "Acuut gevaar";
    m.emergency = true;
    m.consent_by = "Gedragswetenschapper";
    m.consent_at = "2026-03-01T15:00:00Z";
    m.debrief_at = "2026-03-02T10:00:00Z";
    return m;
}

std::string end_after(const std::string& start, std::int64_t seconds) { return format_timestamp(*parse_timestamp(start) + seconds); }

bool problem(const std::vector<FieldProblem>& ps, const std::string& field, const std::string& key) {
    return std::any_of(ps.begin(), ps.end(), [&](const FieldProblem& p) { return p.field == field && p.message_key == key; });
}

bool warned(const std::vector<MeasureWarning>& ws, MeasureWarning w) { return std::find(ws.begin(), ws.end(), w) != ws.end(); }

}  // namespace

TEST_CASE("a correct measure has no problems and no warnings", "[rules]") {
    const test::PinnedTime utc(kNow);
    const Youth y = youth();
    CHECK(validate_measure(measure(), content(), &y, kNow).empty());
    CHECK(measure_warnings(measure(), content(), &y, kNow).empty());
}

TEST_CASE("measure validation: each rule blocks, the case just inside passes", "[rules][validation]") {
    const test::PinnedTime utc(kNow);
    const Youth y = youth();
    Measure m = measure();

    SECTION("end before start") {
        m.ended_at = "2026-03-01T13:59:00Z";
        CHECK(problem(validate_measure(m, content(), &y, kNow), "ended_at", "error.measure.end_before_start"));
        m.ended_at = m.started_at;  // zero length is allowed
        CHECK(validate_measure(m, content(), &y, kNow).empty());
    }
    SECTION("end in the future") {
        m.ended_at = format_timestamp(kNow + 60);
        CHECK(problem(validate_measure(m, content(), &y, kNow), "ended_at", "error.in_future"));
        m.ended_at = format_timestamp(kNow);
        CHECK(validate_measure(m, content(), &y, kNow).empty());
    }
    SECTION("start in the future") {
        m.started_at = format_timestamp(kNow + 60);
        m.ended_at.reset();
        CHECK(problem(validate_measure(m, content(), &y, kNow), "started_at", "error.in_future"));
    }
    SECTION("a point-in-time type with an end") {
        m.type = "room_search";
        CHECK(problem(validate_measure(m, content(), &y, kNow), "ended_at", "error.measure.end_not_allowed"));
        m.ended_at.reset();
        CHECK(validate_measure(m, content(), &y, kNow).empty());
    }
    SECTION("missing reason for other") {
        m.type = "other";
        m.reason = "  ";
        CHECK(problem(validate_measure(m, content(), &y, kNow), "reason", "error.measure.reason_required"));
        m.reason = "Telefoon ingenomen";
        CHECK(validate_measure(m, content(), &y, kNow).empty());
        m.type = "physical_hold";  // other types need no reason to be valid
        m.reason.clear();
        CHECK(validate_measure(m, content(), &y, kNow).empty());
    }
    SECTION("unknown youth") {
        CHECK(problem(validate_measure(m, content(), nullptr, kNow), "youth_id", "error.measure.youth_unknown"));
    }
    SECTION("youth not in care on that date") {
        Youth later = youth();
        later.admitted_on = "2026-03-02";  // admitted the day after the measure
        CHECK(problem(validate_measure(m, content(), &later, kNow), "youth_id", "error.measure.youth_not_in_care"));
        later.admitted_on = "2026-03-01";  // admitted that day: in care
        CHECK(validate_measure(m, content(), &later, kNow).empty());
        Youth gone = youth();
        gone.discharged_on = "2026-02-28";
        CHECK(problem(validate_measure(m, content(), &gone, kNow), "youth_id", "error.measure.youth_not_in_care"));
        gone.discharged_on = "2026-03-01";  // the day of discharge still counts
        CHECK(validate_measure(m, content(), &gone, kNow).empty());
    }
    SECTION("unknown measure type") {
        m.type = "hugging";
        CHECK(problem(validate_measure(m, content(), &y, kNow), "type", "error.measure.type_unknown"));
    }
    SECTION("an impossible timestamp") {
        m.started_at = "2026-02-30T10:00:00Z";
        CHECK(problem(validate_measure(m, content(), &y, kNow), "started_at", "error.timestamp_invalid"));
    }
    SECTION("text over the limit") {
        m.notes = std::string(kMaxFreeText + 1, 'x');
        CHECK(problem(validate_measure(m, content(), &y, kNow), "notes", "error.text_too_long"));
        m.notes = std::string(kMaxFreeText, 'x');
        CHECK(validate_measure(m, content(), &y, kNow).empty());
    }
}

TEST_CASE("rule warning: emergency over 12 hours without consent", "[rules][warnings]") {
    const test::PinnedTime utc(kNow);
    const Youth y = youth();
    Measure m = measure();
    m.type = "seclusion_cell";
    m.consent_by.reset();
    m.consent_at.reset();
    m.ended_at = end_after(m.started_at, 11 * kHour + 59 * 60);  // 11:59
    CHECK_FALSE(warned(measure_warnings(m, content(), &y, kNow), MeasureWarning::emergency_without_consent));
    m.ended_at = end_after(m.started_at, 12 * kHour);  // exactly 12:00 is not longer than 12 hours
    CHECK_FALSE(warned(measure_warnings(m, content(), &y, kNow), MeasureWarning::emergency_without_consent));
    m.ended_at = end_after(m.started_at, 12 * kHour + 60);  // 12:01
    CHECK(warned(measure_warnings(m, content(), &y, kNow), MeasureWarning::emergency_without_consent));
    m.consent_by = "B.";
    m.consent_at = end_after(m.started_at, kHour);
    CHECK_FALSE(warned(measure_warnings(m, content(), &y, kNow), MeasureWarning::emergency_without_consent));
    // In the care plan (not an emergency): no consent rule.
    m.consent_at.reset();
    m.emergency = false;
    m.in_care_plan = true;
    CHECK_FALSE(warned(measure_warnings(m, content(), &y, kNow), MeasureWarning::emergency_without_consent));
    // An ongoing emergency counts up to now.
    m.emergency = true;
    m.in_care_plan = false;
    m.ended_at.reset();
    m.started_at = format_timestamp(kNow - 12 * kHour - 60);
    CHECK(warned(measure_warnings(m, content(), &y, kNow), MeasureWarning::emergency_without_consent));
}

TEST_CASE("rule warning: emergency measure longer than 3 days", "[rules][warnings]") {
    const test::PinnedTime utc(kNow);
    const Youth y = youth();
    Measure m = measure();
    m.type = "movement_restriction";
    m.ended_at = end_after(m.started_at, 3 * kDay - 60);  // 71:59
    CHECK_FALSE(warned(measure_warnings(m, content(), &y, kNow), MeasureWarning::emergency_over_3_days));
    m.ended_at = end_after(m.started_at, 3 * kDay + 60);  // 72:01
    CHECK(warned(measure_warnings(m, content(), &y, kNow), MeasureWarning::emergency_over_3_days));
    m.emergency = false;
    m.in_care_plan = true;
    CHECK_FALSE(warned(measure_warnings(m, content(), &y, kNow), MeasureWarning::emergency_over_3_days));
}

TEST_CASE("rule warning: no seclusion under 12", "[rules][warnings]") {
    const test::PinnedTime utc(kNow);
    Measure m = measure();
    m.type = "seclusion_room";
    Youth eleven = youth(11);
    CHECK(warned(measure_warnings(m, content(), &eleven, kNow), MeasureWarning::seclusion_under_12));
    Youth twelve = youth(12);
    CHECK_FALSE(warned(measure_warnings(m, content(), &twelve, kNow), MeasureWarning::seclusion_under_12));
    // Admitted at 11 on 2025-03-05: turns 12 (by whole years since admission) on 2026-03-05.
    Youth grows = youth(11);
    grows.admitted_on = "2025-03-05";
    m.started_at = "2026-03-04T10:00:00Z";
    m.ended_at = "2026-03-04T10:30:00Z";
    CHECK(warned(measure_warnings(m, content(), &grows, kNow), MeasureWarning::seclusion_under_12));
    m.started_at = "2026-03-05T10:00:00Z";
    m.ended_at = "2026-03-05T10:30:00Z";
    CHECK_FALSE(warned(measure_warnings(m, content(), &grows, kNow), MeasureWarning::seclusion_under_12));
    // Not a seclusion type: no warning at 11.
    m.type = "physical_hold";
    CHECK_FALSE(warned(measure_warnings(m, content(), &eleven, kNow), MeasureWarning::seclusion_under_12));
    // Age unknown: no guess.
    Youth unknown = youth();
    unknown.age_at_admission.reset();
    m.type = "seclusion_cell";
    CHECK_FALSE(warned(measure_warnings(m, content(), &unknown, kNow), MeasureWarning::seclusion_under_12));
}

TEST_CASE("rule warning: every measure in an open setting is flagged for review", "[rules][warnings]") {
    const test::PinnedTime utc(kNow);
    const Youth open = youth(15, CareSetting::open), closed = youth(15, CareSetting::closed);
    CHECK(warned(measure_warnings(measure(), content(), &open, kNow), MeasureWarning::open_setting));
    CHECK_FALSE(warned(measure_warnings(measure(), content(), &closed, kNow), MeasureWarning::open_setting));
}

TEST_CASE("rule warnings are listed most serious first with the open-setting flag last", "[rules][warnings]") {
    const test::PinnedTime utc(kNow);
    // An emergency seclusion of an 11-year-old in an open group: 1 to 5 March (4 days), no
    // consent, no debrief, 15 days ago. Every warning holds.
    Youth y = youth(11, CareSetting::open);
    Measure m = measure();
    m.type = "seclusion_cell";
    m.ended_at = "2026-03-05T14:00:00Z";
    m.consent_at.reset();
    m.consent_by.reset();
    m.debrief_at.reset();
    const std::vector<MeasureWarning> expected{MeasureWarning::emergency_without_consent, MeasureWarning::emergency_over_3_days,
                                               MeasureWarning::seclusion_under_12, MeasureWarning::no_debrief,
                                               MeasureWarning::open_setting};
    CHECK(measure_warnings(m, content(), &y, kNow) == expected);
    // Without the emergency ones, seclusion still comes before the debrief and the flag.
    m.emergency = false;
    const std::vector<MeasureWarning> rest{MeasureWarning::seclusion_under_12, MeasureWarning::no_debrief, MeasureWarning::open_setting};
    CHECK(measure_warnings(m, content(), &y, kNow) == rest);
}

TEST_CASE("only the open-setting warning is the setting flag", "[rules][warnings]") {
    CHECK(is_setting_flag(MeasureWarning::open_setting));
    for (auto w : {MeasureWarning::emergency_without_consent, MeasureWarning::emergency_over_3_days, MeasureWarning::seclusion_under_12,
                   MeasureWarning::no_debrief})
        CHECK_FALSE(is_setting_flag(w));
}

TEST_CASE("rule warning: no debrief after 7 days", "[rules][warnings]") {
    const test::PinnedTime utc(kNow);
    const Youth y = youth();
    Measure m = measure();
    m.debrief_at.reset();
    // Ended 2026-03-01 14:20; 7 days later is 2026-03-08 14:20.
    CHECK_FALSE(warned(measure_warnings(m, content(), &y, *parse_timestamp("2026-03-08T14:19:00Z")), MeasureWarning::no_debrief));
    CHECK(warned(measure_warnings(m, content(), &y, *parse_timestamp("2026-03-08T14:21:00Z")), MeasureWarning::no_debrief));
    m.debrief_at = "2026-03-10T09:00:00Z";  // late, but held
    CHECK_FALSE(warned(measure_warnings(m, content(), &y, kNow), MeasureWarning::no_debrief));
}

TEST_CASE("incident validation", "[rules][validation]") {
    const test::PinnedTime utc(kNow);
    const Youth y = youth();
    Incident i;
    i.occurred_at = "2026-03-01T10:00:00Z";
    i.category = "aggression_verbal";
    i.severity = 2;
    i.description = "Schelden tijdens het avondeten.";
    i.youth_ids = {"y1"};
    CHECK(validate_incident(i, content(), {&y}, kNow).empty());
    CHECK(problem(validate_incident(i, content(), {nullptr}, kNow), "youth_ids", "error.measure.youth_unknown"));
    Incident bad = i;
    bad.severity = 5;
    CHECK(problem(validate_incident(bad, content(), {&y}, kNow), "severity", "error.incident.severity_range"));
    bad.severity = 0;
    CHECK(problem(validate_incident(bad, content(), {&y}, kNow), "severity", "error.incident.severity_range"));
    bad = i;
    bad.category = "weather";
    CHECK(problem(validate_incident(bad, content(), {&y}, kNow), "category", "error.incident.category_unknown"));
    bad = i;
    bad.description = " ";
    CHECK(problem(validate_incident(bad, content(), {&y}, kNow), "description", "error.required"));
    bad = i;
    bad.occurred_at = format_timestamp(kNow + 60);
    CHECK(problem(validate_incident(bad, content(), {&y}, kNow), "occurred_at", "error.in_future"));
    bad = i;
    bad.occurred_at = "2025-12-31T10:00:00Z";  // before admission
    CHECK(problem(validate_incident(bad, content(), {&y}, kNow), "youth_ids", "error.measure.youth_not_in_care"));
}

TEST_CASE("incident validation: the report to the inspectorate and the investigation's conclusion", "[rules][validation][incident_deadline]") {
    // Now is Friday 2026-03-20 12:00 UTC; the incident occurred on Sunday 1 March, 10:00.
    const test::PinnedTime utc(kNow);
    const Youth y = youth();
    Incident i;
    i.occurred_at = "2026-03-01T10:00:00Z";
    i.category = "aggression_physical_staff";
    i.severity = 3;
    i.description = "Slaan naar een medewerker.";
    i.youth_ids = {"y1"};
    i.reportable = true;
    auto problems = [&](const Incident& x) { return validate_incident(x, content(), {&y}, kNow); };
    REQUIRE(problems(i).empty());

    SECTION("dates on the day it occurred, up to today, concluded before the report or on its day: fine") {
        i.investigation_concluded_on = "2026-03-01";
        i.reported_on = "2026-03-01";
        CHECK(problems(i).empty());
        i.investigation_concluded_on = "2026-03-10";
        i.reported_on = "2026-03-20";  // today
        CHECK(problems(i).empty());
        i.investigation_concluded_on.reset();  // reported at once, without an investigation
        CHECK(problems(i).empty());
    }
    SECTION("not a date") {
        i.reported_on = "2026-02-30";
        CHECK(problem(problems(i), "reported_on", "error.date_invalid"));
        i.reported_on.reset();
        i.investigation_concluded_on = "10 maart";
        CHECK(problem(problems(i), "investigation_concluded_on", "error.date_invalid"));
    }
    SECTION("before the day the incident occurred") {
        i.reported_on = "2026-02-28";
        CHECK(problem(problems(i), "reported_on", "error.incident.before_occurred"));
        i.reported_on.reset();
        i.investigation_concluded_on = "2026-02-28";
        CHECK(problem(problems(i), "investigation_concluded_on", "error.incident.before_occurred"));
    }
    SECTION("the day of the incident is its local date") {
        // 2026-02-28 23:30 UTC is 1 March 00:30 in Amsterdam: a report on 1 March is fine
        // there, and one on 28 February is before it.
        const test::PinnedTime amsterdam(kNow, "Europe/Amsterdam");
        i.occurred_at = "2026-02-28T23:30:00Z";
        i.reported_on = "2026-03-01";
        CHECK(problems(i).empty());
        i.reported_on = "2026-02-28";
        CHECK(problem(problems(i), "reported_on", "error.incident.before_occurred"));
    }
    SECTION("in the future") {
        i.reported_on = "2026-03-21";  // tomorrow
        CHECK(problem(problems(i), "reported_on", "error.in_future"));
        i.reported_on.reset();
        i.investigation_concluded_on = "2026-03-21";
        CHECK(problem(problems(i), "investigation_concluded_on", "error.in_future"));
    }
    SECTION("the investigation concluded after the report") {
        i.investigation_concluded_on = "2026-03-11";
        i.reported_on = "2026-03-10";
        const auto p = problems(i);
        CHECK(problem(p, "investigation_concluded_on", "error.incident.concluded_after_report"));
        CHECK(p.size() == 1);
    }
    SECTION("an incident that is not reportable has neither date") {
        i.reportable = false;
        i.reported_on = "2026-03-02";
        CHECK(problem(problems(i), "reported_on", "error.incident.not_reportable"));
        i.reported_on.reset();
        i.investigation_concluded_on = "2026-03-02";
        CHECK(problem(problems(i), "investigation_concluded_on", "error.incident.not_reportable"));
        i.investigation_concluded_on.reset();
        CHECK(problems(i).empty());
    }
}

TEST_CASE("youth validation and the full-name warning", "[rules][validation]") {
    const test::PinnedTime utc(kNow);
    Youth y = youth();
    const std::vector<Youth> team{y};
    CHECK(validate_youth(y, team, content().youth_codes, kNow).empty());
    Youth other = youth();
    other.id = "y2";
    CHECK(problem(validate_youth(other, team, content().youth_codes, kNow), "code", "error.youth.code_taken"));
    other.team_id = "t2";  // codes are unique per team only
    CHECK(validate_youth(other, team, content().youth_codes, kNow).empty());
    Youth bad = youth();
    bad.discharged_on = "2026-01-04";
    CHECK(problem(validate_youth(bad, {}, content().youth_codes, kNow), "discharged_on", "error.youth.discharge_before_admission"));
    bad.discharged_on = "2026-01-05";
    CHECK(validate_youth(bad, {}, content().youth_codes, kNow).empty());
    bad.admitted_on = "2026-02-30";
    CHECK(problem(validate_youth(bad, {}, content().youth_codes, kNow), "admitted_on", "error.date_invalid"));
    bad = youth(28);
    CHECK(problem(validate_youth(bad, {}, content().youth_codes, kNow), "age_at_admission", "error.youth.age_range"));
    bad.code = std::string(kMaxCodeLength + 1, 'J');
    CHECK(problem(validate_youth(bad, {}, content().youth_codes, kNow), "code", "error.text_too_long"));

    CHECK(looks_like_full_name("Jan Jansen"));
    CHECK(looks_like_full_name("Fatima el Amrani"));
    CHECK(looks_like_full_name("Sanne de Vries"));
    CHECK(looks_like_full_name("Anouk van der Berg"));
    CHECK_FALSE(looks_like_full_name("J-07"));
    CHECK_FALSE(looks_like_full_name("JD"));
    CHECK_FALSE(looks_like_full_name("Jongen 7"));
    CHECK_FALSE(looks_like_full_name("Jan"));
    CHECK_FALSE(looks_like_full_name("KAMER 3"));
}

TEST_CASE("member validation", "[rules][validation]") {
    const test::PinnedTime utc(kNow);
    Member m;
    m.name = "Sanne B.";
    CHECK(validate_member(m, kNow).empty());
    m.name = "";
    CHECK(problem(validate_member(m, kNow), "name", "error.required"));
}

TEST_CASE("youth codes follow the pattern of data/youth_codes.json", "[rules][validation]") {
    const test::PinnedTime utc(kNow);
    const YouthCodeRule& rule = content().youth_codes;
    const auto code_problem = [&](const std::string& code) {
        Youth y = youth();
        y.code = code;
        const auto ps = validate_youth(y, {}, rule, kNow);
        return ps.empty() ? std::string() : ps.front().message_key;
    };
    CHECK(code_problem("J-07").empty());
    CHECK(code_problem("A12").empty());
    CHECK(code_problem("123456789012").empty());  // 12 characters: the limit
    CHECK(code_problem("1234567890123") == "error.youth.code_pattern");
    CHECK(code_problem("Jan de Boer") == "error.youth.code_pattern");
    CHECK(code_problem("Jansen") == "error.youth.code_pattern");  // no digit: could be a name
    CHECK(code_problem("J_07") == "error.youth.code_pattern");
    CHECK(code_problem("J-07\u200B") == "error.text.invisible_char");
    CHECK(code_problem(std::string("\0J-07", 5)) == "error.text.control_char");
    Youth y = youth();
    y.code = "Jan de Boer";
    // The problem carries the rule in words, for the command line.
    CHECK(validate_youth(y, {}, rule, kNow).front().detail == rule.description.en);
}

TEST_CASE("nothing of a record may lie after the clock of the check", "[rules][validation]") {
    const test::PinnedTime utc(kNow);
    Youth y = youth();
    Measure m = measure();
    m.created_at = m.updated_at = format_timestamp(kNow);
    CHECK(validate_measure(m, content(), &y, kNow).empty());
    m.updated_at = "9999-12-31T23:59:59Z";
    CHECK(problem(validate_measure(m, content(), &y, kNow), "updated_at", "error.in_future"));
    Incident i;
    i.occurred_at = "2026-03-01T10:00:00Z";
    i.category = "aggression_verbal";
    i.severity = 2;
    i.description = "Schelden tijdens het avondeten.";
    i.created_at = format_timestamp(kNow + 60);
    CHECK(problem(validate_incident(i, content(), {&y}, kNow), "created_at", "error.in_future"));
    Action a;
    a.title = "Overdracht eerder starten";
    a.completed_at = format_timestamp(kNow + 3600);
    CHECK(problem(validate_action(a, content(), kNow), "completed_at", "error.in_future"));
    a.completed_at = format_timestamp(kNow);
    CHECK(validate_action(a, content(), kNow).empty());
}
