// Counts with a noun in both languages (issue 8, item 13): "1 team", "2 teams".
#include "core/content.hpp"
#include "ui/i18n.hpp"

#include <catch2/catch.hpp>

using namespace ts;

namespace {

const Content& content() {
    static const Content c = load_content(TEAMSPIEGEL_TEST_DATA_DIR);
    return c;
}

// Makes `lang` the language tr() and trn() use while it lives.
struct ActiveLanguage {
    ui::I18n i18n{content().translations};
    explicit ActiveLanguage(Lang lang) {
        i18n.set_language(lang);
        ui::set_active_i18n(&i18n);
    }
    ~ActiveLanguage() { ui::set_active_i18n(nullptr); }
};

}  // namespace

TEST_CASE("trn gives the singular for one and the plural otherwise in Dutch", "[i18n][plural]") {
    const ActiveLanguage nl(Lang::nl);
    CHECK(ui::trn("count.teams", 1) == "1 team");
    CHECK(ui::trn("count.teams", 2) == "2 teams");
    CHECK(ui::trn("count.measures", 1) == "1 maatregel");
    CHECK(ui::trn("count.measures", 0) == "0 maatregelen");
    CHECK(ui::trn("count.youths", 1) == "1 jongere");
    CHECK(ui::trn("meeting.minutes", 1) == "1 minuut");
    CHECK(ui::trn("meeting.minutes", 45) == "45 minuten");
    // Further arguments as in trf(): the number shown of the total.
    CHECK(ui::trn("measures.count", 1, {"1"}) == "1 van 1 maatregel");
    CHECK(ui::trn("measures.count", 12, {"3"}) == "3 van 12 maatregelen");
    CHECK(ui::trn("settings.exported", 1, {"/tmp/x.json"}) == "1 record geschreven naar /tmp/x.json");
}

TEST_CASE("trn gives the singular for one and the plural otherwise in English", "[i18n][plural]") {
    const ActiveLanguage en(Lang::en);
    CHECK(ui::trn("count.teams", 1) == "1 team");
    CHECK(ui::trn("count.youths", 1) == "1 youth");
    CHECK(ui::trn("count.youths", 7) == "7 youths");
    CHECK(ui::trn("count.incidents", 0) == "0 incidents");
    CHECK(ui::trn("incidents.count", 1, {"0"}) == "0 of 1 incident");
    CHECK(ui::trn("meeting.minutes", 1) == "1 minute");
    CHECK(ui::trn("meeting.minutes", 15) == "15 minutes");
    CHECK(ui::trf("overview.summary", {ui::trn("count.teams", 1), ui::trn("count.youths", 1), ui::trn("count.measures", 2),
                                       ui::trn("count.incidents", 1), ui::trn("count.actions", 0)}) ==
          "1 team, 1 youth, 2 measures, 1 incident and 0 actions in this database.");
}

TEST_CASE("trn shows a missing key as the key", "[i18n][plural]") {
    const ActiveLanguage nl(Lang::nl);
    CHECK(ui::trn("count.nothing", 2) == "count.nothing");
    // A plain text is no plural: asked as one, it shows as missing.
    CHECK(ui::trn("nav.team", 2) == "nav.team");
}
