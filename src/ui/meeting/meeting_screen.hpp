// The team meeting. Without a meeting open: the start page (a new meeting from a template, for
// a date, led by a facilitator; the running meetings to resume; the meetings held). With one
// open: the presenter view, full window without the rail — the steps as progress across the
// top, the current step large with its time box counting down, privacy mode on, and the keys a
// presentation clicker sends. Each kind of step draws itself (one file per kind in this folder).
//
// The running meeting lives here (model::MeetingSession) and is stored whenever it changed: an
// edit within a second, a step moved at once, the time used every 15 seconds; so a meeting left
// running (closed window, crash, power cut) reopens at its step with everything entered.
#pragma once

#include "model/meeting_session.hpp"
#include "ui/ctx.hpp"
#include "ui/keys.hpp"
#include "ui/meeting/step.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace ts::ui {

class MeetingScreen {
public:
    MeetingScreen();
    ~MeetingScreen();
    void add_keys(KeyMap& keys);
    void draw(Ctx& ctx);
    // A key of the presenter view (request::Meeting), after the frame.
    void apply(Ctx& ctx, const request::Meeting& r);

    bool presenting() const { return session_ != nullptr; }
    const model::MeetingSession* session() const { return session_.get(); }
    // Opens `m` in the presenter view, at `step` (0-based) or where it was left. False when its
    // template is unknown.
    bool open(const Content& content, const Meeting& m, std::optional<std::size_t> step = std::nullopt);
    // The newest running meeting of the current team, opened where it was left (at start).
    bool resume_running(Ctx& ctx);
    // Stores the open meeting now if anything in it changed (when the program ends).
    void flush(Store& store, const std::string& who);
    // Off: nothing of the meeting shown is stored (the screenshot command).
    void set_saving(bool on) { saving_ = on; }
    // Back to the start page; the meeting stays as stored.
    void leave() { session_.reset(); }

private:
    struct StartForm {
        std::string team_id;  // the team the form was filled for
        std::string template_id, held_on, facilitator_id;
        std::string error;
    };

    void draw_start(Ctx& ctx);
    void draw_presenter(Ctx& ctx);
    void draw_progress(Ctx& ctx);
    void draw_header(Ctx& ctx);
    void draw_footer(Ctx& ctx);
    void start(Ctx& ctx);
    void save(Ctx& ctx);
    void save_if_due(Ctx& ctx);
    void close_session(Ctx& ctx);
    MeetingStepView& view(StepKind kind);
    StepKind current_kind() const { return session_->meeting().steps[session_->step()].kind; }

    std::unique_ptr<model::MeetingSession> session_;
    std::array<std::unique_ptr<MeetingStepView>, 8> views_;  // by StepKind
    MaskedCodes masked_;
    std::int64_t now_ms_ = 0;          // this frame's time (ImGui's clock)
    std::int64_t last_save_ms_ = 0;
    std::size_t shown_step_ = static_cast<std::size_t>(-1);
    StartForm form_;
    std::string save_error_;
    bool saving_ = true;
};

}  // namespace ts::ui
