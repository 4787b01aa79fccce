#include "ui/shell.hpp"

#include "core/pin.hpp"
#include "core/time.hpp"

#include "ui/probe.hpp"
#include "ui/meeting/meeting_screen.hpp"
#include "ui/screen_actions.hpp"
#include "ui/screen_guideline.hpp"
#include "ui/screen_incidents.hpp"
#include "ui/screen_lock.hpp"
#include "ui/screen_measures.hpp"
#include "ui/screen_overview.hpp"
#include "ui/screen_managers.hpp"
#include "ui/screen_settings.hpp"
#include "ui/screen_team.hpp"
#include "ui/screen_welcome.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <type_traits>
#include <variant>
#include <cmath>
#include <iostream>
#include <new>
#include <unordered_map>

namespace ts::ui {
namespace {

// Preference keys (also the keys under which versions before 0.2 kept them in the database).
constexpr const char* kKeyLang = "ui.language";
constexpr const char* kKeyTheme = "ui.theme";
constexpr const char* kKeyZoom = "ui.zoom_pct";
constexpr const char* kKeyTeam = "ui.team";
// Who is at the keyboard is not remembered across starts: an old "ui.member" value is ignored.
constexpr const char* kKeyWhoIdle = "who.idle_minutes";
constexpr const char* kKeyLockIdle = "lock.idle_minutes";
constexpr const char* kKeyPinHash = "lock.pin_hash";

// Whether this frame brought input: a key, a character, the mouse moved, pressed or scrolled.
bool input_this_frame() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.MouseDelta.x != 0 || io.MouseDelta.y != 0 || io.MouseWheel != 0 || io.MouseWheelH != 0) return true;
    if (io.InputQueueCharacters.Size > 0) return true;
    for (bool down : io.MouseDown)
        if (down) return true;
    for (bool down : io.KeysDown)
        if (down) return true;
    return false;
}

std::string nav_key(ScreenId id) { return "nav." + std::string(screen_name(id)); }

void ignore_imgui_log(void*, const char*, ...) {}

// After an exception in the middle of a frame: ends every window, child, popup, table, group
// and push the frame had begun, innermost first, down to ImGui's implicit window, so that the
// frame can end normally. ImGui 1.86's ErrorCheckEndFrameRecover does the same but leaves
// pushed fonts, which its End() then asserts on; so each window is closed here by hand.
void end_open_windows() {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    while (g.CurrentWindowStack.Size > 0) {
        ImGui::ErrorCheckEndWindowRecover(ignore_imgui_log, nullptr);
        while (g.FontStack.Size > g.CurrentWindowStack.back().StackSizesOnBegin.SizeOfFontStack) ImGui::PopFont();
        if (g.CurrentWindowStack.Size == 1) break;  // the implicit window: ImGui::EndFrame ends it
        if (g.CurrentWindow->Flags & ImGuiWindowFlags_ChildWindow)
            ImGui::EndChild();
        else
            ImGui::End();
    }
}

}  // namespace

