#include "app/cli.hpp"

#include "app/data_dir.hpp"
#include "app/screenshot.hpp"
#include "app/window.hpp"
#include "core/memory.hpp"
#include "core/bundle.hpp"
#include "core/content.hpp"
#include "core/demo.hpp"
#include "core/uuid.hpp"
#include "report/exchange.hpp"
#include "report/figures_report.hpp"
#include "report/html.hpp"
#include "report/minutes.hpp"
#include "report/output_file.hpp"
#include "report/report_document.hpp"
#include "report/xlsx.hpp"
#include "store/store.hpp"
#include "ui/shell.hpp"

#include <array>
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <new>
#include <optional>
#include <regex>

#ifndef TEAMSPIEGEL_VERSION
#define TEAMSPIEGEL_VERSION "0.0.0"
#endif

namespace fs = std::filesystem;

namespace ts::app {
namespace {

constexpr int kOk = 0, kError = 1, kUsage = 2;

// "1 team", "2 teams": a count with an English noun (every noun here takes an s).
std::string counted(long long n, const char* noun) { return std::to_string(n) + " " + noun + (n == 1 ? "" : "s"); }

int error(const std::string& message) {
    std::cerr << "teamspiegel: error: " << message << "\n";
    return kError;
}

int usage(const std::string& message) {
    std::cerr << "teamspiegel: " << message << "\nRun 'teamspiegel --help' for usage.\n";
    return kUsage;
}

// Loads data/ or explains what is wrong with it.
std::optional<Content> load_data() {
    const std::string dir = find_data_dir();
    if (dir.empty()) {
        std::cerr << "teamspiegel: error: data folder not found (set TEAMSPIEGEL_DATA to the folder with guideline.json)\n";
        return std::nullopt;
    }
    try {
        return load_content(dir);
    } catch (const JsonError& e) {
        std::cerr << "teamspiegel: error: " << e.what() << "\n";
        return std::nullopt;
    }
}

// The window, demo, import and screenshot open with OpenMode::create; the read-only commands
// (export, report, minutes) with OpenMode::read_only, which creates nothing.
std::unique_ptr<Store> open_store(const std::string& path, OpenMode mode) {
    try {
        return open_sqlite_store(path, mode);
    } catch (const StoreError& e) {
        std::cerr << "teamspiegel: error: " << e.what() << "\n";
        return nullptr;
    }
}

int cmd_check(const std::string& db_path, bool repair) {
    if (repair) {
        // Makes again what the store derives from the records (the packed months of measures),
        // then checks as usual. It writes, so it opens the file as the window does.
        auto store = open_store(db_path, OpenMode::create);
        if (!store) return kError;
        store->rebuild_summaries();
        std::cout << db_path << ": packed the measures and incidents of every month and the actions of every team again\n";
    }
    const CheckReport r = check_database(db_path);
    if (!r.ok) {
        for (const auto& p : r.problems) std::cerr << "teamspiegel: error: " << p << "\n";
        return kError;
    }
    const StoreCounts& c = r.counts;
    std::cout << db_path << ": ok (schema " << r.schema_version << "; " << counted(c.teams, "team") << ", "
              << counted(c.members, "member") << ", " << counted(c.youths, "youth") << ", " << counted(c.measures, "measure") << ", "
              << counted(c.incidents, "incident") << ", " << counted(c.meetings, "meeting") << ", " << counted(c.actions, "action")
              << ")\n";
    return kOk;
}

int cmd_import(const std::string& db_path, const std::string& file) {
    auto content = load_data();
    if (!content) return kError;
    // The bundle is read as it is imported, record by record. A bad bundle changes nothing: the
    // import is one transaction, and a database this import created is removed again.
    std::error_code ec;
    const bool existed = fs::exists(db_path, ec) || ec;
    std::string failure;
    const auto done = [&](const ImportSummary& s) {
        std::cout << "imported " << file << ": " << s.inserted << " inserted, " << s.updated << " updated, " << s.unchanged << " unchanged\n";
        return kOk;
    };
    if (!existed) {
        // A new database is filled beside its path and linked into place when whole (store.hpp).
        try {
            ImportSummary s;
            if (fill_new_sqlite_database(db_path, [&](Store& store) { s = import_bundle_file(store, *content, file); })) return done(s);
        } catch (const ExchangeError& e) {
            return error(e.what());
        } catch (const StoreError& e) {
            return error(e.what());
        }
    }
    {
        auto store = open_store(db_path, OpenMode::create);
        if (!store) return kError;
        try {
            return done(import_bundle_file(*store, *content, file));
        } catch (const ExchangeError& e) {
            failure = e.what();
        }
    }
    if (!existed)
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db_path + suffix, ec);
    return error(failure);
}

int cmd_export(const std::string& db_path, const std::optional<std::string>& team, Anonymize level, const std::string& out) {
    // The content is not needed to write a bundle, but loading it first means a broken
    // installation is reported the same way by every command that touches data.
    if (!load_data()) return kError;
    auto store = open_store(db_path, OpenMode::read_only);
    if (!store) return kError;
    try {
        const std::size_t records = export_bundle(*store, team, level, out);
        if (!out.empty() && out != "-")
            std::cout << "exported " << counted(static_cast<long long>(records), "record") << (level == Anonymize::none ? "" : level == Anonymize::external ? " (anonymized for outside the organisation)" : " (anonymized)") << " to " << out << "\n";
        return kOk;
    } catch (const ExchangeError& e) {
        return error(e.what());
    }
}

// The flags of `report` as typed; checked by cmd_report.
struct ReportFlags {
    std::string kind, team, from, to, by, format = "json", out, lang = "nl";
    bool has_team = false, has_from = false, has_to = false, has_by = false, has_out = false, has_lang = false;
    bool with_details = false;
};

// Wall time of the steps of a command, printed to stderr as one line when asked for:
// "timing: content 9.1 ms, open 0.4 ms, …, total 61.0 ms".
class Stopwatch {
public:
    explicit Stopwatch(bool on) : on_(on), start_(std::chrono::steady_clock::now()), last_(start_) {}
    void lap(const char* what) {
        if (!on_) return;
        const auto now = std::chrono::steady_clock::now();
        laps_.emplace_back(what, std::chrono::duration<double, std::milli>(now - last_).count());
        last_ = now;
    }
    void print() const {
        if (!on_) return;
        std::string line = "timing:";
        char buf[64];
        for (const auto& [what, ms] : laps_) {
            std::snprintf(buf, sizeof buf, " %s %.1f ms,", what, ms);
            line += buf;
        }
        std::snprintf(buf, sizeof buf, " total %.1f ms", std::chrono::duration<double, std::milli>(last_ - start_).count());
        std::cerr << line << buf << "\n";
    }

private:
    bool on_;
    std::chrono::steady_clock::time_point start_, last_;
    std::vector<std::pair<const char*, double>> laps_;
};

int cmd_report(const std::string& db_path, const ReportFlags& f) {
    report::ReportRequest req;
    req.kind = *report::report_kind_from_string(f.kind);  // CLI::IsMember checked it
    if (f.has_team) {
        if (f.team.empty()) return usage("--team: expected a team name");
        req.team_name = f.team;
    }
    std::optional<Date> from, to;
    if (f.has_from && !(from = parse_date(f.from)))
        return usage("--from: expected a date YYYY-MM-DD, got \"" + f.from + "\"");
    if (f.has_to && !(to = parse_date(f.to))) return usage("--to: expected a date YYYY-MM-DD, got \"" + f.to + "\"");
    const ind::Clock clock = ind::Clock::at(now_unix());
    req.period = report::report_period(from, to, clock.today);
    // The manager overview's default: this quarter so far, as on the screen.
    if (req.kind == report::ReportKind::teams && !from && !to) req.period = ind::quarter_so_far(clock.today);
    if (!(req.period.from < req.period.to))
        return usage("--from: " + format_date(req.period.from) +
                     (to ? " is not before --to " + format_date(*to) + " (--to is the first day after the period)"
                         : " is after today (without --to the period ends today)"));
    if (f.has_by && req.kind == report::ReportKind::teams)
        return usage("--by: the teams report has one row per team for the whole period; leave out --by");
    if (f.has_by) {
        const auto by = ind::split_from_string(f.by);
        if (!by) return usage("--by: expected month, quarter or year, got \"" + f.by + "\"");
        req.by = *by;
    }
    if (f.format != "json" && f.format != "csv" && f.format != "xlsx" && f.format != "html")
        return usage("--format: expected json, csv, xlsx or html, got \"" + f.format + "\"");
    if (f.has_out && f.out.empty()) return usage("--out: expected a file name");
    const bool for_people = f.format == "xlsx" || f.format == "html";
    if (f.format == "xlsx" && (f.out.empty() || f.out == "-"))
        return usage("--format xlsx: needs --out FILE.xlsx (a workbook is not written to standard output)");
    // JSON and CSV are the figures for programs: the records behind them, with youth codes and
    // free text, only go into the documents people read (and keep) on purpose.
    if (f.with_details && !for_people)
        return usage("--with-details: only with --format xlsx or html (JSON and CSV hold the figures only)");
    const auto lang = lang_from_string(f.lang);
    if (!lang) return usage("--lang: expected nl or en, got \"" + f.lang + "\"");
    if (f.has_lang && !for_people) return usage("--lang: only with --format xlsx or html (JSON and CSV use keys, not words)");

    // TEAMSPIEGEL_TIMING=1 prints where the report's time went (bench/report.sh reads it).
    Stopwatch watch(std::getenv("TEAMSPIEGEL_TIMING") != nullptr);
    auto content = load_data();
    if (!content) return kError;
    watch.lap("content");
    auto store = open_store(db_path, OpenMode::read_only);
    if (!store) return kError;
    watch.lap("open");
    try {
        // The facts, and the rows counted: too many are refused before anything is written.
        const report::ReportFacts facts = report::read_report_facts(*store, *content, req);
        const report::ReportRows rows(facts.facts, *content, req.kind, facts.team, req.period, req.by, clock);
        watch.lap("facts");
        const bool to_stdout = f.out.empty() || f.out == "-";
        if (for_people) {
            // The table, then a document of it (sections per team, charts, about), then the file.
            const report::FiguresTable table = rows.table();
            watch.lap("figures");
            report::ReportDocumentOptions opt;
            opt.lang = *lang;
            if (facts.team) opt.team = facts.facts.teams[*facts.team].name;
            opt.source = std::filesystem::path(db_path).filename().string();
            report::Document doc = report::report_document(table, *content, opt);
            if (f.with_details) report::add_details(doc, *store, *content, req);
            watch.lap("document");
            if (f.format == "xlsx") {
                report::write_xlsx(doc, f.out);
            } else if (to_stdout) {
                std::cout << report::to_html(doc) << std::flush;
                if (!std::cout) throw OutputError("standard output", "cannot be written");
            } else {
                report::write_html(doc, f.out);
            }
            watch.lap("write");
        } else if (f.format == "csv") {
            // CSV through the table (its rows are short), whole.
            const report::FiguresTable table = rows.table();
            watch.lap("figures");
            const std::string text = report::to_csv(table);
            watch.lap("format");
            if (to_stdout) {
                std::cout << text << std::flush;
                if (!std::cout) throw OutputError("standard output", "cannot be written");
            } else {
                write_output_file(f.out, text);
            }
            watch.lap("write");
        } else if (to_stdout) {
            // JSON is written while the rows are made ("rows": the figures, their text and its
            // writing), never held whole.
            rows.write_json([](std::string_view chunk) {
                std::cout.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
                if (!std::cout) throw OutputError("standard output", "cannot be written");
            });
            watch.lap("rows");
            if (!std::cout.flush()) throw OutputError("standard output", "cannot be written");
            watch.lap("write");
        } else {
            // Into a temporary file, renamed over --out only when every row is in it.
            OutputFile out(f.out);
            rows.write_json([&out](std::string_view chunk) { out.write(chunk); });
            watch.lap("rows");
            out.commit();
            watch.lap("write");
        }
        watch.print();
        if (!to_stdout)
            std::cout << "wrote the " << f.kind << " report (" << counted(static_cast<long long>(rows.size()), "row") << ") to " << f.out
                      << "\n";
        return kOk;
    } catch (const report::ReportError& e) {
        return error(e.what());
    } catch (const OutputError& e) {
        return error(e.what());
    }
}

// The flags of `minutes` as typed; checked by cmd_minutes.
struct MinutesFlags {
    std::string meeting_id, format = "md", lang = "nl", out;
    bool is_private = false, has_out = false;
};

int cmd_minutes(const std::string& db_path, const MinutesFlags& f) {
    report::MinutesOptions opt;
    if (f.meeting_id.empty()) return usage("MEETING_ID: expected the id of a meeting");
    if (!is_uuid(f.meeting_id))
        return usage("MEETING_ID: expected the id of a meeting (a UUID such as 0f8fad5b-d9cb-469f-a165-70867728950e), got \"" +
                     f.meeting_id + "\"");
    if (f.format == "md" || f.format == "markdown") opt.format = report::MinutesFormat::markdown;
    else if (f.format == "html") opt.format = report::MinutesFormat::html;
    else return usage("--format: expected md or html, got \"" + f.format + "\"");
    const auto lang = lang_from_string(f.lang);
    if (!lang) return usage("--lang: expected nl or en, got \"" + f.lang + "\"");
    opt.lang = *lang;
    opt.private_mode = f.is_private;
    if (f.has_out && f.out.empty()) return usage("--out: expected a file name");

    auto content = load_data();
    if (!content) return kError;
    auto store = open_store(db_path, OpenMode::read_only);
    if (!store) return kError;
    try {
        const report::MinutesData data = report::read_minutes_data(*store, f.meeting_id);
        if (f.out.empty() || f.out == "-") {
            std::cout << report::make_minutes(data, *content, opt) << std::flush;
            if (!std::cout) throw OutputError("standard output", "cannot be written");
            return kOk;
        }
        if (const auto problem = report::export_minutes(data, *content, opt, f.out)) return error(*problem);
        std::cout << "wrote the minutes of " << data.team.name << ", " << data.meeting.held_on
                  << (f.is_private ? " (private)" : "") << " to " << f.out << "\n";
        return kOk;
    } catch (const report::MinutesError& e) {
        return error(e.what());
    } catch (const OutputError& e) {
        return error(e.what());
    }
}

// The commands; `db_path` is set as soon as it is known, so that run_cli can name the file in a
// database error that reaches it.
int run_commands(int argc, char** argv, std::string& db_path) {
    CLI::App app{"Teamspiegel — reflection meetings for teams in residential youth care.\n"
                 "Without a command it opens the program's window.",
                 "teamspiegel"};
    app.set_version_flag("--version", std::string("teamspiegel ") + TEAMSPIEGEL_VERSION);
    app.footer("Exit codes: 0 success, 1 data or runtime error, 2 usage error.\n"
               "Default database: $TEAMSPIEGEL_DB, else $XDG_DATA_HOME/teamspiegel/teamspiegel.db,\n"
               "else ~/.local/share/teamspiegel/teamspiegel.db.");
    int frames = 0;
    app.add_option("--db", db_path, "Database file (created if missing; export and check never create one)")->type_name("PATH");
    app.add_option("--frames", frames, "Quit the window after N frames (smoke tests)")
        ->type_name("N")
        ->check(CLI::Range(1, 1000000).description(""));

    CLI::App* check = app.add_subcommand("check", "Check the database: is it a Teamspiegel file, is it intact");
    bool repair = false;
    check->add_flag("--repair", repair, "First make again what is derived from the records (the packed months of measures)");

    CLI::App* demo = app.add_subcommand("demo", "Fill the database with synthetic demo data (deterministic for a seed)");
    DemoOptions demo_opt;
    demo->add_option("--teams", demo_opt.teams,
                     "Number of teams (1-" + std::to_string(kDemoMaxTeams) + ", default 4; 40 teams over 10 years give about 200,000 measures)")
        ->type_name("N")
        ->check(CLI::Range(1, kDemoMaxTeams).description(""));
    demo->add_option("--years", demo_opt.years, "Years of history up to today (1-" + std::to_string(kDemoMaxYears) + ", default 2)")
        ->type_name("N")
        ->check(CLI::Range(1, kDemoMaxYears).description(""));
    demo->add_option("--seed", demo_opt.seed, "Random seed (default 1)")->type_name("N");
    demo->add_option("--scale", demo_opt.scale,
                     "Places per team times N (1-" + std::to_string(kDemoMaxScale) +
                         ", default 1): youths, measures and incidents grow N-fold, meetings and actions stay; "
                         "--teams 40 --years 10 --scale 10 is about national scale")
        ->type_name("N")
        ->check(CLI::Range(1, kDemoMaxScale).description(""));

    CLI::App* shot = app.add_subcommand("screenshot", "Render a screen off-screen and write it as PNG (needs a display, e.g. Xvfb)");
    std::string screen, out, size = "1920x1080";
    shot->add_option("--screen", screen, "Screen: " + ui::screen_names() +
                                             ", measure-form, incident-form, action-form, meeting-start, actions-all (meeting: the presenter "
                                             "view of a meeting; meeting-start: the page that starts one; actions-all: the actions of all teams)")->required()->type_name("NAME");
    shot->add_option("--out", out, "PNG file to write")->required()->type_name("FILE.png");
    shot->add_option("--size", size, "Size in pixels (default 1920x1080)")->type_name("WxH");
    int shot_zoom = 100;
    shot->add_option("--zoom", shot_zoom, "Zoom in percent, as the window's zoom buttons set it (50-300, default 100)")
        ->type_name("PCT")
        ->check(CLI::Range(ui::kZoomMin, ui::kZoomMax).description(""));
    std::string shot_lang = "nl";
    shot->add_option("--lang", shot_lang, "Language of the screen: nl (default) or en")->type_name("nl|en");
    std::string shot_values;
    shot->add_option("--values", shot_values, "Also write the values the screen showed by name (the manager overview's cells) as JSON")
        ->type_name("FILE.json");
    std::string shot_meeting;
    int shot_step = 0;
    shot->add_option("--meeting", shot_meeting, "With --screen meeting: the meeting's id (default: the newest meeting)")
        ->type_name("MEETING_ID");
    shot->add_option("--step", shot_step, "With --screen meeting: the step shown, from 1 as the number keys count (default: where it was left)")
        ->type_name("N")
        ->check(CLI::Range(1, 99).description(""));

    CLI::App* import_cmd = app.add_subcommand("import", "Merge a bundle (JSON) into the database: all records or none");
    std::string import_file;
    import_cmd->add_option("BUNDLE", import_file, "Bundle file to read")->required()->type_name("BUNDLE.json");

    CLI::App* export_cmd = app.add_subcommand("export", "Write the records of one team or all teams as a bundle (JSON)");
    std::string export_team, export_out;
    std::string anonymize = "none";
    export_cmd->add_option("--team", export_team, "Only this team (default: all teams)")->type_name("NAME");
    export_cmd
        ->add_option("--anonymize", anonymize,
                     "Leave out free text and replace youth codes by pseudonyms (LEVEL pseudonyms, the default), or "
                     "also every record id and staff name, for bundles that leave the organisation (LEVEL external)")
        ->expected(0, 1)
        ->default_str("pseudonyms")
        ->check(CLI::IsMember({"pseudonyms", "external"}))
        ->option_text("[=LEVEL]");
    export_cmd->add_option("--out", export_out, "File to write (default: standard output)")->type_name("FILE");

    CLI::App* report_cmd = app.add_subcommand(
        "report", "Write the figures of measures, incidents, actions, the guideline or every team (JSON, CSV, XLSX or HTML)");
    ReportFlags rf;
    report_cmd->add_option("REPORT", rf.kind, "Which figures")
        ->required()
        ->type_name("REPORT")
        ->check(CLI::IsMember({"measures", "incidents", "actions", "guideline", "teams"}));
    report_cmd->add_option("--team", rf.team, "Only this team (default: every team, then all together)")->type_name("NAME");
    report_cmd->add_option("--from", rf.from, "First day of the period (default: a year before --to)")->type_name("YYYY-MM-DD");
    report_cmd->add_option("--to", rf.to, "The day after the period (default: tomorrow)")->type_name("YYYY-MM-DD");
    report_cmd->add_option("--by", rf.by, "A row per month, quarter or year (default: one row for the period)")->type_name("month|quarter|year");
    report_cmd
        ->add_option("--format", rf.format,
                     "json (default) or csv: the figures for programs; xlsx (a workbook, needs --out) or html (one page "
                     "per team with charts, to print on A4): for people")
        ->type_name("json|csv|xlsx|html");
    report_cmd->add_option("--lang", rf.lang, "With xlsx or html: the language of the words, nl (default) or en")->type_name("nl|en");
    report_cmd->add_flag("--with-details", rf.with_details,
                         "With xlsx or html: add the records behind the figures (youth codes and free text; "
                         "without it an export holds neither)");
    report_cmd->add_option("--out", rf.out, "File to write (default: standard output; required for xlsx)")->type_name("FILE");

    CLI::App* minutes_cmd = app.add_subcommand("minutes", "Write the minutes of a meeting (Markdown or print-ready HTML)");
    MinutesFlags mf;
    minutes_cmd->add_option("MEETING_ID", mf.meeting_id, "The meeting's id (as in an exported bundle)")->required()->type_name("MEETING_ID");
    minutes_cmd->add_option("--format", mf.format, "md (Markdown, the default) or html (one page to print on A4)")->type_name("md|html");
    minutes_cmd->add_flag("--private", mf.is_private,
                          "Leave out youth codes (also in the team's notes) and the free text of incidents and measures");
    minutes_cmd->add_option("--lang", mf.lang, "Language of the minutes: nl (default) or en")->type_name("nl|en");
    minutes_cmd->add_option("--out", mf.out, "File to write (default: standard output)")->type_name("FILE");

    app.require_subcommand(0, 1);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        return usage(e.what());
    }

