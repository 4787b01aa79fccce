#include "report/report_document.hpp"

#include "model/chart_scale.hpp"
#include "report/exchange.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace ts::report {
namespace {

// The words of the exports: "export.*" in data/i18n/, the key itself when missing.
class Words {
public:
    Words(const Content& content, Lang lang) : map_(content.translations.in(lang)) {}
    std::string operator()(std::string_view key) const {
        const auto it = map_.find(key);
        return it == map_.end() ? std::string(key) : it->second;
    }
    bool has(std::string_view key) const { return map_.find(key) != map_.end(); }
    // The n-th (from 1) of the space-separated words of a translation ("date.months").
    std::string nth(std::string_view key, int n) const {
        const std::string all = (*this)(key);
        std::size_t start = 0;
        for (int k = 1; k < n && start != std::string::npos; ++k) {
            start = all.find(' ', start);
            if (start != std::string::npos) ++start;
        }
        if (start == std::string::npos) return {};
        return all.substr(start, all.find(' ', start) - start);
    }

private:
    const Translations::Map& map_;
};

std::string replace(std::string text, std::string_view name, std::string_view value) {
    const std::string mark = "{" + std::string(name) + "}";
    for (std::size_t at = text.find(mark); at != std::string::npos; at = text.find(mark, at + value.size()))
        text.replace(at, mark.size(), value);
    return text;
}

Date last_day(const Date& to) { return civil_from_days(days_from_civil(to) - 1); }

std::string day_text(const Words& w, const Date& d) {
    return std::to_string(d.day) + " " + w.nth("date.months", d.month) + " " + std::to_string(d.year);
}

std::string period_text(const Words& w, const ind::Period& p) {
    return day_text(w, p.from) + " – " + day_text(w, last_day(p.to));
}

// The label of a row's period: "mrt 2025", "K1 2025" / "Q1 2025", "2025", else its days.
std::string slot_label(const Words& w, ind::Split by, const ind::Period& p) {
    switch (by) {
    case ind::Split::month: return w.nth("date.months", p.from.month) + " " + std::to_string(p.from.year);
    case ind::Split::quarter:
        return replace(replace(w("export.quarter"), "n", std::to_string((p.from.month - 1) / 3 + 1)), "year", std::to_string(p.from.year));
    case ind::Split::year: return std::to_string(p.from.year);
    case ind::Split::none: break;
    }
    return period_text(w, p);
}

std::optional<std::size_t> column(const FiguresTable& t, std::string_view name) {
    for (std::size_t c = 0; c < t.columns.size(); ++c)
        if (t.columns[c].name() == name) return c;
    return std::nullopt;
}

double number(const Value& v) {
    if (const auto* n = std::get_if<std::int64_t>(&v)) return static_cast<double>(*n);
    if (const auto* d = std::get_if<double>(&v)) return *d;
    return std::nan("");
}

std::string text_of(const Value& v) {
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    return {};
}

// A series of the rows [first, last) from one column (NaN where it has no number).
charts::Series series(const FiguresTable& t, std::size_t first, std::size_t last, std::optional<std::size_t> col, std::string label) {
    charts::Series s{std::move(label), {}};
    for (std::size_t r = first; r < last; ++r) s.values.push_back(col ? number(t.rows[r][*col]) : std::nan(""));
    return s;
}

std::vector<TitledChart> charts_of(const FiguresTable& t, const Content& content, const Words& w, Lang lang, std::size_t first,
                                   std::size_t last, const std::vector<std::string>& slots) {
    std::vector<TitledChart> out;
    charts::Chart base;
    base.slots = slots;
    base.lang = lang;
    if (t.by == ind::Split::month) {
        if (const auto from = column(t, "from"))
            base.first_month = parse_date(text_of(t.rows[first][*from]));
    }
    switch (t.kind) {
    case ReportKind::measures: {
        charts::Chart count = base;
        // The types that occur; with more than the palette's colours, the least used together
        // (as the overview screen does), so that no two series share a colour.
        std::vector<charts::Series> types;
        std::vector<double> totals;
        for (const MeasureType& type : content.measure_types)
            if (const auto c = column(t, "by_type." + type.code + ".count")) {
                charts::Series s = series(t, first, last, c, type.name.in(lang));
                double total = 0;
                for (double v : s.values) total += std::isfinite(v) ? v : 0.0;
                if (total <= 0) continue;
                types.push_back(std::move(s));
                totals.push_back(total);
            }
        constexpr std::size_t kColours = charts::kOkabeIto.size();
        if (types.size() > kColours) {
            std::vector<std::size_t> order(types.size());
            for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
            std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return totals[a] > totals[b]; });
            std::vector<bool> kept(types.size(), false);
            for (std::size_t k = 0; k + 1 < kColours; ++k) kept[order[k]] = true;
            charts::Series other{w("export.chart.other_types"), std::vector<double>(last - first, 0.0)};
            for (std::size_t i = 0; i < types.size(); ++i) {
                if (kept[i]) {
                    count.bars.push_back(std::move(types[i]));
                    continue;
                }
                for (std::size_t x = 0; x < other.values.size(); ++x)
                    if (std::isfinite(types[i].values[x])) other.values[x] += types[i].values[x];
            }
            count.bars.push_back(std::move(other));
        } else {
            count.bars = std::move(types);
        }
        out.push_back({w("export.chart.measures_by_type"), std::move(count)});
        charts::Chart rate = base;
        rate.decimals = 1;
        rate.lines.push_back(series(t, first, last, column(t, "per_1000_care_days"), w("export.chart.per_1000")));
        rate.target_values = series(t, first, last, column(t, "goal.target_per_1000_care_days"), "").values;
        rate.target_label = w("export.chart.target");
        out.push_back({w("export.chart.measures_rate"), std::move(rate)});
        break;
    }
    case ReportKind::incidents: {
        charts::Chart count = base;
        for (std::size_t s = 0; s < 4; ++s) {
            const std::string label = s < content.severities.size() ? std::to_string(s + 1) + " " + content.severities[s].in(lang)
                                                                    : std::to_string(s + 1);
            count.bars.push_back(series(t, first, last, column(t, "by_severity." + std::to_string(s + 1)), label));
        }
        out.push_back({w("export.chart.incidents_by_severity"), std::move(count)});
        break;
    }
    case ReportKind::actions: {
        charts::Chart a = base;
        a.lines.push_back(series(t, first, last, column(t, "open"), w("export.chart.open")));
        a.lines.push_back(series(t, first, last, column(t, "overdue"), w("export.chart.overdue")));
        a.lines.push_back(series(t, first, last, column(t, "done"), w("export.chart.done")));
        out.push_back({w("export.chart.actions"), std::move(a)});
        break;
    }
    default: break;  // the guideline and kinds added later: no chart here
    }
    return out;
}

}  // namespace

