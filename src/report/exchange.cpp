#include "report/exchange.hpp"

#include "core/validation.hpp"

#include "core/bundle.hpp"
#include "core/time.hpp"
#include "report/output_file.hpp"
#include "store/import.hpp"


#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
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

// Reads a bundle file whole, refusing one over kMaxBundleBytes before reading it (a regular
// file by its size; anything else, such as a pipe, once that much has been read).
std::string read_whole_file(const std::string& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) throw ExchangeError(path, "", "is a folder, not a bundle file");
    const auto too_large = [&](std::uintmax_t bytes) {
        return ExchangeError(path, "", "too large (" + std::to_string(bytes / (1024 * 1024)) + " MB; a bundle may hold at most " +
                                           std::to_string(kMaxBundleBytes / (1024 * 1024)) + " MB)");
    };
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ExchangeError(path, "", "cannot be read (missing or no permission)");
    std::string text;
    if (fs::is_regular_file(path, ec)) {
        const std::uintmax_t size = fs::file_size(path, ec);
        if (!ec && size > kMaxBundleBytes) throw too_large(size);
        if (!ec) text.reserve(static_cast<std::size_t>(size));
    }
    char chunk[1 << 16];
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
        text.append(chunk, static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMaxBundleBytes) throw too_large(text.size());
    }
    if (in.bad()) throw ExchangeError(path, "", "cannot be read (read error)");
    return text;
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

Dataset read_bundle_file(const Content& content, const std::string& path) {
    const std::string text = read_whole_file(path);
    try {
        return read_bundle(text, path, content);
    } catch (const JsonError& e) {
        throw ExchangeError(e.file(), e.path(), e.problem());
    }
}

ImportSummary import_bundle_file(Store& store, const Content& content, const std::string& path) {
    return import_bundle(store, read_bundle_file(content, path), path);
}

ImportSummary import_bundle(Store& store, const Dataset& data, const std::string& path) {
    try {
        // The rules that need a youth (in care on the measure's date) see the youths of the
        // bundle, else the stored ones: the same validate_* the forms call.
        std::unordered_map<std::string, Youth> stored;
        for (const Team& t : store.teams())
            for (Youth& y : store.youths(t.id)) stored.emplace(y.id, std::move(y));
        check_bundle_youths(data, [&](const std::string& id) -> const Youth* {
            auto it = stored.find(id);
            return it == stored.end() ? nullptr : &it->second;
        });
        return import_dataset(store, data);
    } catch (const JsonError& e) {
        throw ExchangeError(path, e.path(), e.problem());
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
    Dataset data;
    try {
        data = store.export_data(team_id);
    } catch (const StoreError& e) {
        throw ExchangeError(store.path(), "", e.what());
    }
    const std::string text = write_bundle(data, level, now_unix());
    const std::size_t records = data.teams.size() + data.members.size() + data.youths.size() + data.measures.size() +
                                data.incidents.size() + data.meetings.size() + data.actions.size() + data.action_updates.size();
    if (out_path.empty() || out_path == "-") {
        std::cout.write(text.data(), static_cast<std::streamsize>(text.size()));
        std::cout.flush();
        if (!std::cout) throw ExchangeError("standard output", "", "cannot be written");
    } else {
        try {
            write_output_file(out_path, text);
        } catch (const OutputError& e) {
            throw ExchangeError(e.path(), "", e.problem());
        }
    }
    return records;
}

}  // namespace ts
