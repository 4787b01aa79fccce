#include "report/exchange.hpp"

#include "core/validation.hpp"

#include "core/bundle.hpp"
#include "core/record_pipe.hpp"
#include "core/time.hpp"
#include "report/output_file.hpp"
#include "store/import.hpp"


#include <cctype>
#include <pwd.h>
#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <unordered_map>

namespace fs = std::filesystem;

namespace ts {
namespace {

std::string join_message(const std::string& file, const std::string& path, const std::string& problem) {
    std::string out;
    for (const std::string* part : {&file, &path}) {
        if (!part->empty()) out += *part + ": ";
    }
    return out + problem;
}

}  // namespace

ExchangeError::ExchangeError(std::string file, std::string path, std::string problem)
    : std::runtime_error(join_message(file, path, problem)),
      file_(std::move(file)),
      path_(std::move(path)),
      problem_(std::move(problem)) {}

std::string team_id_by_name(Store& store, const std::string& name) {
    const std::vector<Team> teams = store.teams();
    for (const Team& t : teams)
        if (t.name == name) return t.id;
    for (const Team& t : teams)
        if (team_name_key(t.name) == team_name_key(name)) return t.id;
    std::string names;
    for (const Team& t : teams) names += (names.empty() ? "" : ", ") + t.name;
    throw ExchangeError("", "--team", "no team named \"" + name + "\" (" +
                                          (teams.empty() ? std::string("the database has no teams") : "teams: " + names) + ")");
}

namespace {

// Who imported, for the change history: the user logged in to this computer.
std::string login_name() {
    if (const passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_name && *pw->pw_name) return pw->pw_name;
    if (const char* user = std::getenv("USER"); user && *user) return user;
    return kUnknownWho;
}

}  // namespace

ImportSummary import_bundle_file(Store& store, const Content& content, const std::string& path, const std::string& who) {
    try {
        ImportSummary sum;
        store.transaction([&] {
            // About 700 bytes a record, as this program writes them: a guess of the bundle's size.
            std::error_code ec;
            const auto bytes = std::filesystem::file_size(path, ec);
            BundleImport import(store, path, who.empty() ? login_name() : who, ec ? 0 : static_cast<std::int64_t>(bytes / 700));
            stream_bundle_file_read_ahead(path, path, content, now_unix(), import);
            sum = import.finish();
        });
        return sum;
    } catch (const JsonError& e) {
        throw ExchangeError(e.file().empty() ? path : e.file(), e.path(), e.problem());
    } catch (const ImportError& e) {
        throw ExchangeError(path, e.path(), e.problem());
    } catch (const DatabaseError& e) {
        // The database failed, not the bundle: name the database ("damaged; run check", "in use").
        throw ExchangeError(store.path(), "", std::string(e.what()) + " (nothing was imported)");
    } catch (const StoreError& e) {
        throw ExchangeError(path, "", std::string(e.what()) + " (nothing was imported)");
    }
}

std::size_t export_bundle(Store& store, const std::optional<std::string>& team_name, Anonymize level,
                          const std::string& out_path) {
    std::optional<std::string> team_id;
    if (team_name) team_id = team_id_by_name(store, *team_name);
    const bool to_stdout = out_path.empty() || out_path == "-";
    try {
        std::optional<OutputFile> file;
        if (!to_stdout) file.emplace(out_path);
        const auto out = [&](std::string_view piece) {
            if (file) {
                file->write(piece);
                return;
            }
            std::cout.write(piece.data(), static_cast<std::streamsize>(piece.size()));
            if (!std::cout) throw ExchangeError("standard output", "", "cannot be written");
        };
        std::size_t records = 0;
        if (level == Anonymize::external) {
            // New ids for every record, their references following: the export is made whole
            // in memory first (docs/bundle-format.md).
            const Dataset data = store.export_data(team_id);
            out(write_bundle(data, level, now_unix()));
            records = data.teams.size() + data.members.size() + data.youths.size() + data.measures.size() + data.incidents.size() +
                      data.meetings.size() + data.actions.size() + data.action_updates.size();
        } else {
            // Record by record, from the database's cursors to the file.
            std::unordered_map<std::string, std::string> codes;
            if (level == Anonymize::pseudonyms) {
                std::vector<Youth> youths;
                if (team_id) youths = store.youths(*team_id);
                else
                    for (const Team& t : store.teams())
                        for (Youth& y : store.youths(t.id)) youths.push_back(std::move(y));
                codes = anonymous_code_map(youths);
            }
            BundleWriter writer(out, level, now_unix(), std::move(codes));
            {
                // The store reads on this thread while the text is written on another.
                RecordPipe pipe(writer);
                store.export_each(team_id, pipe);
                pipe.finish();
            }
            writer.finish();
            records = writer.records();
        }
        if (file) file->commit();
        else {
            std::cout.flush();
            if (!std::cout) throw ExchangeError("standard output", "", "cannot be written");
        }
        return records;
    } catch (const OutputError& e) {
        throw ExchangeError(e.path(), "", e.problem());
    } catch (const StoreError& e) {
        throw ExchangeError(store.path(), "", e.what());
    }
}

}  // namespace ts
