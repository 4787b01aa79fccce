#include "ui/i18n.hpp"

namespace ts::ui {
namespace {
const I18n* g_active = nullptr;

void replace_all(std::string& text, std::string_view marker, const std::string& with) {
    for (std::size_t p = text.find(marker); p != std::string::npos; p = text.find(marker, p + with.size()))
        text.replace(p, marker.size(), with);
}

std::string fill(std::string out, std::initializer_list<std::string> args) {
    std::size_t i = 0;
    for (const auto& a : args) replace_all(out, "{" + std::to_string(i++) + "}", a);
    return out;
}

}  // namespace

const char* I18n::get(std::string_view key) const {
    const auto& map = translations_->in(lang_);
    const auto it = map.find(key);  // no std::string made (Translations::Map is transparent)
    if (it != map.end()) return it->second.c_str();
    static thread_local std::string missing;
    missing = std::string(key);
    return missing.c_str();
}

const char* I18n::get_plural(std::string_view key, long long n) const {
    const auto& map = translations_->plural_in(lang_);
    const auto it = map.find(key);
    if (it != map.end()) return it->second.for_count(n).c_str();
    static thread_local std::string missing;
    missing = std::string(key);
    return missing.c_str();
}

void set_active_i18n(const I18n* i18n) { g_active = i18n; }

const char* tr(std::string_view key) {
    if (!g_active) return key.data();
    return g_active->get(key);
}

std::string trf(std::string_view key, std::initializer_list<std::string> args) { return fill(tr(key), args); }

std::string trn(std::string_view key, long long n, std::initializer_list<std::string> args) {
    std::string out = g_active ? g_active->get_plural(key, n) : std::string(key);
    replace_all(out, "{n}", std::to_string(n));
    return fill(std::move(out), args);
}

std::string label(std::string_view key, std::string_view id) {
    std::string s = tr(key);
    s += "###";
    s += id;
    return s;
}

}  // namespace ts::ui
