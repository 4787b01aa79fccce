// The program's content from data/: the guideline, measure types, incident categories,
// meeting templates, public holidays and UI translations. Loaded and validated once at start; a broken
// file raises JsonError naming the file, the JSON path and the problem.
#pragma once

#include "core/json_check.hpp"
#include "core/types.hpp"
#include "core/working_days.hpp"

#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

namespace ts {

// A text in both languages.
struct Text {
    std::string nl, en;
    const std::string& in(Lang lang) const { return lang == Lang::en ? en : nl; }
};

struct GuidelineItem {
    std::string id;
    Text text;
};

struct BuildingBlock {
    std::string id;
    int number = 0;
    Text title, guiding_question;
    std::vector<GuidelineItem> topics, recommendations;
};

struct Spearhead {
    std::string id;
    int number = 0;
    Text title, summary;
    std::vector<GuidelineItem> key_points;
};

struct Guideline {
    Text source_title, source_makers, translation_note;
    std::string source_url;
    std::vector<BuildingBlock> building_blocks;
    Text reflection_title, reflection_intro;
    std::vector<GuidelineItem> reflection_questions;
    Text agenda_title, agenda_makers;
    std::vector<Spearhead> spearheads;

    const BuildingBlock* block(std::string_view id) const;
    // Any referable item (block, topic, recommendation, question, spearhead) by id.
    bool has_ref(std::string_view id) const;
};

enum class DurationKind { required, none, optional };

struct MeasureType {
    std::string code;
    Text name;
    DurationKind duration = DurationKind::required;
    bool seclusion = false;
    bool reason_required = false;
};

// How youth codes look (data/youth_codes.json), so that a name cannot be stored as a code.
struct YouthCodeRule {
    std::string pattern;  // ECMAScript regular expression, matched against the whole code
    Text description;     // the rule in words, for messages
    std::shared_ptr<const std::regex> regex;
    bool matches(const std::string& code) const;
};

struct IncidentCategory {
    std::string code;
    Text name;
};

struct TemplateStep {
    StepKind kind = StepKind::check_in;
    int minutes = 0;
    Text title;
    Text prompt;  // what the room discusses (a discussion step's question); may be empty
};

struct MeetingTemplate {
    std::string id;
    Text name, description;
    std::vector<TemplateStep> steps;
    int total_minutes() const;
};

// A string with a count in it, in the forms a language needs: "{n} team" / "{n} teams".
// `{n}` stands for the count. In the files: "key": {"one": "…", "other": "…"}.
struct PluralForms {
    std::string one, other;  // one: exactly 1; other: every other count, 0 included
    const std::string& for_count(long long n) const { return n == 1 ? one : other; }
};

// UI strings per language; both languages have exactly the same keys, and a key has plural
// forms in both or in neither.
struct Translations {
    // Transparent comparison: a look-up by std::string_view makes no string (tr() runs for
    // every label of every frame).
    using Map = std::map<std::string, std::string, std::less<>>;
    using PluralMap = std::map<std::string, PluralForms, std::less<>>;
    Map nl, en;
    PluralMap nl_plural, en_plural;
    const Map& in(Lang lang) const { return lang == Lang::en ? en : nl; }
    const PluralMap& plural_in(Lang lang) const { return lang == Lang::en ? en_plural : nl_plural; }
};

struct Content {
    std::string data_dir;
    Guideline guideline;
    std::vector<MeasureType> measure_types;
    std::vector<IncidentCategory> incident_categories;
    std::vector<Text> severities;  // index 0 = severity 1
    std::vector<MeetingTemplate> templates;
    YouthCodeRule youth_codes;
    Holidays holidays;  // data/holidays.json: the days that are no working day besides weekends
    Translations translations;

    const MeasureType* measure_type(std::string_view code) const;
    const IncidentCategory* incident_category(std::string_view code) const;
    const MeetingTemplate* meeting_template(std::string_view id) const;
};

// Each loader reads one file; `shown` is the name used in error messages (e.g. "data/guideline.json").
Guideline load_guideline(const std::string& path, const std::string& shown);
std::vector<MeasureType> load_measure_types(const std::string& path, const std::string& shown);
void load_incident_categories(const std::string& path, const std::string& shown,
                              std::vector<IncidentCategory>& categories, std::vector<Text>& severities);
YouthCodeRule load_youth_code_rule(const std::string& path, const std::string& shown);
// The Dutch public holidays: each entry a date ("YYYY-MM-DD") and its name; no date twice.
Holidays load_holidays(const std::string& path, const std::string& shown);
MeetingTemplate load_template(const std::string& path, const std::string& shown);
Translations load_translations(const std::string& nl_path, const std::string& en_path, const std::string& shown_dir);

// Loads everything under data_dir. Throws JsonError on the first problem.
Content load_content(const std::string& data_dir);

}  // namespace ts
