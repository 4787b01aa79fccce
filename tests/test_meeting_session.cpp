// The meeting as led on the screen (model/meeting_session): moving between steps keeps what was
// entered and each step's time, the timer counts the time box down through amber and red and
// never stops the meeting, a pause holds it, privacy is on when the meeting opens, and the
// record is marked changed exactly when something in it changed.
#include "core/content.hpp"
#include "model/meeting_session.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace ts;
using model::MeetingSession;
using model::TimerState;

namespace {

MeetingTemplate three_steps() {
    MeetingTemplate t;
    t.id = "test";
    t.steps = {{StepKind::check_in, 5, {}, {}}, {StepKind::discussion, 10, {}, {}}, {StepKind::close, 2, {}, {}}};
    return t;
}

constexpr std::int64_t s = 1000;  // a second, in ms
constexpr std::int64_t min = 60 * s;

}  // namespace

TEST_CASE("A meeting starts running at its first step with one empty step per template step", "[meeting]") {
    const auto tpl = three_steps();
    const Meeting m = MeetingSession::start(tpl, "team-1", "2026-03-15", std::string("member-1"), "m-1", "2026-03-15T10:00:00Z");
    CHECK(m.state == MeetingState::running);
    CHECK(m.current_step == 0);
    REQUIRE(m.steps.size() == 3);
    CHECK(m.steps[1].kind == StepKind::discussion);
    CHECK(m.steps[2].kind == StepKind::close);
    CHECK(m.template_id == "test");
    CHECK(m.facilitator_id == std::optional<std::string>("member-1"));
}

TEST_CASE("The timer counts the time box down and turns amber then red without stopping", "[meeting]") {
    const auto tpl = three_steps();
    MeetingSession ms(MeetingSession::start(tpl, "t", "2026-03-15", {}, "m", "x"), tpl, 0);
    CHECK(ms.seconds_left(0) == 5 * 60);
    CHECK(ms.timer_state(0) == TimerState::running);
    CHECK(ms.seconds_left(999) == 300);  // a second not yet gone
    CHECK(ms.seconds_left(1000) == 299);
    CHECK(ms.timer_state(4 * min - 1) == TimerState::running);
    CHECK(ms.timer_state(4 * min) == TimerState::last_minute);
    CHECK(ms.seconds_left(4 * min + 30 * s) == 30);
    CHECK(ms.timer_state(5 * min) == TimerState::over);
    CHECK(ms.seconds_left(5 * min + 61 * s) == -61);
    // Over time the meeting still moves on.
    CHECK(ms.next(6 * min));
    CHECK(ms.step() == 1);
    CHECK(ms.seconds_left(6 * min) == 10 * 60);
}

TEST_CASE("Each step keeps its own time and entering it again goes on from there", "[meeting]") {
    const auto tpl = three_steps();
    MeetingSession ms(MeetingSession::start(tpl, "t", "2026-03-15", {}, "m", "x"), tpl, 0);
    ms.next(90 * s);  // 90 s in step 1
    ms.next(90 * s + 3 * min);  // 3 min in step 2
    CHECK(ms.meeting().steps[0].seconds_used == 90);
    CHECK(ms.meeting().steps[1].seconds_used == 180);
    CHECK(ms.back(10 * min));  // 7 min in step 3
    CHECK(ms.meeting().steps[2].seconds_used == 7 * 60 - 90);
    CHECK(ms.step() == 1);
    CHECK(ms.seconds_left(10 * min) == 10 * 60 - 180);
    CHECK(ms.seconds_left(10 * min + 5 * s) == 10 * 60 - 185);
    CHECK_FALSE(ms.jump(7, 11 * min));  // no step 8
    CHECK_FALSE(ms.jump(1, 11 * min));  // already there
    CHECK(ms.jump(0, 11 * min));
    CHECK(ms.meeting().steps[1].seconds_used == 180 + 60);
    CHECK(ms.seconds_left(11 * min) == 5 * 60 - 90);
    CHECK_FALSE(ms.back(11 * min));
    ms.jump(2, 12 * min);
    CHECK_FALSE(ms.next(12 * min));
}

TEST_CASE("T pauses the timer and the pause holds the time until resumed", "[meeting]") {
    const auto tpl = three_steps();
    MeetingSession ms(MeetingSession::start(tpl, "t", "2026-03-15", {}, "m", "x"), tpl, 0);
    ms.toggle_pause(60 * s);
    CHECK(ms.paused());
    CHECK(ms.timer_state(10 * min) == TimerState::paused);
    CHECK(ms.seconds_left(10 * min) == 4 * 60);
    ms.toggle_pause(10 * min);
    CHECK(ms.timer_state(10 * min) == TimerState::running);
    CHECK(ms.seconds_left(10 * min + 30 * s) == 4 * 60 - 30);
    // A pause belongs to its step: moving on runs again.
    ms.toggle_pause(11 * min);
    ms.next(12 * min);
    CHECK_FALSE(ms.paused());
    CHECK(ms.meeting().steps[0].seconds_used == 60 + 60);
}

