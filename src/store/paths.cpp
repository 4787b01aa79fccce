#include "store/store.hpp"

#include <cstdlib>
#include <filesystem>
#include <vector>

namespace fs = std::filesystem;

namespace ts {

std::string default_database_path() {
    if (const char* p = std::getenv("TEAMSPIEGEL_DB"); p && *p) return p;
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) return (fs::path(x) / "teamspiegel" / "teamspiegel.db").string();
    const char* home = std::getenv("HOME");
    return (fs::path(home && *home ? home : ".") / ".local" / "share" / "teamspiegel" / "teamspiegel.db").string();
}

void ensure_database_folder(const std::string& file_path) {
    if (file_path == ":memory:") return;
    const fs::path folder = fs::absolute(fs::path(file_path)).parent_path();
    // Collect the missing folders from the top down so each gets 0700 as it is made.
    std::vector<fs::path> missing;
    for (fs::path p = folder; !p.empty() && !fs::exists(p); p = p.parent_path()) {
        missing.push_back(p);
        if (p == p.parent_path()) break;
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
        std::error_code ec;
        fs::create_directory(*it, ec);
        if (ec) throw StoreError("cannot create folder " + it->string() + ": " + ec.message());
        fs::permissions(*it, fs::perms::owner_all, fs::perm_options::replace, ec);
        if (ec) throw StoreError("cannot set permissions on " + it->string() + ": " + ec.message());
    }
    if (!fs::is_directory(folder)) throw StoreError(folder.string() + " is not a folder");
}

}  // namespace ts
