// The minutes of a meeting (report/minutes.hpp): a hand-made meeting stored in a database, read
// back with read_minutes_data, and written as Markdown and HTML. Every section with content
// known from the data, text escaped in both formats, private minutes without youth codes or
// incident text, English, and every translation key the minutes use.
#include "report/minutes.hpp"

#include "core/content.hpp"
#include "core/demo.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <string>

using namespace ts;
using namespace ts::report;

namespace {

const Content& content() {
    static const Content c = load_content(TEAMSPIEGEL_TEST_DATA_DIR);
    return c;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The hidden code as each format writes it: Markdown escapes the brackets.
std::string hidden(MinutesFormat f, const std::string& word = "jongere") {
    return f == MinutesFormat::markdown ? "\\[" + word + "\\]" : "[" + word + "]";
}

constexpr const char* kTeam = "5e000000-0000-4000-8000-000000000001";
constexpr const char* kMeeting = "5e000000-0000-4000-8000-000000000051";
constexpr const char* kEarlier = "5e000000-0000-4000-8000-000000000052";

std::string id(int n) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "5e000000-0000-4000-8000-%012d", n);
    return buf;
}

// One team with three members and two youths; an incident and a measure with text that private
// minutes must leave out; an earlier meeting with an action agreed in it; the meeting itself:
// two attendees, notes in every step (one naming a youth, one with markup), a rating, an answer,
// an update of the earlier action, a new action linked to a building block and the incident.
Dataset meeting_data() {
    const Guideline& g = content().guideline;
    Dataset d;
    Team t;
    t.id = kTeam, t.name = "De Linde", t.location = "Leiden", t.capacity = 8;
    t.created_at = t.updated_at = "2026-01-01T00:00:00Z";
    d.teams.push_back(t);
    const auto member = [&](int n, const char* name, Role role) {
        Member m;
        m.id = id(n), m.team_id = kTeam, m.name = name, m.role = role;
        m.created_at = m.updated_at = "2026-01-01T00:00:00Z";
        d.members.push_back(m);
    };
    member(11, "Anna Bakker", Role::coach);
    member(12, "Bram Claassen", Role::group_worker);
    member(13, "Carla Dekker", Role::group_worker);  // not present
    const auto youth = [&](int n, const char* code) {
        Youth y;
        y.id = id(n), y.team_id = kTeam, y.code = code, y.admitted_on = "2026-01-05";
        y.created_at = y.updated_at = "2026-01-05T00:00:00Z";
        d.youths.push_back(y);
    };
    youth(21, "J-07");
    youth(22, "K-12");

    Incident i;
    i.id = id(41), i.team_id = kTeam, i.occurred_at = "2026-03-03T14:00:00Z", i.category = content().incident_categories[0].code;
    i.severity = 3, i.youth_ids = {id(22)};
    i.description = "GEHEIM-INCIDENTTEKST over de groep";
    i.response = "GEHEIM-REACTIE";
    i.created_at = i.updated_at = "2026-03-03T15:00:00Z";
    d.incidents.push_back(i);
    Measure ms;
    ms.id = id(31), ms.team_id = kTeam, ms.youth_id = id(22), ms.type = "room_search", ms.started_at = "2026-03-03T14:10:00Z";
    ms.reason = "GEHEIM-MAATREGELREDEN", ms.notes = "GEHEIM-MAATREGELNOTITIE", ms.decided_by = "Anna Bakker", ms.incident_id = id(41);
    ms.in_care_plan = true;
    ms.created_at = ms.updated_at = "2026-03-03T15:00:00Z";
    d.measures.push_back(ms);

    const MeetingTemplate& tpl = *content().meeting_template("teamreflectie");
    Meeting earlier;
    earlier.id = kEarlier, earlier.team_id = kTeam, earlier.template_id = tpl.id, earlier.held_on = "2026-02-09";
    earlier.state = MeetingState::closed;
    earlier.steps.resize(tpl.steps.size());
    for (std::size_t k = 0; k < tpl.steps.size(); ++k) earlier.steps[k].kind = tpl.steps[k].kind;
    earlier.steps[0].notes = "VORIGE-OVERLEG-NOTITIE";
    earlier.ratings.emplace_back(g.building_blocks[0].recommendations[0].id, Rating::not_yet);
    earlier.created_at = earlier.updated_at = "2026-02-09T16:00:00Z";
    d.meetings.push_back(earlier);
    // A later meeting's rating is not "last time".
    Meeting later = earlier;
    later.id = id(53), later.held_on = "2026-04-09", later.state = MeetingState::planned;
    later.ratings = {{g.building_blocks[0].recommendations[0].id, Rating::already}};
    d.meetings.push_back(later);

    Meeting m;
    m.id = kMeeting, m.team_id = kTeam, m.template_id = tpl.id, m.held_on = "2026-03-12";
    m.facilitator_id = id(11);
    m.attendee_ids = {id(11), id(12)};
    m.state = MeetingState::closed;
    m.current_step = static_cast<int>(tpl.steps.size());
    m.next_meeting_on = "2026-04-09";
    for (std::size_t k = 0; k < tpl.steps.size(); ++k) {
        MeetingStep s;
        s.kind = tpl.steps[k].kind;
        s.notes = "Notitie stap " + std::to_string(k + 1);
        s.seconds_used = 60 * static_cast<int>(k + 1) * 2;  // step 1: 2 min, step 2: 4 min, …
        m.steps.push_back(s);
    }
    m.steps[2].notes = "j-07 liep weg; we bellen eerder.\n<script>alert(1)</script> & *niet vet*";
    m.discussed_incident_ids = {id(41)};  // in its incidents step (step 3)
    m.answers.emplace_back(g.reflection_questions[0].id, "ANTWOORD-EEN over wat we al doen");
    m.ratings.emplace_back(g.building_blocks[0].recommendations[0].id, Rating::partly);
    m.ratings.emplace_back(g.building_blocks[1].recommendations[1].id, Rating::not_yet);
    m.created_at = "2026-03-01T10:00:00Z", m.updated_at = "2026-03-12T16:00:00Z";
    d.meetings.push_back(m);

    const auto action = [&](int n, const char* meeting, const char* title, const char* created) {
        Action a;
        a.id = id(n), a.team_id = kTeam, a.meeting_id = meeting, a.title = title, a.owner_id = id(12);
        a.created_at = a.updated_at = created;
        d.actions.push_back(a);
        return &d.actions.back();
    };
    action(61, kEarlier, "OUD-ACTIEPUNT overdracht", "2026-02-09T15:00:00Z")->due_on = "2026-03-01";
    action(62, kEarlier, "NIET-BESPROKEN-ACTIEPUNT", "2026-02-09T15:01:00Z");
    Action* fresh = action(63, kMeeting, "NIEUWE-AFSPRAAK nagesprek", "2026-03-12T15:00:00Z");
    fresh->description = "Binnen 24 uur, door de mentor van J-07.";
    fresh->due_on = "2026-04-01";
    fresh->guideline_ref = g.building_blocks[0].id;
    fresh->incident_id = id(41);

    const auto update = [&](int n, int action_id, const char* meeting, ActionStatus s, const char* note) {
        ActionUpdate u;
        u.id = id(n), u.action_id = id(action_id);
        if (meeting) u.meeting_id = meeting;
        u.status = s, u.note = note;
        u.created_at = u.updated_at = "2026-03-12T14:00:00Z";
        d.action_updates.push_back(u);
    };
    update(71, 61, kMeeting, ActionStatus::done, "KLAAR-NOTITIE: gedaan in week 10");
    update(72, 62, kEarlier, ActionStatus::in_progress, "ANDERE-UPDATE-NOTITIE");
    return d;
}

