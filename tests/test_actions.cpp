// Actions in the store: readers, change history, delete.
#include "core/actions.hpp"
#include "core/uuid.hpp"
#include "store/store.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

using namespace ts;

namespace {

struct Team2 {
    std::unique_ptr<Store> store = open_sqlite_store(":memory:");
    std::string team, other, member, meeting, meeting2;
    Team2() {
        for (auto [id, name] : {std::pair{&team, "De Linde"}, std::pair{&other, "De Wissel"}}) {
            Team t;
            t.id = *id = new_uuid();
            t.name = name;
            t.created_at = t.updated_at = "2026-01-01T00:00:00Z";
            store->save_team(t, "test");
        }
        Member m;
        m.id = member = new_uuid();
        m.team_id = team;
        m.name = "Sanne B.";
        m.created_at = m.updated_at = "2026-01-01T00:00:00Z";
        store->save_member(m, "test");
        for (auto [id, day] : {std::pair{&meeting, "2026-02-09"}, std::pair{&meeting2, "2026-03-09"}}) {
            Meeting mt;
            mt.id = *id = new_uuid();
            mt.team_id = team;
            mt.template_id = "teamreflectie";
            mt.held_on = day;
            mt.attendee_ids = {member};
            mt.steps = {{StepKind::check_in, std::string("Notities ") + day, 300}};
            mt.ratings = {{"veiligheid.k1", Rating::partly}};
            mt.created_at = mt.updated_at = std::string(day) + "T09:00:00Z";
            store->save_meeting(mt, "test");
        }
    }
    Action action(const std::string& team_id, const std::string& title, const std::string& created) {
        Action a;
        a.id = new_uuid();
        a.team_id = team_id;
        a.title = title;
        a.created_at = a.updated_at = created;
        return a;
    }
    ActionUpdate update(const Action& a, const std::optional<std::string>& meeting_id, const std::string& at) {
        ActionUpdate u;
        u.id = new_uuid();
        u.action_id = a.id;
        u.meeting_id = meeting_id;
        u.status = ActionStatus::in_progress;
        u.created_at = u.updated_at = at;
        return u;
    }
};

}  // namespace

TEST_CASE("a team's actions with their updates and its meetings are read back and each team apart", "[store][actions]") {
    Team2 f;
    const Action later = f.action(f.team, "Later", "2026-02-10T09:00:00Z"), first = f.action(f.team, "Eerst", "2026-02-01T09:00:00Z");
    const Action elsewhere = f.action(f.other, "Elders", "2026-02-05T09:00:00Z");
    for (const Action* a : {&later, &first, &elsewhere}) f.store->save_action(*a, "Sanne B.");
    f.store->save_action_update(f.update(later, f.meeting2, "2026-03-09T10:00:00Z"), "test");
    f.store->save_action_update(f.update(later, f.meeting, "2026-02-09T10:00:00Z"), "test");
    f.store->save_action_update(f.update(elsewhere, std::nullopt, "2026-02-09T10:00:00Z"), "test");

    const auto actions = f.store->actions(f.team);
    REQUIRE(actions.size() == 2);
    CHECK(actions[0].title == "Eerst");  // oldest first
    CHECK(actions[1].title == "Later");
    CHECK(f.store->action(elsewhere.id)->title == "Elders");
    CHECK_FALSE(f.store->action(new_uuid()));
    const auto updates = f.store->action_updates(f.team);
    REQUIRE(updates.size() == 2);
    CHECK(updates[0].meeting_id == std::optional<std::string>(f.meeting));  // oldest first
    CHECK(updates[1].meeting_id == std::optional<std::string>(f.meeting2));

    // Meetings newest first, each with its own child rows (read for all at once).
    const auto meetings = f.store->meetings(f.team);
    REQUIRE(meetings.size() == 2);
    CHECK(meetings[0].held_on == "2026-03-09");
    CHECK(meetings[0].steps.size() == 1);
    CHECK(meetings[0].steps[0].notes == "Notities 2026-03-09");
    CHECK(meetings[1].steps[0].notes == "Notities 2026-02-09");
    CHECK(meetings[1].attendee_ids == std::vector<std::string>{f.member});
    CHECK(meetings[1].ratings.size() == 1);
    CHECK(f.store->meetings(f.other).empty());
}

TEST_CASE("an action's saves and its delete are kept in the change history and the delete takes its updates", "[store][actions][history]") {
    Team2 f;
    Action a = f.action(f.team, "Eerste titel", "2026-02-01T09:00:00Z");
    f.store->save_action(a, "Sanne B.");
    f.store->save_action_update(f.update(a, f.meeting, "2026-02-09T10:00:00Z"), "test");
    a.title = "Tweede titel";
    set_action_status(a, ActionStatus::done, "2026-03-01T12:00:00Z");
    f.store->save_action(a, "Kevin H.");
    auto history = f.store->changes("action", a.id);
    REQUIRE(history.size() == 4);
    CHECK(history[0].field == "created");
    CHECK(history[1].field == "title");
    CHECK(history[1].old_value == std::optional<std::string>("Eerste titel"));
    CHECK(history[1].new_value == std::optional<std::string>("Tweede titel"));
    CHECK(history[1].changed_by == "Kevin H.");
    CHECK(history[2].field == "status");
    CHECK(history[3].field == "completed_at");
    CHECK(history[3].new_value == std::optional<std::string>("2026-03-01T12:00:00Z"));

    const Revisions before = f.store->revisions();
    f.store->delete_action(a.id, "Sanne B.");
    CHECK_FALSE(f.store->action(a.id));
    CHECK(f.store->action_updates(f.team).empty());
    CHECK(f.store->revisions()[Kind::action_update] > before[Kind::action_update]);
    history = f.store->changes("action", a.id);
    REQUIRE(history.size() == 5);
    CHECK(history[4].field == "deleted");
    CHECK_THROWS_AS(f.store->delete_action(a.id, "Sanne B."), StoreError);
}
