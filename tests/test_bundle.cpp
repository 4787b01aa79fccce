// The bundle reader and writer (core only): every kind of bad record is refused with the
// exact path and problem; good bundles read to the right values; write -> read round trips.
#include "core/bundle.hpp"

#include "core/content.hpp"
#include "core/json_check.hpp"
#include "core/rules.hpp"
#include "core/time.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <regex>
#include <set>

using namespace ts;
using nlohmann::json;

namespace {

const Content& content() {
    static const Content c = load_content(TEAMSPIEGEL_TEST_DATA_DIR);
    return c;
}

constexpr const char* kTeam = "6f1c1a52-8d5e-4d0a-9a51-0c5f3a6e2b01";
constexpr const char* kCoach = "6f1c1a52-8d5e-4d0a-9a51-0c5f3a6e2b02";
constexpr const char* kWorker = "6f1c1a52-8d5e-4d0a-9a51-0c5f3a6e2b03";
constexpr const char* kYouth = "6f1c1a52-8d5e-4d0a-9a51-0c5f3a6e2b04";
constexpr const char* kYouth2 = "6f1c1a52-8d5e-4d0a-9a51-0c5f3a6e2b05";
constexpr const char* kHold = "6f1c1a52-8d5e-4d0a-9a51-0c5f3a6e2b06";
constexpr const char* kSearch = "6f1c1a52-8d5e-4d0a-9a51-0c5f3a6e2b07";
constexpr const char* kIncident = "6f1c1a52-8d5e-4d0a-9a51-0c5f3a6e2b08";
constexpr const char* kMeeting = "6f1c1a52-8d5e-4d0a-9a51-0c5f3a6e2b09";
constexpr const char* kAction = "6f1c1a52-8d5e-4d0a-9a51-0c5f3a6e2b0a";
constexpr const char* kUpdate = "6f1c1a52-8d5e-4d0a-9a51-0c5f3a6e2b0b";

// A small bundle in which every field is valid; each test breaks one thing.
json good() {
    return json{
        {"format", "teamspiegel-bundle"},
        {"version", 1},
        {"exported_at", "2026-11-22T10:00:00Z"},
        {"teams", {{{"id", kTeam}, {"name", "De Linde"}, {"location", "Leiden"}, {"capacity", 8}, {"reduction_goal_pct", 30},
                    {"active", true}, {"updated_at", "2026-01-05T09:00:00Z"}}}},
        {"members",
         {{{"id", kCoach}, {"team_id", kTeam}, {"name", "Sanne B."}, {"role", "coach"}, {"updated_at", "2026-01-05T09:00:00Z"}},
          {{"id", kWorker}, {"team_id", kTeam}, {"name", "Daan K."}, {"role", "group_worker"}, {"active", false},
           {"created_at", "2026-01-04T08:00:00Z"}, {"updated_at", "2026-01-05T09:00:00Z"}}}},
        {"youths",
         {{{"id", kYouth}, {"team_id", kTeam}, {"code", "J-07"}, {"age_at_admission", 14}, {"admitted_on", "2026-01-05"},
           {"discharged_on", nullptr}, {"setting", "open"}, {"updated_at", "2026-01-05T09:00:00Z"}},
          {{"id", kYouth2}, {"team_id", kTeam}, {"code", "J-08"}, {"age_at_admission", nullptr}, {"admitted_on", "2026-01-05"},
           {"discharged_on", "2026-06-30"}, {"setting", "closed"}, {"updated_at", "2026-01-05T09:00:00Z"}}}},
        {"measures",
         {{{"id", kHold}, {"team_id", kTeam}, {"youth_id", kYouth}, {"type", "physical_hold"},
           {"started_at", "2026-03-01T14:05:00Z"}, {"ended_at", "2026-03-01T14:20:00Z"}, {"reason", "Acuut gevaar."},
           {"incident_id", kIncident}, {"emergency", true}, {"in_care_plan", false}, {"consent_by", nullptr},
           {"consent_at", nullptr}, {"decided_by", "Sanne B."}, {"parents_informed_at", "2026-03-01T18:00:00Z"},
           {"debrief_at", nullptr}, {"notes", ""}, {"updated_at", "2026-03-01T15:00:00Z"}},
          {{"id", kSearch}, {"team_id", kTeam}, {"youth_id", kYouth2}, {"type", "room_search"},
           {"started_at", "2026-03-02T10:00:00Z"}, {"ended_at", nullptr}, {"reason", ""}, {"incident_id", nullptr},
           {"emergency", false}, {"in_care_plan", true}, {"consent_by", "Daan K."}, {"consent_at", "2026-03-02T09:00:00Z"},
           {"decided_by", "Daan K."}, {"parents_informed_at", nullptr}, {"debrief_at", "2026-03-03T10:00:00Z"},
           {"notes", "Niets gevonden."}, {"updated_at", "2026-03-02T11:00:00Z"}}}},
        {"incidents",
         {{{"id", kIncident}, {"team_id", kTeam}, {"occurred_at", "2026-03-01T14:00:00Z"}, {"category", "aggression_verbal"},
           {"severity", 2}, {"youth_ids", {kYouth}}, {"description", "Schelden op de gang."}, {"response", "Rust geboden."},
           {"reportable", false}, {"follow_up", ""}, {"updated_at", "2026-03-01T15:00:00Z"}}}},
        {"meetings",
         {{{"id", kMeeting}, {"team_id", kTeam}, {"template", "teamreflectie"}, {"held_on", "2026-03-12"},
           {"facilitator", kCoach}, {"attendee_ids", {kCoach, kWorker}}, {"state", "closed"},
           {"steps", {{{"kind", "check_in"}, {"notes", "Iedereen er."}, {"seconds_used", 300}},
                      {{"kind", "reflection"}, {"notes", "Goed gesprek."}, {"seconds_used", 900}}}},
           {"answers", {{{"question_id", "aan_de_slag.v1"}, {"text", "De meeste al."}}}},
           {"ratings", {{{"recommendation_id", "pedagogisch_klimaat.k1"}, {"rating", "partly"}}}},
           {"current_step", 1}, {"next_meeting_on", "2026-04-09"}, {"updated_at", "2026-03-12T16:00:00Z"}}}},
        {"actions",
         {{{"id", kAction}, {"team_id", kTeam}, {"meeting_id", kMeeting}, {"title", "Overdracht eerder starten"},
           {"description", "In de avonddienst."}, {"owner_id", kCoach}, {"due_on", "2026-04-01"}, {"status", "open"},
           {"guideline_ref", "pedagogisch_klimaat"}, {"incident_id", nullptr}, {"completed_at", nullptr},
           {"updated_at", "2026-03-12T16:00:00Z"}}}},
        {"action_updates",
         {{{"id", kUpdate}, {"action_id", kAction}, {"meeting_id", kMeeting}, {"status", "in_progress"}, {"note", "Gestart."},
           {"created_at", "2026-03-12T16:00:00Z"}, {"updated_at", "2026-03-12T16:00:00Z"}}}},
    };
}

// The exported_at of good().
const std::int64_t kExported = *parse_timestamp("2026-11-22T10:00:00Z");

// The error read_bundle gives, or "(accepted)".
std::string error_of(const std::string& text) {
    try {
        read_bundle(text, "b.json", content());
    } catch (const JsonError& e) {
        return e.what();
    }
    return "(accepted)";
}
std::string error_of(const json& j) { return error_of(j.dump()); }

Dataset read(const json& j) { return read_bundle(j.dump(), "b.json", content()); }

}  // namespace