MinutesData stored_minutes() {
    auto store = open_sqlite_store(":memory:");
    store->insert_dataset(meeting_data());
    return read_minutes_data(*store, kMeeting);
}

std::string minutes(MinutesFormat format, bool private_mode = false, Lang lang = Lang::nl) {
    static const MinutesData data = stored_minutes();
    MinutesOptions o;
    o.format = format, o.private_mode = private_mode, o.lang = lang;
    return make_minutes(data, content(), o);
}

// The known content of every section, as it reads in both formats (no markup inside).
void check_every_section(const std::string& text) {
    const Guideline& g = content().guideline;
    // Title and header.
    CHECK(has(text, "Verslag: Teamreflectie · De Linde"));
    CHECK(has(text, "donderdag 12 maart 2026"));
    CHECK(has(text, "Gespreksleider:"));
    CHECK(has(text, "afgesloten"));
    // Attendees: the two present, not the third member.
    CHECK(has(text, "Aanwezig"));
    CHECK(has(text, "Anna Bakker"));
    CHECK(has(text, "Bram Claassen"));
    CHECK_FALSE(has(text, "Carla Dekker"));
    // Every step in order, with its notes and time.
    CHECK(has(text, "Verloop"));
    std::size_t at = 0;
    const MeetingTemplate& tpl = *content().meeting_template("teamreflectie");
    for (std::size_t k = 0; k < tpl.steps.size(); ++k) {
        const std::string title = std::to_string(k + 1) + ". " + tpl.steps[k].title.nl;
        const std::size_t found = text.find(title, at);
        INFO(title);
        REQUIRE(found != std::string::npos);
        at = found;
    }
    CHECK(has(text, "Notitie stap 1"));
    CHECK(has(text, "Notitie stap 7"));
    CHECK(has(text, "Tijd: 4 min (gepland 15 min)"));
    CHECK(has(text, "Tijd: 14 min (gepland 5 min)"));
    CHECK_FALSE(has(text, "VORIGE-OVERLEG-NOTITIE"));
    // The update given in this meeting, not the one of the earlier meeting.
    CHECK(has(text, "Besproken actiepunten"));
    CHECK(has(text, "OUD-ACTIEPUNT overdracht"));
    CHECK(has(text, "nieuwe status: klaar"));
    CHECK(has(text, "KLAAR-NOTITIE: gedaan in week 10"));
    CHECK_FALSE(has(text, "ANDERE-UPDATE-NOTITIE"));
    CHECK_FALSE(has(text, "NIET-BESPROKEN-ACTIEPUNT"));
    // The new action: owner, due date, links.
    CHECK(has(text, "Nieuwe afspraken"));
    CHECK(has(text, "NIEUWE-AFSPRAAK nagesprek"));
    CHECK(has(text, "eigenaar: Bram Claassen; klaar op: woensdag 1 april 2026"));
    CHECK(has(text, "Bouwsteen 1 · " + g.building_blocks[0].title.nl));
    CHECK(has(text, "incident van dinsdag 3 maart 2026, " + content().incident_categories[0].name.nl));
    // Ratings in words, under their building block.
    CHECK(has(text, "Kernaanbevelingen"));
    CHECK(has(text, g.building_blocks[0].recommendations[0].text.nl));
    CHECK(has(text, g.building_blocks[1].recommendations[1].text.nl));
    CHECK(has(text, "deels"));
    CHECK(has(text, "nog niet"));
    CHECK(has(text, "Bouwsteen 2 · " + g.building_blocks[1].title.nl));
    // The answer with its question.
    CHECK(has(text, "Reflectievragen"));
    CHECK(has(text, g.reflection_questions[0].text.nl));
    CHECK(has(text, "ANTWOORD-EEN over wat we al doen"));
    // The next meeting and the source.
    CHECK(has(text, "Volgend overleg"));
    CHECK(has(text, "donderdag 9 april 2026"));
    CHECK(has(text, g.source_title.nl));
    CHECK(has(text, g.source_url));
    // Never measure text, private or not: the minutes do not show measures.
    CHECK_FALSE(has(text, "GEHEIM-MAATREGEL"));
    CHECK_FALSE(has(text, "GEHEIM-REACTIE"));
}

}  // namespace

