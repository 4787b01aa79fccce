// The meeting's incidents and measures steps, headless: the counts of the period since the
// previous meeting and of the period before (counted here from the records, not by the engine),
// privacy mode hiding youth codes and free text, and the incidents marked discussed stored with
// the meeting. The clock is pinned to 15 March 2026, 10:00 UTC (time zone UTC).
#include "core/demo.hpp"
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "model/meeting_session.hpp"
#include "ui/keys.hpp"
#include "ui/meeting/meeting_screen.hpp"
#include "ui/probe.hpp"
#include "ui/shell.hpp"
#include "ui_fixtures.hpp"
#include "ui_harness.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

using namespace ts;
using ts::test::Setup;
using ts::test::UiHarness;

namespace {

// The meeting is held on 15 March 2026, the previous one on 15 February: the steps look back on
// [15 February, 16 March), 29 days, and the period before is [17 January, 15 February).
constexpr const char* kFrom = "2026-02-15";
constexpr const char* kTo = "2026-03-16";
constexpr const char* kBeforeFrom = "2026-01-17";
constexpr std::size_t kIncidentsStep = 2, kMeasuresStep = 3;  // in the template teamreflectie

struct World {
    Setup s;
    std::vector<Incident> incidents;
    std::vector<Measure> measures;
    Meeting meeting;
};

Incident add_incident(Store& store, const Setup& s, const std::string& at, const std::string& category, int severity,
                      const std::string& youth, const std::string& description, bool reportable = false) {
    Incident i;
    i.id = new_uuid();
    i.team_id = s.team_id;
    i.occurred_at = at;
    i.category = category;
    i.severity = severity;
    i.youth_ids = {s.youth_ids.at(youth)};
    i.description = description;
    i.response = "Antwoord-" + description;
    i.reportable = reportable;
    i.created_at = i.updated_at = at;
    store.save_incident(i, "test");
    return i;
}

Measure add_measure(Store& store, const Setup& s, const std::string& start, const std::string& end, const std::string& type,
                    const std::string& youth, const std::string& reason, bool debrief, bool emergency = false) {
    Measure m;
    m.id = new_uuid();
    m.team_id = s.team_id;
    m.youth_id = s.youth_ids.at(youth);
    m.type = type;
    m.started_at = start;
    m.ended_at = end;
    m.reason = reason;
    m.notes = "Notitie-" + reason;
    m.emergency = emergency;
    m.in_care_plan = !emergency;
    m.decided_by = "Sanne B.";
    if (debrief) m.debrief_at = end;
    m.created_at = m.updated_at = start;
    store.save_measure(m, "test");
    return m;
}

World make_world(UiHarness& h) {
    World w;
    w.s = ts::test::seed(h, {"J-07", "J-11"});
    Store& st = h.store();
    // Incidents: this period (the previous meeting's own day counts), the period before, and
    // one too early for either.
    w.incidents.push_back(add_incident(st, w.s, "2026-01-16T12:00:00Z", "absconding", 4, "J-07", "Geheim-te-vroeg"));
    w.incidents.push_back(add_incident(st, w.s, "2026-01-17T09:00:00Z", "aggression_verbal", 2, "J-11", "Geheim-daarvoor-1"));
    w.incidents.push_back(add_incident(st, w.s, "2026-02-14T23:30:00Z", "self_harm", 4, "J-07", "Geheim-daarvoor-2"));
    w.incidents.push_back(add_incident(st, w.s, "2026-02-15T08:00:00Z", "aggression_verbal", 3, "J-07", "Geheim-nu-1", true));
    w.incidents.push_back(add_incident(st, w.s, "2026-03-01T14:00:00Z", "property_damage", 1, "J-11", "Geheim-nu-2"));
    w.incidents.push_back(add_incident(st, w.s, "2026-03-10T19:00:00Z", "aggression_verbal", 3, "J-11", "Geheim-nu-3"));
    // Measures: two holds and a room search now (one hold an emergency of 13 hours without
    // consent, without a debrief), one hold before.
    w.measures.push_back(add_measure(st, w.s, "2026-02-01T10:00:00Z", "2026-02-01T10:10:00Z", "physical_hold", "J-11", "Reden-daarvoor", true));
    w.measures.push_back(add_measure(st, w.s, "2026-02-20T10:00:00Z", "2026-02-20T23:00:00Z", "physical_hold", "J-07", "Reden-nood", false, true));
    w.measures.push_back(add_measure(st, w.s, "2026-03-02T10:00:00Z", "2026-03-02T10:15:00Z", "physical_hold", "J-11", "Reden-nu-2", true));
    w.measures.push_back(add_measure(st, w.s, "2026-03-05T10:00:00Z", "2026-03-05T10:20:00Z", "room_search", "J-07", "Reden-nu-3", true));

    Meeting previous;
    previous.id = new_uuid();
    previous.team_id = w.s.team_id;
    previous.template_id = "teamreflectie";
    previous.held_on = "2026-02-15";
    previous.state = MeetingState::closed;
    previous.created_at = previous.updated_at = "2026-02-15T12:00:00Z";
    st.save_meeting(previous, "test");
    const MeetingTemplate* tpl = h.content().meeting_template("teamreflectie");
    REQUIRE(tpl);
    REQUIRE(tpl->steps[kIncidentsStep].kind == StepKind::incidents);
    REQUIRE(tpl->steps[kMeasuresStep].kind == StepKind::measures);
    w.meeting = model::MeetingSession::start(*tpl, w.s.team_id, "2026-03-15", std::nullopt, new_uuid(), "2026-03-15T09:00:00Z");
    st.save_meeting(w.meeting, "test");
    h.frame(2);
    return w;
}

void open_step(UiHarness& h, const Meeting& m, std::size_t step) {
    h.shell().show(ui::ScreenId::meeting);
    REQUIRE(h.shell().meeting_screen().open(h.content(), m, step));
    h.frame(3);
}

// The two texts drawn right after the first text equal to `name` that follows `anchor`: a
// table row's counts (this period, the period before).
std::pair<std::string, std::string> row_after(const std::string& anchor, const std::string& name, bool prefix = false) {
    const auto& t = ui::probed_texts();
    auto it = std::find(t.begin(), t.end(), anchor);
    REQUIRE(it != t.end());
    it = std::find_if(it, t.end(), [&](const std::string& s) { return prefix ? s.rfind(name, 0) == 0 : s == name; });
    REQUIRE(it != t.end());
    REQUIRE(std::distance(it, t.end()) >= 3);
    return {*(it + 1), *(it + 2)};
}

std::string day_of(const std::string& stamp) { return stamp.substr(0, 10); }
bool in(const std::string& day, const char* from, const char* to) { return day >= from && day < to; }

std::string category_name(const UiHarness& h, const std::string& code) {
    return h.content().incident_category(code)->name.in(Lang::nl);
}
std::string type_name(const UiHarness& h, const std::string& code) { return h.content().measure_type(code)->name.in(Lang::nl); }

// Every text the last frame probed, none of which may hold a youth code or free text.
void check_private(const World& w) {
    for (const std::string& text : ui::probed_texts()) {
        INFO(text);
        CHECK(text.find("J-07") == std::string::npos);
        CHECK(text.find("J-11") == std::string::npos);
        CHECK(text.find("Geheim") == std::string::npos);
        CHECK(text.find("Antwoord") == std::string::npos);
        CHECK(text.find("Reden") == std::string::npos);
        CHECK(text.find("Notitie") == std::string::npos);
    }
    (void)w;
}

bool drew_part(const std::string& part) {
    const auto& t = ui::probed_texts();
    return std::any_of(t.begin(), t.end(), [&](const std::string& s) { return s.find(part) != std::string::npos; });
}

}  // namespace

