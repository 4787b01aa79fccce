// Issue 12: every report for one team and a period reads `measure` and `incident` through an
// index, never every row of them. The statements are those the reports really run (caught with
// the store's statement hook), explained on the same database (query_plans.hpp).
#include "report/figures_report.hpp"
#include "report/html.hpp"
#include "report/report_document.hpp"

#include "core/demo.hpp"
#include "query_plans.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace ts;
using namespace ts::report;
using ts::test::check_plans;
using ts::test::describe;
using ts::test::StatementLog;

namespace {

const Content& content() {
    static const Content c = load_content(TEAMSPIEGEL_TEST_DATA_DIR);
    return c;
}

// What `teamspiegel report KIND [--team NAME] --from … --to … [--by month]` reads, in every
// format: JSON and CSV are made from the rows, XLSX and HTML from a document of them, with the
// records behind them (--with-details).
void every_report(Store& store, const std::optional<std::string>& team) {
    const ind::Clock clock = ind::Clock::at(local_midnight(Date{2026, 3, 1}));
    for (ReportKind kind : {ReportKind::measures, ReportKind::incidents, ReportKind::actions, ReportKind::guideline, ReportKind::teams}) {
        for (ind::Split by : {ind::Split::none, ind::Split::month}) {
            if (kind == ReportKind::teams && by != ind::Split::none) continue;
            ReportRequest req;
            req.kind = kind;
            req.team_name = team;
            req.period = {Date{2025, 6, 1}, Date{2026, 3, 1}};
            req.by = by;
            const ReportFacts facts = read_report_facts(store, content(), req);
            const ReportRows rows(facts.facts, content(), kind, facts.team, req.period, by, clock);
            std::string json;
            rows.write_json([&](std::string_view chunk) { json += chunk; });
            CHECK(json.size() > 100);
            const FiguresTable table = rows.table();
            (void)to_csv(table);
            ReportDocumentOptions opt;
            opt.team = team;
            Document doc = report_document(table, content(), opt);
            add_details(doc, store, content(), req);
            CHECK_FALSE(to_html(doc).empty());
        }
    }
}

}  // namespace

TEST_CASE("every report of one team and a period reads measures and incidents through an index", "[plans][perf][report]") {
    test::TempDir dir("ts-plans");
    const std::string path = dir.file("plans.db");
    std::string team;
    {
        auto store = open_sqlite_store(path);
        DemoOptions o;
        o.teams = 3;
        o.years = 2;
        o.seed = 5;
        o.end = Date{2026, 3, 1};
        store->insert_dataset(generate_demo(o));
        team = store->teams().front().name;
    }
    // The statements of every report, as the command line runs them: opened for reading only.
    const auto run_reports = [&] {
        auto store = open_sqlite_store(path, OpenMode::read_only);
        const StatementLog log(*store);
        every_report(*store, team);
        every_report(*store, std::nullopt);  // every team: no full scan there either
        return log.statements();
    };
    const auto check = [&](const char* what, const std::vector<std::string>& statements) {
        INFO(what);
        const test::PlanCheck plans = check_plans(path, statements);
        CHECK(plans.failures == std::vector<std::string>{});  // every statement could be explained
        // The test reads something: at least one statement of the reports reads measures.
        {
            INFO("statements explained:\n" << describe(plans.explained));
            CHECK_FALSE(plans.measure_reads.empty());
        }
        INFO("full scans of measure or incident:\n" << describe(plans.full_scans));
        CHECK(plans.full_scans.empty());
        return plans;
    };
    // The packed months as the program keeps them.
    const std::vector<std::string> packed = run_reports();
    check("packed months", packed);
    // Every month and team marked, as after a change by another program: the facts come from
    // the records themselves (month by month, team by team), the statements that read them most.
    test::exec_on_file(path, "UPDATE measure_month SET facts = NULL, max_end = NULL; UPDATE incident_month SET facts = NULL;"
                             " UPDATE action_team SET facts = NULL;");
    const std::vector<std::string> marked = run_reports();
    CHECK_FALSE(check("marked months", marked).incident_reads.empty());
    // The same plans once ANALYZE has measured the tables (the program never runs it; someone with
    // the sqlite3 shell might). (On a database of one team it may rightly scan: the team's rows
    // are all the rows.)
    test::exec_on_file(path, "ANALYZE");
    check("packed months after ANALYZE", packed);
    check("marked months after ANALYZE", marked);
    // And the check sees a scan: without the teams' indexes of measures and incidents, reading a
    // month of a team's records reads every record.
    test::exec_on_file(path, "DROP INDEX measure_team_start; DROP INDEX incident_team_time;");
    const test::PlanCheck spoiled = check_plans(path, marked);
    const auto scanned = [&](std::string_view part) {
        return std::any_of(spoiled.full_scans.begin(), spoiled.full_scans.end(),
                           [&](const test::Plan& p) { return p.sql.find(part) != std::string::npos; });
    };
    CHECK(scanned("FROM measure WHERE team_id = :team AND started_at >= :from"));
    CHECK(scanned("FROM incident WHERE team_id = :team AND occurred_at >= :from"));
}
