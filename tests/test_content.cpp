#include "core/content.hpp"
#include "core/validation.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

namespace fs = std::filesystem;
using namespace ts;
using nlohmann::json;

namespace {

// A private copy of data/ named "data", so error messages read "data/<file>".
struct DataCopy {
    fs::path root, dir;
    DataCopy() {
        std::random_device rd;
        root = fs::temp_directory_path() / ("ts-content-" + std::to_string(rd()));
        dir = root / "data";
        fs::create_directories(root);
        fs::copy(TEAMSPIEGEL_TEST_DATA_DIR, dir, fs::copy_options::recursive);
    }
    ~DataCopy() {
        std::error_code ec;
        fs::remove_all(root, ec);
    }
    json read(const std::string& rel) const {
        std::ifstream in(dir / rel);
        return json::parse(in);
    }
    void write(const std::string& rel, const json& j) const { std::ofstream(dir / rel) << j.dump(2); }
    void write_text(const std::string& rel, const std::string& text) const { std::ofstream(dir / rel) << text; }
    std::string load_error() const {
        try {
            load_content(dir.string());
        } catch (const JsonError& e) {
            return e.what();
        }
        return "(no error)";
    }
};

}  // namespace

TEST_CASE("the shipped data files load and hold the guideline as in the seed", "[content]") {
    const Content c = load_content(TEAMSPIEGEL_TEST_DATA_DIR);
    const Guideline& g = c.guideline;
    REQUIRE(g.building_blocks.size() == 4);
    // Building blocks, topics and core recommendations as the seed lists them.
    CHECK(g.building_blocks[0].title.nl == "Pedagogisch klimaat");
    CHECK(g.building_blocks[1].title.nl == "Veiligheid en veiligheidsbeleving");
    CHECK(g.building_blocks[2].title.nl == "Ouderschap en ouderbetrokkenheid");
    CHECK(g.building_blocks[3].title.nl == "Toekomstgericht werken");
    CHECK(g.building_blocks[0].topics.size() == 10);
    CHECK(g.building_blocks[1].topics.size() == 6);
    CHECK(g.building_blocks[2].topics.size() == 5);
    CHECK(g.building_blocks[3].topics.size() == 8);
    CHECK(g.building_blocks[0].recommendations.size() == 2);
    CHECK(g.building_blocks[1].recommendations.size() == 3);
    CHECK(g.building_blocks[2].recommendations.size() == 2);
    CHECK(g.building_blocks[3].recommendations.size() == 3);
    CHECK(g.building_blocks[1].topics[3].text.nl.find("vrijheidsbeperkende maatregelen terugdringen") != std::string::npos);
    CHECK(g.building_blocks[2].recommendations[1].text.nl == "Communiceer transparant en creëer betrokkenheid.");
    CHECK(g.building_blocks[0].guiding_question.nl.rfind("Hoe bevorder je", 0) == 0);
    REQUIRE(g.reflection_questions.size() == 6);
    CHECK(g.reflection_questions[0].text.nl == "Welke aanbevelingen voer je al uit?");
    CHECK(g.reflection_questions[5].text.nl == "Hoe kun je deze richtlijn blijvend onder de aandacht houden?");
    REQUIRE(g.spearheads.size() == 4);
    CHECK(g.agenda_title.nl == "Speerpuntenagenda residentiële jeugdhulp");
    CHECK(g.source_url.find("richtlijnenjeugdhulp.nl") != std::string::npos);
    CHECK(g.has_ref("veiligheid"));
    CHECK(g.has_ref("veiligheid.k3"));
    CHECK_FALSE(g.has_ref("nonsense"));
    // Every text has both languages, and they differ (a translation, not a copy).
    for (const auto& b : g.building_blocks) {
        CHECK(b.title.en != b.title.nl);
        for (const auto& r : b.recommendations) CHECK(r.text.en != r.text.nl);
    }

    REQUIRE(c.measure_types.size() == 13);
    CHECK(c.measure_types[0].code == "seclusion_room");
    CHECK(c.measure_type("seclusion_cell")->seclusion);
    CHECK_FALSE(c.measure_type("physical_hold")->seclusion);
    CHECK(c.measure_type("room_search")->duration == DurationKind::none);
    CHECK(c.measure_type("other")->duration == DurationKind::optional);
    CHECK(c.measure_type("other")->reason_required);
    CHECK(c.incident_categories.size() == 11);
    CHECK(c.severities.size() == 4);
    CHECK(c.templates.size() == 6);
    // The two methods Dutch teams already use, of discussion steps with the minutes of the issue.
    const MeetingTemplate* intervisie = c.meeting_template("intervisie");
    REQUIRE(intervisie);
    std::vector<int> minutes;
    for (const TemplateStep& s : intervisie->steps) {
        CHECK(s.kind == StepKind::discussion);
        CHECK_FALSE(s.prompt.nl.empty());
        CHECK_FALSE(s.prompt.en.empty());
        minutes.push_back(s.minutes);
    }
    CHECK(minutes == std::vector<int>{5, 10, 5, 15, 10, 10, 10});
    const MeetingTemplate* beraad = c.meeting_template("moreel_beraad");
    REQUIRE(beraad);
    REQUIRE(beraad->steps.size() == 7);
    CHECK(beraad->steps.front().title.nl == "Casus");
    CHECK(beraad->steps.back().title.nl == "Schade beperken");
    const MeetingTemplate* t = c.meeting_template("teamreflectie");
    REQUIRE(t);
    CHECK(t->steps.size() == 7);
    CHECK(t->total_minutes() >= 60);
    CHECK(t->total_minutes() <= 90);
    CHECK(c.translations.nl.at("nav.meeting") == "Overleg");
    CHECK(c.translations.en.at("nav.meeting") == "Meeting");
}