TEST_CASE("read_minutes_data reads the meeting and what was done in it", "[minutes]") {
    const MinutesData d = stored_minutes();
    CHECK(d.meeting.id == kMeeting);
    CHECK(d.team.name == "De Linde");
    CHECK(d.members.size() == 3);
    CHECK(d.youths.size() == 2);
    REQUIRE(d.updates.size() == 1);
    CHECK(d.updates[0].id == id(71));
    REQUIRE(d.actions.size() == 2);  // the one reviewed and the one agreed; not the other
    CHECK(d.actions[0].id == id(61));
    CHECK(d.actions[1].id == id(63));
    REQUIRE(d.incidents.size() == 1);
    CHECK(d.incidents[0].id == id(41));
    // The earlier meeting's rating of the first recommendation; the later meeting's is not
    // "before", and the second recommendation was not rated before.
    REQUIRE(d.previous_ratings.size() == 1);
    CHECK(d.previous_ratings[0].recommendation_id == content().guideline.building_blocks[0].recommendations[0].id);
    CHECK(d.previous_ratings[0].rating == Rating::not_yet);
    CHECK(d.previous_ratings[0].held_on == "2026-02-09");
}

TEST_CASE("The previous rating is the team's last earlier rating of each recommendation", "[minutes][ratings]") {
    const Guideline& g = content().guideline;
    const std::string r0 = g.building_blocks[0].recommendations[0].id;  // rated in every meeting
    const std::string r1 = g.building_blocks[1].recommendations[1].id;  // not in the meeting just before
    const std::string r2 = g.building_blocks[0].recommendations[1].id;  // only by another team before
    const std::string r3 = g.building_blocks[1].recommendations[0].id;  // rated before, not now
    Dataset d = meeting_data();
    Meeting& now = d.meetings.back();
    REQUIRE(now.id == kMeeting);
    now.ratings = {{r0, Rating::partly}, {r1, Rating::not_yet}, {r2, Rating::already}};
    // Long before (stored after the others, so the order of the records does not decide):
    // r0 already, r1 partly, r3 already.
    Meeting old = d.meetings.front();
    REQUIRE(old.id == kEarlier);
    old.id = id(54), old.held_on = "2025-11-03", old.created_at = old.updated_at = "2025-11-03T16:00:00Z";
    old.ratings = {{r0, Rating::already}, {r1, Rating::partly}, {r3, Rating::already}};
    d.meetings.push_back(old);
    // Another team rated r2 and r1 the day before: not this team's rating.
    Team other = d.teams[0];
    other.id = id(2), other.name = "De Eik";
    d.teams.push_back(other);
    Meeting theirs = old;
    theirs.id = id(55), theirs.team_id = other.id, theirs.held_on = "2026-03-11";
    theirs.attendee_ids.clear(), theirs.facilitator_id.reset();
    theirs.ratings = {{r2, Rating::not_yet}, {r1, Rating::already}};
    d.meetings.push_back(theirs);

    auto store = open_sqlite_store(":memory:");
    store->insert_dataset(d);
    const MinutesData m = read_minutes_data(*store, kMeeting);
    // r0: the meeting of 9 February (not_yet), not the one before it or the later one;
    // r1: 3 November, the last earlier meeting that rated it; r2: none of this team's; r3 was
    // not rated now.
    REQUIRE(m.previous_ratings.size() == 2);
    CHECK(m.previous_ratings[0].recommendation_id == r0);
    CHECK(m.previous_ratings[0].rating == Rating::not_yet);
    CHECK(m.previous_ratings[0].held_on == "2026-02-09");
    CHECK(m.previous_ratings[1].recommendation_id == r1);
    CHECK(m.previous_ratings[1].rating == Rating::partly);
    CHECK(m.previous_ratings[1].held_on == "2025-11-03");

    const std::string md = make_minutes(m, content(), MinutesOptions{});
    CHECK(has(md, "- " + g.building_blocks[0].recommendations[0].text.nl + " — **deels** (vorige keer, 9 februari 2026: nog niet)\n"));
    CHECK(has(md, "- " + g.building_blocks[1].recommendations[1].text.nl + " — **nog niet** (vorige keer, 3 november 2025: deels)\n"));
    CHECK(has(md, "- " + g.building_blocks[0].recommendations[1].text.nl + " — **doen we al**\n"));
    MinutesOptions en;
    en.lang = Lang::en, en.format = MinutesFormat::html;
    CHECK(has(make_minutes(m, content(), en),
              g.building_blocks[1].recommendations[1].text.en + " — <strong>not yet</strong> (last time, 3 November 2025: partly)</li>"));
}

