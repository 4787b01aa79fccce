// The register of safety incidents: list with filters and warnings, and a form that can
// record a measure taken in the same incident in one step.
#include "core/rules.hpp"
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "core/working_days.hpp"
#include "ui/layout.hpp"
#include "ui/list_table.hpp"
#include "ui/probe.hpp"
#include "ui/screen_common.hpp"
#include "ui/screen_incidents.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <tuple>

namespace ts::ui {
namespace {

std::string severity_name(const Ctx& ctx, int severity) {
    if (severity < 1 || severity > static_cast<int>(ctx.content.severities.size())) return std::to_string(severity);
    return std::to_string(severity) + " " + ctx.content.severities[static_cast<std::size_t>(severity - 1)].in(ctx.lang);
}

std::optional<std::string> date_or_none(const std::string& text) {
    if (text.find_first_not_of(' ') == std::string::npos) return std::nullopt;
    return text;
}

}  // namespace

void IncidentsScreen::draw(Ctx& ctx) {
    if (form_.open) {
        draw_form(ctx);
        return;
    }
    heading(ctx.fonts, tr("nav.incidents"));
    if (draw_needs_team(ctx)) return;
    if (primary_button(label("incidents.new", "new_incident").c_str())) open_new(ctx);
    probe("incidents.new");
    ImGui::SameLine();
    muted(trn("incidents.count", static_cast<long long>(ctx.model.rows().all_incidents), {std::to_string(rows_.size())}).c_str());
    if (from_text_.empty()) held_window_note(ctx, ctx.model.incidents().size(), ctx.model.rows().all_incidents);
    const int active = !from_text_.empty() + !to_text_.empty() + !category_filter_.empty() + (min_severity_ > 1) +
                       (exact_severity_ > 0) + reportable_only_ + warnings_only_;
    if (filters_shown(filters_open_, active)) draw_filters(ctx);
    draw_list(ctx);
}

void IncidentsScreen::draw_filters(Ctx& ctx) {
    bool changed = period_filter(from_text_, to_text_);
    flow(em(16));
    ImGui::SetNextItemWidth(em(16));
    if (ImGui::BeginCombo("##cat_filter", category_filter_.empty() ? tr("filter.all_categories") : category_name(ctx, category_filter_).c_str())) {
        if (ImGui::Selectable(tr("filter.all_categories"), category_filter_.empty())) {
            category_filter_.clear();
            changed = true;
        }
        for (const auto& c : ctx.content.incident_categories)
            if (ImGui::Selectable(c.name.in(ctx.lang).c_str(), c.code == category_filter_)) {
                category_filter_ = c.code;
                changed = true;
            }
        ImGui::EndCombo();
    }
    const ImGuiStyle& style = ImGui::GetStyle();
    if (exact_severity_ > 0) {
        // One severity only (from a figure clicked through), and the button that clears it.
        const std::string only = trf("overview.list.severity_only", {severity_short(ctx, exact_severity_)});
        const std::string clear = std::string(tr("overview.list.clear")) + "##exactsev";
        flow(text_width(only.c_str()) + style.ItemSpacing.x + button_width(clear.c_str()));
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(only.c_str());
        probe_text(only);
        ImGui::SameLine();
        if (ImGui::Button(clear.c_str())) {
            exact_severity_ = 0;
            changed = true;
        }
        probe("incidents.clear_severity");
    } else {
        // The minimum severity and its four choices stay together on one line.
        flow(text_width(tr("filter.min_severity")) + 4 * (style.ItemSpacing.x + checkbox_width("4")));
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(tr("filter.min_severity"));
        for (int s = 1; s <= 4; ++s) {
            ImGui::SameLine();
            if (ImGui::RadioButton((std::to_string(s) + "##minsev").c_str(), min_severity_ == s)) {
                min_severity_ = s;
                changed = true;
            }
        }
    }
    const std::string reportable = label("filter.reportable_only", "rep_only"), warned = label("filter.warnings_only", "warn_only");
    flow(em(1) + checkbox_width(reportable.c_str()));
    changed |= ImGui::Checkbox(reportable.c_str(), &reportable_only_);
    flow(checkbox_width(warned.c_str()));
    changed |= ImGui::Checkbox(warned.c_str(), &warnings_only_);
    if (changed) rows_dirty_ = true;
}

void IncidentsScreen::rebuild_rows(Ctx& ctx) {
    hold_for_period(ctx, from_text_);
    const auto& all = ctx.model.incidents();
    rows_.clear();
    for (std::size_t i = 0; i < all.size(); ++i) {
        const IncidentRow& r = all[i];
        if (!category_filter_.empty() && r.incident.category != category_filter_) continue;
        if (r.incident.severity < min_severity_) continue;
        if (exact_severity_ > 0 && r.incident.severity != exact_severity_) continue;
        if (reportable_only_ && !r.incident.reportable) continue;
        if (warnings_only_ && r.warnings.empty()) continue;
        if (!in_period(r.at, from_text_, to_text_)) continue;
        rows_.push_back(i);
    }
    auto key_less = [&](std::size_t a, std::size_t b) {
        const IncidentRow &x = all[a], &y = all[b];
        switch (sort_column_) {
            case 1: return category_name(ctx, x.incident.category) < category_name(ctx, y.incident.category);
            case 2: return x.incident.severity < y.incident.severity;
            case 3: return x.youth_codes < y.youth_codes;
            case 4: return std::tuple(x.incident.reportable, x.report_due) < std::tuple(y.incident.reportable, y.report_due);
            case 5: return x.linked_measures < y.linked_measures;
            case 6: return x.warnings.size() < y.warnings.size();
            default: return x.at < y.at;
        }
    };
    std::stable_sort(rows_.begin(), rows_.end(), [&](std::size_t a, std::size_t b) {
        return sort_ascending_ ? key_less(a, b) : key_less(b, a);
    });
    rows_revision_ = ctx.model.versions().incidents;
    rows_dirty_ = false;
}

void IncidentsScreen::draw_list(Ctx& ctx) {
    const std::string report_sample = "▲ " + trf("incidents.report_by", {"2026-12-28"});
    const std::vector<ListColumn> columns{
        {tr("incidents.col.when"), 6, kDateTimeSample, 0, ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending},
        {tr("incidents.col.category"), 10, nullptr, 0},
        {tr("incidents.col.severity"), 4, nullptr, 2},
        {tr("incidents.col.youths"), 5, nullptr, 0},
        {tr("incidents.col.reportable"), 6, report_sample.c_str(), 3},
        {tr("incidents.col.measures"), 3, nullptr, 4},
        {tr("incidents.col.warnings"), 10, nullptr, 0},
    };
    if (!begin_list("##incidents", columns)) return;
    ImGui::TableHeadersRow();
    if (take_sort_specs(sort_column_, sort_ascending_)) rows_dirty_ = true;
    if (rows_dirty_ || rows_revision_ != ctx.model.versions().incidents) rebuild_rows(ctx);

    const Palette& p = palette();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows_.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const IncidentRow& r = ctx.model.incidents()[rows_[static_cast<std::size_t>(i)]];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(i);
            if (ImGui::Selectable(format_local(r.at).c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) open_existing(ctx, r.incident);
            probe("incidents.row." + std::to_string(i));
            ImGui::PopID();
            ImGui::TableNextColumn();
            cell_text(category_name(ctx, r.incident.category));
            ImGui::TableNextColumn();
            cell_text(severity_short(ctx, r.incident.severity));
            ImGui::TableNextColumn();
            cell_text(r.youth_codes);
            ImGui::TableNextColumn();
            // Reportable: the day to report by, or the day it was reported; ▲ when late.
            if (r.report_due) {
                const bool late = std::find(r.warnings.begin(), r.warnings.end(), IncidentWarning::not_reported_in_time) != r.warnings.end();
                const std::string text = r.incident.reported_on ? trf("incidents.reported", {*r.incident.reported_on})
                                                                : trf("incidents.report_by", {format_date(*r.report_due)});
                if (late) cell_text("▲ " + text, p.warn);
                else cell_text(text);
                if (late && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(message_key(IncidentWarning::not_reported_in_time)));
            }
            ImGui::TableNextColumn();
            if (r.linked_measures > 0) cell_text(std::to_string(r.linked_measures));
            ImGui::TableNextColumn();
            if (!r.warnings.empty()) {
                cell_text("▲ " + std::string(tr(message_key(r.warnings.front()) + ".short")), p.warn);
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(message_key(r.warnings.front())));
            }
        }
    }
    end_list();
}

