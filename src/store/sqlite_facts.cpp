// SqliteStore::facts: the compact rows the indicator engine counts, read straight from the
// tables through their indexes (no records are built), so that a report over ten years of
// forty teams reads each row once.
#include "store/sqlite_store.hpp"

#include "core/time.hpp"
#include "core/validation.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <deque>
#include <functional>
#include <tuple>
#include <limits>
#include <numeric>
#include <cstdio>
#include <unordered_map>

namespace ts {
namespace {

// Look-ups by id without making a string for every row.
struct ViewHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using IdIndex = std::unordered_map<std::string, std::uint32_t, ViewHash, std::equal_to<>>;

std::optional<std::uint32_t> find(const IdIndex& index, std::string_view id) {
    const auto it = index.find(id);
    if (it == index.end()) return std::nullopt;
    return it->second;
}

std::uint32_t intern(IdIndex& index, std::vector<std::string>& codes, std::string_view code) {
    if (const auto it = index.find(code); it != index.end()) return it->second;
    const auto i = static_cast<std::uint32_t>(codes.size());
    codes.emplace_back(code);
    index.emplace(std::string(code), i);
    return i;
}

std::int64_t time_or(std::string_view text, std::int64_t fallback) {
    if (text.empty()) return fallback;
    const auto t = parse_timestamp(text);
    return t ? *t : fallback;
}

std::optional<Date> date_of(const sql::Stmt& s, int col) {
    if (s.is_null(col)) return std::nullopt;
    return parse_date(s.view(col));
}

ActionStatus status_of(std::string_view s) { return action_status_from_string(s).value_or(ActionStatus::open); }

// ---- a month of measures, packed ----
// The blob of measure_month.facts, little-endian whatever the machine:
//   u8 version (1)
//   u16 n, then n youth ids, each u8 length + bytes
//   u8 m, then m type codes, each u8 length + bytes
//   u32 k, then k measures of 20 bytes: i64 start, i64 end (INT64_MIN: none), u16 youth, u8 type, u8 flags
// flags: 1 emergency, 2 consent, 4 debrief, 8 parents informed.
constexpr std::uint8_t kPackVersion = 1;
constexpr std::size_t kPackedMeasure = 20;

void put_u(std::string& out, std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
std::uint64_t get_u(const unsigned char* p, int bytes) {
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v |= static_cast<std::uint64_t>(p[i]) << (8 * i);
    return v;
}

// The columns both the packing and the direct read select, in this order.
constexpr const char* kMeasureColumns =
    "team_id, youth_id, type, started_at, ended_at, emergency + 2 * (consent_at IS NOT NULL) + 4 * (debrief_at IS NOT NULL)"
    " + 8 * (parents_informed_at IS NOT NULL)";

// "2026-12" → "2027-01"
std::string next_month(std::string_view month) {
    int y = std::stoi(std::string(month.substr(0, 4))), m = std::stoi(std::string(month.substr(5, 2)));
    if (++m > 12) m = 1, ++y;
    return format_date(Date{y, m, 1}).substr(0, 7);
}

std::string month_of(std::int64_t t) { return format_timestamp(t).substr(0, 7); }

// Reads a packed month from the front, refusing to read past its end: a damaged blob is a
// StoreError that names the repair, never a read out of bounds.
class BlobReader {
public:
    // `what` are packed per `of`: "measures" of "a month", "actions" of "a team".
    BlobReader(std::string_view blob, const char* what, const char* of = "a month")
        : p_(reinterpret_cast<const unsigned char*>(blob.data())), end_(p_ + blob.size()), what_(what), of_(of) {}
    // The bytes of the next n, after checking they are there.
    const unsigned char* take(std::size_t n) {
        if (static_cast<std::size_t>(end_ - p_) < n) damaged();
        const unsigned char* at = p_;
        p_ += n;
        return at;
    }
    std::uint64_t number(int bytes) { return get_u(take(static_cast<std::size_t>(bytes)), bytes); }
    std::string_view text() {  // u8 length + bytes
        const std::size_t n = *take(1);
        return {reinterpret_cast<const char*>(take(n)), n};
    }
    void version(std::uint8_t expected = kPackVersion) {
        if (*take(1) != expected)
            throw StoreError(std::string("the packed ") + what_ + " of " + of_ + " are of an unknown kind; run `teamspiegel check --repair`");
    }
    [[noreturn]] void damaged() const {
        throw StoreError(std::string("the packed ") + what_ + " of " + of_ + " are damaged; run `teamspiegel check --repair`");
    }

private:
    const unsigned char* p_;
    const unsigned char* end_;
    const char* what_;
    const char* of_;
};

// Calls `tables(youth ids, type codes)` once, then `each(youth, type, start, end, flags)` for
// every measure of a packed month, youth and type as positions in those tables.
template <typename Tables, typename Each>
void unpack(std::string_view blob, Tables tables, Each each) {
    BlobReader in(blob, "measures");
    in.version();
    std::vector<std::string_view> youths(in.number(2));
    for (auto& y : youths) y = in.text();
    std::vector<std::string_view> types(in.number(1));
    for (auto& t : types) t = in.text();
    const std::size_t count = in.number(4);
    const unsigned char* p = in.take(count * kPackedMeasure);
    tables(youths, types);
    for (std::size_t i = 0; i < count; ++i, p += kPackedMeasure) {
        const std::size_t youth = get_u(p + 16, 2), type = p[18];
        if (youth >= youths.size() || type >= types.size()) in.damaged();
        each(youth, type, static_cast<std::int64_t>(get_u(p, 8)), static_cast<std::int64_t>(get_u(p + 8, 8)), p[19]);
    }
}

// The position of `v` in `list`, added at the end when it is not there yet: the tables of codes
// and ids at the front of a packed month.
std::size_t slot_of(std::vector<std::string>& list, std::string_view v) {
    const auto it = std::find(list.begin(), list.end(), v);
    if (it != list.end()) return static_cast<std::size_t>(it - list.begin());
    list.emplace_back(v);
    return list.size() - 1;
}

// ---- a month of incidents, packed ----
// The blob of incident_month.facts, little-endian:
//   u8 version (1)
//   u8 m, then m category codes, each u8 length + bytes
//   u32 k, then k incidents of 20 bytes: i64 occurred at, u8 category, u8 severity, u8 reportable,
//   u8 0, i32 reported on, i32 investigation concluded on (days since 1970-01-01; INT32_MIN: none)
constexpr std::size_t kPackedIncident = 20;
constexpr std::int32_t kNoDay = std::numeric_limits<std::int32_t>::min();

constexpr const char* kIncidentColumns = "team_id, occurred_at, category, severity, reportable, reported_on, investigation_concluded_on";

std::int32_t day_of(const sql::Stmt& s, int col) {
    if (s.is_null(col)) return kNoDay;
    const auto d = parse_date(s.view(col));
    return d ? static_cast<std::int32_t>(days_from_civil(*d)) : kNoDay;
}

// Calls `tables(category codes)` once, then `each(category, at, severity, reportable, reported,
// concluded)` for every incident of a packed month.
template <typename Tables, typename Each>
void unpack_incidents(std::string_view blob, Tables tables, Each each) {
    BlobReader in(blob, "incidents");
    in.version();
    std::vector<std::string_view> categories(in.number(1));
    for (auto& c : categories) c = in.text();
    const std::size_t count = in.number(4);
    const unsigned char* p = in.take(count * kPackedIncident);
    tables(categories);
    for (std::size_t i = 0; i < count; ++i, p += kPackedIncident) {
        if (p[8] >= categories.size()) in.damaged();
        each(p[8], static_cast<std::int64_t>(get_u(p, 8)), p[9], p[10] != 0, static_cast<std::int32_t>(get_u(p + 12, 4)),
             static_cast<std::int32_t>(get_u(p + 16, 4)));
    }
}

// Puts the facts in the order of their teams (a counting sort: within a team they keep the order
// they had), the order ind::prepare() wants, so that it has nothing left to sort.
template <typename Fact>
void group_by_team(std::vector<Fact>& facts, std::size_t teams) {
    std::vector<std::size_t> next(teams + 1, 0);
    for (const Fact& x : facts) ++next[x.team + 1];
    if (std::count(next.begin(), next.end(), 0) >= static_cast<std::ptrdiff_t>(teams)) return;  // one team or none
    std::partial_sum(next.begin(), next.end(), next.begin());
    std::vector<Fact> grouped(facts.size());
    for (Fact& x : facts) grouped[next[x.team]++] = std::move(x);
    facts = std::move(grouped);
}

// ---- a team's actions, packed ----
// The blob of action_team.facts, little-endian:
//   u8 version (1)
//   u32 n, then n meetings of the team in order of held_on and id, 5 bytes each: u32 held on
//     (a day as year * 512 + month * 32 + day, in the order of the dates; 0: not a date, so
//     never read), u8 state
//   u32 m, then m ids of meetings of other teams (or of none) that its actions name, each
//     u16 length + bytes
//   u32 k, then k actions in order of id, 37 bytes each: u32 meeting, i64 created at
//     (INT64_MIN: not a time), u32 due on (a day as above; 0: none), u8 status, i64 completed at
//     (INT64_MIN: none), i64 updated at, u32 number of updates
//   u32 u, then u updates, those of each action together in the order of the actions, each
//     action's in order of time (then id), 13 bytes each: i64 at, u8 status, u32 meeting
// A meeting is 0 for none, 1 + its position among the team's, or kOtherMeeting + its position
// among the ids of the others. An update whose time cannot be read is left out, as the rows'
// reader leaves it out.
constexpr std::uint8_t kActionPackVersion = 1;
constexpr std::size_t kPackedMeeting = 5, kPackedAction = 37, kPackedUpdate = 13;
constexpr std::uint32_t kOtherMeeting = 0x80000000u;
constexpr std::uint32_t kNotRead = 0xFFFFFFFFu;

// A packed team located: its four parts, bounds checked, not yet read.
struct ActionPack {
    std::uint32_t team = 0;  // index in Facts::teams
    std::size_t meetings = 0, actions = 0, updates = 0;
    const unsigned char *meeting_at = nullptr, *action_at = nullptr, *update_at = nullptr;
    std::vector<std::string_view> others;  // ids of the other meetings
    // Per meeting of the team: its index in Facts::meetings when read (held before the range's
    // end), else kNotRead.
    std::vector<std::uint32_t> meeting_of;
};

// A meeting read as a row (id, team_id, held_on, state) of a team, its date read: added to the
// facts and to the index of their ids.
void add_meeting_row(const sql::Stmt& s, std::uint32_t team, const Date& held, ind::Facts& f, IdIndex& meeting_index) {
    ind::MeetingFact m;
    m.team = team;
    m.held_on = held;
    m.state = meeting_state_from_string(s.view(3)).value_or(MeetingState::planned);
    meeting_index.emplace(s.text(0), static_cast<std::uint32_t>(f.meetings.size()));
    f.meetings.push_back(std::move(m));
}

ActionPack locate_actions(std::string_view blob, std::uint32_t team) {
    BlobReader in(blob, "actions", "a team");
    in.version(kActionPackVersion);
    ActionPack p;
    p.team = team;
    p.meetings = in.number(4);
    p.meeting_at = in.take(p.meetings * kPackedMeeting);
    p.others.resize(in.number(4));
    for (auto& id : p.others) {
        const std::size_t n = in.number(2);
        id = {reinterpret_cast<const char*>(in.take(n)), n};
    }
    p.actions = in.number(4);
    p.action_at = in.take(p.actions * kPackedAction);
    p.updates = in.number(4);
    p.update_at = in.take(p.updates * kPackedUpdate);
    return p;
}

// A day as a number in the order of the days, quick to make and to take apart: 0 for none.
constexpr std::uint32_t kNoDate = 0;
std::uint32_t date_key(const Date& d) { return static_cast<std::uint32_t>(d.year * 512 + d.month * 32 + d.day); }
std::uint32_t date_key(std::optional<Date> d) { return d ? date_key(*d) : kNoDate; }
Date key_date(std::uint32_t key) { return {static_cast<int>(key / 512), static_cast<int>(key / 32 % 16), static_cast<int>(key % 32)}; }
std::uint32_t held_key(const unsigned char* meeting) { return static_cast<std::uint32_t>(get_u(meeting, 4)); }

}  // namespace

ActionRowsSql action_rows_sql() {
    return {"SELECT id, held_on, state FROM meeting WHERE team_id = :team ORDER BY held_on, id",
            "SELECT id, meeting_id, created_at, due_on, status, completed_at, updated_at FROM action WHERE team_id = :team ORDER BY id",
            "SELECT u.action_id, u.created_at, u.status, u.meeting_id, u.id FROM action_update AS u JOIN action AS a ON a.id = u.action_id"
            " WHERE a.team_id = :team ORDER BY u.action_id, u.id"};
}

std::string pack_action_team(const ActionRows& rows, const std::string& team) {
    // The team's meetings, by position.
    IdIndex position;
    std::string meetings;
    rows.meetings.bind(":team", team);
    while (rows.meetings.step()) {
        put_u(meetings, date_key(parse_date(rows.meetings.view(1))), 4);
        put_u(meetings, static_cast<std::uint8_t>(meeting_state_from_string(rows.meetings.view(2)).value_or(MeetingState::planned)), 1);
        position.emplace(rows.meetings.text(0), static_cast<std::uint32_t>(position.size()));
    }
    rows.meetings.reset();
    IdIndex other_index;
    std::vector<std::string> others;
    const auto meeting = [&](const sql::Stmt& s, int col) -> std::uint32_t {
        if (s.is_null(col)) return 0;
        if (const auto p = find(position, s.view(col))) return *p + 1;
        return kOtherMeeting | intern(other_index, others, s.view(col));
    };
    // The updates, by action.
    struct Update {
        std::int64_t at;
        std::string id;
        std::uint8_t status;
        std::uint32_t meeting;
    };
    std::unordered_map<std::string, std::vector<Update>, ViewHash, std::equal_to<>> updates_of;
    rows.updates.bind(":team", team);
    while (rows.updates.step()) {
        const auto at = parse_timestamp(rows.updates.view(1));
        if (!at) continue;
        updates_of[rows.updates.text(0)].push_back(
            {*at, rows.updates.text(4), static_cast<std::uint8_t>(status_of(rows.updates.view(2))), meeting(rows.updates, 3)});
    }
    rows.updates.reset();
    std::string actions, updates;
    std::uint32_t action_count = 0, update_count = 0;
    rows.actions.bind(":team", team);
    while (rows.actions.step()) {
        const sql::Stmt& a = rows.actions;
        put_u(actions, meeting(a, 1), 4);
        put_u(actions, static_cast<std::uint64_t>(time_or(a.view(2), ind::kNoTime)), 8);
        put_u(actions, date_key(date_of(a, 3)), 4);
        put_u(actions, static_cast<std::uint8_t>(status_of(a.view(4))), 1);
        put_u(actions, static_cast<std::uint64_t>(time_or(a.view(5), ind::kNoTime)), 8);
        put_u(actions, static_cast<std::uint64_t>(time_or(a.view(6), 0)), 8);
        std::uint32_t n = 0;
        if (const auto it = updates_of.find(a.view(0)); it != updates_of.end()) {
            auto& list = it->second;
            std::sort(list.begin(), list.end(), [](const Update& x, const Update& y) { return std::tie(x.at, x.id) < std::tie(y.at, y.id); });
            for (const Update& u : list) {
                put_u(updates, static_cast<std::uint64_t>(u.at), 8);
                put_u(updates, u.status, 1);
                put_u(updates, u.meeting, 4);
            }
            n = static_cast<std::uint32_t>(list.size());
        }
        put_u(actions, n, 4);
        update_count += n;
        ++action_count;
    }
    rows.actions.reset();
    std::string out;
    if (position.empty() && action_count == 0) return out;
    put_u(out, kActionPackVersion, 1);
    put_u(out, position.size(), 4);
    out += meetings;
    put_u(out, others.size(), 4);
    for (const auto& id : others) put_u(out, std::min<std::size_t>(id.size(), 0xFFFF), 2), out += id.substr(0, 0xFFFF);
    put_u(out, action_count, 4);
    out += actions;
    put_u(out, update_count, 4);
    out += updates;
    return out;
}

std::vector<std::string> packed_action_problems(sql::Db& db) {
    const ActionRowsSql sql = action_rows_sql();
    sql::Stmt meetings(db, sql.meetings), actions(db, sql.actions), updates(db, sql.updates);
    sql::Stmt teams(db, "SELECT team_id, facts FROM action_team WHERE facts IS NOT NULL");
    std::int64_t wrong = 0;
    while (teams.step())
        if (pack_action_team({meetings, actions, updates}, teams.text(0)) != teams.blob(1)) ++wrong;
    // A team with actions or meetings that is neither packed nor marked.
    wrong += db.scalar_int(
        "SELECT count(*) FROM (SELECT team_id FROM action UNION SELECT team_id FROM meeting) AS t"
        " WHERE NOT EXISTS (SELECT 1 FROM action_team AS p WHERE p.team_id = t.team_id)");
    if (wrong == 0) return {};
    return {"the packed actions of " + std::to_string(wrong) + " team" + (wrong == 1 ? "" : "s") +
            " do not match the actions, their updates and meetings; run `teamspiegel check --repair`"};
}

void SqliteStore::pack_stale_action_teams() {
    std::vector<std::string> teams;
    {
        sql::Stmt& marked = prepared("SELECT team_id FROM action_team WHERE facts IS NULL");
        while (marked.step()) teams.push_back(marked.text(0));
        marked.reset();
    }
    if (teams.empty()) return;
    const ActionRowsSql sql = action_rows_sql();
    const ActionRows rows{prepared(sql.meetings), prepared(sql.actions), prepared(sql.updates)};
    sql::Stmt& store = prepared("UPDATE action_team SET facts = :facts WHERE team_id = :team");
    sql::Stmt& drop = prepared("DELETE FROM action_team WHERE team_id = :team");
    for (const auto& team : teams) {
        const std::string packed = pack_action_team(rows, team);
        sql::Stmt& st = packed.empty() ? drop : store;
        if (!packed.empty()) st.bind_blob(":facts", packed);
        st.bind(":team", team);
        st.run();
    }
}

std::string incident_rows_sql() {
    return std::string("SELECT ") + kIncidentColumns + " FROM incident WHERE team_id = :team AND occurred_at >= :from AND occurred_at < :to"
                       " ORDER BY occurred_at";
}

namespace {

// A month of one team's incidents packed from its rows, given in the order of incident_rows_sql().
class IncidentPacker {
public:
    void add(std::int64_t at, std::string_view category, std::int64_t severity, bool reportable, std::int32_t reported, std::int32_t concluded) {
        put_u(records_, static_cast<std::uint64_t>(at), 8);
        put_u(records_, slot_of(categories_, category), 1);
        put_u(records_, static_cast<std::uint64_t>(std::clamp<std::int64_t>(severity, 1, 4)), 1);
        put_u(records_, reportable ? 1 : 0, 1);
        put_u(records_, 0, 1);
        put_u(records_, static_cast<std::uint32_t>(reported), 4);
        put_u(records_, static_cast<std::uint32_t>(concluded), 4);
        ++count_;
    }
    std::string finish() {
        std::string out;
        if (count_ == 0) return out;
        put_u(out, kPackVersion, 1);
        put_u(out, categories_.size(), 1);
        for (const auto& c : categories_) put_u(out, c.size(), 1), out += c.substr(0, 255);
        put_u(out, count_, 4);
        out += records_;
        return out;
    }

private:
    std::vector<std::string> categories_;
    std::string records_;
    std::uint32_t count_ = 0;
};

}  // namespace

std::string pack_incident_month(sql::Stmt& rows, const std::string& team, const std::string& month) {
    IncidentPacker packer;
    rows.bind(":team", team).bind(":from", month).bind(":to", next_month(month));
    while (rows.step()) {
        const auto at = parse_timestamp(rows.view(1));
        if (!at) continue;
        packer.add(*at, rows.view(2), rows.integer(3), rows.integer(4) != 0, day_of(rows, 5), day_of(rows, 6));
    }
    rows.reset();
    return packer.finish();
}

namespace {

// A month of one team's measures packed from its rows, given in the order of month_rows_sql().
class MonthPacker {
public:
    void add(std::string_view youth_id, std::string_view type_code, std::int64_t start, std::int64_t end, std::uint64_t flags) {
        const std::size_t youth = slot_of(youths_, youth_id);
        const std::size_t type = slot_of(types_, type_code);
        put_u(records_, static_cast<std::uint64_t>(start), 8);
        if (end != ind::kNoTime) out_.max_end = std::max(out_.max_end.value_or(end), end);
        put_u(records_, static_cast<std::uint64_t>(end), 8);
        put_u(records_, youth, 2);
        put_u(records_, type, 1);
        put_u(records_, flags, 1);
        ++count_;
    }
    PackedMonth finish() {
        if (count_ == 0) return std::move(out_);
        put_u(out_.facts, kPackVersion, 1);
        put_u(out_.facts, youths_.size(), 2);
        for (const auto& y : youths_) put_u(out_.facts, y.size(), 1), out_.facts += y;
        put_u(out_.facts, types_.size(), 1);
        for (const auto& t : types_) put_u(out_.facts, t.size(), 1), out_.facts += t.substr(0, 255);
        put_u(out_.facts, count_, 4);
        out_.facts += records_;
        return std::move(out_);
    }

private:
    std::vector<std::string> youths_, types_;
    std::string records_;
    PackedMonth out_;
    std::uint32_t count_ = 0;
};

}  // namespace

PackedMonth pack_month(sql::Stmt& rows, const std::string& team, const std::string& month) {
    MonthPacker packer;
    rows.bind(":team", team).bind(":from", month).bind(":to", next_month(month));
    while (rows.step()) {
        const auto start = parse_timestamp(rows.view(3));
        if (!start) continue;
        packer.add(rows.view(1), rows.view(2), *start, time_or(rows.view(4), ind::kNoTime), static_cast<std::uint64_t>(rows.integer(5)));
    }
    rows.reset();
    return packer.finish();
}

namespace {

// Text kept once and named by its position: a pass's youth ids, type and category codes.
class Names {
public:
    std::uint32_t slot(std::string_view v) {
        key_.assign(v);  // (no new string for a name already kept)
        if (const auto it = slots_.find(key_); it != slots_.end()) return it->second;
        slots_.emplace(key_, static_cast<std::uint32_t>(list_.size()));
        list_.emplace_back(v);
        return static_cast<std::uint32_t>(list_.size() - 1);
    }
    const std::string& operator[](std::uint32_t i) const { return list_[i]; }

private:
    std::vector<std::string> list_;
    std::unordered_map<std::string, std::uint32_t> slots_;
    std::string key_;
};

// Each of `months` (team id, 'YYYY-MM') packed from one pass over `sql` (its columns: rowid,
// team id, then what `make` reads; the month is of the time in column `time_col`). Each row is
// made by `make(stmt, time)`, each month's rows are sorted as its query orders them (by the
// time's text, then by rowid) and packed by `pack(rows)`. Only a time in the plain UTC form sorts
// by its instant as its text does: a month with any other is packed by `by_query(team, month)`.
template <typename Row, typename Packed, typename Make, typename Pack, typename ByQuery>
std::vector<Packed> pack_in_one_pass(sql::Db& db, const std::string& sql, int time_col, const std::vector<std::pair<std::string, std::string>>& months,
                                     Make make, Pack pack, ByQuery by_query) {
    std::unordered_map<std::string, std::unordered_map<std::string, std::size_t>> group_of;  // team -> month -> index
    for (std::size_t g = 0; g < months.size(); ++g) group_of[months[g].first].emplace(months[g].second, g);
    std::vector<std::vector<Row>> groups(months.size());
    std::vector<bool> queried(months.size(), false);
    {
        sql::Stmt all(db, sql);
        std::string team_id, month;
        while (all.step()) {
            team_id.assign(all.view(1));
            const auto team = group_of.find(team_id);
            if (team == group_of.end()) continue;
            const std::string_view time = all.view(time_col);
            month.assign(time.substr(0, std::min<std::size_t>(time.size(), 7)));
            const auto g = team->second.find(month);
            if (g == team->second.end() || queried[g->second]) continue;
            if (const auto at = parse_plain_timestamp(time)) groups[g->second].push_back(make(all, *at));
            else queried[g->second] = true;
        }
    }
    std::vector<Packed> out(months.size());
    for (std::size_t g = 0; g < months.size(); ++g) {
        if (queried[g]) {
            out[g] = by_query(months[g].first, months[g].second);
            continue;
        }
        auto& list = groups[g];
        std::sort(list.begin(), list.end(), [](const Row& a, const Row& b) { return a.at != b.at ? a.at < b.at : a.rowid < b.rowid; });
        out[g] = pack(list);
        std::vector<Row>().swap(list);
    }
    return out;
}

}  // namespace

std::vector<PackedMonth> pack_months_in_one_pass(sql::Db& db, const std::vector<std::pair<std::string, std::string>>& months) {
    struct Row {
        std::int64_t at, end, rowid;
        std::uint32_t youth, type;
        std::uint8_t flags;
    };
    Names youths, types;
    std::unique_ptr<sql::Stmt> rows;
    return pack_in_one_pass<Row, PackedMonth>(
        db, std::string("SELECT rowid, ") + kMeasureColumns + " FROM measure", 4, months,
        [&](const sql::Stmt& s, std::int64_t at) {
            // (columns: rowid, team_id, youth_id, type, started_at, ended_at, flags)
            return Row{at, time_or(s.view(5), ind::kNoTime), s.integer(0), youths.slot(s.view(2)), types.slot(s.view(3)),
                       static_cast<std::uint8_t>(s.integer(6))};
        },
        [&](const std::vector<Row>& list) {
            MonthPacker packer;
            for (const Row& r : list) packer.add(youths[r.youth], types[r.type], r.at, r.end, r.flags);
            return packer.finish();
        },
        [&](const std::string& team, const std::string& month) {
            if (!rows) rows = std::make_unique<sql::Stmt>(db, month_rows_sql());
            return pack_month(*rows, team, month);
        });
}

std::vector<std::string> pack_incident_months_in_one_pass(sql::Db& db, const std::vector<std::pair<std::string, std::string>>& months) {
    struct Row {
        std::int64_t at, rowid;
        std::uint32_t category;
        std::int32_t reported, concluded;
        std::uint8_t severity, reportable;
    };
    Names categories;
    std::unique_ptr<sql::Stmt> rows;
    return pack_in_one_pass<Row, std::string>(
        db, std::string("SELECT rowid, ") + kIncidentColumns + " FROM incident", 2, months,
        [&](const sql::Stmt& s, std::int64_t at) {
            // (columns: rowid, team_id, occurred_at, category, severity, reportable, reported_on, concluded)
            return Row{at, s.integer(0), categories.slot(s.view(3)), day_of(s, 6), day_of(s, 7),
                       static_cast<std::uint8_t>(std::clamp<std::int64_t>(s.integer(4), 0, 255)), static_cast<std::uint8_t>(s.integer(5) != 0)};
        },
        [&](const std::vector<Row>& list) {
            IncidentPacker packer;
            for (const Row& r : list) packer.add(r.at, categories[r.category], r.severity, r.reportable != 0, r.reported, r.concluded);
            return packer.finish();
        },
        [&](const std::string& team, const std::string& month) {
            if (!rows) rows = std::make_unique<sql::Stmt>(db, incident_rows_sql());
            return pack_incident_month(*rows, team, month);
        });
}

std::string month_rows_sql() {
    return std::string("SELECT ") + kMeasureColumns + " FROM measure WHERE team_id = :team AND started_at >= :from AND started_at < :to"
                       " ORDER BY started_at";
}

std::vector<std::string> packed_month_problems(sql::Db& db) {
    sql::Stmt months(db, "SELECT team_id, month, facts, max_end FROM measure_month WHERE facts IS NOT NULL");
    sql::Stmt rows(db, month_rows_sql());
    std::int64_t wrong = 0;
    while (months.step()) {
        const PackedMonth fresh = pack_month(rows, months.text(0), months.text(1));
        const bool same_end = months.is_null(3) ? !fresh.max_end.has_value() : fresh.max_end.value_or(ind::kNoTime) == months.integer(3);
        if (fresh.facts != months.blob(2) || !same_end) ++wrong;
    }
    // A month with measures that is neither packed nor marked.
    const std::int64_t missing = db.scalar_int(
        "SELECT count(*) FROM (SELECT DISTINCT team_id, substr(started_at, 1, 7) AS month FROM measure) AS m"
        " WHERE NOT EXISTS (SELECT 1 FROM measure_month AS p WHERE p.team_id = m.team_id AND p.month = m.month)");
    std::vector<std::string> out;
    if (wrong + missing > 0)
        out.push_back("the packed measures of " + std::to_string(wrong + missing) + " month" + (wrong + missing == 1 ? "" : "s") +
                      " do not match the measures; run `teamspiegel check --repair`");
    sql::Stmt incident_months(db, "SELECT team_id, month, facts FROM incident_month WHERE facts IS NOT NULL");
    sql::Stmt incident_rows(db, incident_rows_sql());
    std::int64_t wrong_incidents = 0;
    while (incident_months.step())
        if (pack_incident_month(incident_rows, incident_months.text(0), incident_months.text(1)) != incident_months.blob(2)) ++wrong_incidents;
    wrong_incidents += db.scalar_int(
        "SELECT count(*) FROM (SELECT DISTINCT team_id, substr(occurred_at, 1, 7) AS month FROM incident) AS m"
        " WHERE NOT EXISTS (SELECT 1 FROM incident_month AS p WHERE p.team_id = m.team_id AND p.month = m.month)");
    if (wrong_incidents > 0)
        out.push_back("the packed incidents of " + std::to_string(wrong_incidents) + " month" + (wrong_incidents == 1 ? "" : "s") +
                      " do not match the incidents; run `teamspiegel check --repair`");
    return out;
}

bool SqliteStore::many_marked(const char* table, std::size_t marked) {
    return marked >= kOnePassMonths && marked * 4 >= static_cast<std::size_t>(db_.scalar_int((std::string("SELECT count(*) FROM ") + table).c_str()));
}

std::vector<std::pair<std::string, std::string>> SqliteStore::marked_months(const char* table) {
    sql::Stmt& marked = prepared(std::string("SELECT team_id, month FROM ") + table + " WHERE facts IS NULL");
    std::vector<std::pair<std::string, std::string>> months;
    while (marked.step()) months.emplace_back(marked.text(0), marked.text(1));
    marked.reset();
    return months;
}

void SqliteStore::pack_stale_months() {
    pack_stale_incident_months();
    pack_stale_action_teams();
    const auto months = marked_months("measure_month");
    if (months.empty()) return;
    // Many months marked (an import into a new or small database): one pass over the measures in
    // the table's order, instead of a query per month that reads its rows in the order of the
    // index, each from another page of the table.
    std::vector<PackedMonth> in_one_pass;
    if (many_marked("measure_month", months.size())) in_one_pass = pack_months_in_one_pass(db_, months);
    sql::Stmt& rows = prepared(month_rows_sql());
    sql::Stmt& store = prepared("UPDATE measure_month SET facts = :facts, max_end = :max_end WHERE team_id = :team AND month = :month");
    sql::Stmt& drop = prepared("DELETE FROM measure_month WHERE team_id = :team AND month = :month");
    for (std::size_t m = 0; m < months.size(); ++m) {
        const auto& [team, month] = months[m];
        const PackedMonth packed = in_one_pass.empty() ? pack_month(rows, team, month) : std::move(in_one_pass[m]);
        if (packed.facts.empty()) {
            drop.bind(":team", team).bind(":month", month);
            drop.run();
            continue;
        }
        store.bind_blob(":facts", packed.facts).bind(":team", team).bind(":month", month);
        if (packed.max_end) store.bind(":max_end", *packed.max_end);
        else store.bind_null(":max_end");
        store.run();
    }
}

void SqliteStore::pack_stale_incident_months() {
    const auto months = marked_months("incident_month");
    if (months.empty()) return;
    std::vector<std::string> in_one_pass;  // as for the measures (pack_stale_months)
    if (many_marked("incident_month", months.size())) in_one_pass = pack_incident_months_in_one_pass(db_, months);
    sql::Stmt& rows = prepared(incident_rows_sql());
    sql::Stmt& store = prepared("UPDATE incident_month SET facts = :facts WHERE team_id = :team AND month = :month");
    sql::Stmt& drop = prepared("DELETE FROM incident_month WHERE team_id = :team AND month = :month");
    for (std::size_t m = 0; m < months.size(); ++m) {
        const auto& [team, month] = months[m];
        const std::string packed = in_one_pass.empty() ? pack_incident_month(rows, team, month) : std::move(in_one_pass[m]);
        sql::Stmt& st = packed.empty() ? drop : store;
        if (!packed.empty()) st.bind_blob(":facts", packed);
        st.bind(":team", team).bind(":month", month);
        st.run();
    }
}

void SqliteStore::rebuild_summaries() {
    write("the packed measures and incidents and the numbers of records", {}, [&] {
        db_.exec("UPDATE measure_month SET facts = NULL, max_end = NULL;"
                 "INSERT INTO measure_month (team_id, month, facts) SELECT DISTINCT team_id, substr(started_at, 1, 7), NULL FROM measure"
                 " WHERE 1 ON CONFLICT (team_id, month) DO NOTHING;"
                 "UPDATE incident_month SET facts = NULL;"
                 "INSERT INTO incident_month (team_id, month, facts) SELECT DISTINCT team_id, substr(occurred_at, 1, 7), NULL FROM incident"
                 " WHERE 1 ON CONFLICT (team_id, month) DO NOTHING;"
                 "UPDATE action_team SET facts = NULL;"
                 "INSERT INTO action_team (team_id, facts) SELECT team_id, NULL FROM action UNION SELECT team_id, NULL FROM meeting"
                 " WHERE 1 ON CONFLICT (team_id) DO NOTHING;");
        recount_records();
    });
}

namespace {

[[noreturn]] void damaged_actions() { BlobReader({}, "actions", "a team").damaged(); }

// The actions of the query's teams, with their updates and the meetings they are agreed and
// reviewed in (FactsQuery): from each team's packed facts, or from the rows of a team marked by
// a change outside this program. When the query asks for meetings, Facts::meetings and
// `meeting_index` hold them already, read as rows in order of held_on and id; else the
// meetings come from the packs, and `meeting_index` is filled only when an id must be looked
// up (a marked team, or an action that names a meeting of another team).
void read_actions(sql::Db& db, const ind::FactsQuery& q, const std::string& team_filter, const std::function<void(sql::Stmt&)>& bind_teams,
                  const IdIndex& team_index, IdIndex& meeting_index, ind::Facts& f) {
    const std::string to_date = format_date(q.range.to);
    // A meeting is read when it is held before the range's end (a date that cannot be read is
    // never read). Its actions are left out then, as agreed after the range.
    const std::uint32_t to_key = date_key(q.range.to);
    const auto read = [&](std::uint32_t held) { return held != kNoDate && held < to_key; };

    std::deque<std::string> blobs;  // (a deque: the packs point into them)
    std::vector<ActionPack> packs;
    std::vector<int> pack_of(f.teams.size(), -1);
    std::vector<char> is_marked(f.teams.size(), 0);
    std::vector<std::string> marked;  // the ids of the marked teams
    bool others = false;
    {
        sql::Stmt s(db, "SELECT team_id, facts FROM action_team WHERE " + team_filter);
        bind_teams(s);
        while (s.step()) {
            const auto team = find(team_index, s.view(0));
            if (!team) continue;
            if (s.is_null(1)) {
                is_marked[*team] = 1;
                marked.push_back(s.text(0));
                continue;
            }
            pack_of[*team] = static_cast<int>(packs.size());
            packs.push_back(locate_actions(blobs.emplace_back(s.blob(1)), *team));
            others = others || !packs.back().others.empty();
        }
    }

    if (q.meetings) {
        // A team's meetings read as rows are its packed ones that are read, in the same order.
        std::vector<std::vector<std::uint32_t>> of_team(f.teams.size());
        for (std::uint32_t m = 0; m < f.meetings.size(); ++m) of_team[f.meetings[m].team].push_back(m);
        for (ActionPack& p : packs) {
            const std::vector<std::uint32_t>& rows = of_team[p.team];
            std::size_t k = 0;
            p.meeting_of.assign(p.meetings, kNotRead);
            for (std::size_t i = 0; i < p.meetings; ++i) {
                const std::uint32_t held = held_key(p.meeting_at + i * kPackedMeeting);
                if (!read(held)) continue;
                if (k == rows.size() || date_key(f.meetings[rows[k]].held_on) != held) damaged_actions();
                p.meeting_of[i] = rows[k++];
            }
            if (k != rows.size()) damaged_actions();
        }
    } else {
        std::size_t meetings = 0;
        for (const ActionPack& p : packs) meetings += p.meetings;
        f.meetings.reserve(meetings);
        for (ActionPack& p : packs) {
            p.meeting_of.assign(p.meetings, kNotRead);
            for (std::size_t i = 0; i < p.meetings; ++i) {
                const unsigned char* m = p.meeting_at + i * kPackedMeeting;
                if (!read(held_key(m))) continue;
                if (m[4] > static_cast<int>(MeetingState::closed)) damaged_actions();
                p.meeting_of[i] = static_cast<std::uint32_t>(f.meetings.size());
                ind::MeetingFact fact;
                fact.team = p.team;
                fact.held_on = key_date(held_key(m));
                fact.state = static_cast<MeetingState>(m[4]);
                f.meetings.push_back(std::move(fact));
            }
        }
        if (!marked.empty() || others) {
            // The ids: the meetings of a packed team in its order; a marked team's as rows.
            sql::Stmt s(db, "SELECT id, team_id, held_on, state FROM meeting WHERE " + team_filter +
                                " AND held_on < :to ORDER BY team_id, held_on, id");
            bind_teams(s);
            s.bind(":to", to_date);
            std::vector<std::size_t> next(packs.size(), 0);
            while (s.step()) {
                const auto team = find(team_index, s.view(1));
                const auto held = parse_date(s.view(2));
                if (!team || !held) continue;
                if (const int k = pack_of[*team]; k >= 0) {
                    ActionPack& p = packs[static_cast<std::size_t>(k)];
                    std::size_t& i = next[static_cast<std::size_t>(k)];
                    while (i < p.meetings && p.meeting_of[i] == kNotRead) ++i;
                    if (i == p.meetings || f.meetings[p.meeting_of[i]].held_on != *held) damaged_actions();
                    meeting_index.emplace(s.text(0), p.meeting_of[i++]);
                } else if (is_marked[*team]) {
                    add_meeting_row(s, *team, *held, f, meeting_index);
                }
            }
        }
    }

    std::size_t actions = f.actions.size(), updates = f.action_updates.size();
    for (const ActionPack& p : packs) actions += p.actions, updates += p.updates;
    f.actions.reserve(actions);
    f.action_updates.reserve(updates);
    for (const ActionPack& p : packs) {
        // The meeting read that an action or update names: its index in Facts::meetings, else kNotRead.
        const auto meeting = [&](std::uint32_t ref) -> std::uint32_t {
            if (ref == 0) return kNotRead;
            if (ref & kOtherMeeting) {
                const std::size_t k = ref & ~kOtherMeeting;
                if (k >= p.others.size()) damaged_actions();
                return find(meeting_index, p.others[k]).value_or(kNotRead);
            }
            if (ref - 1 >= p.meetings) damaged_actions();
            return p.meeting_of[ref - 1];
        };
        const unsigned char* u = p.update_at;
        const unsigned char* const updates_end = p.update_at + p.updates * kPackedUpdate;
        const unsigned char* a = p.action_at;
        for (std::size_t i = 0; i < p.actions; ++i, a += kPackedAction) {
            const std::size_t n = get_u(a + 33, 4);
            if (n > static_cast<std::size_t>(updates_end - u) / kPackedUpdate || a[16] > static_cast<int>(ActionStatus::dropped))
                damaged_actions();
            const unsigned char* const first = u;
            u += n * kPackedUpdate;
            // Agreed on its meeting's date (an action whose meeting is not read is agreed after
            // the range), else on the day it was created.
            const std::uint32_t ref = static_cast<std::uint32_t>(get_u(a, 4));
            Date agreed;
            if (ref != 0) {
                const std::uint32_t m = meeting(ref);
                if (m == kNotRead) continue;
                agreed = f.meetings[m].held_on;
            } else {
                const auto created = static_cast<std::int64_t>(get_u(a + 4, 8));
                if (created == ind::kNoTime) continue;
                agreed = local_date(created);
            }
            const auto action = static_cast<std::uint32_t>(f.actions.size());
            ind::ActionFact& fact = f.actions.emplace_back();
            fact.team = p.team;
            fact.agreed_on = agreed;
            if (const auto due = static_cast<std::uint32_t>(get_u(a + 12, 4)); due != kNoDate) fact.due_on = key_date(due);
            fact.status = static_cast<ActionStatus>(a[16]);
            fact.completed_at = static_cast<std::int64_t>(get_u(a + 17, 8));
            fact.updated_at = static_cast<std::int64_t>(get_u(a + 25, 8));
            for (const unsigned char* x = first; x < u; x += kPackedUpdate) {
                if (x[8] > static_cast<int>(ActionStatus::dropped)) damaged_actions();
                ind::ActionUpdateFact& up = f.action_updates.emplace_back();
                up.action = action;
                up.at = static_cast<std::int64_t>(get_u(x, 8));
                up.status = static_cast<ActionStatus>(x[8]);
                if (const std::uint32_t m = meeting(static_cast<std::uint32_t>(get_u(x + 9, 4))); m != kNotRead) up.meeting = m;
            }
        }
        if (u != updates_end) damaged_actions();
    }

    if (marked.empty()) return;
    // The marked teams, from their rows (updates in order of id, as packed).
    const std::string marked_json = nlohmann::json(marked).dump();
    IdIndex action_index;
    sql::Stmt s(db, "SELECT id, team_id, meeting_id, created_at, due_on, status, completed_at, updated_at FROM action"
                    " WHERE team_id IN (SELECT value FROM json_each(:marked))");
    s.bind(":marked", marked_json);
    while (s.step()) {
        const auto team = find(team_index, s.view(1));
        if (!team) continue;
        std::optional<Date> agreed;
        if (!s.is_null(2)) {
            const auto m = find(meeting_index, s.view(2));
            if (!m) continue;
            agreed = f.meetings[*m].held_on;
        } else if (const auto created = parse_timestamp(s.view(3))) {
            agreed = local_date(*created);
        }
        if (!agreed) continue;
        ind::ActionFact a;
        a.team = *team;
        a.agreed_on = *agreed;
        a.due_on = date_of(s, 4);
        a.status = status_of(s.view(5));
        a.completed_at = time_or(s.view(6), ind::kNoTime);
        a.updated_at = time_or(s.view(7), 0);
        action_index.emplace(s.text(0), static_cast<std::uint32_t>(f.actions.size()));
        f.actions.push_back(a);
    }
    sql::Stmt u(db, "SELECT u.action_id, u.created_at, u.status, u.meeting_id FROM action_update AS u JOIN action AS a ON a.id = u.action_id"
                    " WHERE a.team_id IN (SELECT value FROM json_each(:marked)) ORDER BY u.id");
    u.bind(":marked", marked_json);
    while (u.step()) {
        const auto action = find(action_index, u.view(0));
        const auto at = parse_timestamp(u.view(1));
        if (!action || !at) continue;
        ind::ActionUpdateFact up;
        up.action = *action;
        up.at = *at;
        up.status = status_of(u.view(2));
        if (!u.is_null(3)) up.meeting = find(meeting_index, u.view(3));
        f.action_updates.push_back(up);
    }
}

}  // namespace

ind::Facts SqliteStore::facts(const ind::FactsQuery& q) {
    ind::Facts f;
    // The teams of the query as a JSON list, so one statement serves one team or forty.
    // (One team, the most common query, is asked for by itself: a simpler statement to prepare.)
    const bool all = q.team_ids.empty(), one = q.team_ids.size() == 1;
    const std::string teams_json = nlohmann::json(q.team_ids).dump();
    const auto filter_of = [&](const std::string& column) {
        return all ? std::string("1") : one ? column + " = :team" : column + " IN (SELECT value FROM json_each(:teams))";
    };
    const std::string team_filter = filter_of("team_id");
    const auto bind_teams = [&](sql::Stmt& s) {
        if (one) s.bind(":team", q.team_ids.front());
        else if (!all) s.bind(":teams", teams_json);
    };
    const std::int64_t range_start = local_midnight(q.range.from), range_end = local_midnight(q.range.to);
    const std::string to_date = format_date(q.range.to);
    sql::Transaction tx(db_, sql::Transaction::Kind::deferred);  // one snapshot for every query

    IdIndex team_index;
    {
        reading(Kind::team);
        sql::Stmt s(db_, "SELECT id, name, reduction_goal_pct FROM team WHERE " + filter_of("id") +
                             " ORDER BY name, id");
        bind_teams(s);
        while (s.step()) {
            team_index.emplace(s.text(0), static_cast<std::uint32_t>(f.teams.size()));
            f.teams.push_back({s.text(0), s.text(1), s.real(2)});
        }
    }

    IdIndex youth_index;
    if (q.measures || q.incidents) {
        reading(Kind::youth);
        sql::Stmt s(db_, "SELECT id, team_id, admitted_on, discharged_on, setting, age_at_admission FROM youth WHERE " + team_filter);
        bind_teams(s);
        while (s.step()) {
            const auto team = find(team_index, s.view(1));
            const auto admitted = parse_date(s.view(2));
            if (!team || !admitted) continue;
            ind::YouthFact y;
            y.team = *team;
            y.admitted = days_from_civil(*admitted);
            if (const auto d = date_of(s, 3)) y.discharged = days_from_civil(*d);
            y.setting = care_setting_from_string(s.view(4)).value_or(CareSetting::open);
            y.age_at_admission = s.opt_int(5);
            youth_index.emplace(s.text(0), static_cast<std::uint32_t>(f.youths.size()));
            f.youths.push_back(y);
        }
    }

    if (q.measures) {
        reading(Kind::measure);
        IdIndex types;
        // Measures that start less than 24 hours before the range come along, and earlier ones
        // that ended less than 24 hours before it or are still running: they may continue an
        // intervention into the range.
        const std::int64_t lookback = range_start - 24 * 3600;
        const auto add_fact = [&](std::uint32_t team, std::uint32_t youth, std::uint16_t type, std::int64_t start, std::int64_t end,
                                  std::int64_t flags) {
            ind::MeasureFact m;
            m.start = start;
            m.end = end;
            m.team = team;
            m.youth = youth;
            m.type = type;
            m.emergency = flags & 1;
            m.consent = flags & 2;
            m.debrief = flags & 4;
            m.parents_informed = flags & 8;
            f.measures.push_back(m);
        };
        // A measure read as a row.
        const auto add = [&](std::string_view team_id, std::string_view youth_id, std::string_view type, std::int64_t start,
                             std::int64_t end, std::int64_t flags) {
            const auto team = find(team_index, team_id);
            const auto youth = find(youth_index, youth_id);
            if (team && youth) add_fact(*team, *youth, static_cast<std::uint16_t>(intern(types, f.measure_types, type)), start, end, flags);
        };
        const auto running_type = [&](std::string_view type) {
            return std::find(q.episode_types.begin(), q.episode_types.end(), type) != q.episode_types.end();
        };
        const auto wanted = [&](std::string_view type, std::int64_t start, std::int64_t end) {
            if (start >= range_end) return false;
            if (start >= lookback) return true;
            return end == ind::kNoTime ? running_type(type) : end > lookback;
        };
        // A month of one team: packed, or (marked by a change outside this program) its rows.
        std::string team_id, month;
        std::vector<std::optional<std::uint32_t>> youth_of;
        std::vector<std::uint16_t> type_of;
        std::vector<std::string_view> type_code;
        const auto read_month = [&](const sql::Stmt& m) {
            team_id = m.text(0);
            month = m.text(1);
            const auto team = find(team_index, team_id);
            if (!team) return;
            if (!m.is_null(2)) {
                unpack(
                    m.blob(2),
                    [&](const std::vector<std::string_view>& youths, const std::vector<std::string_view>& codes) {
                        youth_of.clear();
                        for (const auto y : youths) youth_of.push_back(find(youth_index, y));
                        type_of.clear();
                        for (const auto c : codes) type_of.push_back(static_cast<std::uint16_t>(intern(types, f.measure_types, c)));
                        type_code = codes;
                    },
                    [&](std::size_t y, std::size_t t, std::int64_t start, std::int64_t end, std::int64_t flags) {
                        if (youth_of[y] && wanted(type_code[t], start, end)) add_fact(*team, *youth_of[y], type_of[t], start, end, flags);
                    });
                return;
            }
            sql::Stmt rows(db_, month_rows_sql());
            rows.bind(":team", team_id).bind(":from", month).bind(":to", next_month(month));
            while (rows.step()) {
                const auto start = parse_timestamp(rows.view(3));
                const std::int64_t end = time_or(rows.view(4), ind::kNoTime);
                if (start && wanted(rows.view(2), *start, end)) add(rows.view(0), rows.view(1), rows.view(2), *start, end, rows.integer(5));
            }
        };
        const std::string first = month_of(lookback);
        // Earlier months with a measure that ended after the lookback (or not yet packed).
        // (Two queries, so that each has its index: the months' latest ends, and the marked ones.)
        sql::Stmt earlier(db_, "SELECT team_id, month, facts FROM measure_month WHERE " + team_filter +
                                   " AND month < :first AND max_end > :lookback UNION ALL SELECT team_id, month, facts FROM measure_month WHERE " +
                                   team_filter + " AND month < :first AND facts IS NULL");
        bind_teams(earlier);
        earlier.bind(":first", first).bind(":lookback", lookback);
        while (earlier.step()) read_month(earlier);
        // Episodes still running that started before the months read.
        // (Through the index of running episodes, never the team's: `+team_id` keeps the planner
        // from scanning all of a team's earlier measures.)
        sql::Stmt running(db_, std::string("SELECT ") + kMeasureColumns + " FROM measure WHERE " + filter_of("+team_id") +
                                   " AND ended_at IS NULL AND type IN (SELECT value FROM json_each(:episodes)) AND started_at < :first");
        bind_teams(running);
        running.bind(":first", first).bind(":episodes", nlohmann::json(q.episode_types).dump());
        while (running.step()) {
            const auto start = parse_timestamp(running.view(3));
            if (start) add(running.view(0), running.view(1), running.view(2), *start, ind::kNoTime, running.integer(5));
        }
        // These few earlier ones in order of start; then each team's months in order, each month
        // packed (or read) in order of start: once grouped by team, each team's measures are in
        // order of start, and prepare() finds them so.
        std::sort(f.measures.begin(), f.measures.end(), [](const ind::MeasureFact& a, const ind::MeasureFact& b) { return a.start < b.start; });
        // (In the order of the table, not through the index of months, which would sort the blobs.)
        sql::Stmt months(db_, "SELECT team_id, month, facts FROM measure_month WHERE " + team_filter +
                                  " AND +month >= :first AND +month <= :last ORDER BY team_id, month");
        bind_teams(months);
        months.bind(":first", first).bind(":last", month_of(range_end - 1));
        while (months.step()) read_month(months);
        group_by_team(f.measures, f.teams.size());
    }

    if (q.incidents) {
        reading(Kind::incident);
        IdIndex categories;
        const auto add = [&](std::uint32_t team, std::uint16_t category, std::int64_t at, int severity, bool reportable,
                             std::int32_t reported, std::int32_t concluded) {
            if (at < range_start || at >= range_end) return;
            ind::IncidentFact i;
            i.at = at;
            i.team = team;
            i.category = category;
            i.severity = static_cast<std::uint8_t>(std::clamp(severity, 1, 4));
            i.reportable = reportable;
            if (reported != kNoDay) i.reported_on = civil_from_days(reported);
            if (concluded != kNoDay) i.investigation_concluded_on = civil_from_days(concluded);
            f.incidents.push_back(i);
        };
        std::vector<std::uint16_t> category_of;
        // Each team's months in order, each packed (or read) in order of occurrence: once
        // grouped by team, as prepare() wants them.
        sql::Stmt months(db_, "SELECT team_id, month, facts FROM incident_month WHERE " + team_filter +
                                  " AND month >= :first AND month <= :last ORDER BY team_id, month");
        bind_teams(months);
        months.bind(":first", month_of(range_start)).bind(":last", month_of(range_end - 1));
        while (months.step()) {
            const auto team = find(team_index, months.view(0));
            if (!team) continue;
            if (!months.is_null(2)) {
                unpack_incidents(
                    months.blob(2),
                    [&](const std::vector<std::string_view>& codes) {
                        category_of.clear();
                        for (const auto c : codes) category_of.push_back(static_cast<std::uint16_t>(intern(categories, f.categories, c)));
                    },
                    [&](std::size_t c, std::int64_t at, int severity, bool reportable, std::int32_t reported, std::int32_t concluded) {
                        add(*team, category_of[c], at, severity, reportable, reported, concluded);
                    });
                continue;
            }
            // A month marked but not yet packed again (changed outside this program): its rows.
            sql::Stmt rows(db_, incident_rows_sql());
            rows.bind(":team", months.text(0)).bind(":from", months.text(1)).bind(":to", next_month(months.view(1)));
            while (rows.step())
                if (const auto at = parse_timestamp(rows.view(1)))
                    add(*team, static_cast<std::uint16_t>(intern(categories, f.categories, rows.view(2))), *at,
                        static_cast<int>(rows.integer(3)), rows.integer(4) != 0, day_of(rows, 5), day_of(rows, 6));
        }
        group_by_team(f.incidents, f.teams.size());
    }

    IdIndex meeting_index;
    if (q.meetings || q.actions) reading(Kind::meeting);
    if (q.meetings) {
        sql::Stmt s(db_, "SELECT id, team_id, held_on, state FROM meeting WHERE " + team_filter + " AND held_on < :to ORDER BY held_on, id");
        bind_teams(s);
        s.bind(":to", to_date);
        while (s.step()) {
            const auto team = find(team_index, s.view(1));
            const auto held = parse_date(s.view(2));
            if (team && held) add_meeting_row(s, *team, *held, f, meeting_index);
        }
        const std::string of_meetings = "meeting_id IN (SELECT id FROM meeting WHERE " + team_filter + " AND held_on < :to)";
        sql::Stmt r(db_, "SELECT meeting_id, recommendation_id, rating FROM meeting_rating WHERE " + of_meetings);
        bind_teams(r);
        r.bind(":to", to_date);
        while (r.step())
            if (const auto m = find(meeting_index, r.view(0)))
                if (const auto rating = rating_from_string(r.view(2))) f.meetings[*m].ratings.emplace_back(r.text(1), *rating);
        sql::Stmt a(db_, "SELECT meeting_id, question_id, text FROM meeting_answer WHERE " + of_meetings);
        bind_teams(a);
        a.bind(":to", to_date);
        while (a.step())
            if (const auto m = find(meeting_index, a.view(0)); m && !is_blank(a.text(2))) f.meetings[*m].answered.push_back(a.text(1));
    }

    if (q.actions) {
        reading(Kind::action);
        reading(Kind::action_update);
        read_actions(db_, q, team_filter, bind_teams, team_index, meeting_index, f);
    }
    tx.commit();
    return f;
}

}  // namespace ts
