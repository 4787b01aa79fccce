// The meeting's presenter view driven like the room drives it: a click on "start", the clicker's
// keys, typing, the timer running on ImGui's clock. The clock for dates is pinned to 15 March
// 2026, 10:00 UTC.
#include "core/content.hpp"
#include "core/uuid.hpp"
#include "ui/keys.hpp"
#include "ui/meeting/meeting_screen.hpp"
#include "ui/i18n.hpp"
#include "ui/probe.hpp"
#include "ui_fixtures.hpp"
#include "temp_dir.hpp"
#include "ui_harness.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fstream>
#include <iterator>
#include <thread>
#include <optional>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

using namespace ts;
using ts::test::Setup;
using ts::test::UiHarness;
using ts::test::add_member;
using ts::test::seed;

namespace {

const model::MeetingSession* session(UiHarness& h) { return h.shell().meeting_screen().session(); }

// The team's meetings as stored.
std::vector<Meeting> stored(UiHarness& h, const Setup& s) { return h.store().meetings(s.team_id); }

// Starts a meeting of `template_id` from the start page, by clicks.
void start_meeting(UiHarness& h, const std::string& template_id) {
    h.shell().show(ui::ScreenId::meeting);
    h.frame(2);
    h.click("meeting.template." + template_id);
    h.click("meeting.start");
    h.frame(2);
}

}  // namespace

TEST_CASE("Start opens the presenter view at the first step with privacy on and the rail hidden", "[meeting][ui]") {
    UiHarness h;
    const Setup s = seed(h);
    h.shell().show(ui::ScreenId::meeting);
    h.frame(2);
    CHECK(ui::probed_this_frame("rail.theme"));  // the start page has the rail
    start_meeting(h, "teamreflectie");
    REQUIRE(session(h));
    CHECK(session(h)->step() == 0);
    CHECK(session(h)->privacy());
    CHECK(h.drew(h.tr("meeting.privacy_on")));
    CHECK_FALSE(ui::probed_this_frame("rail.theme"));
    CHECK(ui::probed_this_frame("meeting.progress.1"));
    CHECK(ui::probed_this_frame("meeting.timer"));
    // Stored at once: running, today, with one step per template step.
    const auto meetings = stored(h, s);
    REQUIRE(meetings.size() == 1);
    CHECK(meetings[0].state == MeetingState::running);
    CHECK(meetings[0].held_on == "2026-03-15");
    CHECK(meetings[0].template_id == "teamreflectie");
    CHECK(meetings[0].steps.size() == h.content().meeting_template("teamreflectie")->steps.size());
    CHECK(meetings[0].facilitator_id == std::optional<std::string>(s.member_id));  // who is at the keyboard
}

TEST_CASE("The clicker keys and the number keys move between steps and T and P toggle", "[meeting][ui]") {
    UiHarness h;
    const Setup s = seed(h);
    start_meeting(h, "teamreflectie");
    REQUIRE(session(h));
    const std::size_t n = session(h)->steps();
    REQUIRE(n >= 6);
    auto at = [&] { return session(h)->step(); };
    h.press(ui::key::page_down);
    CHECK(at() == 1);
    h.press(ui::key::right);
    CHECK(at() == 2);
    h.press(ui::key::space);
    CHECK(at() == 3);
    h.press(ui::key::page_up);
    CHECK(at() == 2);
    h.press(ui::key::left);
    CHECK(at() == 1);
    h.press(ui::key::one + 4);  // "5"
    CHECK(at() == 4);
    h.press(ui::key::one);  // "1"
    CHECK(at() == 0);
    h.press(ui::key::page_up);  // nowhere to go
    CHECK(at() == 0);
    h.press(ui::key::zero + 9);  // "9": beyond the last step of a shorter template, nothing
    CHECK(at() == (n >= 9 ? 8u : 0u));
    h.press(ui::key::one);
    // Where the room is, stored at once.
    h.press(ui::key::one + 2);
    CHECK(stored(h, s)[0].current_step == 2);

    h.press(ui::key::letter('t'));
    CHECK(session(h)->paused());
    h.frame();
    CHECK(h.drew(h.tr("meeting.timer_paused")));
    h.press(ui::key::letter('t'));
    CHECK_FALSE(session(h)->paused());

    h.press(ui::key::letter('p'));
    CHECK_FALSE(session(h)->privacy());
    h.frame();
    CHECK(h.drew(h.tr("meeting.privacy_off")));
    h.press(ui::key::letter('p'));
    CHECK(session(h)->privacy());

    // Esc leaves the presenter view; the meeting stays running and is offered to resume.
    h.press(ui::key::escape);
    h.frame(2);
    CHECK_FALSE(session(h));
    const std::string id = stored(h, s)[0].id;
    CHECK(ui::probed_this_frame("meeting.resume." + id));
    h.click("meeting.resume." + id);
    REQUIRE(session(h));
    CHECK(session(h)->step() == 2);
}

