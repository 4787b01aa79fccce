// What an action is at a glance, for every screen that lists actions (the register, the
// meeting's open-actions step): is it still being worked on, overdue, stale, and which
// building block of the guideline it belongs to. And the one rule for changing its status:
// done sets the completion time, anything else clears it.
//
// The definitions are those of PRODUCT.md's indicators (core/indicators.cpp counts the same):
// overdue = open or in progress with a due date before today; stale = open or in progress and
// reviewed in 3 or more different meetings (the distinct meetings of its action updates).
#pragma once

#include "core/content.hpp"
#include "core/time.hpp"
#include "core/types.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ts {

// Reviewed in this many different meetings without being done: stale.
inline constexpr int kStaleAfterMeetings = 3;

// Open or in progress: the team is still working on it.
bool action_is_working(ActionStatus s);
// Still being worked on and its due date (a readable "YYYY-MM-DD") is before `today`.
bool action_overdue(const Action& a, const Date& today);
// The number of different meetings among `updates` (those without a meeting are not reviews
// in a meeting).
int review_meetings(const std::vector<ActionUpdate>& updates);
// Still being worked on and reviewed in kStaleAfterMeetings or more meetings.
bool action_stale(const Action& a, int meetings_reviewed);

// Sets the status the way every screen does: to done, the completion time becomes `now_utc`
// (kept when it was done already); to anything else, the completion time is cleared.
void set_action_status(Action& a, ActionStatus status, const std::string& now_utc);

// The building block a guideline reference lies in: the block itself, or the block of a topic
// or core recommendation. Null for an unknown reference or one outside the blocks (a
// reflection question, a spearhead).
const BuildingBlock* block_of_ref(const Guideline& g, std::string_view ref);
// The text of a block, topic or core recommendation by id, in `lang`; null when unknown.
const Text* guideline_text(const Guideline& g, std::string_view ref);

}  // namespace ts