void IncidentsScreen::open_new(Ctx&) {
    form_ = IncidentForm{};
    form_.open = true;
    form_.focus = true;
}

void IncidentsScreen::open_existing(Ctx& ctx, const Incident& i) {
    form_ = IncidentForm{};
    form_.open = true;
    form_.stored = i;
    form_.when.load(i.occurred_at);
    form_.category.load(i.category);
    form_.severity.load(i.severity);
    form_.youth_ids.load(i.youth_ids);
    form_.description.load(i.description);
    form_.response.load(i.response);
    form_.follow_up.load(i.follow_up);
    form_.reportable.load(i.reportable);
    form_.reported_on.load(i.reported_on.value_or(""));
    form_.concluded_on.load(i.investigation_concluded_on.value_or(""));
    form_.history = ctx.store.changes("incident", i.id);
}

bool IncidentsScreen::Made::fresh(const Ctx& ctx, std::uint64_t v, const std::string& k) const {
    return built && version == v && key == k && team_id == ctx.model.team_id();
}

const std::vector<std::size_t>& IncidentsScreen::youths_in_care(const Ctx& ctx, const Date& day) {
    const std::uint64_t version = ctx.model.versions().youths;
    const std::string key = format_date(day);
    if (in_care_made_.fresh(ctx, version, key)) return in_care_;
    in_care_.clear();
    const auto& all = ctx.model.youths();
    for (std::size_t i = 0; i < all.size(); ++i)
        if (in_care_on(all[i], day)) in_care_.push_back(i);
    in_care_made_ = {ctx.model.team_id(), key, version, true};
    return in_care_;
}

