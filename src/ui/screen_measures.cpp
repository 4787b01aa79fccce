// The register of restrictive measures: a filtered, sortable list and a form that is fast
// with the keyboard, with validation next to the fields and the rule warnings on screen.
#include "core/code_match.hpp"
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "ui/layout.hpp"
#include "ui/list_table.hpp"
#include "ui/probe.hpp"
#include "ui/screen_measures.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdlib>

namespace ts::ui {
namespace {

std::string type_name(const Ctx& ctx, const std::string& code) {
    const MeasureType* t = ctx.content.measure_type(code);
    return t ? t->name.in(ctx.lang) : code;
}

bool open_setting(const MeasureRow& r) {
    return std::any_of(r.warnings.begin(), r.warnings.end(), is_setting_flag);
}
std::size_t serious_count(const MeasureRow& r) { return r.warnings.size() - (open_setting(r) ? 1 : 0); }

void warning_list(const std::vector<MeasureWarning>& warnings) {
    for (auto w : warnings) notice(Tone::warn, tr(message_key(w)));
}

}  // namespace

const std::vector<std::size_t>& MeasuresScreen::incident_choices(Ctx& ctx, std::optional<std::int64_t> start) {
    const std::uint64_t version = ctx.model.versions().incidents;
    if (incident_choices_made_.fresh(ctx.model.team_id(), version, start)) return incident_choices_;
    // An older measure's incidents are read for the next frame.
    if (start && *start - 7 * kDay < ctx.model.rows().since) ctx.post(request::HoldSince{*start - 7 * kDay});
    const auto& all = ctx.model.incidents();
    incident_choices_.clear();
    for (std::size_t i = 0; i < all.size(); ++i)
        if (!start || std::abs(all[i].at - *start) <= 7 * kDay) incident_choices_.push_back(i);
    incident_choices_made_.made(ctx.model.team_id(), version, start);
    return incident_choices_;
}

// Youths whose code matches what was typed (core/code_match.hpp): exact first, then by
// prefix in code order, those in care first within each.
const std::vector<std::size_t>& MeasuresScreen::youth_choices(const Ctx& ctx, const std::string& typed) {
    const Date today = local_date(now_unix());
    const std::uint64_t version = ctx.model.versions().youths;
    auto key = std::make_pair(typed, today);
    if (youth_choices_made_.fresh(ctx.model.team_id(), version, key)) return youth_choices_;
    std::vector<CodeCandidate> codes;
    codes.reserve(ctx.model.youths().size());
    for (const auto& y : ctx.model.youths()) codes.push_back({y.code, in_care_on(y, today)});
    youth_choices_ = rank_codes(typed, codes);
    youth_choices_made_.made(ctx.model.team_id(), version, std::move(key));
    return youth_choices_;
}

const Youth* MeasuresScreen::youth_by_code(const Ctx& ctx, const std::string& code) const {
    const auto& all = ctx.model.youths();
    const std::uint64_t version = ctx.model.versions().youths;
    if (!youth_by_code_made_.fresh(ctx.model.team_id(), version, code)) {
        youth_by_code_ = all.size();
        for (std::size_t i = 0; i < all.size(); ++i)
            if (all[i].code == code) {
                youth_by_code_ = i;
                break;
            }
        youth_by_code_made_.made(ctx.model.team_id(), version, code);
    }
    return youth_by_code_ < all.size() ? &all[youth_by_code_] : nullptr;
}

const IncidentRow* MeasuresScreen::incident_by_id(const Ctx& ctx, const std::string& id) const {
    if (id.empty()) return nullptr;
    const auto& all = ctx.model.incidents();
    const std::uint64_t version = ctx.model.versions().incidents;
    if (!incident_by_id_made_.fresh(ctx.model.team_id(), version, id)) {
        const IncidentRow* row = ctx.model.incident(id);
        incident_by_id_ = row ? static_cast<std::size_t>(row - all.data()) : all.size();
        incident_by_id_made_.made(ctx.model.team_id(), version, id);
    }
    return incident_by_id_ < all.size() ? &all[incident_by_id_] : nullptr;
}

void MeasuresScreen::draw(Ctx& ctx) {
    if (form_.open) {
        draw_form(ctx);
        return;
    }
    heading(ctx.fonts, tr("nav.measures"));
    if (draw_needs_team(ctx)) return;
    if (primary_button(label("measures.new", "new_measure").c_str())) open_new(ctx);
    probe("measures.new");
    ImGui::SameLine();
    muted(trn("measures.count", static_cast<long long>(ctx.model.rows().all_measures), {std::to_string(rows_.size())}).c_str());
    if (from_text_.empty()) held_window_note(ctx, ctx.model.measures().size(), ctx.model.rows().all_measures);
    const int active = !from_text_.empty() + !to_text_.empty() + !youth_filter_.empty() + !type_filter_.empty() + warnings_only_;
    if (filters_shown(filters_open_, active)) draw_filters(ctx);
    draw_list(ctx);
}

void MeasuresScreen::draw_filters(Ctx& ctx) {
    bool changed = period_filter(from_text_, to_text_);
    flow(em(9));
    ImGui::SetNextItemWidth(em(9));
    const Youth* fy = ctx.model.youth(youth_filter_);
    if (ImGui::BeginCombo("##youth_filter", fy ? fy->code.c_str() : tr("filter.all_youths"))) {
        if (ImGui::Selectable(tr("filter.all_youths"), youth_filter_.empty())) {
            youth_filter_.clear();
            changed = true;
        }
        for (const auto& y : ctx.model.youths())
            if (ImGui::Selectable(y.code.c_str(), y.id == youth_filter_)) {
                youth_filter_ = y.id;
                changed = true;
            }
        ImGui::EndCombo();
    }
    flow(em(16));
    ImGui::SetNextItemWidth(em(16));
    if (ImGui::BeginCombo("##type_filter", type_filter_.empty() ? tr("filter.all_types") : type_name(ctx, type_filter_).c_str())) {
        if (ImGui::Selectable(tr("filter.all_types"), type_filter_.empty())) {
            type_filter_.clear();
            changed = true;
        }
        for (const auto& t : ctx.content.measure_types)
            if (ImGui::Selectable(t.name.in(ctx.lang).c_str(), t.code == type_filter_)) {
                type_filter_ = t.code;
                changed = true;
            }
        ImGui::EndCombo();
    }
    const std::string warned = label("filter.warnings_only", "warn_only");
    flow(checkbox_width(warned.c_str()));
    changed |= ImGui::Checkbox(warned.c_str(), &warnings_only_);
    if (changed) rows_dirty_ = true;
}

void MeasuresScreen::rebuild_rows(Ctx& ctx) {
    hold_for_period(ctx, from_text_);
    const auto& all = ctx.model.measures();
    rows_.clear();
    for (std::size_t i = 0; i < all.size(); ++i) {
        const MeasureRow& r = all[i];
        if (!youth_filter_.empty() && r.measure.youth_id != youth_filter_) continue;
        if (!type_filter_.empty() && r.measure.type != type_filter_) continue;
        if (warnings_only_ && r.warnings.empty()) continue;
        if (!in_period(r.start, from_text_, to_text_)) continue;
        rows_.push_back(i);
    }
    auto key_less = [&](std::size_t a, std::size_t b) {
        const MeasureRow &x = all[a], &y = all[b];
        switch (sort_column_) {
            case 1: return (x.youth ? x.youth->code : "") < (y.youth ? y.youth->code : "");
            case 2: return type_name(ctx, x.measure.type) < type_name(ctx, y.measure.type);
            case 3: return x.duration.value_or(-1) < y.duration.value_or(-1);
            case 4: return x.measure.emergency < y.measure.emergency;
            case 5: return x.measure.debrief_at.has_value() < y.measure.debrief_at.has_value();
            case 6: return open_setting(x) < open_setting(y);
            case 7: return serious_count(x) < serious_count(y);
            default: return x.start < y.start;
        }
    };
    std::stable_sort(rows_.begin(), rows_.end(), [&](std::size_t a, std::size_t b) {
        return sort_ascending_ ? key_less(a, b) : key_less(b, a);
    });
    rows_revision_ = ctx.model.versions().measures;
    rows_dirty_ = false;
}

void MeasuresScreen::draw_list(Ctx& ctx) {
    // A running measure's duration is its widest: "loopt nog (23 u 59 min)", in the current language.
    const std::string duration_sample = trf("measures.ongoing_elapsed", {duration_text(23 * 3600 + 59 * 60)});
    const std::vector<ListColumn> columns{
        {tr("measures.col.start"), 6, kDateTimeSample, 0, ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending},
        {tr("measures.col.youth"), 4, "J-000", 0},
        {tr("measures.col.type"), 10, nullptr, 0},
        {tr("measures.col.duration"), 4, duration_sample.c_str(), 3},
        {tr("measures.col.situation"), 4, nullptr, 5},
        {tr("measures.col.debrief"), 4, nullptr, 2},
        {tr("measures.col.open"), 2.5f, nullptr, 4},
        {tr("measures.col.warnings"), 11, nullptr, 0},
    };
    if (!begin_list("##measures", columns)) return;
    ImGui::TableHeadersRow();
    if (take_sort_specs(sort_column_, sort_ascending_)) rows_dirty_ = true;
    if (rows_dirty_ || rows_revision_ != ctx.model.versions().measures) rebuild_rows(ctx);

    const Palette& p = palette();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows_.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const MeasureRow& r = ctx.model.measures()[rows_[static_cast<std::size_t>(i)]];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(i);
            if (ImGui::Selectable(format_local(r.start).c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) open_existing(ctx, r.measure);
            probe("measures.row." + std::to_string(i));
            ImGui::PopID();
            ImGui::TableNextColumn();
            cell_text(r.youth ? r.youth->code : "?");
            ImGui::TableNextColumn();
            cell_text(type_name(ctx, r.measure.type));
            ImGui::TableNextColumn();
            if (r.duration) cell_text(duration_text(*r.duration));
            else if (const MeasureType* t = ctx.content.measure_type(r.measure.type); t && t->duration != DurationKind::none) {
                // How long it has run, drawn again when the minute turns even without input.
                const std::int64_t elapsed = std::max<std::int64_t>(0, now_unix() - r.start);
                cell_text(trf("measures.ongoing_elapsed", {duration_text(elapsed)}));
                ctx.redraw_within(60 - static_cast<double>(elapsed % 60));
            }
            ImGui::TableNextColumn();
            cell_text(r.measure.emergency ? tr("measures.emergency_short") : tr("measures.care_plan_short"));
            ImGui::TableNextColumn();
            if (r.measure.debrief_at) cell_text(tr("measures.debrief_done"), p.ok);
            else cell_text(tr("measures.debrief_open"));
            // The open-setting review applies to every measure of a youth in an open group: its
            // own narrow column, so that the warnings column shows what is serious.
            ImGui::TableNextColumn();
            if (open_setting(r)) {
                cell_text(tr("measures.open_short"), p.muted);
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(message_key(MeasureWarning::open_setting)));
            }
            ImGui::TableNextColumn();
            std::vector<MeasureWarning> serious;
            for (auto w : r.warnings)
                if (!is_setting_flag(w)) serious.push_back(w);
            if (!serious.empty()) {
                // The warnings come most serious first (core/rules).
                std::string text = "▲ " + std::string(tr(message_key(serious.front()) + ".short"));
                if (serious.size() > 1) text += "  +" + std::to_string(serious.size() - 1);
                cell_text(text, p.warn);
                if (ImGui::IsItemHovered()) {
                    ImGui::BeginTooltip();
                    for (auto w : serious) ImGui::TextUnformatted(tr(message_key(w)));
                    ImGui::EndTooltip();
                }
            }
        }
    }
    end_list();
}