TEST_CASE("read_minutes_data refuses an unknown meeting id", "[minutes]") {
    auto store = open_sqlite_store(":memory:");
    store->insert_dataset(meeting_data());
    CHECK_THROWS_WITH(read_minutes_data(*store, "no-such-id"), "no meeting with id \"no-such-id\"");
    CHECK_THROWS_AS(read_minutes_data(*store, ""), MinutesError);
    // A team's id is no meeting's.
    CHECK_THROWS_AS(read_minutes_data(*store, kTeam), MinutesError);
}

TEST_CASE("Markdown minutes have every section with the meeting's content", "[minutes][markdown]") {
    const std::string md = minutes(MinutesFormat::markdown);
    check_every_section(md);
    for (const char* heading : {"\n## Aanwezig\n", "\n## Verloop\n", "\n### 1. Check-in\n", "\n## Besproken actiepunten\n",
                                "\n## Nieuwe afspraken\n", "\n## Kernaanbevelingen\n", "\n## Reflectievragen\n",
                                "\n## Volgend overleg\n", "\n## Bron\n"}) {
        INFO(heading);
        CHECK(has(md, heading));
    }
    CHECK(md.rfind("# Verslag: Teamreflectie · De Linde\n", 0) == 0);
    CHECK(has(md, "- **Gespreksleider:** Anna Bakker\n"));
    CHECK(has(md, "- **OUD-ACTIEPUNT overdracht** — nieuwe status: klaar\\\n  KLAAR-NOTITIE: gedaan in week 10\n"));
    CHECK(has(md, "<" + content().guideline.source_url + ">"));
    // A rating with the team's rating at the meeting before; one rated for the first time without.
    const Guideline& g = content().guideline;
    CHECK(has(md, "- " + g.building_blocks[0].recommendations[0].text.nl + " — **deels** (vorige keer, 9 februari 2026: nog niet)\n"));
    CHECK(has(md, "- " + g.building_blocks[1].recommendations[1].text.nl + " — **nog niet**\n"));
}