TEST_CASE("a broken data file stops with one line naming file, path and problem", "[content]") {
    DataCopy d;

    SECTION("a missing translation in the guideline") {
        json g = d.read("guideline.json");
        g["building_blocks"][2]["topics"][0]["text"].erase("en");
        d.write("guideline.json", g);
        CHECK(d.load_error() == "data/guideline.json: $.building_blocks[2].topics[0].text.en: missing");
    }
    SECTION("an empty Dutch text") {
        json g = d.read("guideline.json");
        g["reflection_questions"]["questions"][4]["text"]["nl"] = "  ";
        d.write("guideline.json", g);
        CHECK(d.load_error() == "data/guideline.json: $.reflection_questions.questions[4].text.nl: empty text");
    }
    SECTION("only three building blocks") {
        json g = d.read("guideline.json");
        g["building_blocks"].erase(3);
        d.write("guideline.json", g);
        CHECK(d.load_error() == "data/guideline.json: $.building_blocks: expected at least 4 entries, found 3");
    }
    SECTION("a duplicate id") {
        json g = d.read("guideline.json");
        g["building_blocks"][1]["recommendations"][1]["id"] = g["building_blocks"][1]["recommendations"][0]["id"];
        d.write("guideline.json", g);
        CHECK(d.load_error().find("data/guideline.json: $.building_blocks[1].recommendations[1].id: duplicate id") == 0);
    }
    SECTION("not JSON at all") {
        d.write_text("guideline.json", "{\n  \"format\": \"teamspiegel-guideline\",\n  oops\n}");
        CHECK(d.load_error().find("data/guideline.json: $: not valid JSON at line 3") == 0);
    }
    SECTION("a file that is missing") {
        fs::remove(d.dir / "measure_types.json");
        CHECK(d.load_error() == "data/measure_types.json: $: cannot be read (missing or no permission)");
    }
    SECTION("an unknown duration kind") {
        json m = d.read("measure_types.json");
        m["types"][3]["duration"] = "sometimes";
        d.write("measure_types.json", m);
        CHECK(d.load_error() ==
              "data/measure_types.json: $.types[3].duration: \"sometimes\" is not one of required, none, optional");
    }
    SECTION("a wrong type") {
        json m = d.read("measure_types.json");
        m["types"][0]["seclusion"] = "yes";
        d.write("measure_types.json", m);
        CHECK(d.load_error() == "data/measure_types.json: $.types[0].seclusion: expected true or false, found a string");
    }
    SECTION("a misspelt field") {
        json m = d.read("incident_categories.json");
        m["categories"][2]["nmae"] = m["categories"][2]["name"];
        d.write("incident_categories.json", m);
        CHECK(d.load_error() == "data/incident_categories.json: $.categories[2].nmae: unknown field");
    }
    SECTION("severity levels out of order") {
        json m = d.read("incident_categories.json");
        m["severities"][1]["level"] = 3;
        d.write("incident_categories.json", m);
        CHECK(d.load_error() == "data/incident_categories.json: $.severities[1].level: expected 2 (levels 1-4 in order)");
    }
    SECTION("a template that does not start with the check-in") {
        json t = d.read("templates/teamreflectie.json");
        std::swap(t["steps"][0], t["steps"][1]);
        d.write("templates/teamreflectie.json", t);
        CHECK(d.load_error() == "data/templates/teamreflectie.json: $.steps[1].kind: check_in must be the first step");
    }
    SECTION("a template whose close is not the last step") {
        json t = d.read("templates/teamreflectie.json");
        std::swap(t["steps"][t["steps"].size() - 1], t["steps"][t["steps"].size() - 2]);
        d.write("templates/teamreflectie.json", t);
        CHECK(d.load_error() == "data/templates/teamreflectie.json: $.steps[" + std::to_string(t["steps"].size() - 2) +
                                    "].kind: close must be the last step");
    }
    SECTION("a discussion step without a prompt") {
        json t = d.read("templates/moreel_beraad.json");
        t["steps"][1].erase("prompt");
        d.write("templates/moreel_beraad.json", t);
        CHECK(d.load_error() == "data/templates/moreel_beraad.json: $.steps[1]: a discussion step needs a \"prompt\": what the room discusses");
    }
    SECTION("a template with an unknown step kind") {
        json t = d.read("templates/aan_de_slag.json");
        t["steps"][2]["kind"] = "coffee";
        d.write("templates/aan_de_slag.json", t);
        CHECK(d.load_error() == "data/templates/aan_de_slag.json: $.steps[2].kind: \"coffee\" is not a step kind");
    }
    SECTION("a template whose id does not match its file") {
        json t = d.read("templates/aan_de_slag.json");
        t["id"] = "something_else";
        d.write("templates/aan_de_slag.json", t);
        CHECK(d.load_error() ==
              "data/templates/aan_de_slag.json: $.id: \"something_else\" does not match the file name \"aan_de_slag.json\"");
    }
    SECTION("a UI string missing in English") {
        json en = d.read("i18n/en.json");
        en["strings"].erase("nav.meeting");
        d.write("i18n/en.json", en);
        CHECK(d.load_error() == "data/i18n/en.json: $.strings.nav.meeting: missing (present in nl.json)");
    }
    SECTION("an unsupported version") {
        json g = d.read("guideline.json");
        g["version"] = 2;
        d.write("guideline.json", g);
        CHECK(d.load_error() == "data/guideline.json: $.version: unsupported version (this program reads version 1)");
    }
}