void MeasuresScreen::open_new(Ctx& ctx, const Incident* from_incident) {
    form_ = MeasureForm{};
    form_.open = true;
    form_.focus = true;
    if (const Member* me = ctx.shell.current_member()) form_.decided_by.load(me->name);
    if (from_incident) {
        if (!from_incident->youth_ids.empty())
            if (const Youth* y = ctx.model.youth(from_incident->youth_ids.front())) form_.youth_code.load(y->code);
        // The incident's own time, to the second, unless the start is changed.
        form_.start.load(from_incident->occurred_at);
        form_.incident_id.load(from_incident->id);
    }
}

void MeasuresScreen::open_existing(Ctx& ctx, const Measure& m) {
    form_ = MeasureForm{};
    form_.open = true;
    form_.stored = m;
    const Youth* y = ctx.model.youth(m.youth_id);
    form_.youth_code.load(y ? y->code : "");
    form_.type.load(m.type);
    form_.start.load(m.started_at);
    form_.end.load(m.ended_at);
    form_.reason.load(m.reason);
    form_.emergency.load(m.emergency);
    form_.consent_by.load(m.consent_by.value_or(""));
    form_.consent.load(m.consent_at);
    form_.decided_by.load(m.decided_by);
    form_.parents.load(m.parents_informed_at);
    form_.debrief.load(m.debrief_at);
    form_.incident_id.load(m.incident_id.value_or(""));
    form_.notes.load(m.notes);
    form_.history = ctx.store.changes("measure", m.id);
}

