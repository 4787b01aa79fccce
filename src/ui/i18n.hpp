// UI strings from data/i18n/{nl,en}.json. Dutch is the default language.
#pragma once

#include "core/content.hpp"

#include <string>
#include <string_view>

namespace ts::ui {

class I18n {
public:
    explicit I18n(const Translations& translations) : translations_(&translations) {}
    void set_language(Lang lang) { lang_ = lang; }
    Lang language() const { return lang_; }
    // The string for `key`; a missing key shows as the key itself so it is seen, never a crash.
    const char* get(std::string_view key) const;
    // The plural form of `key` for the count `n` ({n} not yet replaced); a missing key shows
    // as the key itself.
    const char* get_plural(std::string_view key, long long n) const;

private:
    const Translations* translations_;
    Lang lang_ = Lang::nl;
};

// The I18n the screens draw with (set by the shell before drawing).
void set_active_i18n(const I18n* i18n);
const char* tr(std::string_view key);
// tr() with {0}, {1}, … replaced by the arguments.
std::string trf(std::string_view key, std::initializer_list<std::string> args);
// A count with a noun in the right form: trn("count.teams", 1) is "1 team", with 2 "2 teams".
// {n} is the count; {0}, {1}, … the further arguments, as in trf().
std::string trn(std::string_view key, long long n, std::initializer_list<std::string> args = {});
// A translated label with a stable ImGui id: "Opslaan###save", so the id survives a language switch.
std::string label(std::string_view key, std::string_view id);

}  // namespace ts::ui
