// The window never stops on an exception (issue 6, finding 3): a store that fails while a frame
// is drawn (a damaged database, one in use by another program) gives the failure screen, the
// frame ends cleanly, and "try again" brings the screens back once the store works again.
#include "core/demo.hpp"
#include "ui/probe.hpp"
#include "ui/requests.hpp"
#include "ui/screen_guideline.hpp"
#include "ui/screen_incidents.hpp"
#include "ui/screen_measures.hpp"
#include "ui/screen_team.hpp"
#include "ui_harness.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <stdexcept>

using namespace ts;
using ts::test::UiHarness;

namespace {

// A store that passes everything to a real one, and fails on demand the way a damaged SQLite
// file does: reads, writes, or (to fail in the middle of drawing a screen) path().
class FailingStore final : public Store {
public:
    explicit FailingStore(std::unique_ptr<Store> inner) : inner_(std::move(inner)) {}
    bool fail_reads = false, fail_writes = false, fail_path = false;

    Revisions revisions() const override { return inner_->revisions(); }
    bool poll_changes() override { return read(), inner_->poll_changes(); }
    std::optional<std::vector<std::string>> written_since(Kind k, std::uint64_t since) const override {
        return inner_->written_since(k, since);
    }
    void set_read_hook(ReadHook hook) override { inner_->set_read_hook(std::move(hook)); }
    void set_statement_hook(StatementHook hook) override { inner_->set_statement_hook(std::move(hook)); }
    const std::string& path() const override {
        if (fail_path) throw std::runtime_error("the settings screen could not read the database's name");
        return inner_->path();
    }
    void transaction(const std::function<void()>& body) override { write(), inner_->transaction(body); }
    std::vector<Team> teams() override { return read(), inner_->teams(); }
    std::optional<Team> team(const std::string& id) override { return read(), inner_->team(id); }
    std::vector<Member> members(const std::string& id) override { return read(), inner_->members(id); }
    std::vector<Youth> youths(const std::string& id) override { return read(), inner_->youths(id); }
    void save_team(const Team& t, const std::string& who) override { write(), inner_->save_team(t, who); }
    void save_member(const Member& m, const std::string& who) override { write(), inner_->save_member(m, who); }
    void save_youth(const Youth& y, const std::string& who) override { write(), inner_->save_youth(y, who); }
    std::vector<Measure> measures(const std::string& id) override { return read(), inner_->measures(id); }
    std::vector<Measure> measures_since(const std::string& id, std::int64_t t) override { return read(), inner_->measures_since(id, t); }
    std::optional<Measure> measure(const std::string& id) override { return read(), inner_->measure(id); }
    void save_measure(const Measure& m, const std::string& who) override { write(), inner_->save_measure(m, who); }
    void delete_measure(const std::string& id, const std::string& who) override { write(), inner_->delete_measure(id, who); }
    std::vector<Incident> incidents(const std::string& id) override { return read(), inner_->incidents(id); }
    std::vector<Incident> incidents_since(const std::string& id, std::int64_t t) override { return read(), inner_->incidents_since(id, t); }
    std::vector<Incident> incidents_with_ids(const std::vector<std::string>& ids) override { return read(), inner_->incidents_with_ids(ids); }
    std::int64_t team_count(Kind k, const std::string& id) override { return read(), inner_->team_count(k, id); }
    std::optional<Incident> incident(const std::string& id) override { return read(), inner_->incident(id); }
    void save_incident(const Incident& i, const std::string& who) override { write(), inner_->save_incident(i, who); }
    void delete_incident(const std::string& id, const std::string& who) override { write(), inner_->delete_incident(id, who); }
    void save_meeting(const Meeting& m, const std::string& who) override { write(), inner_->save_meeting(m, who); }
    std::vector<Meeting> meetings(const std::string& id) override { return read(), inner_->meetings(id); }
    std::vector<Action> actions(const std::string& id) override { return read(), inner_->actions(id); }
    std::optional<Action> action(const std::string& id) override { return read(), inner_->action(id); }
    void save_action(const Action& a, const std::string& who) override { write(), inner_->save_action(a, who); }
    void delete_action(const std::string& id, const std::string& who) override { write(), inner_->delete_action(id, who); }
    std::vector<ActionUpdate> action_updates(const std::string& id) override { return read(), inner_->action_updates(id); }
    void save_action_update(const ActionUpdate& u, const std::string& who) override { write(), inner_->save_action_update(u, who); }
    std::vector<Action> all_actions() override { return read(), inner_->all_actions(); }
    std::vector<ActionUpdate> all_action_updates() override { return read(), inner_->all_action_updates(); }
    std::vector<Member> all_members() override { return read(), inner_->all_members(); }
    std::vector<Meeting> all_meetings() override { return read(), inner_->all_meetings(); }
    std::optional<RecordHead> head(Kind k, const std::string& id) override { return read(), inner_->head(k, id); }
    std::vector<Change> changes(const std::string& e, const std::string& id) override { return read(), inner_->changes(e, id); }
    void export_each(const std::optional<std::string>& id, RecordSink& sink) override { read(), inner_->export_each(id, sink); }
    void insert_dataset(const Dataset& d) override { write(), inner_->insert_dataset(d); }
    std::int64_t begin_import(const std::string& file, const std::string& who, std::int64_t n) override {
        return write(), inner_->begin_import(file, who, n);
    }
    void put_imported(ImportedRecord r, bool replace, std::int64_t id) override { write(), inner_->put_imported(r, replace, id); }
    void finish_import(std::int64_t id, const ImportSummary& s) override { write(), inner_->finish_import(id, s); }
    ind::Facts facts(const ind::FactsQuery& q) override { return read(), inner_->facts(q); }
    void rebuild_summaries() override { inner_->rebuild_summaries(); }
    StoreCounts counts() override { return read(), inner_->counts(); }
    std::int64_t count(Kind k) override { return read(), inner_->count(k); }
    std::optional<std::string> legacy_setting(std::string_view key) override { return read(), inner_->legacy_setting(key); }

private:
    static void damaged() { throw DatabaseError(11, "the database is damaged; run `teamspiegel check`", "database disk image is malformed"); }
    void read() const {
        if (fail_reads) damaged();
    }
    void write() const {
        if (fail_writes) damaged();
    }
    std::unique_ptr<Store> inner_;
};

struct Failing {
    FailingStore* store;
    UiHarness harness;
    explicit Failing(bool fail_from_start) : Failing(make(fail_from_start)) {}

private:
    explicit Failing(std::unique_ptr<FailingStore> s) : store(s.get()), harness(std::move(s)) {}
    static std::unique_ptr<FailingStore> make(bool fail_from_start) {
        auto s = std::make_unique<FailingStore>(open_sqlite_store(":memory:"));
        s->fail_reads = fail_from_start;
        return s;
    }
};

}  // namespace