TEST_CASE("Markdown minutes show the team's text as typed and never as markup", "[minutes][markdown]") {
    const std::string md = minutes(MinutesFormat::markdown);
    // The two lines of the note: a hard line break between them, every markup character escaped.
    CHECK(has(md, "j-07 liep weg; we bellen eerder.\\\n\\<script\\>alert(1)\\</script\\> \\& \\*niet vet\\*\n"));
    CHECK_FALSE(has(md, "<script>"));

    // Line starts that would open a block are escaped too.
    MinutesData d = stored_minutes();
    d.meeting.steps[0].notes = "# geen kop\n- geen lijst\n12. geen opsomming\n> geen citaat\n    geen code\n---";
    MinutesOptions o;
    const std::string out = make_minutes(d, content(), o);
    CHECK(has(out, "\n\\# geen kop\\\n\\- geen lijst\\\n12\\. geen opsomming\\\n\\> geen citaat\\\ngeen code\\\n\\---\n"));
}

TEST_CASE("HTML minutes have every section and escape every text", "[minutes][html]") {
    const std::string html = minutes(MinutesFormat::html);
    check_every_section(html);
    CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"nl\">", 0) == 0);
    CHECK(has(html, "<meta charset=\"utf-8\">"));
    CHECK(has(html, "@page { size: A4;"));
    CHECK(has(html, "<h2>Aanwezig</h2>"));
    CHECK(has(html, "<li>Anna Bakker</li>"));
    CHECK(has(html, "<h3>3. Incidenten</h3>"));
    CHECK(has(html, "j-07 liep weg; we bellen eerder.<br>\n&lt;script&gt;alert(1)&lt;/script&gt; &amp; *niet vet*"));
    CHECK_FALSE(has(html, "<script"));
    CHECK(has(html, "<a href=\"" + content().guideline.source_url + "\">"));
    CHECK(has(html, "</div>\n</body>\n</html>\n"));
    // Nothing is fetched from elsewhere: one self-contained file.
    CHECK_FALSE(has(html, "<link"));
    CHECK_FALSE(has(html, "src="));
}