TEST_CASE("Keys typed into the notes are text and the clicker still moves on", "[meeting][ui]") {
    UiHarness h;
    const Setup s = seed(h);
    start_meeting(h, "teamreflectie");
    h.click("meeting.notes");
    h.type("Top 5 p t 3");
    h.frame();
    CHECK(session(h)->step() == 0);
    CHECK(session(h)->privacy());
    CHECK_FALSE(session(h)->paused());
    CHECK(session(h)->notes() == "Top 5 p t 3");
    h.press(ui::key::page_down);  // a clicker works while the cursor is in the notes
    CHECK(session(h)->step() == 1);
    h.press(ui::key::page_up);
    CHECK(session(h)->notes() == "Top 5 p t 3");  // going back loses nothing
}

TEST_CASE("An edit is stored within a second and a second of typing is one write", "[meeting][ui]") {
    UiHarness h;
    const Setup s = seed(h);
    start_meeting(h, "teamreflectie");
    h.advance(2.0);
    h.click("meeting.notes");
    h.type("Iedereen");
    h.frame();
    // The first edit after a quiet second is written at once …
    CHECK(stored(h, s)[0].steps[0].notes == "Iedereen");
    h.type(" is er");
    h.frame();
    // … what follows within the second waits for it …
    CHECK(stored(h, s)[0].steps[0].notes == "Iedereen");
    h.advance(1.0);
    h.frame();
    // … and is written when the second is up, without any further input.
    CHECK(stored(h, s)[0].steps[0].notes == "Iedereen is er");
}

TEST_CASE("The timer turns amber in the last minute and red when over and the meeting goes on", "[meeting][ui]") {
    UiHarness h;
    seed(h);
    start_meeting(h, "teamreflectie");
    const std::int64_t box = session(h)->box_seconds(0);
    REQUIRE(box >= 120);
    h.frame();
    // Simply running: the time, without words.
    CHECK_FALSE(h.drew(h.tr("meeting.timer_last_minute")));
    CHECK_FALSE(h.drew(h.tr("meeting.timer_over")));
    CHECK(h.drew(std::to_string(box / 60) + ":00"));
    h.advance(static_cast<double>(box - 30));
    h.frame();
    CHECK(session(h)->timer_state(static_cast<std::int64_t>(ImGui::GetTime() * 1000)) == model::TimerState::last_minute);
    CHECK(h.drew(h.tr("meeting.timer_last_minute")));
    CHECK(h.drew("0:30"));
    h.advance(90);
    h.frame();
    CHECK(h.drew(h.tr("meeting.timer_over")));
    CHECK(h.drew("+1:00"));
    h.press(ui::key::page_down);
    CHECK(session(h)->step() == 1);
    h.frame();
    CHECK_FALSE(h.drew(h.tr("meeting.timer_over")));
}

