// One description of each record kind's fields, in order: name, type and how to get and set
// it on the struct. It drives the store's columns, binding and reading by column name, the
// change history's field list, and the bundle's writer and reader (later the CSV and XLSX
// columns). Adding a field to a record is then: the struct, a migration, one line here.
//
// The name is the column, the bundle key and the change-history field at once. Child rows (an
// incident's youths as a column-less list) are marked as such; meetings (steps, answers,
// ratings, renamed keys) and actions are still described by hand in the store and the bundle.
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
    created_at,     // the record's stamps; a bundle may leave out created_at
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
    bool history = true;        // listed in the change history (keys and stamps are not)
    bool optional_key = false;  // a bundle may leave it out; the struct's default stays
    std::string choices;        // choice: the spellings, "open, closed"; id_list: what one id is
    bool column() const { return type != FieldType::id_list; }
};

template <typename T>
using Fields = std::vector<FieldDef<T>>;

const Fields<Team>& fields(const Team*);
const Fields<Member>& fields(const Member*);
const Fields<Youth>& fields(const Youth*);
const Fields<Measure>& fields(const Measure*);
const Fields<Incident>& fields(const Incident*);

// The field table of a record kind: fields_of<Measure>().
template <typename T>
const Fields<T>& fields_of() {
    return fields(static_cast<const T*>(nullptr));
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