std::string guideline_source(const Content& content, Lang lang) {
    const Guideline& g = content.guideline;
    std::string s = g.source_title.in(lang);
    if (!g.source_makers.in(lang).empty()) s += ". " + g.source_makers.in(lang);
    if (!g.source_url.empty()) s += ". " + g.source_url;
    return s;
}

namespace {

// A column in words for the HTML, from its key path: "by_type.physical_hold.count" is "Fysiek
// vasthouden: aantal", "previous.measures" "Vorige periode: maatregelen"; a part without a word
// in data/i18n ("export.col.<part>") stays as it is.
std::string column_label(const Words& w, const Content& c, Lang lang, const std::vector<std::string>& path) {
    if (path.empty()) return {};
    const auto leaf = [&](const std::string& part) {
        const std::string key = "export.col." + part;
        return w.has(key) ? w(key) : part;
    };
    const std::string& head = path.front();
    const std::vector<std::string> rest(path.begin() + 1, path.end());
    if (head == "previous" && !rest.empty()) return w("export.col.previous") + ": " + column_label(w, c, lang, rest);
    if (head == "by_type" && path.size() == 3) {
        const MeasureType* t = c.measure_type(path[1]);
        return (t ? t->name.in(lang) : path[1]) + ": " + leaf(path[2]);
    }
    if (head == "by_category" && path.size() == 2) {
        const IncidentCategory* k = c.incident_category(path[1]);
        return k ? k->name.in(lang) : path[1];
    }
    if (head == "by_severity" && path.size() == 2) return w("export.col.severity") + " " + path[1];
    if (head == "warnings" && path.size() == 2) {
        const std::string key = "warning.measure." + path[1] + ".short";
        return w("export.col.warnings") + ": " + (w.has(key) ? w(key) : path[1]);
    }
    if (head == "recommendations" && path.size() == 3) return path[1] + ": " + leaf(path[2]);
    std::string out;
    for (const std::string& part : path) out += (out.empty() ? "" : ": ") + leaf(part);
    return out;
}

}  // namespace

