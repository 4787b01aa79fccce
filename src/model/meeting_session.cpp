#include "model/meeting_session.hpp"

#include "core/time.hpp"

#include <algorithm>
#include <tuple>
#include <utility>

namespace ts::model {

std::vector<std::pair<std::string, Rating>> previous_ratings(const std::vector<Meeting>& team_meetings, const Meeting& current) {
    std::vector<const Meeting*> earlier;
    for (const Meeting& m : team_meetings)
        if (m.id != current.id && std::tie(m.held_on, m.created_at) < std::tie(current.held_on, current.created_at))
            earlier.push_back(&m);
    // Newest first: the first rating found of a recommendation is its latest.
    std::sort(earlier.begin(), earlier.end(), [](const Meeting* a, const Meeting* b) {
        return std::tie(a->held_on, a->created_at) > std::tie(b->held_on, b->created_at);
    });
    std::vector<std::pair<std::string, Rating>> out;
    for (const Meeting* m : earlier)
        for (const auto& [rec, rating] : m->ratings)
            if (std::none_of(out.begin(), out.end(), [&](const auto& p) { return p.first == rec; })) out.emplace_back(rec, rating);
    return out;
}

ind::Period meeting_period(const std::vector<Meeting>& team_meetings, const Meeting& current) {
    const auto day = parse_date(current.held_on);
    if (!day) return {};
    const Date to = civil_from_days(days_from_civil(*day) + 1);
    std::optional<Date> from;
    for (const Meeting& m : team_meetings) {
        if (m.id == current.id) continue;
        const auto d = parse_date(m.held_on);
        if (d && *d < *day && (!from || *from < *d)) from = d;
    }
    return {from ? *from : civil_from_days(days_from_civil(to) - kFirstMeetingPeriodDays), to};
}

Meeting MeetingSession::start(const MeetingTemplate& tpl, const std::string& team_id, const std::string& held_on,
                              const std::optional<std::string>& facilitator_id, const std::string& id,
                              const std::string& now_text) {
    Meeting m;
    m.id = id;
    m.team_id = team_id;
    m.template_id = tpl.id;
    m.held_on = held_on;
    m.facilitator_id = facilitator_id;
    m.state = MeetingState::running;
    m.current_step = 0;
    for (const auto& s : tpl.steps) m.steps.push_back(MeetingStep{s.kind, {}, 0});
    m.created_at = now_text;
    m.updated_at = now_text;
    return m;
}

MeetingSession::MeetingSession(Meeting meeting, const MeetingTemplate& tpl, std::int64_t now_ms)
    : meeting_(std::move(meeting)), tpl_(tpl) {
    // A template that grew since the meeting began: its new steps are added, empty. One that
    // shrank keeps the meeting's steps (what was noted in them stays), shown with a title of
    // their kind by the screen.
    for (std::size_t i = meeting_.steps.size(); i < tpl_.steps.size(); ++i) {
        meeting_.steps.push_back(MeetingStep{tpl_.steps[i].kind, {}, 0});
        changed();
    }
    if (meeting_.steps.empty()) meeting_.steps.push_back(MeetingStep{StepKind::discussion, {}, 0});
    const int last = static_cast<int>(meeting_.steps.size()) - 1;
    if (meeting_.current_step < 0 || meeting_.current_step > last) {
        meeting_.current_step = std::clamp(meeting_.current_step, 0, last);
        changed();
    }
    if (meeting_.state == MeetingState::planned) {
        meeting_.state = MeetingState::running;
        changed();
    }
    step_ms_ = std::int64_t{meeting_.steps[step()].seconds_used} * 1000;
    since_ = now_ms;
    paused_ = closed();
}

std::int64_t MeetingSession::box_seconds(std::size_t i) const {
    return i < tpl_.steps.size() ? std::int64_t{tpl_.steps[i].minutes} * 60 : 0;
}

std::int64_t MeetingSession::used_ms(std::int64_t now_ms) const {
    return step_ms_ + (paused_ ? 0 : std::max<std::int64_t>(0, now_ms - since_));
}

void MeetingSession::settle(std::int64_t now_ms) {
    const std::int64_t used = used_ms(now_ms);
    step_ms_ = used;
    since_ = now_ms;
    auto& seconds = meeting_.steps[step()].seconds_used;
    const int whole = static_cast<int>(std::min<std::int64_t>(used / 1000, 1'000'000'000));
    if (seconds != whole) {
        seconds = whole;
        dirty_ = true;
    }
}

bool MeetingSession::go(std::size_t to, std::int64_t now_ms) {
    if (to >= steps() || to == step()) return false;
    settle(now_ms);
    meeting_.current_step = static_cast<int>(to);
    step_ms_ = std::int64_t{meeting_.steps[to].seconds_used} * 1000;
    since_ = now_ms;
    // A pause is for the step it was taken in: the room that moves on is going on. A closed
    // meeting's timer stays still.
    paused_ = closed();
    changed();
    return true;
}

bool MeetingSession::next(std::int64_t now_ms) { return go(step() + 1, now_ms); }
bool MeetingSession::back(std::int64_t now_ms) { return step() > 0 && go(step() - 1, now_ms); }
bool MeetingSession::jump(std::size_t to, std::int64_t now_ms) { return go(to, now_ms); }

void MeetingSession::tick(std::int64_t now_ms) {
    if (!paused_) settle(now_ms);
}

std::int64_t MeetingSession::seconds_left(std::int64_t now_ms) const {
    // Counted like a kitchen timer: the full box shows until a whole second has gone; once
    // over, -1 shows after a whole second over.
    const std::int64_t left_ms = box_seconds(step()) * 1000 - used_ms(now_ms);
    return left_ms >= 0 ? (left_ms + 999) / 1000 : left_ms / 1000;
}

TimerState MeetingSession::timer_state(std::int64_t now_ms) const {
    if (paused_) return TimerState::paused;
    const std::int64_t left_ms = box_seconds(step()) * 1000 - used_ms(now_ms);
    if (left_ms <= 0) return TimerState::over;
    if (left_ms <= 60'000) return TimerState::last_minute;
    return TimerState::running;
}

void MeetingSession::toggle_pause(std::int64_t now_ms) {
    if (closed()) return;
    settle(now_ms);
    paused_ = !paused_;
}

void MeetingSession::set_notes(std::string text) {
    auto& notes = meeting_.steps[step()].notes;
    if (notes == text) return;
    notes = std::move(text);
    changed();
}

void MeetingSession::set_attendees(std::vector<std::string> member_ids) {
    std::sort(member_ids.begin(), member_ids.end());
    member_ids.erase(std::unique(member_ids.begin(), member_ids.end()), member_ids.end());
    if (meeting_.attendee_ids == member_ids) return;
    meeting_.attendee_ids = std::move(member_ids);
    changed();
}

namespace {
template <class V>
auto find_key(std::vector<std::pair<std::string, V>>& list, const std::string& key) {
    return std::find_if(list.begin(), list.end(), [&](const auto& p) { return p.first == key; });
}
}  // namespace

void MeetingSession::set_answer(const std::string& question_id, std::string text) {
    auto it = find_key(meeting_.answers, question_id);
    if (text.empty()) {
        if (it == meeting_.answers.end()) return;
        meeting_.answers.erase(it);
    } else if (it == meeting_.answers.end()) {
        meeting_.answers.emplace_back(question_id, std::move(text));
    } else {
        if (it->second == text) return;
        it->second = std::move(text);
    }
    changed();
}

const std::string* MeetingSession::answer(const std::string& question_id) const {
    for (const auto& [id, text] : meeting_.answers)
        if (id == question_id) return &text;
    return nullptr;
}

void MeetingSession::set_rating(const std::string& recommendation_id, std::optional<Rating> rating) {
    auto it = find_key(meeting_.ratings, recommendation_id);
    if (!rating) {
        if (it == meeting_.ratings.end()) return;
        meeting_.ratings.erase(it);
    } else if (it == meeting_.ratings.end()) {
        meeting_.ratings.emplace_back(recommendation_id, *rating);
    } else {
        if (it->second == *rating) return;
        it->second = *rating;
    }
    changed();
}

std::optional<Rating> MeetingSession::rating(const std::string& recommendation_id) const {
    for (const auto& [id, r] : meeting_.ratings)
        if (id == recommendation_id) return r;
    return std::nullopt;
}

void MeetingSession::set_next_meeting(std::optional<std::string> date) {
    if (meeting_.next_meeting_on == date) return;
    meeting_.next_meeting_on = std::move(date);
    changed();
}

bool MeetingSession::discussed(const std::string& incident_id) const {
    const auto& ids = meeting_.discussed_incident_ids;
    return std::find(ids.begin(), ids.end(), incident_id) != ids.end();
}

void MeetingSession::set_discussed(const std::string& incident_id, bool on) {
    auto& ids = meeting_.discussed_incident_ids;
    if (discussed(incident_id) == on) return;
    if (on) {
        ids.insert(std::upper_bound(ids.begin(), ids.end(), incident_id), incident_id);  // kept sorted, as the store reads them
    } else {
        ids.erase(std::remove(ids.begin(), ids.end(), incident_id), ids.end());
    }
    changed();
}

void MeetingSession::close(std::int64_t now_ms) {
    if (closed()) return;
    settle(now_ms);
    meeting_.state = MeetingState::closed;
    paused_ = true;
    changed();
}

}  // namespace ts::model
