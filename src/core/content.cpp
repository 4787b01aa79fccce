#include "core/content.hpp"
#include "core/validation.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

namespace fs = std::filesystem;

namespace ts {
namespace {

Text read_text(const JsonAt& j) {
    j.only_keys({"nl", "en"});
    return Text{j["nl"].str(), j["en"].str()};
}

void check_format(const JsonAt& root, const char* format) {
    root.require_object();
    if (root["format"].str() != format) root["format"].fail(std::string("expected \"") + format + "\"");
    if (root["version"].integer(1, 1000) != 1) root["version"].fail("unsupported version (this program reads version 1)");
}

// Ids must be unique within a file; `seen` collects them.
std::string unique_id(const JsonAt& j, std::set<std::string>& seen) {
    std::string id = j.id();
    if (!seen.insert(id).second) j.fail("duplicate id \"" + id + "\"");
    return id;
}

std::vector<GuidelineItem> read_items(const JsonAt& arr, std::set<std::string>& seen, std::size_t min_count) {
    std::vector<GuidelineItem> out;
    for (const auto& item : arr.items(min_count)) {
        item.only_keys({"id", "text"});
        out.push_back({unique_id(item["id"], seen), read_text(item["text"])});
    }
    return out;
}

}  // namespace

const BuildingBlock* Guideline::block(std::string_view id) const {
    for (const auto& b : building_blocks)
        if (b.id == id) return &b;
    return nullptr;
}

bool Guideline::has_ref(std::string_view id) const {
    auto in = [&](const std::vector<GuidelineItem>& v) {
        return std::any_of(v.begin(), v.end(), [&](const GuidelineItem& i) { return i.id == id; });
    };
    for (const auto& b : building_blocks)
        if (b.id == id || in(b.topics) || in(b.recommendations)) return true;
    for (const auto& s : spearheads)
        if (s.id == id || in(s.key_points)) return true;
    return in(reflection_questions);
}

int MeetingTemplate::total_minutes() const {
    int total = 0;
    for (const auto& s : steps) total += s.minutes;
    return total;
}

const MeasureType* Content::measure_type(std::string_view code) const {
    for (const auto& t : measure_types)
        if (t.code == code) return &t;
    return nullptr;
}

const IncidentCategory* Content::incident_category(std::string_view code) const {
    for (const auto& c : incident_categories)
        if (c.code == code) return &c;
    return nullptr;
}

const MeetingTemplate* Content::meeting_template(std::string_view id) const {
    for (const auto& t : templates)
        if (t.id == id) return &t;
    return nullptr;
}

Guideline load_guideline(const std::string& path, const std::string& shown) {
    const nlohmann::json doc = read_json_file(path, shown);
    const JsonAt root(doc, shown);
    check_format(root, "teamspiegel-guideline");
    root.only_keys({"format", "version", "source", "building_blocks", "reflection_questions", "agenda"});

    Guideline g;
    std::set<std::string> ids;
    const JsonAt source = root["source"];
    source.only_keys({"title", "makers", "url", "translation_note"});
    g.source_title = read_text(source["title"]);
    g.source_makers = read_text(source["makers"]);
    g.source_url = source["url"].str();
    g.translation_note = read_text(source["translation_note"]);

    const auto blocks = root["building_blocks"].items(4, 4);
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const JsonAt& b = blocks[i];
        b.only_keys({"id", "number", "title", "guiding_question", "topics", "recommendations"});
        BuildingBlock block;
        block.id = unique_id(b["id"], ids);
        block.number = static_cast<int>(b["number"].integer(1, 4));
        if (block.number != static_cast<int>(i) + 1) b["number"].fail("expected " + std::to_string(i + 1) + " (blocks in order)");
        block.title = read_text(b["title"]);
        block.guiding_question = read_text(b["guiding_question"]);
        block.topics = read_items(b["topics"], ids, 1);
        block.recommendations = read_items(b["recommendations"], ids, 1);
        g.building_blocks.push_back(std::move(block));
    }