Shell::Shell(Store& store, const Content& content, Preferences& preferences)
    : store_(store),
      content_(content),
      preferences_(preferences),
      i18n_(content.translations),
      model_(store, content),
      welcome_(std::make_unique<WelcomeScreen>()),
      meeting_(std::make_unique<MeetingScreen>()),
      actions_(std::make_unique<ActionsScreen>()),
      incidents_(std::make_unique<IncidentsScreen>()),
      measures_(std::make_unique<MeasuresScreen>()),
      overview_(std::make_unique<OverviewScreen>()),
      managers_(std::make_unique<ManagersScreen>()),
      guideline_(std::make_unique<GuidelineScreen>()),
      team_(std::make_unique<TeamScreen>()),
      settings_(std::make_unique<SettingsScreen>()),
      lock_screen_(std::make_unique<LockScreen>()) {
    // The window's shortcuts (README, "In the window"). Zoom keys would edit text while a
    // field has focus; full screen types nothing.
    for (int k : {key::equal, key::keypad_add})
        keys_.add({k, true, true, false, std::nullopt, [this](Requests& r) { r.post(request::SetZoom{prefs_.zoom_pct + kZoomStep}); }});
    for (int k : {key::minus, key::keypad_subtract})
        keys_.add({k, true, true, false, std::nullopt, [this](Requests& r) { r.post(request::SetZoom{prefs_.zoom_pct - kZoomStep}); }});
    for (int k : {key::zero, key::keypad_0})
        keys_.add({k, true, false, false, std::nullopt, [](Requests& r) { r.post(request::SetZoom{100}); }});
    keys_.add({key::f11, false, false, true, std::nullopt, [](Requests& r) { r.post(request::ToggleFullscreen{}); }});
    // Ctrl+L locks the shared screen; not while typing, where it would be a letter.
    keys_.add({key::letter('l'), true, false, false, std::nullopt, [](Requests& r) { r.post(request::Lock{}); }});
    // Alt+1 … Alt+8 (or Ctrl+1 …): the rail's screens, in the rail's order.
    for (std::size_t i = 0; i < kRailScreens.size(); ++i)
        for (bool alt : {true, false})
            keys_.add({key::one + static_cast<int>(i), !alt, false, false, std::nullopt,
                       [id = kRailScreens[i]](Requests& r) { r.post(request::Show{id}); }, alt});
    // N (or Ctrl+N) on a register screen: a new record.
    for (ScreenId id : {ScreenId::actions, ScreenId::measures, ScreenId::incidents, ScreenId::team})
        for (bool ctrl : {false, true})
            keys_.add({key::letter('n'), ctrl, false, false, id, [id](Requests& r) { r.post(request::NewRecord{id}); }});
    meeting_->add_keys(keys_);
    try {
        load();
    } catch (...) {
        show_failure(describe(std::current_exception()));
    }
}

void Shell::load() {
    // Remembered preferences; unreadable values fall back to the defaults.
    if (auto v = remembered(kKeyLang)) prefs_.lang = lang_from_string(*v).value_or(Lang::nl);
    if (auto v = remembered(kKeyTheme)) prefs_.theme = theme_from_string(*v).value_or(Theme::light);
    if (auto v = remembered(kKeyZoom)) {
        try {
            prefs_.zoom_pct = std::clamp(std::stoi(*v), kZoomMin, kZoomMax);
        } catch (...) {
            prefs_.zoom_pct = 100;
        }
    }
    i18n_.set_language(prefs_.lang);
    // The remembered team; the model falls back to the first team if it is gone.
    if (auto v = remembered(kKeyTeam)) model_.set_team(*v);
    refresh_model();
    prefs_.who_idle_min = whole_number(preferences_.get(kKeyWhoIdle), 0, kIdleMinMax).value_or(30);
    prefs_.lock_idle_min = whole_number(preferences_.get(kKeyLockIdle), 0, kIdleMinMax).value_or(0);
    pin_hash_ = preferences_.get(kKeyPinHash).value_or("");
    // Nobody is at the keyboard until someone says so: asked at every start of a team that has
    // members; with a PIN, the program starts locked (a restart does not get round the lock).
    last_input_ = now_unix();
    asking_ = has_active_members();
    if (pin_set() && asking_) locked_ = true;
    screen_ = model_.teams().empty() ? ScreenId::welcome : ScreenId::meeting;
    // A meeting left running (the window closed, a crash, a power cut) reopens at its step.
    if (screen_ == ScreenId::meeting && ImGui::GetCurrentContext()) {
        Ctx ctx = make_ctx();
        meeting_->resume_running(ctx);
    }
    loaded_ = true;
}

Shell::~Shell() {
    // What the running meeting got in its last second is stored before the program ends.
    try {
        if (meeting_ && failure_.empty()) meeting_->flush(store_, who_or_unknown());
    } catch (...) {
        // The store refused (a full disk): what was stored up to a second ago stays.
    }
}

Ctx Shell::make_ctx() { return Ctx{store_, content_, fonts_, model_, *this, prefs_.lang, requests_}; }

