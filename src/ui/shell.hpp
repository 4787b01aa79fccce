// The whole window: a navigation rail on the left, the current screen on the right. The
// shell owns the screens and the model, gives each screen a Ctx while it draws, and carries
// out what the screens requested after the frame.
#pragma once

#include "core/content.hpp"
#include "core/rules.hpp"
#include "model/model.hpp"
#include "store/store.hpp"
#include "ui/ctx.hpp"
#include "ui/fonts.hpp"
#include "ui/i18n.hpp"
#include "ui/keys.hpp"
#include "ui/preferences.hpp"
#include "ui/requests.hpp"
#include "ui/screen_id.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <array>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ts::ui {

class WelcomeScreen;
class MeetingScreen;
class ActionsScreen;
class IncidentsScreen;
class MeasuresScreen;
class OverviewScreen;
class ManagersScreen;
class GuidelineScreen;
class TeamScreen;
class SettingsScreen;
class LockScreen;

class Shell {
public:
    Shell(Store& store, const Content& content, Preferences& preferences);
    ~Shell();
    Shell(const Shell&) = delete;
    Shell& operator=(const Shell&) = delete;

    // Draws one frame of the whole window into the current ImGui frame, then carries out what
    // the screens requested while drawing (see requests.hpp). Never throws: an exception from
    // a screen or the store (a damaged database, one in use by another program, a full disk)
    // ends the frame's open windows cleanly and turns into the failure screen.
    void draw();
    // Carries out one request now, as after a frame (for the window layer and tests).
    void apply(const Request& r);

    // The failure screen: the message in place of the screens, with "try again" (draws the
    // screens again, re-reading the store) and "close the program". Also written to stderr.
    void show_failure(std::string message);
    const std::string& failure() const { return failure_; }
    // A message for the exception being handled (or `e`): the database's file named, bad_alloc
    // as "out of memory".
    std::string describe(std::exception_ptr e) const;
    // Set by the failure screen's close button; the window layer closes the window.
    bool take_quit_request();

    ScreenId screen() const { return screen_; }
    // Shows the screen with the form of its newest record open (measures, incidents, actions),
    // as the `screenshot` command's "measure-form", "incident-form" and "action-form" do. False
    // when there is none.
    bool show_newest_record(ScreenId id);
    void show(ScreenId id) { screen_ = id; }

    const Prefs& prefs() const { return prefs_; }
    void set_zoom_pct(int pct);
    void zoom_in() { set_zoom_pct(prefs_.zoom_pct + kZoomStep); }
    void zoom_out() { set_zoom_pct(prefs_.zoom_pct - kZoomStep); }
    void set_theme(Theme theme);
    void set_language(Lang lang);
    void set_team(const std::string& team_id);

    // Who is at the keyboard: a member of the current team, chosen at every start (never
    // remembered across starts) and forgotten after Prefs::who_idle_min without input. Every
    // register change is recorded under this name.
    void set_member(const std::string& member_id);
    const Member* current_member() const;
    // The name for the change history; empty when nobody is chosen.
    std::string who() const;
    // The same, or kUnknownWho when nobody is chosen: for setting up a team, when there is
    // nobody to choose yet. Register records refuse to save without who().
    std::string who_or_unknown() const;

    // The neutral screen in place of everything (screen_lock.hpp): while locked (Ctrl+L, or
    // Prefs::lock_idle_min without input), or while asking who is at the keyboard (at start,
    // and after Prefs::who_idle_min without input) and nobody is chosen.
    bool covered() const;
    bool locked() const { return locked_; }
    void lock();
    // Unlocks (or answers the question) as `member_id`; with a PIN set, a locked screen needs
    // `pin` too. The message key of why not ("lock.wrong_pin", "lock.choose_who"), or "".
    std::string unlock(const std::string& member_id, const std::string& pin);
    // "Later": closes the start question without choosing; a lock is not closed this way.
    void dismiss_question();
    bool pin_set() const { return !pin_hash_.empty(); }
    // Sets the lock's PIN (a message key of what is wrong with it, or ""); "" removes it.
    std::string set_pin(const std::string& pin);
    void set_idle_minutes(bool lock, int minutes);
    // The seconds within which the last frame asked to be drawn again (elapsed times, a timer,
    // an idle limit coming up); none: nothing on screen changes by itself.
    std::optional<double> redraw_within() const;