const std::vector<std::size_t>& IncidentsScreen::linked_measures(const Ctx& ctx, const std::string& incident_id) {
    const std::uint64_t version = ctx.model.versions().measures;
    if (linked_made_.fresh(ctx, version, incident_id)) return linked_;
    linked_.clear();
    const auto& all = ctx.model.measures();
    for (std::size_t i = 0; i < all.size(); ++i)
        if (all[i].measure.incident_id == incident_id) linked_.push_back(i);
    linked_made_ = {ctx.model.team_id(), incident_id, version, true};
    return linked_;
}

void IncidentsScreen::close_form() { form_ = IncidentForm{}; }

Incident IncidentsScreen::form_incident(const Ctx& ctx, std::int64_t now) const {
    // A stored incident keeps every field the form did not change, exactly as stored.
    Incident i = form_.stored.value_or(Incident{});
    const bool fresh = !form_.stored;
    auto take = [&](const auto& field) { return fresh || field.edited(); };
    if (fresh) i.team_id = ctx.model.team_id();
    if (take(form_.when)) i.occurred_at = form_.when.timestamp(std::nullopt, now).value_or("");  // unreadable: validate_incident says so
    if (take(form_.category)) i.category = form_.category.value;
    if (take(form_.severity)) i.severity = form_.severity.value;
    if (take(form_.youth_ids)) i.youth_ids = form_.youth_ids.value;
    if (take(form_.description)) i.description = form_.description.value;
    if (take(form_.response)) i.response = form_.response.value;
    if (take(form_.reportable)) i.reportable = form_.reportable.value;
    if (take(form_.follow_up)) i.follow_up = form_.follow_up.value;
    if (take(form_.reported_on)) i.reported_on = date_or_none(form_.reported_on.value);
    if (take(form_.concluded_on)) i.investigation_concluded_on = date_or_none(form_.concluded_on.value);
    return i;
}