TEST_CASE("A meeting left running reopens at its step with what was entered when the program starts", "[meeting][ui]") {
    // A file, so that a second shell (the program started again) reads what the first wrote.
    const ts::test::TempDir dir("ts-meeting");
    const std::string db = (dir.path / "team.db").string();
    Setup s;
    {
        UiHarness h(open_sqlite_store(db));
        s = seed(h);
        start_meeting(h, "teamreflectie");
        h.click("meeting.notes");
        h.type("Onthouden");
        h.frame();
        h.press(ui::key::page_down);  // (the clicker works in the field)
    }  // the shell ends: what the last second got is stored
    {
        UiHarness h(open_sqlite_store(db));
        h.frame(2);
        REQUIRE(session(h));
        CHECK(session(h)->step() == 1);
        CHECK(session(h)->meeting().steps[0].notes == "Onthouden");
        CHECK(session(h)->privacy());
        CHECK(h.shell().screen() == ui::ScreenId::meeting);
    }
}

TEST_CASE("Check-in records who is present and today's goal", "[meeting][ui]") {
    UiHarness h;
    const Setup s = seed(h);
    add_member(h.store(), s.team_id, "Ayla K.");
    h.frame(2);
    start_meeting(h, "teamreflectie");
    h.click("meeting.attendee.Ayla K.");
    h.click("meeting.attendee.Sanne B.");
    h.click("meeting.notes");
    h.type("Rust op de groep");
    h.advance(1.5);
    h.frame();
    const Meeting m = stored(h, s)[0];
    CHECK(m.attendee_ids.size() == 2);
    CHECK(m.steps[0].notes == "Rust op de groep");
    h.click("meeting.attendee.Ayla K.");  // not there after all
    h.advance(1.5);
    h.frame();
    CHECK(stored(h, s)[0].attendee_ids == std::vector<std::string>{s.member_id});
}

namespace {

// Draws frames on the real clock for `seconds`, as the window's loop does while a meeting runs.
void run_for(UiHarness& h, double seconds) {
    using clock = std::chrono::steady_clock;
    const auto end = clock::now() + std::chrono::duration<double>(seconds);
    auto last = clock::now();
    while (clock::now() < end) {
        std::this_thread::sleep_for(std::chrono::milliseconds(15));
        const auto now = clock::now();
        h.advance(std::chrono::duration<double>(now - last).count());
        last = now;
    }
}

}  // namespace

TEST_CASE("A meeting killed mid-way keeps every edit older than a second and resumes at its step", "[meeting][ui][kill]") {
    const ts::test::TempDir dir("ts-meeting-kill");
    const std::string db = (dir.path / "team.db").string();
    int ready[2];
    REQUIRE(::pipe(ready) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // The program in the team room: a meeting started, moved on, notes typed; then it goes
        // on drawing until the power goes.
        ::close(ready[0]);
        {
            UiHarness h(open_sqlite_store(db));
            seed(h);
            start_meeting(h, "teamreflectie");
            h.press(ui::key::one + 6);  // the close step: its decisions
            h.click("meeting.notes");
            h.type("Eerste");
            run_for(h, 0.3);
            h.type(" tweede");
            h.frame();
            const char byte = 'x';
            if (::write(ready[1], &byte, 1) != 1) ::_exit(3);
            run_for(h, 60);  // killed long before
        }
        ::_exit(2);
    }
    ::close(ready[1]);
    char byte = 0;
    const bool told = ::read(ready[0], &byte, 1) == 1;
    ::close(ready[0]);
    // The last edit is a second and a little old when the program is killed.
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE(told);
    CHECK(WIFSIGNALED(status));

    // Started again: the meeting is there, at its step, with both edits.
    UiHarness h(open_sqlite_store(db));
    h.frame(2);
    REQUIRE(session(h));
    CHECK(session(h)->step() == 6);
    CHECK(session(h)->notes() == "Eerste tweede");
    CHECK(session(h)->meeting().state == MeetingState::running);
}

