// A meeting being led on the shared screen: which step the room is at, each step's time box and
// the time used, the pause, and privacy mode. No ImGui and no SQL: the screen draws from it and
// asks it to move, and the shell stores the Meeting record it holds whenever it has changed
// (dirty()), so that a meeting left running resumes at its step with everything entered.
//
// Time is given by the caller in milliseconds of a steady clock, so that tests can run a whole
// meeting in no time. A step's timer counts its time box down; it never stops the meeting.
#pragma once

#include "core/content.hpp"
#include "core/indicators.hpp"
#include "core/types.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ts::model {

// The team's rating of each recommendation at its last meeting before `current` that rated it
// (by the day held, then when it was created), from `team_meetings` (any order).
std::vector<std::pair<std::string, Rating>> previous_ratings(const std::vector<Meeting>& team_meetings, const Meeting& current);

// The days a meeting's incidents and measures steps look back on: from the day of the team's
// previous meeting (the latest in `team_meetings` held on an earlier day than `current`) up to
// and including the day of `current`, [previous held_on, current held_on + 1 day). Without an
// earlier meeting, the 28 days up to and including its day. The previous meeting's own day
// belongs to both periods: what happened after that meeting that day is not lost. An unreadable
// held_on gives an empty period.
ind::Period meeting_period(const std::vector<Meeting>& team_meetings, const Meeting& current);
inline constexpr int kFirstMeetingPeriodDays = 28;

enum class TimerState { running, last_minute, over, paused };

class MeetingSession {
public:
    // A new meeting of `team_id` from `tpl` on `held_on`, running, at its first step; one
    // MeetingStep per template step.
    static Meeting start(const MeetingTemplate& tpl, const std::string& team_id, const std::string& held_on,
                         const std::optional<std::string>& facilitator_id, const std::string& id, const std::string& now_text);

    // Leads `meeting` (running, or planned: it runs from now) by `tpl`, from its current step,
    // at `now_ms`. Privacy mode is on, as it is whenever a meeting is opened on the screen.
    // Steps the record lacks (a template that grew) are added; a current step out of range
    // becomes the last.
    MeetingSession(Meeting meeting, const MeetingTemplate& tpl, std::int64_t now_ms);

    const Meeting& meeting() const { return meeting_; }
    const MeetingTemplate& template_() const { return tpl_; }
    std::size_t step() const { return static_cast<std::size_t>(meeting_.current_step); }
    std::size_t steps() const { return meeting_.steps.size(); }
    const TemplateStep& step_template(std::size_t i) const { return tpl_.steps[i]; }

    // Moving between steps: false when there is nowhere to go. The time of the step left is
    // kept, and entering a step goes on counting from what it used before.
    bool next(std::int64_t now_ms);
    bool back(std::int64_t now_ms);
    bool jump(std::size_t step, std::int64_t now_ms);  // 0-based; the number keys give 1–9

    // The current step's timer: seconds left of its time box (negative once over), and how it
    // should look: normal, the last minute (amber), over (red), or paused.
    void tick(std::int64_t now_ms);
    std::int64_t box_seconds(std::size_t step) const;  // the template's time box of a step
    std::int64_t seconds_left(std::int64_t now_ms) const;
    TimerState timer_state(std::int64_t now_ms) const;
    bool paused() const { return paused_; }
    void toggle_pause(std::int64_t now_ms);

    bool privacy() const { return privacy_; }
    void toggle_privacy() { privacy_ = !privacy_; }

    // The current step's notes; storing them is the shell's (dirty()).
    const std::string& notes() const { return meeting_.steps[step()].notes; }
    void set_notes(std::string text);

    // What the steps record; each marks the record changed.
    void set_attendees(std::vector<std::string> member_ids);
    void set_answer(const std::string& question_id, std::string text);  // "" removes it
    void set_rating(const std::string& recommendation_id, std::optional<Rating> rating);
    std::optional<Rating> rating(const std::string& recommendation_id) const;
    const std::string* answer(const std::string& question_id) const;
    void set_next_meeting(std::optional<std::string> date);
    // Whether an incident was discussed in this meeting (marked in its incidents step).
    bool discussed(const std::string& incident_id) const;
    void set_discussed(const std::string& incident_id, bool on);
    // Ends the meeting: closed, with the time up to now stored. The session may still be
    // shown (the close step's summary), but the timer stands still.
    void close(std::int64_t now_ms);
    bool closed() const { return meeting_.state == MeetingState::closed; }

    // Whether the record changed since saved() was last called: moved, notes, time used (in
    // whole seconds, so a running timer makes it dirty once a second at most).
    bool dirty() const { return dirty_; }
    // Whether anything besides the time used changed since saved(): what was entered, where
    // the room is.
    bool edited() const { return edited_; }
    void saved() { dirty_ = edited_ = false; }
    // A save that failed: stored again at the next chance.
    void mark_dirty() { dirty_ = edited_ = true; }

private:
    std::int64_t used_ms(std::int64_t now_ms) const;  // the current step's, up to now
    void settle(std::int64_t now_ms);                 // the time up to now into the record
    bool go(std::size_t to, std::int64_t now_ms);

    Meeting meeting_;
    MeetingTemplate tpl_;
    std::int64_t step_ms_ = 0;       // the current step's time used before `since_`
    std::int64_t since_ = 0;         // when the current stretch began (not paused)
    bool paused_ = false;
    bool privacy_ = true;
    bool dirty_ = false, edited_ = false;
    void changed() { dirty_ = edited_ = true; }
};

}  // namespace ts::model
