#include "ScratchLines.h"

#include <atomic>
#include <filesystem>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#include <process.h>
#include <sys/stat.h>
#else
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
        // A new file (never an existing one), kept in memory where it can be, deleted when closed.
        const int fd = _wopen(path.c_str(), _O_CREAT | _O_EXCL | _O_RDWR | _O_BINARY | _O_TEMPORARY | _O_SHORT_LIVED,
                              _S_IREAD | _S_IWRITE);
        if (fd < 0)
            continue;
        if (std::FILE* f = _wfdopen(fd, L"w+b"))
            return f;
        _close(fd);
    }
    return nullptr;
#else
    return std::tmpfile();
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

} // namespace

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
        m_error = Error{ErrorCode::FileUnwritable, "no temporary file could be created in " + utf8Path(std::filesystem::temp_directory_path()) +
                                                       ": free some space there or point TMP/TMPDIR elsewhere"};
        return false;
    }
    m_offsets = {0};
    return true;
}

bool ScratchLines::append(std::string_view line)
{
    std::lock_guard lock(m_mutex);
    if (m_error || !open())
        return false;
    const std::uint64_t end = m_offsets.back();
    if (seekTo(m_file, end) != 0 || std::fwrite(line.data(), 1, line.size(), m_file) != line.size() ||
        std::fputc('\n', m_file) == EOF) {
        m_error = Error{ErrorCode::FileUnwritable, "the temporary file could not be written (is the temporary folder full?)"};
        return false;
    }
    m_offsets.push_back(end + line.size() + 1);
    return true;
}

std::optional<std::string> ScratchLines::at(std::size_t i) const
{
    std::lock_guard lock(m_mutex);
    if (!m_file || i + 1 >= m_offsets.size())
        return std::nullopt;
    std::string line(m_offsets[i + 1] - m_offsets[i] - 1, '\0');
    if (seekTo(m_file, m_offsets[i]) != 0 || std::fread(line.data(), 1, line.size(), m_file) != line.size()) {
        m_error = Error{ErrorCode::FileUnreadable, "the temporary file could not be read back"};
        return std::nullopt;
    }
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

} // namespace eascert::directory