TEST_CASE("a store that fails when the window opens gives the failure screen, and try again recovers", "[screens][failure]") {
    Failing f(true);
    UiHarness& h = f.harness;
    REQUIRE_NOTHROW(h.frame(2));
    CHECK_THAT(h.shell().failure(), Catch::Contains(":memory:: the database is damaged; run `teamspiegel check`"));
    CHECK(ui::probed("failure.message"));
    CHECK(ui::probed("failure.retry"));
    CHECK_FALSE(ui::probed("nav.settings"));

    // Still failing: try again shows the failure again, and nothing stops.
    REQUIRE_NOTHROW(h.click("failure.retry"));
    REQUIRE_NOTHROW(h.frame());
    CHECK_FALSE(h.shell().failure().empty());

    f.store->fail_reads = false;
    h.click("failure.retry");
    ui::clear_probes();
    h.frame(2);
    CHECK(h.shell().failure().empty());
    CHECK(h.shell().screen() == ui::ScreenId::welcome);
    CHECK(ui::probed("welcome.create"));
    CHECK(ui::probed("nav.settings"));
}

TEST_CASE("an exception in the middle of drawing a screen ends the frame cleanly and shows the failure", "[screens][failure]") {
    Failing f(false);
    UiHarness& h = f.harness;
    h.frame(2);
    h.shell().show(ui::ScreenId::settings);
    h.frame(2);
    REQUIRE(h.shell().failure().empty());

    // The settings screen asks for the database's name inside the window, its content child
    // and whatever they pushed: all of it must be ended for ImGui to finish the frame.
    f.store->fail_path = true;
    for (int i = 0; i < 3; ++i) REQUIRE_NOTHROW(h.frame());
    CHECK(h.shell().failure() == "the settings screen could not read the database's name");
    ImGuiContext* g = ImGui::GetCurrentContext();
    REQUIRE(g != nullptr);
    CHECK(ImGui::GetDrawData()->TotalVtxCount > 100);  // the failure screen was drawn

    f.store->fail_path = false;
    h.click("failure.retry");
    ui::clear_probes();
    h.frame(2);
    CHECK(h.shell().failure().empty());
    CHECK(h.shell().screen() == ui::ScreenId::settings);
    CHECK(ui::probed("nav.settings"));

    // The quit button asks the window to close.
    f.store->fail_path = true;
    h.frame(2);
    CHECK_FALSE(h.shell().take_quit_request());
    h.click("failure.quit");
    CHECK(h.shell().take_quit_request());
}

