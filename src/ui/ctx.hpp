// What a screen gets while it draws (Ctx), and the preferences of this machine it reads.
#pragma once

#include "core/content.hpp"
#include "model/model.hpp"
#include "store/store.hpp"
#include "ui/fonts.hpp"
#include "ui/i18n.hpp"
#include "ui/requests.hpp"
#include "ui/theme.hpp"

#include <utility>

namespace ts::ui {

// The rows the screens draw from live in the model (src/model), without ImGui.
using model::IncidentRow;
using model::MeasureRow;

// Preferences of this machine, kept in Preferences (the user's file), not in the database.
struct Prefs {
    Lang lang = Lang::nl;
    Theme theme = Theme::light;
    int zoom_pct = 100;
    // Minutes without input before the choice of who is at the keyboard is forgotten, and
    // before the screen locks; 0: never.
    int who_idle_min = 30;
    int lock_idle_min = 0;
};
inline constexpr int kIdleMinMax = 24 * 60;
inline constexpr int kZoomMin = 50, kZoomMax = 300, kZoomStep = 10;

class Shell;  // read only, through Ctx::shell
// What a screen gets while it draws: the store and content to read, the model's rows, the
// shell to read (never to change), and the queue for what it wants changed after the frame.
struct Ctx {
    Store& store;
    const Content& content;
    const Fonts& fonts;
    const model::Model& model;
    const Shell& shell;
    Lang lang;
    Requests& requests;
    template <class R>
    void post(R&& r) {
        requests.post(std::forward<R>(r));
    }
    // What shows elapsed time or a deadline asks to be drawn again within `seconds` (at most a
    // minute later for minutes, a second for a running timer), even when nothing else happens.
    // The shell collects the earliest (Requests::redraw_within) and the window waits until then.
    void redraw_within(double seconds) { requests.redraw_within(seconds); }
};

}  // namespace ts::ui
