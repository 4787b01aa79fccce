#include "ui/i18n.hpp"

namespace ts::ui {
namespace {
const I18n* g_active = nullptr;
}

const char* I18n::get(std::string_view key) const {
    const auto& map = translations_->in(lang_);
    const auto it = map.find(key);  // no std::string made (Translations::Map is transparent)
    if (it != map.end()) return it->second.c_str();
    static thread_local std::string missing;
    missing = std::string(key);
    return missing.c_str();
}

void set_active_i18n(const I18n* i18n) { g_active = i18n; }

const char* tr(std::string_view key) {
    if (!g_active) return key.data();
    return g_active->get(key);
}

std::string trf(std::string_view key, std::initializer_list<std::string> args) {
    std::string out = tr(key);
    std::size_t i = 0;
    for (const auto& a : args) {
        const std::string marker = "{" + std::to_string(i++) + "}";
        for (std::size_t p = out.find(marker); p != std::string::npos; p = out.find(marker, p + a.size()))
            out.replace(p, marker.size(), a);
    }
    return out;
}

std::string label(std::string_view key, std::string_view id) {
    std::string s = tr(key);
    s += "###";
    s += id;
    return s;
}

}  // namespace ts::ui
