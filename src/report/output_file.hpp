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

}  // namespace ts