TEST_CASE("the youth code pattern is checked when the data is loaded", "[content]") {
    const DataCopy d;
    json codes = d.read("youth_codes.json");
    SECTION("the shipped pattern") {
        const Content c = load_content(d.dir.string());
        CHECK(c.youth_codes.matches("J-07"));
        CHECK_FALSE(c.youth_codes.matches("Jan de Boer"));
        CHECK(c.youth_codes.description.nl.find("12 tekens") != std::string::npos);
    }
    SECTION("an organisation's own pattern") {
        codes["pattern"] = "LG[0-9]{2}-[0-9]{3}";
        codes["examples"] = {"LG04-017"};
        d.write("youth_codes.json", codes);
        const Content c = load_content(d.dir.string());
        CHECK(c.youth_codes.matches("LG04-017"));
        CHECK_FALSE(c.youth_codes.matches("J-07"));
    }
    SECTION("a pattern that would accept a name is refused") {
        codes["pattern"] = "[A-Za-z0-9 -]{1,20}";
        d.write("youth_codes.json", codes);
        CHECK(d.load_error() == "data/youth_codes.json: $.pattern: accepts the name \"Jansen\"; a code must not be able to hold a name");
    }
    SECTION("a pattern that is not a regular expression") {
        codes["pattern"] = "([0-9]";
        d.write("youth_codes.json", codes);
        CHECK_THAT(d.load_error(), Catch::StartsWith("data/youth_codes.json: $.pattern: not a valid regular expression"));
    }
    SECTION("an example that does not match") {
        codes["examples"] = {"J-07", "J 07"};
        d.write("youth_codes.json", codes);
        CHECK(d.load_error() == "data/youth_codes.json: $.examples[1]: \"J 07\" does not match the pattern");
    }
}

