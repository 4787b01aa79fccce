#include "ui/meeting/meeting_screen.hpp"

#include "core/time.hpp"
#include "core/uuid.hpp"
#include "core/validation.hpp"
#include "ui/meeting/step_agree_actions.hpp"
#include "ui/meeting/step_check_in.hpp"
#include "ui/meeting/step_close.hpp"
#include "ui/meeting/step_discussion.hpp"
#include "ui/meeting/step_open_actions.hpp"
#include "ui/meeting/step_incidents.hpp"
#include "ui/meeting/step_measures.hpp"
#include "ui/meeting/step_reflection.hpp"
#include "ui/probe.hpp"
#include "ui/screen_common.hpp"
#include "ui/shell.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace ts::ui {

namespace {

constexpr std::int64_t kSaveEditsMs = 1000;  // an edit is stored within a second
constexpr std::int64_t kSaveTimeMs = 15000;  // the time used, when nothing else changed

std::int64_t imgui_ms() { return static_cast<std::int64_t>(ImGui::GetTime() * 1000.0); }

const char* step_kind_key(StepKind k) {
    switch (k) {
        case StepKind::check_in: return "meeting.kind.check_in";
        case StepKind::open_actions: return "meeting.kind.open_actions";
        case StepKind::incidents: return "meeting.kind.incidents";
        case StepKind::measures: return "meeting.kind.measures";
        case StepKind::reflection: return "meeting.kind.reflection";
        case StepKind::agree_actions: return "meeting.kind.agree_actions";
        case StepKind::close: return "meeting.kind.close";
        case StepKind::discussion: return "meeting.kind.discussion";
    }
    return "meeting.kind.discussion";
}

// "4:05", "12:00"; negative seconds as "+0:45" (that much over).
std::string clock_text(std::int64_t seconds) {
    const bool over = seconds < 0;
    const std::int64_t a = over ? -seconds : seconds;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%lld:%02lld", over ? "+" : "", static_cast<long long>(a / 60), static_cast<long long>(a % 60));
    return buf;
}

ImU32 u32(const ImVec4& c) { return ImGui::ColorConvertFloat4ToU32(c); }
ImVec4 mix(const ImVec4& a, const ImVec4& b, float t) {
    return ImVec4(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t, a.w + (b.w - a.w) * t);
}

}  // namespace

std::string step_title(const TemplateStep* tpl, StepKind kind, Lang lang) {
    if (tpl && !tpl->title.in(lang).empty()) return tpl->title.in(lang);
    return tr(step_kind_key(kind));
}

MeetingScreen::MeetingScreen() {
    views_[static_cast<std::size_t>(StepKind::check_in)] = std::make_unique<CheckInStep>();
    views_[static_cast<std::size_t>(StepKind::open_actions)] = std::make_unique<OpenActionsStep>();
    views_[static_cast<std::size_t>(StepKind::incidents)] = std::make_unique<IncidentsStep>();
    views_[static_cast<std::size_t>(StepKind::measures)] = std::make_unique<MeasuresStep>();
    views_[static_cast<std::size_t>(StepKind::reflection)] = std::make_unique<ReflectionStep>();
    views_[static_cast<std::size_t>(StepKind::agree_actions)] = std::make_unique<AgreeActionsStep>();
    views_[static_cast<std::size_t>(StepKind::close)] = std::make_unique<CloseStep>();
    views_[static_cast<std::size_t>(StepKind::discussion)] = std::make_unique<DiscussionStep>();
}
MeetingScreen::~MeetingScreen() = default;

MeetingStepView& MeetingScreen::view(StepKind kind) {
    auto& v = views_[static_cast<std::size_t>(kind)];
    if (!v) v = std::make_unique<DiscussionStep>();  // a kind without its own screen yet: a prompt and notes
    return *v;
}