bool Shell::show_newest_record(ScreenId id) {
    screen_ = id;
    refresh_model();  // with the screen's records
    Ctx ctx = make_ctx();
    if (id == ScreenId::measures && !model_.measures().empty()) {
        measures_->open_existing(ctx, model_.measures().front().measure);
        return true;
    }
    if (id == ScreenId::incidents && !model_.incidents().empty()) {
        incidents_->open_existing(ctx, model_.incidents().front().incident);
        return true;
    }
    if (id == ScreenId::actions && !model_.actions().empty()) {
        actions_->open_existing(ctx, model_.actions().back().action);  // the newest
        return true;
    }
    return false;
}

void Shell::set_zoom_pct(int pct) {
    pct = std::clamp(pct, kZoomMin, kZoomMax);
    if (pct == prefs_.zoom_pct) return;
    prefs_.zoom_pct = pct;
    remember(kKeyZoom, std::to_string(pct));
    style_dirty_ = true;
}

void Shell::set_theme(Theme theme) {
    if (theme == prefs_.theme) return;
    prefs_.theme = theme;
    remember(kKeyTheme, std::string(to_string(theme)));
    style_dirty_ = true;
}

void Shell::set_language(Lang lang) {
    prefs_.lang = lang;
    i18n_.set_language(lang);
    remember(kKeyLang, std::string(to_string(lang)));
}

void Shell::set_team(const std::string& team_id) {
    model_.set_team(team_id);
    remember(kKeyTeam, team_id);
    refresh_model();
    if (!model_.member(member_id_)) member_id_.clear();
}

void Shell::set_member(const std::string& member_id) {
    member_id_ = member_id;
    if (!member_id.empty()) asking_ = false;
}

bool Shell::has_active_members() const {
    for (const auto& m : model_.members())
        if (m.active) return true;
    return false;
}

bool Shell::covered() const { return locked_ || (asking_ && member_id_.empty() && has_active_members()); }

void Shell::lock() {
    locked_ = true;
    member_id_.clear();  // whoever unlocks says who they are
    lock_screen_->reset();
}

std::string Shell::unlock(const std::string& member_id, const std::string& pin) {
    if (locked_ && pin_set() && !pin_matches(pin_hash_, pin)) return "lock.wrong_pin";
    const Member* m = model_.member(member_id);
    if (has_active_members() && (!m || !m->active)) return "lock.choose_who";
    locked_ = false;
    asking_ = false;
    member_id_ = m ? member_id : std::string();
    last_input_ = now_unix();
    return {};
}

void Shell::dismiss_question() {
    if (!locked_) asking_ = false;
}

std::string Shell::set_pin(const std::string& pin) {
    if (!pin.empty()) {
        if (auto problem = pin_problem(pin)) return *problem;
    }
    std::string hash = pin.empty() ? std::string() : hash_pin(pin);
    try {
        preferences_.set(kKeyPinHash, hash);
    } catch (const std::exception&) {
        flash(Tone::bad, describe(std::current_exception()));
        return "pin.not_saved";
    }
    pin_hash_ = std::move(hash);
    return {};
}

void Shell::set_idle_minutes(bool lock, int minutes) {
    minutes = std::clamp(minutes, 0, kIdleMinMax);
    (lock ? prefs_.lock_idle_min : prefs_.who_idle_min) = minutes;
    remember(lock ? kKeyLockIdle : kKeyWhoIdle, std::to_string(minutes));
}

std::optional<double> Shell::redraw_within() const { return last_redraw_in_; }

void Shell::watch_idle() {
    const std::int64_t now = now_unix();
    // A meeting on the screen is the room talking, not an empty desk: while the presenter view
    // shows, the idle limits do not run (they count again from the end of the meeting's view).
    if (screen_ == ScreenId::meeting && meeting_->presenting() && !covered()) {
        last_input_ = now;
        return;
    }
    const std::int64_t idle = now - last_input_;
    if (prefs_.lock_idle_min > 0 && !locked_ && idle >= std::int64_t{prefs_.lock_idle_min} * 60) lock();
    if (prefs_.who_idle_min > 0 && !member_id_.empty() && idle >= std::int64_t{prefs_.who_idle_min} * 60) {
        member_id_.clear();
        asking_ = true;
    }
    // The limits count from the last input, after the limits above were checked: input after a
    // long absence (a laptop waking) finds the screen locked first.
    if (input_this_frame()) last_input_ = now;
}