TEST_CASE("every problem the checks can report has words on screen and in files", "[content][validation]") {
    const Content shipped = load_content(TEAMSPIEGEL_TEST_DATA_DIR);
    REQUIRE(problem_keys().size() > 30);
    for (const auto& key : problem_keys()) {
        INFO(key);
        CHECK(shipped.translations.nl.count(key) == 1);
        CHECK(shipped.translations.en.count(key) == 1);
        CHECK(english_problem(key) != key);
    }
    // Dropped from both languages (one alone is caught as a difference between them).
    const DataCopy d;
    for (const char* lang : {"i18n/nl.json", "i18n/en.json"}) {
        json t = d.read(lang);
        t["strings"].erase("error.measure.end_before_start");
        d.write(lang, t);
    }
    CHECK(d.load_error() == "data/i18n/nl.json: $.strings.error.measure.end_before_start: missing (a problem the checks can report)");
}

TEST_CASE("data files with a key given twice are refused", "[content]") {
    const DataCopy d;
    d.write_text("youth_codes.json", R"({"format": "teamspiegel-youth-codes", "version": 1, "pattern": "[0-9]+",
      "pattern": "[A-Za-z0-9 ]+", "description": {"nl": "cijfers", "en": "digits"}, "examples": ["12"]})");
    CHECK(d.load_error() == "data/youth_codes.json: $.pattern: key given twice");
}

TEST_CASE("plural forms in the translation files are read per language", "[content][i18n][plural]") {
    const Content c = load_content(TEAMSPIEGEL_TEST_DATA_DIR);
    const auto& nl = c.translations.nl_plural.at("count.measures");
    CHECK(nl.for_count(1) == "{n} maatregel");
    CHECK(nl.for_count(0) == "{n} maatregelen");
    CHECK(nl.for_count(2) == "{n} maatregelen");
    CHECK(c.translations.en_plural.at("count.youths").for_count(1) == "{n} youth");
    CHECK(c.translations.en_plural.at("count.youths").for_count(3) == "{n} youths");
    CHECK(c.translations.nl.count("count.measures") == 0);  // not a plain text as well
}