TEST_CASE("Reflection rates the recommendations beside last time and answers the questions one by one", "[meeting][ui]") {
    UiHarness h;
    const Setup s = seed(h);
    const Guideline& g = h.content().guideline;
    const BuildingBlock& block = g.building_blocks.front();
    REQUIRE(block.recommendations.size() >= 2);
    const std::string rec1 = block.recommendations[0].id, rec2 = block.recommendations[1].id;
    // Last time (February) the team rated the first recommendation "nog niet"; in January "deels".
    for (const auto& [day, rating] : {std::pair{"2026-01-15", Rating::partly}, std::pair{"2026-02-15", Rating::not_yet}}) {
        Meeting before;
        before.id = new_uuid();
        before.team_id = s.team_id;
        before.template_id = "teamreflectie";
        before.held_on = day;
        before.state = MeetingState::closed;
        before.ratings = {{rec1, rating}};
        before.created_at = before.updated_at = std::string(day) + "T12:00:00Z";
        h.store().save_meeting(before, "test");
    }
    h.frame(2);
    start_meeting(h, "teamreflectie");
    const auto& steps = h.content().meeting_template("teamreflectie")->steps;
    const auto at = std::find_if(steps.begin(), steps.end(), [](const TemplateStep& t) { return t.kind == StepKind::reflection; });
    REQUIRE(at != steps.end());
    const int reflection = static_cast<int>(at - steps.begin());
    h.press(ui::key::one + reflection);
    REQUIRE(session(h)->step() == static_cast<std::size_t>(reflection));
    h.frame();
    CHECK(h.drew(h.tr("meeting.reflection.choose")));
    h.click("meeting.block." + std::to_string(block.number));
    h.frame();
    CHECK(h.drew(ui::trf("meeting.rating.last_time", {h.tr("meeting.rating.not_yet")})));
    CHECK(h.drew(h.tr("meeting.rating.never")));  // the second was never rated
    h.click("meeting.rate." + rec1 + ".partly");
    h.click("meeting.rate." + rec2 + ".already");
    CHECK(session(h)->rating(rec2) == Rating::already);
    h.click("meeting.rate." + rec2 + ".not_yet");  // changed its mind
    CHECK(session(h)->rating(rec1) == Rating::partly);
    CHECK(session(h)->rating(rec2) == Rating::not_yet);

    // The clicker walks through the guiding question and the six questions before moving on.
    h.press(ui::key::page_down);
    CHECK(session(h)->step() == static_cast<std::size_t>(reflection));
    CHECK(h.drew(block.guiding_question.in(Lang::nl)));
    h.frame();  // the answer's field takes the keyboard
    h.type("Deels, de overdracht kan beter");
    const auto& questions = g.reflection_questions;
    for (std::size_t q = 0; q < questions.size(); ++q) {
        h.press(ui::key::page_down);
        CHECK(h.drew(questions[q].text.in(Lang::nl)));
        h.frame();
        h.type("Antwoord " + std::to_string(q + 1));
    }
    h.press(ui::key::page_up);  // back a question: its answer is there
    CHECK(*session(h)->answer(questions[questions.size() - 2].id) == "Antwoord " + std::to_string(questions.size() - 1));
    h.press(ui::key::page_down);
    h.press(ui::key::page_down);  // past the last question: the next step
    CHECK(session(h)->step() == static_cast<std::size_t>(reflection + 1));

    h.advance(1.5);
    h.frame();
    const auto meetings = stored(h, s);
    const auto now = std::find_if(meetings.begin(), meetings.end(), [](const Meeting& m) { return m.held_on == "2026-03-15"; });
    REQUIRE(now != meetings.end());
    CHECK(now->ratings.size() == 2);
    CHECK(now->answers.size() == questions.size() + 1);
    const auto guiding = std::find_if(now->answers.begin(), now->answers.end(), [&](const auto& a) { return a.first == block.id; });
    REQUIRE(guiding != now->answers.end());
    CHECK(guiding->second == "Deels, de overdracht kan beter");

    // Going back to the step finds the block chosen and its ratings.
    h.press(ui::key::page_up);
    h.press(ui::key::page_up);
    CHECK(session(h)->step() == static_cast<std::size_t>(reflection));
}