void MeasuresScreen::close_form() { form_ = MeasureForm{}; }

const Youth* MeasuresScreen::form_youth(const Ctx& ctx) const {
    if (form_.stored && !form_.youth_code.edited()) return ctx.model.youth(form_.stored->youth_id);
    return youth_by_code(ctx, form_.youth_code.value);
}

Measure MeasuresScreen::form_measure(const Ctx& ctx, std::int64_t now, std::vector<FieldProblem>* problems) const {
    // A stored measure keeps every field the form did not change, exactly as stored.
    Measure m = form_.stored.value_or(Measure{});
    const bool fresh = !form_.stored;
    auto take = [&](const auto& field) { return fresh || field.edited(); };
    auto text_or_none = [](const std::string& text) { return text.empty() ? std::nullopt : std::optional<std::string>(text); };
    auto when = [&](const TimeField& field, std::optional<std::int64_t> base, const char* name) {
        bool unreadable = false;
        auto value = field.timestamp(base, now, &unreadable);
        if (unreadable && problems) problems->push_back({name, "error.timestamp_invalid"});
        return value;
    };
    if (fresh) m.team_id = ctx.model.team_id();
    if (take(form_.youth_code)) {
        const Youth* youth = youth_by_code(ctx, form_.youth_code.value);
        m.youth_id = youth ? youth->id : "";
    }
    if (take(form_.type)) m.type = form_.type.value;
    const auto start = form_.start.instant(std::nullopt, now);
    // An unreadable start is validate_measure's to report.
    if (take(form_.start)) m.started_at = form_.start.timestamp(std::nullopt, now).value_or("");
    // A point-in-time type has no end field; text left from another type is ignored.
    const MeasureType* type = ctx.content.measure_type(form_.type.value);
    if (type && type->duration == DurationKind::none) m.ended_at.reset();
    else if (take(form_.end)) m.ended_at = when(form_.end, start, "ended_at");
    if (take(form_.reason)) m.reason = form_.reason.value;
    if (take(form_.emergency)) {
        m.emergency = form_.emergency.value;
        m.in_care_plan = !form_.emergency.value;
    }
    if (take(form_.consent_by)) m.consent_by = text_or_none(form_.consent_by.value);
    if (take(form_.consent)) m.consent_at = when(form_.consent, start, "consent_at");
    if (take(form_.decided_by)) m.decided_by = form_.decided_by.value;
    if (take(form_.parents)) m.parents_informed_at = when(form_.parents, start, "parents_informed_at");
    if (take(form_.debrief)) m.debrief_at = when(form_.debrief, start, "debrief_at");
    if (take(form_.incident_id)) m.incident_id = text_or_none(form_.incident_id.value);
    if (take(form_.notes)) m.notes = form_.notes.value;
    return m;
}

