// The whole window: a navigation rail on the left, the current screen on the right.
// Screens read the cached rows of DataCache and send commands to the store; no SQL here.
#pragma once

#include "core/content.hpp"
#include "store/store.hpp"
#include "ui/fonts.hpp"
#include "ui/i18n.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ts::ui {

enum class ScreenId { welcome, meeting, actions, incidents, measures, overview, guideline, settings };
inline constexpr std::array<ScreenId, 7> kRailScreens{ScreenId::meeting,  ScreenId::actions,   ScreenId::incidents,
                                                      ScreenId::measures, ScreenId::overview,  ScreenId::guideline,
                                                      ScreenId::settings};
std::string_view screen_name(ScreenId id);  // "welcome", "guideline", … (used by `screenshot --screen`)
std::optional<ScreenId> screen_from_name(std::string_view name);
std::string screen_names();                  // "welcome, meeting, …" for messages

// Rows the screens draw from; rebuilt only when the store's revision changes.
struct DataCache {
    std::uint64_t revision = 0;
    std::vector<Team> teams;
    std::string team_id;  // the current team, "" when there is none
    std::vector<Member> members;
    std::vector<Youth> youths;
    StoreCounts counts;
    const Team* current_team() const;
};

// Preferences of this machine, kept in the store's settings.
struct Prefs {
    Lang lang = Lang::nl;
    Theme theme = Theme::light;
    int zoom_pct = 100;
};
inline constexpr int kZoomMin = 50, kZoomMax = 300, kZoomStep = 10;

class Shell;
struct Ctx {
    Store& store;
    const Content& content;
    const Fonts& fonts;
    DataCache& cache;
    Shell& shell;
    Lang lang;
};

class WelcomeScreen;
class MeetingScreen;
class ActionsScreen;
class IncidentsScreen;
class MeasuresScreen;
class OverviewScreen;
class GuidelineScreen;
class SettingsScreen;

class Shell {
public:
    Shell(Store& store, const Content& content);
    ~Shell();
    Shell(const Shell&) = delete;
    Shell& operator=(const Shell&) = delete;

    // Draws one frame of the whole window into the current ImGui frame.
    void draw();

    ScreenId screen() const { return screen_; }
    void show(ScreenId id) { screen_ = id; }

    const Prefs& prefs() const { return prefs_; }
    void set_zoom_pct(int pct);
    void zoom_in() { set_zoom_pct(prefs_.zoom_pct + kZoomStep); }
    void zoom_out() { set_zoom_pct(prefs_.zoom_pct - kZoomStep); }
    void set_theme(Theme theme);
    void set_language(Lang lang);
    void set_team(const std::string& team_id);

    // The window layer rebuilds fonts and style when this is set, then calls set_fonts().
    bool style_dirty() const { return style_dirty_; }
    void set_fonts(const Fonts& fonts);
    // Builds the fonts into `atlas` at base size × content scale × zoom and applies the theme
    // scaled to match. The renderer's font texture must be recreated afterwards.
    void rebuild_style(ImFontAtlas& atlas, float content_scale);
    // True while something on screen changes by itself (a message fading, a timer running),
    // so the main loop wakes once a second instead of sleeping until input.
    bool needs_ticking() const;
    const Fonts& fonts() const { return fonts_; }

    // Full screen is the window layer's business; the UI only asks for it.
    void request_fullscreen_toggle() { fullscreen_request_ = true; }
    bool take_fullscreen_request();
    void set_fullscreen_state(bool on) { fullscreen_ = on; }
    bool fullscreen() const { return fullscreen_; }

    // A short message at the bottom of the rail ("Team aangemaakt").
    void flash(Tone tone, std::string message);

    DataCache& cache() { return cache_; }
    Store& store() { return store_; }
    const Content& content() const { return content_; }
    const I18n& i18n() const { return i18n_; }

private:
    void refresh_cache();
    void draw_rail(Ctx& ctx);
    void draw_screen(Ctx& ctx);

    Store& store_;
    const Content& content_;
    I18n i18n_;
    Prefs prefs_;
    Fonts fonts_;
    DataCache cache_;
    ScreenId screen_ = ScreenId::welcome;
    bool style_dirty_ = true;
    bool fullscreen_request_ = false, fullscreen_ = false;
    Tone flash_tone_ = Tone::info;
    std::string flash_;
    double flash_until_ = 0;

    std::unique_ptr<WelcomeScreen> welcome_;
    std::unique_ptr<MeetingScreen> meeting_;
    std::unique_ptr<ActionsScreen> actions_;
    std::unique_ptr<IncidentsScreen> incidents_;
    std::unique_ptr<MeasuresScreen> measures_;
    std::unique_ptr<OverviewScreen> overview_;
    std::unique_ptr<GuidelineScreen> guideline_;
    std::unique_ptr<SettingsScreen> settings_;

    friend struct ShellTestAccess;
};

}  // namespace ts::ui