TEST_CASE("Close stores the next date and closes the meeting and saves private minutes", "[meeting][ui]") {
    UiHarness h;
    const Setup s = seed(h, {"J-07", "J-12"});
    const ts::test::TempDir dir("ts-minutes");
    start_meeting(h, "teamreflectie");
    h.click("meeting.notes");
    h.type("Gesprek over J-12 en de avonden");
    h.press(h.key(ImGuiKey_Escape));  // out of the field: the number keys are keys again
    const std::size_t last = session(h)->steps() - 1;
    h.press(ui::key::one + static_cast<int>(last));
    REQUIRE(session(h)->step() == last);
    h.frame();
    // The next meeting four weeks on is proposed; the team makes it five.
    CHECK(session(h)->meeting().next_meeting_on == std::optional<std::string>("2026-04-12"));
    h.click("meeting.next_date");
    h.select_all();
    h.type("2026-04-19");
    h.click("meeting.close");
    CHECK(session(h)->closed());
    h.advance(1.5);
    h.frame();
    const Meeting m = stored(h, s)[0];
    CHECK(m.state == MeetingState::closed);
    CHECK(m.next_meeting_on == std::optional<std::string>("2026-04-19"));

    // The minutes, private as the screen is: the code typed in the notes is not in them.
    const std::string path = (dir.path / "verslag.html").string();
    h.click("meeting.minutes.path");
    h.select_all();
    h.type(path);
    h.click("meeting.minutes.save");
    h.frame();
    CHECK(h.shows(ui::trf("meeting.minutes.saved", {path})));
    std::ifstream in(path);
    const std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(html.find("De Linde") != std::string::npos);
    CHECK(html.find("de avonden") != std::string::npos);
    CHECK(html.find("J-12") == std::string::npos);
    const bool next_date = html.find("2026-04-19") != std::string::npos || html.find("19 april 2026") != std::string::npos;
    CHECK(next_date);
}

namespace {

// Every text a frame put on the screen, read back from ImGui's draw data (glyph by glyph, so
// spaces are left out), and after it what the widgets probed (probe_text).
std::string all_text(UiHarness& h) {
    std::string out = h.screen_text();
    for (const auto& t : ui::probed_texts()) out += "\n" + t;
    return out;
}
bool shows(const std::string& text, const std::string& part) { return UiHarness::screen_has(text, part); }

// Each youth code of the team, in the spellings a person types.
std::vector<std::string> spellings(const std::vector<Youth>& youths) {
    std::vector<std::string> out;
    for (const Youth& y : youths) {
        out.push_back(y.code);
        std::string bare;
        for (char c : y.code)
            if (c != '-') bare += c;
        out.push_back(bare);
    }
    return out;
}

}  // namespace

