// Language, theme, zoom, full screen, and where the data lives.
#include "ui/screens.hpp"

#include <imgui.h>

namespace ts::ui {

void SettingsScreen::draw(Ctx& ctx) {
    heading(ctx.fonts, tr("nav.settings"));
    Shell& shell = ctx.shell;
    const Prefs& prefs = shell.prefs();

    subheading(ctx.fonts, tr("settings.language"));
    if (ImGui::RadioButton("Nederlands###ui_nl", prefs.lang == Lang::nl)) shell.set_language(Lang::nl);
    ImGui::SameLine(0, em(1.5f));
    if (ImGui::RadioButton("English###ui_en", prefs.lang == Lang::en)) shell.set_language(Lang::en);
    ImGui::Dummy(em(0, 0.5f));

    subheading(ctx.fonts, tr("settings.theme"));
    if (ImGui::RadioButton(label("settings.theme.light", "theme_light").c_str(), prefs.theme == Theme::light))
        shell.set_theme(Theme::light);
    ImGui::SameLine(0, em(1.5f));
    if (ImGui::RadioButton(label("settings.theme.dark", "theme_dark").c_str(), prefs.theme == Theme::dark))
        shell.set_theme(Theme::dark);
    ImGui::Dummy(em(0, 0.5f));

    subheading(ctx.fonts, tr("settings.zoom"));
    if (ImGui::Button("−###s_zoom_out", em(2.2f, 0))) shell.zoom_out();
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%d %%", prefs.zoom_pct);
    ImGui::SameLine();
    if (ImGui::Button("+###s_zoom_in", em(2.2f, 0))) shell.zoom_in();
    ImGui::SameLine();
    if (ImGui::Button(label("settings.zoom.reset", "zoom_reset").c_str())) shell.set_zoom_pct(100);
    muted(tr("settings.zoom.hint"));
    ImGui::Dummy(em(0, 0.5f));

    subheading(ctx.fonts, tr("settings.screen"));
    if (ImGui::Button(label(shell.fullscreen() ? "settings.fullscreen.leave" : "settings.fullscreen.enter", "fullscreen").c_str()))
        shell.request_fullscreen_toggle();
    ImGui::Dummy(em(0, 0.5f));

    subheading(ctx.fonts, tr("settings.data"));
    ImGui::TextUnformatted(tr("settings.database"));
    ImGui::SameLine();
    ImGui::TextUnformatted(ctx.store.path().c_str());
    ImGui::TextUnformatted(tr("settings.data_folder"));
    ImGui::SameLine();
    ImGui::TextUnformatted(ctx.content.data_dir.c_str());
    const StoreCounts& c = ctx.cache.counts;
    ImGui::TextUnformatted(trf("settings.counts", {std::to_string(c.teams), std::to_string(c.youths), std::to_string(c.measures),
                                                   std::to_string(c.incidents), std::to_string(c.meetings), std::to_string(c.actions)})
                               .c_str());
}

}  // namespace ts::ui