TEST_CASE("Private minutes leave out youth codes and incident text", "[minutes][private]") {
    for (MinutesFormat f : {MinutesFormat::markdown, MinutesFormat::html}) {
        const std::string open = minutes(f, false), priv = minutes(f, true);
        // Present without --private, so these checks can fail.
        CHECK(has(open, "GEHEIM-INCIDENTTEKST"));
        CHECK(has(open, "K-12"));  // the incident's youth
        CHECK(has(open, "j-07 liep weg"));
        CHECK(has(open, "mentor van J-07"));
        for (const char* secret : {"GEHEIM", "J-07", "j-07", "K-12", "ernst 3"}) {
            INFO(secret);
            CHECK_FALSE(has(priv, secret));
        }
        // What stays: the team's own words around the code, the incident by date and category.
        CHECK(has(priv, hidden(f) + " liep weg; we bellen eerder."));
        CHECK(has(priv, "mentor van " + hidden(f) + "."));
        CHECK(has(priv, "incident van dinsdag 3 maart 2026, " + content().incident_categories[0].name.nl));
        CHECK(has(priv, "Privéversie"));
        check_every_section(priv);
        // The incident discussed is named under the incidents step: in full, or by date and
        // category (the action's link names it too, so it is named twice).
        const std::string named = "incident van dinsdag 3 maart 2026, " + content().incident_categories[0].name.nl;
        for (const std::string* text : {&open, &priv}) {
            CHECK(has(*text, "Besproken incidenten"));
            std::size_t n = 0;
            for (std::size_t at = text->find(named); at != std::string::npos; at = text->find(named, at + 1)) ++n;
            CHECK(n == 2);
        }
    }
}

TEST_CASE("A step without time used shows no time", "[minutes]") {
    MinutesData d = stored_minutes();
    d.meeting.steps[1].seconds_used = 0;
    d.meeting.steps[2].seconds_used = 29;  // rounds to 0 min but was used
    const std::string md = make_minutes(d, content(), MinutesOptions{});
    CHECK_FALSE(has(md, "Tijd: 4 min"));
    CHECK(has(md, "### 2. Openstaande acties\n\nNotitie stap 2\n"));
    CHECK(has(md, "Tijd: 0 min (gepland 10 min)"));
}

TEST_CASE("A code is hidden as a whole word also without its hyphen", "[minutes][private]") {
    MinutesData d = stored_minutes();
    d.meeting.steps[0].notes = "J-07, (j-07) XJ-07 J-071 J-07B J-07 J07 j 07 j.07/k12 J--07 K_12.";
    MinutesOptions o;
    o.private_mode = true;
    const std::string h = hidden(MinutesFormat::markdown);
    CHECK(has(make_minutes(d, content(), o),
              h + ", (" + h + ") XJ-07 J-071 J-07B " + h + " " + h + " " + h + " " + h + "/" + h + " J--07 " + h + ".\n"));
}