TEST_CASE("a good bundle reads to the right values", "[bundle]") {
    const Dataset d = read(good());
    REQUIRE(d.teams.size() == 1);
    CHECK(d.teams[0].name == "De Linde");
    CHECK(d.teams[0].capacity == 8);
    CHECK(d.teams[0].reduction_goal_pct == 30.0);
    CHECK(d.teams[0].created_at == "2026-01-05T09:00:00Z");  // missing created_at takes updated_at
    REQUIRE(d.members.size() == 2);
    CHECK(d.members[0].role == Role::coach);
    CHECK(d.members[0].active);
    CHECK_FALSE(d.members[1].active);
    CHECK(d.members[1].created_at == "2026-01-04T08:00:00Z");
    REQUIRE(d.youths.size() == 2);
    CHECK(d.youths[0].code == "J-07");
    CHECK(d.youths[0].age_at_admission == 14);
    CHECK_FALSE(d.youths[1].age_at_admission);
    CHECK(d.youths[1].discharged_on == "2026-06-30");
    CHECK(d.youths[1].setting == CareSetting::closed);
    REQUIRE(d.measures.size() == 2);
    CHECK(d.measures[0].ended_at == "2026-03-01T14:20:00Z");
    CHECK(d.measures[0].incident_id == kIncident);
    CHECK(d.measures[0].emergency);
    CHECK_FALSE(d.measures[1].ended_at);
    CHECK(d.measures[1].consent_by == "Daan K.");
    CHECK(d.measures[1].notes == "Niets gevonden.");
    REQUIRE(d.incidents.size() == 1);
    CHECK(d.incidents[0].severity == 2);
    CHECK(d.incidents[0].youth_ids == std::vector<std::string>{kYouth});
    REQUIRE(d.meetings.size() == 1);
    const Meeting& m = d.meetings[0];
    CHECK(m.template_id == "teamreflectie");
    CHECK(m.facilitator_id == kCoach);
    CHECK(m.attendee_ids.size() == 2);
    CHECK(m.state == MeetingState::closed);
    REQUIRE(m.steps.size() == 2);
    CHECK(m.steps[1].kind == StepKind::reflection);
    CHECK(m.steps[1].seconds_used == 900);
    CHECK(m.current_step == 1);
    CHECK(m.next_meeting_on == "2026-04-09");
    REQUIRE(m.answers.size() == 1);
    CHECK(m.answers[0].second == "De meeste al.");
    REQUIRE(m.ratings.size() == 1);
    CHECK(m.ratings[0].second == Rating::partly);
    REQUIRE(d.actions.size() == 1);
    CHECK(d.actions[0].guideline_ref == "pedagogisch_klimaat");
    CHECK(d.actions[0].due_on == "2026-04-01");
    REQUIRE(d.action_updates.size() == 1);
    CHECK(d.action_updates[0].status == ActionStatus::in_progress);
}

