// One description of each record kind's fields, in order: name, type and how to get and set
// it on the struct. It drives the store's columns, binding and reading by column name, the
// change history's field list, and the bundle's writer and reader (later the CSV and XLSX
// columns). Adding a field to a record is then: the struct, a migration, one line here.
//
// The name is the column, the bundle key and the change-history field at once; the one
// exception is older than this table (a meeting's facilitator_id is "facilitator" in a bundle)
// and is spelled out as bundle_key. Child rows are described by name and position only:
// a list of ids (an incident's youths, a meeting's attendees) has a generic value, the
// structured ones (a meeting's steps, answers and ratings) are read and written by the store
// and the bundle themselves, each named where it is handled.
#pragma once

#include "core/types.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ts {

// What a field holds, as the store and the bundle must treat it.
enum class FieldType : std::uint8_t {
    id,             // a UUID, lower case
    opt_id,
    text,
    free_text,      // text an anonymized export leaves empty (reasons, notes, descriptions)
    opt_text,
    timestamp,      // "YYYY-MM-DDTHH:MM:SSZ"
    opt_timestamp,
    date,           // "YYYY-MM-DD"
    opt_date,
    integer,
    opt_integer,
    real,
    boolean,
    choice,         // one of a fixed list of spellings (an enum of core/types)
    id_list,        // a set of ids kept in child rows, not a column
    child_rows,     // structured child rows (a meeting's steps): no column, no generic value
    created_at,     // the record's stamps; a bundle may leave out created_at where optional_key
    updated_at,
};

// A field's value, apart from any backend or format. monostate is "no value" (NULL, null).
using FieldValue = std::variant<std::monostate, std::string, std::int64_t, double, bool>;

template <typename T>
struct FieldDef {
    std::string_view name;
    FieldType type;
    std::function<FieldValue(const T&)> get;
    // False when the value does not fit the field (a spelling not among the choices).
    std::function<bool(T&, const FieldValue&)> set;
    // Text fields (text, ids, stamps, dates, optional or not): the text as stored, without a
    // copy (nullptr: none). Empty for the other fields, which are read by `get`.
    std::function<const std::string*(const T&)> text;
    // The same fields set from stored text without a FieldValue between (a store reads a
    // million): nullopt is NULL, which resets an optional text and leaves any other as it is.
    std::function<void(T&, std::optional<std::string_view>)> set_text;
    bool history = true;        // listed in the change history (keys and stamps are not)
    // A bundle may leave it out; the struct's default stays (created_at: it takes updated_at).
    bool optional_key = false;
    std::string choices;        // choice: the spellings, "open, closed"; id_list: what one id is
    std::string_view bundle_key;  // only where a bundle spells it otherwise than `name`
    std::string_view key() const { return bundle_key.empty() ? name : bundle_key; }
    bool column() const { return type != FieldType::id_list && type != FieldType::child_rows; }
};

template <typename T>
using Fields = std::vector<FieldDef<T>>;

// What describes a kind of record apart from its fields.
struct RecordKind {
    Kind kind;
    std::string_view name;   // "measure": the table and the change history's entity (kind_name)
    std::string_view list;   // "measures": its list in a bundle
    // The field that says whose record it is, which a later copy may not change: "team_id"
    // (a team: "id"; an action update: "action_id").
    std::string_view owner;
    bool history;            // its saves are kept in the change history (the registers)
};

template <typename T>
struct RecordTable : RecordKind {
    Fields<T> fields;
    // The field of that name; nullptr when there is none.
    const FieldDef<T>* find(std::string_view field_name) const {
        for (const auto& f : fields)
            if (f.name == field_name) return &f;
        return nullptr;
    }
};

const RecordTable<Team>& record_table(const Team*);
const RecordTable<Member>& record_table(const Member*);
const RecordTable<Youth>& record_table(const Youth*);
const RecordTable<Measure>& record_table(const Measure*);
const RecordTable<Incident>& record_table(const Incident*);
const RecordTable<Meeting>& record_table(const Meeting*);
const RecordTable<Action>& record_table(const Action*);
const RecordTable<ActionUpdate>& record_table(const ActionUpdate*);

// The table of a record kind: table_of<Measure>(), and its fields: fields_of<Measure>().
template <typename T>
const RecordTable<T>& table_of() {
    return record_table(static_cast<const T*>(nullptr));
}
template <typename T>
const Fields<T>& fields_of() {
    return table_of<T>().fields;
}

// The same by Kind, for code that does not know the record's type.
const RecordKind& record_kind(Kind kind);

// Calls `f` with the table of `kind` (a const RecordTable<T>&); every branch must return the
// same type.
template <typename F>
decltype(auto) with_table(Kind kind, F&& f) {
    switch (kind) {
        case Kind::team: return f(table_of<Team>());
        case Kind::member: return f(table_of<Member>());
        case Kind::youth: return f(table_of<Youth>());
        case Kind::measure: return f(table_of<Measure>());
        case Kind::incident: return f(table_of<Incident>());
        case Kind::meeting: return f(table_of<Meeting>());
        case Kind::action: return f(table_of<Action>());
        case Kind::action_update: break;
    }
    return f(table_of<ActionUpdate>());
}

// The owner of a record (the value of its table's owner field): a team id or an action id.
template <typename T>
std::string owner_of(const T& record) {
    const auto* f = table_of<T>().find(table_of<T>().owner);
    const FieldValue v = f ? f->get(record) : FieldValue();
    const auto* s = std::get_if<std::string>(&v);
    return s ? *s : std::string();
}

// A value as the change history writes it: text as is, numbers in their shortest spelling
// (30, 2.5), booleans "true"/"false", no value as nullopt.
std::optional<std::string> history_text(const FieldValue& v);

// Field name → value as the change history writes it, for the fields with history.
using FieldList = std::vector<std::pair<std::string, std::optional<std::string>>>;
template <typename T>
FieldList history_fields(const T& record) {
    FieldList out;
    for (const auto& f : fields_of<T>())
        if (f.history) out.emplace_back(std::string(f.name), history_text(f.get(record)));
    return out;
}

}  // namespace ts