TEST_CASE("A reopened meeting resumes at its step with its time and privacy on", "[meeting]") {
    const auto tpl = three_steps();
    Meeting m = MeetingSession::start(tpl, "t", "2026-03-15", {}, "m", "x");
    m.current_step = 1;
    m.steps[1].seconds_used = 125;
    m.steps[1].notes = "kept";
    MeetingSession ms(m, tpl, 5000);
    CHECK(ms.step() == 1);
    CHECK(ms.notes() == "kept");
    CHECK(ms.privacy());
    CHECK(ms.seconds_left(5000) == 10 * 60 - 125);
    CHECK_FALSE(ms.dirty());
    ms.toggle_privacy();
    CHECK_FALSE(ms.privacy());

    SECTION("a step out of range becomes the last") {
        m.current_step = 9;
        MeetingSession late(m, tpl, 0);
        CHECK(late.step() == 2);
        CHECK(late.dirty());
    }
    SECTION("a planned meeting runs from now") {
        m.state = MeetingState::planned;
        MeetingSession planned(m, tpl, 0);
        CHECK(planned.meeting().state == MeetingState::running);
    }
    SECTION("a template that grew gets its new steps") {
        auto longer = tpl;
        longer.steps.push_back({StepKind::discussion, 5, {}, {}});
        MeetingSession grown(m, longer, 0);
        CHECK(grown.steps() == 4);
        CHECK(grown.meeting().steps[1].notes == "kept");
    }
}

TEST_CASE("The record is marked changed when something in it changed and only then", "[meeting]") {
    const auto tpl = three_steps();
    MeetingSession ms(MeetingSession::start(tpl, "t", "2026-03-15", {}, "m", "x"), tpl, 0);
    CHECK_FALSE(ms.dirty());
    ms.tick(500);
    CHECK_FALSE(ms.dirty());  // not a whole second yet
    ms.tick(1000);
    CHECK(ms.dirty());
    CHECK(ms.meeting().steps[0].seconds_used == 1);
    ms.saved();
    ms.set_notes("");
    CHECK_FALSE(ms.dirty());
    ms.set_notes("Iedereen is er");
    CHECK(ms.dirty());
    CHECK(ms.meeting().steps[0].notes == "Iedereen is er");
    ms.saved();

    ms.set_attendees({"b", "a", "b"});
    CHECK(ms.meeting().attendee_ids == std::vector<std::string>{"a", "b"});
    CHECK(ms.dirty());
    ms.saved();
    ms.set_attendees({"a", "b"});
    CHECK_FALSE(ms.dirty());

    ms.set_rating("kr-1", Rating::partly);
    CHECK(ms.rating("kr-1") == Rating::partly);
    ms.saved();
    ms.set_rating("kr-1", Rating::partly);
    CHECK_FALSE(ms.dirty());
    ms.set_rating("kr-1", std::nullopt);
    CHECK(ms.dirty());
    CHECK_FALSE(ms.rating("kr-1"));

    ms.set_answer("q-1", "Meer overdracht");
    REQUIRE(ms.answer("q-1"));
    CHECK(*ms.answer("q-1") == "Meer overdracht");
    ms.set_answer("q-1", "");
    CHECK(ms.answer("q-1") == nullptr);
    CHECK(ms.meeting().answers.empty());

    ms.toggle_pause(2000);
    ms.saved();
    ms.tick(100 * s);
    CHECK_FALSE(ms.dirty());  // paused: no time passes
}

TEST_CASE("Closing stores the time and the next date and stops the timer", "[meeting]") {
    const auto tpl = three_steps();
    MeetingSession ms(MeetingSession::start(tpl, "t", "2026-03-15", {}, "m", "x"), tpl, 0);
    ms.jump(2, 0);
    ms.set_next_meeting(std::string("2026-04-12"));
    ms.close(90 * s);
    CHECK(ms.closed());
    CHECK(ms.meeting().state == MeetingState::closed);
    CHECK(ms.meeting().next_meeting_on == std::optional<std::string>("2026-04-12"));
    CHECK(ms.meeting().steps[2].seconds_used == 90);
    CHECK(ms.timer_state(10 * min) == TimerState::paused);
    ms.toggle_pause(10 * min);
    CHECK(ms.paused());
}