TEST_CASE("each kind of bad record is refused with its path and problem", "[bundle]") {
    json b = good();
    SECTION("wrong JSON type") {
        b["incidents"][0]["severity"] = "3";
        CHECK(error_of(b) == "b.json: incidents[0].severity: expected a whole number, found a string");
    }
    SECTION("value out of the domain's range") {
        b["incidents"][0]["severity"] = 7;
        CHECK(error_of(b) == "b.json: incidents[0].severity: must be 1 to 4");
    }
    SECTION("unknown measure type") {
        b["measures"][1]["type"] = "hug";
        CHECK(error_of(b) == "b.json: measures[1].type: unknown measure type");
    }
    SECTION("impossible date") {
        b["youths"][1]["admitted_on"] = "2026-02-30";
        CHECK(error_of(b) == "b.json: youths[1].admitted_on: not a valid date (expected YYYY-MM-DD)");
    }
    SECTION("impossible timestamp") {
        b["measures"][0]["started_at"] = "2026-02-30T10:00:00Z";
        CHECK(error_of(b) == "b.json: measures[0].started_at: not a valid date-time (expected YYYY-MM-DDTHH:MM:SSZ)");
    }
    SECTION("timestamp not in UTC form") {
        b["measures"][0]["debrief_at"] = "2026-03-02T10:00:00+01:00";
        CHECK(error_of(b) == "b.json: measures[0].debrief_at: not a valid date-time (expected YYYY-MM-DDTHH:MM:SSZ)");
    }
    SECTION("end before start") {
        b["measures"][0]["ended_at"] = "2026-03-01T14:00:00Z";
        CHECK(error_of(b) == "b.json: measures[0].ended_at: before started_at");
    }
    SECTION("a point-in-time measure with an end") {
        b["measures"][1]["ended_at"] = "2026-03-02T10:30:00Z";
        CHECK(error_of(b) == "b.json: measures[1].ended_at: a point-in-time measure has no end");
    }
    SECTION("other without a reason") {
        b["measures"][1]["type"] = "other";
        CHECK(error_of(b) == "b.json: measures[1].reason: required for this measure type");
    }
    SECTION("duplicate id names the second record") {
        b["measures"][1]["id"] = kHold;
        CHECK(error_of(b) == "b.json: measures[1].id: duplicate id (also measures[0])");
    }
    SECTION("free text over the limit") {
        b["measures"][0]["reason"] = std::string(kMaxFreeText + 1, 'x');
        CHECK(error_of(b) == "b.json: measures[0].reason: text too long (at most 20000 bytes)");
    }
    SECTION("a name over the limit") {
        b["members"][1]["name"] = std::string(kMaxNameLength + 1, 'x');
        CHECK(error_of(b) == "b.json: members[1].name: text too long (at most 120 bytes)");
    }
    SECTION("a youth code over the limit") {
        b["youths"][0]["code"] = std::string(kMaxCodeLength + 1, 'x');
        CHECK(error_of(b) == "b.json: youths[0].code: text too long");
    }
    SECTION("unknown field") {
        b["members"][0]["nickname"] = "Sas";
        CHECK(error_of(b) == "b.json: members[0].nickname: unknown field");
    }
    SECTION("unknown field at the top") {
        b["extra"] = 1;
        CHECK(error_of(b) == "b.json: extra: unknown field");
    }
    SECTION("bad UUID") {
        b["youths"][0]["team_id"] = "team-1";
        CHECK_THAT(error_of(b), Catch::StartsWith("b.json: youths[0].team_id: not a UUID"));
    }
    SECTION("bad UUID in a list") {
        b["meetings"][0]["attendee_ids"][1] = "x";
        CHECK_THAT(error_of(b), Catch::StartsWith("b.json: meetings[0].attendee_ids[1]: not a UUID"));
    }
    SECTION("bad enum") {
        b["members"][0]["role"] = "boss";
        CHECK(error_of(b) == "b.json: members[0].role: \"boss\" is not one of group_worker, coach, behavioural_scientist, manager");
    }
    SECTION("bad enum inside a meeting") {
        b["meetings"][0]["steps"][1]["kind"] = "lunch";
        CHECK_THAT(error_of(b), Catch::StartsWith("b.json: meetings[0].steps[1].kind: \"lunch\" is not one of check_in,"));
        b = good();
        b["meetings"][0]["ratings"][0]["rating"] = "great";
        CHECK(error_of(b) == "b.json: meetings[0].ratings[0].rating: \"great\" is not one of already, partly, not_yet");
    }
    SECTION("missing field") {
        b["measures"][0].erase("youth_id");
        CHECK(error_of(b) == "b.json: measures[0].youth_id: missing");
    }
    SECTION("null where a value is required") {
        b["youths"][0]["admitted_on"] = nullptr;
        CHECK(error_of(b) == "b.json: youths[0].admitted_on: expected a string, found null");
    }
    SECTION("youth age and discharge") {
        b["youths"][0]["age_at_admission"] = 30;
        CHECK(error_of(b) == "b.json: youths[0].age_at_admission: must be 0 to 27");
        b = good();
        b["youths"][1]["discharged_on"] = "2026-01-04";
        CHECK(error_of(b) == "b.json: youths[1].discharged_on: before admitted_on");
    }
    SECTION("same youth code twice in a team") {
        b["youths"][1]["code"] = "J-07";
        CHECK(error_of(b) == "b.json: youths[1].code: code already used in this team");
    }
    SECTION("team ranges") {
        b["teams"][0]["capacity"] = 500;
        CHECK(error_of(b) == "b.json: teams[0].capacity: must be 0 to 200");
        b = good();
        b["teams"][0]["reduction_goal_pct"] = 101.5;
        CHECK(error_of(b) == "b.json: teams[0].reduction_goal_pct: must be 0 to 100");
        b = good();
        b["teams"][0]["name"] = "  ";
        CHECK(error_of(b) == "b.json: teams[0].name: required");
    }
    SECTION("content codes") {
        b["incidents"][0]["category"] = "weather";
        CHECK(error_of(b) == "b.json: incidents[0].category: unknown incident category");
        b = good();
        b["meetings"][0]["template"] = "koffie";
        CHECK(error_of(b) == "b.json: meetings[0].template: unknown meeting template");
        b = good();
        b["actions"][0]["guideline_ref"] = "nowhere";
        CHECK(error_of(b) == "b.json: actions[0].guideline_ref: unknown guideline reference");
        b = good();
        b["meetings"][0]["answers"][0]["question_id"] = "q.999";
        CHECK(error_of(b) == "b.json: meetings[0].answers[0].question_id: unknown guideline question");
    }
    SECTION("the same youth twice in an incident") {
        b["incidents"][0]["youth_ids"] = {kYouth, kYouth};
        CHECK(error_of(b) == "b.json: incidents[0].youth_ids[1]: duplicate youth");
    }
    SECTION("an action needs a title") {
        b["actions"][0]["title"] = "";
        CHECK(error_of(b) == "b.json: actions[0].title: required");
    }
    SECTION("a list that is not a list, a record that is not an object") {
        b["measures"] = json::object();
        CHECK(error_of(b) == "b.json: measures: expected an array, found an object");
        b = good();
        b["measures"][1] = 5;
        CHECK(error_of(b) == "b.json: measures[1]: expected an object, found a number");
    }
    SECTION("format and version") {
        b["format"] = "something-else";
        CHECK_THAT(error_of(b), Catch::StartsWith("b.json: format: expected \"teamspiegel-bundle\""));
        b = good();
        b["version"] = 2;
        CHECK(error_of(b) == "b.json: version: version 2 is not supported (this program reads version 1)");
        b = good();
        b.erase("exported_at");
        CHECK(error_of(b) == "b.json: exported_at: missing");
    }
    SECTION("not JSON, not an object") {
        CHECK_THAT(error_of(std::string("{\"format\": ")), Catch::StartsWith("b.json: not valid JSON at line 1, column"));
        CHECK(error_of(std::string("[1, 2]")) == "b.json: expected an object, found an array");
    }
}

