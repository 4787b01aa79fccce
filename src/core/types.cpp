#include "core/types.hpp"

#include <array>
#include <utility>

namespace ts {
namespace {

// One table per enum keeps the spelling in the database, the bundle and the code identical.
template <typename E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
    for (const auto& [e, name] : table)
        if (e == value) return name;
    return "?";
}

template <typename E, std::size_t N>
std::optional<E> parse(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view text) {
    for (const auto& [e, name] : table)
        if (name == text) return e;
    return std::nullopt;
}

constexpr std::array<std::pair<Lang, std::string_view>, 2> kLangs{{{Lang::nl, "nl"}, {Lang::en, "en"}}};
constexpr std::array<std::pair<Role, std::string_view>, 4> kRoles{{{Role::group_worker, "group_worker"},
                                                                   {Role::coach, "coach"},
                                                                   {Role::behavioural_scientist, "behavioural_scientist"},
                                                                   {Role::manager, "manager"}}};
constexpr std::array<std::pair<CareSetting, std::string_view>, 2> kSettings{
    {{CareSetting::open, "open"}, {CareSetting::closed, "closed"}}};
constexpr std::array<std::pair<ActionStatus, std::string_view>, 4> kActionStatuses{{{ActionStatus::open, "open"},
                                                                                    {ActionStatus::in_progress, "in_progress"},
                                                                                    {ActionStatus::done, "done"},
                                                                                    {ActionStatus::dropped, "dropped"}}};
constexpr std::array<std::pair<MeetingState, std::string_view>, 3> kMeetingStates{
    {{MeetingState::planned, "planned"}, {MeetingState::running, "running"}, {MeetingState::closed, "closed"}}};
constexpr std::array<std::pair<StepKind, std::string_view>, 8> kStepKinds{{{StepKind::check_in, "check_in"},
                                                                           {StepKind::open_actions, "open_actions"},
                                                                           {StepKind::incidents, "incidents"},
                                                                           {StepKind::measures, "measures"},
                                                                           {StepKind::reflection, "reflection"},
                                                                           {StepKind::agree_actions, "agree_actions"},
                                                                           {StepKind::close, "close"},
                                                                           {StepKind::discussion, "discussion"}}};
constexpr std::array<std::pair<Rating, std::string_view>, 3> kRatings{
    {{Rating::already, "already"}, {Rating::partly, "partly"}, {Rating::not_yet, "not_yet"}}};

}  // namespace

std::string_view to_string(Lang v) { return name_of(kLangs, v); }
std::optional<Lang> lang_from_string(std::string_view s) { return parse(kLangs, s); }
std::string_view to_string(Role v) { return name_of(kRoles, v); }
std::optional<Role> role_from_string(std::string_view s) { return parse(kRoles, s); }
std::string_view to_string(CareSetting v) { return name_of(kSettings, v); }
std::optional<CareSetting> care_setting_from_string(std::string_view s) { return parse(kSettings, s); }
std::string_view to_string(ActionStatus v) { return name_of(kActionStatuses, v); }
std::optional<ActionStatus> action_status_from_string(std::string_view s) { return parse(kActionStatuses, s); }
std::string_view to_string(MeetingState v) { return name_of(kMeetingStates, v); }
std::optional<MeetingState> meeting_state_from_string(std::string_view s) { return parse(kMeetingStates, s); }
std::string_view to_string(StepKind v) { return name_of(kStepKinds, v); }
std::optional<StepKind> step_kind_from_string(std::string_view s) { return parse(kStepKinds, s); }
std::string_view to_string(Rating v) { return name_of(kRatings, v); }
std::optional<Rating> rating_from_string(std::string_view s) { return parse(kRatings, s); }

const char* kind_name(Kind kind) {
    switch (kind) {
        case Kind::team: return "team";
        case Kind::member: return "member";
        case Kind::youth: return "youth";
        case Kind::measure: return "measure";
        case Kind::incident: return "incident";
        case Kind::meeting: return "meeting";
        case Kind::action: return "action";
        case Kind::action_update: return "action_update";
    }
    return "?";
}

}  // namespace ts
