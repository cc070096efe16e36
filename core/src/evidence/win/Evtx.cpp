// .evtx on Windows: the system's own event log API reads the file (EvtQuery with EvtQueryFilePath)
// and renders each record as XML (EvtRender), which is read by the same code as an XML export
// (parseEventElement): one event model on both systems. The API reads files, so the bytes are
// written to a temporary .evtx first.

#include <windows.h>
#include <winevt.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <system_error>

#include "../EventCommon.h"
#include "eascert/evidence/Event.h"
#include "eascert/support/win/WideText.h"

namespace eascert::evidence {

namespace {

struct EvtClose_
{
    void operator()(EVT_HANDLE h) const { EvtClose(h); }
};
using EvtHandle = std::unique_ptr<std::remove_pointer_t<EVT_HANDLE>, EvtClose_>;

std::string systemMessage(DWORD code)
{
    wchar_t* text = nullptr;
    FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, nullptr,
                   code, 0, reinterpret_cast<wchar_t*>(&text), 0, nullptr);
    std::string out = text ? win::narrow(text) : "error " + std::to_string(code);
    LocalFree(text);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r' || out.back() == '.'))
        out.pop_back();
    return out + " (" + std::to_string(code) + ")";
}

// A temporary file removed when it goes out of scope.
struct TempFile
{
    std::filesystem::path path;
    ~TempFile()
    {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
};

} // namespace

Result<EventLog> parseEvtx(std::string_view bytes, const EventLimits& limits)
{
    if (auto ok = checkEvtxStart(bytes); !ok)
        return std::unexpected(ok.error());
    std::error_code ec;
    TempFile temp{std::filesystem::temp_directory_path(ec) /
                  ("eascert-" + std::to_string(GetCurrentProcessId()) + "-" + std::to_string(GetTickCount64()) + ".evtx")};
    {
        std::ofstream out(temp.path, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out)
            return fail(ErrorCode::FileUnwritable, "could not write a temporary copy of the .evtx file to " +
                                                       temp.path.string() + " for the event log API");
    }
    return parseEvtxFile(temp.path, limits);
}

Result<EventLog> parseEvtxFile(const std::filesystem::path& path, const EventLimits& limits)
{
    EvtHandle query(EvtQuery(nullptr, path.wstring().c_str(), L"*", EvtQueryFilePath | EvtQueryForwardDirection));
    if (!query) {
        const DWORD code = GetLastError();
        // No error code at all, or "not implemented": an event log API without file support (Wine).
        if (code == ERROR_SUCCESS || code == ERROR_CALL_NOT_IMPLEMENTED || code == ERROR_NOT_SUPPORTED)
            return fail(ErrorCode::NotSupportedHere,
                        "this system's event log API cannot open .evtx files: save the log as XML instead "
                        "(wevtutil qe Security /f:xml > security.xml, or Event Viewer's \"Save as XML\")");
        return fail(ErrorCode::CorruptData, "Windows could not open the .evtx file: " + systemMessage(code));
    }
    EventLog log;
    std::size_t record = 0;
    std::wstring buffer;
    while (true) {
        EVT_HANDLE events[64];
        DWORD returned = 0;
        if (!EvtNext(query.get(), 64, events, INFINITE, 0, &returned)) {
            const DWORD code = GetLastError();
            if (code != ERROR_NO_MORE_ITEMS)
                log.addDamage(record + 1, "Windows stopped reading the file: " + systemMessage(code));
            break;
        }
        for (DWORD i = 0; i < returned; ++i) {
            EvtHandle event(events[i]);
            ++record;
            if (!log.admit(record, 0, limits))
                continue;
            DWORD used = 0, properties = 0;
            if (!EvtRender(nullptr, event.get(), EvtRenderEventXml, 0, nullptr, &used, &properties) &&
                GetLastError() != ERROR_INSUFFICIENT_BUFFER) {
                log.addDamage(record, "a record that cannot be rendered: " + systemMessage(GetLastError()));
                continue;
            }
            if (used > limits.maxRecordBytes * 2) {
                log.addDamage(record, "a record larger than " + std::to_string(limits.maxRecordBytes / 1024) + " KiB");
                continue;
            }
            buffer.assign(used / sizeof(wchar_t) + 1, L'\0');
            if (!EvtRender(nullptr, event.get(), EvtRenderEventXml, used, buffer.data(), &used, &properties)) {
                log.addDamage(record, "a record that cannot be rendered: " + systemMessage(GetLastError()));
                continue;
            }
            auto rendered = parseEventElement(win::narrow(buffer.c_str()));
            if (limits.relevantOnly && rendered && !mattersForCertificates(*rendered)) {
                ++log.total;  // read, and let go
                continue;
            }
            log.take(record, std::move(rendered));
        }
    }
    return log;
}

} // namespace eascert::evidence