std::vector<FieldProblem> IncidentsScreen::live_problems(const Ctx& ctx, std::int64_t now) const {
    Incident i = form_incident(ctx, now);
    if (i.created_at.empty()) i.created_at = now_utc();
    i.updated_at = now_utc();
    std::vector<const Youth*> youths;
    for (const auto& id : i.youth_ids) youths.push_back(ctx.model.youth(id));
    return validate_incident(i, ctx.content, youths, now);
}

void IncidentsScreen::save(Ctx& ctx, bool then_add_measure) {
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
        if (auto current = ctx.store.incident(form_.stored->id)) form_.stored = std::move(*current);
    Incident i = form_incident(ctx, now);
    if (!form_.stored) {
        i.id = new_uuid();
        i.created_at = now_utc();
    }
    i.updated_at = now_utc();
    std::vector<const Youth*> youths;
    for (const auto& id : i.youth_ids) youths.push_back(ctx.model.youth(id));
    form_.problems = validate_incident(i, ctx.content, youths, now);
    if (!form_.problems.empty()) return;
    // Saved after the frame; the form closes when the store took it, and then (when asked)
    // the measures screen opens a new measure prefilled from it.
    ctx.post(request::Write{[i, who = ctx.shell.who()](Store& store) { store.save_incident(i, who); },
                            [this, id = i.id, then_add_measure](const StoreError* refused, Requests& then) {
                                if (refused) {
                                    form_.error = refused->what();
                                    return;
                                }
                                then.post(request::Flash{Tone::ok, tr("incidents.saved")});
                                if (then_add_measure) then.post(request::NewMeasureFromIncident{id});
                                close_form();
                            }});
}

bool IncidentsScreen::draw_report(Ctx& ctx, std::optional<std::int64_t> at, std::int64_t now) {
    // The dates stay in view while they hold something, so that unticking "reportable" shows
    // why saving is refused (a report of an incident that is not reportable).
    if (!form_.reportable.value && form_.reported_on.value.empty() && form_.concluded_on.value.empty()) {
        ImGui::Dummy(ImVec2(1, ImGui::GetTextLineHeight()));  // the deadline's line, kept free
        return false;
    }
    bool changed = false;
    const Incident i = form_incident(ctx, now);
    const auto due = report_due(i, ctx.content.holidays);
    if (due) {
        const bool after_investigation = i.investigation_concluded_on && parse_date(*i.investigation_concluded_on);
        notice(Tone::info, trf(after_investigation ? "incidents.report_due.after_investigation" : "incidents.report_due.after_incident",
                               {day_text(*due)})
                               .c_str());
        probe("incidents.report_due");
    }

    auto day_field = [&](const char* text, const char* id, FormField<std::string>& field, const char* name) {
        field_label(text);
        changed |= date_field(id, field.value, em(8));
        form_.check.touch(name);
        probe(std::string("incidents.field.") + name);
        ImGui::SameLine();
        if (ImGui::SmallButton((std::string(tr("incidents.today")) + id).c_str())) {
            field.value = format_date(local_date(now));
            changed = true;
        }
        probe(std::string("incidents.today.") + name);
        field_problems(form_.problems, name);
    };
    day_field(tr("incidents.field.reported_on"), "##reported_on", form_.reported_on, "reported_on");
    day_field(tr("incidents.field.concluded_on"), "##concluded_on", form_.concluded_on, "investigation_concluded_on");
    // While neither is recorded: how an investigation changes the deadline.
    if (form_.reportable.value && at && !i.reported_on && !i.investigation_concluded_on)
        muted(trf("incidents.investigation_hint", {day_text(investigation_due(local_date(*at)))}).c_str());

    // The rule warnings of what the form holds, live.
    for (IncidentWarning w : incident_warnings(i, ctx.content.holidays, local_date(now))) {
        notice(Tone::warn, tr(message_key(w)));
        probe(std::string("incidents.warning.") + std::string(to_string(w)));
    }
    return changed;
}

