#include "model/model.hpp"

#include "core/actions.hpp"
#include "core/care.hpp"
#include "core/time.hpp"

#include <algorithm>
#include <unordered_map>

namespace ts::model {

namespace {

// Another process's writes show within this many seconds.
constexpr std::int64_t kPollSeconds = 1;

}  // namespace

namespace {

// The element of `list` at the index kept for `id`; null when there is none.
template <typename T>
const T* at_index(const std::vector<T>& list, const std::unordered_map<std::string, std::size_t>& index, const std::string& id) {
    const auto it = index.find(id);
    return it == index.end() || it->second >= list.size() ? nullptr : &list[it->second];
}

// The id of a record, or of the record a row shows.
template <typename T>
const std::string& id_of(const T& record) {
    return record.id;
}
const std::string& id_of(const MeasureRow& row) { return row.measure.id; }
const std::string& id_of(const IncidentRow& row) { return row.incident.id; }
const std::string& id_of(const ActionRow& row) { return row.action.id; }

// Makes `index` (id -> position) of `list` again.
template <typename T>
void make_index(const std::vector<T>& list, std::unordered_map<std::string, std::size_t>& index) {
    index.clear();
    index.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) index.emplace(id_of(list[i]), i);
}

}  // namespace

const Youth* TeamRows::youth(const std::string& id) const { return at_index(youths, youth_at_, id); }
const Member* TeamRows::member(const std::string& id) const { return at_index(members, member_at_, id); }
const MeasureRow* TeamRows::measure(const std::string& id) const { return at_index(measures, measure_at_, id); }
const IncidentRow* TeamRows::incident(const std::string& id) const {
    if (const IncidentRow* row = at_index(incidents, incident_at_, id)) return row;
    return at_index(referred, referred_at_, id);
}
const Meeting* TeamRows::meeting(const std::string& id) const { return at_index(meetings, meeting_at_, id); }
const ActionRow* TeamRows::action(const std::string& id) const { return at_index(actions, action_at_, id); }

const Member* AllActions::member(const std::string& id) const { return at_index(members, member_at_, id); }
const Meeting* AllActions::meeting(const std::string& id) const { return at_index(meetings, meeting_at_, id); }
const ActionRow* AllActions::action(const std::string& id) const { return at_index(actions, action_at_, id); }

Model::Model(Store& store, const Content& content) : store_(store), content_(content) {}

void Model::set_team(const std::string& team_id) {
    if (team_id != team_id_) wanted_since_.reset();
    team_id_ = team_id;
}

void Model::hold_all_actions(bool on) { hold_all_actions_ = on; }

void Model::hold_since(std::int64_t since) {
    if (!wanted_since_ || since < *wanted_since_) wanted_since_ = since;
}

std::int64_t Model::window_start(std::int64_t now) const {
    const Date today = local_date(now);
    int year = today.year, month = today.month - kWindowMonths;
    while (month < 1) month += 12, --year;
    std::int64_t since = local_midnight(Date{year, month, 1});
    if (wanted_since_) since = std::min(since, *wanted_since_);
    // Held already from earlier: never narrowed while the team stays.
    if (registers_loaded_ && rows_.team_id == team_id_) since = std::min(since, rows_.since);
    return since;
}

void Model::reload_all() {
    rows_ = TeamRows{};
    loaded_ = registers_loaded_ = false;
    teams_loaded_ = counts_loaded_ = false;
    all_actions_ = AllActions{};
}

const Team* Model::current_team() const { return team(team_id_); }

const Team* Model::team(const std::string& id) const { return at_index(teams_, team_at_, id); }

const TeamRows& Model::rows() const {
    static const TeamRows none;
    if (team_id_.empty() || rows_.team_id != team_id_) return none;
    return rows_;
}

bool Model::poll(std::int64_t now) {
    if (polled_at_ && now - *polled_at_ < kPollSeconds && now >= *polled_at_) return false;
    polled_at_ = now;
    return store_.poll_changes();
}

void Model::read_teams() {
    teams_ = store_.teams();
    make_index(teams_, team_at_);
    teams_seen_ = store_.revisions();
    teams_loaded_ = true;
    ++versions_.teams;
}

void Model::choose_team() {
    if (!team_id_.empty() && !current_team()) team_id_.clear();
    if (team_id_.empty() && !teams_.empty()) team_id_ = teams_.front().id;
}

