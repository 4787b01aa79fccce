#include "core/fields.hpp"

#include <algorithm>
#include <cstdio>

namespace ts {

namespace {

// --- builders from member pointers ----------------------------------------------------------

template <typename T, typename Get, typename Set>
FieldDef<T> make(std::string_view name, FieldType type, Get get, Set set) {
    FieldDef<T> f;
    f.name = name;
    f.type = type;
    f.get = std::move(get);
    f.set = std::move(set);
    return f;
}

template <typename T>
FieldDef<T> with_text(std::string T::*m, FieldDef<T> f) {
    f.text = [m](const T& r) { return &(r.*m); };
    f.set_text = [m](T& r, std::optional<std::string_view> v) {
        if (v) (r.*m).assign(*v);
    };
    return f;
}
template <typename T>
FieldDef<T> with_text(std::optional<std::string> T::*m, FieldDef<T> f) {
    f.text = [m](const T& r) { return r.*m ? &*(r.*m) : nullptr; };
    f.set_text = [m](T& r, std::optional<std::string_view> v) {
        if (v) (r.*m).emplace(*v);
        else (r.*m).reset();
    };
    return f;
}

template <typename T>
FieldDef<T> string_field(std::string_view name, FieldType type, std::string T::*m) {
    return with_text<T>(m, make<T>(name, type, [m](const T& r) { return FieldValue(r.*m); },
            [m](T& r, const FieldValue& v) {
                const auto* s = std::get_if<std::string>(&v);
                if (!s) return false;
                r.*m = *s;
                return true;
            }));
}

template <typename T>
FieldDef<T> opt_string_field(std::string_view name, FieldType type, std::optional<std::string> T::*m) {
    return with_text<T>(m, make<T>(name, type, [m](const T& r) { return r.*m ? FieldValue(*(r.*m)) : FieldValue(); },
            [m](T& r, const FieldValue& v) {
                if (std::holds_alternative<std::monostate>(v)) {
                    (r.*m).reset();
                    return true;
                }
                const auto* s = std::get_if<std::string>(&v);
                if (!s) return false;
                r.*m = *s;
                return true;
            }));
}

template <typename T>
FieldDef<T> int_field(std::string_view name, int T::*m) {
    return make<T>(name, FieldType::integer, [m](const T& r) { return FieldValue(static_cast<std::int64_t>(r.*m)); },
            [m](T& r, const FieldValue& v) {
                const auto* n = std::get_if<std::int64_t>(&v);
                if (!n) return false;
                r.*m = static_cast<int>(*n);
                return true;
            });
}

template <typename T>
FieldDef<T> opt_int_field(std::string_view name, std::optional<int> T::*m) {
    return make<T>(name, FieldType::opt_integer,
            [m](const T& r) { return r.*m ? FieldValue(static_cast<std::int64_t>(*(r.*m))) : FieldValue(); },
            [m](T& r, const FieldValue& v) {
                if (std::holds_alternative<std::monostate>(v)) {
                    (r.*m).reset();
                    return true;
                }
                const auto* n = std::get_if<std::int64_t>(&v);
                if (!n) return false;
                r.*m = static_cast<int>(*n);
                return true;
            });
}

template <typename T>
FieldDef<T> real_field(std::string_view name, double T::*m) {
    return make<T>(name, FieldType::real, [m](const T& r) { return FieldValue(r.*m); },
            [m](T& r, const FieldValue& v) {
                if (const auto* d = std::get_if<double>(&v)) r.*m = *d;
                else if (const auto* n = std::get_if<std::int64_t>(&v)) r.*m = static_cast<double>(*n);
                else return false;
                return true;
            });
}

template <typename T>
FieldDef<T> bool_field(std::string_view name, bool T::*m) {
    return make<T>(name, FieldType::boolean, [m](const T& r) { return FieldValue(r.*m); },
            [m](T& r, const FieldValue& v) {
                const auto* b = std::get_if<bool>(&v);
                if (!b) return false;
                r.*m = *b;
                return true;
            });
}

// An enum of core/types, spelled by its to_string and read by its parser.
template <typename T, typename E>
FieldDef<T> choice_field(std::string_view name, E T::*m, std::optional<E> (*parse)(std::string_view)) {
    FieldDef<T> f = make<T>(name, FieldType::choice, [m](const T& r) { return FieldValue(std::string(to_string(r.*m))); },
                  [m, parse](T& r, const FieldValue& v) {
                      const auto* s = std::get_if<std::string>(&v);
                      if (!s) return false;
                      const auto e = parse(*s);
                      if (!e) return false;
                      r.*m = *e;
                      return true;
                  });
    for (int i = 0; i < 32; ++i) {
        const std::string_view n = to_string(static_cast<E>(i));
        if (n == "?") break;
        f.choices += (f.choices.empty() ? "" : ", ") + std::string(n);
    }
    return f;
}

// Ids joined with "," (the change history's spelling), in the record's order.
template <typename T>
FieldDef<T> id_list_field(std::string_view name, std::vector<std::string> T::*m, std::string item) {
    FieldDef<T> f = make<T>(name, FieldType::id_list,
                  [m](const T& r) {
                      std::string joined;
                      for (const auto& id : r.*m) joined += (joined.empty() ? "" : ",") + id;
                      return FieldValue(joined);
                  },
                  [m](T& r, const FieldValue& v) {
                      const auto* s = std::get_if<std::string>(&v);
                      if (!s) return false;
                      (r.*m).clear();
                      std::size_t start = 0;
                      while (start < s->size()) {
                          const std::size_t comma = std::min(s->find(',', start), s->size());
                          (r.*m).push_back(s->substr(start, comma - start));
                          start = comma + 1;
                      }
                      return true;
                  });
    f.choices = std::move(item);
    return f;
}

// Child rows with a structure of their own: the store and the bundle handle them by name.
template <typename T>
FieldDef<T> child_rows_field(std::string_view name) {
    FieldDef<T> f = make<T>(name, FieldType::child_rows, [](const T&) { return FieldValue(); },
                            [](T&, const FieldValue&) { return true; });
    f.history = false;
    return f;
}

// Keys and stamps identify a record; they are not changes of it.
template <typename T>
FieldDef<T> key(FieldDef<T> f) {
    f.history = false;
    return f;
}

// A bundle may leave the field out; the struct's default stays.
template <typename T>
FieldDef<T> optional_key(FieldDef<T> f) {
    f.optional_key = true;
    return f;
}

// created_at is our addition to the brief's example: a bundle may leave it out (it then takes
// updated_at), except where the brief's example has it (action updates).
enum class CreatedAt { optional, required };

template <typename T>
void add_stamps(Fields<T>& out, CreatedAt created = CreatedAt::optional) {
    auto c = key(string_field<T>("created_at", FieldType::created_at, &T::created_at));
    c.optional_key = created == CreatedAt::optional;
    out.push_back(std::move(c));
    out.push_back(key(string_field<T>("updated_at", FieldType::updated_at, &T::updated_at)));
}

template <typename T>
RecordTable<T> table(Kind kind, std::string_view list, std::string_view owner, bool history, Fields<T> fields) {
    RecordTable<T> t;
    t.kind = kind;
    t.name = kind_name(kind);
    t.list = list;
    t.owner = owner;
    t.history = history;
    t.fields = std::move(fields);
    return t;
}

}  // namespace

// --- the tables -----------------------------------------------------------------------------
// In the order of the columns and of a bundle's keys.

const RecordTable<Team>& record_table(const Team*) {
    static const RecordTable<Team> t = [] {
        using T = Team;
        Fields<T> v{
            key(string_field<T>("id", FieldType::id, &T::id)),
            string_field<T>("name", FieldType::text, &T::name),
            string_field<T>("location", FieldType::text, &T::location),
            int_field<T>("capacity", &T::capacity),
            real_field<T>("reduction_goal_pct", &T::reduction_goal_pct),
            bool_field<T>("active", &T::active),
        };
        add_stamps(v);
        return table(Kind::team, "teams", "id", true, std::move(v));
    }();
    return t;
}

const RecordTable<Member>& record_table(const Member*) {
    static const RecordTable<Member> t = [] {
        using T = Member;
        Fields<T> v{
            key(string_field<T>("id", FieldType::id, &T::id)),
            key(string_field<T>("team_id", FieldType::id, &T::team_id)),
            string_field<T>("name", FieldType::text, &T::name),
            choice_field<T>("role", &T::role, role_from_string),
            optional_key(bool_field<T>("active", &T::active)),  // active unless the bundle says otherwise
        };
        add_stamps(v);
        return table(Kind::member, "members", "team_id", true, std::move(v));
    }();
    return t;
}

const RecordTable<Youth>& record_table(const Youth*) {
    static const RecordTable<Youth> t = [] {
        using T = Youth;
        Fields<T> v{
            key(string_field<T>("id", FieldType::id, &T::id)),
            key(string_field<T>("team_id", FieldType::id, &T::team_id)),
            string_field<T>("code", FieldType::text, &T::code),
            opt_int_field<T>("age_at_admission", &T::age_at_admission),
            string_field<T>("admitted_on", FieldType::date, &T::admitted_on),
            opt_string_field<T>("discharged_on", FieldType::opt_date, &T::discharged_on),
            choice_field<T>("setting", &T::setting, care_setting_from_string),
        };
        add_stamps(v);
        return table(Kind::youth, "youths", "team_id", true, std::move(v));
    }();
    return t;
}

const RecordTable<Measure>& record_table(const Measure*) {
    static const RecordTable<Measure> t = [] {
        using T = Measure;
        Fields<T> v{
            key(string_field<T>("id", FieldType::id, &T::id)),
            key(string_field<T>("team_id", FieldType::id, &T::team_id)),
            string_field<T>("youth_id", FieldType::id, &T::youth_id),
            string_field<T>("type", FieldType::text, &T::type),
            string_field<T>("started_at", FieldType::timestamp, &T::started_at),
            opt_string_field<T>("ended_at", FieldType::opt_timestamp, &T::ended_at),
            string_field<T>("reason", FieldType::free_text, &T::reason),
            opt_string_field<T>("incident_id", FieldType::opt_id, &T::incident_id),
            bool_field<T>("emergency", &T::emergency),
            bool_field<T>("in_care_plan", &T::in_care_plan),
            opt_string_field<T>("consent_by", FieldType::opt_text, &T::consent_by),
            opt_string_field<T>("consent_at", FieldType::opt_timestamp, &T::consent_at),
            string_field<T>("decided_by", FieldType::text, &T::decided_by),
            opt_string_field<T>("parents_informed_at", FieldType::opt_timestamp, &T::parents_informed_at),
            opt_string_field<T>("debrief_at", FieldType::opt_timestamp, &T::debrief_at),
            string_field<T>("notes", FieldType::free_text, &T::notes),
        };
        add_stamps(v);
        return table(Kind::measure, "measures", "team_id", true, std::move(v));
    }();
    return t;
}

const RecordTable<Incident>& record_table(const Incident*) {
    static const RecordTable<Incident> t = [] {
        using T = Incident;
        Fields<T> v{
            key(string_field<T>("id", FieldType::id, &T::id)),
            key(string_field<T>("team_id", FieldType::id, &T::team_id)),
            string_field<T>("occurred_at", FieldType::timestamp, &T::occurred_at),
            string_field<T>("category", FieldType::text, &T::category),
            int_field<T>("severity", &T::severity),
            id_list_field<T>("youth_ids", &T::youth_ids, "youth"),  // child rows: incident_youth
            string_field<T>("description", FieldType::free_text, &T::description),
            string_field<T>("response", FieldType::free_text, &T::response),
            bool_field<T>("reportable", &T::reportable),
            string_field<T>("follow_up", FieldType::free_text, &T::follow_up),
            // Added in schema version 2; a bundle of before may leave them out (null).
            optional_key(opt_string_field<T>("reported_on", FieldType::opt_date, &T::reported_on)),
            optional_key(opt_string_field<T>("investigation_concluded_on", FieldType::opt_date, &T::investigation_concluded_on)),
        };
        add_stamps(v);
        return table(Kind::incident, "incidents", "team_id", true, std::move(v));
    }();
    return t;
}

// Actions keep a change history, as the registers do. Meetings and action updates keep none
// (yet): their tables say so, and their fields' history flags are ready for when they do.
const RecordTable<Meeting>& record_table(const Meeting*) {
    static const RecordTable<Meeting> t = [] {
        using T = Meeting;
        auto facilitator = opt_string_field<T>("facilitator_id", FieldType::opt_id, &T::facilitator_id);
        facilitator.bundle_key = "facilitator";  // so spelled in bundles of version 1
        Fields<T> v{
            key(string_field<T>("id", FieldType::id, &T::id)),
            key(string_field<T>("team_id", FieldType::id, &T::team_id)),
            string_field<T>("template", FieldType::text, &T::template_id),
            string_field<T>("held_on", FieldType::date, &T::held_on),
            std::move(facilitator),
            id_list_field<T>("attendee_ids", &T::attendee_ids, "attendee"),  // child rows: meeting_attendee
            choice_field<T>("state", &T::state, meeting_state_from_string),
            // current_step and next_meeting_on are our additions to the brief's example.
            optional_key(int_field<T>("current_step", &T::current_step)),
            optional_key(opt_string_field<T>("next_meeting_on", FieldType::opt_date, &T::next_meeting_on)),
            child_rows_field<T>("steps"),    // meeting_step, in the meeting's order
            child_rows_field<T>("answers"),  // meeting_answer
            child_rows_field<T>("ratings"),  // meeting_rating
            // Added with schema 4; a bundle without it: none discussed.
            optional_key(id_list_field<T>("discussed_incident_ids", &T::discussed_incident_ids, "incident")),  // meeting_incident
        };
        add_stamps(v);
        return table(Kind::meeting, "meetings", "team_id", false, std::move(v));
    }();
    return t;
}

const RecordTable<Action>& record_table(const Action*) {
    static const RecordTable<Action> t = [] {
        using T = Action;
        Fields<T> v{
            key(string_field<T>("id", FieldType::id, &T::id)),
            key(string_field<T>("team_id", FieldType::id, &T::team_id)),
            opt_string_field<T>("meeting_id", FieldType::opt_id, &T::meeting_id),
            string_field<T>("title", FieldType::text, &T::title),
            string_field<T>("description", FieldType::free_text, &T::description),
            opt_string_field<T>("owner_id", FieldType::opt_id, &T::owner_id),
            opt_string_field<T>("due_on", FieldType::opt_date, &T::due_on),
            choice_field<T>("status", &T::status, action_status_from_string),
            opt_string_field<T>("guideline_ref", FieldType::opt_text, &T::guideline_ref),
            opt_string_field<T>("incident_id", FieldType::opt_id, &T::incident_id),
            opt_string_field<T>("completed_at", FieldType::opt_timestamp, &T::completed_at),
        };
        add_stamps(v);
        return table(Kind::action, "actions", "team_id", true, std::move(v));
    }();
    return t;
}

const RecordTable<ActionUpdate>& record_table(const ActionUpdate*) {
    static const RecordTable<ActionUpdate> t = [] {
        using T = ActionUpdate;
        Fields<T> v{
            key(string_field<T>("id", FieldType::id, &T::id)),
            key(string_field<T>("action_id", FieldType::id, &T::action_id)),
            opt_string_field<T>("meeting_id", FieldType::opt_id, &T::meeting_id),
            choice_field<T>("status", &T::status, action_status_from_string),
            string_field<T>("note", FieldType::free_text, &T::note),
        };
        add_stamps(v, CreatedAt::required);  // in the brief's example, so required
        return table(Kind::action_update, "action_updates", "action_id", false, std::move(v));
    }();
    return t;
}

const RecordKind& record_kind(Kind kind) {
    return with_table(kind, [](const auto& t) -> const RecordKind& { return t; });
}

std::optional<std::string> history_text(const FieldValue& v) {
    if (std::holds_alternative<std::monostate>(v)) return std::nullopt;
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
    if (const auto* b = std::get_if<bool>(&v)) return std::string(*b ? "true" : "false");
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", std::get<double>(v));
    return std::string(buf);
}

}  // namespace ts
