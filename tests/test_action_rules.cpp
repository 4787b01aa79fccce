// The rules every screen that lists actions uses (core/actions.hpp): the completion time,
// overdue and stale with answers worked out by hand, the building block of a guideline link.
#include "core/actions.hpp"
#include "core/content.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

using namespace ts;

TEST_CASE("done sets the completion time once and any other status clears it", "[actions][rules]") {
    Action a;
    set_action_status(a, ActionStatus::in_progress, "2026-03-01T10:00:00Z");
    CHECK_FALSE(a.completed_at);
    set_action_status(a, ActionStatus::done, "2026-03-01T10:00:00Z");
    CHECK(a.completed_at == std::optional<std::string>("2026-03-01T10:00:00Z"));
    set_action_status(a, ActionStatus::done, "2026-03-05T10:00:00Z");  // done again: the first time stays
    CHECK(a.completed_at == std::optional<std::string>("2026-03-01T10:00:00Z"));
    set_action_status(a, ActionStatus::open, "2026-03-06T10:00:00Z");
    CHECK(a.status == ActionStatus::open);
    CHECK_FALSE(a.completed_at);
    set_action_status(a, ActionStatus::done, "2026-03-07T10:00:00Z");
    set_action_status(a, ActionStatus::dropped, "2026-03-08T10:00:00Z");
    CHECK_FALSE(a.completed_at);
}

TEST_CASE("overdue is open or in progress past the due day and stale is reviewed in three different meetings", "[actions][rules]") {
    Action a;
    a.due_on = "2026-03-14";
    const Date today{2026, 3, 15};
    CHECK(action_overdue(a, today));
    a.status = ActionStatus::in_progress;
    CHECK(action_overdue(a, today));
    CHECK_FALSE(action_overdue(a, Date{2026, 3, 14}));  // due today: not yet
    a.status = ActionStatus::done;
    CHECK_FALSE(action_overdue(a, today));
    a.status = ActionStatus::dropped;
    CHECK_FALSE(action_overdue(a, today));
    a.status = ActionStatus::open;
    a.due_on.reset();
    CHECK_FALSE(action_overdue(a, today));

    auto update = [](std::optional<std::string> meeting) {
        ActionUpdate u;
        u.meeting_id = std::move(meeting);
        return u;
    };
    std::vector<ActionUpdate> u{update("m1"), update("m2"), update("m2"), update(std::nullopt), update(std::nullopt)};
    CHECK(review_meetings(u) == 2);
    CHECK_FALSE(action_stale(a, review_meetings(u)));
    u.push_back(update("m3"));
    CHECK(review_meetings(u) == 3);
    CHECK(action_stale(a, 3));
    a.status = ActionStatus::done;
    CHECK_FALSE(action_stale(a, 3));
    a.status = ActionStatus::dropped;
    CHECK_FALSE(action_stale(a, 4));
}

TEST_CASE("a guideline link belongs to the building block of its topic or recommendation", "[actions][rules]") {
    Guideline g;
    BuildingBlock b;
    b.id = "veiligheid";
    b.title = {"Veiligheid", "Safety"};
    b.topics = {{"veiligheid.o1", {"Onderwerp", "Topic"}}};
    b.recommendations = {{"veiligheid.k1", {"Aanbeveling", "Recommendation"}}};
    g.building_blocks = {b};
    g.reflection_questions = {{"vraag1", {"Vraag", "Question"}}};
    for (const char* ref : {"veiligheid", "veiligheid.o1", "veiligheid.k1"}) {
        REQUIRE(block_of_ref(g, ref));
        CHECK(block_of_ref(g, ref)->id == "veiligheid");
    }
    CHECK_FALSE(block_of_ref(g, "vraag1"));
    CHECK_FALSE(block_of_ref(g, "onbekend"));
    CHECK(guideline_text(g, "veiligheid.k1")->en == "Recommendation");
    CHECK(guideline_text(g, "veiligheid")->nl == "Veiligheid");
    CHECK_FALSE(guideline_text(g, "vraag1"));
}