void Model::refresh(std::int64_t now) {
    poll(now);
    const Revisions rev = store_.revisions();
    const bool hour_turned = now / 3600 != built_at_ / 3600;
    if (!teams_loaded_ || rev[Kind::team] != teams_seen_[Kind::team]) read_teams();
    choose_team();
    const bool team_changed = rows_.team_id != team_id_;
    if (team_changed) {
        rows_ = TeamRows{};
        rows_.team_id = team_id_;
        loaded_ = registers_loaded_ = false;
        ++versions_.members;
        ++versions_.youths;
        ++versions_.measures;
        ++versions_.incidents;
        ++versions_.meetings;
        ++versions_.actions;
    }
    if (!team_id_.empty()) refresh_team(rev, now, hour_turned);

    bool counts_changed = !counts_loaded_;
    for (Kind k : kAllKinds) {
        if (counts_loaded_ && rev[k] == counts_seen_[k]) continue;
        counts_.of(k) = store_.count(k);
        counts_changed = true;
    }
    counts_seen_ = rev;
    counts_loaded_ = true;
    if (counts_changed) ++versions_.counts;

    if (hold_all_actions_) refresh_all_actions(rev, now);
    built_at_ = now;
}

bool Model::refresh_team(const Revisions& rev, std::int64_t now, bool hour_turned) {
    auto changed = [&](Kind k) { return !loaded_ || rev[k] != seen_[k]; };
    const bool members = changed(Kind::member), youths = changed(Kind::youth), meetings = changed(Kind::meeting),
               actions = changed(Kind::action) || changed(Kind::action_update);
    bool measures = changed(Kind::measure), incidents = changed(Kind::incident);
    TeamRows& rows = rows_;
    if (members) {
        rows.members = store_.members(rows.team_id);
        make_index(rows.members, rows.member_at_);
        ++versions_.members;
    }
    if (youths) {
        rows.youths = store_.youths(rows.team_id);
        make_index(rows.youths, rows.youth_at_);
        ++versions_.youths;
    }
    if (meetings) {
        rows.meetings = store_.meetings(rows.team_id);
        make_index(rows.meetings, rows.meeting_at_);
        ++versions_.meetings;
    }
    // Action rows point at members and meetings, and are overdue by the day.
    if (actions) build_action_rows(store_.actions(rows.team_id), store_.action_updates(rows.team_id), now);
    else if (members || meetings || hour_turned) relink_action_rows(now);
    if (actions || members || meetings || hour_turned) ++versions_.actions;

    // Measures and incidents: the window read again when it widens or when what changed is
    // not known; otherwise only the records this program wrote are put back.
    if (!registers_loaded_ && !registers_wanted_) {  // not read until a screen shows them
        seen_ = rev;
        loaded_ = true;
        return members || youths || meetings || actions || hour_turned;
    }
    const std::int64_t since = window_start(now);
    bool read_all = !registers_loaded_ || since < rows.since;
    if (!read_all && incidents) {
        const auto ids = store_.written_since(Kind::incident, seen_[Kind::incident]);
        read_all = !ids || !patch_incidents(*ids);
    }
    if (!read_all && measures) {
        const auto ids = store_.written_since(Kind::measure, seen_[Kind::measure]);
        read_all = !ids || !patch_measures(*ids, now);
    }
    if (read_all) {
        rows.since = since;
        read_measures_and_incidents(now);
        registers_loaded_ = true;
        measures = incidents = true;
    } else {
        // Measure rows point at the team's youths and carry warnings that depend on the youth
        // and on the time.
        if (!measures && (youths || hour_turned)) relink_measure_rows(now);
        if (measures || incidents || actions) read_referred();
        // Incident rows show youth codes and count linked measures.
        if (measures || incidents || actions || youths || hour_turned) relink_incident_rows(now);
    }
    if (measures) rows.all_measures = store_.team_count(Kind::measure, rows.team_id);
    if (incidents) rows.all_incidents = store_.team_count(Kind::incident, rows.team_id);
    if (measures || youths || hour_turned) ++versions_.measures;
    if (incidents || youths || measures || actions || hour_turned) ++versions_.incidents;
    seen_ = rev;
    loaded_ = true;
    return members || youths || measures || incidents || meetings || actions || hour_turned;
}

namespace {

MeasureRow make_measure_row(Measure m) {
    MeasureRow row;
    row.start = parse_timestamp(m.started_at).value_or(0);
    row.duration = measure_duration(m);
    row.measure = std::move(m);
    return row;
}

IncidentRow make_incident_row(Incident i) {
    IncidentRow row;
    row.at = parse_timestamp(i.occurred_at).value_or(0);
    row.incident = std::move(i);
    return row;
}

// The store's order: newest first, then by id.
bool measure_before(const MeasureRow& a, const MeasureRow& b) {
    return a.start != b.start ? a.start > b.start : a.measure.id < b.measure.id;
}
bool incident_before(const IncidentRow& a, const IncidentRow& b) {
    return a.at != b.at ? a.at > b.at : a.incident.id < b.incident.id;
}

// More records than this written since the last look: the window is read again instead.
constexpr std::size_t kMostPatched = 200;

}  // namespace

