#include "ui/shell.hpp"

#include "ui/probe.hpp"
#include "ui/screens.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace ts::ui {
namespace {

constexpr std::array<std::pair<ScreenId, std::string_view>, 8> kScreenNames{{
    {ScreenId::welcome, "welcome"},
    {ScreenId::meeting, "meeting"},
    {ScreenId::actions, "actions"},
    {ScreenId::incidents, "incidents"},
    {ScreenId::measures, "measures"},
    {ScreenId::overview, "overview"},
    {ScreenId::guideline, "guideline"},
    {ScreenId::settings, "settings"},
}};

// Settings keys in the store.
constexpr const char* kKeyLang = "ui.language";
constexpr const char* kKeyTheme = "ui.theme";
constexpr const char* kKeyZoom = "ui.zoom_pct";
constexpr const char* kKeyTeam = "ui.team";

std::string nav_key(ScreenId id) { return "nav." + std::string(screen_name(id)); }

}  // namespace

std::string_view screen_name(ScreenId id) {
    for (const auto& [s, n] : kScreenNames)
        if (s == id) return n;
    return "?";
}

std::optional<ScreenId> screen_from_name(std::string_view name) {
    for (const auto& [s, n] : kScreenNames)
        if (n == name) return s;
    return std::nullopt;
}

std::string screen_names() {
    std::string out;
    for (const auto& [s, n] : kScreenNames) {
        if (!out.empty()) out += ", ";
        out += n;
    }
    return out;
}

const Team* DataCache::current_team() const {
    for (const auto& t : teams)
        if (t.id == team_id) return &t;
    return nullptr;
}

Shell::Shell(Store& store, const Content& content)
    : store_(store),
      content_(content),
      i18n_(content.translations),
      welcome_(std::make_unique<WelcomeScreen>()),
      meeting_(std::make_unique<MeetingScreen>()),
      actions_(std::make_unique<ActionsScreen>()),
      incidents_(std::make_unique<IncidentsScreen>()),
      measures_(std::make_unique<MeasuresScreen>()),
      overview_(std::make_unique<OverviewScreen>()),
      guideline_(std::make_unique<GuidelineScreen>()),
      settings_(std::make_unique<SettingsScreen>()) {
    // Remembered preferences; unreadable values fall back to the defaults.
    if (auto v = store_.setting(kKeyLang)) prefs_.lang = lang_from_string(*v).value_or(Lang::nl);
    if (auto v = store_.setting(kKeyTheme)) prefs_.theme = theme_from_string(*v).value_or(Theme::light);
    if (auto v = store_.setting(kKeyZoom)) {
        try {
            prefs_.zoom_pct = std::clamp(std::stoi(*v), kZoomMin, kZoomMax);
        } catch (...) {
            prefs_.zoom_pct = 100;
        }
    }
    i18n_.set_language(prefs_.lang);
    refresh_cache();
    if (auto v = store_.setting(kKeyTeam); v && std::any_of(cache_.teams.begin(), cache_.teams.end(),
                                                             [&](const Team& t) { return t.id == *v; }))
        cache_.team_id = *v;
    if (cache_.team_id.empty() && !cache_.teams.empty()) cache_.team_id = cache_.teams.front().id;
    refresh_cache();
    screen_ = cache_.teams.empty() ? ScreenId::welcome : ScreenId::meeting;
}

Shell::~Shell() = default;

void Shell::set_zoom_pct(int pct) {
    pct = std::clamp(pct, kZoomMin, kZoomMax);
    if (pct == prefs_.zoom_pct) return;
    prefs_.zoom_pct = pct;
    store_.set_setting(kKeyZoom, std::to_string(pct));
    style_dirty_ = true;
}

void Shell::set_theme(Theme theme) {
    if (theme == prefs_.theme) return;
    prefs_.theme = theme;
    store_.set_setting(kKeyTheme, to_string(theme));
    style_dirty_ = true;
}

void Shell::set_language(Lang lang) {
    prefs_.lang = lang;
    i18n_.set_language(lang);
    store_.set_setting(kKeyLang, to_string(lang));
}

void Shell::set_team(const std::string& team_id) {
    cache_.team_id = team_id;
    store_.set_setting(kKeyTeam, team_id);
    cache_.revision = 0;  // force a rebuild of the team's rows
    refresh_cache();
}

void Shell::set_fonts(const Fonts& fonts) {
    fonts_ = fonts;
    style_dirty_ = false;
}

void Shell::rebuild_style(ImFontAtlas& atlas, float content_scale) {
    const float px = std::round(kBaseFontPx * content_scale * static_cast<float>(prefs_.zoom_pct) / 100.0f);
    set_fonts(build_fonts(atlas, px));
    apply_theme(prefs_.theme, px / kBaseFontPx);
}

bool Shell::needs_ticking() const { return !flash_.empty() && ImGui::GetTime() < flash_until_ + 1.0; }