std::vector<FieldProblem> MeasuresScreen::live_problems(const Ctx& ctx, std::int64_t now) const {
    std::vector<FieldProblem> all;
    Measure m = form_measure(ctx, now, &all);
    if (m.created_at.empty()) m.created_at = now_utc();
    m.updated_at = now_utc();
    const auto problems = validate_measure(m, ctx.content, ctx.model.youth(m.youth_id), now);
    all.insert(all.end(), problems.begin(), problems.end());
    return all;
}

void MeasuresScreen::save(Ctx& ctx) {
    const std::int64_t now = now_unix();
    form_.problems.clear();
    form_.error.clear();
    form_.check.tried = true;
    if (ctx.shell.who().empty()) {
        form_.error = tr("form.who_required");
        return;
    }
    // Edits go onto the record as it is now (an import may have changed it since it was opened).
    if (form_.stored)
        if (auto current = ctx.store.measure(form_.stored->id)) form_.stored = std::move(*current);
    Measure m = form_measure(ctx, now, &form_.problems);
    if (!form_.stored) {
        m.id = new_uuid();
        m.created_at = now_utc();
    }
    m.updated_at = now_utc();
    const Youth* youth = ctx.model.youth(m.youth_id);

    const auto problems = validate_measure(m, ctx.content, youth, now);
    form_.problems.insert(form_.problems.end(), problems.begin(), problems.end());
    if (!form_.problems.empty()) return;
    // Saved after the frame; the form closes when the store took it.
    ctx.post(request::Write{[m, who = ctx.shell.who()](Store& store) { store.save_measure(m, who); },
                            [this](const StoreError* refused, Requests& then) {
                                if (refused) {
                                    form_.error = refused->what();
                                    return;
                                }
                                then.post(request::Flash{Tone::ok, tr("measures.saved")});
                                close_form();
                            }});
}