TEST_CASE("invalid UTF-8 inside a string is reported with the field's path", "[bundle]") {
    json b = good();
    b["incidents"][0]["description"] = "@@MARK@@";
    std::string text = b.dump();
    const auto at = text.find("@@MARK@@");
    REQUIRE(at != std::string::npos);
    text.replace(at, 8, "bad \xC3\x28 byte");
    CHECK(error_of(text) == "b.json: incidents[0].description: invalid UTF-8");

    // Other broken forms: a lone continuation byte, an overlong form, a UTF-16 surrogate.
    for (const char* bad : {"\x80", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82"}) {
        std::string t = b.dump();
        t.replace(t.find("@@MARK@@"), 8, bad);
        CHECK(error_of(t) == "b.json: incidents[0].description: invalid UTF-8");
    }
    // Real text in other scripts passes untouched.
    b["incidents"][0]["description"] = "Één jongere, 3 € en 🙂";
    CHECK(read(b).incidents[0].description == "Één jongere, 3 € en 🙂");
}

TEST_CASE("what the bundle leaves to the store or does not judge", "[bundle]") {
    json b = good();
    // A reference to a record not in the bundle may be in the database: not an error here.
    b["measures"][0]["youth_id"] = "0b7e0c8e-1111-4222-8333-944455556666";
    // Up to kClockTolerance after exported_at is clock skew between team machines, not an error.
    b["measures"][1]["started_at"] = "2026-11-22T10:59:59Z";
    // Lists may be left out.
    b.erase("action_updates");
    const Dataset d = read(b);
    CHECK(d.measures[0].youth_id == "0b7e0c8e-1111-4222-8333-944455556666");
    CHECK(d.action_updates.empty());
    // Text of exactly the limit is accepted.
    b["measures"][0]["reason"] = std::string(kMaxFreeText, 'x');
    CHECK(read(b).measures[0].reason.size() == kMaxFreeText);
}

TEST_CASE("write then read gives the same records and the same text", "[bundle]") {
    const Dataset d = read(good());
    const std::string text = write_bundle(d, Anonymize::none, 1790000000);
    const Dataset back = read_bundle(text, "w.json", content());
    CHECK(write_bundle(back, Anonymize::none, 1790000000) == text);

    // The text: the brief's field names, 2-space indent, UTF-8 as is, our additions present.
    const json j = json::parse(text);
    CHECK(j["format"] == "teamspiegel-bundle");
    CHECK(j["exported_at"] == "2026-09-21T14:13:20Z");
    CHECK(j["teams"][0]["reduction_goal_pct"].is_number_integer());
    CHECK(j["measures"][0]["created_at"] == "2026-03-01T15:00:00Z");
    CHECK(j["meetings"][0]["facilitator"] == kCoach);
    CHECK(j["meetings"][0]["current_step"] == 1);
    CHECK(j["meetings"][0]["next_meeting_on"] == "2026-04-09");
    CHECK(text.rfind("{\n  \"format\": \"teamspiegel-bundle\",\n  \"version\": 1,", 0) == 0);

    Dataset utf = d;
    utf.measures[0].notes = "Één keer";
    CHECK(write_bundle(utf, Anonymize::none, 0).find("\"notes\": \"Één keer\"") != std::string::npos);

    // Values survive the trip.
    REQUIRE(back.measures.size() == 2);
    CHECK(back.measures[0].reason == "Acuut gevaar.");
    CHECK(back.measures[1].consent_at == "2026-03-02T09:00:00Z");
    CHECK(back.meetings[0].steps.size() == 2);
    CHECK(back.members[1].created_at == "2026-01-04T08:00:00Z");
}

TEST_CASE("lists are written in id order whatever the input order", "[bundle]") {
    Dataset d = read(good());
    Dataset reversed = d;
    std::reverse(reversed.members.begin(), reversed.members.end());
    std::reverse(reversed.measures.begin(), reversed.measures.end());
    std::reverse(reversed.meetings[0].attendee_ids.begin(), reversed.meetings[0].attendee_ids.end());
    CHECK(write_bundle(reversed, Anonymize::none, 0) == write_bundle(d, Anonymize::none, 0));
    const json j = json::parse(write_bundle(reversed, Anonymize::none, 0));
    CHECK(j["measures"][0]["id"] == kHold);  // ...06 before ...07
}

TEST_CASE("anonymize drops free text and gives stable pseudonyms", "[bundle]") {
    Dataset d = read(good());
    d.measures[0].reason = "Geheime reden";
    d.measures[1].notes = "Geheime notitie";
    const std::string text = write_bundle(d, Anonymize::pseudonyms, kExported);
    for (const char* secret : {"J-07", "J-08", "Geheime reden", "Geheime notitie", "Schelden op de gang.", "Rust geboden.",
                               "Iedereen er.", "De meeste al.", "In de avonddienst.", "Gestart."})
        CHECK(text.find(secret) == std::string::npos);

    const json j = json::parse(text);
    CHECK(j["anonymized"] == true);
    const std::regex code_re("^Y-[0-9]{6}$");
    const std::string c0 = j["youths"][0]["code"], c1 = j["youths"][1]["code"];
    CHECK(std::regex_match(c0, code_re));
    CHECK(std::regex_match(c1, code_re));
    CHECK(c0 != c1);
    CHECK(j["measures"][0]["reason"] == "");
    CHECK(j["meetings"][0]["steps"][0]["notes"] == "");
    CHECK(j["meetings"][0]["answers"][0]["text"] == "");
    // What is not free text stays.
    CHECK(j["measures"][0]["type"] == "physical_hold");
    CHECK(j["actions"][0]["title"] == "Overdracht eerder starten");

    // Stable: the same youth id gives the same code in another export with other youths.
    Dataset other = d;
    other.youths.erase(other.youths.begin() + 1);
    other.youths[0].code = "Z-99";
    const json k = json::parse(write_bundle(other, Anonymize::pseudonyms, kExported));
    CHECK(k["youths"][0]["code"] == c0);

    // An anonymized bundle reads back although required texts are empty; the same bundle
    // without the anonymized flag does not.
    Dataset with_other = d;
    with_other.measures[0].type = "other";
    json anon = json::parse(write_bundle(with_other, Anonymize::pseudonyms, kExported));
    CHECK_NOTHROW(read(anon));
    anon["anonymized"] = false;
    anon.erase("incidents");  // json::dump writes keys in alphabetical order: incidents first
    CHECK(error_of(anon) == "b.json: measures[0].reason: required for this measure type");
    anon = json::parse(write_bundle(d, Anonymize::pseudonyms, kExported));
    anon["anonymized"] = false;
    CHECK(error_of(anon) == "b.json: incidents[0].description: required");
}

TEST_CASE("pseudonyms stay unique within a team when the short hash collides", "[bundle]") {
    // 5,000 youths in one team: with six-digit codes some first choices collide (about 12 pairs).
    std::vector<Youth> ys(5000);
    for (std::size_t i = 0; i < ys.size(); ++i) {
        char id[48];
        std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012zx", i);
        ys[i].id = id;
        ys[i].team_id = kTeam;
    }
    const auto codes = anonymous_codes(ys);
    CHECK(std::set<std::string>(codes.begin(), codes.end()).size() == ys.size());
    std::size_t moved = 0;
    for (std::size_t i = 0; i < ys.size(); ++i)
        if (anonymous_codes({ys[i]})[0] != codes[i]) ++moved;
    CHECK(moved > 0);          // a collision happened and was resolved
    CHECK(moved < 100);        // ...only for the few that collided
    CHECK(anonymous_codes(ys) == codes);  // deterministic
}

namespace {
// The bundle's text with the JSON value at `marker` (a string "@@X@@" in good()) replaced by
// `raw`, so that a test can write what json::dump never would: 1e400, a key twice, a NUL.
std::string with_raw(json b, const std::string& raw) {
    std::string text = b.dump();
    const auto at = text.find("\"@@X@@\"");
    REQUIRE(at != std::string::npos);
    return text.replace(at, 7, raw);
}
}  // namespace

TEST_CASE("numbers that do not fit are refused with the field, never a crash", "[bundle][hostile]") {
    json b = good();
    b["incidents"][0]["severity"] = "@@X@@";
    CHECK(error_of(with_raw(b, "1e400")) == "b.json: incidents[0].severity: number out of range (1e400)");
    CHECK(error_of(with_raw(b, "-1e400")) == "b.json: incidents[0].severity: number out of range (-1e400)");
    // The value as it was written, not wrapped around to a negative number.
    CHECK(error_of(with_raw(b, "9223372036854775808")) ==
          "b.json: incidents[0].severity: 9223372036854775808 is out of range -2147483648..2147483647");
    CHECK(error_of(with_raw(b, "18446744073709551616")) == "b.json: incidents[0].severity: expected a whole number, found 1.8446744073709552e+19");
    CHECK(error_of(with_raw(b, "2.5")) == "b.json: incidents[0].severity: expected a whole number, found 2.5");
    for (const char* field : {"capacity", "reduction_goal_pct"}) {
        json t = good();
        t["teams"][0][field] = "@@X@@";
        CHECK(error_of(with_raw(t, "1e400")) == std::string("b.json: teams[0].") + field + ": number out of range (1e400)");
    }
    json y = good();
    y["youths"][0]["age_at_admission"] = "@@X@@";
    CHECK(error_of(with_raw(y, "1e400")) == "b.json: youths[0].age_at_admission: number out of range (1e400)");
    json v = good();
    v["version"] = "@@X@@";
    CHECK(error_of(with_raw(v, "1e400")) == "b.json: version: number out of range (1e400)");
    json g = good();
    g["teams"][0]["reduction_goal_pct"] = 1e308;
    CHECK(error_of(g) == "b.json: teams[0].reduction_goal_pct: must be 0 to 100");
}

TEST_CASE("a key given twice is refused, wherever it is", "[bundle][hostile]") {
    json b = good();
    b["incidents"][0]["severity"] = "@@X@@";
    CHECK(error_of(with_raw(b, "99, \"severity\": 1")) == "b.json: incidents[0].severity: key given twice");
    json twice = good();
    twice["measures"] = "@@X@@";
    CHECK(error_of(with_raw(twice, "[], \"measures\": []")) == "b.json: measures: key given twice");
    json nested = good();
    nested["meetings"][0]["steps"][1]["notes"] = "@@X@@";
    CHECK(error_of(with_raw(nested, "\"a\", \"notes\": \"b\"")) == "b.json: meetings[0].steps[1].notes: key given twice");
    json top = good();
    top["exported_at"] = "@@X@@";
    CHECK(error_of(with_raw(top, "\"2026-11-22T10:00:00Z\", \"format\": \"teamspiegel-bundle\"")) == "b.json: format: key given twice");
}

TEST_CASE("ids are read in lower case, so one record cannot come in twice", "[bundle][hostile]") {
    json b = good();
    std::string upper = kHold;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    b["measures"][0]["id"] = upper;
    b["incidents"][0]["youth_ids"] = {std::string(kYouth).replace(0, 8, "6F1C1A52")};
    const Dataset d = read(b);
    CHECK(d.measures[0].id == kHold);
    CHECK(d.incidents[0].youth_ids[0] == kYouth);
    b["measures"][1]["id"] = kHold;  // the same id in the other spelling
    CHECK(error_of(b) == "b.json: measures[1].id: duplicate id (also measures[0])");
    json ids = good();
    ids["incidents"][0]["youth_ids"] = {kYouth, std::string(kYouth).replace(0, 8, "6F1C1A52")};
    CHECK(error_of(ids) == "b.json: incidents[0].youth_ids[1]: duplicate youth");
}

TEST_CASE("codes and names cannot hide characters or hold a name", "[bundle][hostile]") {
    json b = good();
    b["youths"][1]["code"] = "J-07\u200B";  // looks like J-07
    CHECK(error_of(b) == "b.json: youths[1].code: contains an invisible or direction-changing character (U+200B)");
    b["youths"][1]["code"] = std::string("\0J-08", 5);
    CHECK(error_of(b) == "b.json: youths[1].code: contains a control character (U+0000)");
    b["youths"][1]["code"] = "Jan de Boer";
    CHECK(error_of(b) == "b.json: youths[1].code: not a valid code (letters, digits and hyphens, at most 12 characters, "
                         "at least one digit, such as J-07)");
    json t = good();
    t["teams"][0]["name"] = "De\u202ELinde";
    CHECK(error_of(t) == "b.json: teams[0].name: contains an invisible or direction-changing character (U+202E)");
    json m = good();
    m["members"][0]["name"] = "Sanne\tB.";
    CHECK(error_of(m) == "b.json: members[0].name: contains a control character (U+0009)");
    json n = good();
    n["measures"][0]["decided_by"] = "Sanne\u00A0B.";
    CHECK(error_of(n) == "b.json: measures[0].decided_by: contains an invisible or direction-changing character (U+00A0)");
    // Free text keeps its line breaks.
    json f = good();
    f["measures"][1]["notes"] = "Regel een.\nRegel twee.";
    CHECK(read(f).measures[1].notes == "Regel een.\nRegel twee.");
    f["measures"][1]["notes"] = std::string("stil\0", 5);
    CHECK(error_of(f) == "b.json: measures[1].notes: contains a control character (U+0000)");
    // An anonymized bundle holds pseudonyms, not codes of the pattern; anything else is refused.
    json anon = json::parse(write_bundle(read(good()), Anonymize::pseudonyms, kExported));
    CHECK_NOTHROW(read(anon));
    anon["youths"][0]["code"] = "Jan de Boer";
    CHECK(error_of(anon) == "b.json: youths[0].code: not a pseudonym of an anonymized export (Y- and six digits)");
}

TEST_CASE("nothing in a bundle may lie after its exported_at", "[bundle][hostile]") {
    json b = good();
    b["measures"][0]["updated_at"] = "9999-12-31T23:59:59Z";
    CHECK(error_of(b) == "b.json: measures[0].updated_at: in the future");
    json c = good();
    c["teams"][0]["created_at"] = "2026-11-22T11:00:01Z";  // exported_at 10:00 plus one hour and a second
    CHECK(error_of(c) == "b.json: teams[0].created_at: in the future");
    c["teams"][0]["created_at"] = "2026-11-22T11:00:00Z";
    CHECK_NOTHROW(read(c));
    // The form refuses an end in the future; so does the importer, with exported_at as now.
    json e = good();
    e["measures"][0]["ended_at"] = "2099-01-01T00:00:00Z";
    CHECK(error_of(e) == "b.json: measures[0].ended_at: in the future");
    json i = good();
    i["incidents"][0]["occurred_at"] = "2027-01-01T00:00:00Z";
    CHECK(error_of(i) == "b.json: incidents[0].occurred_at: in the future");
    json a = good();
    a["actions"][0]["completed_at"] = "2030-01-01T00:00:00Z";
    CHECK(error_of(a) == "b.json: actions[0].completed_at: in the future");
    // exported_at itself may not lie after this computer's clock (give or take an hour).
    const std::int64_t clock = *parse_timestamp("2026-11-22T08:59:59Z");
    try {
        read_bundle(good().dump(), "b.json", content(), clock);
        FAIL("accepted");
    } catch (const JsonError& x) {
        CHECK(std::string(x.what()) == "b.json: exported_at: in the future (this computer's clock says 2026-11-22T08:59:59Z)");
    }
    CHECK_NOTHROW(read_bundle(good().dump(), "b.json", content(), clock + 1));
}

TEST_CASE("the reader's checks are the forms' checks", "[bundle][validation]") {
    // Every message a bundle can give for a meeting, action or update comes from validate_*.
    json b = good();
    b["meetings"][0]["answers"][0]["question_id"] = "geen.vraag";
    CHECK(error_of(b) == "b.json: meetings[0].answers[0].question_id: unknown guideline question");
    json s = good();
    s["meetings"][0]["steps"][1]["seconds_used"] = -1;
    CHECK(error_of(s) == "b.json: meetings[0].steps[1].seconds_used: must be 0 or more");
    json c = good();
    c["meetings"][0]["current_step"] = 3;
    CHECK(error_of(c) == "b.json: meetings[0].current_step: out of range (0 to the number of steps)");
    json t = good();
    t["actions"][0]["title"] = " ";
    CHECK(error_of(t) == "b.json: actions[0].title: required");
    json u = good();
    u["action_updates"][0]["note"] = "a\u202Eb";
    CHECK(error_of(u) == "b.json: action_updates[0].note: contains an invisible or direction-changing character (U+202E)");
}

TEST_CASE("deep nesting and odd top levels are refused plainly", "[bundle][hostile]") {
    std::string deep = "{\"format\": \"teamspiegel-bundle\", \"x\": ";
    for (int i = 0; i < 100000; ++i) deep += '[';
    CHECK_THAT(error_of(deep), Catch::Contains("nested more than 64 levels deep"));
    CHECK(error_of(std::string("\"teamspiegel-bundle\"")) == "b.json: expected an object, found a string");
    CHECK(error_of(std::string("{}")) == "b.json: format: missing");
    json l = good();
    l["measures"] = 5;
    CHECK(error_of(l) == "b.json: measures: expected an array, found a number");
}

TEST_CASE("an external export carries no staff name and no id of the plain export", "[bundle][anonymize]") {
    const Dataset d = read(good());
    const std::string plain = write_bundle(d, Anonymize::none, kExported);
    const std::string outside = write_bundle(d, Anonymize::external, kExported);
    // No id of the plain export, no member name, no staff name in measures, no youth code.
    std::set<std::string> plain_ids;
    const json p = json::parse(plain);
    for (const auto& [list, records] : p.items())
        if (records.is_array())
            for (const auto& r : records) plain_ids.insert(r["id"].get<std::string>());
    REQUIRE(plain_ids.size() == 11);  // every record of good()
    for (const std::string& id : plain_ids) CHECK(outside.find(id) == std::string::npos);
    for (const char* secret : {"Sanne B.", "Daan K.", "J-07", "J-08", "Overdracht eerder starten", "Acuut gevaar."})
        CHECK(outside.find(secret) == std::string::npos);

    // The copy is whole: it reads back, and every reference points to a record in it.
    const Dataset x = read(json::parse(outside));
    REQUIRE(x.measures.size() == 2);
    std::set<std::string> youths, members;
    for (const Youth& y : x.youths) youths.insert(y.id);
    for (const Member& m : x.members) {
        members.insert(m.name);
        CHECK(m.team_id == x.teams[0].id);
    }
    for (const Measure& m : x.measures) {
        CHECK(youths.count(m.youth_id) == 1);
        CHECK(m.team_id == x.teams[0].id);
        // Staff names become the pseudonym of the member of that name.
        CHECK(members.count(m.decided_by) == 1);
    }
    CHECK(members == std::set<std::string>{"Medewerker 1", "Medewerker 2"});
    const auto linked = std::find_if(x.measures.begin(), x.measures.end(), [](const Measure& m) { return m.incident_id.has_value(); });
    REQUIRE(linked != x.measures.end());
    CHECK(*linked->incident_id == x.incidents[0].id);
    CHECK(x.action_updates[0].action_id == x.actions[0].id);
    CHECK(x.actions[0].meeting_id == x.meetings[0].id);
    CHECK(x.meetings[0].facilitator_id.has_value());
    CHECK(members.size() == x.meetings[0].attendee_ids.size());
    // Dates, types and figures stay: the bundle is still good for analysis.
    // (Records are in the order of their new ids, so compare as sets.)
    const auto starts = [](const Dataset& ds) {
        std::multiset<std::string> out;
        for (const Measure& m : ds.measures) out.insert(m.started_at + " " + m.type);
        return out;
    };
    CHECK(starts(x) == starts(d));
    const auto ages = [](const Dataset& ds) {
        std::multiset<int> out;
        for (const Youth& y : ds.youths) out.insert(y.age_at_admission.value_or(-1));
        return out;
    };
    CHECK(ages(x) == ages(d));

    // Two external exports of the same data share no id either.
    const std::string again = write_bundle(d, Anonymize::external, kExported);
    for (const Youth& y : x.youths) CHECK(again.find(y.id) == std::string::npos);
    CHECK(anonymize_from_string("external") == Anonymize::external);
    CHECK_FALSE(anonymize_from_string("strict"));
}

TEST_CASE("an incident's report dates are read written and checked and a bundle without them still reads", "[bundle][incident_deadline]") {
    // good() is a bundle of before these fields: its incident has neither key.
    json b = good();
    REQUIRE_FALSE(b["incidents"][0].contains("reported_on"));
    {
        const Dataset d = read(b);
        REQUIRE(d.incidents.size() == 1);
        CHECK_FALSE(d.incidents[0].reported_on);
        CHECK_FALSE(d.incidents[0].investigation_concluded_on);
        // Written again, the keys are there, as null.
        const json w = json::parse(write_bundle(d, Anonymize::none, kExported));
        CHECK(w["incidents"][0]["reported_on"].is_null());
        CHECK(w["incidents"][0]["investigation_concluded_on"].is_null());
    }
    // The incident occurred on Sunday 1 March 2026 (14:00 UTC); the bundle's clock is 22 November.
    json& i = b["incidents"][0];
    i["reportable"] = true;

    SECTION("dates read and survive a round trip") {
        i["investigation_concluded_on"] = "2026-03-20";
        i["reported_on"] = "2026-03-24";
        const Dataset d = read(b);
        CHECK(d.incidents[0].reported_on == std::optional<std::string>("2026-03-24"));
        CHECK(d.incidents[0].investigation_concluded_on == std::optional<std::string>("2026-03-20"));
        const std::string text = write_bundle(d, Anonymize::none, kExported);
        const Dataset back = read_bundle(text, "w.json", content());
        CHECK(back.incidents[0].reported_on == std::optional<std::string>("2026-03-24"));
        CHECK(back.incidents[0].investigation_concluded_on == std::optional<std::string>("2026-03-20"));
        CHECK(write_bundle(back, Anonymize::none, kExported) == text);
        // Dates are no free text: an anonymized export keeps them.
        const json anon = json::parse(write_bundle(d, Anonymize::pseudonyms, kExported));
        CHECK(anon["incidents"][0]["reported_on"] == "2026-03-24");
    }
    SECTION("null is none") {
        i["reported_on"] = nullptr;
        i["investigation_concluded_on"] = nullptr;
        CHECK_FALSE(read(b).incidents[0].reported_on);
    }
    SECTION("not a date") {
        i["reported_on"] = "2026-03-32";
        CHECK(error_of(b) == "b.json: incidents[0].reported_on: not a valid date (expected YYYY-MM-DD)");
        i["reported_on"] = 20260302;
        CHECK(error_of(b) == "b.json: incidents[0].reported_on: expected a string, found a number");
    }
    SECTION("before the day of the incident") {
        i["investigation_concluded_on"] = "2026-02-28";
        CHECK(error_of(b) == "b.json: incidents[0].investigation_concluded_on: before the day of occurred_at");
    }
    SECTION("after the bundle's day") {
        i["reported_on"] = "2026-11-24";
        CHECK(error_of(b) == "b.json: incidents[0].reported_on: in the future");
    }
    SECTION("concluded after the report") {
        i["investigation_concluded_on"] = "2026-03-05";
        i["reported_on"] = "2026-03-04";
        CHECK(error_of(b) ==
              "b.json: incidents[0].investigation_concluded_on: after reported_on (the investigation concludes before the report)");
    }
    SECTION("on an incident that is not reportable") {
        i["reportable"] = false;
        i["reported_on"] = "2026-03-02";
        CHECK(error_of(b) == "b.json: incidents[0].reported_on: only for a reportable incident (reportable is false)");
    }
}

TEST_CASE("a meeting's discussed incidents are read written and checked and a bundle without them still reads", "[bundle][meeting_incident]") {
    json b = good();
    REQUIRE_FALSE(b["meetings"][0].contains("discussed_incident_ids"));
    CHECK(read(b).meetings[0].discussed_incident_ids.empty());
    {
        const json w = json::parse(write_bundle(read(b), Anonymize::none, kExported));
        CHECK(w["meetings"][0]["discussed_incident_ids"] == json::array());
    }
    b["meetings"][0]["discussed_incident_ids"] = {kIncident};
    const Dataset d = read(b);
    CHECK(d.meetings[0].discussed_incident_ids == std::vector<std::string>{kIncident});
    const std::string text = write_bundle(d, Anonymize::none, kExported);
    CHECK(json::parse(text)["meetings"][0]["discussed_incident_ids"] == json{kIncident});
    const Dataset back = read_bundle(text, "w.json", content());
    CHECK(back.meetings[0].discussed_incident_ids == std::vector<std::string>{kIncident});
    CHECK(write_bundle(back, Anonymize::none, kExported) == text);

    // An external export gives the incident another id: the meeting names the new one.
    const json ext = json::parse(write_bundle(d, Anonymize::external, kExported));
    CHECK(ext["meetings"][0]["discussed_incident_ids"] == json{ext["incidents"][0]["id"]});
    CHECK(ext["incidents"][0]["id"] != kIncident);

    b["meetings"][0]["discussed_incident_ids"] = {kIncident, kIncident};
    CHECK_THAT(error_of(b), Catch::Contains("meetings[0].discussed_incident_ids[1]: duplicate incident"));
    b["meetings"][0]["discussed_incident_ids"] = {"x"};
    CHECK_THAT(error_of(b), Catch::StartsWith("b.json: meetings[0].discussed_incident_ids[0]: not a UUID"));
}