Document report_document(const FiguresTable& t, const Content& content, const ReportDocumentOptions& o) {
    const Words w(content, o.lang);
    Document doc;
    doc.lang = o.lang;
    const std::string kind(to_string(t.kind));
    const std::string title_key = "export.title." + kind;
    doc.title = w.has(title_key) ? w(title_key) : "Teamspiegel: " + kind;
    doc.about_title = w("export.about");
    doc.about.push_back({w("export.report"), doc.title});
    doc.about.push_back({w("export.period"), period_text(w, t.period)});
    doc.about.push_back({w("export.from"), t.period.from});
    doc.about.push_back({w("export.to"), last_day(t.period.to)});
    doc.about.push_back({w("export.team"), o.team ? *o.team : w("export.every_team")});
    doc.about.push_back({w("export.split"), w("export.split." + std::string(ind::to_string(t.by)))});
    doc.about.push_back({w("export.generated"), Moment{t.generated_at}});
    doc.about.push_back({w("export.source"), o.source.empty() ? w("export.source_figures") : replace(w("export.source_database"), "file", o.source)});
    if (t.kind == ReportKind::guideline) doc.about.push_back({w("export.guideline_source"), guideline_source(content, o.lang)});
    doc.about.push_back({w("export.privacy"), w("export.privacy.no_details")});

    const auto team_id = column(t, "team_id"), team = column(t, "team");
    const auto from = column(t, "from"), to = column(t, "to");
    // The teams report (the manager overview) is one table with a row per team, worst first.
    const bool per_team_rows = t.kind == ReportKind::teams;
    for (std::size_t first = 0; first < t.rows.size();) {
        std::size_t last = first + 1;
        if (team_id && !per_team_rows)
            while (last < t.rows.size() && t.rows[last][*team_id] == t.rows[first][*team_id]) ++last;
        else
            last = t.rows.size();
        Section s;
        if (per_team_rows) {
            s.heading = doc.title;
        } else if (team) {
            const std::string name = text_of(t.rows[first][*team]);
            s.heading = name.empty() ? w("export.all_teams") : name;
        } else {
            s.heading = doc.title;
        }
        std::vector<std::string> slots;
        for (std::size_t r = first; r < last; ++r) {
            const auto f = from ? parse_date(text_of(t.rows[r][*from])) : std::nullopt;
            const auto e = to ? parse_date(text_of(t.rows[r][*to])) : std::nullopt;
            slots.push_back(f && e ? slot_label(w, t.by, ind::Period{*f, *e}) : std::to_string(r - first + 1));
        }
        if (t.by != ind::Split::none) s.charts = charts_of(t, content, w, o.lang, first, last, slots);
        Table table = table_from_figures(t, s.heading, first, last);
        if (per_team_rows) {
            // The columns of the screen, under its headings, in the HTML; every figure in the XLSX
            // (under its key, as the other reports).
            for (TableColumn& c : table.columns) {
                const std::string key = "export.teams." + c.key;
                c.in_html = w.has(key);
                if (w.has(key)) c.label = w(key);
                // As many decimals as the screen shows.
                if (c.key == "measures.per_1000_care_days") c.decimals = 1;
                else c.decimals = 0;
            }
            s.tables.push_back(std::move(table));
            doc.sections.push_back(std::move(s));
            break;
        }
        table.transposed = true;
        for (std::size_t k = 0; k < table.columns.size() && k < t.columns.size(); ++k)
            table.columns[k].label = column_label(w, content, o.lang, t.columns[k].path);
        // The HTML shows the team in the heading and the periods above the columns; the previous
        // period's figures stay in the XLSX (and the JSON), so that a team's pages stay few.
        for (TableColumn& c : table.columns)
            c.in_html = !(c.key == "team_id" || c.key == "team" || c.key == "from" || c.key == "to" || c.key.starts_with("previous."));
        table.row_labels = slots;
        s.tables.push_back(std::move(table));
        if (t.kind == ReportKind::guideline) s.notes.push_back(w("export.guideline_source") + ": " + guideline_source(content, o.lang));
        doc.sections.push_back(std::move(s));
        first = last;
    }
    return doc;
}

namespace {

std::optional<std::int64_t> stamp(const std::optional<std::string>& s) { return s ? parse_timestamp(*s) : std::nullopt; }

Cell moment(const std::string& s) {
    if (const auto at = parse_timestamp(s)) return Moment{*at};
    return s;
}

}  // namespace