TEST_CASE("With privacy on the presenter view draws no youth code and P shows them", "[meeting][ui][privacy]") {
    UiHarness h;
    const Setup s = seed(h, {"J-07", "K-31"});
    // An incident and a measure since the last meeting, each with a youth and free text.
    Incident i;
    i.id = new_uuid();
    i.team_id = s.team_id;
    i.occurred_at = "2026-03-10T20:15:00Z";
    i.category = "damage_property";
    i.severity = 2;
    i.youth_ids = {s.youth_ids.at("J-07")};
    i.description = "Schopte tegen de deur van de huiskamer";
    i.response = "Rustig toegesproken op de gang";
    i.created_at = i.updated_at = i.occurred_at;
    h.store().save_incident(i, "test");
    Measure m;
    m.id = new_uuid();
    m.team_id = s.team_id;
    m.youth_id = s.youth_ids.at("K-31");
    m.type = "physical_hold";
    m.started_at = "2026-03-11T21:00:00Z";
    m.ended_at = "2026-03-11T21:10:00Z";
    m.reason = "Sloeg een groepsgenoot met een stoel";
    m.notes = "Daarna samen thee gedronken";
    m.emergency = true;
    m.decided_by = "Sanne B.";
    m.created_at = m.updated_at = m.started_at;
    h.store().save_measure(m, "test");
    const std::vector<std::string> free_text{i.description, i.response, m.reason, m.notes};
    h.frame(2);
    start_meeting(h, "teamreflectie");
    h.click("meeting.notes");
    h.type("J-07 en k31 waren onrustig");
    h.press(h.key(ImGuiKey_Escape));
    const auto codes = spellings(h.store().youths(s.team_id));
    for (std::size_t step = 0; step < session(h)->steps(); ++step) {
        h.press(h.key(ImGuiKey_Escape));  // out of a field a step may have put the cursor in
        h.press(ui::key::one + static_cast<int>(step));
        REQUIRE(session(h)->step() == step);
        h.frame();
        const std::string text = h.screen_text();
        REQUIRE(shows(text, h.tr("meeting.privacy_on")));  // the draw data is read
        for (const auto& code : codes) {
            INFO("step " << step + 1 << ", code " << code);
            CHECK_FALSE(shows(text, code));
            CHECK_FALSE(shows(all_text(h), code));
        }
        for (const auto& words : free_text) {
            INFO("step " << step + 1 << ": " << words);
            CHECK_FALSE(shows(text, words));
        }
    }
    h.press(h.key(ImGuiKey_Escape));
    h.press(ui::key::one);
    h.frame();
    CHECK(shows(h.screen_text(), std::string(h.tr("minutes.code_hidden")) + " en " + h.tr("minutes.code_hidden") + " waren onrustig"));
    // Privacy off: the notes as typed, and the incidents step shows its youth and what happened.
    h.press(ui::key::letter('p'));
    CHECK(shows(h.screen_text(), "J-07 en k31 waren onrustig"));
    h.press(ui::key::one + 2);
    REQUIRE(session(h)->meeting().steps[session(h)->step()].kind == StepKind::incidents);
    const std::string open_text = h.screen_text();
    CHECK(shows(open_text, "J-07"));
    CHECK(shows(open_text, i.description));
    h.press(ui::key::one);
    // Clicking the hidden text with privacy on opens the text itself to edit, and it stays.
    h.press(ui::key::letter('p'));
    h.click("meeting.notes");
    h.frame();
    h.type(" vandaag");
    h.frame();
    CHECK(session(h)->notes() == "J-07 en k31 waren onrustig vandaag");
}

TEST_CASE("A meeting on the screen is not an idle desk and neither asks who is there nor locks", "[meeting][ui][who]") {
    UiHarness h;
    seed(h);
    h.shell().set_idle_minutes(true, 10);  // also a lock after ten minutes
    start_meeting(h, "teamreflectie");
    REQUIRE(session(h));
    set_clock_for_testing([] { return ts::test::kPinnedNow + 90 * 60; });  // an hour and a half of talk
    h.frame(2);
    CHECK_FALSE(h.shell().covered());
    CHECK(h.shell().who() == "Sanne B.");
    // Leaving the meeting's view starts the limits again, from then.
    h.press(ui::key::escape);
    set_clock_for_testing([] { return ts::test::kPinnedNow + 101 * 60; });
    h.frame(2);
    CHECK(h.shell().locked());
}

TEST_CASE("The start page chooses the team the meeting is for", "[meeting][ui]") {
    UiHarness h;
    seed(h);
    Team other;
    other.id = new_uuid();
    other.name = "De Wilg";
    other.created_at = other.updated_at = "2026-01-01T00:00:00Z";
    h.store().save_team(other, "test");
    h.shell().show(ui::ScreenId::meeting);
    h.frame(2);
    h.click("meeting.team");
    h.frame();
    h.click("meeting.team.De Wilg");
    h.frame(2);
    REQUIRE(h.shell().model().team_id() == other.id);
    h.click("meeting.start");
    h.frame(2);
    REQUIRE(session(h));
    CHECK(session(h)->meeting().team_id == other.id);
    CHECK(h.store().meetings(other.id).size() == 1);
}

