// Language, theme, zoom, full screen, and where the data lives.
#include "core/pin.hpp"
#include "core/time.hpp"
#include "report/exchange.hpp"
#include "ui/layout.hpp"
#include "ui/probe.hpp"
#include "ui/screen_settings.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace ts::ui {

namespace {

// A file path field: 28 em, less when that leaves no room for its button on the same line at a
// large zoom, but never under 10 em.
float path_width(const char* button_label) {
    const float room = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x - button_width(button_label);
    return std::max(em(10), std::min(em(28), room));
}

}  // namespace

void SettingsScreen::draw(Ctx& ctx) {
    heading(ctx.fonts, tr("nav.settings"));
    const Shell& shell = ctx.shell;
    const Prefs& prefs = shell.prefs();

    subheading(ctx.fonts, tr("settings.language"));
    if (ImGui::RadioButton("Nederlands###ui_nl", prefs.lang == Lang::nl)) ctx.post(request::SetLanguage{Lang::nl});
    ImGui::SameLine(0, em(1.5f));
    if (ImGui::RadioButton("English###ui_en", prefs.lang == Lang::en)) ctx.post(request::SetLanguage{Lang::en});
    ImGui::Dummy(em(0, 0.5f));

    subheading(ctx.fonts, tr("settings.theme"));
    if (ImGui::RadioButton(label("settings.theme.light", "theme_light").c_str(), prefs.theme == Theme::light))
        ctx.post(request::SetTheme{Theme::light});
    ImGui::SameLine(0, em(1.5f));
    if (ImGui::RadioButton(label("settings.theme.dark", "theme_dark").c_str(), prefs.theme == Theme::dark))
        ctx.post(request::SetTheme{Theme::dark});
    ImGui::Dummy(em(0, 0.5f));

    subheading(ctx.fonts, tr("settings.zoom"));
    if (ImGui::Button("−###s_zoom_out", em(2.2f, 0))) ctx.post(request::SetZoom{prefs.zoom_pct - kZoomStep});
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%d %%", prefs.zoom_pct);
    ImGui::SameLine();
    if (ImGui::Button("+###s_zoom_in", em(2.2f, 0))) ctx.post(request::SetZoom{prefs.zoom_pct + kZoomStep});
    ImGui::SameLine();
    if (ImGui::Button(label("settings.zoom.reset", "zoom_reset").c_str())) ctx.post(request::SetZoom{100});
    muted(tr("settings.zoom.hint"));
    ImGui::Dummy(em(0, 0.5f));

    subheading(ctx.fonts, tr("settings.screen"));
    if (ImGui::Button(label(shell.fullscreen() ? "settings.fullscreen.leave" : "settings.fullscreen.enter", "fullscreen").c_str()))
        ctx.post(request::ToggleFullscreen{});
    ImGui::Dummy(em(0, 0.5f));

    draw_exchange(ctx);
    ImGui::Dummy(em(0, 0.5f));

    draw_lock(ctx);
    ImGui::Dummy(em(0, 0.5f));

    subheading(ctx.fonts, tr("settings.data"));
    // Paths wrap at the edge: a long folder name must not push the screen sideways.
    ImGui::TextWrapped("%s %s", tr("settings.database"), ctx.store.path().c_str());
    ImGui::TextWrapped("%s %s", tr("settings.data_folder"), ctx.content.data_dir.c_str());
    const StoreCounts& c = ctx.model.counts();
    ImGui::TextWrapped("%s", trf("settings.counts", {trn("count.teams", c.teams), trn("count.youths", c.youths),
                                                   trn("count.measures", c.measures), trn("count.incidents", c.incidents),
                                                   trn("count.meetings", c.meetings), trn("count.actions", c.actions)})
                               .c_str());
}

// Who is at the keyboard and the lock of the shared screen: preferences of this machine.
void SettingsScreen::draw_lock(Ctx& ctx) {
    const Shell& shell = ctx.shell;
    const Prefs& prefs = shell.prefs();
    subheading(ctx.fonts, tr("settings.lock"));
    muted(tr("settings.lock_hint"));
    const float field_x = em(19);
    // The fields line up after the labels, or go under them when a large zoom leaves no room.
    const bool one_line = ImGui::GetContentRegionAvail().x >= field_x + em(20);
    const auto after_label = [&] {
        if (one_line) ImGui::SameLine(field_x);
    };
    for (const bool lock : {false, true}) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextWrapped("%s", tr(lock ? "settings.lock_idle" : "settings.who_idle"));
        after_label();
        int minutes = lock ? prefs.lock_idle_min : prefs.who_idle_min;
        ImGui::SetNextItemWidth(em(8));
        if (ImGui::InputInt(lock ? "##lock_idle" : "##who_idle", &minutes, 5, 30))
            ctx.post(request::SetIdleMinutes{lock, std::clamp(minutes, 0, kIdleMinMax)});
        probe(lock ? "settings.lock_idle" : "settings.who_idle");
        flow(text_width(tr("settings.minutes_never")));
        ImGui::TextUnformatted(tr("settings.minutes_never"));
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextWrapped("%s", tr(shell.pin_set() ? "settings.pin_is_set" : "settings.pin_not_set"));
    after_label();
    ImGui::SetNextItemWidth(em(8));
    ImGui::InputTextWithHint("##pin", tr("settings.pin_hint"), &pin_, ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal);
    probe("settings.pin");
    const std::string set_label = label("settings.pin_set", "pin_set"), remove_label = label("settings.pin_remove", "pin_remove");
    flow(button_width(set_label.c_str()));
    if (ImGui::Button(set_label.c_str())) {
        // Checked here, so that a bad PIN is named and nothing changes.
        if (auto problem = pin_problem(pin_)) {
            pin_problem_ = *problem;
        } else {
            pin_problem_.clear();
            ctx.post(request::SetPin{pin_});
            pin_.clear();
        }
    }
    probe("settings.pin_set");
    if (shell.pin_set()) {
        flow(button_width(remove_label.c_str()));
        if (ImGui::Button(remove_label.c_str())) {
            pin_problem_.clear();
            ctx.post(request::SetPin{""});
        }
        probe("settings.pin_remove");
    }
    if (!pin_problem_.empty()) notice(Tone::bad, tr(pin_problem_));
}