void MeasuresScreen::draw_form(Ctx& ctx) {
    const std::int64_t now = now_unix();
    heading(ctx.fonts, !form_.stored ? tr("measures.form.new") : tr("measures.form.edit"));
    if (draw_needs_team(ctx)) return;

    const MeasureType* type = ctx.content.measure_type(form_.type.value);
    const auto start = form_.start.instant(std::nullopt, now);
    const bool has_end = !type || type->duration != DurationKind::none;
    bool changed = false;

    // Problems as the form stands now: one fixed disappears at once (FormCheck).
    form_.problems = form_.check.shown(live_problems(ctx, now));
    if (form_.error == tr("form.who_required") && !ctx.shell.who().empty()) form_.error.clear();

    const float col_w = form_column_width();
    ImGui::BeginChild("##measure_form", ImVec2(0, -form_buttons_height()), false);
    const float top = ImGui::GetCursorPosY();
    ImGui::BeginGroup();
    ImGui::PushItemWidth(col_w);

    // Youth by code, with type-ahead: Enter takes the first match.
    field_label(tr("measures.field.youth"));
    ImGui::SetNextItemWidth(em(8));
    focus_first(form_.focus);
    text_field("##youth", form_.youth_code.value, "J-07");
    if (left_with_enter()) {
        const auto& c = youth_choices(ctx, form_.youth_code.value);
        if (!c.empty()) form_.youth_code.value = ctx.model.youths()[c.front()].code;
    }
    changed |= ImGui::IsItemEdited();
    form_.check.touch("youth_id");
    probe("measures.field.youth");
    const Youth* youth = form_youth(ctx);
    if (!youth) {
        int shown = 0;
        for (std::size_t i : youth_choices(ctx, form_.youth_code.value)) {
            if (shown == 8) break;
            const Youth* y = &ctx.model.youths()[i];
            ImGui::SameLine();
            if (ImGui::SmallButton((y->code + "##cand").c_str())) {
                form_.youth_code.value = y->code;
                changed = true;
            }
            probe("measures.youth_candidate." + std::to_string(shown));
            ++shown;
        }
    } else {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        std::string info = youth->setting == CareSetting::closed ? tr("youth.setting.closed") : tr("youth.setting.open");
        if (youth->age_at_admission) info += " · " + trf("youth.age_at_admission", {std::to_string(*youth->age_at_admission)});
        muted(info.c_str());
    }
    field_problems(form_.problems, "youth_id");

    field_label(tr("measures.field.type"));
    tab_stop("##type");
    const bool type_open = ImGui::BeginCombo("##type", type ? type->name.in(ctx.lang).c_str() : form_.type.value.c_str());
    end_tab_stop();
    probe("measures.field.type");
    if (type_open) {
        for (const auto& t : ctx.content.measure_types)
            if (ImGui::Selectable(t.name.in(ctx.lang).c_str(), t.code == form_.type.value)) {
                form_.type.value = t.code;
                changed = true;
            }
        ImGui::EndCombo();
    }
    field_problems(form_.problems, "type");

    field_label(tr("measures.field.start"));
    changed |= when_field("##start", form_.start, std::nullopt, now, em(12));
    form_.check.touch("started_at");
    probe("measures.field.start");
    field_problems(form_.problems, "started_at");

    if (has_end) {
        field_label(tr("measures.field.end"));
        changed |= when_field("##end", form_.end, start, now, em(12));
        form_.check.touch("ended_at");
        const auto end = form_.end.instant(start, now);
        probe("measures.field.end");
        ImGui::SameLine();
        if (ImGui::SmallButton(label("form.plus15", "plus15").c_str())) {
            const auto base = end ? end : start;
            if (base) form_.end.text = format_local(*base + 15 * 60);
            changed = true;
        }
        if (start && end && *end >= *start) {
            ImGui::PushFont(ctx.fonts.bold);
            ImGui::TextUnformatted(trf("measures.duration", {duration_text(*end - *start)}).c_str());
            ImGui::PopFont();
        } else if (start && form_.end.text.empty()) {
            muted(trf("measures.ongoing_since", {duration_text(now - *start)}).c_str());
            ctx.redraw_within(60 - static_cast<double>((now - *start) % 60));  // the next minute
        } else {
            ImGui::Dummy(ImVec2(1, ImGui::GetTextLineHeight()));  // the duration's line, kept free
        }
        field_problems(form_.problems, "ended_at");
    }

    field_label(type && type->reason_required ? tr("measures.field.reason_required") : tr("measures.field.reason"));
    changed |= text_area("##reason", form_.reason.value, kMaxFreeText, col_w);
    form_.check.touch("reason");
    probe("measures.field.reason");
    field_problems(form_.problems, "reason");

    field_label(tr("measures.field.situation"));
    const std::string emergency_label = label("measures.emergency", "emergency"), care_plan_label = label("measures.care_plan", "care_plan");
    tab_stop(emergency_label.c_str());
    if (ImGui::RadioButton(emergency_label.c_str(), form_.emergency.value)) {
        form_.emergency.value = true;
        changed = true;
    }
    end_tab_stop();
    probe("measures.field.emergency");
    ImGui::SameLine();
    tab_stop(care_plan_label.c_str());
    if (ImGui::RadioButton(care_plan_label.c_str(), !form_.emergency.value)) {
        form_.emergency.value = false;
        changed = true;
    }
    end_tab_stop();
    probe("measures.field.care_plan");
    ImGui::PopItemWidth();
    ImGui::EndGroup();

    next_column(top, em(2));
    ImGui::BeginGroup();
    ImGui::PushItemWidth(col_w);
    field_label(tr("measures.field.consent"));
    ImGui::SetNextItemWidth(em(14));
    changed |= text_field("##consent_by", form_.consent_by.value, tr("measures.field.consent_by_hint"));
    form_.check.touch("consent_by");
    probe("measures.field.consent_by");
    ImGui::SameLine();
    if (ImGui::SmallButton("▾##pick_consent")) ImGui::OpenPopup("##consent_pick");
    if (ImGui::BeginPopup("##consent_pick")) {
        for (const auto& m : ctx.model.members())
            if (m.active && m.role == Role::behavioural_scientist && ImGui::Selectable(m.name.c_str())) {
                form_.consent_by.value = m.name;
                changed = true;
            }
        ImGui::EndPopup();
    }
    changed |= when_field("##consent_at", form_.consent, start, now, em(12));
    form_.check.touch("consent_at");
    probe("measures.field.consent_at");
    field_problems(form_.problems, "consent_at");

    field_label(tr("measures.field.decided_by"));
    changed |= text_field("##decided_by", form_.decided_by.value);
    form_.check.touch("decided_by");
    probe("measures.field.decided_by");
    field_problems(form_.problems, "decided_by");

    field_label(tr("measures.field.parents"));
    changed |= when_field("##parents", form_.parents, start, now, em(12));
    form_.check.touch("parents_informed_at");
    probe("measures.field.parents");
    field_problems(form_.problems, "parents_informed_at");

    field_label(tr("measures.field.debrief"));
    changed |= when_field("##debrief", form_.debrief, start, now, em(12));
    form_.check.touch("debrief_at");
    probe("measures.field.debrief");
    field_problems(form_.problems, "debrief_at");

    field_label(tr("measures.field.incident"));
    const IncidentRow* linked = incident_by_id(ctx, form_.incident_id.value);
    std::string linked_text = tr("measures.no_incident");
    if (linked) linked_text = format_local(linked->at) + "  " + linked->youth_codes;
    tab_stop("##incident");
    const bool incident_open = ImGui::BeginCombo("##incident", linked_text.c_str());
    end_tab_stop();
    probe("measures.field.incident");
    if (incident_open) {
        if (ImGui::Selectable(tr("measures.no_incident"), form_.incident_id.value.empty())) {
            form_.incident_id.value.clear();
            changed = true;
        }
        // Incidents within a week of the start (all of them without a start), newest first:
        // only the rows in sight are drawn.
        const auto& choices = incident_choices(ctx, start);
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(choices.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const IncidentRow& row = ctx.model.incidents()[choices[static_cast<std::size_t>(i)]];
                const IncidentCategory* cat = ctx.content.incident_category(row.incident.category);
                const std::string text = format_local(row.at) + "  " + (cat ? cat->name.in(ctx.lang) : row.incident.category) +
                                         "  " + row.youth_codes + "##" + row.incident.id;
                if (ImGui::Selectable(text.c_str(), row.incident.id == form_.incident_id.value)) {
                    form_.incident_id.value = row.incident.id;
                    changed = true;
                }
            }
        ImGui::EndCombo();
    }
    field_problems(form_.problems, "incident_id");

    field_label(tr("measures.field.notes"));
    changed |= text_area("##notes", form_.notes.value, kMaxFreeText, col_w);
    form_.check.touch("notes");
    probe("measures.field.notes");
    field_problems(form_.problems, "notes");
    ImGui::PopItemWidth();
    ImGui::EndGroup();
    if (changed) form_.dirty = true;

    // The rule warnings of what is on the form, live.
    ImGui::Dummy(em(0, 0.5f));
    const auto warnings = measure_warnings(form_measure(ctx, now, nullptr), ctx.content, youth, now);
    if (!warnings.empty()) {
        subheading(ctx.fonts, tr("measures.warnings"));
        warning_list(warnings);
    }
    if (!form_.history.empty() || form_.stored) {
        ImGui::Dummy(em(0, 0.5f));
        draw_history(ctx, form_.history);
    }
    ImGui::EndChild();

    // Buttons, always visible at the bottom. Ctrl+Enter saves, Esc cancels.
    switch (form_buttons("measures", form_.dirty, form_.stored.has_value(), form_.error, tr("measures.delete_question"))) {
        case FormAction::save: save(ctx); break;
        case FormAction::close: close_form(); break;
        case FormAction::remove:
            if (ctx.shell.who().empty()) {
                form_.error = tr("form.who_required");
                break;
            }
            ctx.post(request::Write{[id = form_.stored->id, who = ctx.shell.who()](Store& store) { store.delete_measure(id, who); },
                                    [this](const StoreError* refused, Requests& then) {
                                        if (refused) {
                                            form_.error = refused->what();
                                            return;
                                        }
                                        then.post(request::Flash{Tone::ok, tr("measures.deleted")});
                                        close_form();
                                    }});
            break;
        case FormAction::none: break;
    }
}

void MeasuresScreen::show_filtered(const request::ListFilter& f) {
    from_text_ = f.from ? format_date(*f.from) : std::string();
    to_text_ = f.to ? format_date(*f.to) : std::string();
    youth_filter_.clear();
    type_filter_ = f.type;
    warnings_only_ = false;
    filters_open_ = true;  // what the list is filtered on, in sight at a large zoom too
    rows_dirty_ = true;
}

}  // namespace ts::ui