bool Shell::take_fullscreen_request() {
    const bool r = fullscreen_request_;
    fullscreen_request_ = false;
    return r;
}

void Shell::flash(Tone tone, std::string message) {
    flash_tone_ = tone;
    flash_ = std::move(message);
    flash_until_ = ImGui::GetCurrentContext() ? ImGui::GetTime() + 6.0 : 6.0;
}

void Shell::refresh_cache() {
    if (cache_.revision == store_.revision()) return;
    cache_.teams = store_.teams();
    if (!cache_.team_id.empty() && !cache_.current_team()) cache_.team_id.clear();
    if (cache_.team_id.empty() && !cache_.teams.empty()) cache_.team_id = cache_.teams.front().id;
    cache_.members = cache_.team_id.empty() ? std::vector<Member>{} : store_.members(cache_.team_id);
    cache_.youths = cache_.team_id.empty() ? std::vector<Youth>{} : store_.youths(cache_.team_id);
    cache_.counts = store_.counts();
    cache_.revision = store_.revision();
}

void Shell::draw() {
    set_active_i18n(&i18n_);
    refresh_cache();
    Ctx ctx{store_, content_, fonts_, cache_, *this, prefs_.lang};

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("##teamspiegel", nullptr, flags);
    ImGui::PopStyleVar();

    draw_rail(ctx);
    ImGui::SameLine(0, 0);
    ImGui::BeginChild("##content", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    draw_screen(ctx);
    ImGui::EndChild();
    ImGui::End();
}

void Shell::draw_rail(Ctx& ctx) {
    const Palette& p = palette();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.rail_bg);
    ImGui::BeginChild("##rail", ImVec2(em(11.5f), 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);

    ImGui::PushFont(ctx.fonts.heading);
    ImGui::TextUnformatted("Teamspiegel");
    ImGui::PopFont();

    // The current team, changeable in one click.
    if (cache_.teams.size() > 1) {
        ImGui::SetNextItemWidth(-1);
        const Team* current = cache_.current_team();
        if (ImGui::BeginCombo("##team", current ? current->name.c_str() : "")) {
            for (const auto& t : cache_.teams)
                if (ImGui::Selectable(t.name.c_str(), t.id == cache_.team_id)) set_team(t.id);
            ImGui::EndCombo();
        }
    } else if (const Team* t = cache_.current_team()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextUnformatted(t->name.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();

    ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0.0f, 0.5f));
    for (ScreenId id : kRailScreens) {
        const bool active = screen_ == id;
        if (active) ImGui::PushFont(ctx.fonts.bold);
        const std::string text = std::string(active ? "▸ " : "   ") + tr(nav_key(id)) + "###nav_" + std::string(screen_name(id));
        if (ImGui::Selectable(text.c_str(), active, 0, ImVec2(0, em(1.9f)))) screen_ = id;
        probe("nav." + std::string(screen_name(id)));
        if (active) ImGui::PopFont();
    }
    ImGui::PopStyleVar();

    // Transient message and zoom at the bottom of the rail.
    const float bottom = ImGui::GetWindowHeight() - em(7.5f);
    if (ImGui::GetCursorPosY() < bottom) ImGui::SetCursorPosY(bottom);
    if (!flash_.empty() && ImGui::GetTime() < flash_until_) notice(flash_tone_, flash_.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::TextUnformatted(trf("rail.zoom", {std::to_string(prefs_.zoom_pct)}).c_str());
    ImGui::PopStyleColor();
    if (ImGui::Button("−###zoom_out", em(2.2f, 0))) zoom_out();
    ImGui::SameLine();
    if (ImGui::Button("+###zoom_in", em(2.2f, 0))) zoom_in();
    if (ImGui::Button(label("rail.theme_toggle", "theme").c_str(), ImVec2(-1, 0)))
        set_theme(prefs_.theme == Theme::light ? Theme::dark : Theme::light);

    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void Shell::draw_screen(Ctx& ctx) {
    switch (screen_) {
        case ScreenId::welcome: welcome_->draw(ctx); break;
        case ScreenId::meeting: meeting_->draw(ctx); break;
        case ScreenId::actions: actions_->draw(ctx); break;
        case ScreenId::incidents: incidents_->draw(ctx); break;
        case ScreenId::measures: measures_->draw(ctx); break;
        case ScreenId::overview: overview_->draw(ctx); break;
        case ScreenId::guideline: guideline_->draw(ctx); break;
        case ScreenId::settings: settings_->draw(ctx); break;
    }
}

}  // namespace ts::ui

namespace ts::ui {

bool draw_needs_team(Ctx& ctx) {
    if (ctx.cache.current_team()) return false;
    notice(Tone::info, tr("common.no_team"));
    if (primary_button(label("common.create_team", "goto_welcome").c_str())) ctx.shell.show(ScreenId::welcome);
    return true;
}

}  // namespace ts::ui