// Bundles: the same export and import as `teamspiegel export` / `teamspiegel import`.
void SettingsScreen::draw_exchange(Ctx& ctx) {
    subheading(ctx.fonts, tr("settings.exchange"));
    muted(tr("settings.exchange_hint"));
    const Team* team = ctx.model.current_team();
    if (export_path_.empty()) {
        const char* home = std::getenv("HOME");
        std::string name = team && !export_all_teams_ ? team->name : std::string("teamspiegel");
        for (char& c : name)
            if (c == ' ' || c == '/') c = '-';
        export_path_ = std::string(home && *home ? home : ".") + "/" + name + "-" + format_date(local_date(now_unix())) + ".json";
    }
    // Labels in one column, fields and buttons lined up after it.
    const float field_x = em(8.5f);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("settings.export_file"));
    ImGui::SameLine(field_x);
    const std::string export_label = label("settings.export", "export");
    ImGui::SetNextItemWidth(path_width(export_label.c_str()));
    ImGui::InputText("##export_path", &export_path_);
    probe("settings.export_path");
    flow(button_width(export_label.c_str()));
    const bool do_export = ImGui::Button(export_label.c_str());
    probe("settings.export");
    // Under the path, one option a line, so that long labels fit at any zoom. How much of who is
    // who the file keeps: radio buttons, so the choice is visible at once.
    const auto indent = [&] { ImGui::SetCursorPosX(ImGui::GetCursorPosX() + field_x - ImGui::GetStyle().WindowPadding.x); };
    if (team) {
        indent();
        wrapped_checkbox("export_all", tr("settings.export_all"), &export_all_teams_);
    }
    for (const auto& [level, key] : {std::pair{Anonymize::none, "settings.anonymize.none"},
                                     std::pair{Anonymize::pseudonyms, "settings.anonymize.pseudonyms"},
                                     std::pair{Anonymize::external, "settings.anonymize.external"}}) {
        indent();
        if (wrapped_radio(key, tr(key), anonymize_ == level)) anonymize_ = level;
    }
    if (do_export) {
        try {
            std::optional<std::string> name;
            if (team && !export_all_teams_) name = team->name;
            const std::size_t n = export_bundle(ctx.store, name, anonymize_, export_path_);
            result_tone_ = Tone::ok;
            result_ = trn("settings.exported", static_cast<long long>(n), {export_path_});
        } catch (const std::exception& e) {
            result_tone_ = Tone::bad;
            result_ = e.what();
        }
    }

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("settings.import_file"));
    ImGui::SameLine(field_x);
    const std::string import_label = label("settings.import", "import");
    ImGui::SetNextItemWidth(path_width(import_label.c_str()));
    ImGui::InputTextWithHint("##import_path", tr("settings.import_hint"), &import_path_);
    probe("settings.import_path");
    flow(button_width(import_label.c_str()));
    if (ImGui::Button(import_label.c_str()) && !import_path_.empty()) {
        // Imported after the frame, like every write.
        auto sum = std::make_shared<ImportSummary>();
        ctx.post(request::Write{[sum, &content = ctx.content, path = import_path_](Store& store) {
                                    try {
                                        *sum = import_bundle_file(store, content, path);
                                    } catch (const ExchangeError& e) {
                                        throw StoreError(e.what());
                                    }
                                },
                                [this, sum](const StoreError* refused, Requests&) {
                                    if (refused) {
                                        // One line naming the file, the record and the field; nothing was changed.
                                        result_tone_ = Tone::bad;
                                        result_ = refused->what() + std::string("  ") + tr("settings.import_nothing_changed");
                                        return;
                                    }
                                    result_tone_ = Tone::ok;
                                    result_ = trf("settings.imported", {std::to_string(sum->inserted), std::to_string(sum->updated),
                                                                        std::to_string(sum->unchanged)});
                                }});
    }
    probe("settings.import");
    if (!result_.empty()) notice(result_tone_, result_.c_str());
}

}  // namespace ts::ui
