// The field tables of core/fields.hpp: one per record kind, and what they promise to the store,
// the bundle and the change history. The columns of the SQL tables are checked against them in
// test_store.cpp.
#include "core/fields.hpp"

#include "core/content.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <string>
#include <vector>

using namespace ts;

namespace {

nlohmann::ordered_json bundle_schema() {
    std::ifstream in(std::string(TEAMSPIEGEL_TEST_DATA_DIR) + "/schema/bundle.schema.json");
    return nlohmann::ordered_json::parse(in);
}

template <typename T>
std::vector<std::string> keys_of(const RecordTable<T>& table) {
    std::vector<std::string> out;
    for (const auto& f : table.fields) out.emplace_back(f.key());
    return out;
}

}  // namespace

TEST_CASE("every kind of record has a field table named as the kind", "[fields]") {
    for (Kind kind : kAllKinds) {
        with_table(kind, [&](const auto& table) {
            INFO(kind_name(kind));
            CHECK(table.kind == kind);
            CHECK(table.name == kind_name(kind));
            CHECK(&record_kind(kind) == static_cast<const RecordKind*>(&table));
            REQUIRE(table.fields.size() > 3);
            CHECK(table.fields.front().name == "id");
            CHECK(table.fields.front().type == FieldType::id);
            // Stamps last, created_at before updated_at.
            CHECK(table.fields[table.fields.size() - 2].type == FieldType::created_at);
            CHECK(table.fields.back().type == FieldType::updated_at);
            // The owner is one of the record's id fields.
            REQUIRE(table.find(table.owner));
            CHECK(table.find(table.owner)->type == FieldType::id);
            std::set<std::string_view> names, keys;
            for (const auto& f : table.fields) {
                CHECK(names.insert(f.name).second);  // a column, a history field: once
                CHECK(keys.insert(f.key()).second);  // a bundle key: once
                if (f.type == FieldType::choice || f.type == FieldType::id_list) CHECK_FALSE(f.choices.empty());
            }
        });
    }
}

TEST_CASE("the bundle schema lists each record's keys as its field table does", "[fields][bundle]") {
    // data/schema/bundle.schema.json documents the format; the reader and writer follow the
    // tables. A field added to a table and not to the schema (or the other way round) fails here.
    const auto schema = bundle_schema();
    for (Kind kind : kAllKinds) {
        with_table(kind, [&](const auto& table) {
            INFO(kind_name(kind));
            const auto& def = schema.at("$defs").at(std::string(table.name));
            std::vector<std::string> properties, required, not_optional;
            for (const auto& [key, value] : def.at("properties").items()) properties.push_back(key);
            for (const auto& key : def.at("required")) required.push_back(key.template get<std::string>());
            for (const auto& f : table.fields)
                if (!f.optional_key) not_optional.emplace_back(f.key());
            CHECK(properties == keys_of(table));
            CHECK(required == not_optional);
            CHECK(schema.at("properties").contains(std::string(table.list)));
        });
    }
}

TEST_CASE("the change history lists a record's fields by their column names", "[fields]") {
    Measure m;
    m.id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    m.youth_id = "1f8fad5b-d9cb-469f-a165-70867728950e";
    m.type = "seclusion";
    m.started_at = "2026-03-01T14:05:00Z";
    m.emergency = true;
    const FieldList fields = history_fields(m);
    std::vector<std::string> names;
    for (const auto& [name, value] : fields) names.push_back(name);
    // Keys and stamps are not changes; everything else is, in the table's order.
    CHECK(names == std::vector<std::string>{"youth_id", "type", "started_at", "ended_at", "reason", "incident_id", "emergency",
                                            "in_care_plan", "consent_by", "consent_at", "decided_by", "parents_informed_at",
                                            "debrief_at", "notes"});
    CHECK(fields[0].second == m.youth_id);
    CHECK(fields[3].second == std::nullopt);  // no end: no value, not ""
    CHECK(fields[6].second == "true");

    Team t;
    t.reduction_goal_pct = 2.5;
    t.capacity = 8;
    const FieldList team = history_fields(t);
    REQUIRE(team.size() == 5);
    CHECK(team[2] == std::pair<std::string, std::optional<std::string>>("capacity", "8"));
    CHECK(team[3] == std::pair<std::string, std::optional<std::string>>("reduction_goal_pct", "2.5"));
}

TEST_CASE("a field table gets and sets every field of its record", "[fields]") {
    Meeting m;
    const auto& table = table_of<Meeting>();
    REQUIRE(table.find("state"));
    CHECK(table.find("state")->set(m, std::string("closed")));
    CHECK(m.state == MeetingState::closed);
    CHECK_FALSE(table.find("state")->set(m, std::string("adjourned")));  // not one of the spellings
    CHECK(m.state == MeetingState::closed);
    CHECK(table.find("state")->choices == "planned, running, closed");
    CHECK(table.find("attendee_ids")->set(m, std::string("b,a")));
    CHECK(m.attendee_ids == std::vector<std::string>{"b", "a"});
    CHECK(table.find("facilitator_id")->key() == "facilitator");
    CHECK(table.find("facilitator_id")->column());
    CHECK_FALSE(table.find("steps")->column());
    CHECK_FALSE(table.find("attendee_ids")->column());
    CHECK(owner_of(m).empty());
    m.team_id = "t";
    CHECK(owner_of(m) == "t");
    ActionUpdate u;
    u.action_id = "a";
    CHECK(owner_of(u) == "a");
    // The registers and the actions keep a change history; meetings and action updates do not.
    for (Kind k : kAllKinds)
        CHECK(record_kind(k).history == (k == Kind::team || k == Kind::member || k == Kind::youth || k == Kind::measure ||
                                         k == Kind::incident || k == Kind::action));
}

TEST_CASE("every field the change history lists has a name on screen in both languages", "[fields][i18n]") {
    // The history names a field by "field.<name>" (ui/screen_common.cpp); without it the
    // screen would show the bare column name ("investigation_concluded_on").
    const Content c = load_content(TEAMSPIEGEL_TEST_DATA_DIR);
    for (Kind kind : kAllKinds) {
        with_table(kind, [&](const auto& table) {
            if (!table.history) return;
            for (const auto& f : table.fields) {
                if (!f.history) continue;
                INFO(table.name << "." << f.name);
                CHECK(c.translations.nl.count("field." + std::string(f.name)));
                CHECK(c.translations.en.count("field." + std::string(f.name)));
            }
        });
    }
}
