#include "core/actions.hpp"

#include <algorithm>

namespace ts {

bool action_is_working(ActionStatus s) { return s == ActionStatus::open || s == ActionStatus::in_progress; }

bool action_overdue(const Action& a, const Date& today) {
    if (!action_is_working(a.status) || !a.due_on) return false;
    const auto due = parse_date(*a.due_on);
    return due && *due < today;
}

int review_meetings(const std::vector<ActionUpdate>& updates) {
    std::vector<std::string_view> meetings;
    for (const auto& u : updates)
        if (u.meeting_id) meetings.push_back(*u.meeting_id);
    std::sort(meetings.begin(), meetings.end());
    return static_cast<int>(std::unique(meetings.begin(), meetings.end()) - meetings.begin());
}

bool action_stale(const Action& a, int meetings_reviewed) {
    return action_is_working(a.status) && meetings_reviewed >= kStaleAfterMeetings;
}

void set_action_status(Action& a, ActionStatus status, const std::string& now_utc) {
    if (status == ActionStatus::done) {
        if (a.status != ActionStatus::done || !a.completed_at) a.completed_at = now_utc;
    } else {
        a.completed_at.reset();
    }
    a.status = status;
}

namespace {

const GuidelineItem* item_in(const std::vector<GuidelineItem>& items, std::string_view id) {
    for (const auto& i : items)
        if (i.id == id) return &i;
    return nullptr;
}

}  // namespace

const BuildingBlock* block_of_ref(const Guideline& g, std::string_view ref) {
    for (const auto& b : g.building_blocks)
        if (b.id == ref || item_in(b.topics, ref) || item_in(b.recommendations, ref)) return &b;
    return nullptr;
}

const Text* guideline_text(const Guideline& g, std::string_view ref) {
    for (const auto& b : g.building_blocks) {
        if (b.id == ref) return &b.title;
        if (const GuidelineItem* i = item_in(b.topics, ref)) return &i->text;
        if (const GuidelineItem* i = item_in(b.recommendations, ref)) return &i->text;
    }
    return nullptr;
}

}  // namespace ts