void IncidentsScreen::draw_form(Ctx& ctx) {
    const std::int64_t now = now_unix();
    const Palette& p = palette();
    heading(ctx.fonts, !form_.stored ? tr("incidents.form.new") : tr("incidents.form.edit"));
    if (draw_needs_team(ctx)) return;
    bool changed = false;
    // Problems as the form stands now: one fixed disappears at once (FormCheck).
    form_.problems = form_.check.shown(live_problems(ctx, now));
    if (form_.error == tr("form.who_required") && !ctx.shell.who().empty()) form_.error.clear();
    const float col_w = form_column_width();

    ImGui::BeginChild("##incident_form", ImVec2(0, -form_buttons_height()), false);
    const float top = ImGui::GetCursorPosY();
    ImGui::BeginGroup();
    ImGui::PushItemWidth(col_w);
    const float column_right = ImGui::GetCursorScreenPos().x + col_w;
    field_label(tr("incidents.field.when"));
    focus_first(form_.focus);
    changed |= when_field("##when", form_.when, std::nullopt, now, em(12));
    form_.check.touch("occurred_at");
    const auto at = form_.when.instant(std::nullopt, now);
    probe("incidents.field.when");
    field_problems(form_.problems, "occurred_at");

    field_label(tr("incidents.field.category"));
    tab_stop("##category");
    const bool category_open = ImGui::BeginCombo("##category", category_name(ctx, form_.category.value).c_str());
    end_tab_stop();
    probe("incidents.field.category");
    if (category_open) {
        for (const auto& c : ctx.content.incident_categories)
            if (ImGui::Selectable(c.name.in(ctx.lang).c_str(), c.code == form_.category.value)) {
                form_.category.value = c.code;
                changed = true;
            }
        ImGui::EndCombo();
    }
    field_problems(form_.problems, "category");

    field_label(tr("incidents.field.severity"));
    for (int s = 1; s <= 4; ++s) {
        const std::string sev_label = severity_name(ctx, s) + "##sev";
        if (s > 1) flow(checkbox_width(sev_label.c_str()), -1.0f, column_right);  // wrap within the column
        tab_stop(sev_label.c_str());
        const bool sev_pressed = ImGui::RadioButton(sev_label.c_str(), form_.severity.value == s);
        end_tab_stop();
        if (sev_pressed) {
            form_.severity.value = s;
            changed = true;
        }
        probe("incidents.severity." + std::to_string(s));
    }
    field_problems(form_.problems, "severity");

    // Youths involved: those in care on the day, as toggles.
    field_label(tr("incidents.field.youths"));
    const Date day = local_date(at.value_or(now));
    int n = 0;
    // Those in care on the day and those chosen, in the order of the youths.
    std::vector<std::size_t> shown = youths_in_care(ctx, day);
    for (const auto& id : form_.youth_ids.value)
        if (const Youth* y = ctx.model.youth(id)) shown.push_back(static_cast<std::size_t>(y - ctx.model.youths().data()));
    std::sort(shown.begin(), shown.end());
    shown.erase(std::unique(shown.begin(), shown.end()), shown.end());
    for (std::size_t index : shown) {
        const Youth& y = ctx.model.youths()[index];
        auto& youth_ids = form_.youth_ids.value;
        const bool selected = std::find(youth_ids.begin(), youth_ids.end(), y.id) != youth_ids.end();
        if (n++ > 0) flow(em(4.6f));  // as many on a line as fit
        // Toggle buttons: selected ones in the accent colour with a check mark.
        if (selected) {
            ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
            ImGui::PushStyleColor(ImGuiCol_Text, p.accent_text);
        }
        // A stable id ("###yt" + code): the focus stays on the toggle when it changes.
        const std::string toggle_label = (selected ? "✓ " : "   ") + y.code + "###yt" + y.code;
        tab_stop(toggle_label.c_str());
        const bool toggled = ImGui::Button(toggle_label.c_str(), ImVec2(em(4.6f), 0));
        end_tab_stop();
        if (selected) ImGui::PopStyleColor(2);
        if (toggled) {
            if (selected) youth_ids.erase(std::remove(youth_ids.begin(), youth_ids.end(), y.id), youth_ids.end());
            else youth_ids.push_back(y.id);
            changed = true;
        }
        probe("incidents.youth." + y.code);
    }
    if (n == 0) muted(tr("incidents.no_youths_in_care"));
    field_problems(form_.problems, "youth_ids");

    field_label(tr("incidents.field.description"));
    changed |= text_area("##description", form_.description.value, kMaxFreeText, col_w, 5);
    form_.check.touch("description");
    probe("incidents.field.description");
    field_problems(form_.problems, "description");
    ImGui::PopItemWidth();
    ImGui::EndGroup();

    next_column(top, em(2));
    ImGui::BeginGroup();
    ImGui::PushItemWidth(col_w);
    field_label(tr("incidents.field.response"));
    changed |= text_area("##response", form_.response.value, kMaxFreeText, col_w);
    form_.check.touch("response");
    probe("incidents.field.response");
    field_problems(form_.problems, "response");

    // A long label: it wraps at the edge, and a click on it ticks the box too.
    tab_stop("##reportable");
    changed |= ImGui::Checkbox("##reportable", &form_.reportable.value);
    end_tab_stop();
    probe("incidents.field.reportable");
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::TextWrapped("%s", tr("incidents.field.reportable"));
    if (ImGui::IsItemClicked()) {
        form_.reportable.value = !form_.reportable.value;
        changed = true;
    }
    changed |= draw_report(ctx, at, now);

    field_label(tr("incidents.field.follow_up"));
    changed |= text_area("##follow_up", form_.follow_up.value, kMaxFreeText, col_w);
    form_.check.touch("follow_up");
    probe("incidents.field.follow_up");
    field_problems(form_.problems, "follow_up");

    // Measures taken in this incident, and a way to add one in a single step.
    field_label(tr("incidents.field.measures"));
    int linked = 0;
    if (form_.stored)
        for (std::size_t index : linked_measures(ctx, form_.stored->id)) {
            const model::MeasureRow& m = ctx.model.measures()[index];
            ++linked;
            const MeasureType* t = ctx.content.measure_type(m.measure.type);
            const std::string text = format_local(m.start) + "  " + (m.youth ? m.youth->code : "?") + "  " +
                                     (t ? t->name.in(ctx.lang) : m.measure.type);
            if (wrapped_selectable(("##lm" + m.measure.id).c_str(), text.c_str(), false, ImGui::GetContentRegionAvail().x))
                ctx.post(request::OpenMeasure{m.measure.id});
        }
    if (linked == 0) muted(tr("incidents.no_measures"));
    // Saved, the incident goes to the measures screen's new form after this frame.
    if (ImGui::Button(label("incidents.add_measure", "add_measure").c_str())) save(ctx, true);
    probe("incidents.add_measure");
    ImGui::PopItemWidth();
    ImGui::EndGroup();
    if (changed) form_.dirty = true;

    if (form_.stored) {
        ImGui::Dummy(em(0, 0.5f));
        draw_history(ctx, form_.history);
    }
    ImGui::EndChild();

    switch (form_buttons("incidents", form_.dirty, form_.stored.has_value(), form_.error, tr("incidents.delete_question"),
                         "form.keys_single_time")) {
        case FormAction::save: save(ctx, false); break;
        case FormAction::close: close_form(); break;
        case FormAction::remove:
            if (ctx.shell.who().empty()) {
                form_.error = tr("form.who_required");
                break;
            }
            ctx.post(request::Write{[id = form_.stored->id, who = ctx.shell.who()](Store& store) { store.delete_incident(id, who); },
                                    [this](const StoreError* refused, Requests& then) {
                                        if (refused) {
                                            form_.error = refused->what();
                                            return;
                                        }
                                        then.post(request::Flash{Tone::ok, tr("incidents.deleted")});
                                        close_form();
                                    }});
            break;
        case FormAction::none: break;
    }
}

void IncidentsScreen::show_filtered(const request::ListFilter& f) {
    from_text_ = f.from ? format_date(*f.from) : std::string();
    to_text_ = f.to ? format_date(*f.to) : std::string();
    category_filter_ = f.category;
    min_severity_ = 1;
    exact_severity_ = f.severity.value_or(0);
    reportable_only_ = f.reportable;
    warnings_only_ = false;
    filters_open_ = true;  // what the list is filtered on, in sight at a large zoom too
    rows_dirty_ = true;
}

}  // namespace ts::ui