    const JsonAt rq = root["reflection_questions"];
    rq.only_keys({"title", "intro", "questions"});
    g.reflection_title = read_text(rq["title"]);
    g.reflection_intro = read_text(rq["intro"]);
    g.reflection_questions = read_items(rq["questions"], ids, 6);
    if (g.reflection_questions.size() != 6) rq["questions"].fail("expected the 6 questions of \"Aan de slag met de richtlijn\"");

    const JsonAt agenda = root["agenda"];
    agenda.only_keys({"title", "makers", "spearheads"});
    g.agenda_title = read_text(agenda["title"]);
    g.agenda_makers = read_text(agenda["makers"]);
    const auto heads = agenda["spearheads"].items(4, 4);
    for (std::size_t i = 0; i < heads.size(); ++i) {
        const JsonAt& s = heads[i];
        s.only_keys({"id", "number", "title", "summary", "key_points"});
        Spearhead sp;
        sp.id = unique_id(s["id"], ids);
        sp.number = static_cast<int>(s["number"].integer(1, 4));
        if (sp.number != static_cast<int>(i) + 1) s["number"].fail("expected " + std::to_string(i + 1) + " (spearheads in order)");
        sp.title = read_text(s["title"]);
        sp.summary = read_text(s["summary"]);
        sp.key_points = read_items(s["key_points"], ids, 1);
        g.spearheads.push_back(std::move(sp));
    }
    return g;
}

std::vector<MeasureType> load_measure_types(const std::string& path, const std::string& shown) {
    const nlohmann::json doc = read_json_file(path, shown);
    const JsonAt root(doc, shown);
    check_format(root, "teamspiegel-measure-types");
    root.only_keys({"format", "version", "types"});
    std::vector<MeasureType> out;
    std::set<std::string> ids;
    for (const auto& t : root["types"].items(1)) {
        t.only_keys({"code", "name", "duration", "seclusion", "reason_required"});
        MeasureType m;
        m.code = unique_id(t["code"], ids);
        m.name = read_text(t["name"]);
        const std::string d = t["duration"].str();
        if (d == "required") m.duration = DurationKind::required;
        else if (d == "none") m.duration = DurationKind::none;
        else if (d == "optional") m.duration = DurationKind::optional;
        else t["duration"].fail("\"" + d + "\" is not one of required, none, optional");
        m.seclusion = t["seclusion"].boolean();
        m.reason_required = t["reason_required"].boolean();
        out.push_back(std::move(m));
    }
    return out;
}

bool YouthCodeRule::matches(const std::string& code) const { return regex && std::regex_match(code, *regex); }

