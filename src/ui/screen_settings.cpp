// Language, theme, zoom, full screen, and where the data lives.
#include "core/time.hpp"
#include "report/exchange.hpp"
#include "ui/probe.hpp"
#include "ui/screen_settings.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdlib>

namespace ts::ui {

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

    subheading(ctx.fonts, tr("settings.data"));
    ImGui::TextUnformatted(tr("settings.database"));
    ImGui::SameLine();
    ImGui::TextUnformatted(ctx.store.path().c_str());
    ImGui::TextUnformatted(tr("settings.data_folder"));
    ImGui::SameLine();
    ImGui::TextUnformatted(ctx.content.data_dir.c_str());
    const StoreCounts& c = ctx.model.counts();
    ImGui::TextUnformatted(trf("settings.counts", {trn("count.teams", c.teams), trn("count.youths", c.youths),
                                                   trn("count.measures", c.measures), trn("count.incidents", c.incidents),
                                                   trn("count.meetings", c.meetings), trn("count.actions", c.actions)})
                               .c_str());
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
    ImGui::SetNextItemWidth(em(28));
    ImGui::InputText("##export_path", &export_path_);
    probe("settings.export_path");
    ImGui::SameLine();
    const bool do_export = ImGui::Button(label("settings.export", "export").c_str());
    probe("settings.export");
    // Under the path, one option a line, so that long labels fit at any zoom. How much of who is
    // who the file keeps: radio buttons, so the choice is visible at once.
    const auto indent = [&] { ImGui::SetCursorPosX(ImGui::GetCursorPosX() + field_x - ImGui::GetStyle().WindowPadding.x); };
    if (team) {
        indent();
        ImGui::Checkbox(label("settings.export_all", "export_all").c_str(), &export_all_teams_);
    }
    for (const auto& [level, key] : {std::pair{Anonymize::none, "settings.anonymize.none"},
                                     std::pair{Anonymize::pseudonyms, "settings.anonymize.pseudonyms"},
                                     std::pair{Anonymize::external, "settings.anonymize.external"}}) {
        indent();
        if (ImGui::RadioButton(label(key, key).c_str(), anonymize_ == level)) anonymize_ = level;
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
    ImGui::SetNextItemWidth(em(28));
    ImGui::InputTextWithHint("##import_path", tr("settings.import_hint"), &import_path_);
    probe("settings.import_path");
    ImGui::SameLine();
    if (ImGui::Button(label("settings.import", "import").c_str()) && !import_path_.empty()) {
        try {
            const ImportSummary sum = import_bundle_file(ctx.store, ctx.content, import_path_);
            result_tone_ = Tone::ok;
            result_ = trf("settings.imported", {std::to_string(sum.inserted), std::to_string(sum.updated), std::to_string(sum.unchanged)});
        } catch (const std::exception& e) {
            // One line naming the file, the record and the field; nothing was changed.
            result_tone_ = Tone::bad;
            result_ = e.what() + std::string("  ") + tr("settings.import_nothing_changed");
        }
    }
    probe("settings.import");
    if (!result_.empty()) notice(result_tone_, result_.c_str());
}

}  // namespace ts::ui
