// The preferences of this machine's user, in one JSON object of strings:
// $XDG_CONFIG_HOME/teamspiegel/preferences.json, else ~/.config/teamspiegel/preferences.json.
// Created 0600 in a 0700 folder and replaced whole on every change (the one --out helper).
#pragma once

#include "ui/preferences.hpp"

#include <map>
#include <string>

namespace ts {

std::string default_preferences_path();

class PreferencesFile : public ui::Preferences {
public:
    // Reads the file if it is there. A file that cannot be read or is not a JSON object of
    // strings is not used (`problem()` says why) and is left alone until a preference changes.
    explicit PreferencesFile(std::string path);
    std::optional<std::string> get(std::string_view key) const override;
    void set(std::string_view key, std::string_view value) override;
    const std::string& path() const { return path_; }
    const std::string& problem() const { return problem_; }

private:
    std::string path_, problem_;
    std::map<std::string, std::string, std::less<>> values_;
};

}  // namespace ts