    if (db_path.empty()) db_path = default_database_path();
    if (frames != 0 && !app.get_subcommands().empty())
        return usage("--frames applies to the window only");

    if (check->parsed()) return cmd_check(db_path, repair);
    if (import_cmd->parsed()) return cmd_import(db_path, import_file);
    if (export_cmd->parsed()) {
        if (export_cmd->count("--team") && export_team.empty()) return usage("--team: expected a team name");
        if (export_cmd->count("--out") && export_out.empty()) return usage("--out: expected a file name");
        return cmd_export(db_path, export_cmd->count("--team") ? std::optional<std::string>(export_team) : std::nullopt,
                          *anonymize_from_string(anonymize),
                          export_out);
    }

    if (report_cmd->parsed()) {
        rf.has_team = report_cmd->count("--team") > 0;
        rf.has_from = report_cmd->count("--from") > 0;
        rf.has_to = report_cmd->count("--to") > 0;
        rf.has_by = report_cmd->count("--by") > 0;
        rf.has_out = report_cmd->count("--out") > 0;
        rf.has_lang = report_cmd->count("--lang") > 0;
        return cmd_report(db_path, rf);
    }

    if (minutes_cmd->parsed()) {
        mf.has_out = minutes_cmd->count("--out") > 0;
        return cmd_minutes(db_path, mf);
    }