void Shell::ask_redraw_for_idle() {
    const std::int64_t now = now_unix();
    const auto in = [&](int minutes) {
        requests_.redraw_within(std::max(1.0, static_cast<double>(last_input_ + std::int64_t{minutes} * 60 - now)));
    };
    if (prefs_.lock_idle_min > 0 && !locked_) in(prefs_.lock_idle_min);
    if (prefs_.who_idle_min > 0 && !member_id_.empty()) in(prefs_.who_idle_min);
    // A message at the bottom of the rail goes away by itself.
    if (!flash_.empty() && ImGui::GetCurrentContext()) {
        const double left = flash_until_ - ImGui::GetTime();
        if (left > -1.0) requests_.redraw_within(std::max(0.1, left + 0.1));
    }
}

const Member* Shell::current_member() const { return model_.member(member_id_); }

std::string Shell::who() const {
    const Member* m = current_member();
    return m ? m->name : std::string();
}

std::string Shell::who_or_unknown() const {
    std::string w = who();
    return w.empty() ? std::string(kUnknownWho) : w;
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

void Shell::refresh_model() {
    // Every team's actions are kept up to date only while the actions screen shows them.
    model_.hold_all_actions(actions_ && screen_ == ScreenId::actions && actions_->all_teams());
    // The measures and incidents are read once a screen shows them (or links to them): not
    // for a start on the meeting's first page, the overview or the team.
    const bool registers = screen_ == ScreenId::measures || screen_ == ScreenId::incidents || screen_ == ScreenId::actions ||
                           (screen_ == ScreenId::meeting && meeting_ && meeting_->presenting());
    model_.want_registers(registers);
    model_.refresh(now_unix());
}

bool Shell::poll_changes() {
    try {
        return model_.poll(now_unix());
    } catch (...) {
        show_failure(describe(std::current_exception()));
        return true;
    }
}

void Shell::remember(const char* key, const std::string& value) {
    try {
        preferences_.set(key, value);
    } catch (const std::exception&) {
        flash(Tone::bad, describe(std::current_exception()));
    }
}

std::optional<std::string> Shell::remembered(const char* key) const {
    if (auto v = preferences_.get(key)) return v;
    return store_.legacy_setting(key);
}

std::string Shell::describe(std::exception_ptr e) const {
    try {
        std::rethrow_exception(e);
    } catch (const std::bad_alloc&) {
        return "out of memory";
    } catch (const DatabaseError& x) {
        return store_.path() + ": " + x.what();  // its words do not name the file
    } catch (const std::exception& x) {
        return x.what();
    } catch (...) {
        return "an unexpected error";
    }
}

void Shell::show_failure(std::string message) {
    std::cerr << "teamspiegel: error: " << message << "\n";
    failure_ = std::move(message);
}

bool Shell::take_quit_request() {
    const bool r = quit_request_;
    quit_request_ = false;
    return r;
}

void Shell::draw() {
    set_active_i18n(&i18n_);
    requests_.take_redraw();
    last_redraw_in_.reset();
    if (failure_.empty()) {
        try {
            if (!loaded_) load();  // the store failed when the window opened
            refresh_model();
            watch_idle();
            if (covered()) {
                Ctx ctx = make_ctx();
                lock_screen_->draw(ctx);
            } else {
                draw_screens();
            }
            apply_requests();
            ask_redraw_for_idle();
            last_redraw_in_ = requests_.take_redraw();
            return;
        } catch (...) {
            requests_.take();  // what the failed frame asked for is not carried out
            // The frame stopped half-way: end what it began, then show what happened instead.
            end_open_windows();
            show_failure(describe(std::current_exception()));
        }
    }
    draw_failure();
}

void Shell::apply_requests() {
    // A request may post another (none does today); each round takes what is there.
    for (int round = 0; round < 4 && !requests_.empty(); ++round)
        for (const Request& r : requests_.take()) apply(r);
}

void Shell::apply(const Request& r) {
    std::visit(
        [this](const auto& q) {
            using Q = std::decay_t<decltype(q)>;
            if constexpr (std::is_same_v<Q, request::Show>) {
                screen_ = q.screen;
            } else if constexpr (std::is_same_v<Q, request::SwitchTeam>) {
                set_team(q.team_id);
            } else if constexpr (std::is_same_v<Q, request::ChooseMember>) {
                set_member(q.member_id);
            } else if constexpr (std::is_same_v<Q, request::SetZoom>) {
                set_zoom_pct(q.pct);
            } else if constexpr (std::is_same_v<Q, request::SetTheme>) {
                set_theme(q.theme);
            } else if constexpr (std::is_same_v<Q, request::SetLanguage>) {
                set_language(q.lang);
            } else if constexpr (std::is_same_v<Q, request::ToggleFullscreen>) {
                request_fullscreen_toggle();
            } else if constexpr (std::is_same_v<Q, request::Flash>) {
                flash(q.tone, q.message);
            } else if constexpr (std::is_same_v<Q, request::OpenMeasure>) {
                refresh_model();
                Ctx ctx = make_ctx();
                if (auto m = store_.measure(q.measure_id)) {
                    measures_->open_existing(ctx, *m);
                    screen_ = ScreenId::measures;
                }
            } else if constexpr (std::is_same_v<Q, request::NewMeasureFromIncident>) {
                refresh_model();
                Ctx ctx = make_ctx();
                if (auto i = store_.incident(q.incident_id)) {
                    measures_->open_new(ctx, &*i);
                    screen_ = ScreenId::measures;
                }
            } else if constexpr (std::is_same_v<Q, request::Lock>) {
                lock();
            } else if constexpr (std::is_same_v<Q, request::Unlock>) {
                if (std::string why = unlock(q.member_id, q.pin); !why.empty()) lock_screen_->refuse(std::move(why));
                else lock_screen_->reset();
            } else if constexpr (std::is_same_v<Q, request::DismissQuestion>) {
                dismiss_question();
            } else if constexpr (std::is_same_v<Q, request::SetIdleMinutes>) {
                set_idle_minutes(q.lock, q.minutes);
            } else if constexpr (std::is_same_v<Q, request::Meeting>) {
                Ctx ctx = make_ctx();
                meeting_->apply(ctx, q);
            } else if constexpr (std::is_same_v<Q, request::SetPin>) {
                if (std::string why = set_pin(q.pin); !why.empty()) flash(Tone::bad, tr(why));
                else flash(Tone::ok, tr(q.pin.empty() ? "settings.pin_removed" : "settings.pin_saved"));
            } else if constexpr (std::is_same_v<Q, request::ShowList>) {
                if (!q.filter.all_teams && !q.filter.team_id.empty() && q.filter.team_id != model_.team_id()) set_team(q.filter.team_id);
                if (q.screen == ScreenId::measures) measures_->show_filtered(q.filter);
                if (q.screen == ScreenId::incidents) incidents_->show_filtered(q.filter);
                if (q.screen == ScreenId::actions) actions_->show_filtered(q.filter);
                screen_ = q.screen;
            } else if constexpr (std::is_same_v<Q, request::HoldSince>) {
                model_.hold_since(q.since);
            } else if constexpr (std::is_same_v<Q, request::NewRecord>) {
                Ctx ctx = make_ctx();
                if (q.screen == ScreenId::measures && !measures_->form_open()) measures_->open_new(ctx);
                if (q.screen == ScreenId::incidents && !incidents_->form_open()) incidents_->open_new(ctx);
                if (q.screen == ScreenId::actions && !actions_->form_open()) actions_->open_new(ctx);
                if (q.screen == ScreenId::team) team_->new_member();
            } else if constexpr (std::is_same_v<Q, request::Write>) {
                // The store's refusal ("a team named De Linde already exists", "the disk is
                // full") goes back to the form, which keeps what was typed.
                try {
                    q.write(store_);
                } catch (const StoreError& e) {
                    if (q.done) q.done(&e, requests_);
                    return;
                }
                if (q.done) q.done(nullptr, requests_);
            } else {
                static_assert(sizeof(Q) == 0, "a request the shell does not carry out");
            }
        },
        r);
}

void Shell::draw_failure() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings;
    ImGui::Begin("##teamspiegel_failure", nullptr, flags);
    ImGui::SetCursorPos(em(3, 3));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + em(40));
    heading(fonts_, tr("failure.title"));
    notice(Tone::bad, failure_.c_str());
    probe("failure.message");
    paragraph(tr("failure.body"));
    ImGui::Spacing();
    if (primary_button(label("failure.retry", "failure_retry").c_str())) {
        failure_.clear();
        model_.reload_all();  // read everything again
    }
    probe("failure.retry");
    ImGui::SameLine();
    if (ImGui::Button(label("failure.quit", "failure_quit").c_str())) quit_request_ = true;
    probe("failure.quit");
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImGui::End();
}

