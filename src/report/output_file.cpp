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

}  // namespace

OutputError::OutputError(std::string path, std::string problem)
    : std::runtime_error(path + ": " + problem), path_(std::move(path)), problem_(std::move(problem)) {}

void write_output_file(const std::string& path, std::string_view bytes) {
    OutputFile out(path);
    out.write(bytes);
    out.commit();
}

OutputFile::OutputFile(const std::string& path) : path_(path) {
    if (path.empty()) throw OutputError(path, "no file name given");
    struct stat st {};
    const bool exists = ::stat(path.c_str(), &st) == 0;  // follows symbolic links
    if (exists) {
        if (S_ISDIR(st.st_mode)) throw OutputError(path, "is a folder, not a file");
        if (S_ISSOCK(st.st_mode)) throw OutputError(path, "is a socket, not a file");
        if (!S_ISREG(st.st_mode)) {  // a device or a FIFO: through, no creating or replacing
            mode_ = Mode::through;
            fd_ = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
            if (fd_ < 0) fail(path, "cannot be opened for writing", errno);
            return;
        }
        if (st.st_nlink > 1) {
            mode_ = Mode::in_place;
            return;
        }
    } else if (errno != ENOENT) {
        fail(path, "cannot be written", errno);  // e.g. no permission on a folder
    }
    // A temporary file in the target's folder, renamed over it at commit(). An existing file's
    // mode (and owner) carry over.
    const fs::path target = final_target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw OutputError(path, "cannot be written: the folder " + dir.string() + " does not exist");
    std::string name = ".";  // built by appending: GCC 12 warns (-Wrestrict) about "." + a string here
    name += target.filename().string();
    name += ".tmp-XXXXXX";
    std::string tmp = (dir / name).string();
    fd_ = ::mkstemp(tmp.data());  // 0600, whatever the umask
    if (fd_ < 0) fail(path, "cannot be written", errno);
    target_ = target.string();
    tmp_ = std::move(tmp);
    dir_ = dir.string();
    if (exists) {
        if (::fchmod(fd_, st.st_mode & 07777) != 0) {
            const int err = errno;
            give_up();
            fail(path, "cannot be written", err);
        }
        // Keep the owner where we may (root writing a user's file); otherwise the file becomes ours.
        if (::fchown(fd_, st.st_uid, st.st_gid) != 0) errno = 0;
    }
}

OutputFile::~OutputFile() {
    if (!done_) give_up();
}

void OutputFile::give_up() noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    if (!tmp_.empty()) ::unlink(tmp_.c_str());
    tmp_.clear();
    done_ = true;
}

void OutputFile::write(std::string_view bytes) {
    if (done_) throw OutputError(path_, "cannot be written (already closed)");
    if (mode_ == Mode::in_place) {
        pending_.append(bytes);
        return;
    }
    if (!write_all(fd_, bytes)) {
        const int err = errno;
        give_up();
        fail(path_, "cannot be written", err);
    }
}

void OutputFile::commit() {
    if (done_) throw OutputError(path_, "cannot be written (already closed)");
    switch (mode_) {
    case Mode::in_place:
        done_ = true;
        write_in_place(path_, pending_);
        return;
    case Mode::through: {
        const int fd = fd_;
        fd_ = -1;
        done_ = true;
        if (::close(fd) != 0) fail(path_, "cannot be written", errno);
        return;
    }
    case Mode::atomic: break;
    }
    if (::fsync(fd_) != 0) {
        const int err = errno;
        give_up();
        fail(path_, "cannot be written", err);
    }
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) {
        const int err = errno;
        give_up();
        fail(path_, "cannot be written", err);
    }
    if (::rename(tmp_.c_str(), target_.c_str()) != 0) {
        const int err = errno;
        give_up();
        fail(path_, "cannot be written", err);
    }
    tmp_.clear();
    done_ = true;
    // The rename itself is on disk once the folder is flushed.
    if (const int dfd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

}  // namespace ts