TEST_CASE("English minutes use the English labels and guideline texts", "[minutes][en]") {
    const Guideline& g = content().guideline;
    const std::string md = minutes(MinutesFormat::markdown, false, Lang::en);
    CHECK(md.rfind("# Minutes: Team reflection · De Linde\n", 0) == 0);
    CHECK(has(md, "Thursday 12 March 2026"));
    CHECK(has(md, "## Present\n"));
    CHECK(has(md, "new status: done"));
    CHECK(has(md, g.building_blocks[0].recommendations[0].text.en + " — **partly**"));
    CHECK(has(md, g.source_title.en));
    CHECK(has(md, g.translation_note.en));
    CHECK(has(minutes(MinutesFormat::html, true, Lang::en), "<html lang=\"en\">"));
    CHECK(has(minutes(MinutesFormat::markdown, true, Lang::en), hidden(MinutesFormat::markdown, "youth") + " liep weg"));
}

TEST_CASE("Every translation key the minutes use exists in both languages", "[minutes][i18n]") {
    std::ifstream in(std::string(TEAMSPIEGEL_SOURCE_DIR) + "/src/report/minutes.cpp");
    const std::string code((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::regex call(R"re(\bt\("([a-z_.]+)"\)|empty\("([a-z_.]+)"\)|field\("([a-z_.]+)")re");
    std::set<std::string> keys;
    for (std::sregex_iterator it(code.begin(), code.end(), call), end; it != end; ++it)
        for (int g = 1; g <= 3; ++g)
            if ((*it)[g].matched) keys.insert((*it)[g]);
    REQUIRE(keys.size() > 30);
    for (const std::string& k : minutes_value_keys()) keys.insert(k);
    for (const std::string& k : keys) {
        INFO(k);
        CHECK(content().translations.nl.count(k) == 1);
        CHECK(content().translations.en.count(k) == 1);
    }
}

namespace {
std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
}  // namespace

TEST_CASE("export_minutes writes the minutes to a file or says what is wrong", "[minutes][export]") {
    test::TempDir dir("ts-minutes");
    auto store = open_sqlite_store(":memory:");
    store->insert_dataset(meeting_data());
    MinutesOptions o;
    o.format = MinutesFormat::html, o.private_mode = true;
    const std::string want = make_minutes(read_minutes_data(*store, kMeeting), content(), o);
    REQUIRE(has(want, "<!DOCTYPE html>"));

    // From the store, by id (in capitals too): the same page, a new file readable by the user only.
    const std::string path = dir.file("verslag.html");
    std::string upper = kMeeting;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    CHECK_FALSE(export_minutes(*store, content(), upper, o, path).has_value());
    CHECK(read_file(path) == want);
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0600);
    // From the data the screen holds: replaces the file, the Markdown this time.
    MinutesOptions md;
    CHECK_FALSE(export_minutes(read_minutes_data(*store, kMeeting), content(), md, path).has_value());
    CHECK(read_file(path) == make_minutes(read_minutes_data(*store, kMeeting), content(), md));
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path), std::filesystem::directory_iterator()) == 1);

    // What is wrong comes back as one line naming it; nothing is written.
    CHECK(export_minutes(*store, content(), "5e000000-0000-4000-8000-999999999999", o, dir.file("x.html")) ==
          std::optional<std::string>("no meeting with id \"5e000000-0000-4000-8000-999999999999\""));
    const std::string missing = dir.file("no-such-folder") + "/verslag.html";
    const auto problem = export_minutes(*store, content(), kMeeting, o, missing);
    REQUIRE(problem.has_value());
    CHECK(has(*problem, missing + ": "));
    CHECK(export_minutes(*store, content(), kMeeting, o, "") == std::optional<std::string>("no file name given"));
    CHECK(has(*export_minutes(*store, content(), kMeeting, o, dir.path.string()), dir.path.string() + ": "));
    CHECK_FALSE(std::filesystem::exists(dir.file("x.html")));
    CHECK_FALSE(std::filesystem::exists(dir.file("no-such-folder")));
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path), std::filesystem::directory_iterator()) == 1);
}

namespace {
std::string lower_case(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}
}  // namespace