void Shell::draw_screens() {
    keys_.dispatch(screen_, requests_);
    continue_tabbing();
    // Tab (or Right) in the rail's list of screens goes on into the content: the two are
    // separate child windows, and ImGui 1.86 moves only within the window that has the focus.
    {
        ImGuiContext& g = *ImGui::GetCurrentContext();
        const bool forward = (g.NavMoveFlags & ImGuiNavMoveFlags_Tabbing) ? !ImGui::GetIO().KeyShift : g.NavMoveDir == ImGuiDir_Right;
        if (g.NavMoveSubmitted && forward && g.NavWindow && g.NavWindow->ID == rail_nav_window_) {
            ImGui::NavMoveRequestCancel();
            focus_content_ = true;
        }
        if (entering_content_) {
            content_entry_ = g.NavId;
            entering_content_ = false;
        }
        // Shift+Tab (or Left) on that first item goes back to the rail.
        const bool back = (g.NavMoveFlags & ImGuiNavMoveFlags_Tabbing) ? ImGui::GetIO().KeyShift : g.NavMoveDir == ImGuiDir_Left;
        ImGuiWindow* rail = ImGui::FindWindowByID(rail_nav_window_);
        if (g.NavMoveSubmitted && back && content_entry_ != 0 && g.NavId == content_entry_ && g.NavWindow &&
            g.NavWindow->ID == content_window_ && rail && rail_item_ != 0) {
            ImGui::NavMoveRequestCancel();
            ImGui::FocusWindow(rail);  // (restores the window's last nav id, so the item is set after)
            ImGui::SetFocusID(rail_item_, rail);
            g.NavDisableHighlight = false;
        }
    }
    Ctx ctx = make_ctx();

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("##teamspiegel", nullptr, flags);
    ImGui::PopStyleVar();

    // The meeting's presenter view has the whole window: the room sees the meeting, not the menu.
    if (!(screen_ == ScreenId::meeting && meeting_->presenting())) {
        draw_rail(ctx);
        ImGui::SameLine(0, 0);
    }
    ImGui::BeginChild("##content", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    content_window_ = ImGui::GetCurrentWindow()->ID;
    if (focus_content_) {
        ImGui::SetKeyboardFocusHere();  // the next item drawn: the screen's first field, button or row
        focus_content_ = false;
        entering_content_ = true;
    }
    draw_screen(ctx);
    ImGui::EndChild();
    ImGui::End();
    draw_flash();
}

// A saved or deleted record is said in a small box over the bottom of the content, so that the
// message moves nothing: not the rail's buttons, not the form's fields.
void Shell::draw_flash() {
    if (flash_.empty() || ImGui::GetTime() >= flash_until_) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + em(12.5f), vp->Pos.y + vp->Size.y - em(1.0f)), ImGuiCond_Always, ImVec2(0, 1));
    ImGui::SetNextWindowBgAlpha(0.95f);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs;
    if (ImGui::Begin("##flash", nullptr, flags)) {
        ImGui::PushTextWrapPos(em(40));
        notice(flash_tone_, flash_.c_str());
        ImGui::PopTextWrapPos();
    }
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
    if (model_.teams().size() > 1) {
        ImGui::SetNextItemWidth(-1);
        const Team* current = model_.current_team();
        if (ImGui::BeginCombo("##team", current ? current->name.c_str() : "")) {
            for (const auto& t : model_.teams()) {
                if (ImGui::Selectable(t.name.c_str(), t.id == model_.team_id())) ctx.post(request::SwitchTeam{t.id});
                probe("rail.team." + t.name);
            }
            ImGui::EndCombo();
        }
        probe("rail.team");
    } else if (const Team* t = model_.current_team()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextUnformatted(t->name.c_str());
        ImGui::PopStyleColor();
    }
    // Who is at the keyboard: changes are recorded under this name.
    if (model_.current_team()) {
        const Member* me = current_member();
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextUnformatted(tr("rail.who"));
        ImGui::PopStyleColor();
        ImGui::SetNextItemWidth(-1);
        if (!me) ImGui::PushStyleColor(ImGuiCol_Border, p.warn);
        if (ImGui::BeginCombo("##who", me ? me->name.c_str() : tr("rail.who_choose"))) {
            for (const auto& m : model_.members())
                if (m.active && ImGui::Selectable(m.name.c_str(), m.id == member_id_)) ctx.post(request::ChooseMember{m.id});
            ImGui::EndCombo();
        }
        probe("rail.who");
        if (!me) ImGui::PopStyleColor();
    }
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();

    // The screens scroll when a large zoom makes them taller than the window; zoom and theme
    // stay in view below them.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float footer = ImGui::GetTextLineHeightWithSpacing() + 2 * ImGui::GetFrameHeightWithSpacing() + style.ItemSpacing.y;
    ImGui::BeginChild("##nav", ImVec2(0, -footer), false);
    rail_nav_window_ = ImGui::GetCurrentWindow()->ID;
    ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0.0f, 0.5f));
    for (ScreenId id : kRailScreens) {
        const bool active = screen_ == id;
        if (active) ImGui::PushFont(ctx.fonts.bold);
        const std::string text = std::string(active ? "▸ " : "   ") + tr(nav_key(id)) + "###nav_" + std::string(screen_name(id));
        if (ImGui::Selectable(text.c_str(), active, 0, ImVec2(0, em(1.6f)))) ctx.post(request::Show{id});
        probe("nav." + std::string(screen_name(id)));
        if (active) rail_item_ = ImGui::GetItemID();
        // When a large zoom makes the rail scroll, the screen just opened is scrolled into view.
        if (active && rail_shows_ != id) {
            ImGui::SetScrollHereY(0.5f);
            rail_shows_ = id;
        }
        if (active) ImGui::PopFont();
    }
    ImGui::PopStyleVar();
    ImGui::EndChild();

    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::TextUnformatted(trf("rail.zoom", {std::to_string(prefs_.zoom_pct)}).c_str());
    ImGui::PopStyleColor();
    if (ImGui::Button("−###zoom_out", em(2.2f, 0))) ctx.post(request::SetZoom{prefs_.zoom_pct - kZoomStep});
    ImGui::SameLine();
    if (ImGui::Button("+###zoom_in", em(2.2f, 0))) ctx.post(request::SetZoom{prefs_.zoom_pct + kZoomStep});
    probe("rail.zoom_in");
    if (ImGui::Button(label("rail.theme_toggle", "theme").c_str(), ImVec2(-1, 0)))
        ctx.post(request::SetTheme{prefs_.theme == Theme::light ? Theme::dark : Theme::light});
    probe("rail.theme");

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
        case ScreenId::managers: managers_->draw(ctx); break;
        case ScreenId::guideline: guideline_->draw(ctx); break;
        case ScreenId::team: team_->draw(ctx); break;
        case ScreenId::settings: settings_->draw(ctx); break;
    }
}

}  // namespace ts::ui

namespace ts::ui {

bool draw_needs_team(Ctx& ctx) {
    if (ctx.model.current_team()) return false;
    notice(Tone::info, tr("common.no_team"));
    if (primary_button(label("common.create_team", "goto_welcome").c_str())) ctx.post(request::Show{ScreenId::welcome});
    return true;
}

}  // namespace ts::ui
