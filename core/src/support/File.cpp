#include "eascert/support/File.h"
#include "eascert/support/Path.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

#include <fcntl.h>
#ifdef _WIN32
#include <io.h>
#include <share.h>
#include <sys/stat.h>
#else
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace eascert {

namespace {

#ifdef _WIN32
int openNew(const std::filesystem::path& path, FileAccess access)
{
    // Windows files get the folder's inherited ACL (a profile folder is the owner's only).
    (void)access;
    int fd = -1;
    _wsopen_s(&fd, path.c_str(), _O_WRONLY | _O_CREAT | _O_EXCL | _O_BINARY | _O_NOINHERIT, _SH_DENYRW,
              _S_IREAD | _S_IWRITE);
    return fd;
}
long long writeSome(int fd, const std::byte* data, std::size_t size)
{
    return _write(fd, data, static_cast<unsigned>(std::min<std::size_t>(size, 1u << 30)));
}
int closeFile(int fd)
{
    return _close(fd);
}
int syncFile(int fd)
{
    return _commit(fd);
}
#else
int openNew(const std::filesystem::path& path, FileAccess access)
{
    const mode_t mode = access == FileAccess::Secret ? 0600 : 0666;  // 0666 & ~umask, as any tool
    return ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
}
long long writeSome(int fd, const std::byte* data, std::size_t size)
{
    return ::write(fd, data, size);
}
int closeFile(int fd)
{
    return ::close(fd);
}
int syncFile(int fd)
{
    return ::fsync(fd);
}
#endif

Result<void> unwritable(const std::filesystem::path& path, int err)
{
    return fail(ErrorCode::FileUnwritable, utf8Path(path) + ": " + std::strerror(err));
}

// Creates path (which must not exist) and writes what produce hands over; on failure nothing is
// left behind.
Result<void> createAndWrite(const std::filesystem::path& path, const FileProducer& produce, FileAccess access)
{
    const int fd = openNew(path, access);
    if (fd < 0) {
        if (errno == EEXIST)
            return fail(ErrorCode::FileExists, utf8Path(path));
        return unwritable(path, errno);
    }
    int err = 0;
    std::string buffer;
    const auto flush = [&] {
        std::size_t done = 0;
        while (err == 0 && done < buffer.size()) {
            const long long n =
                writeSome(fd, reinterpret_cast<const std::byte*>(buffer.data()) + done, buffer.size() - done);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                err = n < 0 ? errno : ENOSPC;
            else
                done += static_cast<std::size_t>(n);
        }
        buffer.clear();
        return err == 0;
    };
    constexpr std::size_t kBuffer = 64 * 1024;
    produce([&](std::string_view piece) {
        if (err != 0)
            return false;
        if (buffer.size() + piece.size() > kBuffer && !flush())
            return false;
        if (piece.size() > kBuffer) {
            buffer.assign(piece);
            return flush();
        }
        buffer.append(piece);
        return true;
    });
    flush();
    if (err == 0 && syncFile(fd) != 0)
        err = errno;
    if (closeFile(fd) != 0 && err == 0)
        err = errno;
    if (err != 0) {
        std::error_code ec;
        std::filesystem::remove(path, ec);  // no half-written file
        return unwritable(path, err);
    }
    return {};
}

}  // namespace

Result<void> writeFile(const std::filesystem::path& path, std::span<const std::byte> data, FileAccess access,
                       IfExists ifExists)
{
    return writeFileBy(
        path,
        [data](const FileSink& sink) {
            sink(std::string_view(reinterpret_cast<const char*>(data.data()), data.size()));
        },
        access, ifExists);
}

Result<void> writeFileBy(const std::filesystem::path& path, const FileProducer& produce, FileAccess access,
                         IfExists ifExists)
{
    std::error_code ec;
    if (path.has_parent_path() && !std::filesystem::exists(path.parent_path(), ec)) {
        std::filesystem::create_directories(path.parent_path(), ec);
        if (ec)
            return fail(ErrorCode::FileUnwritable, utf8Path(path.parent_path()) + ": " + ec.message());
    }
    if (ifExists == IfExists::Refuse)
        return createAndWrite(path, produce, access);

    // Beside the target, so the rename stays on one file system and replaces it in one step.
    static std::atomic<unsigned> counter{0};
    std::filesystem::path temp = path;
    temp += ".eascert-" + std::to_string(counter++) + ".tmp";
    for (int attempt = 0; std::filesystem::exists(temp, ec) && attempt < 100; ++attempt) {
        temp = path;
        temp += ".eascert-" + std::to_string(counter++) + ".tmp";
    }
    if (auto w = createAndWrite(temp, produce, access); !w) {
        const std::string prefix = utf8Path(temp);
        std::string reason = w.error().detail;
        if (reason.rfind(prefix, 0) == 0)
            reason = reason.substr(prefix.size());
        return fail(ErrorCode::FileUnwritable, utf8Path(path) + reason);  // named as the admin named it
    }
    std::filesystem::rename(temp, path, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(temp, ignored);
        return fail(ErrorCode::FileUnwritable, utf8Path(path) + ": " + ec.message());
    }
    return {};
}

Result<void> writeFile(const std::filesystem::path& path, std::string_view text, FileAccess access, IfExists ifExists)
{
    return writeFile(path, std::span(reinterpret_cast<const std::byte*>(text.data()), text.size()), access, ifExists);
}

Result<std::string> readFile(const std::filesystem::path& path, std::size_t maxBytes)
{
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) {
        if (ec && ec != std::errc::no_such_file_or_directory)
            return fail(ErrorCode::FileUnreadable, utf8Path(path) + ": " + ec.message());
        return fail(ErrorCode::FileNotFound, utf8Path(path));
    }
    if (!std::filesystem::is_regular_file(status))
        return fail(ErrorCode::NotAFile, utf8Path(path));
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > maxBytes)
        return fail(ErrorCode::FileTooLarge,
                    utf8Path(path) + ": " + std::to_string(size) + " bytes, more than " + std::to_string(maxBytes));
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(ErrorCode::FileUnreadable, utf8Path(path) + ": " + std::strerror(errno));
    // At most one byte more than allowed, whatever stat said.
    std::string data(std::min(ec ? maxBytes : static_cast<std::size_t>(size), maxBytes) + 1, '\0');
    in.read(data.data(), static_cast<std::streamsize>(data.size()));
    if (in.bad())
        return fail(ErrorCode::FileUnreadable, utf8Path(path) + ": " + std::strerror(errno));
    data.resize(static_cast<std::size_t>(in.gcount()));
    if (data.size() > maxBytes)
        return fail(ErrorCode::FileTooLarge, utf8Path(path) + ": more than " + std::to_string(maxBytes) + " bytes");
    return data;
}

}  // namespace eascert