void MeetingScreen::add_keys(KeyMap& keys) {
    auto add = [&](int key, request::MeetingOp op, bool not_navigating = false, std::size_t step = 0, bool while_typing = false) {
        Shortcut s;
        s.key = key;
        s.repeat = false;
        s.screen = ScreenId::meeting;
        s.not_navigating = not_navigating;
        s.while_typing = while_typing;
        s.action = [op, step](Requests& r) { r.post(request::Meeting{op, step}); };
        keys.add(std::move(s));
    };
    // A presentation clicker sends PageDown and PageUp (some send the arrows, or Space); these
    // two work also while the cursor is in the notes, so the clicker always moves the meeting.
    add(key::page_down, request::MeetingOp::next, false, 0, true);
    add(key::page_up, request::MeetingOp::back, false, 0, true);
    add(key::right, request::MeetingOp::next, true);
    add(key::left, request::MeetingOp::back, true);
    add(key::space, request::MeetingOp::next, true);
    for (int n = 1; n <= 9; ++n) add(key::zero + n, request::MeetingOp::jump, false, static_cast<std::size_t>(n - 1));
    add(key::letter('t'), request::MeetingOp::pause);
    add(key::letter('p'), request::MeetingOp::privacy);
    add(key::escape, request::MeetingOp::leave, true);
}

void MeetingScreen::apply(Ctx& ctx, const request::Meeting& r) {
    if (!session_) return;
    const std::int64_t now = imgui_ms();
    bool moved = false;
    switch (r.op) {
        case request::MeetingOp::next:
            if (view(current_kind()).next(ctx, *session_)) return;  // within the step
            moved = session_->next(now);
            break;
        case request::MeetingOp::back:
            if (view(current_kind()).back(ctx, *session_)) return;
            moved = session_->back(now);
            break;
        case request::MeetingOp::jump: moved = session_->jump(r.step, now); break;
        case request::MeetingOp::pause: session_->toggle_pause(now); break;
        case request::MeetingOp::privacy: session_->toggle_privacy(); break;
        case request::MeetingOp::leave: close_session(ctx); return;
    }
    if (moved) save(ctx);  // where the room is, stored at once
}

bool MeetingScreen::open(const Content& content, const Meeting& m, std::optional<std::size_t> step) {
    const MeetingTemplate* tpl = content.meeting_template(m.template_id);
    if (!tpl) return false;
    now_ms_ = imgui_ms();
    session_ = std::make_unique<model::MeetingSession>(m, *tpl, now_ms_);
    if (step) session_->jump(std::min(*step, session_->steps() - 1), now_ms_);
    for (auto& v : views_)
        if (v) v->reset();
    shown_step_ = static_cast<std::size_t>(-1);
    last_save_ms_ = now_ms_;
    save_error_.clear();
    return true;
}

bool MeetingScreen::resume_running(Ctx& ctx) {
    for (const Meeting& m : ctx.model.meetings())  // newest first
        if (m.state == MeetingState::running && open(ctx.content, m)) return true;
    return false;
}

void MeetingScreen::close_session(Ctx& ctx) {
    if (session_ && session_->dirty()) save(ctx);
    session_.reset();
}

void MeetingScreen::save(Ctx& ctx) {
    if (!session_) return;
    if (!saving_) {
        session_->saved();
        return;
    }
    Meeting m = session_->meeting();
    m.updated_at = now_utc();
    session_->saved();
    last_save_ms_ = now_ms_;
    ctx.post(request::Write{[m, who = ctx.shell.who_or_unknown()](Store& store) { store.save_meeting(m, who); },
                            [this, id = m.id](const StoreError* refused, Requests&) {
                                if (!refused) {
                                    save_error_.clear();
                                    return;
                                }
                                // Kept on screen and tried again within the second.
                                save_error_ = refused->what();
                                if (session_ && session_->meeting().id == id) session_->mark_dirty();
                            }});
}

