// What the incidents and measures steps share: the days the meeting looks back on
// (model::meeting_period) and the indicator engine's facts for them, read from the store once
// and again only when the meeting's day or the records counted change. Also the few ways these
// steps write a figure.
#pragma once

#include "core/indicators.hpp"
#include "store/store.hpp"
#include "ui/ctx.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace ts::ui {

class PeriodFacts {
public:
    // Brings the facts up to date for the meeting of `m` (its team, its period).
    void update(Ctx& ctx, const Meeting& m);
    void reset() { *this = PeriodFacts{}; }
    // Increases each time the facts are read again: what a step works out from them is kept
    // against it, not worked out every frame.
    std::uint64_t generation() const { return generation_; }

    const ind::Facts& facts() const { return facts_; }
    const ind::Period& period() const { return period_; }
    ind::Period previous() const { return ind::previous_period(period_); }
    const ind::Clock& clock() const { return clock_; }
    bool ready() const { return ready_; }
    // The local day of a moment lies in the period.
    bool in_period(std::int64_t unix_seconds) const;

private:
    std::string meeting_id_, held_on_;
    Revisions seen_;
    ind::Period period_;
    ind::Facts facts_;
    ind::Clock clock_;
    std::int64_t read_at_ = 0;
    std::uint64_t generation_ = 0;
    bool ready_ = false;
};

// "1 feb 2026 – 15 mrt 2026": the days of a period, the last day included.
std::string period_text(const ind::Period& p);
// "+12 %", "−8 %", "0 %"; "—" for no data.
std::string change_text(const ind::Figure& pct);
// One decimal, with the language's decimal sign; "—" for no data.
std::string decimal_text(const ind::Figure& value, Lang lang);
// Text drawn as it is (no wrapping), recorded for tests (probe_text).
void plain_text(const std::string& text);
// The step's key figure in the display font ("14 incidenten"), probed as `probe_name`, and beside
// it (below it in a narrow window) its change against the period before, muted.
void key_figure(const Ctx& ctx, const std::string& figure, const char* probe_name, const ind::Figure& change);

}  // namespace ts::ui
