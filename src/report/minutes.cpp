#include "report/minutes.hpp"

#include "report/html.hpp"

#include "core/code_match.hpp"
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "report/output_file.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>

namespace ts::report {
namespace {

// --- reading -------------------------------------------------------------------------------

template <typename T>
const T* find_by_id(const std::vector<T>& v, std::string_view id) {
    for (const T& x : v)
        if (x.id == id) return &x;
    return nullptr;
}

}  // namespace

MinutesData read_minutes_data(Store& store, const std::string& meeting_id) {
    // The meeting's team, then that team's records: the store has no narrower read of a
    // meeting yet, and a team's records are read in well under the reports' 100 ms.
    const std::string id = is_uuid(meeting_id) ? canonical_uuid(meeting_id) : meeting_id;
    const auto head = id.empty() ? std::nullopt : store.head(Kind::meeting, id);
    if (!head) throw MinutesError("no meeting with id \"" + meeting_id + "\"");
    Dataset d = store.export_data(head->owner);
    MinutesData out;
    const Meeting* m = find_by_id(d.meetings, id);
    const Team* team = find_by_id(d.teams, head->owner);
    if (!m || !team) throw MinutesError("no meeting with id \"" + meeting_id + "\"");
    out.meeting = *m;
    out.team = *team;
    out.members = std::move(d.members);
    out.youths = std::move(d.youths);

    std::set<std::string> reviewed;
    for (ActionUpdate& u : d.action_updates) {
        if (u.meeting_id != id) continue;
        reviewed.insert(u.action_id);
        out.updates.push_back(std::move(u));
    }
    std::stable_sort(out.updates.begin(), out.updates.end(),
                     [](const ActionUpdate& a, const ActionUpdate& b) { return a.created_at < b.created_at; });
    std::set<std::string> incident_ids;
    for (Action& a : d.actions) {
        if (a.meeting_id != id && !reviewed.count(a.id)) continue;
        if (a.incident_id) incident_ids.insert(*a.incident_id);
        out.actions.push_back(std::move(a));
    }
    std::stable_sort(out.actions.begin(), out.actions.end(), [](const Action& a, const Action& b) {
        return a.created_at != b.created_at ? a.created_at < b.created_at : a.id < b.id;
    });
    // And those the meeting discussed (its incidents step).
    incident_ids.insert(out.meeting.discussed_incident_ids.begin(), out.meeting.discussed_incident_ids.end());
    for (Incident& i : d.incidents)
        if (incident_ids.count(i.id)) out.incidents.push_back(std::move(i));

    // The team's ratings at earlier meetings, oldest first, so that the last one given stays.
    std::vector<const Meeting*> earlier;
    for (const Meeting& e : d.meetings)
        if (e.team_id == out.meeting.team_id && e.held_on < out.meeting.held_on && !e.ratings.empty()) earlier.push_back(&e);
    std::sort(earlier.begin(), earlier.end(), [](const Meeting* a, const Meeting* b) {
        return a->held_on != b->held_on ? a->held_on < b->held_on : a->created_at < b->created_at;
    });
    std::map<std::string, PreviousRating, std::less<>> last;
    for (const Meeting* e : earlier)
        for (const auto& [rec, rating] : e->ratings) last[rec] = PreviousRating{rec, rating, e->held_on};
    for (const auto& r : out.meeting.ratings)
        if (const auto it = last.find(r.first); it != last.end()) out.previous_ratings.push_back(it->second);
    return out;
}

namespace {

// --- the document: headings, paragraphs and lists of spans, written as Markdown or HTML -------

struct Span {
    Span(std::string text_, bool strong_ = false) : text(std::move(text_)), strong(strong_) {}
    static Span link(std::string url) {
        Span s{std::string()};
        s.url = std::move(url);
        return s;
    }
    std::string text;  // a space at its start or end is kept between spans; its lines are trimmed
    bool strong = false;
    std::string url;            // a link to this address, shown as it is (text is unused)
    bool break_before = false;  // starts on a new line
};
using Line = std::vector<Span>;

struct Block {
    enum class Kind { title, section, step, para, list } kind = Kind::para;
    Line line;                // title, section, step, para
    std::vector<Line> items;  // list
    std::string cls;          // HTML class, if any
};

// The lines of a text that are not blank, each trimmed: what a paragraph shows of it. Trimming
// keeps a typed indent from becoming a Markdown code block; blank lines would end a list item.
std::vector<std::string_view> text_lines(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t' || line.front() == '\r')) line.remove_prefix(1);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
        if (!line.empty()) out.push_back(line);
        start = end + 1;
    }
    return out;
}

// --- Markdown (CommonMark) ---

// Escapes one line of text so that CommonMark shows it as typed: the characters that open
// inline markup everywhere, and those that open a block at the start of a line.
std::string md_escape(std::string_view s, bool at_line_start) {
    std::string out;
    out.reserve(s.size() + 8);
    std::size_t i = 0;
    if (at_line_start && !s.empty()) {
        const char c = s[0];
        if (c == '+' || c == '-' || c == '=') {
            out += '\\';
        } else {
            // "1." or "1)" starts an ordered list.
            std::size_t k = 0;
            while (k < s.size() && k < 10 && s[k] >= '0' && s[k] <= '9') ++k;
            if (k > 0 && k < s.size() && (s[k] == '.' || s[k] == ')')) {
                out.append(s.substr(0, k));
                out += '\\';
                i = k;
            }
        }
    }
    for (; i < s.size(); ++i) {
        const char c = s[i];
        switch (c) {
            case '\\':
            case '#':
            case '`':
            case '*':
            case '_':
            case '[':
            case ']':
            case '<':
            case '>':
            case '|':
            case '~':
            case '&':
            case '!': out += '\\'; break;
            default: break;
        }
        out += c;
    }
    return out;
}

// A line of spans; a text of several lines gets hard line breaks, the next line indented by
// `indent` spaces (a list item's). A heading (one_line) joins the lines with a space.
std::string md_line(const Line& line, std::size_t indent, bool one_line) {
    std::string out;
    bool at_start = !one_line;  // a heading's text opens no block
    const std::string hard_break = one_line ? " " : "\\\n" + std::string(indent, ' ');
    for (const Span& span : line) {
        if (span.break_before && !out.empty()) {
            while (!out.empty() && out.back() == ' ') out.pop_back();
            out += hard_break;
            at_start = !one_line;
        }
        if (!span.url.empty()) {
            const bool plain = span.url.find_first_of(" <>\n") == std::string::npos;
            out += plain ? "<" + span.url + ">" : md_escape(span.url, at_start);
            at_start = false;
            continue;
        }
        const auto lines = text_lines(span.text);
        if (lines.empty()) continue;
        if (span.text.front() == ' ' && !at_start) out += ' ';
        for (std::size_t k = 0; k < lines.size(); ++k) {
            if (k > 0) {
                out += hard_break;
                at_start = !one_line;
            }
            const std::string text = md_escape(lines[k], at_start);
            out += span.strong ? "**" + text + "**" : text;
            at_start = false;
        }
        if (span.text.back() == ' ') out += ' ';
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::string to_markdown(const std::vector<Block>& doc) {
    std::string out;
    for (const Block& b : doc) {
        if (!out.empty()) out += '\n';
        switch (b.kind) {
            case Block::Kind::title: out += "# " + md_line(b.line, 0, true) + "\n"; break;
            case Block::Kind::section: out += "## " + md_line(b.line, 0, true) + "\n"; break;
            case Block::Kind::step: out += "### " + md_line(b.line, 0, true) + "\n"; break;
            case Block::Kind::para: out += md_line(b.line, 0, false) + "\n"; break;
            case Block::Kind::list:
                for (const Line& item : b.items) out += "- " + md_line(item, 2, false) + "\n";
                break;
        }
    }
    return out;
}

// --- HTML ---

// The exports' escaping (report/html.hpp): the five characters, and control characters a page
// may not hold as spaces.
std::string html_escape(std::string_view s) { return escape_html(s); }

std::string html_line(const Line& line, bool one_line) {
    std::string out;
    const char* line_break = one_line ? " " : "<br>\n";
    for (const Span& span : line) {
        if (span.break_before && !out.empty()) {
            while (!out.empty() && out.back() == ' ') out.pop_back();
            out += line_break;
        }
        if (!span.url.empty()) {
            out += "<a href=\"" + html_escape(span.url) + "\">" + html_escape(span.url) + "</a>";
            continue;
        }
        const auto lines = text_lines(span.text);
        if (lines.empty()) continue;
        std::string text;
        if (span.text.front() == ' ' && !out.empty() && out.back() != '\n') out += ' ';
        for (std::size_t k = 0; k < lines.size(); ++k) {
            if (k > 0) text += line_break;
            text += html_escape(lines[k]);
        }
        out += span.strong ? "<strong>" + text + "</strong>" : text;
        if (span.text.back() == ' ') out += ' ';
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

constexpr const char* kCss = R"css(
@page { size: A4; margin: 20mm 18mm 22mm 18mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 11pt; line-height: 1.45;
       color: #111; background: #fff; max-width: 180mm; margin: 0 auto; padding: 12mm 8mm; }
h1 { font-size: 19pt; line-height: 1.2; margin: 0 0 0.5em; }
h2 { font-size: 14pt; margin: 1.5em 0 0.5em; padding-bottom: 0.15em; border-bottom: 1px solid #888; }
h3 { font-size: 12pt; margin: 1.1em 0 0.3em; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
p, li { break-inside: avoid; page-break-inside: avoid; orphans: 3; widows: 3; margin: 0.3em 0; }
ul { padding-left: 1.3em; margin: 0.3em 0 0.6em; }
ul.meta { list-style: none; padding-left: 0; }
p.private { border: 1px solid #a00; color: #700; padding: 0.3em 0.6em; }
p.time, p.empty { color: #444; font-style: italic; }
div.source { margin-top: 2em; font-size: 9pt; color: #333; }
a { color: #124; }
@media print {
  body { padding: 0; max-width: none; }
  a { color: inherit; text-decoration: none; }
  div.source { break-inside: avoid; page-break-inside: avoid; }
}
)css";

std::string to_html(const std::vector<Block>& doc, Lang lang) {
    std::string title;
    for (const Block& b : doc)
        if (b.kind == Block::Kind::title) title = html_line(b.line, true);
    std::string out = "<!DOCTYPE html>\n<html lang=\"" + std::string(lang == Lang::en ? "en" : "nl") + "\">\n<head>\n";
    out += "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<title>" + title + "</title>\n<style>" + std::string(kCss) + "</style>\n</head>\n<body>\n<div class=\"minutes\">\n";
    bool in_section = false;
    for (const Block& b : doc) {
        const std::string cls = b.cls.empty() ? "" : " class=\"" + html_escape(b.cls) + "\"";
        switch (b.kind) {
            case Block::Kind::title: out += "<h1>" + html_line(b.line, true) + "</h1>\n"; break;
            case Block::Kind::section:
                if (in_section) out += "</div>\n";
                // A div, not <section>: the HTML 4 parsers (xmllint --html) know it too.
                out += "<div class=\"section" + (b.cls.empty() ? std::string() : " " + html_escape(b.cls)) + "\">\n<h2>" +
                       html_line(b.line, true) + "</h2>\n";
                in_section = true;
                break;
            case Block::Kind::step: out += "<h3>" + html_line(b.line, true) + "</h3>\n"; break;
            case Block::Kind::para: out += "<p" + cls + ">" + html_line(b.line, false) + "</p>\n"; break;
            case Block::Kind::list:
                out += "<ul" + cls + ">\n";
                for (const Line& item : b.items) out += "<li>" + html_line(item, false) + "</li>\n";
                out += "</ul>\n";
                break;
        }
    }
    if (in_section) out += "</div>\n";
    out += "</div>\n</body>\n</html>\n";
    return out;
}

// --- the minutes ------------------------------------------------------------------------------

class MinutesWriter {
public:
    MinutesWriter(const MinutesData& data, const Content& content, const MinutesOptions& options)
        : d_(data), c_(content), o_(options), words_(content.translations.in(options.lang)) {
        if (o_.private_mode) {
            codes_ = code_keys_longest_first(d_.youths);
            hidden_ = t("minutes.code_hidden");
        }
    }

    std::vector<Block> build() {
        header();
        attendees();
        steps();
        action_updates();
        new_actions();
        ratings();
        answers();
        next_meeting();
        source();
        return std::move(doc_);
    }

private:
    const MinutesData& d_;
    const Content& c_;
    const MinutesOptions& o_;
    const Translations::Map& words_;
    std::vector<std::string> codes_;  // the youths' code_key(), longest first
    std::string hidden_;
    std::vector<Block> doc_;

    std::string t(std::string_view key) const {
        const auto it = words_.find(key);
        return it == words_.end() ? std::string(key) : it->second;
    }

    // The team's own words: kept, with youth codes hidden in private minutes.
    std::string own(std::string_view text) const { return o_.private_mode ? mask_codes(text, codes_, hidden_) : std::string(text); }

    void add(Block::Kind kind, Line line, std::string cls = {}) {
        Block b;
        b.kind = kind;
        b.line = std::move(line);
        b.cls = std::move(cls);
        doc_.push_back(std::move(b));
    }
    void section(const std::string& title, std::string cls = {}) { add(Block::Kind::section, {Span{title}}, std::move(cls)); }
    void list(std::vector<Line> items, std::string cls = {}) {
        Block b;
        b.kind = Block::Kind::list;
        b.items = std::move(items);
        b.cls = std::move(cls);
        doc_.push_back(std::move(b));
    }
    static Span below(std::string text) {
        Span s{std::move(text)};
        s.break_before = true;
        return s;
    }
    void empty(const char* key) { add(Block::Kind::para, {Span{t(key)}}, "empty"); }

    // "donderdag 12 maart 2026" (or "12 maart 2026"); a text that is no date as it is.
    std::string long_date(std::string_view text, bool weekday_too = true) const {
        const auto date = parse_date(text.substr(0, std::min<std::size_t>(text.size(), 10)));
        if (!date) return std::string(text);
        const auto words = [](const std::string& all) {
            std::vector<std::string> out;
            std::istringstream in(all);
            for (std::string w; in >> w;) out.push_back(w);
            return out;
        };
        const auto months = words(t("minutes.months"));
        const auto days = words(t("minutes.weekdays"));
        const std::int64_t n = days_from_civil(*date);
        const auto weekday = static_cast<std::size_t>(((n + 3) % 7 + 7) % 7);  // 1970-01-01 was a Thursday; Monday = 0
        std::string out;
        if (weekday_too && days.size() == 7) out += days[weekday] + " ";
        out += std::to_string(date->day) + " ";
        out += months.size() == 12 ? months[static_cast<std::size_t>(date->month - 1)] : std::to_string(date->month);
        return out + " " + std::to_string(date->year);
    }

    std::string member_name(const std::optional<std::string>& id) const {
        if (!id) return t("minutes.nobody");
        const Member* m = find_by_id(d_.members, *id);
        return m ? m->name : t("minutes.unknown_member");
    }

    std::string status_name(ActionStatus s) const { return t("minutes.status." + std::string(to_string(s))); }

    // What a guideline id names: a building block, topic, recommendation, question or spearhead.
    std::string guideline_text(std::string_view id, bool question) const {
        const Guideline& g = c_.guideline;
        const Lang lang = o_.lang;
        for (const BuildingBlock& b : g.building_blocks) {
            if (b.id == id)
                return question ? b.guiding_question.in(lang)
                                : t("minutes.building_block") + " " + std::to_string(b.number) + " · " + b.title.in(lang);
            for (const auto* items : {&b.topics, &b.recommendations})
                for (const GuidelineItem& i : *items)
                    if (i.id == id) return i.text.in(lang);
        }
        for (const GuidelineItem& q : g.reflection_questions)
            if (q.id == id) return q.text.in(lang);
        for (const Spearhead& s : g.spearheads) {
            if (s.id == id) return t("minutes.spearhead") + " " + std::to_string(s.number) + " · " + s.title.in(lang);
            for (const GuidelineItem& i : s.key_points)
                if (i.id == id) return i.text.in(lang);
        }
        return std::string(id);
    }

    // An incident an action links to: its date and category; outside private minutes also its
    // severity, the youths' codes and its description.
    std::string incident_text(const std::string& id) const {
        const Incident* i = find_by_id(d_.incidents, id);
        if (!i) return t("minutes.incident_unknown");
        std::string out = t("minutes.incident_of") + " ";
        const auto at = parse_timestamp(i->occurred_at);
        out += at ? long_date(format_date(local_date(*at))) : i->occurred_at;
        const IncidentCategory* cat = c_.incident_category(i->category);
        out += ", " + (cat ? cat->name.in(o_.lang) : i->category);
        if (o_.private_mode) return out;
        if (i->severity >= 1) out += ", " + t("minutes.severity") + " " + std::to_string(i->severity);
        std::string codes;
        for (const std::string& y : i->youth_ids) {
            const Youth* youth = find_by_id(d_.youths, y);
            if (youth) codes += (codes.empty() ? "" : ", ") + youth->code;
        }
        if (!codes.empty()) out += " (" + codes + ")";
        if (!text_lines(i->description).empty()) out += ": " + i->description;
        return out;
    }

    void header() {
        const MeetingTemplate* tpl = c_.meeting_template(d_.meeting.template_id);
        const std::string tpl_name = tpl ? tpl->name.in(o_.lang) : d_.meeting.template_id;
        add(Block::Kind::title, {Span{t("minutes.title") + ": " + tpl_name + " · " + d_.team.name}});
        std::vector<Line> meta;
        const auto field = [&](const char* key, const std::string& value) {
            meta.push_back({Span{t(key) + ":", true}, Span{" " + value}});
        };
        field("minutes.team", d_.team.name + (d_.team.location.empty() ? "" : " (" + d_.team.location + ")"));
        field("minutes.template", tpl_name);
        field("minutes.date", long_date(d_.meeting.held_on));
        field("minutes.facilitator", member_name(d_.meeting.facilitator_id));
        field("minutes.state", t("minutes.state." + std::string(to_string(d_.meeting.state))));
        list(std::move(meta), "meta");
        if (o_.private_mode) add(Block::Kind::para, {Span{t("minutes.private_note")}}, "private");
    }

    void attendees() {
        section(t("minutes.attendees"), "attendees");
        std::vector<std::string> names;
        for (const std::string& id : d_.meeting.attendee_ids) names.push_back(member_name(id));
        std::sort(names.begin(), names.end());
        if (names.empty()) return empty("minutes.attendees_none");
        std::vector<Line> items;
        for (const std::string& n : names) items.push_back({Span{n}});
        list(std::move(items));
    }

    void steps() {
        section(t("minutes.steps"), "steps");
        const MeetingTemplate* tpl = c_.meeting_template(d_.meeting.template_id);
        if (d_.meeting.steps.empty()) return empty("minutes.steps_none");
        for (std::size_t k = 0; k < d_.meeting.steps.size(); ++k) {
            const MeetingStep& s = d_.meeting.steps[k];
            const TemplateStep* ts = tpl && k < tpl->steps.size() ? &tpl->steps[k] : nullptr;
            const std::string title = ts ? ts->title.in(o_.lang) : std::string(to_string(s.kind));
            add(Block::Kind::step, {Span{std::to_string(k + 1) + ". " + title}});
            if (s.seconds_used > 0) {  // a step not reached has no time
                std::string time = t("minutes.time_used") + ": " + std::to_string((s.seconds_used + 30) / 60) + " min";
                if (ts) time += " (" + t("minutes.time_planned") + " " + std::to_string(ts->minutes) + " min)";
                add(Block::Kind::para, {Span{time}}, "time");
            }
            if (text_lines(s.notes).empty()) empty("minutes.notes_none");
            else add(Block::Kind::para, {Span{own(s.notes)}}, "notes");
            if (s.kind == StepKind::incidents) discussed_incidents();
        }
    }

    // The incidents the meeting marked discussed, oldest first, each as incident_text() names it.
    void discussed_incidents() {
        std::vector<const Incident*> found;
        for (const std::string& id : d_.meeting.discussed_incident_ids)
            if (const Incident* i = find_by_id(d_.incidents, id)) found.push_back(i);
        if (found.empty()) return;
        std::sort(found.begin(), found.end(), [](const Incident* a, const Incident* b) { return a->occurred_at < b->occurred_at; });
        add(Block::Kind::para, {Span{t("meeting.incidents.minutes_discussed"), true}}, "discussed");
        std::vector<Line> items;
        for (const Incident* i : found) items.push_back({Span{incident_text(i->id)}});
        list(std::move(items), "discussed");
    }

    Line action_link(const Action& a) const {
        std::string link;
        if (a.guideline_ref) link = guideline_text(*a.guideline_ref, false);
        if (a.incident_id) link += (link.empty() ? "" : "; ") + incident_text(*a.incident_id);
        if (link.empty()) return {};
        Span label{t("minutes.linked_to") + ":", true};
        label.break_before = true;
        return {std::move(label), Span{" " + link}};
    }

    void action_updates() {
        section(t("minutes.updates"), "updates");
        if (d_.updates.empty()) return empty("minutes.updates_none");
        std::vector<Line> items;
        for (const ActionUpdate& u : d_.updates) {
            const Action* a = find_by_id(d_.actions, u.action_id);
            Line item{Span{a ? own(a->title) : t("minutes.action_unknown"), true},
                      Span{" — " + t("minutes.new_status") + ": " + status_name(u.status)}};
            if (!text_lines(u.note).empty()) item.push_back(below(own(u.note)));
            items.push_back(std::move(item));
        }
        list(std::move(items));
    }

    void new_actions() {
        section(t("minutes.new_actions"), "actions");
        std::vector<Line> items;
        for (const Action& a : d_.actions) {
            if (a.meeting_id != d_.meeting.id) continue;
            Line item{Span{own(a.title), true}};
            std::string facts = " — " + t("minutes.owner") + ": " + member_name(a.owner_id) + "; " + t("minutes.due") + ": " +
                                (a.due_on ? long_date(*a.due_on) : t("minutes.due_none"));
            item.push_back(Span{facts});
            if (!text_lines(a.description).empty()) item.push_back(below(own(a.description)));
            for (Span& s : action_link(a)) item.push_back(std::move(s));
            items.push_back(std::move(item));
        }
        if (items.empty()) return empty("minutes.new_actions_none");
        list(std::move(items));
    }

    void ratings() {
        section(t("minutes.ratings"), "ratings");
        if (d_.meeting.ratings.empty()) return empty("minutes.ratings_none");
        std::map<std::string, Rating, std::less<>> given(d_.meeting.ratings.begin(), d_.meeting.ratings.end());
        std::set<std::string> shown;
        for (const BuildingBlock& b : c_.guideline.building_blocks) {
            std::vector<Line> items;
            for (const GuidelineItem& r : b.recommendations) {
                const auto it = given.find(r.id);
                if (it == given.end()) continue;
                shown.insert(r.id);
                items.push_back(rating_line(r.text.in(o_.lang), r.id, it->second));
            }
            if (items.empty()) continue;
            add(Block::Kind::para,
                {Span{t("minutes.building_block") + " " + std::to_string(b.number) + " · " + b.title.in(o_.lang), true}});
            list(std::move(items));
        }
        std::vector<Line> rest;  // not in this guideline (any more)
        for (const auto& [id, rating] : d_.meeting.ratings)
            if (!shown.count(id)) rest.push_back(rating_line(id, id, rating));
        if (!rest.empty()) list(std::move(rest));
    }

    std::string rating_name(Rating r) const { return t("minutes.rating." + std::string(to_string(r))); }

    // "TEXT — deels (vorige keer, 9 februari 2026: nog niet)": the rating, and the team's rating
    // of the same recommendation at the last earlier meeting that rated it.
    Line rating_line(const std::string& text, const std::string& id, Rating rating) const {
        Line line{Span{text + " — "}, Span{rating_name(rating), true}};
        for (const PreviousRating& p : d_.previous_ratings)
            if (p.recommendation_id == id) {
                line.push_back(Span{" (" + t("minutes.rating_before") + ", " + long_date(p.held_on, false) + ": " +
                                    rating_name(p.rating) + ")"});
                break;
            }
        return line;
    }

    void answers() {
        section(t("minutes.answers"), "answers");
        // In the guideline's order: the building blocks' guiding questions, then the questions
        // for reflection; anything else after them.
        std::vector<std::string> order;
        for (const BuildingBlock& b : c_.guideline.building_blocks) order.push_back(b.id);
        for (const GuidelineItem& q : c_.guideline.reflection_questions) order.push_back(q.id);
        std::vector<std::pair<std::size_t, const std::pair<std::string, std::string>*>> sorted;
        for (const auto& a : d_.meeting.answers) {
            if (text_lines(a.second).empty()) continue;
            const auto at = std::find(order.begin(), order.end(), a.first);
            sorted.emplace_back(static_cast<std::size_t>(at - order.begin()), &a);
        }
        std::stable_sort(sorted.begin(), sorted.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
        if (sorted.empty()) return empty("minutes.answers_none");
        std::vector<Line> items;
        for (const auto& [pos, a] : sorted) items.push_back({Span{guideline_text(a->first, true), true}, below(own(a->second))});
        list(std::move(items));
    }

    void next_meeting() {
        section(t("minutes.next_meeting"), "next");
        if (!d_.meeting.next_meeting_on) return empty("minutes.next_meeting_none");
        add(Block::Kind::para, {Span{long_date(*d_.meeting.next_meeting_on)}});
    }

    void source() {
        const Guideline& g = c_.guideline;
        section(t("minutes.source"), "source");
        Line line{Span{g.source_title.in(o_.lang), true}, Span{" — " + g.source_makers.in(o_.lang) + ". "}};
        if (!g.source_url.empty()) line.push_back(Span::link(g.source_url));
        add(Block::Kind::para, std::move(line));
        if (o_.lang == Lang::en && !g.translation_note.en.empty()) add(Block::Kind::para, {Span{g.translation_note.en}});
        add(Block::Kind::para, {Span{t("minutes.made_with")}});
    }
};

}  // namespace

std::string make_minutes(const MinutesData& data, const Content& content, const MinutesOptions& options) {
    const std::vector<Block> doc = MinutesWriter(data, content, options).build();
    return options.format == MinutesFormat::html ? to_html(doc, options.lang) : to_markdown(doc);
}

std::optional<std::string> export_minutes(const MinutesData& data, const Content& content, const MinutesOptions& options,
                                          const std::string& path) {
    try {
        write_output_file(path, make_minutes(data, content, options));
        return std::nullopt;
    } catch (const OutputError& e) {
        return e.path().empty() ? e.problem() : std::string(e.what());  // no path: "no file name given"
    }
}

std::optional<std::string> export_minutes(Store& store, const Content& content, const std::string& meeting_id,
                                          const MinutesOptions& options, const std::string& path) {
    try {
        return export_minutes(read_minutes_data(store, meeting_id), content, options, path);
    } catch (const MinutesError& e) {
        return std::string(e.what());
    } catch (const StoreError& e) {
        return std::string(e.what());
    }
}

std::vector<std::string> minutes_value_keys() {
    std::vector<std::string> out;
    for (ActionStatus s : {ActionStatus::open, ActionStatus::in_progress, ActionStatus::done, ActionStatus::dropped})
        out.push_back("minutes.status." + std::string(to_string(s)));
    for (MeetingState s : {MeetingState::planned, MeetingState::running, MeetingState::closed})
        out.push_back("minutes.state." + std::string(to_string(s)));
    for (Rating r : {Rating::already, Rating::partly, Rating::not_yet}) out.push_back("minutes.rating." + std::string(to_string(r)));
    return out;
}

}  // namespace ts::report
