#include "app/data_dir.hpp"

#include <cstdlib>
#include <filesystem>

#ifndef TEAMSPIEGEL_SOURCE_DATA_DIR
#define TEAMSPIEGEL_SOURCE_DATA_DIR ""
#endif

namespace fs = std::filesystem;

namespace ts::app {

std::string find_data_dir() {
    if (const char* env = std::getenv("TEAMSPIEGEL_DATA"); env && *env) return env;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    for (const fs::path& candidate : {fs::path(TEAMSPIEGEL_SOURCE_DATA_DIR),
                                      ec ? fs::path() : exe.parent_path() / ".." / "share" / "teamspiegel" / "data",
                                      ec ? fs::path() : exe.parent_path() / "data"}) {
        if (!candidate.empty() && fs::exists(candidate / "guideline.json", ec)) return fs::weakly_canonical(candidate, ec).string();
    }
    return {};
}

}  // namespace ts::app