void MeetingScreen::save_if_due(Ctx& ctx) {
    if (!session_ || !session_->dirty()) return;
    const std::int64_t since = now_ms_ - last_save_ms_;
    if ((session_->edited() && since >= kSaveEditsMs) || since >= kSaveTimeMs) {
        save(ctx);
        return;
    }
    // Not yet: a frame is wanted when it is due, even when nobody touches anything.
    const std::int64_t due = session_->edited() ? kSaveEditsMs : kSaveTimeMs;
    ctx.redraw_within(static_cast<double>(due - since) / 1000.0);
}

void MeetingScreen::flush(Store& store, const std::string& who) {
    if (!session_ || !saving_) return;
    session_->tick(ImGui::GetCurrentContext() ? imgui_ms() : now_ms_);
    if (!session_->dirty()) return;
    Meeting m = session_->meeting();
    m.updated_at = now_utc();
    store.save_meeting(m, who);
    session_->saved();
}

void MeetingScreen::draw(Ctx& ctx) {
    now_ms_ = imgui_ms();
    if (session_ && session_->meeting().team_id != ctx.model.team_id()) {
        // Another team was chosen: its meeting is not this one.
        close_session(ctx);
    }
    if (session_) draw_presenter(ctx);
    else draw_start(ctx);
}

// --- the start page ------------------------------------------------------------------------