TEST_CASE("the incidents step counts the period since the previous meeting and the period before", "[meeting][figures]") {
    UiHarness h;
    const World w = make_world(h);
    open_step(h, w.meeting, kIncidentsStep);

    // Counted here from the records: by category and by severity, in each period.
    std::map<std::string, std::pair<int, int>> by_category;
    std::map<int, std::pair<int, int>> by_severity;
    int now = 0, before = 0;
    for (const Incident& i : w.incidents) {
        const std::string d = day_of(i.occurred_at);
        if (in(d, kFrom, kTo)) ++now, ++by_category[i.category].first, ++by_severity[i.severity].first;
        else if (in(d, kBeforeFrom, kFrom)) ++before, ++by_category[i.category].second, ++by_severity[i.severity].second;
    }
    REQUIRE(now == 3);
    REQUIRE(before == 2);
    CHECK(h.drew("3 incidenten"));
    CHECK(h.shows("De periode daarvoor: 2"));
    const std::string cat_anchor = h.tr("meeting.incidents.by_category");
    for (const auto& [code, counts] : by_category) {
        INFO(code);
        const auto cells = row_after(cat_anchor, category_name(h, code));
        CHECK(cells.first == std::to_string(counts.first));
        CHECK(cells.second == std::to_string(counts.second));
    }
    // A category with nothing in either period is left out.
    CHECK_FALSE(drew_part(category_name(h, "medication")));
    const std::string sev_anchor = h.tr("meeting.incidents.by_severity");
    for (int s = 1; s <= 4; ++s) {
        INFO(s);
        const auto cells = row_after(sev_anchor, std::to_string(s) + " ", true);
        CHECK(cells.first == std::to_string(by_severity[s].first));
        CHECK(cells.second == std::to_string(by_severity[s].second));
    }
    // The list: the three of this period, each with a mark; the reportable one with its deadline
    // (3 working days after Sunday 15 February: Wednesday 18 February, reported nowhere: late).
    CHECK(ui::probed("meeting.incidents.discussed.2"));
    CHECK_FALSE(ui::probed_this_frame("meeting.incidents.discussed.3"));
    CHECK(drew_part("18 feb 2026"));
    CHECK(drew_part("▲ "));
}