// The demo's meetings, with youth codes typed into the team's own words the ways a team types
// them: private minutes of every meeting hold no youth code and no incident or measure text.
TEST_CASE("Private minutes of the demo meetings hold no youth code and no incident or measure text", "[minutes][private][demo]") {
    DemoOptions o;
    o.teams = 3, o.years = 2, o.seed = 7, o.end = Date{2026, 3, 1};
    Dataset d = generate_demo(o);
    std::map<std::string, std::vector<std::string>> codes;  // by team
    std::set<std::string> all_codes;
    for (const Youth& y : d.youths) codes[y.team_id].push_back(y.code), all_codes.insert(y.code);
    REQUIRE(all_codes.size() > 5);
    for (const std::string& c : all_codes) REQUIRE(c.find('-') != std::string::npos);  // "J-07": the spellings below differ
    // Codes in every kind of the team's text, as typed: as is, in lower case, without the hyphen,
    // with a space.
    std::size_t turn = 0;
    const auto code = [&](const std::string& team) {
        const auto& list = codes.at(team);
        return list[turn++ % list.size()];
    };
    const auto spellings = [&](const std::string& team) {
        std::string c1 = code(team), c2 = code(team), c3 = code(team), c4 = code(team);
        c3.erase(c3.find('-'), 1);
        c4.replace(c4.find('-'), 1, " ");
        return " Met " + c1 + ", " + lower_case(c2) + " (" + c3 + ") en " + c4 + ".";
    };
    std::map<std::string, std::string> team_of_meeting;
    for (Meeting& m : d.meetings) {
        team_of_meeting[m.id] = m.team_id;
        for (MeetingStep& s : m.steps) s.notes += spellings(m.team_id);
        for (auto& [q, text] : m.answers) text += spellings(m.team_id);
    }
    for (Action& a : d.actions) a.title += spellings(a.team_id), a.description += spellings(a.team_id);
    for (ActionUpdate& u : d.action_updates)
        if (u.meeting_id) u.note += spellings(team_of_meeting.at(*u.meeting_id));
    const std::string incident_text = "Synthetisch voorbeeld: incident op de groep.";
    REQUIRE(std::any_of(d.incidents.begin(), d.incidents.end(), [&](const Incident& i) { return i.description == incident_text; }));
    REQUIRE(std::any_of(d.measures.begin(), d.measures.end(), [](const Measure& m) { return !m.reason.empty(); }));

    auto store = open_sqlite_store(":memory:");
    store->insert_dataset(d);
    int with_codes = 0, with_incident = 0, checked = 0;
    std::vector<std::string> leaks;
    for (const Meeting& m : d.meetings) {
        const MinutesData data = read_minutes_data(*store, m.id);
        for (MinutesFormat f : {MinutesFormat::markdown, MinutesFormat::html}) {
            MinutesOptions opt;
            opt.format = f;
            const std::string open = lower_case(make_minutes(data, content(), opt));
            // Without --private the codes and the incident text are there, so the checks below can fail.
            if (std::any_of(all_codes.begin(), all_codes.end(), [&](const std::string& c) { return has(open, lower_case(c)); })) ++with_codes;
            if (has(open, lower_case(incident_text))) ++with_incident;
            opt.private_mode = true;
            const std::string priv = lower_case(make_minutes(data, content(), opt));
            ++checked;
            for (const std::string& c : all_codes) {
                std::string joined = lower_case(c), spaced = lower_case(c);
                joined.erase(joined.find('-'), 1);
                spaced.replace(spaced.find('-'), 1, " ");
                for (const std::string& form : {lower_case(c), joined, spaced})
                    if (has(priv, form)) leaks.push_back(m.held_on + ": " + form);
            }
            for (const char* secret : {"synthetisch voorbeeld", "medewerkers grepen in", "ernst "})
                if (has(priv, secret)) leaks.push_back(m.held_on + ": " + secret);
        }
    }
    CHECK(checked == 2 * static_cast<int>(d.meetings.size()));
    CHECK(with_codes == checked);  // every meeting names youths in its notes
    CHECK(with_incident > 0);
    INFO(leaks.size() << " leaks, the first: " << (leaks.empty() ? std::string() : leaks.front()));
    CHECK(leaks.empty());
}