TEST_CASE("A whole meeting from template to close through keys clicks and typing is stored", "[meeting][ui][whole]") {
    UiHarness h;
    const Setup s = seed(h);
    const std::string ayla = add_member(h.store(), s.team_id, "Ayla K.");
    // Last time's actions: one gets done, one continues with a new date, one is dropped.
    std::vector<std::string> open_ids;
    for (const auto& [title, due] : {std::pair{"Overdracht op papier", "2026-03-01"}, std::pair{"Rooster nachtdienst", "2026-03-20"},
                                     std::pair{"Bel de wijkagent", "2026-03-25"}}) {
        Action a;
        a.id = new_uuid();
        a.team_id = s.team_id;
        a.title = title;
        a.owner_id = s.member_id;
        a.due_on = due;
        a.created_at = a.updated_at = "2026-02-15T10:00:00Z";
        h.store().save_action(a, "test");
        open_ids.push_back(a.id);
    }
    const BuildingBlock& block = h.content().guideline.building_blocks.front();
    h.frame(2);

    // The coach starts the monthly team reflection.
    start_meeting(h, "teamreflectie");
    REQUIRE(session(h));
    const std::string meeting_id = session(h)->meeting().id;
    auto step_is = [&](StepKind k) { return session(h)->meeting().steps[session(h)->step()].kind == k; };

    // 1 check-in: who is there, today's goal.
    REQUIRE(step_is(StepKind::check_in));
    h.click("meeting.attendee.Sanne B.");
    h.click("meeting.attendee.Ayla K.");
    h.click("meeting.notes");
    h.type("Scherp krijgen wat de avonden onrustig maakt");
    h.press(ui::key::page_down);

    // 2 open actions, soonest due first: done; continued to a new date; dropped with a reason.
    REQUIRE(step_is(StepKind::open_actions));
    h.click("meeting.open_actions.done");
    h.press(ui::key::page_down);
    h.click("meeting.open_actions.due");
    h.select_all();
    h.type("2026-04-30");
    h.click("meeting.open_actions.carry_on");
    h.press(ui::key::page_down);
    h.click("meeting.open_actions.note");
    h.type("De wijkagent komt zelf langs");
    h.click("meeting.open_actions.drop");
    h.press(ui::key::page_down);  // past the last action: the next step

    // 3 incidents and 4 measures: looked at, on to the reflection.
    REQUIRE(step_is(StepKind::incidents));
    while (!step_is(StepKind::reflection)) h.press(ui::key::page_down);

    // 5 reflection: a block, its recommendations rated, its guiding question answered.
    h.click("meeting.block." + std::to_string(block.number));
    h.click("meeting.rate." + block.recommendations[0].id + ".partly");
    h.click("meeting.rate." + block.recommendations[1].id + ".not_yet");
    h.press(ui::key::page_down);
    h.frame();
    h.type("Vooral bij de overdracht");
    h.press(ui::key::page_down);
    h.frame();
    h.type("De groepsleiders van de avond");
    // On to the next step by number, out of the answer's field first.
    h.press(h.key(ImGuiKey_Escape));
    const auto& steps = session(h)->template_().steps;
    const auto agree = std::find_if(steps.begin(), steps.end(), [](const TemplateStep& t) { return t.kind == StepKind::agree_actions; });
    REQUIRE(agree != steps.end());
    h.press(ui::key::one + static_cast<int>(agree - steps.begin()));

    // 6 agree actions: one with an owner, typed with Enter.
    REQUIRE(step_is(StepKind::agree_actions));
    h.click("meeting.agree.owner");
    h.frame(2);
    h.click("meeting.agree.owner.Ayla K.");
    h.click("meeting.agree.title");
    h.type("Avondoverdracht om 16:30 met de hele ploeg");
    h.press(h.key(ImGuiKey_Enter));
    h.press(h.key(ImGuiKey_Escape));
    h.press(ui::key::page_down);

    // 7 close: the next date, and closed.
    REQUIRE(step_is(StepKind::close));
    h.click("meeting.next_date");
    h.select_all();
    h.type("2026-04-16");
    h.click("meeting.close");
    h.advance(1.5);
    h.frame();

    // The store has it all.
    std::optional<Meeting> m;
    for (Meeting& x : h.store().meetings(s.team_id))
        if (x.id == meeting_id) m = x;
    REQUIRE(m);
    CHECK(m->state == MeetingState::closed);
    CHECK(m->next_meeting_on == std::optional<std::string>("2026-04-16"));
    auto attendees = m->attendee_ids;
    std::sort(attendees.begin(), attendees.end());
    std::vector<std::string> expected{s.member_id, ayla};
    std::sort(expected.begin(), expected.end());
    CHECK(attendees == expected);
    CHECK(m->steps[0].notes == "Scherp krijgen wat de avonden onrustig maakt");
    CHECK(m->ratings.size() == 2);
    const auto answered = [&](const std::string& id, const std::string& text) {
        return std::any_of(m->answers.begin(), m->answers.end(), [&](const auto& a) { return a.first == id && a.second == text; });
    };
    CHECK(answered(block.id, "Vooral bij de overdracht"));
    CHECK(answered(h.content().guideline.reflection_questions.front().id, "De groepsleiders van de avond"));

    // An update of this meeting for every reviewed action, and their new states.
    const auto actions = h.store().actions(s.team_id);
    const auto updates = h.store().action_updates(s.team_id);
    auto action = [&](const std::string& id) { return *std::find_if(actions.begin(), actions.end(), [&](const Action& a) { return a.id == id; }); };
    for (const std::string& id : open_ids)
        CHECK(std::count_if(updates.begin(), updates.end(), [&](const ActionUpdate& u) {
                  return u.action_id == id && u.meeting_id == std::optional<std::string>(meeting_id);
              }) == 1);
    CHECK(action(open_ids[0]).status == ActionStatus::done);
    CHECK(action(open_ids[0]).completed_at);
    CHECK(action(open_ids[1]).due_on == std::optional<std::string>("2026-04-30"));
    CHECK(action(open_ids[2]).status == ActionStatus::dropped);
    // The new action, with its owner, agreed in this meeting.
    const auto added = std::find_if(actions.begin(), actions.end(), [](const Action& a) { return a.title == "Avondoverdracht om 16:30 met de hele ploeg"; });
    REQUIRE(added != actions.end());
    CHECK(added->owner_id == std::optional<std::string>(ayla));
    CHECK(added->meeting_id == std::optional<std::string>(meeting_id));
    CHECK(added->status == ActionStatus::open);
}

TEST_CASE("A meeting with a date that is no date is not started and nothing is stored", "[meeting][ui]") {
    UiHarness h;
    const Setup s = seed(h);
    h.shell().show(ui::ScreenId::meeting);
    h.frame(2);
    h.click("meeting.date");
    h.select_all();
    h.type("volgende week");
    h.click("meeting.start");
    h.frame();
    CHECK_FALSE(session(h));
    CHECK(h.shows(h.tr("form.date_unknown")));
    CHECK(stored(h, s).empty());
    // Put right (the field is found where it is, also with its mark beside it): started.
    h.click("meeting.date");
    h.select_all();
    h.type("2026-03-16");
    h.press(h.key(ImGuiKey_Enter));  // Enter in the date starts it
    h.frame(2);
    REQUIRE(session(h));
    CHECK(stored(h, s)[0].held_on == "2026-03-16");
}