TEST_CASE("the measures step counts the period and the period before per type with warnings and debriefs", "[meeting][figures]") {
    UiHarness h;
    const World w = make_world(h);
    open_step(h, w.meeting, kMeasuresStep);

    std::map<std::string, std::pair<int, int>> by_type;
    int now = 0, before = 0, without_debrief = 0;
    for (const Measure& m : w.measures) {
        const std::string d = day_of(m.started_at);
        if (in(d, kFrom, kTo)) {
            ++now, ++by_type[m.type].first;
            if (!m.debrief_at) ++without_debrief;
        } else if (in(d, kBeforeFrom, kFrom)) {
            ++before, ++by_type[m.type].second;
        }
    }
    REQUIRE(now == 3);
    REQUIRE(before == 1);
    REQUIRE(without_debrief == 1);
    CHECK(h.drew("3 maatregelen"));
    CHECK(h.shows("De periode daarvoor: 1"));
    const std::string anchor = h.tr("meeting.measures.by_type");
    for (const auto& [type, counts] : by_type) {
        INFO(type);
        const auto cells = row_after(anchor, type_name(h, type));
        CHECK(cells.first == std::to_string(counts.first));
        CHECK(cells.second == std::to_string(counts.second));
    }
    CHECK_FALSE(drew_part(type_name(h, "urine_test")));
    // The emergency hold of 13 hours without consent is warned about, and has no debrief; the
    // other two were debriefed. Privacy on: a line is its day and its type.
    const std::string hold_line = "vr 20 feb 2026  ·  " + type_name(h, "physical_hold");
    CHECK(h.shows("▲ " + hold_line));
    CHECK(h.shows(h.tr("warning.measure.emergency_without_consent.short")));
    CHECK(h.drew(hold_line));
    CHECK_FALSE(h.drew("ma 2 mrt 2026  ·  " + type_name(h, "physical_hold")));
    // The team has no reduction goal; with one, a year earlier has no care days to compare.
    CHECK(h.drew(h.tr("meeting.measures.no_goal")));
    Team t = h.store().teams().front();
    t.reduction_goal_pct = 25;
    h.store().save_team(t, "test");
    h.frame(3);
    CHECK(h.shows("25 %"));
}