void MeetingScreen::draw_start(Ctx& ctx) {
    heading(ctx.fonts, tr("nav.meeting"));
    if (draw_needs_team(ctx)) return;
    const Team& team = *ctx.model.current_team();
    subheading(ctx.fonts, team.name.c_str());
    if (form_.team_id != team.id) {
        form_ = StartForm{};
        form_.team_id = team.id;
        form_.held_on = format_date(local_date(now_unix()));
        if (const Member* me = ctx.shell.current_member()) form_.facilitator_id = me->id;
        // The form the team used last, else the monthly team reflection, else the first.
        for (const Meeting& m : ctx.model.meetings())
            if (ctx.content.meeting_template(m.template_id)) {
                form_.template_id = m.template_id;
                break;
            }
        if (form_.template_id.empty() && ctx.content.meeting_template("teamreflectie")) form_.template_id = "teamreflectie";
        if (form_.template_id.empty() && !ctx.content.templates.empty()) form_.template_id = ctx.content.templates.front().id;
    }

    // Meetings still running: one click (or Enter) takes the room back to where it was.
    const auto& meetings = ctx.model.meetings();
    for (const Meeting& m : meetings) {
        if (m.state != MeetingState::running) continue;
        const MeetingTemplate* tpl = ctx.content.meeting_template(m.template_id);
        const Date d = parse_date(m.held_on).value_or(Date{});
        const std::string text = trf("meeting.running", {tpl ? tpl->name.in(ctx.lang) : m.template_id, day_text(d),
                                                         std::to_string(m.current_step + 1)});
        notice(Tone::info, text.c_str());
        ImGui::PushID(m.id.c_str());
        // (The presenter view is this screen's own state: opening it changes nothing shared.)
        const bool resume = primary_button(tr("meeting.resume"));
        probe("meeting.resume." + m.id);
        ImGui::PopID();
        ImGui::Dummy(em(0, 0.3f));
        if (resume) {
            open(ctx.content, Meeting(m));
            return;
        }
    }

    ImGui::Dummy(em(0, 0.3f));
    subheading(ctx.fonts, tr("meeting.new"));
    const float width = form_column_width();

    // The team: the one shown, changeable here as in the rail.
    if (ctx.model.teams().size() > 1) {
        field_label(tr("meeting.team"));
        ImGui::SetNextItemWidth(width);
        if (ImGui::BeginCombo("##meeting_team", team.name.c_str())) {
            for (const Team& t : ctx.model.teams()) {
                if (ImGui::Selectable(t.name.c_str(), t.id == team.id) && t.id != team.id) ctx.post(request::SwitchTeam{t.id});
                probe("meeting.team." + t.name);
            }
            ImGui::EndCombo();
        }
        probe("meeting.team");
    }

    field_label(tr("meeting.template"));
    for (const auto& t : ctx.content.templates) {
        const std::string text = t.name.in(ctx.lang) + "  ·  " + trn("meeting.minutes", t.total_minutes());
        if (wrapped_selectable(("##tpl_" + t.id).c_str(), text.c_str(), form_.template_id == t.id, width))
            form_.template_id = t.id;
        probe("meeting.template." + t.id);
    }
    if (const MeetingTemplate* t = ctx.content.meeting_template(form_.template_id)) {
        std::string steps;
        for (const auto& s : t->steps) {
            if (!steps.empty()) steps += "  →  ";
            steps += s.title.in(ctx.lang);
        }
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(ImGui::GetContentRegionAvail().x, em(36)));
        muted(t->description.in(ctx.lang).c_str());
        muted(steps.c_str());
        ImGui::PopTextWrapPos();
    }

    ImGui::Dummy(em(0, 0.3f));
    field_label(tr("meeting.date"));
    // Enter in the date starts the meeting: the keyboard alone gets the room going.
    date_field("##meeting_date", form_.held_on, width, "meeting.date");
    const bool enter = left_with_enter();

    field_label(tr("meeting.facilitator"));
    const Member* fac = ctx.model.member(form_.facilitator_id);
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo("##facilitator", fac ? fac->name.c_str() : tr("meeting.nobody"))) {
        if (ImGui::Selectable(tr("meeting.nobody"), form_.facilitator_id.empty())) form_.facilitator_id.clear();
        for (const Member& m : ctx.model.members()) {
            if (!m.active) continue;
            if (ImGui::Selectable(m.name.c_str(), m.id == form_.facilitator_id)) form_.facilitator_id = m.id;
            probe("meeting.facilitator." + m.name);
        }
        ImGui::EndCombo();
    }
    probe("meeting.facilitator");

    ImGui::Dummy(em(0, 0.5f));
    if (!form_.error.empty()) field_error(form_.error);
    if (primary_button(tr("meeting.start")) || enter) start(ctx);
    probe("meeting.start");

    // Planned meetings (the next date agreed at a close), soonest first: opening one starts it.
    // Then the meetings held, newest first, the latest dozen: each opens to look back and to make
    // its minutes.
    std::vector<const Meeting*> planned, held;
    for (const Meeting& m : meetings) {
        if (m.state == MeetingState::planned) planned.push_back(&m);
        if (m.state == MeetingState::closed) held.push_back(&m);
    }
    std::reverse(planned.begin(), planned.end());
    constexpr std::size_t kHeldShown = 12;
    for (int part = 0; part < 2; ++part) {
        const auto& list = part == 0 ? planned : held;
        if (list.empty()) continue;
        ImGui::Dummy(em(0, 0.8f));
        subheading(ctx.fonts, tr(part == 0 ? "meeting.planned_list" : "meeting.held"));
        for (std::size_t k = 0; k < list.size() && (part == 0 || k < kHeldShown); ++k) {
            const Meeting& m = *list[k];
            const MeetingTemplate* tpl = ctx.content.meeting_template(m.template_id);
            const Date d = parse_date(m.held_on).value_or(Date{});
            const std::string text = day_text(d) + "  ·  " + (tpl ? tpl->name.in(ctx.lang) : m.template_id);
            ImGui::PushID(m.id.c_str());
            const bool clicked = ImGui::Selectable(text.c_str(), false, 0, ImVec2(std::min(ImGui::GetContentRegionAvail().x, em(40)), 0));
            probe("meeting.open." + m.id);
            ImGui::PopID();
            if (clicked) {
                open(ctx.content, Meeting(m));
                return;
            }
        }
        if (part == 1 && list.size() > kHeldShown)
            muted(trn("meeting.held_more", static_cast<long long>(list.size() - kHeldShown)).c_str());
    }
}

