// This machine's preferences — language, theme, zoom, the last team, who is at the keyboard —
// kept apart from the team database, so that people sharing a database (later on a server)
// do not share them, and a preference change writes nothing to the team's records.
// The program keeps them in a small file of the user (app/preferences_file.hpp); tests and
// the screenshot command keep them in memory.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ts::ui {

class Preferences {
public:
    virtual ~Preferences() = default;
    virtual std::optional<std::string> get(std::string_view key) const = 0;
    // Throws std::runtime_error with a plain message naming what could not be written.
    virtual void set(std::string_view key, std::string_view value) = 0;
};

// A stored preference that is a whole number from `lo` to `hi`; nullopt when it is missing,
// not a whole number, or out of range (the caller then keeps its default).
inline std::optional<int> whole_number(const std::optional<std::string>& text, int lo, int hi) {
    if (!text || text->empty()) return std::nullopt;
    try {
        std::size_t used = 0;
        const long n = std::stol(*text, &used);
        if (used != text->size() || n < lo || n > hi) return std::nullopt;
        return static_cast<int>(n);
    } catch (...) {
        return std::nullopt;
    }
}

class MemoryPreferences : public Preferences {
public:
    std::optional<std::string> get(std::string_view key) const override {
        const auto it = values_.find(std::string(key));
        if (it == values_.end()) return std::nullopt;
        return it->second;
    }
    void set(std::string_view key, std::string_view value) override {
        if (fail_writes) throw std::runtime_error("the preferences cannot be saved (a test's failure)");
        values_[std::string(key)] = std::string(value);
    }
    bool fail_writes = false;  // for tests: every set() throws

private:
    std::map<std::string, std::string, std::less<>> values_;
};

}  // namespace ts::ui
