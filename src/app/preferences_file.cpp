#include "app/preferences_file.hpp"

#include "core/json_check.hpp"
#include "report/output_file.hpp"
#include "store/store.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace ts {

std::string default_preferences_path() {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    if (xdg && *xdg) return std::string(xdg) + "/teamspiegel/preferences.json";
    const char* home = std::getenv("HOME");
    return std::string(home && *home ? home : ".") + "/.config/teamspiegel/preferences.json";
}

PreferencesFile::PreferencesFile(std::string path) : path_(std::move(path)) {
    std::ifstream in(path_, std::ios::binary);
    if (!in) return;  // not there yet: every preference has its default
    std::ostringstream text;
    text << in.rdbuf();
    try {
        const nlohmann::json doc = parse_json_text(text.str(), path_);
        if (!doc.is_object()) throw std::runtime_error(path_ + ": not a JSON object");
        for (const auto& [key, value] : doc.items())
            if (value.is_string()) values_[key] = value.get<std::string>();
    } catch (const std::exception& e) {
        problem_ = e.what();
        values_.clear();
    }
}

std::optional<std::string> PreferencesFile::get(std::string_view key) const {
    const auto it = values_.find(key);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

void PreferencesFile::set(std::string_view key, std::string_view value) {
    auto next = values_;
    next[std::string(key)] = std::string(value);
    nlohmann::json doc = nlohmann::json::object();
    for (const auto& [k, v] : next) doc[k] = v;
    try {
        ensure_database_folder(path_);  // 0700 folders, as for the database
        write_output_file(path_, doc.dump(2) + "\n");
    } catch (const std::exception& e) {
        throw std::runtime_error(std::string("the preferences cannot be saved: ") + e.what());
    }
    values_ = std::move(next);
    problem_.clear();
}

}  // namespace ts
