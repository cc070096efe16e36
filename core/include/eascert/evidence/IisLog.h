#pragma once

// IIS's W3C logs (u_ex*.log) and HTTP.sys's HTTPERR logs: the evidence of a 401.2 as the admin
// finds it on the server. A pure reader over bytes: the caller bounds what it reads from disk.

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eascert/support/Error.h"

namespace eascert::evidence {

// One request line. Text fields are as logged ("-" becomes empty; a W3C "+" in the user agent stays),
// bytes that are not UTF-8 are kept as they are: the front ends escape them when they show them.
struct IisRequest
{
    std::size_t line = 0;  // 1-based line number in the file
    std::string date;      // yyyy-mm-dd, UTC as IIS logs it
    std::string time;      // hh:mm:ss
    std::string clientIp;
    std::string method;
    std::string uriStem;
    std::string uriQuery;
    std::string userName;  // cs-username: empty when the request was not authenticated
    std::string userAgent;
    std::optional<int> status;                 // sc-status
    std::optional<int> substatus;              // sc-substatus
    std::optional<std::uint32_t> win32Status;  // sc-win32-status
    std::string reason;                        // s-reason (HTTPERR logs)
    // The ActiveSync query (percent-decoded): User=, DeviceId=, DeviceType=, Cmd=.
    std::string easUser;
    std::string deviceId;
    std::string deviceType;
    std::string easCommand;

    std::string timestamp() const { return date.empty() ? time : time.empty() ? date : date + " " + time; }
};

struct IisLogLimits
{
    std::size_t maxRequests = 1'000'000;   // more are counted in skipped, not kept
    std::size_t maxLineBytes = 64 * 1024;  // a longer line is a damaged line
    // Keep only the requests whose status says something about certificates (iisStatusMeaning, not
    // Negotiate's first leg); the others are counted (total, minutes) and let go. What a log of any
    // size streamed from a file keeps.
    bool relevantOnly = false;
};

// Requests per minute by what they mean for certificate sign-in: the report's timeline.
struct IisMinute
{
    std::uint32_t ok = 0;             // 2xx
    std::uint32_t mappingFailed = 0;  // 401.2
    std::uint32_t other = 0;          // any other 4xx or 5xx
};

enum class IisLogKind
{
    W3c,
    HttpErr
};

struct IisLog
{
    IisLogKind kind = IisLogKind::W3c;
    std::vector<IisRequest> requests;
    std::size_t damagedLines = 0;      // lines that could not be read (no #Fields yet, wrong field count, too long)
    std::size_t firstDamagedLine = 0;  // its 1-based number, 0 when none
    std::size_t skipped = 0;           // requests beyond maxRequests
    std::size_t total = 0;             // every request read, kept or not
    std::map<std::int64_t, IisMinute> minutes;  // by UTC minute (seconds since 1970 / 60), every dated request
};

// Reads a W3C log piece by piece, as a file is read in blocks (lines may straddle the pieces): the same
// rules as parseIisLog, in memory bounded by the limits whatever the size of the log.
class IisLogReader
{
public:
    explicit IisLogReader(IisLogLimits limits = {});
    ~IisLogReader();
    IisLogReader(const IisLogReader&) = delete;
    IisLogReader& operator=(const IisLogReader&) = delete;

    void feed(std::string_view bytes);
    IisLog finish();  // the last line without its line end counts too

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// True when the bytes are a W3C extended log as IIS or HTTP.sys writes it: directives ("#Software:",
// "#Version:", "#Fields:") before the first record. Recognised from the content, never the file name.
bool looksLikeIisLog(std::string_view bytes);

// Reads a whole log. #Fields may change in the middle of a file (IIS writes new directives when the
// logged fields change or the service restarts); each record is read with the fields in force. A
// damaged line is counted and skipped; a file that is not a W3C log is UnrecognizedFormat.
Result<IisLog> parseIisLog(std::string_view bytes, const IisLogLimits& limits = {});

// What a status, substatus and win32 status mean for certificate sign-in (domain.md §9b), one
// sentence; empty when the combination says nothing about certificates.
std::string_view iisStatusMeaning(int status, int substatus, std::uint32_t win32Status);
// Whether a request says something about certificate sign-in: a status with a meaning, except
// Negotiate's first leg (401 with SEC_E_NO_CREDENTIALS), which every Windows sign-in starts with.
bool mattersForCertificates(int status, int substatus, std::uint32_t win32Status);

// The certificate mapping failures in a log (401.2): how many, from which devices, first and last.
struct MappingFailures
{
    std::size_t count = 0;
    std::vector<std::string> devices;   // "DeviceType DeviceId", each once, in order of first sight
    std::vector<std::string> accounts;  // the ActiveSync User= values, each once
    std::string first;                  // timestamps as logged
    std::string last;
};
MappingFailures mappingFailures(const IisLog& log);

}  // namespace eascert::evidence