    if (shot->parsed()) {
        std::smatch m;
        static const std::regex size_re("^([0-9]{2,5})x([0-9]{2,5})$");
        ScreenshotOptions opt;
        opt.screen = screen;
        opt.out = out;
        if (!std::regex_match(size, m, size_re)) return usage("--size: expected WxH such as 1920x1080, got \"" + size + "\"");
        opt.width = std::stoi(m[1]);
        opt.height = std::stoi(m[2]);
        opt.zoom_pct = shot_zoom;
        const auto lang = lang_from_string(shot_lang);
        if (!lang) return usage("--lang: expected nl or en, got \"" + shot_lang + "\"");
        opt.lang = *lang;
        if (opt.width < 320 || opt.height < 240 || opt.width > 7680 || opt.height > 4320)
            return usage("--size: " + size + " is out of range (320x240 to 7680x4320)");
        if (!ui::screen_from_name(screen) && screen != "measure-form" && screen != "incident-form" && screen != "action-form" &&
            screen != "meeting-start" && screen != "actions-all")
            return usage("--screen: unknown screen \"" + screen + "\" (one of: " + ui::screen_names() +
                         ", measure-form, incident-form, action-form, meeting-start, actions-all)");
        if ((!shot_meeting.empty() || shot_step > 0) && screen != "meeting")
            return usage("--meeting and --step go with --screen meeting");
        if (!shot_meeting.empty()) {
            if (!is_uuid(shot_meeting))
                return usage("--meeting: expected the id of a meeting (a UUID), got \"" + shot_meeting + "\"");
            opt.meeting_id = canonical_uuid(shot_meeting);
        }
        opt.step = shot_step;
        opt.values_out = shot_values;
        opt.present = screen == "meeting";
        auto content = load_data();
        if (!content) return kError;
        auto store = open_store(db_path, OpenMode::create);
        if (!store) return kError;
        return run_screenshot(opt, *store, *content);
    }