void Model::read_measures_and_incidents(std::int64_t now) {
    TeamRows& rows = rows_;
    rows.incidents.clear();
    for (auto& i : store_.incidents_since(rows.team_id, rows.since)) rows.incidents.push_back(make_incident_row(std::move(i)));
    make_index(rows.incidents, rows.incident_at_);
    rows.measures.clear();
    for (auto& m : store_.measures_since(rows.team_id, rows.since)) rows.measures.push_back(make_measure_row(std::move(m)));
    make_index(rows.measures, rows.measure_at_);
    relink_measure_rows(now);
    read_referred();
    relink_incident_rows(now);
}

bool Model::patch_measures(const std::vector<std::string>& ids, std::int64_t now) {
    TeamRows& rows = rows_;
    if (ids.size() > kMostPatched) return false;
    for (const auto& id : ids) {
        if (const MeasureRow* old = rows.measure(id)) rows.measures.erase(rows.measures.begin() + (old - rows.measures.data()));
        make_index(rows.measures, rows.measure_at_);
        auto m = store_.measure(id);
        if (!m || m->team_id != rows.team_id) continue;
        MeasureRow row = make_measure_row(std::move(*m));
        // Held: in the window, or taken in an incident that is.
        const bool held = row.start >= rows.since || (row.measure.incident_id && at_index(rows.incidents, rows.incident_at_, *row.measure.incident_id));
        if (!held) continue;
        link_measure_row(row, now);
        rows.measures.insert(std::upper_bound(rows.measures.begin(), rows.measures.end(), row, measure_before), std::move(row));
        make_index(rows.measures, rows.measure_at_);
    }
    return true;
}

bool Model::patch_incidents(const std::vector<std::string>& ids) {
    TeamRows& rows = rows_;
    if (ids.size() > kMostPatched) return false;
    for (const auto& id : ids) {
        // An older incident moved into the window may have older measures: read the window.
        const IncidentRow* referred = at_index(rows.referred, rows.referred_at_, id);
        const bool was_referred = referred != nullptr;
        if (referred) {  // read again by read_referred, if still referred to
            rows.referred.erase(rows.referred.begin() + (referred - rows.referred.data()));
            make_index(rows.referred, rows.referred_at_);
        }
        if (const IncidentRow* old = at_index(rows.incidents, rows.incident_at_, id))
            rows.incidents.erase(rows.incidents.begin() + (old - rows.incidents.data()));
        make_index(rows.incidents, rows.incident_at_);
        auto i = store_.incident(id);
        if (!i || i->team_id != rows.team_id) continue;
        IncidentRow row = make_incident_row(std::move(*i));
        if (row.at < rows.since) continue;
        if (was_referred) return false;
        rows.incidents.insert(std::upper_bound(rows.incidents.begin(), rows.incidents.end(), row, incident_before), std::move(row));
        make_index(rows.incidents, rows.incident_at_);
    }
    return true;
}

// The incidents before the window that held measures or actions refer to: those not held yet
// read in one go, those no longer referred to dropped.
void Model::read_referred() {
    TeamRows& rows = rows_;
    std::unordered_map<std::string, bool> wanted;  // id -> held already
    auto want = [&](const std::optional<std::string>& id) {
        if (id && !at_index(rows.incidents, rows.incident_at_, *id))
            wanted.emplace(*id, at_index(rows.referred, rows.referred_at_, *id) != nullptr);
    };
    for (const auto& m : rows.measures) want(m.measure.incident_id);
    for (const auto& a : rows.actions) want(a.action.incident_id);
    std::erase_if(rows.referred, [&](const IncidentRow& r) { return !wanted.contains(r.incident.id); });
    std::vector<std::string> missing;
    for (const auto& [id, held] : wanted)
        if (!held) missing.push_back(id);
    if (!missing.empty()) {
        std::sort(missing.begin(), missing.end());
        for (auto& i : store_.incidents_with_ids(missing))
            if (i.team_id == rows.team_id) rows.referred.push_back(make_incident_row(std::move(i)));
    }
    std::sort(rows.referred.begin(), rows.referred.end(), incident_before);
    make_index(rows.referred, rows.referred_at_);
}

void Model::link_measure_row(MeasureRow& row, std::int64_t now) const {
    row.youth = rows_.youth(row.measure.youth_id);
    row.warnings = measure_warnings(row.measure, content_, row.youth, now);
}

void Model::relink_measure_rows(std::int64_t now) {
    for (auto& row : rows_.measures) link_measure_row(row, now);
}