TEST_CASE("privacy mode draws no youth code and no free text in the incidents and measures steps", "[meeting][figures][privacy]") {
    UiHarness h;
    const World w = make_world(h);
    for (std::size_t step : {kIncidentsStep, kMeasuresStep}) {
        INFO(step);
        open_step(h, w.meeting, step);
        REQUIRE(h.shell().meeting_screen().session()->privacy());
        REQUIRE(ui::probed_texts().size() > 10);
        check_private(w);
        // P turns it off: the same step now shows them (so the check above can fail).
        h.press(ui::key::letter('p'));
        h.frame(2);
        REQUIRE_FALSE(h.shell().meeting_screen().session()->privacy());
        CHECK(drew_part("J-07"));
        CHECK(drew_part(step == kIncidentsStep ? "Geheim-nu-1" : "Reden-nood"));
        h.shell().meeting_screen().leave();
        h.frame(1);
    }
}

TEST_CASE("an incident marked discussed is stored with the meeting and shown again when it reopens", "[meeting][figures]") {
    UiHarness h;
    const World w = make_world(h);
    open_step(h, w.meeting, kIncidentsStep);
    CHECK(h.drew("0 besproken"));
    // The oldest of the period is first: 15 February, 08:00.
    const Incident& first = w.incidents[3];
    h.click("meeting.incidents.discussed.0");
    h.frame(2);
    CHECK(h.drew("1 besproken"));
    h.frame(70);  // stored within a second
    auto stored = [&] {
        for (const Meeting& m : h.store().meetings(w.s.team_id))
            if (m.id == w.meeting.id) return m;
        FAIL("the meeting is not stored");
        return Meeting{};
    };
    CHECK(stored().discussed_incident_ids == std::vector<std::string>{first.id});

    // Closed and opened again from the store: still marked.
    h.shell().meeting_screen().leave();
    h.frame(2);
    open_step(h, stored(), kIncidentsStep);
    CHECK(h.shell().meeting_screen().session()->discussed(first.id));
    CHECK(h.drew("1 besproken"));

    // Unmarked: stored as none.
    h.click("meeting.incidents.discussed.0");
    h.frame(70);
    CHECK(stored().discussed_incident_ids.empty());
}

TEST_CASE("a meeting of long ago reads the incidents and measures of its period", "[meeting][figures][window]") {
    UiHarness h;  // 15 March 2026: the model holds from 1 December 2025 at first
    DemoOptions o;
    o.teams = 1;
    o.years = 4;
    o.end = Date{2026, 3, 1};
    const Dataset d = generate_demo(o);
    h.store().insert_dataset(d);
    h.shell().dismiss_question();
    // A meeting of 2023 with an incidents step, and the meeting before it (the period's start).
    std::vector<Meeting> meetings = d.meetings;
    std::sort(meetings.begin(), meetings.end(), [](const Meeting& a, const Meeting& b) { return a.held_on < b.held_on; });
    std::size_t k = 1;
    auto step_of = [](const Meeting& m) {
        for (std::size_t i = 0; i < m.steps.size(); ++i)
            if (m.steps[i].kind == StepKind::incidents) return i;
        return m.steps.size();
    };
    while (k < meetings.size() && (meetings[k].held_on < "2023-01-01" || step_of(meetings[k]) == meetings[k].steps.size())) ++k;
    REQUIRE(k < meetings.size());
    const Meeting& m = meetings[k];
    const std::int64_t from = local_midnight(*parse_date(meetings[k - 1].held_on)), to = local_midnight(*parse_date(m.held_on));
    const auto in_period = [&](std::int64_t at) { return at >= from && at < to; };
    const auto wanted = std::count_if(d.incidents.begin(), d.incidents.end(),
                                      [&](const Incident& i) { return in_period(*parse_timestamp(i.occurred_at)); });
    REQUIRE(wanted > 0);

    open_step(h, m, step_of(m));
    h.frame(2);
    const model::Model& model = h.shell().model();
    CHECK(model.rows().since <= from);
    CHECK(std::count_if(model.incidents().begin(), model.incidents().end(), [&](const model::IncidentRow& r) { return in_period(r.at); }) ==
          wanted);
    CHECK(h.shows(std::to_string(wanted) + " incidenten"));
}
