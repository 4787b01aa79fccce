// The settings screen: language, theme, zoom, the lock and who is at the keyboard, bundles,
// the database.
#pragma once

#include "core/bundle.hpp"
#include "core/validation.hpp"
#include "ui/shell.hpp"
#include "ui/screen_common.hpp"
#include "ui/widgets.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ts::ui {

class SettingsScreen {
public:
    void draw(Ctx& ctx);

private:
    void draw_exchange(Ctx& ctx);
    void draw_lock(Ctx& ctx);
    std::string pin_, pin_problem_;
    std::string export_path_, import_path_;
    bool export_all_teams_ = false;
    Anonymize anonymize_ = Anonymize::none;
    Tone result_tone_ = Tone::info;
    std::string result_;
};

}  // namespace ts::ui