TEST_CASE("a preference that cannot be stored is shown, and holds for now", "[screens][failure]") {
    Failing f(false);
    UiHarness& h = f.harness;
    h.frame(2);
    h.own_preferences().fail_writes = true;
    REQUIRE_NOTHROW(h.shell().set_zoom_pct(140));  // as Ctrl+ from a GLFW key callback does
    REQUIRE_NOTHROW(h.shell().set_theme(ui::Theme::dark));
    REQUIRE_NOTHROW(h.frame(2));
    CHECK(h.shell().prefs().zoom_pct == 140);
    CHECK(h.shell().prefs().theme == ui::Theme::dark);
    CHECK(h.shell().failure().empty());
}

// Saves are carried out after the frame (request::Write); what the store refuses goes back to
// the form, which stays open with what was typed, and the next try saves it.
TEST_CASE("a save the store refuses stays in its form with the reason, and saves on the next try", "[shell][failure][requests]") {
    Failing f(false);
    UiHarness& h = f.harness;
    DemoOptions o;
    o.teams = 1;
    o.years = 1;
    o.end = Date{2026, 3, 1};  // before the pinned "now"
    h.store().insert_dataset(generate_demo(o));
    h.frame(2);
    h.shell().apply(ui::request::ChooseMember{h.shell().model().members().front().id});
    h.click("nav.measures");
    h.frame(2);  // the list settles its column widths in its first frames
    h.click("measures.row.0");
    REQUIRE(h.shell().measures_screen().form_open());
    h.click("measures.field.notes");
    h.press(h.key(ImGuiKey_End), true);
    h.type(" Nagesproken.");

    f.store->fail_writes = true;
    h.click("measures.save");
    h.frame();
    CHECK(h.shell().failure().empty());
    CHECK(h.shell().measures_screen().form_open());
    CHECK(h.shows("the database is damaged"));
    for (const Measure& m : h.store().measures(h.shell().model().team_id())) CHECK_FALSE(m.notes.ends_with(" Nagesproken."));

    f.store->fail_writes = false;
    h.click("measures.save");
    h.frame();
    CHECK_FALSE(h.shell().measures_screen().form_open());
    int saved = 0;
    for (const Measure& m : h.store().measures(h.shell().model().team_id())) saved += m.notes.ends_with(" Nagesproken.");
    CHECK(saved == 1);
}