void MeetingScreen::start(Ctx& ctx) {
    const MeetingTemplate* tpl = ctx.content.meeting_template(form_.template_id);
    const auto held = parse_date(form_.held_on);
    if (!tpl) {
        form_.error = tr("meeting.choose_template");
        return;
    }
    if (!held) {
        form_.error = tr("form.date_unknown");
        return;
    }
    std::optional<std::string> fac;
    if (!form_.facilitator_id.empty()) fac = form_.facilitator_id;
    const std::string stamp = now_utc();
    Meeting m = model::MeetingSession::start(*tpl, form_.team_id, format_date(*held), fac, new_uuid(), stamp);
    if (const auto problems = validate_meeting(m, ctx.content, now_unix()); !problems.empty()) {
        form_.error = tr(problems.front().message_key.c_str());
        return;
    }
    form_.error.clear();
    ctx.post(request::Write{[m, who = ctx.shell.who_or_unknown()](Store& store) { store.save_meeting(m, who); },
                            [this, m, &content = ctx.content](const StoreError* refused, Requests&) {
                                if (refused) {
                                    form_.error = refused->what();
                                    return;
                                }
                                open(content, m);
                            }});
}

// --- the presenter view --------------------------------------------------------------------

void MeetingScreen::draw_presenter(Ctx& ctx) {
    session_->tick(now_ms_);
    ImGui::PushFont(ctx.fonts.present);
    draw_progress(ctx);
    draw_header(ctx);

    const std::size_t i = session_->step();
    const TemplateStep fallback{session_->meeting().steps[i].kind, 0, {}, {}};
    const TemplateStep& tpl = i < session_->template_().steps.size() ? session_->step_template(i) : fallback;
    StepCtx step{*session_, tpl, i, session_->privacy(), 0, now_ms_, shown_step_ != i, &masked_};
    shown_step_ = i;

    const float footer = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
    ImGui::BeginChild("##step_body", ImVec2(0, -footer), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    step.width = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ScrollbarSize;
    ImGui::PushTextWrapPos(0);
    view(session_->meeting().steps[i].kind).draw(ctx, step);
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    draw_footer(ctx);
    ImGui::PopFont();

    save_if_due(ctx);
    if (!session_->paused()) {
        // The countdown moves once a second: the next frame when the shown second changes.
        ctx.redraw_within(1.0 - std::fmod(ImGui::GetTime(), 1.0));
    }
}

// The steps across the top: done, current, to come; a click jumps. Titles are shortened to fit;
// where even that leaves too little (many steps, a large zoom), the steps to either side show
// their number and the current one its title.
void MeetingScreen::draw_progress(Ctx& ctx) {
    const Palette& p = palette();
    const std::size_t n = session_->steps();
    const std::size_t current = session_->step();
    const float avail = ImGui::GetContentRegionAvail().x;
    const float gap = em(0.3f), inner = em(0.8f);
    const float h = ImGui::GetTextLineHeight() + em(0.6f);
    std::vector<std::string> labels(n);
    float widest = 0;  // the widest whole label
    for (std::size_t k = 0; k < n; ++k) {
        const TemplateStep* ts = k < session_->template_().steps.size() ? &session_->step_template(k) : nullptr;
        labels[k] = (k < current ? "✓ " : "") + std::to_string(k + 1) + "  " + step_title(ts, session_->meeting().steps[k].kind, ctx.lang);
        widest = std::max(widest, ImGui::CalcTextSize(labels[k].c_str()).x + inner);
    }
    const float even = (avail - gap * static_cast<float>(n - 1)) / static_cast<float>(n);
    std::vector<float> widths(n, even);
    if (widest > even && even < em(8)) {
        // Numbers only beside the current step, which gets the rest.
        float numbers = 0;
        for (std::size_t k = 0; k < n; ++k) {
            if (k == current) continue;
            labels[k] = (k < current ? "✓ " : "") + std::to_string(k + 1);
            widths[k] = ImGui::CalcTextSize(labels[k].c_str()).x + inner + em(0.6f);
            numbers += widths[k];
        }
        widths[current] = std::max(em(3), avail - numbers - gap * static_cast<float>(n - 1));
    }
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float x = origin.x;
    for (std::size_t k = 0; k < n; ++k) {
        const ImVec2 a(x, origin.y), b(x + widths[k], origin.y + h);
        x += widths[k] + gap;
        ImGui::SetCursorScreenPos(a);
        ImGui::PushID(static_cast<int>(k));
        if (ImGui::InvisibleButton("##progress", ImVec2(widths[k], h))) ctx.post(request::Meeting{request::MeetingOp::jump, k});
        probe("meeting.progress." + std::to_string(k + 1));
        ImGui::PopID();
        const bool done = k < current, now = k == current;
        const ImVec4 fill = now ? p.accent : done ? mix(p.accent, p.content_bg, 0.7f) : p.content_bg;
        const ImVec4 text = now ? p.accent_text : done ? p.text : p.muted;
        const float r = em(0.3f);
        dl->AddRectFilled(a, b, u32(fill), r);
        if (!now) dl->AddRect(a, b, u32(done ? mix(p.accent, p.content_bg, 0.4f) : p.muted), r, 0, std::max(1.0f, em(0.06f)));
        ImGui::PushStyleColor(ImGuiCol_Text, text);
        ImGui::SetCursorScreenPos(ImVec2(a.x + inner / 2, a.y + em(0.3f)));
        ImGui::PushClipRect(a, b, true);
        if (now) ImGui::PushFont(ctx.fonts.present_bold);
        text_ellipsis(labels[k], widths[k] - inner);
        if (now) ImGui::PopFont();
        ImGui::PopClipRect();
        ImGui::PopStyleColor();
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + h));
    ImGui::Dummy(ImVec2(0, em(0.3f)));
}

