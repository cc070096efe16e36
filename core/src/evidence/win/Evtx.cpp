// .evtx on Windows: the system's own event log API reads the file (EvtQuery with EvtQueryFilePath)
// and renders each record as XML (EvtRender), which is read by the same code as an XML export
// (parseEventElement): one event model on both systems. The API reads files, so bytes are written
// to a temporary .evtx first. The same API reads the live logs, this computer's or a DC's.

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

// Every event a query returns, rendered to XML and read like an XML export's.
EventLog readQuery(EVT_HANDLE query, const EventLimits& limits)
{
    EventLog log;
    std::size_t record = 0;
    std::wstring buffer;
    while (true) {
        EVT_HANDLE events[64];
        DWORD returned = 0;
        if (!EvtNext(query, 64, events, INFINITE, 0, &returned)) {
            const DWORD code = GetLastError();
            if (code != ERROR_NO_MORE_ITEMS)
                log.addDamage(record + 1, "Windows stopped reading the log: " + systemMessage(code));
            break;
        }
        for (DWORD i = 0; i < returned; ++i) {
            EvtHandle event(events[i]);
            ++record;
            if (!limits.relevantOnly && !log.admit(record, 0, limits))
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
            if (limits.relevantOnly && rendered &&
                (!mattersForCertificates(*rendered) || !log.admit(record, 0, limits))) {
                ++log.total;  // read, and let go (or beyond the events kept: counted)
                continue;
            }
            log.take(record, std::move(rendered));
        }
    }
    return log;
}

}  // namespace

Result<EventLog> parseEvtx(std::string_view bytes, const EventLimits& limits)
{
    if (auto ok = checkEvtxStart(bytes); !ok)
        return std::unexpected(ok.error());
    std::error_code ec;
    TempFile temp{std::filesystem::temp_directory_path(ec) / ("eascert-" + std::to_string(GetCurrentProcessId()) + "-" +
                                                              std::to_string(GetTickCount64()) + ".evtx")};
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
    return readQuery(query.get(), limits);
}

Result<EventLog> readLiveEventLog(const std::string& computer, const std::string& channel, const EventLimits& limits)
{
    EvtHandle session;
    std::wstring server = win::wide(computer);
    if (!computer.empty()) {
        EVT_RPC_LOGIN login{};
        login.Server = server.data();
        login.Flags = EvtRpcLoginAuthNegotiate;  // the current logon: no password here
        session.reset(EvtOpenSession(EvtRpcLogin, &login, 0, 0));
        if (!session) {
            const DWORD code = GetLastError();
            // No error, "not implemented", or no handle at all: an API without remote sessions (Wine).
            if (code == ERROR_SUCCESS || code == ERROR_CALL_NOT_IMPLEMENTED || code == ERROR_NOT_SUPPORTED ||
                code == ERROR_INVALID_HANDLE)
                return fail(ErrorCode::NotSupportedHere, "this system's event log API cannot read another computer's "
                                                         "logs: export them on " +
                                                             computer + " (wevtutil epl " + channel + " " + channel +
                                                             ".evtx)");
            if (code == ERROR_ACCESS_DENIED)
                return fail(ErrorCode::InsufficientRights,
                            "reading the event logs of " + computer +
                                " needs an administrator or a member of Event Log Readers there");
            return fail(ErrorCode::ConnectFailed, "cannot open the event logs of " + computer + ": " +
                                                      systemMessage(code) +
                                                      " (is Remote Event Log Management allowed in its firewall?)");
        }
    }
    // Only the events that can matter for certificates are asked for: the DC does the filtering.
    const std::wstring xpath =
        L"*[System[(EventID=4768 or EventID=4769 or EventID=4771 or EventID=21 or EventID=39 or EventID=40 or "
        L"EventID=41 or EventID=45 or EventID=48 or EventID=49 or (EventID>=36874 and EventID<=36888))]]";
    const std::wstring path = win::wide(channel);
    EvtHandle query(
        EvtQuery(session.get(), path.c_str(), xpath.c_str(), EvtQueryChannelPath | EvtQueryForwardDirection));
    if (!query) {
        const DWORD code = GetLastError();
        if (code == ERROR_SUCCESS || code == ERROR_CALL_NOT_IMPLEMENTED || code == ERROR_NOT_SUPPORTED ||
            code == ERROR_INVALID_HANDLE)
            return fail(ErrorCode::NotSupportedHere, "this system's event log API cannot read the live " + channel +
                                                         " log: export it instead "
                                                         "(wevtutil qe " +
                                                         channel + " /f:xml > " + channel + ".xml)");
        if (code == ERROR_ACCESS_DENIED)
            return fail(ErrorCode::InsufficientRights, "reading the " + channel + " log" +
                                                           (computer.empty() ? std::string() : " of " + computer) +
                                                           " needs an administrator or a member of Event Log Readers");
        if (code == ERROR_EVT_CHANNEL_NOT_FOUND)
            return fail(ErrorCode::InvalidArgument, "no event log named " + channel + " (Security, System ...)");
        return fail(ErrorCode::ConnectFailed, "Windows could not read the " + channel + " log: " + systemMessage(code));
    }
    auto relevant = limits;
    relevant.relevantOnly = true;
    return readQuery(query.get(), relevant);
}

}  // namespace eascert::evidence
