// Bundle export and import through the SQLite store and the file functions shared by the GUI
// and the command line: all-or-nothing (the database file is byte-for-byte unchanged after a
// refused bundle), merge by id and updated_at, stable export, anonymization.
#include "report/exchange.hpp"
#include "store/import.hpp"

#include "core/bundle.hpp"
#include "core/content.hpp"
#include "core/demo.hpp"
#include "core/rules.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace fs = std::filesystem;
using namespace ts;
using nlohmann::json;

namespace {

const Content& content() {
    static const Content c = load_content(TEAMSPIEGEL_TEST_DATA_DIR);
    return c;
}

struct TempDir : test::TempDir {
    TempDir() : test::TempDir("ts-exchange") {}
};

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

void spit(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

// FNV-1a over the file's bytes: any change to the main database file shows.
std::uint64_t file_hash(const std::string& path) {
    std::uint64_t h = 14695981039346656037ULL;
    for (unsigned char c : slurp(path)) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

// Demo data (fixed end date, so the same every run) plus a meeting, an action and an update
// written out here, so that every field of those kinds goes through the exchange.
Dataset test_data() {
    DemoOptions opt;
    opt.teams = 2;
    opt.years = 1;
    opt.seed = 11;
    opt.end = Date{2026, 6, 30};
    Dataset d = generate_demo(opt);
    const Team& team = d.teams[0];
    std::vector<const Member*> staff;
    for (const Member& m : d.members)
        if (m.team_id == team.id) staff.push_back(&m);
    Incident* incident = nullptr;
    for (Incident& i : d.incidents)
        if (i.team_id == team.id) incident = &i;
    if (incident) {
        // Reported to the inspectorate after an internal investigation, the day after it
        // occurred (a day after in UTC is on or after its local date in any zone).
        const Date next = civil_from_days(days_from_civil(*parse_date(incident->occurred_at.substr(0, 10))) + 1);
        incident->reportable = true;
        incident->investigation_concluded_on = incident->reported_on = format_date(next);
    }

    Meeting m;
    m.id = "a0000000-0000-4000-8000-000000000001";
    m.team_id = team.id;
    m.template_id = "teamreflectie";
    m.held_on = "2026-06-10";
    m.facilitator_id = staff[0]->id;
    m.attendee_ids = {staff[0]->id, staff[1]->id, staff[2]->id};
    m.state = MeetingState::closed;
    m.current_step = 2;
    m.next_meeting_on = "2026-07-08";
    m.steps = {{StepKind::check_in, "Iedereen aanwezig.", 240}, {StepKind::reflection, "Over de avonddienst.", 1200}};
    m.answers = {{"aan_de_slag.v1", "De meeste aanbevelingen al."}};
    m.ratings = {{"pedagogisch_klimaat.k1", Rating::partly}};
    m.created_at = m.updated_at = "2026-06-10T15:00:00Z";
    d.meetings.push_back(m);

    Action a;
    a.id = "a0000000-0000-4000-8000-000000000002";
    a.team_id = team.id;
    a.meeting_id = m.id;
    a.title = "Overdracht eerder starten";
    a.description = "Avonddienst begint om 14:45.";
    a.owner_id = staff[1]->id;
    a.due_on = "2026-07-01";
    a.status = ActionStatus::in_progress;
    a.guideline_ref = "pedagogisch_klimaat";
    if (incident) a.incident_id = incident->id;
    a.created_at = a.updated_at = "2026-06-10T15:00:00Z";
    d.actions.push_back(a);

    ActionUpdate u;
    u.id = "a0000000-0000-4000-8000-000000000003";
    u.action_id = a.id;
    u.meeting_id = m.id;
    u.status = ActionStatus::in_progress;
    u.note = "Eerste week gedaan.";
    u.created_at = u.updated_at = "2026-06-10T15:05:00Z";
    d.action_updates.push_back(u);
    return d;
}

std::size_t total(const ImportSummary& s) { return static_cast<std::size_t>(s.inserted + s.updated + s.unchanged); }

// A database with the test data, and its bundle.
struct Fixture {
    TempDir dir;
    std::string db = dir.file("team.db");
    std::string bundle_file = dir.file("bundle.json");
    std::string bundle_text;
    std::size_t records = 0;

    Fixture() {
        auto store = open_sqlite_store(db);
        store->insert_dataset(test_data());
        records = export_bundle(*store, std::nullopt, Anonymize::none, bundle_file);
        bundle_text = slurp(bundle_file);
    }
    json bundle() const { return json::parse(bundle_text); }

    // Imports `text`, expecting a refusal; returns the error. Checks that the database file
    // is byte for byte what it was: hashed with the store closed before and after.
    ExchangeError refused(const std::string& text, const std::string& name = "bad.json") const {
        const std::string path = dir.file(name);
        spit(path, text);
        const std::uint64_t before = file_hash(db);
        std::optional<ExchangeError> error;
        {
            auto store = open_sqlite_store(db);
            const StoreCounts counts = store->counts();
            try {
                import_bundle_file(*store, content(), path);
            } catch (const ExchangeError& e) {
                error = e;
            }
            const StoreCounts after = store->counts();
            CHECK(after.teams == counts.teams);
            CHECK(after.measures == counts.measures);
        }
        CHECK(file_hash(db) == before);
        REQUIRE(error);
        CHECK(error->file() == path);
        return *error;
    }
    ExchangeError refused(const json& j) const { return refused(j.dump(2)); }
};

// Index of the first record in `list` for which `pred` holds.
template <typename Pred>
std::size_t find_index(const json& list, Pred pred) {
    for (std::size_t i = 0; i < list.size(); ++i)
        if (pred(list[i])) return i;
    FAIL("no such record in the bundle");
    return 0;
}

std::string without_exported_at(std::string text) {
    const auto at = text.find("\"exported_at\"");
    const auto end = text.find('\n', at);
    return text.erase(at, end - at);
}

}  // namespace

TEST_CASE("a bad record in a bundle file is refused with its path and nothing changes", "[exchange]") {
    const Fixture f;
    const json good = f.bundle();
    REQUIRE(good["measures"].size() > 5);
    json b = good;

    SECTION("wrong JSON type") {
        b["incidents"][1]["severity"] = "3";
        const auto e = f.refused(b);
        CHECK(e.path() == "incidents[1].severity");
        CHECK(std::string(e.what()) == f.dir.file("bad.json") + ": incidents[1].severity: expected a whole number, found a string");
    }
    SECTION("unknown measure type") {
        b["measures"][3]["type"] = "hug";
        const auto e = f.refused(b);
        CHECK(e.path() == "measures[3].type");
        CHECK(e.problem() == "unknown measure type");
    }
    SECTION("impossible date") {
        b["youths"][2]["admitted_on"] = "2026-02-30";
        CHECK(f.refused(b).path() == "youths[2].admitted_on");
    }
    SECTION("end before start") {
        const std::size_t i = find_index(b["measures"], [](const json& m) { return !m["ended_at"].is_null(); });
        b["measures"][i]["ended_at"] = "2000-01-01T00:00:00Z";
        const auto e = f.refused(b);
        CHECK(e.path() == "measures[" + std::to_string(i) + "].ended_at");
        CHECK(e.problem() == "before started_at");
    }
    SECTION("duplicate id") {
        b["measures"][4]["id"] = b["measures"][2]["id"];
        const auto e = f.refused(b);
        CHECK(e.path() == "measures[4].id");
        CHECK(e.problem() == "duplicate id (also measures[2])");
    }
    SECTION("text over the limit") {
        b["incidents"][0]["response"] = std::string(kMaxFreeText + 1, 'x');
        CHECK(f.refused(b).path() == "incidents[0].response");
    }
    SECTION("invalid UTF-8") {
        b["measures"][1]["notes"] = "@@MARK@@";
        std::string text = b.dump(2);
        text.replace(text.find("@@MARK@@"), 8, "\xC3\x28");
        const auto e = f.refused(text);
        CHECK(e.path() == "measures[1].notes");
        CHECK(e.problem() == "invalid UTF-8");
    }
    SECTION("unknown field") {
        b["youths"][0]["name"] = "Jan Jansen";
        CHECK(f.refused(b).path() == "youths[0].name");
    }
    SECTION("bad UUID") {
        b["measures"][0]["youth_id"] = "J-07";
        CHECK(f.refused(b).path() == "measures[0].youth_id");
    }
    SECTION("bad enum") {
        b["youths"][1]["setting"] = "half-open";
        CHECK(f.refused(b).path() == "youths[1].setting");
    }
    SECTION("not JSON") {
        const auto e = f.refused(std::string("{\"format\": \"teamspiegel-bundle\",\n  \"version\": 1,,}"));
        CHECK(e.path().empty());
        CHECK_THAT(std::string(e.what()), Catch::StartsWith(f.dir.file("bad.json") + ": not valid JSON at line 2"));
    }
}

TEST_CASE("references must resolve in the bundle or the database, within one team", "[exchange]") {
    const Fixture f;
    const json good = f.bundle();
    json b = good;

    SECTION("a measure's youth that exists nowhere") {
        b["measures"][5]["youth_id"] = "0b7e0c8e-1111-4222-8333-944455556666";
        const auto e = f.refused(b);
        CHECK(std::string(e.what()) == f.dir.file("bad.json") + ": measures[5].youth_id: unknown youth");
    }
    SECTION("a reference that resolves only in the database is accepted") {
        // A bundle of measures alone: their youths, incidents and teams are already stored.
        json only = good;
        for (const char* list : {"teams", "members", "youths", "incidents", "meetings", "actions", "action_updates"}) only.erase(list);
        only["measures"][0]["reason"] = "Bijgewerkt";
        only["measures"][0]["updated_at"] = only["exported_at"];  // newer than the demo's, not after the export
        spit(f.dir.file("only.json"), only.dump());
        auto store = open_sqlite_store(f.db);
        const auto s = import_bundle_file(*store, content(), f.dir.file("only.json"));
        CHECK(s.updated == 1);
        CHECK(s.inserted == 0);
    }
    SECTION("a measure whose youth is in another team") {
        const std::string team0 = b["teams"][0]["id"];
        const std::size_t m = find_index(b["measures"], [&](const json& x) { return x["team_id"] == team0; });
        const std::size_t y = find_index(b["youths"], [&](const json& x) { return x["team_id"] != team0; });
        b["measures"][m]["youth_id"] = b["youths"][y]["id"];
        const auto e = f.refused(b);
        CHECK(e.path() == "measures[" + std::to_string(m) + "].youth_id");
        CHECK(e.problem() == "youth of another team");
    }
    SECTION("a meeting that discussed an incident of another team") {
        const std::string team0 = b["teams"][0]["id"];
        const std::size_t m = find_index(b["meetings"], [&](const json& x) { return x["team_id"] == team0; });
        const std::size_t i = find_index(b["incidents"], [&](const json& x) { return x["team_id"] != team0; });
        b["meetings"][m]["discussed_incident_ids"] = json::array({b["incidents"][i]["id"]});
        const auto e = f.refused(b);
        CHECK(e.path() == "meetings[" + std::to_string(m) + "].discussed_incident_ids[0]");
        CHECK(e.problem() == "incident of another team");
    }
    SECTION("a team name that another team has") {
        json t = good["teams"][0];
        t["id"] = "0b7e0c8e-1111-4222-8333-944455556666";
        t["name"] = "de linde";  // case does not make it another name
        b["teams"] = json::array({t});
        const auto e = f.refused(b);
        CHECK(std::string(e.what()) == f.dir.file("bad.json") + ": teams[0].name: a different team with this name already exists");
    }
    SECTION("a stored record cannot move to another team") {
        // To the team it is not in (which one that is depends on the demo's ids).
        const bool in_first = b["youths"][0]["team_id"] == b["teams"][0]["id"];
        b["youths"][0]["team_id"] = b["teams"][in_first ? 1 : 0]["id"];
        b["youths"][0]["code"] = "X-99";  // not to clash with a code of the other team
        b["youths"][0]["updated_at"] = b["exported_at"];
        CHECK(f.refused(b).path() == "youths[0].team_id");
    }
    SECTION("an action update of an action that exists nowhere") {
        b["action_updates"][0]["action_id"] = "0b7e0c8e-1111-4222-8333-944455556666";
        CHECK(f.refused(b).path() == "action_updates[0].action_id");
    }
    SECTION("a youth code taken by another stored youth") {
        const std::string team0 = b["teams"][0]["id"];
        json y = good["youths"][find_index(good["youths"], [&](const json& x) { return x["team_id"] == team0; })];
        y["id"] = "0b7e0c8e-1111-4222-8333-944455556666";
        b = good;
        b["youths"] = json::array({y});
        const auto e = f.refused(b);
        CHECK(e.path() == "youths[0].code");
        CHECK(e.problem() == "code already used in this team");
    }
}

TEST_CASE("an SQL failure half-way rolls the whole import back", "[exchange]") {
    // The store is given a record core would have refused (end before start), after records
    // that are fine: the database's CHECK fails on the measure, and the team, member and youth
    // written before it in the same transaction must be gone too.
    const Fixture f;
    const std::uint64_t before = file_hash(f.db);
    {
        auto store = open_sqlite_store(f.db);
        const StoreCounts counts = store->counts();
        Dataset d;
        Team t;
        t.id = "b0000000-0000-4000-8000-000000000001";
        t.name = "Het Nieuwe Huis";
        t.created_at = t.updated_at = "2026-01-01T00:00:00Z";
        Youth y;
        y.id = "b0000000-0000-4000-8000-000000000002";
        y.team_id = t.id;
        y.code = "N-01";
        y.admitted_on = "2026-01-02";
        y.created_at = y.updated_at = t.created_at;
        Measure m;
        m.id = "b0000000-0000-4000-8000-000000000003";
        m.team_id = t.id;
        m.youth_id = y.id;
        m.type = "physical_hold";
        m.started_at = "2026-02-01T10:00:00Z";
        m.ended_at = "2026-02-01T09:00:00Z";
        m.created_at = m.updated_at = t.created_at;
        d.teams = {t};
        d.youths = {y};
        d.measures = {m};
        try {
            import_dataset(*store, d);
            FAIL("the import was accepted");
        } catch (const ImportError& e) {
            CHECK(e.path() == "measures[0]");
            CHECK(e.problem() == "has a value the database refuses");
        }
        CHECK(store->counts().teams == counts.teams);
        CHECK_FALSE(store->team(t.id));
    }
    CHECK(file_hash(f.db) == before);

    // The hash does see a change: the same records with a valid measure are stored.
    {
        auto store = open_sqlite_store(f.db);
        Dataset d;
        d.teams.push_back(Team{"b0000000-0000-4000-8000-000000000001", "Het Nieuwe Huis", "", 0, 0, true,
                               "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"});
        CHECK(import_dataset(*store, d).inserted == 1);
    }
    CHECK(file_hash(f.db) != before);
}

TEST_CASE("importing the same bundle again changes nothing", "[exchange]") {
    const Fixture f;
    auto store = open_sqlite_store(f.db);
    // Into the database it came from: every record is known and as new.
    const auto again = import_bundle_file(*store, content(), f.bundle_file);
    CHECK(again.inserted == 0);
    CHECK(again.updated == 0);
    CHECK(total(again) == f.records);

    // Into an empty database: everything inserted once, then nothing.
    auto empty = open_sqlite_store(f.dir.file("empty.db"));
    const auto first = import_bundle_file(*empty, content(), f.bundle_file);
    CHECK(first.inserted == static_cast<std::int64_t>(f.records));
    const Revisions written = empty->revisions();
    const std::string team_id = empty->teams().front().id;
    const std::size_t history = empty->changes("team", team_id).size();
    const auto second = import_bundle_file(*empty, content(), f.bundle_file);
    CHECK(second.inserted == 0);
    CHECK(second.updated == 0);
    CHECK(second.unchanged == static_cast<std::int64_t>(f.records));
    // Nothing written: no revision moved (the screens read nothing again), no history added.
    CHECK(empty->revisions() == written);
    CHECK(empty->changes("team", team_id).size() == history);
    CHECK(history == 1);  // the first import's entry; the second wrote nothing of the team
    CHECK(empty->changes("team", team_id)[0].field == "imported");
    CHECK(empty->changes("team", team_id)[0].changed_by != "");
}

TEST_CASE("merge: a newer updated_at replaces, an older one does not", "[exchange]") {
    const Fixture f;
    json b = f.bundle();
    const std::string id = b["measures"][0]["id"];
    const std::string original = b["measures"][0]["reason"];
    auto store = open_sqlite_store(f.db);

    b["measures"][0]["reason"] = "Ouder bericht";
    b["measures"][0]["updated_at"] = "2001-01-01T00:00:00Z";
    spit(f.dir.file("older.json"), b.dump());
    const auto older = import_bundle_file(*store, content(), f.dir.file("older.json"));
    CHECK(older.updated == 0);
    CHECK(store->measure(id)->reason == original);

    // Newer than the stored copy (demo data ends in June 2026), and not after the export.
    const std::string newer_stamp = b["exported_at"];
    b["measures"][0]["reason"] = "Nieuwer bericht";
    b["measures"][0]["updated_at"] = newer_stamp;
    const std::string meeting_id = b["meetings"][0]["id"];
    b["meetings"][0]["steps"][0]["notes"] = "Bijgewerkt in een ander overleg";
    b["meetings"][0]["updated_at"] = newer_stamp;
    spit(f.dir.file("newer.json"), b.dump());
    const auto newer = import_bundle_file(*store, content(), f.dir.file("newer.json"), "import");
    CHECK(newer.updated == 2);
    CHECK(newer.inserted == 0);
    CHECK(store->measure(id)->reason == "Nieuwer bericht");
    CHECK(store->measure(id)->updated_at == newer_stamp);
    // The change history says which import changed it (one entry per bundle, not per field).
    const auto history = store->changes("measure", id);
    REQUIRE_FALSE(history.empty());
    CHECK(history.back().field == "imported");
    CHECK(history.back().new_value == f.dir.file("newer.json"));
    CHECK(history.back().changed_by == "import");
    // The meeting's child rows were replaced with it.
    const Dataset now = store->export_data(std::nullopt);
    const auto meeting = std::find_if(now.meetings.begin(), now.meetings.end(), [&](const Meeting& m) { return m.id == meeting_id; });
    REQUIRE(meeting != now.meetings.end());
    CHECK(meeting->steps[0].notes == "Bijgewerkt in een ander overleg");
}

TEST_CASE("export, import into an empty database, export again: the same bundle", "[exchange]") {
    const Fixture f;
    auto empty = open_sqlite_store(f.dir.file("copy.db"));
    import_bundle_file(*empty, content(), f.bundle_file);
    const std::string again_file = f.dir.file("again.json");
    CHECK(export_bundle(*empty, std::nullopt, Anonymize::none, again_file) == f.records);
    const std::string again = slurp(again_file);
    CHECK(without_exported_at(again) == without_exported_at(f.bundle_text));
    // Every kind of record made the trip.
    const json j = json::parse(again);
    for (const char* list : {"teams", "members", "youths", "measures", "incidents", "meetings", "actions", "action_updates"})
        CHECK_FALSE(j[list].empty());
    // The report dates made the trip too: the demo's, and those of the incident test_data()
    // reported on the day its investigation concluded (the demo never reports on that day).
    int reported = 0, same_day = 0;
    for (const auto& i : j["incidents"])
        if (!i["reported_on"].is_null()) {
            ++reported;
            CHECK(i["reportable"] == true);
            if (i["investigation_concluded_on"] == i["reported_on"]) ++same_day;
        }
    CHECK(reported > 1);
    CHECK(same_day == 1);
}

TEST_CASE("a bundle written before the incident's report dates imports, with none", "[exchange][incident_deadline]") {
    const Fixture f;
    json old = f.bundle();
    for (auto& i : old["incidents"]) {
        i.erase("reported_on");
        i.erase("investigation_concluded_on");
    }
    const std::string path = f.dir.file("old.json");
    spit(path, old.dump(2));
    auto empty = open_sqlite_store(f.dir.file("old.db"));
    import_bundle_file(*empty, content(), path);
    std::size_t incidents = 0;
    for (const Team& t : empty->teams())
        for (const Incident& i : empty->incidents(t.id)) {
            ++incidents;
            CHECK_FALSE(i.reported_on);
            CHECK_FALSE(i.investigation_concluded_on);
        }
    CHECK(incidents == old["incidents"].size());
}

TEST_CASE("export of one team, unknown team names, output files", "[exchange]") {
    const Fixture f;
    auto store = open_sqlite_store(f.db);
    const json all = f.bundle();
    const std::string name = all["teams"][1]["name"];
    const std::string id = all["teams"][1]["id"];

    const std::string one = f.dir.file("one.json");
    export_bundle(*store, name, Anonymize::none, one);
    const json j = json::parse(slurp(one));
    REQUIRE(j["teams"].size() == 1);
    CHECK(j["teams"][0]["id"] == id);
    for (const char* list : {"members", "youths", "measures", "incidents"}) {
        CHECK_FALSE(j[list].empty());
        for (const auto& r : j[list]) CHECK(r["team_id"] == id);
    }
    // A team's bundle is complete in itself: it imports into an empty database.
    auto empty = open_sqlite_store(f.dir.file("one.db"));
    CHECK(import_bundle_file(*empty, content(), one).inserted > 0);

    try {
        export_bundle(*store, std::string("Nergenshuis"), Anonymize::none, f.dir.file("none.json"));
        FAIL("an unknown team was exported");
    } catch (const ExchangeError& e) {
        CHECK(e.path() == "--team");
        CHECK_THAT(std::string(e.what()), Catch::Contains("Nergenshuis") && Catch::Contains(name));
    }
    CHECK_FALSE(fs::exists(f.dir.file("none.json")));

    // A folder that does not exist: an error, and no file (nor temporary file) left anywhere.
    CHECK_THROWS_AS(export_bundle(*store, std::nullopt, Anonymize::none, f.dir.file("no/such/dir/x.json")), ExchangeError);
    // An existing file is replaced whole; no temporary file stays beside it.
    spit(one, "old content");
    export_bundle(*store, std::nullopt, Anonymize::none, one);
    CHECK(json::parse(slurp(one))["teams"].size() == 2);
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(f.dir.path))
        if (e.path().filename().string().find(".tmp-") != std::string::npos) ++files;
    CHECK(files == 0);
}

TEST_CASE("an anonymized export holds no youth code and no free text of the source", "[exchange]") {
    const Fixture f;
    auto store = open_sqlite_store(f.db);
    const std::string out = f.dir.file("anon.json");
    export_bundle(*store, std::nullopt, Anonymize::pseudonyms, out);
    const std::string text = slurp(out);
    const Dataset source = store->export_data(std::nullopt);
    REQUIRE_FALSE(source.youths.empty());
    for (const Youth& y : source.youths) CHECK(text.find("\"" + y.code + "\"") == std::string::npos);
    for (const Measure& m : source.measures)
        if (!m.reason.empty()) CHECK(text.find(m.reason) == std::string::npos);
    for (const Incident& i : source.incidents) CHECK(text.find(i.description) == std::string::npos);
    CHECK(text.find("Eerste week gedaan.") == std::string::npos);
    CHECK(text.find("De meeste aanbevelingen al.") == std::string::npos);

    // It is a valid bundle: it imports into an empty database, with the pseudonyms.
    auto empty = open_sqlite_store(f.dir.file("anon.db"));
    const auto s = import_bundle_file(*empty, content(), out);
    CHECK(s.inserted == static_cast<std::int64_t>(f.records));
    for (const Youth& y : empty->youths(source.teams[0].id)) CHECK(y.code.rfind("Y-", 0) == 0);
    // The same youths get the same pseudonyms in a second export.
    const std::string out2 = f.dir.file("anon2.json");
    export_bundle(*store, std::nullopt, Anonymize::pseudonyms, out2);
    CHECK(without_exported_at(slurp(out2)) == without_exported_at(text));
}

TEST_CASE("an external export holds no id, staff name or youth code of the organisation", "[exchange][anonymize]") {
    const Fixture f;
    auto store = open_sqlite_store(f.db);
    const std::string out = f.dir.file("outside.json");
    CHECK(export_bundle(*store, std::nullopt, Anonymize::external, out) == f.records);
    const std::string text = slurp(out);
    const Dataset source = store->export_data(std::nullopt);
    const auto absent = [&](const std::string& s) { return text.find("\"" + s + "\"") == std::string::npos; };
    for (const Team& t : source.teams) CHECK(absent(t.id));
    for (const Member& m : source.members) CHECK((absent(m.id) && absent(m.name)));
    for (const Youth& y : source.youths) CHECK((absent(y.id) && absent(y.code)));
    for (const Measure& m : source.measures) {
        CHECK(absent(m.id));
        if (!m.decided_by.empty()) CHECK(absent(m.decided_by));
        if (m.consent_by && !m.consent_by->empty()) CHECK(absent(*m.consent_by));
    }
    for (const Incident& i : source.incidents) CHECK(absent(i.id));
    for (const Action& a : source.actions) CHECK((absent(a.id) && absent(a.title)));
    // It is whole: it imports into an empty database, every reference resolving.
    auto empty = open_sqlite_store(f.dir.file("outside.db"));
    CHECK(import_bundle_file(*empty, content(), out).inserted == static_cast<std::int64_t>(f.records));
}

TEST_CASE("a bundle file that cannot be read", "[exchange]") {
    const Fixture f;
    auto store = open_sqlite_store(f.db);
    const std::string missing = f.dir.file("missing.json");
    try {
        import_bundle_file(*store, content(), missing);
        FAIL("a missing file was imported");
    } catch (const ExchangeError& e) {
        CHECK(std::string(e.what()) == missing + ": cannot be read (missing or no permission)");
    }
    CHECK_THROWS_WITH(import_bundle_file(*store, content(), f.dir.path.string()), Catch::Contains("is a folder"));
}

TEST_CASE("the store refuses a Dataset that names one record twice", "[exchange]") {
    // read_bundle refuses this already; the store does not rely on it (the GUI may call it directly).
    const Fixture f;
    auto store = open_sqlite_store(f.db);
    Dataset d = store->export_data(std::nullopt);
    d.youths.push_back(d.youths[1]);
    d.youths.back().updated_at = "2031-01-01T00:00:00Z";
    try {
        import_dataset(*store, d);
        FAIL("a duplicate id was accepted");
    } catch (const ImportError& e) {
        CHECK(e.path() == "youths[" + std::to_string(d.youths.size() - 1) + "].id");
        CHECK(e.problem() == "duplicate id (also youths[1])");
    }
}

namespace {

// A number read straight from the file, bypassing the store.
std::int64_t scalar(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
    std::int64_t v = -1;
    if (st && sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

// The bundle text without its exported_at line (the one line two exports of the same data differ in).
std::string without_stamp(const std::string& text) {
    std::string out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (line.find("\"exported_at\"") == std::string::npos) out += line + "\n";
    return out;
}

}  // namespace

TEST_CASE("an import is one entry of the change history and each record's history names it", "[exchange][history]") {
    Fixture f;
    const std::string db = f.dir.file("empty.db");
    {
        auto store = open_sqlite_store(db);
        const auto s = import_bundle_file(*store, content(), f.bundle_file, "Coach Anna");
        CHECK(total(s) == f.records);
    }
    // One entry for the bundle, with its file, its counts and who imported it; no row per record.
    CHECK(scalar(db, "SELECT count(*) FROM import_log") == 1);
    CHECK(scalar(db, "SELECT records FROM import_log") == static_cast<std::int64_t>(f.records));
    CHECK(scalar(db, "SELECT inserted FROM import_log") == static_cast<std::int64_t>(f.records));
    CHECK(scalar(db, "SELECT count(*) FROM change_log") == 0);
    CHECK(scalar(db, "SELECT count(*) FROM measure WHERE import_id IS NULL") == 0);

    auto store = open_sqlite_store(db);
    const Dataset d = store->export_data(std::nullopt);
    REQUIRE(!d.measures.empty());
    const auto history = store->changes("measure", d.measures.front().id);
    REQUIRE(history.size() == 1);
    CHECK(history[0].field == "imported");
    CHECK(history[0].new_value == f.bundle_file);
    CHECK(history[0].old_value == std::to_string(f.records));
    CHECK(history[0].changed_by == "Coach Anna");

    // A save after the import follows it in the record's history; importing the same bundle
    // again writes nothing, so the record still names the first import.
    Measure m = d.measures.front();
    m.reason = "Aangepast na de import.";
    m.updated_at = "2099-01-01T00:00:00Z";
    store->save_measure(m, "Bas");
    import_bundle_file(*store, content(), f.bundle_file, "Coach Anna");
    const auto after = store->changes("measure", m.id);
    REQUIRE(after.size() == 2);
    CHECK(after[0].field == "imported");
    CHECK(after[1].field == "reason");
    CHECK(after[1].changed_by == "Bas");
    CHECK(scalar(db, "SELECT count(*) FROM import_log") == 2);
    CHECK(scalar(db, "SELECT unchanged FROM import_log WHERE id = 2") == static_cast<std::int64_t>(f.records));
}

TEST_CASE("the export written record by record is the bundle write_bundle makes of the same data", "[exchange][stream]") {
    Fixture f;
    auto store = open_sqlite_store(f.db);
    const Dataset d = store->export_data(std::nullopt);
    CHECK(without_stamp(f.bundle_text) == without_stamp(write_bundle(d, Anonymize::none, 0)));
    const std::string pseudo = f.dir.file("pseudo.json");
    export_bundle(*store, std::nullopt, Anonymize::pseudonyms, pseudo);
    CHECK(without_stamp(slurp(pseudo)) == without_stamp(write_bundle(d, Anonymize::pseudonyms, 0)));
    // One team: only its records, the lists still all there.
    const std::string one = f.dir.file("one.json");
    export_bundle(*store, d.teams[0].name, Anonymize::none, one);
    const json j = json::parse(slurp(one));
    CHECK(j["teams"].size() == 1);
    CHECK(j.contains("action_updates"));
    for (const auto& m : j["measures"]) CHECK(m["team_id"] == d.teams[0].id);
}

TEST_CASE("a bundle whose lists come before its format is read in a second pass", "[exchange][stream]") {
    Fixture f;
    json b = f.bundle();
    // Rebuilt with the lists first: nlohmann's ordered_json keeps this order when dumped.
    nlohmann::ordered_json reordered;
    for (const char* list : {"teams", "members", "youths", "measures", "incidents", "meetings", "actions", "action_updates"})
        reordered[list] = b[list];
    for (const char* key : {"format", "version", "exported_at", "anonymized"}) reordered[key] = b[key];
    const std::string path = f.dir.file("late-header.json");
    spit(path, reordered.dump(1));
    auto store = open_sqlite_store(f.dir.file("empty.db"));
    CHECK(import_bundle_file(*store, content(), path).inserted == static_cast<std::int64_t>(f.records));
}

TEST_CASE("a problem found at the end of a bundle undoes the records already written", "[exchange][stream]") {
    Fixture f;
    json b = f.bundle();
    // The last record points to an action that is nowhere: found only after all the rest was written.
    b["action_updates"].back()["action_id"] = "b0000000-0000-4000-8000-00000000dead";
    const std::string path = f.dir.file("late-problem.json");
    spit(path, b.dump(2));
    const std::string db = f.dir.file("empty.db");
    auto store = open_sqlite_store(db);
    const std::string last = "action_updates[" + std::to_string(b["action_updates"].size() - 1) + "].action_id";
    CHECK_THROWS_WITH(import_bundle_file(*store, content(), path), Catch::Contains(last + ": unknown action"));
    CHECK(store->counts() == StoreCounts{});
    CHECK(scalar(db, "SELECT count(*) FROM import_log") == 0);
}

TEST_CASE("the numbers of records are kept by the database and check finds a number that is off", "[exchange][counts]") {
    Fixture f;
    {
        auto store = open_sqlite_store(f.db);
        const StoreCounts c = store->counts();
        CHECK(c.measures == scalar(f.db, "SELECT count(*) FROM measure"));
        CHECK(c.incidents == scalar(f.db, "SELECT count(*) FROM incident"));
        CHECK(c.action_updates == scalar(f.db, "SELECT count(*) FROM action_update"));
        CHECK(store->count(Kind::youth) == scalar(f.db, "SELECT count(*) FROM youth"));
        // An incident deleted: its number goes down, and its measures keep theirs.
        const Dataset d = store->export_data(std::nullopt);
        store->delete_incident(d.incidents.front().id, "test");
        CHECK(store->counts().incidents == c.incidents - 1);
        CHECK(store->counts().incidents == scalar(f.db, "SELECT count(*) FROM incident"));
        CHECK(store->counts().measures == scalar(f.db, "SELECT count(*) FROM measure"));
    }
    CHECK(check_database(f.db).ok);
    sqlite3* raw = nullptr;
    sqlite3_open(f.db.c_str(), &raw);
    sqlite3_exec(raw, "UPDATE record_count SET n = n + 5 WHERE kind = 'measure'", nullptr, nullptr, nullptr);
    sqlite3_close(raw);
    const CheckReport bad = check_database(f.db);
    CHECK_FALSE(bad.ok);
    CHECK_THAT(bad.problems.front(), Catch::Contains("run check --repair"));
    open_sqlite_store(f.db)->rebuild_summaries();
    CHECK(check_database(f.db).ok);
}

TEST_CASE("the export's text is what nlohmann json writes of the same document at two spaces", "[exchange][stream]") {
    // The writer writes each record's text itself (no tree); the format is the whole document as
    // nlohmann::ordered_json dumps it with an indent of 2: parsed and dumped again, the text must
    // come back byte for byte, also with text that needs escapes or is not ASCII.
    Fixture f;
    auto store = open_sqlite_store(f.db);
    Dataset d = store->export_data(std::nullopt);
    Measure m = d.measures.front();
    m.notes = "Quote \" backslash \\ tab\tnew\nline \x01 control, é ü ß — € 🙂 and / slash";
    m.updated_at = "2026-06-29T10:00:00Z";
    store->save_measure(m, "test");
    Member w = d.members.front();
    w.name = "Zoë \"Z\" d'Artagnan";
    store->save_member(w, "test");
    for (Anonymize level : {Anonymize::none, Anonymize::pseudonyms}) {
        const std::string out = f.dir.file("text.json");
        export_bundle(*store, std::nullopt, level, out);
        const std::string text = slurp(out);
        CHECK(text == nlohmann::ordered_json::parse(text).dump(2) + "\n");
        if (level == Anonymize::none) {
            CHECK(text.find("Zo\u00eb \\\"Z\\\" d'Artagnan") != std::string::npos);
            CHECK(text.find("\\u0001 control") != std::string::npos);
        }
    }
}