TEST_CASE("broken plural forms stop loading with file key and problem", "[content][i18n][plural]") {
    DataCopy d;
    SECTION("a form missing") {
        json nl = d.read("i18n/nl.json");
        nl["strings"]["count.teams"].erase("one");
        d.write("i18n/nl.json", nl);
        CHECK(d.load_error() == "data/i18n/nl.json: $.strings.count.teams.one: missing");
    }
    SECTION("a form that is not one or other") {
        json en = d.read("i18n/en.json");
        en["strings"]["count.teams"]["few"] = "{n} teams";
        d.write("i18n/en.json", en);
        CHECK(d.load_error() == "data/i18n/en.json: $.strings.count.teams.few: unknown field");
    }
    SECTION("no place for the count") {
        json nl = d.read("i18n/nl.json");
        nl["strings"]["count.teams"]["other"] = "teams";
        d.write("i18n/nl.json", nl);
        CHECK(d.load_error() == "data/i18n/nl.json: $.strings.count.teams.other: no {n} where the count goes");
    }
    SECTION("an empty form") {
        json en = d.read("i18n/en.json");
        en["strings"]["count.teams"]["one"] = " ";
        d.write("i18n/en.json", en);
        CHECK(d.load_error() == "data/i18n/en.json: $.strings.count.teams.one: empty text");
    }
    SECTION("plural forms in one language and a text in the other") {
        json en = d.read("i18n/en.json");
        en["strings"]["count.teams"] = "{n} teams";
        d.write("i18n/en.json", en);
        CHECK(d.load_error() == "data/i18n/en.json: $.strings.count.teams: expected plural forms {\"one\", \"other\"} as in nl.json");
    }
    SECTION("plural forms missing in one language") {
        json nl = d.read("i18n/nl.json");
        nl["strings"].erase("count.teams");
        d.write("i18n/nl.json", nl);
        CHECK(d.load_error() == "data/i18n/nl.json: $.strings.count.teams: missing (present in en.json)");
    }
    SECTION("neither a text nor plural forms") {
        json nl = d.read("i18n/nl.json");
        nl["strings"]["nav.team"] = 3;
        d.write("i18n/nl.json", nl);
        CHECK(d.load_error() == "data/i18n/nl.json: $.strings.nav.team: expected a text, or plural forms {\"one\": …, \"other\": …}");
    }
}

TEST_CASE("a broken holidays file stops loading with file path and problem", "[content][working_days]") {
    DataCopy d;
    json h = d.read("holidays.json");
    REQUIRE(h["holidays"].size() > 100);
    REQUIRE(h["holidays"][3]["date"] == "2015-04-27");  // Koningsdag 2015, the fourth entry

    SECTION("the shipped file loads") {
        const Content c = load_content(d.dir.string());
        CHECK(c.holidays.contains(Date{2026, 4, 6}));
        CHECK(c.holidays.days.size() == h["holidays"].size());
    }
    SECTION("a date that does not exist") {
        h["holidays"][3]["date"] = "2015-02-30";
        d.write("holidays.json", h);
        CHECK(d.load_error() == "data/holidays.json: $.holidays[3].date: \"2015-02-30\" is not a date (expected YYYY-MM-DD)");
    }
    SECTION("a date written otherwise") {
        h["holidays"][3]["date"] = "27-04-2015";
        d.write("holidays.json", h);
        CHECK(d.load_error() == "data/holidays.json: $.holidays[3].date: \"27-04-2015\" is not a date (expected YYYY-MM-DD)");
    }
    SECTION("a date given twice") {
        h["holidays"][5]["date"] = h["holidays"][3]["date"];
        d.write("holidays.json", h);
        CHECK(d.load_error() == "data/holidays.json: $.holidays[5].date: duplicate date 2015-04-27 (one entry per date)");
    }
    SECTION("a date that is no text") {
        h["holidays"][0]["date"] = 20150101;
        d.write("holidays.json", h);
        CHECK(d.load_error().rfind("data/holidays.json: $.holidays[0].date: ", 0) == 0);
    }
    SECTION("a holiday without its English name") {
        h["holidays"][2]["name"].erase("en");
        d.write("holidays.json", h);
        CHECK(d.load_error() == "data/holidays.json: $.holidays[2].name.en: missing");
    }
    SECTION("a misspelt key") {
        h["holidays"][1]["datum"] = "2015-04-05";
        d.write("holidays.json", h);
        CHECK(d.load_error() == "data/holidays.json: $.holidays[1].datum: unknown field");
    }
    SECTION("no holidays at all") {
        h["holidays"] = json::array();
        d.write("holidays.json", h);
        CHECK(d.load_error().rfind("data/holidays.json: $.holidays: expected at least 1", 0) == 0);
    }
    SECTION("the file is missing") {
        fs::remove(d.dir / "holidays.json");
        CHECK(d.load_error() == "data/holidays.json: $: cannot be read (missing or no permission)");
    }
}
