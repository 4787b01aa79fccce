// Writing a file the user named with --out (a bundle, a screenshot, and later reports, minutes
// and backups). One helper for all of them, so that every --out treats odd paths the same way:
//
//   - a new file is created readable and writable by the user only (0600), whatever the umask
//     or the folder, because what we write holds data about youths;
//   - an existing regular file is replaced atomically: the bytes go to a temporary file in the
//     same folder, are flushed to disk, and the temporary file is renamed over it. The file
//     keeps its mode (and, where allowed, its owner). A failed write leaves the old file whole
//     and no temporary file behind;
//   - an existing regular file with more than one hard link is written in place (truncated and
//     rewritten), so the links stay one file; this is not atomic;
//   - a symbolic link is followed, also a dangling one (the file it names is created): the link
//     stays a link, the temporary file is made in the folder of the file it points to;
//   - anything else that is not a folder or a socket (a character or block device such as
//     /dev/null, a FIFO) is opened and written through, without creating or replacing it; an
//     error such as a full device is reported ("no space left on device");
//   - a folder, a socket, a missing folder or a permission problem is refused with a message
//     that names the path; nothing is changed.
//
// Long output (a report of many rows) is written as it is made, through an OutputFile: the bytes
// go to the temporary file (or through to the device or FIFO) a chunk at a time, and only
// commit() renames the temporary file into place. An OutputFile given up before commit() leaves
// no temporary file and the old file as it was; a device or FIFO keeps what it was sent.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace ts {

// "PATH: problem", e.g. "/mnt/full/x.json: cannot be written (no space left on device)".
class OutputError : public std::runtime_error {
public:
    OutputError(std::string path, std::string problem);
    const std::string& path() const { return path_; }
    const std::string& problem() const { return problem_; }

private:
    std::string path_, problem_;
};

// Writes `bytes` to `path` as described above. Throws OutputError.
void write_output_file(const std::string& path, std::string_view bytes);

// The same, a chunk at a time. The constructor checks the path and opens what the bytes go to
// (a FIFO waits for its reader there); write() adds bytes; commit() finishes the file. Every
// step throws OutputError. Destroyed without commit(), the file is given up as described above.
class OutputFile {
public:
    explicit OutputFile(const std::string& path);
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    void write(std::string_view bytes);
    void commit();

private:
    enum class Mode { atomic, in_place, through };
    void give_up() noexcept;

    std::string path_;  // as given, for the messages
    Mode mode_ = Mode::atomic;
    int fd_ = -1;
    std::string target_, tmp_, dir_;  // atomic: the file renamed over, the temporary file, its folder
    std::string pending_;             // in place: the bytes, written at commit() so a failure changes nothing
    bool done_ = false;
};

}  // namespace ts
