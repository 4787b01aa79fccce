// This machine's preferences file (src/app/preferences_file.hpp).
#include "app/preferences_file.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

namespace fs = std::filesystem;
using namespace ts;

namespace {

unsigned mode_of(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 0777;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Sets an environment variable for one test and puts the old value (or its absence) back.
struct ScopedEnv {
    std::string name;
    std::optional<std::string> old;
    ScopedEnv(std::string n, const char* value) : name(std::move(n)) {
        if (const char* v = std::getenv(name.c_str())) old = v;
        if (value)
            ::setenv(name.c_str(), value, 1);
        else
            ::unsetenv(name.c_str());
    }
    ~ScopedEnv() {
        if (old)
            ::setenv(name.c_str(), old->c_str(), 1);
        else
            ::unsetenv(name.c_str());
    }
};

}  // namespace

TEST_CASE("the preferences file lives in the user's config folder", "[preferences]") {
    {
        ScopedEnv xdg("XDG_CONFIG_HOME", "/somewhere/config");
        CHECK(default_preferences_path() == "/somewhere/config/teamspiegel/preferences.json");
    }
    {
        ScopedEnv xdg("XDG_CONFIG_HOME", nullptr);
        ScopedEnv home("HOME", "/home/coach");
        CHECK(default_preferences_path() == "/home/coach/.config/teamspiegel/preferences.json");
    }
}

TEST_CASE("preferences are written 0600 in a 0700 folder and read back by the next start", "[preferences]") {
    const test::TempDir dir("ts-prefs");
    const std::string path = dir.file("config/teamspiegel/preferences.json");
    {
        PreferencesFile p(path);
        CHECK(p.problem().empty());
        CHECK_FALSE(p.get("ui.zoom_pct"));
        p.set("ui.zoom_pct", "130");
        p.set("ui.theme", "dark");
    }
    CHECK(mode_of(path) == 0600);
    CHECK(mode_of(dir.file("config/teamspiegel")) == 0700);
    const PreferencesFile again(path);
    CHECK(again.get("ui.zoom_pct") == std::optional<std::string>("130"));
    CHECK(again.get("ui.theme") == std::optional<std::string>("dark"));
}

TEST_CASE("a damaged preferences file is not used, named, and replaced by the next change", "[preferences]") {
    const test::TempDir dir("ts-prefs");
    const std::string path = dir.file("preferences.json");
    std::ofstream(path) << "{\"ui.zoom_pct\": \"130\", \"ui.zoom_pct\": \"90\"}";
    PreferencesFile p(path);
    CHECK_THAT(p.problem(), Catch::Contains("preferences.json") && Catch::Contains("key given twice"));
    CHECK_FALSE(p.get("ui.zoom_pct"));
    CHECK(slurp(path).find("90") != std::string::npos);  // left alone until a preference changes
    p.set("ui.language", "en");
    CHECK(p.problem().empty());
    CHECK(PreferencesFile(path).get("ui.language") == std::optional<std::string>("en"));
}

TEST_CASE("a preference that cannot be written says so and keeps the old file", "[preferences]") {
    const test::TempDir dir("ts-prefs");
    const std::string path = dir.file("preferences.json");
    PreferencesFile p(path);
    p.set("ui.zoom_pct", "130");
    fs::create_directory(dir.file("blocked"));
    PreferencesFile blocked(dir.file("blocked"));  // a folder where the file should be
    CHECK_THROWS_WITH(blocked.set("ui.zoom_pct", "90"), Catch::Contains("the preferences cannot be saved"));
    CHECK_FALSE(blocked.get("ui.zoom_pct"));
    CHECK(PreferencesFile(path).get("ui.zoom_pct") == std::optional<std::string>("130"));
}
