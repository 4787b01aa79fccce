// write_output_file: what every --out does with regular files, links, devices and FIFOs.
// Device nodes are made in a temporary folder (mknod needs root); the machine's own /dev/null
// is never written, because the bug this guards against replaced it.
#include "report/output_file.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;
using namespace ts;

namespace {

// A 0755 folder, as a shared folder would be.
struct TempDir : test::TempDir {
    TempDir() : test::TempDir("ts-out") {
        fs::permissions(path, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                                  fs::perms::others_exec);
    }
    // Files whose name says they are our temporary files.
    int leftovers() const {
        int n = 0;
        for (const auto& e : fs::directory_iterator(path))
            if (e.path().filename().string().find(".tmp-") != std::string::npos) ++n;
        return n;
    }
};

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

mode_t mode_of(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

ino_t inode_of(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_ino;
}

struct Umask {
    mode_t old;
    explicit Umask(mode_t m) : old(::umask(m)) {}
    ~Umask() { ::umask(old); }
};

// A character device node like /dev/null (1,3) or /dev/full (1,7), made in `dir`; false
// when this process may not make one (not root).
bool make_char_device(const std::string& path, unsigned minor) {
    return ::mknod(path.c_str(), S_IFCHR | 0666, makedev(1, minor)) == 0;
}

}  // namespace

TEST_CASE("a new file is readable by the user only", "[output]") {
    const TempDir d;
    const Umask loose(022);
    write_output_file(d.file("new.json"), "{}\n");
    CHECK(slurp(d.file("new.json")) == "{}\n");
    CHECK(mode_of(d.file("new.json")) == 0600);
    CHECK(d.leftovers() == 0);
}

TEST_CASE("an existing file is replaced whole and keeps its mode", "[output]") {
    const TempDir d;
    const std::string f = d.file("old.json");
    std::ofstream(f) << "old";
    fs::permissions(f, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);  // 0640
    const ino_t before = inode_of(f);
    write_output_file(f, "new");
    CHECK(slurp(f) == "new");
    CHECK(mode_of(f) == 0640);
    CHECK(inode_of(f) != before);  // a new file renamed into place: readers never see half of it
    CHECK(d.leftovers() == 0);
}

TEST_CASE("a file with two hard links is written in place, the links stay one file", "[output]") {
    const TempDir d;
    const std::string a = d.file("a.json"), b = d.file("b.json");
    std::ofstream(a) << "old";
    fs::create_hard_link(a, b);
    const ino_t before = inode_of(a);
    write_output_file(a, "new content");
    CHECK(inode_of(a) == before);
    CHECK(slurp(b) == "new content");
    CHECK(fs::hard_link_count(a) == 2);
}

TEST_CASE("a symbolic link is written through, also a dangling one", "[output]") {
    const TempDir d;
    fs::create_directory(d.path / "real");
    const std::string target = d.file("real/bundle.json"), link = d.file("link.json");
    std::ofstream(target) << "old";
    fs::create_symlink("real/bundle.json", link);
    write_output_file(link, "through");
    CHECK(fs::is_symlink(fs::symlink_status(link)));
    CHECK(slurp(target) == "through");
    CHECK(fs::directory_iterator(d.path / "real")->path().filename() == "bundle.json");  // no temporary file left

    const std::string dangling = d.file("dangling.json");
    fs::create_symlink("real/later.json", dangling);
    write_output_file(dangling, "created");
    CHECK(fs::is_symlink(fs::symlink_status(dangling)));
    CHECK(slurp(d.file("real/later.json")) == "created");
    CHECK(mode_of(d.file("real/later.json")) == 0600);
}

TEST_CASE("a FIFO receives the bytes and stays a FIFO", "[output]") {
    const TempDir d;
    const std::string fifo = d.file("pipe");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::string received;
    std::thread reader([&] { received = slurp(fifo); });
    write_output_file(fifo, "through the pipe");
    reader.join();
    CHECK(received == "through the pipe");
    struct stat st {};
    REQUIRE(::lstat(fifo.c_str(), &st) == 0);
    CHECK(S_ISFIFO(st.st_mode));
}

TEST_CASE("a device is written through, and a full one says so", "[output]") {
    const TempDir d;
    const std::string null = d.file("null"), full = d.file("full");
    if (!make_char_device(null, 3) || !make_char_device(full, 7)) {
        WARN("mknod is not allowed here (not root): device cases skipped");
        return;
    }
    write_output_file(null, "gone");
    struct stat st {};
    REQUIRE(::lstat(null.c_str(), &st) == 0);
    CHECK(S_ISCHR(st.st_mode));  // still the device, not a file holding "gone"
    try {
        write_output_file(full, std::string(100000, 'x'));
        FAIL("a full device took the bytes");
    } catch (const OutputError& e) {
        CHECK(std::string(e.what()) == full + ": cannot be written (no space left on device)");
    }
    REQUIRE(::lstat(full.c_str(), &st) == 0);
    CHECK(S_ISCHR(st.st_mode));
    CHECK(d.leftovers() == 0);
}

TEST_CASE("a folder, a missing folder and a socket are refused plainly", "[output]") {
    const TempDir d;
    CHECK_THROWS_WITH(write_output_file(d.path.string(), "x"), d.path.string() + ": is a folder, not a file");
    CHECK_THROWS_WITH(write_output_file(d.file("no/such/x.json"), "x"),
                      d.file("no/such/x.json") + ": cannot be written: the folder " + d.file("no/such") + " does not exist");
    CHECK_THROWS_WITH(write_output_file("", "x"), ": no file name given");
    // A socket: bound in the folder, then refused by name.
    const std::string sock = d.file("sock");
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    REQUIRE(sock.size() < sizeof addr.sun_path);
    std::memcpy(addr.sun_path, sock.c_str(), sock.size() + 1);
    REQUIRE(::bind(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0);
    CHECK_THROWS_WITH(write_output_file(sock, "x"), sock + ": is a socket, not a file");
    ::close(fd);
    CHECK(d.leftovers() == 0);
}

TEST_CASE("A file written in chunks appears whole at commit and not before", "[output]") {
    const TempDir d;
    const std::string f = d.file("report.json");
    {
        OutputFile out(f);
        out.write("{\"rows\": [");
        out.write(std::string(300000, 'x'));
        CHECK_FALSE(fs::exists(f));  // only the temporary file so far
        CHECK(d.leftovers() == 1);
        out.write("]}\n");
        out.commit();
    }
    CHECK(slurp(f) == "{\"rows\": [" + std::string(300000, 'x') + "]}\n");
    CHECK(mode_of(f) == 0600);
    CHECK(d.leftovers() == 0);
}

TEST_CASE("A file given up before commit leaves no file and the old one as it was", "[output]") {
    const TempDir d;
    const std::string fresh = d.file("new.json");
    {
        OutputFile out(fresh);
        out.write("half a report");
    }  // e.g. an exception while the rows are made
    CHECK_FALSE(fs::exists(fresh));
    CHECK(d.leftovers() == 0);

    const std::string old = d.file("old.json");
    std::ofstream(old) << "old";
    const ino_t before = inode_of(old);
    {
        OutputFile out(old);
        out.write("half");
    }
    CHECK(slurp(old) == "old");
    CHECK(inode_of(old) == before);
    CHECK(d.leftovers() == 0);

    // A file with two hard links is written in place, but only at commit: given up, both links
    // keep the old bytes; committed, both have the new ones.
    const std::string a = d.file("a.json"), b = d.file("b.json");
    std::ofstream(a) << "old";
    fs::create_hard_link(a, b);
    {
        OutputFile out(a);
        out.write("half");
    }
    CHECK(slurp(b) == "old");
    {
        OutputFile out(a);
        out.write("new ");
        out.write("content");
        CHECK(slurp(b) == "old");
        out.commit();
    }
    CHECK(slurp(b) == "new content");
    CHECK(inode_of(a) == inode_of(b));
}

TEST_CASE("A full device refuses the chunk that does not fit", "[output]") {
    const TempDir d;
    const std::string full = d.file("full");
    if (!make_char_device(full, 7)) {
        WARN("mknod is not allowed here (not root): device case skipped");
        return;
    }
    OutputFile out(full);
    CHECK_THROWS_WITH(out.write(std::string(100000, 'x')), full + ": cannot be written (no space left on device)");
    struct stat st {};
    REQUIRE(::lstat(full.c_str(), &st) == 0);
    CHECK(S_ISCHR(st.st_mode));
}
