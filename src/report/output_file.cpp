#include "report/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace fs = std::filesystem;

namespace ts {
namespace {

// strerror's words in the lower case of the rest of a message: "no space left on device".
std::string reason(int err) {
    std::string r = std::strerror(err);
    if (!r.empty() && r[0] >= 'A' && r[0] <= 'Z') r[0] = static_cast<char>(r[0] - 'A' + 'a');
    return r;
}

[[noreturn]] void fail(const std::string& path, const std::string& what, int err) {
    throw OutputError(path, what + " (" + reason(err) + ")");
}

// Writes all of `bytes` to `fd`; false with errno set on failure.
bool write_all(int fd, std::string_view bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

// The file a path names after following symbolic links, also when the last link dangles:
// "out.json" -> "../exports/2026.json" gives ".../exports/2026.json".
fs::path final_target(const fs::path& path) {
    fs::path p = path;
    for (int hops = 0; hops < 40; ++hops) {
        std::error_code ec;
        if (!fs::is_symlink(fs::symlink_status(p, ec))) return p;
        const fs::path next = fs::read_symlink(p, ec);
        if (ec) return p;
        p = next.is_absolute() ? next : p.parent_path() / next;
    }
    throw OutputError(path.string(), "cannot be written (too many levels of symbolic links)");
}

// Through to a device or FIFO that exists: no creating, no replacing.
void write_through(const std::string& path, std::string_view bytes) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) fail(path, "cannot be opened for writing", errno);
    if (!write_all(fd, bytes)) {
        const int err = errno;
        ::close(fd);
        fail(path, "cannot be written", err);
    }
    if (::close(fd) != 0) fail(path, "cannot be written", errno);
}

// In place, for a file with several hard links: they stay one file.
void write_in_place(const std::string& path, std::string_view bytes) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) fail(path, "cannot be opened for writing", errno);
    if (!write_all(fd, bytes) || ::fsync(fd) != 0) {
        const int err = errno;
        ::close(fd);
        fail(path, "cannot be written", err);
    }
    if (::close(fd) != 0) fail(path, "cannot be written", errno);
}

// A temporary file in the target's folder, renamed over it. `existing` is the target's stat
// when it exists: its mode (and owner) carry over.
void write_atomically(const std::string& shown, const fs::path& target, std::string_view bytes, const struct stat* existing) {
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw OutputError(shown, "cannot be written: the folder " + dir.string() + " does not exist");
    std::string tmp = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = ::mkstemp(tmp.data());  // 0600, whatever the umask
    if (fd < 0) fail(shown, "cannot be written", errno);
    const auto give_up = [&](int err) {
        ::close(fd);
        ::unlink(tmp.c_str());
        fail(shown, "cannot be written", err);
    };
    if (existing) {
        if (::fchmod(fd, existing->st_mode & 07777) != 0) give_up(errno);
        // Keep the owner where we may (root writing a user's file); otherwise the file becomes ours.
        if (::fchown(fd, existing->st_uid, existing->st_gid) != 0) errno = 0;
    }
    if (!write_all(fd, bytes) || ::fsync(fd) != 0) give_up(errno);
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        fail(shown, "cannot be written", err);
    }
    if (::rename(tmp.c_str(), target.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        fail(shown, "cannot be written", err);
    }
    // The rename itself is on disk once the folder is flushed.
    if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

}  // namespace

OutputError::OutputError(std::string path, std::string problem)
    : std::runtime_error(path + ": " + problem), path_(std::move(path)), problem_(std::move(problem)) {}

void write_output_file(const std::string& path, std::string_view bytes) {
    if (path.empty()) throw OutputError(path, "no file name given");
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {  // follows symbolic links
        if (S_ISDIR(st.st_mode)) throw OutputError(path, "is a folder, not a file");
        if (S_ISSOCK(st.st_mode)) throw OutputError(path, "is a socket, not a file");
        if (!S_ISREG(st.st_mode)) return write_through(path, bytes);  // a device or a FIFO
        if (st.st_nlink > 1) return write_in_place(path, bytes);
        return write_atomically(path, final_target(path), bytes, &st);
    }
    if (errno != ENOENT) fail(path, "cannot be written", errno);  // e.g. no permission on a folder
    return write_atomically(path, final_target(path), bytes, nullptr);
}

}  // namespace ts