void add_details(Document& doc, Store& store, const Content& content, const ReportRequest& request) {
    if (request.kind != ReportKind::measures && request.kind != ReportKind::incidents && request.kind != ReportKind::actions) return;
    const Words w(content, doc.lang);
    std::vector<Team> teams;
    if (request.team_name) {
        std::string id;
        try {
            id = team_id_by_name(store, *request.team_name);
        } catch (const ExchangeError& e) {
            throw ReportError(e.problem());
        }
        if (auto team = store.team(id)) teams.push_back(*team);
    } else {
        teams = store.teams();
        std::stable_sort(teams.begin(), teams.end(), [](const Team& a, const Team& b) { return a.name < b.name; });
    }
    const std::string from = format_date(request.period.from), to = format_date(request.period.to);
    const auto in = [&](const std::string& at) {
        const auto t = parse_timestamp(at);
        return t && in_period(*t, from, to);
    };
    const std::int64_t start = local_midnight(request.period.from), end = local_midnight(request.period.to);
    const auto col = [&](const char* key, int decimals = 0) { return TableColumn{key, w(std::string("export.col.") + key), decimals}; };

    Section s;
    s.heading = w("export.details");
    Table table;
    table.title = w("export.details." + std::string(to_string(request.kind)));
    const bool many = teams.size() > 1;
    if (many) table.columns.push_back(col("team"));
    switch (request.kind) {
    case ReportKind::measures:
        for (const char* k : {"start", "youth", "type", "minutes", "reason"}) table.columns.push_back(col(k));
        break;
    case ReportKind::incidents:
        for (const char* k : {"time", "youth", "category", "severity", "description"}) table.columns.push_back(col(k));
        break;
    default:
        for (const char* k : {"title", "owner", "status", "due"}) table.columns.push_back(col(k));
        break;
    }
    for (const Team& team : teams) {
        std::map<std::string, std::string> codes;
        for (const Youth& y : store.youths(team.id)) codes[y.id] = y.code;
        const auto code = [&](const std::string& id) {
            const auto it = codes.find(id);
            return it == codes.end() ? std::string() : it->second;
        };
        std::vector<std::vector<Cell>> rows;
        switch (request.kind) {
        case ReportKind::measures: {
            auto measures = store.measures(team.id);
            std::reverse(measures.begin(), measures.end());  // oldest first
            for (const Measure& m : measures) {
                if (!in(m.started_at)) continue;
                const MeasureType* type = content.measure_type(m.type);
                Cell minutes;
                const auto a = parse_timestamp(m.started_at), b = stamp(m.ended_at);
                if (a && b) minutes = static_cast<std::int64_t>((*b - *a) / 60);
                rows.push_back({moment(m.started_at), code(m.youth_id), type ? type->name.in(doc.lang) : m.type, minutes, m.reason});
            }
            break;
        }
        case ReportKind::incidents: {
            auto incidents = store.incidents(team.id);
            std::reverse(incidents.begin(), incidents.end());
            for (const Incident& i : incidents) {
                if (!in(i.occurred_at)) continue;
                std::string youths;
                for (const std::string& id : i.youth_ids) youths += (youths.empty() ? "" : ", ") + code(id);
                const IncidentCategory* cat = content.incident_category(i.category);
                rows.push_back({moment(i.occurred_at), youths, cat ? cat->name.in(doc.lang) : i.category, static_cast<std::int64_t>(i.severity),
                                i.description});
            }
            break;
        }
        case ReportKind::actions: {
            std::map<std::string, std::string> names;
            for (const Member& m : store.members(team.id)) names[m.id] = m.name;
            for (const Action& a : store.actions(team.id)) {
                const auto made = parse_timestamp(a.created_at);
                if (made && *made >= end) continue;
                const bool closed = a.status == ActionStatus::done || a.status == ActionStatus::dropped;
                if (closed) {
                    const auto done = stamp(a.completed_at);
                    if (done ? *done < start : (parse_timestamp(a.updated_at).value_or(end) < start)) continue;
                }
                Cell due;
                if (a.due_on)
                    if (const auto d = parse_date(*a.due_on)) due = *d;
                rows.push_back({a.title, a.owner_id ? names[*a.owner_id] : std::string(),
                                w("actions.status." + std::string(to_string(a.status))), due});
            }
            break;
        }
        default: break;
        }
        for (auto& r : rows) {
            if (many) r.insert(r.begin(), team.name);
            table.rows.push_back(std::move(r));
        }
    }
    s.tables.push_back(std::move(table));
    doc.sections.push_back(std::move(s));
    for (Fact& f : doc.about)
        if (f.label == w("export.privacy")) f.value = w("export.privacy.details");
}

}  // namespace ts::report