// One row under the progress: the step's title on the left; on the right the privacy indicator,
// the timer's state in words when it is not simply running, and the timer in the display font.
void MeetingScreen::draw_header(Ctx& ctx) {
    const Palette& p = palette();
    const std::size_t i = session_->step();
    const Meeting& m = session_->meeting();
    const TemplateStep* ts = i < session_->template_().steps.size() ? &session_->step_template(i) : nullptr;
    const std::string title = step_title(ts, m.steps[i].kind, ctx.lang);

    const model::TimerState state = session_->timer_state(now_ms_);
    const bool closed = session_->closed();
    // A closed meeting shows the time the step took.
    const std::string clock = closed ? clock_text(m.steps[i].seconds_used) : clock_text(session_->seconds_left(now_ms_));
    const char* state_key = closed                                    ? "meeting.timer_closed"
                            : state == model::TimerState::paused      ? "meeting.timer_paused"
                            : state == model::TimerState::over        ? "meeting.timer_over"
                            : state == model::TimerState::last_minute ? "meeting.timer_last_minute"
                                                                      : nullptr;
    ImVec4 colour = p.text;
    if (state == model::TimerState::last_minute) colour = p.warn;
    if (state == model::TimerState::over) colour = p.bad;
    if (state == model::TimerState::paused) colour = p.muted;

    ImGui::PushFont(ctx.fonts.display);
    const float clock_w = ImGui::CalcTextSize(clock.c_str()).x;
    const float row_h = ImGui::GetTextLineHeight();
    ImGui::PopFont();
    const std::string privacy = tr(session_->privacy() ? "meeting.privacy_on" : "meeting.privacy_off");
    const float pad = em(0.6f);
    const float privacy_w = ImGui::CalcTextSize(privacy.c_str()).x + 2 * pad;
    const float state_w = state_key ? ImGui::CalcTextSize(tr(state_key)).x + em(0.6f) : 0.0f;
    const float gap = em(1.0f);
    const float right_w = privacy_w + gap + state_w + clock_w;

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float avail = ImGui::GetContentRegionAvail().x;
    ImDrawList* dl = ImGui::GetWindowDrawList();

    // The title, in what the right side leaves: in the heading font, else smaller, else not at
    // all (a large zoom): the progress above shows the current step's title whole then.
    const float title_room = avail - right_w - gap;
    ImFont* title_font = nullptr;
    for (ImFont* f : {ctx.fonts.heading, ctx.fonts.present_bold}) {
        ImGui::PushFont(f);
        const bool fits = ImGui::CalcTextSize(title.c_str()).x <= title_room;
        ImGui::PopFont();
        if (fits) {
            title_font = f;
            break;
        }
    }
    float left_bottom = origin.y;
    if (title_font) {
        ImGui::PushFont(title_font);
        ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + std::max(0.0f, (row_h - ImGui::GetTextLineHeight()) / 2)));
        say(title);
        ImGui::PopFont();
        left_bottom = ImGui::GetCursorScreenPos().y;
    }

    float x = origin.x + avail - right_w;
    // The privacy indicator: always there while privacy is on (P turns it off and on).
    {
        const float h = ImGui::GetTextLineHeight() + em(0.5f);
        const float y = origin.y + (row_h - h) / 2;
        dl->AddRectFilled(ImVec2(x, y), ImVec2(x + privacy_w, y + h), u32(session_->privacy() ? p.ok : p.warn), em(0.4f));
        dl->AddText(ImVec2(x + pad, y + em(0.25f)), u32(ImVec4(1, 1, 1, 1)), privacy.c_str());
        probe_text(privacy);
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        ImGui::Dummy(ImVec2(privacy_w, h));
        probe("meeting.privacy");
        x += privacy_w + gap;
    }
    if (state_key) {
        const float y = origin.y + (row_h - ImGui::GetTextLineHeight()) / 2;
        dl->AddText(ImVec2(x, y), u32(colour), tr(state_key));
        probe_text(tr(state_key));
        x += state_w;
    }
    ImGui::SetCursorScreenPos(ImVec2(x, origin.y));
    ImGui::PushFont(ctx.fonts.display);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    say(clock);
    probe("meeting.timer");
    ImGui::PopStyleColor();
    ImGui::PopFont();

    ImGui::SetCursorScreenPos(ImVec2(origin.x, std::max(origin.y + row_h, left_bottom)));
    ImGui::Dummy(ImVec2(0, em(0.2f)));
    if (!save_error_.empty()) notice(Tone::bad, trf("meeting.save_failed", {save_error_}).c_str());
    ImGui::Separator();
}

void MeetingScreen::draw_footer(Ctx& ctx) {
    (void)ctx;
    const std::size_t i = session_->step();
    if (ImGui::Button(tr("meeting.back")) && i > 0) ctx.post(request::Meeting{request::MeetingOp::back, 0});
    probe("meeting.back");
    ImGui::SameLine();
    if (i + 1 < session_->steps()) {
        if (primary_button(tr("meeting.next"))) ctx.post(request::Meeting{request::MeetingOp::next, 0});
        probe("meeting.next");
        ImGui::SameLine();
    }
    if (ImGui::Button(tr("meeting.leave"))) ctx.post(request::Meeting{request::MeetingOp::leave, 0});
    probe("meeting.leave");
    // The keys, where they fit whole (a large zoom leaves them out: the buttons say enough).
    const char* keys = tr("meeting.keys");
    const float room = ImGui::GetWindowContentRegionMax().x + ImGui::GetWindowPos().x - ImGui::GetItemRectMax().x - em(1.5f);
    if (ImGui::CalcTextSize(keys).x <= room) {
        ImGui::SameLine(0, em(1.5f));
        ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
        ImGui::AlignTextToFramePadding();
        say(keys);
        ImGui::PopStyleColor();
    }
}

}  // namespace ts::ui
