#include "model/model.hpp"

#include "core/actions.hpp"
#include "core/care.hpp"
#include "core/time.hpp"

#include <algorithm>
#include <unordered_map>

namespace ts::model {

namespace {

template <typename T>
const T* find_by_id(const std::vector<T>& v, const std::string& id) {
    for (const auto& x : v)
        if (x.id == id) return &x;
    return nullptr;
}

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
const IncidentRow* TeamRows::incident(const std::string& id) const { return at_index(incidents, incident_at_, id); }
const Meeting* TeamRows::meeting(const std::string& id) const { return at_index(meetings, meeting_at_, id); }
const ActionRow* TeamRows::action(const std::string& id) const { return at_index(actions, action_at_, id); }

void TeamRows::index_members() { make_index(members, member_at_); }
void TeamRows::index_youths() { make_index(youths, youth_at_); }
void TeamRows::index_incidents() { make_index(incidents, incident_at_); }
void TeamRows::index_meetings() { make_index(meetings, meeting_at_); }
void TeamRows::index_actions() { make_index(actions, action_at_); }

const Member* AllActions::member(const std::string& id) const { return at_index(members, member_at_, id); }
const Meeting* AllActions::meeting(const std::string& id) const { return at_index(meetings, meeting_at_, id); }
const ActionRow* AllActions::action(const std::string& id) const { return at_index(actions, action_at_, id); }

Model::Model(Store& store, const Content& content) : store_(store), content_(content) {}

void Model::set_team(const std::string& team_id) { team_id_ = team_id; }

void Model::hold_all_teams(bool on) { all_teams_ = on; }

void Model::hold_all_actions(bool on) { hold_all_actions_ = on; }

void Model::reload_all() {
    held_.clear();
    figures_.clear();
    teams_loaded_ = counts_loaded_ = false;
    all_actions_ = AllActions{};
}

const Team* Model::current_team() const { return find_by_id(teams_, team_id_); }

const TeamRows& Model::rows() const {
    static const TeamRows none;
    if (held_.empty() || held_.front()->rows.team_id != team_id_ || team_id_.empty()) return none;
    return held_.front()->rows;
}

const TeamRows* Model::rows_of(const std::string& team_id) const {
    for (const auto& h : held_)
        if (h->rows.team_id == team_id && h->loaded) return &h->rows;
    return nullptr;
}

Model::Held* Model::held(const std::string& team_id) {
    for (auto& h : held_)
        if (h->rows.team_id == team_id) return h.get();
    return nullptr;
}

bool Model::poll(std::int64_t now) {
    if (polled_at_ && now - *polled_at_ < kPollSeconds && now >= *polled_at_) return false;
    polled_at_ = now;
    return store_.poll_changes();
}

void Model::read_teams() {
    teams_ = store_.teams();
    teams_seen_ = store_.revisions();
    teams_loaded_ = true;
    ++versions_.teams;
}

void Model::choose_team() {
    if (!team_id_.empty() && !current_team()) team_id_.clear();
    if (team_id_.empty() && !teams_.empty()) team_id_ = teams_.front().id;
}

// The current team first, then (when every team is held) the others in the order of teams_.
// Rows already read are kept; a team that is gone is dropped.
void Model::sync_held() {
    std::vector<std::unique_ptr<Held>> next;
    auto take = [&](const std::string& id) {
        for (auto& h : held_)
            if (h && h->rows.team_id == id) {
                next.push_back(std::move(h));
                return;
            }
        auto h = std::make_unique<Held>();
        h->rows.team_id = id;
        next.push_back(std::move(h));
    };
    if (!team_id_.empty()) take(team_id_);
    if (all_teams_)
        for (const auto& t : teams_)
            if (t.id != team_id_) take(t.id);
    held_ = std::move(next);
}

void Model::refresh(std::int64_t now) {
    poll(now);
    const Revisions rev = store_.revisions();
    const bool hour_turned = now / 3600 != built_at_ / 3600;
    if (!teams_loaded_ || rev[Kind::team] != teams_seen_[Kind::team]) read_teams();
    const std::string shown_before = held_.empty() ? std::string() : held_.front()->rows.team_id;
    choose_team();
    sync_held();
    const bool team_changed = (held_.empty() ? std::string() : held_.front()->rows.team_id) != shown_before;

    bool any_rows_changed = team_changed;
    for (std::size_t i = 0; i < held_.size(); ++i) {
        const Versions before = versions_;
        if (refresh_team(*held_[i], rev, now, hour_turned)) any_rows_changed = true;
        if (i != 0) versions_ = before;  // versions speak of the current team's rows only
    }
    if (team_changed) {
        ++versions_.members;
        ++versions_.youths;
        ++versions_.measures;
        ++versions_.incidents;
        ++versions_.meetings;
        ++versions_.actions;
    }

    bool counts_changed = !counts_loaded_;
    for (Kind k : kAllKinds) {
        if (counts_loaded_ && rev[k] == counts_seen_[k]) continue;
        counts_.of(k) = store_.count(k);
        counts_changed = true;
    }
    counts_seen_ = rev;
    counts_loaded_ = true;
    if (counts_changed) ++versions_.counts;

    if (any_rows_changed || hour_turned || figures_.size() != held_.size()) rebuild_figures(now);
    if (hold_all_actions_) refresh_all_actions(rev, now);
    built_at_ = now;
}

bool Model::refresh_team(Held& h, const Revisions& rev, std::int64_t now, bool hour_turned) {
    auto changed = [&](Kind k) { return !h.loaded || rev[k] != h.seen[k]; };
    const bool members = changed(Kind::member), youths = changed(Kind::youth), measures = changed(Kind::measure),
               incidents = changed(Kind::incident);
    TeamRows& rows = h.rows;
    if (members) {
        rows.members = store_.members(rows.team_id);
        rows.index_members();
        ++versions_.members;
    }
    if (youths) {
        rows.youths = store_.youths(rows.team_id);
        rows.index_youths();
        ++versions_.youths;
    }
    // Measure rows point at the team's youths and carry warnings that depend on the youth and
    // on the time; incident rows show youth codes and count linked measures.
    if (measures) build_measure_rows(rows, store_.measures(rows.team_id), now);
    else if (youths || hour_turned) relink_measure_rows(rows, now);
    if (measures || youths || hour_turned) ++versions_.measures;
    if (incidents) build_incident_rows(rows, store_.incidents(rows.team_id), now);
    else if (youths || measures || hour_turned) relink_incident_rows(rows, now);
    if (incidents || youths || measures || hour_turned) ++versions_.incidents;
    // Action rows point at members and meetings, and are overdue by the day.
    const bool meetings = changed(Kind::meeting), actions = changed(Kind::action) || changed(Kind::action_update);
    if (meetings) {
        rows.meetings = store_.meetings(rows.team_id);
        rows.index_meetings();
        ++versions_.meetings;
    }
    if (actions) build_action_rows(rows, store_.actions(rows.team_id), store_.action_updates(rows.team_id), now);
    else if (members || meetings || hour_turned) relink_action_rows(rows, now);
    if (actions || members || meetings || hour_turned) ++versions_.actions;
    h.seen = rev;
    h.loaded = true;
    return members || youths || measures || incidents || meetings || actions || hour_turned;
}

void Model::build_measure_rows(TeamRows& rows, std::vector<Measure> measures, std::int64_t now) {
    rows.measures.clear();
    rows.measures.reserve(measures.size());
    for (auto& m : measures) {
        MeasureRow row;
        row.start = parse_timestamp(m.started_at).value_or(0);
        row.duration = measure_duration(m);
        row.measure = std::move(m);
        rows.measures.push_back(std::move(row));
    }
    relink_measure_rows(rows, now);
}

void Model::relink_measure_rows(TeamRows& rows, std::int64_t now) {
    for (auto& row : rows.measures) {
        row.youth = rows.youth(row.measure.youth_id);
        row.warnings = measure_warnings(row.measure, content_, row.youth, now);
    }
}

void Model::build_incident_rows(TeamRows& rows, std::vector<Incident> incidents, std::int64_t now) {
    rows.incidents.clear();
    rows.incidents.reserve(incidents.size());
    for (auto& i : incidents) {
        IncidentRow row;
        row.at = parse_timestamp(i.occurred_at).value_or(0);
        row.incident = std::move(i);
        rows.incidents.push_back(std::move(row));
    }
    rows.index_incidents();
    relink_incident_rows(rows, now);
}

void Model::relink_incident_rows(TeamRows& rows, std::int64_t now) {
    std::unordered_map<std::string, int> linked;
    for (const auto& m : rows.measures)
        if (m.measure.incident_id) ++linked[*m.measure.incident_id];
    for (auto& row : rows.incidents) {
        row.youth_codes.clear();
        for (const auto& y : row.incident.youth_ids) {
            const Youth* youth = rows.youth(y);
            if (!row.youth_codes.empty()) row.youth_codes += ", ";
            row.youth_codes += youth ? youth->code : "?";
        }
        const auto it = linked.find(row.incident.id);
        row.linked_measures = it == linked.end() ? 0 : it->second;
        row.report_due = report_due(row.incident, content_.holidays);
        row.warnings = incident_warnings(row.incident, content_.holidays, local_date(now));
    }
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

void Model::build_action_rows(TeamRows& rows, std::vector<Action> actions, std::vector<ActionUpdate> updates, std::int64_t now) {
    rows.actions = make_action_rows(std::move(actions), std::move(updates), content_.guideline);
    rows.index_actions();
    relink_action_rows(rows, now);
}

void Model::relink_action_rows(TeamRows& rows, std::int64_t now) {
    const Date today = local_date(now);
    for (auto& row : rows.actions) {
        const Action& a = row.action;
        link_action_row(row, a.owner_id ? rows.member(*a.owner_id) : nullptr, a.meeting_id ? rows.meeting(*a.meeting_id) : nullptr,
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

void Model::rebuild_figures(std::int64_t now) {
    figures_.clear();
    const Date today = local_date(now);
    for (const auto& t : teams_) {
        const TeamRows* rows = rows_of(t.id);
        if (!rows) continue;
        TeamFigures f;
        f.team_id = t.id;
        f.youths_in_care = static_cast<int>(
            std::count_if(rows->youths.begin(), rows->youths.end(), [&](const Youth& y) { return in_care_on(y, today); }));
        f.measures = static_cast<int>(rows->measures.size());
        for (const auto& m : rows->measures) {
            if (!m.measure.ended_at) ++f.open_measures;
            if (!m.warnings.empty()) ++f.measures_with_warnings;
        }
        f.incidents = static_cast<int>(rows->incidents.size());
        figures_.push_back(std::move(f));
    }
}

}  // namespace ts::model