    if (demo->parsed()) {
        auto store = open_store(db_path, OpenMode::create);
        if (!store) return kError;
        try {
            const Dataset data = generate_demo(demo_opt);
            store->insert_dataset(data);
            std::cout << "teamspiegel: demo data written to " << db_path << ": "
                      << counted(static_cast<long long>(data.teams.size()), "team") << ", "
                      << counted(static_cast<long long>(data.youths.size()), "youth") << ", "
                      << counted(static_cast<long long>(data.measures.size()), "measure") << ", "
                      << counted(static_cast<long long>(data.incidents.size()), "incident") << ", "
                      << counted(static_cast<long long>(data.meetings.size()), "meeting") << ", "
                      << counted(static_cast<long long>(data.actions.size()), "action") << "\n";
            return kOk;
        } catch (const DatabaseError& e) {
            return error(db_path + ": " + e.what() + " (nothing was written)");
        } catch (const StoreError& e) {
            return error(std::string(e.what()) + " (nothing was written)");
        }
    }

    // The GUI.
    auto content = load_data();
    if (!content) return kError;
    auto store = open_store(db_path, OpenMode::create);
    if (!store) return kError;
    return run_gui(GuiOptions{frames}, *store, *content);
}

}  // namespace

// No exception leaves the program: whatever a command did not handle itself ends here as one
// line on stderr and exit code 1, never as `terminate called …` and a core dump.
// Memory kept aside for the way out of an out-of-memory failure, in two blocks. Some destructors
// allocate, and one that finds no memory ends the program with std::terminate instead of the
// one line below (core/memory.hpp). The first failed allocation gets the first block back (a
// large block is its own mapping, so the address space is returned too) and is tried again,
// and the shortage is noted: code that builds large trees of values then throws at its next
// safe point. A second failure gets the second block back and fails as it would, leaving that
// room to the destructors on the way out.
namespace {
std::array<void*, 2> g_reserve{};
void out_of_memory() {
    if (g_reserve[0]) {
        std::free(g_reserve[0]);
        g_reserve[0] = nullptr;
        memory::note_short();
        return;  // operator new tries again
    }
    if (g_reserve[1]) {
        std::free(g_reserve[1]);
        g_reserve[1] = nullptr;
    }
    throw std::bad_alloc();
}
}  // namespace

int run_cli(int argc, char** argv) {
    std::string db_path;
    // Without even this much, nothing below could end cleanly.
    for (void*& block : g_reserve) {
        block = std::malloc(2u << 20);
        if (!block) return error("out of memory");
    }
    std::set_new_handler(out_of_memory);
    try {
        return run_commands(argc, argv, db_path);
    } catch (const std::bad_alloc&) {
        return error("out of memory");
    } catch (const DatabaseError& e) {
        // Damaged, in use, disk full, …: its words do not name the file.
        return error(db_path.empty() ? std::string(e.what()) : db_path + ": " + e.what());
    } catch (const std::exception& e) {
        return error(e.what());
    } catch (...) {
        return error("an unexpected error stopped the program");
    }
}

}  // namespace ts::app