TEST_CASE("Time alone makes the record changed but not edited", "[meeting]") {
    const auto tpl = three_steps();
    MeetingSession ms(MeetingSession::start(tpl, "t", "2026-03-15", {}, "m", "x"), tpl, 0);
    ms.tick(5 * s);
    CHECK(ms.dirty());
    CHECK_FALSE(ms.edited());
    ms.set_notes("a");
    CHECK(ms.edited());
    ms.saved();
    CHECK_FALSE(ms.edited());
    ms.next(6 * s);
    CHECK(ms.edited());  // where the room is counts as entered
    ms.saved();
    ms.mark_dirty();
    CHECK(ms.edited());
}

TEST_CASE("The previous rating of a recommendation is the one at the team's last earlier meeting that rated it", "[meeting]") {
    auto meeting = [](std::string id, std::string on, std::string created, std::vector<std::pair<std::string, Rating>> r) {
        Meeting m;
        m.id = std::move(id);
        m.held_on = std::move(on);
        m.created_at = std::move(created);
        m.ratings = std::move(r);
        return m;
    };
    const std::vector<Meeting> team{
        meeting("a", "2026-01-10", "2026-01-10T09:00:00Z", {{"kr-1", Rating::not_yet}, {"kr-2", Rating::not_yet}}),
        meeting("c", "2026-03-01", "2026-03-01T09:00:00Z", {{"kr-1", Rating::already}}),
        meeting("b", "2026-02-10", "2026-02-10T09:00:00Z", {{"kr-1", Rating::partly}}),
        meeting("later", "2026-04-01", "2026-04-01T09:00:00Z", {{"kr-3", Rating::already}}),
    };
    const Meeting now = meeting("now", "2026-03-15", "2026-03-15T09:00:00Z", {});
    auto prev = model::previous_ratings(team, now);
    std::sort(prev.begin(), prev.end());
    REQUIRE(prev.size() == 2);
    CHECK(prev[0] == std::pair<std::string, Rating>{"kr-1", Rating::already});  // c, the latest before
    CHECK(prev[1] == std::pair<std::string, Rating>{"kr-2", Rating::not_yet});   // only a rated it
    // The meeting itself, in the list too, is not its own previous one.
    auto with_self = team;
    with_self.push_back(meeting("now", "2026-03-15", "2026-03-15T09:00:00Z", {{"kr-1", Rating::not_yet}}));
    auto again = model::previous_ratings(with_self, now);
    std::sort(again.begin(), again.end());
    CHECK(again == prev);
}

TEST_CASE("The period a meeting looks back on runs from the previous meeting's day through its own", "[meeting][period]") {
    auto meeting = [](const std::string& id, const std::string& held_on) {
        Meeting m;
        m.id = id;
        m.held_on = held_on;
        return m;
    };
    const Meeting now = meeting("now", "2026-03-15");
    // No earlier meeting: the 28 days up to and including its day.
    CHECK(model::meeting_period({now}, now) == ind::Period{Date{2026, 2, 16}, Date{2026, 3, 16}});
    // The latest earlier one, whatever the order; one on the same day or later does not count.
    const std::vector<Meeting> team = {meeting("a", "2026-01-10"), now, meeting("same", "2026-03-15"), meeting("b", "2026-02-15"),
                                       meeting("later", "2026-04-01")};
    CHECK(model::meeting_period(team, now) == ind::Period{Date{2026, 2, 15}, Date{2026, 3, 16}});
    CHECK(model::meeting_period(team, meeting("x", "not a date")).days() == 0);
}

TEST_CASE("Marking an incident discussed keeps each once in order and marks the meeting changed", "[meeting]") {
    const auto tpl = three_steps();
    MeetingSession ms(MeetingSession::start(tpl, "team-1", "2026-03-15", std::nullopt, "m-1", "2026-03-15T10:00:00Z"), tpl, 0);
    ms.saved();
    ms.set_discussed("i-2", true);
    CHECK(ms.dirty());
    CHECK(ms.edited());
    ms.set_discussed("i-1", true);
    ms.set_discussed("i-2", true);
    CHECK(ms.meeting().discussed_incident_ids == std::vector<std::string>{"i-1", "i-2"});
    CHECK(ms.discussed("i-1"));
    ms.saved();
    ms.set_discussed("i-3", false);  // not marked: nothing changes
    CHECK_FALSE(ms.dirty());
    ms.set_discussed("i-1", false);
    CHECK(ms.meeting().discussed_incident_ids == std::vector<std::string>{"i-2"});
    CHECK_FALSE(ms.discussed("i-1"));
    CHECK(ms.dirty());
}