YouthCodeRule load_youth_code_rule(const std::string& path, const std::string& shown) {
    const nlohmann::json doc = read_json_file(path, shown);
    const JsonAt root(doc, shown);
    check_format(root, "teamspiegel-youth-codes");
    root.only_keys({"format", "version", "_comment", "pattern", "description", "examples"});
    YouthCodeRule rule;
    const JsonAt pattern = root["pattern"];
    rule.pattern = pattern.str();
    try {
        rule.regex = std::make_shared<const std::regex>(rule.pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
        pattern.fail(std::string("not a valid regular expression (") + e.what() + ")");
    }
    rule.description = read_text(root["description"]);
    for (const JsonAt& ex : root["examples"].items(1)) {
        const std::string code = ex.str();
        if (!rule.matches(code)) ex.fail("\"" + code + "\" does not match the pattern");
    }
    // The point of the pattern: a person's name never fits it.
    for (const char* name : {"Jansen", "Jan de Boer", "Fatima el Amrani", "Sanne"})
        if (rule.matches(name)) pattern.fail(std::string("accepts the name \"") + name + "\"; a code must not be able to hold a name");
    return rule;
}

Holidays load_holidays(const std::string& path, const std::string& shown) {
    const nlohmann::json doc = read_json_file(path, shown);
    const JsonAt root(doc, shown);
    check_format(root, "teamspiegel-holidays");
    root.only_keys({"format", "version", "description", "holidays"});
    root["description"].str();
    Holidays h;
    std::set<std::string> seen;
    for (const JsonAt& e : root["holidays"].items(1)) {
        e.only_keys({"date", "name"});
        const JsonAt date = e["date"];
        const std::string text = date.str();
        const auto d = parse_date(text);
        if (!d) date.fail("\"" + text + "\" is not a date (expected YYYY-MM-DD)");
        if (!seen.insert(text).second) date.fail("duplicate date " + text + " (one entry per date)");
        read_text(e["name"]);
        h.days.push_back(days_from_civil(*d));
    }
    std::sort(h.days.begin(), h.days.end());
    return h;
}

void load_incident_categories(const std::string& path, const std::string& shown,
                              std::vector<IncidentCategory>& categories, std::vector<Text>& severities) {
    const nlohmann::json doc = read_json_file(path, shown);
    const JsonAt root(doc, shown);
    check_format(root, "teamspiegel-incident-categories");
    root.only_keys({"format", "version", "categories", "severities"});
    std::set<std::string> ids;
    categories.clear();
    for (const auto& c : root["categories"].items(1)) {
        c.only_keys({"code", "name"});
        categories.push_back({unique_id(c["code"], ids), read_text(c["name"])});
    }
    severities.clear();
    const auto sev = root["severities"].items(4, 4);
    for (std::size_t i = 0; i < sev.size(); ++i) {
        sev[i].only_keys({"level", "name"});
        if (sev[i]["level"].integer(1, 4) != static_cast<long long>(i) + 1)
            sev[i]["level"].fail("expected " + std::to_string(i + 1) + " (levels 1-4 in order)");
        severities.push_back(read_text(sev[i]["name"]));
    }
}

MeetingTemplate load_template(const std::string& path, const std::string& shown) {
    const nlohmann::json doc = read_json_file(path, shown);
    const JsonAt root(doc, shown);
    check_format(root, "teamspiegel-template");
    root.only_keys({"format", "version", "id", "name", "description", "steps"});
    MeetingTemplate t;
    t.id = root["id"].id();
    const std::string stem = fs::path(path).stem().string();
    if (t.id != stem) root["id"].fail("\"" + t.id + "\" does not match the file name \"" + stem + ".json\"");
    t.name = read_text(root["name"]);
    t.description = read_text(root["description"]);
    const auto steps = root["steps"].items(3, 12);
    std::set<StepKind> seen;
    for (const auto& s : steps) {
        s.only_keys({"kind", "minutes", "title", "prompt"});
        TemplateStep step;
        const std::string kind = s["kind"].str();
        auto k = step_kind_from_string(kind);
        if (!k) s["kind"].fail("\"" + kind + "\" is not a step kind");
        // A kind with its own screen comes once; a method's discussion steps as often as it has them.
        if (*k != StepKind::discussion && !seen.insert(*k).second) s["kind"].fail("step kind \"" + kind + "\" appears twice");
        step.kind = *k;
        step.minutes = static_cast<int>(s["minutes"].integer(1, 120));
        step.title = read_text(s["title"]);
        if (s.has("prompt")) step.prompt = read_text(s["prompt"]);
        else if (step.kind == StepKind::discussion) s.fail("a discussion step needs a \"prompt\": what the room discusses");
        t.steps.push_back(std::move(step));
    }
    // The meeting's shape: a check-in comes first and a close last; the open actions are the
    // first step after the check-in (the first thing a team does is look back on what it
    // agreed). A method built of discussion steps alone (intervisie, moreel beraad) has none.
    for (std::size_t i = 0; i < t.steps.size(); ++i) {
        const StepKind k = t.steps[i].kind;
        if (k == StepKind::check_in && i != 0) steps[i]["kind"].fail("check_in must be the first step");
        if (k == StepKind::close && i + 1 != t.steps.size()) steps[i]["kind"].fail("close must be the last step");
        if (k == StepKind::open_actions && i != (t.steps.front().kind == StepKind::check_in ? 1u : 0u))
            steps[i]["kind"].fail("open_actions must come first, right after check_in if there is one");
    }
    return t;
}

Translations load_translations(const std::string& nl_path, const std::string& en_path, const std::string& shown_dir) {
    Translations tr;
    auto load = [&](const std::string& path, const char* lang, Translations::Map& into, Translations::PluralMap& plurals) {
        const std::string shown = shown_dir + "/" + lang + ".json";
        const nlohmann::json doc = read_json_file(path, shown);
        const JsonAt root(doc, shown);
        check_format(root, "teamspiegel-translations");
        root.only_keys({"format", "version", "language", "strings"});
        if (root["language"].str() != lang) root["language"].fail(std::string("expected \"") + lang + "\"");
        const JsonAt strings = root["strings"];
        strings.require_object();
        for (const auto& [key, value] : strings.value().items()) {
            const JsonAt v(value, shown, "$.strings." + key);
            if (value.is_object()) {
                // A count with a noun: {"one": "{n} team", "other": "{n} teams"}.
                v.only_keys({"one", "other"});
                PluralForms forms{v["one"].str(), v["other"].str()};
                if (forms.other.find("{n}") == std::string::npos) v["other"].fail("no {n} where the count goes");
                plurals[key] = std::move(forms);
            } else if (value.is_string()) {
                into[key] = v.str();
            } else {
                v.fail("expected a text, or plural forms {\"one\": …, \"other\": …}");
            }
        }
    };
    load(nl_path, "nl", tr.nl, tr.nl_plural);
    load(en_path, "en", tr.en, tr.en_plural);
    const std::string nl_shown = shown_dir + "/nl.json", en_shown = shown_dir + "/en.json";
    // Both languages have the same keys, each of the same kind (a text, or plural forms).
    auto same_keys = [](const auto& from, const auto& other_kind, const auto& into, const std::string& into_shown,
                        const char* from_name, const char* kind) {
        for (const auto& [key, v] : from) {
            if (into.count(key)) continue;
            if (other_kind.count(key))
                throw JsonError(into_shown, "$.strings." + key, std::string("expected ") + kind + " as in " + from_name);
            throw JsonError(into_shown, "$.strings." + key, std::string("missing (present in ") + from_name + ")");
        }
    };
    // Dutch, the default, is the reference: a difference is reported in en.json where it can be.
    same_keys(tr.nl, tr.en_plural, tr.en, en_shown, "nl.json", "a text");
    same_keys(tr.nl_plural, tr.en, tr.en_plural, en_shown, "nl.json", "plural forms {\"one\", \"other\"}");
    same_keys(tr.en, tr.nl_plural, tr.nl, nl_shown, "en.json", "a text");
    same_keys(tr.en_plural, tr.nl, tr.nl_plural, nl_shown, "en.json", "plural forms {\"one\", \"other\"}");
    return tr;
}

Content load_content(const std::string& data_dir) {
    Content c;
    c.data_dir = data_dir;
    const fs::path dir(data_dir);
    // Messages name files relative to the data folder's parent ("data/guideline.json").
    const std::string shown_root = dir.filename().empty() ? dir.parent_path().filename().string() : dir.filename().string();
    auto shown = [&](const std::string& rel) { return shown_root + "/" + rel; };

    c.guideline = load_guideline((dir / "guideline.json").string(), shown("guideline.json"));
    c.measure_types = load_measure_types((dir / "measure_types.json").string(), shown("measure_types.json"));
    load_incident_categories((dir / "incident_categories.json").string(), shown("incident_categories.json"),
                             c.incident_categories, c.severities);

    const fs::path tdir = dir / "templates";
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(tdir, ec))
        if (e.path().extension() == ".json") files.push_back(e.path());
    if (ec || files.empty()) throw JsonError(shown("templates/"), "$", "no meeting templates found (expected *.json files)");
    std::sort(files.begin(), files.end());
    for (const auto& f : files) c.templates.push_back(load_template(f.string(), shown("templates/" + f.filename().string())));

    c.youth_codes = load_youth_code_rule((dir / "youth_codes.json").string(), shown("youth_codes.json"));
    c.holidays = load_holidays((dir / "holidays.json").string(), shown("holidays.json"));
    c.translations = load_translations((dir / "i18n" / "nl.json").string(), (dir / "i18n" / "en.json").string(), shown("i18n"));
    // A problem the checks can report must have words on screen (both languages have the same
    // keys, see load_translations).
    for (const auto& key : problem_keys())
        if (!c.translations.nl.count(key))
            throw JsonError(shown("i18n/nl.json"), "$.strings." + key, "missing (a problem the checks can report)");
    return c;
}

}  // namespace ts