    // The window layer rebuilds fonts and style when this is set, then calls set_fonts().
    bool style_dirty() const { return style_dirty_; }
    void set_fonts(const Fonts& fonts);
    // Builds the fonts into `atlas` at base size × content scale × zoom and applies the theme
    // scaled to match. The renderer's font texture must be recreated afterwards.
    void rebuild_style(ImFontAtlas& atlas, float content_scale);
    const Fonts& fonts() const { return fonts_; }

    // Full screen is the window layer's business; the UI only asks for it.
    void request_fullscreen_toggle() { fullscreen_request_ = true; }
    bool take_fullscreen_request();
    void set_fullscreen_state(bool on) { fullscreen_ = on; }
    bool fullscreen() const { return fullscreen_; }

    // A short message at the bottom of the rail ("Team aangemaakt").
    void flash(Tone tone, std::string message);

    const model::Model& model() const { return model_; }
    // The shortcuts; screens add theirs when the shell is made.
    KeyMap& keys() { return keys_; }
    // Asks the store whether another process wrote (at most once a second); true when it did,
    // so the window draws a frame. Reads no record.
    bool poll_changes();
    MeasuresScreen& measures_screen() { return *measures_; }
    IncidentsScreen& incidents_screen() { return *incidents_; }
    ActionsScreen& actions_screen() { return *actions_; }
    MeetingScreen& meeting_screen() { return *meeting_; }
    Store& store() { return store_; }
    const Content& content() const { return content_; }
    const I18n& i18n() const { return i18n_; }

private:
    void load();  // preferences and the first rows, from the store
    void draw_screens();
    void draw_failure();
    // Stores a preference; a failure to store it is shown, and the preference holds for now.
    void remember(const char* key, const std::string& value);
    // A remembered preference; one a database of an older version kept is read from there.
    std::optional<std::string> remembered(const char* key) const;
    void refresh_model();
    void apply_requests();
    Ctx make_ctx();
    void draw_rail(Ctx& ctx);
    void draw_flash();
    void draw_screen(Ctx& ctx);
    void watch_idle();  // the idle limits, before a frame draws
    void ask_redraw_for_idle();
    bool has_active_members() const;

    Store& store_;
    const Content& content_;
    Preferences& preferences_;
    I18n i18n_;
    Prefs prefs_;
    Fonts fonts_;
    model::Model model_;
    KeyMap keys_;
    Requests requests_;
    ScreenId screen_ = ScreenId::welcome;
    ImGuiID rail_nav_window_ = 0;  // the rail's list of screens (its child window), last frame
    bool focus_content_ = false;
    ImGuiID rail_item_ = 0;         // the current screen's item in that list
    ImGuiID content_window_ = 0, content_entry_ = 0;  // where Tab from the rail landed (Shift+Tab there goes back)
    bool entering_content_ = false;    // Tab or Right in that list: the content's first item gets the focus
    std::optional<ScreenId> rail_shows_;  // the screen the rail last scrolled into view
    bool style_dirty_ = true;
    bool fullscreen_request_ = false, fullscreen_ = false;
    bool quit_request_ = false, loaded_ = false;
    std::string failure_;
    Tone flash_tone_ = Tone::info;
    std::string flash_;
    double flash_until_ = 0;

    std::unique_ptr<WelcomeScreen> welcome_;
    std::unique_ptr<MeetingScreen> meeting_;
    std::unique_ptr<ActionsScreen> actions_;
    std::unique_ptr<IncidentsScreen> incidents_;
    std::unique_ptr<MeasuresScreen> measures_;
    std::unique_ptr<OverviewScreen> overview_;
    std::unique_ptr<ManagersScreen> managers_;
    std::unique_ptr<GuidelineScreen> guideline_;
    std::unique_ptr<TeamScreen> team_;
    std::unique_ptr<SettingsScreen> settings_;
    std::unique_ptr<LockScreen> lock_screen_;
    std::string member_id_;
    bool locked_ = false, asking_ = false;
    std::string pin_hash_;
    std::int64_t last_input_ = 0;  // now_unix() of the last input seen in a frame
    std::optional<double> last_redraw_in_;  // the last frame's Ctx::redraw_within, in seconds

    friend struct ShellTestAccess;
};

}  // namespace ts::ui