void Model::link_incident_row(IncidentRow& row, const std::unordered_map<std::string, int>& linked, std::int64_t now) const {
    row.youth_codes.clear();
    for (const auto& y : row.incident.youth_ids) {
        const Youth* youth = rows_.youth(y);
        if (!row.youth_codes.empty()) row.youth_codes += ", ";
        row.youth_codes += youth ? youth->code : "?";
    }
    const auto it = linked.find(row.incident.id);
    row.linked_measures = it == linked.end() ? 0 : it->second;
    row.report_due = report_due(row.incident, content_.holidays);
    row.warnings = incident_warnings(row.incident, content_.holidays, local_date(now));
}

// Every measure taken in a held incident is held (the window's, and older ones taken in the
// window's incidents), so the counts are whole; a referred incident's count is of the held
// measures only and is not shown.
void Model::relink_incident_rows(std::int64_t now) {
    std::unordered_map<std::string, int> linked;
    for (const auto& m : rows_.measures)
        if (m.measure.incident_id) ++linked[*m.measure.incident_id];
    for (auto& row : rows_.incidents) link_incident_row(row, linked, now);
    for (auto& row : rows_.referred) link_incident_row(row, linked, now);
}

namespace {

// Action rows with their updates and building block; linked to members and meetings by link_action_row.
std::vector<ActionRow> make_action_rows(std::vector<Action> actions, std::vector<ActionUpdate> updates, const Guideline& guideline) {
    std::vector<ActionRow> rows;
    rows.reserve(actions.size());
    std::unordered_map<std::string, std::size_t> index;
    index.reserve(actions.size());
    for (auto& a : actions) {
        ActionRow row;
        row.due = a.due_on ? parse_date(*a.due_on) : std::nullopt;
        row.block = a.guideline_ref ? block_of_ref(guideline, *a.guideline_ref) : nullptr;
        row.action = std::move(a);
        index.emplace(row.action.id, rows.size());
        rows.push_back(std::move(row));
    }
    for (auto& u : updates)  // oldest first, as the store gives them
        if (auto it = index.find(u.action_id); it != index.end()) rows[it->second].updates.push_back(std::move(u));
    for (auto& row : rows) row.review_meetings = review_meetings(row.updates);
    return rows;
}

// The owner, the meeting and what follows from them and from the day (core/actions.hpp).
void link_action_row(ActionRow& row, const Member* owner, const Meeting* meeting, const Date& today) {
    const Action& a = row.action;
    row.owner = owner;
    row.meeting = meeting;
    const auto held = meeting ? parse_date(meeting->held_on) : std::nullopt;
    const auto created = parse_timestamp(a.created_at);
    row.agreed_on = held ? *held : created ? local_date(*created) : Date{};
    row.overdue = action_overdue(a, today);
    row.stale = action_stale(a, row.review_meetings);
}

}  // namespace

void Model::build_action_rows(std::vector<Action> actions, std::vector<ActionUpdate> updates, std::int64_t now) {
    rows_.actions = make_action_rows(std::move(actions), std::move(updates), content_.guideline);
    make_index(rows_.actions, rows_.action_at_);
    relink_action_rows(now);
}

void Model::relink_action_rows(std::int64_t now) {
    const Date today = local_date(now);
    for (auto& row : rows_.actions) {
        const Action& a = row.action;
        link_action_row(row, a.owner_id ? rows_.member(*a.owner_id) : nullptr, a.meeting_id ? rows_.meeting(*a.meeting_id) : nullptr,
                        today);
    }
}

// Reads again only the kinds whose revision changed since the last read; links again when
// members or meetings were read or the hour turned (overdue goes by the day).
void Model::refresh_all_actions(const Revisions& rev, std::int64_t now) {
    AllActions& all = all_actions_;
    auto changed = [&](Kind k) { return !all.loaded || rev[k] != all.seen_[k]; };
    const bool members = changed(Kind::member), meetings = changed(Kind::meeting),
               actions = changed(Kind::action) || changed(Kind::action_update);
    const bool hour_turned = all.loaded && now / 3600 != all.built_at_ / 3600;
    if (members) {
        all.members = store_.all_members();
        make_index(all.members, all.member_at_);
    }
    if (meetings) {
        all.meetings = store_.all_meetings();
        make_index(all.meetings, all.meeting_at_);
    }
    if (actions) {
        all.actions = make_action_rows(store_.all_actions(), store_.all_action_updates(), content_.guideline);
        make_index(all.actions, all.action_at_);
    }
    if (members || meetings || actions || hour_turned) {
        relink_all_actions(now);
        ++versions_.all_actions;
    }
    all.seen_ = rev;
    all.built_at_ = now;
    all.loaded = true;
}

void Model::relink_all_actions(std::int64_t now) {
    const Date today = local_date(now);
    AllActions& all = all_actions_;
    for (auto& row : all.actions) {
        const Action& a = row.action;
        link_action_row(row, a.owner_id ? all.member(*a.owner_id) : nullptr, a.meeting_id ? all.meeting(*a.meeting_id) : nullptr, today);
    }
}

}  // namespace ts::model
