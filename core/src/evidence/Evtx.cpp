// .evtx with libevtx (Debian's libevtx-dev), from memory through a libbfio memory range. Each record
// is rendered to XML by libevtx and read by the same code as an XML export (parseEventElement).
//
// libevtx runs in a child process. Debian 12's libevtx (20181227) has memory errors on crafted files
// (fuzz_evidence found a double free in its XML rendering, a heap over-read in libbfio and a leak),
// so a hostile .evtx must not be able to take the program down or write into its memory: the child
// renders the records and streams them through a pipe; the parent reads with a size bound and a
// deadline, keeps what arrived, and reports a reader that died as a damaged record.

#define LIBEVTX_HAVE_BFIO 1
#include <libbfio.h>
#include <libevtx.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <memory>

#include "EventCommon.h"
#include "eascert/evidence/Event.h"
#include "eascert/support/Path.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

// Present only in sanitizer builds (the fuzz and asan presets): the hook that runs when a sanitizer
// reports an error. Weak, so an ordinary build links without it.
extern "C" void __sanitizer_set_death_callback(void (*callback)()) __attribute__((weak));

namespace eascert::evidence {

namespace {

std::string describe(libevtx_error_t* error)
{
    std::array<char, 512> buffer{};
    std::string out;
    if (error && libevtx_error_sprint(error, buffer.data(), buffer.size()) > 0)
        out = buffer.data();
    libevtx_error_free(&error);
    // libevtx's message names its own functions; the last line is the one an admin can use.
    const auto nl = out.find_last_of('\n', out.size() > 1 ? out.size() - 2 : 0);
    return nl == std::string::npos ? out : out.substr(nl + 1);
}

struct FileCloser
{
    void operator()(libevtx_file_t* f) const
    {
        libevtx_file_close(f, nullptr);
        libevtx_file_free(&f, nullptr);
    }
};
struct HandleFree
{
    void operator()(libbfio_handle_t* h) const { libbfio_handle_free(&h, nullptr); }
};
struct RecordFree
{
    void operator()(libevtx_record_t* r) const { libevtx_record_free(&r, nullptr); }
};

// The frames the child writes: a type byte, the record number, the length, the bytes.
enum Frame : char
{
    RecordXml = 'X',
    Damage = 'D',
    Fatal = 'F',
    Count = 'C'
};

bool writeAll(int fd, const char* data, std::size_t size)
{
    while (size > 0) {
        const auto n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

bool sendFrame(int fd, Frame type, std::uint32_t record, std::string_view payload)
{
    char header[9];
    header[0] = type;
    const auto length = static_cast<std::uint32_t>(payload.size());
    std::memcpy(header + 1, &record, 4);
    std::memcpy(header + 5, &length, 4);
    return writeAll(fd, header, sizeof header) && writeAll(fd, payload.data(), payload.size());
}

int sendRecords(libevtx_file_t* file, const EventLimits& limits, int fd);

// In the child: a libevtx file opened by open(file, &error), then its records as frames.
template <typename Open> int openAndSend(Open open, const EventLimits& limits, int fd)
{
    libevtx_file_t* rawFile = nullptr;
    libevtx_error_t* error = nullptr;
    if (libevtx_file_initialize(&rawFile, &error) != 1)
        return sendFrame(fd, Fatal, 0, "libevtx could not start: " + describe(error)) ? 0 : 1;
    if (open(rawFile, &error) != 1) {
        libevtx_file_free(&rawFile, nullptr);
        return sendFrame(fd, Fatal, 0, "the .evtx file is damaged: " + describe(error)) ? 0 : 1;
    }
    const std::unique_ptr<libevtx_file_t, FileCloser> file(rawFile);
    return sendRecords(file.get(), limits, fd);
}

// In the child: everything libevtx reads from the file, as frames. Returns the exit code.
int renderFileRecords(const std::string& path, const EventLimits& limits, int fd)
{
    return openAndSend(
        [&](libevtx_file_t* file, libevtx_error_t** error) {
            return libevtx_file_open(file, path.c_str(), LIBEVTX_OPEN_READ, error);
        },
        limits, fd);
}

// In the child: everything libevtx reads from the bytes, as frames. Returns the exit code.
int renderRecords(std::string_view bytes, const EventLimits& limits, int fd)
{
    libbfio_handle_t* rawHandle = nullptr;
    if (libbfio_memory_range_initialize(&rawHandle, nullptr) != 1)
        return sendFrame(fd, Fatal, 0, "libbfio could not start") ? 0 : 1;
    const std::unique_ptr<libbfio_handle_t, HandleFree> handle(rawHandle);
    // libevtx reads the 4 KiB header and whole 64 KiB chunks; Debian's libbfio copies a whole block
    // even where the range ends. So the bytes are handed over padded with zeros to the next chunk
    // boundary: a cut file reads as one whose last chunk is damaged, which libevtx reports as such.
    const std::size_t chunks = (bytes.size() - kEvtxHeader + kEvtxChunk - 1) / kEvtxChunk;
    std::string padded(kEvtxHeader + chunks * kEvtxChunk, '\0');
    std::copy(bytes.begin(), bytes.end(), padded.begin());
    if (libbfio_memory_range_set(handle.get(), reinterpret_cast<uint8_t*>(padded.data()), padded.size(), nullptr) != 1)
        return sendFrame(fd, Fatal, 0, "libbfio could not take the file's bytes") ? 0 : 1;

    return openAndSend(
        [&](libevtx_file_t* file, libevtx_error_t** error) {
            return libevtx_file_open_file_io_handle(file, handle.get(), LIBEVTX_OPEN_READ, error);
        },
        limits, fd);
}

// In the child: each record of an open file rendered to XML, as frames (or why it could not be).
int sendRecords(libevtx_file_t* file, const EventLimits& limits, int fd)
{
    libevtx_error_t* error = nullptr;
    int count = 0;
    if (libevtx_file_get_number_of_records(file, &count, &error) != 1)
        return sendFrame(fd, Fatal, 0, "the .evtx file is damaged: " + describe(error)) ? 0 : 1;
    if (!sendFrame(fd, Count, static_cast<std::uint32_t>(count), {}))
        return 1;
    std::string xml;
    for (int i = 0; i < count; ++i) {
        const auto record = static_cast<std::uint32_t>(i) + 1;
        libevtx_record_t* rawRecord = nullptr;
        if (libevtx_file_get_record_by_index(file, i, &rawRecord, &error) != 1) {
            if (!sendFrame(fd, Damage, record, "a damaged record: " + describe(error)))
                return 1;
            continue;
        }
        const std::unique_ptr<libevtx_record_t, RecordFree> r(rawRecord);
        std::size_t size = 0;
        bool ok = libevtx_record_get_utf8_xml_string_size(r.get(), &size, &error) == 1 && size > 0;
        std::string why = ok ? std::string() : "a record that cannot be rendered: " + describe(error);
        if (ok && size > limits.maxRecordBytes) {
            ok = false;
            why = "a record larger than " + std::to_string(limits.maxRecordBytes / 1024) + " KiB";
        }
        if (ok) {
            xml.resize(size);
            ok = libevtx_record_get_utf8_xml_string(r.get(), reinterpret_cast<uint8_t*>(xml.data()), size, &error) == 1;
            if (!ok)
                why = "a record that cannot be rendered: " + describe(error);
            else
                xml.resize(size - 1);  // the terminating NUL
        }
        if (!(ok ? sendFrame(fd, RecordXml, record, xml) : sendFrame(fd, Damage, record, why)))
            return 1;
    }
    return 0;
}

// The child's death on a hostile file is expected and handled by the parent: it dies quietly (no
// glibc or sanitizer report on the admin's terminal, no crash handler of a fuzzer or a debugger
// helper inherited from the parent), and a closed pipe simply ends it.
void quietChild()
{
    if (const int devnull = ::open("/dev/null", O_WRONLY); devnull >= 0) {
        ::dup2(devnull, STDERR_FILENO);
        ::close(devnull);
    }
    for (const int sig : {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL, SIGPIPE})
        std::signal(sig, SIG_DFL);
    if (__sanitizer_set_death_callback)
        __sanitizer_set_death_callback(nullptr);
}

// Reads exactly size bytes before the deadline; false on end of stream, error or timeout.
bool readExactly(int fd, char* out, std::size_t size, std::chrono::steady_clock::time_point deadline)
{
    while (size > 0) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return false;
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            continue;
        const auto n = ::read(fd, out, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        out += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

// The record's EventID from its rendered XML, without parsing it (0 when not found).
std::uint32_t quickEventId(std::string_view xml)
{
    const auto at = xml.find("<EventID");
    if (at == std::string_view::npos)
        return 0;
    const auto gt = xml.find('>', at);
    std::uint32_t id = 0;
    for (auto i = gt == std::string_view::npos ? xml.size() : gt + 1; i < xml.size() && xml[i] >= '0' && xml[i] <= '9';
         ++i)
        id = id * 10 + static_cast<std::uint32_t>(xml[i] - '0');
    return id;
}

// Runs render(fd) in a child process and reads its frames: the events (all, or with relevantOnly
// those that matter for certificates), the damaged records, a dead or stuck child as a damage.
// fileSize: for the "cut off inside a chunk" check.
template <typename Render>
Result<EventLog> readInChild(Render render, std::uint64_t fileSize, const EventLimits& limits)
{
    int fds[2];
    if (::pipe(fds) != 0)
        return fail(ErrorCode::Internal, std::string("no pipe for the .evtx reader: ") + std::strerror(errno));
    const pid_t child = ::fork();
    if (child < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return fail(ErrorCode::Internal, std::string("the .evtx reader could not start: ") + std::strerror(errno));
    }
    if (child == 0) {
        ::close(fds[0]);
        quietChild();
        ::_exit(render(fds[1]));
    }
    ::close(fds[1]);
    const auto deadline = std::chrono::steady_clock::now() + limits.evtxTimeout;
    EventLog log;
    std::optional<Error> fatal;
    std::size_t expected = 0, lastRecord = 0;
    bool complete = false;
    std::string payload;
    while (true) {
        char header[9];
        if (!readExactly(fds[0], header, sizeof header, deadline))
            break;
        std::uint32_t record = 0, length = 0;
        std::memcpy(&record, header + 1, 4);
        std::memcpy(&length, header + 5, 4);
        if (length > limits.maxRecordBytes + 4096) {
            log.addDamage(lastRecord + 1, "the .evtx reader sent more than a record may hold");
            break;
        }
        payload.resize(length);
        if (!readExactly(fds[0], payload.data(), length, deadline))
            break;
        if (header[0] == Fatal) {
            fatal = Error{ErrorCode::CorruptData, payload};
            complete = true;
            break;
        }
        if (header[0] == Count) {
            expected = record;
            complete = expected == 0;
            continue;
        }
        lastRecord = record;
        complete = record == expected;
        if (log.events.size() >= limits.maxEvents && !limits.relevantOnly) {
            log.skipped += expected - record + 1;
            break;  // the child is stopped below
        }
        if (header[0] == Damage) {
            log.addDamage(record, payload);
            continue;
        }
        if (limits.relevantOnly && !mayMatterForCertificates(quickEventId(payload))) {
            ++log.total;  // read, and let go unparsed
            continue;
        }
        auto event = parseEventElement(payload);
        if (limits.relevantOnly && event && !mattersForCertificates(*event)) {
            ++log.total;
            continue;
        }
        if (event && log.events.size() >= limits.maxEvents) {  // streaming: counted, not kept
            ++log.total;
            ++log.skipped;
            continue;
        }
        log.take(record, std::move(event));
    }
    ::close(fds[0]);
    int status = 0;
    if (::waitpid(child, &status, WNOHANG) == 0) {
        ::kill(child, SIGKILL);
        ::waitpid(child, &status, 0);
    }
    if (fatal)
        return std::unexpected(*fatal);
    if ((fileSize - kEvtxHeader) % kEvtxChunk != 0)
        log.addDamage(lastRecord + 1,
                      "the file ends inside a 64 KiB chunk: it was cut off (" + std::to_string(fileSize) + " bytes)");
    if (!complete && log.skipped == 0) {
        const bool timedOut = std::chrono::steady_clock::now() >= deadline;
        log.addDamage(lastRecord + 1, timedOut
                                          ? "the .evtx reader did not finish in time: the events before are kept"
                                          : "the .evtx reader stopped on a damaged record: the events before are kept");
    }
    return log;
}

}  // namespace

Result<EventLog> parseEvtx(std::string_view bytes, const EventLimits& limits)
{
    if (auto ok = checkEvtxStart(bytes); !ok)
        return std::unexpected(ok.error());
    return readInChild([&](int fd) { return renderRecords(bytes, limits, fd); }, bytes.size(), limits);
}

Result<EventLog> parseEvtxFile(const std::filesystem::path& path, const EventLimits& limits)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec)
        return fail(ErrorCode::FileUnreadable, utf8Path(path) + ": " + ec.message());
    std::string head(kEvtxHeader, '\0');
    {
        std::ifstream in(path, std::ios::binary);
        in.read(head.data(), static_cast<std::streamsize>(head.size()));
        head.resize(static_cast<std::size_t>(in.gcount()));
    }
    if (auto ok = checkEvtxStart(head); !ok)
        return std::unexpected(ok.error());
    const std::string file = utf8Path(path);
    return readInChild([&](int fd) { return renderFileRecords(file, limits, fd); }, size, limits);
}

Result<EventLog> readLiveEventLog(const std::string& computer, const std::string& channel, const EventLimits&)
{
    return fail(ErrorCode::NotSupportedHere,
                "live event logs are read on Windows (eascert.exe, or the wizard there); here, export the " + channel +
                    " log" + (computer.empty() ? std::string() : " on " + computer) +
                    " and give the file: wevtutil epl " + channel + " " + channel + ".evtx");
}

}  // namespace eascert::evidence
