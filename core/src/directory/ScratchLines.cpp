#include "ScratchLines.h"

#include <algorithm>
#include <atomic>
#include <filesystem>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#include <process.h>
#include <sys/stat.h>
#else
#include <fcntl.h>
#include <unistd.h>
#endif

#include "eascert/support/Path.h"

namespace eascert::directory {

namespace {

// A file the system removes when it is closed (or the process ends), in the temporary folder.
std::FILE* openTemporary()
{
#ifdef _WIN32
    // msvcrt's tmpfile() creates its file in the root of the drive, where users may not write.
    static std::atomic<unsigned> counter{0};
    std::error_code ec;
    const auto dir = std::filesystem::temp_directory_path(ec);
    if (ec)
        return nullptr;
    for (int attempt = 0; attempt < 100; ++attempt) {
        const auto path = dir / ("eascert-" + std::to_string(_getpid()) + "-" + std::to_string(counter++) + ".tmp");
        // A new file (never an existing one), kept in memory where it can be, deleted when closed, not
        // inherited by child processes.
        const int fd = _wopen(path.c_str(),
                              _O_CREAT | _O_EXCL | _O_RDWR | _O_BINARY | _O_TEMPORARY | _O_SHORT_LIVED | _O_NOINHERIT,
                              _S_IREAD | _S_IWRITE);
        if (fd < 0)
            continue;
        if (std::FILE* f = _wfdopen(fd, L"w+b"))
            return f;
        _close(fd);
    }
    return nullptr;
#else
    // Not inherited by the child processes started meanwhile (the .evtx reader).
    std::FILE* f = std::tmpfile();
    if (f)
        ::fcntl(fileno(f), F_SETFD, FD_CLOEXEC);
    return f;
#endif
}

int seekTo(std::FILE* f, std::uint64_t offset)
{
#ifdef _WIN32
    return _fseeki64(f, static_cast<long long>(offset), SEEK_SET);
#else
    return fseeko(f, static_cast<off_t>(offset), SEEK_SET);
#endif
}

// Fills out from the file at offset (the stream is unbuffered: reads go to the file).
bool readAt(std::FILE* f, std::uint64_t offset, std::string& out)
{
#ifdef _WIN32
    return seekTo(f, offset) == 0 && std::fread(out.data(), 1, out.size(), f) == out.size();
#else
    std::size_t done = 0;
    while (done < out.size()) {
        const auto n = ::pread(fileno(f), out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
        if (n <= 0)
            return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
#endif
}

}  // namespace

// Lines are written in pieces of this size or more: one system call each, not one a line.
constexpr std::size_t kChunk = 256 * 1024;

ScratchLines::~ScratchLines()
{
    if (m_file)
        std::fclose(m_file);
}

bool ScratchLines::open()
{
    if (m_file)
        return true;
    m_file = openTemporary();
    if (!m_file) {
        m_error = Error{ErrorCode::FileUnwritable, "no temporary file could be created in " +
                                                       utf8Path(std::filesystem::temp_directory_path()) +
                                                       ": free some space there or point TMP/TMPDIR elsewhere"};
        return false;
    }
    std::setvbuf(m_file, nullptr, _IONBF, 0);  // buffered here, in pieces of kChunk
    m_offsets = {0};
    return true;
}

bool ScratchLines::writeTail()
{
    if (m_tail.empty())
        return true;
    if (seekTo(m_file, m_written) != 0 || std::fwrite(m_tail.data(), 1, m_tail.size(), m_file) != m_tail.size()) {
        m_error =
            Error{ErrorCode::FileUnwritable, "the temporary file could not be written (is the temporary folder full?)"};
        return false;
    }
    m_written += m_tail.size();
    m_tail.clear();
    return true;
}

bool ScratchLines::append(std::string_view line)
{
    std::lock_guard lock(m_mutex);
    if (m_error || !open())
        return false;
    m_tail.append(line);
    m_tail.push_back('\n');
    m_offsets.push_back(m_offsets.back() + line.size() + 1);
    return m_tail.size() < kChunk || writeTail();
}

std::optional<std::string> ScratchLines::at(std::size_t i) const
{
    std::unique_lock lock(m_mutex);
    if (!m_file || i + 1 >= m_offsets.size()) {
        if (!m_error)
            m_error =
                Error{ErrorCode::Internal, "line " + std::to_string(i + 1) + " of the temporary file does not exist"};
        return std::nullopt;
    }
    const auto begin = m_offsets[i];
    const auto length = m_offsets[i + 1] - begin - 1;
    const bool inOrder = i == m_next;
    m_next = i + 1;
    const auto unreadable = [&]() -> std::optional<std::string> {
        if (!lock.owns_lock())
            lock.lock();
        if (!m_error)
            m_error = Error{ErrorCode::FileUnreadable, "the temporary file could not be read back"};
        return std::nullopt;
    };
    if (begin >= m_written)  // still in memory (the tail holds whole lines)
        return m_tail.substr(begin - m_written, length);
    if (begin >= m_aheadFrom && begin + length <= m_aheadFrom + m_ahead.size())
        return m_ahead.substr(static_cast<std::size_t>(begin - m_aheadFrom), static_cast<std::size_t>(length));
    if (inOrder) {
        // Lines read one after the other (a plan written out): the file a piece at a time, not a line.
        m_ahead.resize(static_cast<std::size_t>(
            std::min<std::uint64_t>(std::max<std::uint64_t>(length, kChunk), m_written - begin)));
        m_aheadFrom = begin;
        if (readAt(m_file, begin, m_ahead))
            return m_ahead.substr(0, static_cast<std::size_t>(length));
        m_ahead.clear();
        return unreadable();
    }
    std::string line(static_cast<std::size_t>(length), '\0');
#ifndef _WIN32
    lock.unlock();  // what the file holds never changes, and pread() has no shared position
#endif
    if (!readAt(m_file, begin, line))
        return unreadable();
    return line;
}

std::size_t ScratchLines::size() const
{
    std::lock_guard lock(m_mutex);
    return m_offsets.empty() ? 0 : m_offsets.size() - 1;
}

std::optional<Error> ScratchLines::error() const
{
    std::lock_guard lock(m_mutex);
    return m_error;
}

void ScratchLines::fail(const Error& e) const
{
    std::lock_guard lock(m_mutex);
    if (!m_error)
        m_error = e;
}

}  // namespace eascert::directory
