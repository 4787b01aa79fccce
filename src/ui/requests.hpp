// What screens ask of the shell. A screen never changes shared state while it draws: it posts
// a request, and the shell carries the requests out after the frame's drawing, in the order
// they were posted (the pattern of Tracy's run queue and ImHex's "do later"). So nothing a
// screen is looping over — the team list, the rows of the cache — changes under its feet, and
// no screen calls another.
#pragma once

#include "core/types.hpp"
#include "store/store.hpp"
#include "ui/screen_id.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace ts::ui {

class Requests;

namespace request {
struct Show { ScreenId screen; };
struct SwitchTeam { std::string team_id; };
struct ChooseMember { std::string member_id; };  // who is at the keyboard
struct SetZoom { int pct; };
struct SetTheme { Theme theme; };
struct SetLanguage { Lang lang; };
struct ToggleFullscreen {};
struct Flash { Tone tone; std::string message; };
// The lock screen (Ctrl+L, or idle): hides everything until someone says who they are.
struct Lock {};
// From the lock or start question: who is at the keyboard, and the PIN when locked with one.
struct Unlock { std::string member_id, pin; };
// "Later" on the start question: nobody chosen; register saves are refused until someone is.
struct DismissQuestion {};
// Settings of this machine: minutes without input before the choice of who is at the keyboard
// is forgotten / the screen locks (0: never); the lock's PIN (empty: no PIN).
struct SetIdleMinutes { bool lock; int minutes; };
struct SetPin { std::string pin; };
// The measures screen with the form of this measure open.
struct OpenMeasure { std::string measure_id; };
// The measures screen with a new measure's form, prefilled from this (saved) incident.
struct NewMeasureFromIncident { std::string incident_id; };
// A new record's form on a register screen (N, Ctrl+N); nothing while a form is open there.
struct NewRecord { ScreenId screen; };
// The meeting's presenter view (ui/meeting): its keys, from the key map or a clicker.
enum class MeetingOp { next, back, jump, pause, privacy, leave };
struct Meeting { MeetingOp op; std::size_t step = 0; };  // step: for jump, 0-based
// A figure clicked through to the records behind it: a register's list with these filters set
// (and every other filter of that list cleared). An empty team_id keeps the current team;
// otherwise the shell switches to it first (the manager overview's rows).
struct ListFilter {
    std::string team_id;
    std::optional<Date> from, to;       // [from, to), local dates
    std::string type;                   // measures: a measure type code
    std::string category;               // incidents: a category code
    std::optional<int> severity;        // incidents: this severity only
    bool reportable = false;            // incidents: reportable ones only
    std::optional<ActionStatus> status; // actions
    bool working = false;               // actions: open or in progress (instead of a status)
    bool overdue = false, stale = false;  // actions
    // Actions: the list across all teams, with team_id as its team filter (empty: every team);
    // the current team stays as it is.
    bool all_teams = false;
};
struct ShowList { ScreenId screen; ListFilter filter; };
// The current team's measures and incidents held from `since` (unix seconds) on, read at the
// next refresh (model::Model::hold_since): a list showing older ones, a meeting's period.
struct HoldSince { std::int64_t since; };
// A save or delete, done after the frame: `write` runs against the store (it captures the
// record by value); then `done` gets the store's refusal (nullptr when it went well) and may
// post what follows (a flash, a team switch). The screen that posts it outlives the request.
struct Write {
    std::function<void(Store&)> write;
    std::function<void(const StoreError* refused, Requests& then)> done;
};
}  // namespace request

using Request = std::variant<request::Show, request::SwitchTeam, request::ChooseMember, request::SetZoom, request::SetTheme,
                             request::SetLanguage, request::ToggleFullscreen, request::Flash, request::OpenMeasure,
                             request::NewMeasureFromIncident, request::NewRecord, request::Write, request::Lock, request::Unlock,
                             request::DismissQuestion, request::SetIdleMinutes, request::SetPin, request::Meeting,
                             request::ShowList, request::HoldSince>;

// The queue between the screens (which post while drawing) and the shell (which applies after).
class Requests {
public:
    // Built in place in the queue (std::in_place_type), not moved in from a temporary variant:
    // GCC 12 warns about a maybe-uninitialized string in that move.
    template <class R>
    void post(R&& r) {
        queue_.emplace_back(std::in_place_type<std::decay_t<R>>, std::forward<R>(r));
    }
    bool empty() const { return queue_.empty(); }
    // Everything posted so far, oldest first; the queue is empty afterwards.
    std::vector<Request> take() { return std::exchange(queue_, {}); }
    // A frame wanted within `seconds` from now (Ctx::redraw_within); the earliest one counts.
    void redraw_within(double seconds) {
        if (seconds < 0) seconds = 0;
        if (!redraw_in_ || seconds < *redraw_in_) redraw_in_ = seconds;
    }
    // The earliest frame asked for since the last call; none when none was.
    std::optional<double> take_redraw() { return std::exchange(redraw_in_, std::nullopt); }

private:
    std::vector<Request> queue_;
    std::optional<double> redraw_in_;
};

}  // namespace ts::ui
