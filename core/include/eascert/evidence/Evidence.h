#pragma once

// One evidence file, whatever the admin brought: its format recognised from the content (never the
// file name), then read by the matching reader. Damaged parts are counted with the first reason.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "eascert/evidence/CertificateMatch.h"
#include "eascert/evidence/Event.h"
#include "eascert/evidence/IisLog.h"
#include "eascert/evidence/ServerSettings.h"
#include "eascert/support/Error.h"

namespace eascert::evidence {

enum class SourceFormat
{
    Evtx,
    EventXml,
    EventText,
    EventCsv,
    IisW3c,
    IisHttpErr,
    IisConfig,
    NetshSslCert,
    RegExport,
    LiveEventLog
};
std::string_view sourceFormatId(SourceFormat format);  // "evtx", "event-xml", ... "iis-httperr"

struct EvidenceSource
{
    std::string path;  // as given (UTF-8); empty for pasted text
    SourceFormat format = SourceFormat::EventXml;
    EventLog events;                  // the event formats
    std::optional<IisLog> iis;        // the IIS formats
    std::optional<ConfigLog> config;  // the settings formats

    std::size_t records() const;  // events or requests read
    std::size_t errors() const;   // damaged records or lines
    std::size_t notKept() const;  // records read but not kept (beyond the limit of kept records)
    std::string firstError() const;
};

struct EvidenceLimits
{
    std::size_t maxFileBytes = 512ULL * 1024 * 1024;
    EventLimits events;
    IisLogLimits iis;
    ConfigLimits config;
};

// UnrecognizedFormat names the formats that are known. Text formats may be UTF-8, UTF-16 (with or
// without a byte order mark, as Windows tools write them) or ANSI.
Result<EvidenceSource> readEvidence(std::string_view bytes, const EvidenceLimits& limits = {});
Result<EvidenceSource> readEvidenceFile(const std::filesystem::path& path, const EvidenceLimits& limits = {});
// A live event log (readLiveEventLog) as a source: "Security on DC1" / "System on this computer".
Result<EvidenceSource> readLiveEvidence(const std::string& computer, const std::string& channel,
                                        const EvidenceLimits& limits = {});
// This Windows computer's IIS configuration (%windir%\System32\inetsrv\config\applicationHost.config);
// nullopt elsewhere.
std::optional<std::filesystem::path> localIisConfig();

// A time given by the admin ("2026-12-01", "2026-12-01 09:30", "2026-12-01T09:30:00Z", "...+01:00"),
// in UTC when it names no zone (as IIS logs are): seconds since 1970.
std::optional<std::int64_t> parseUtcTime(std::string_view text);
// An IIS request's time (its date and time fields, UTC) in seconds since 1970.
std::optional<std::int64_t> requestUtc(const IisRequest& request);

// Drops the records before `since`. Records whose time names no zone (Event Viewer's text and CSV
// exports show local time) cannot be compared: they are kept, and their number is returned.
std::size_t keepSince(EvidenceSource& source, std::int64_t since);

// One event or request that matters for certificate sign-in, with how it names the certificate.
struct RelevantRecord
{
    std::size_t source = 0;               // index into the sources
    const Event* event = nullptr;         // or
    const IisRequest* request = nullptr;  // or
    const ConfigSetting* setting = nullptr;
    CertificateMatch match = CertificateMatch::None;
    bool ours = false;  // about this certificate or account (always, when there is nothing to match against)
};

// The records that matter, in source order: the KDC's certificate events, the Security log's
// certificate lookups (4768/4771 with an X509N: name or certificate fields; never a lookup of an
// ordinary user name), Schannel's events, and IIS requests whose status means something for
// certificates (iisStatusMeaning) other than Negotiate's first leg, and every setting read. An IIS request is ours when
// its user is one of the target's accounts, or when it names no user, or when there are no accounts.
std::vector<RelevantRecord> relevantRecords(std::span<const EvidenceSource> sources, const MatchTarget& target);

// One line for a record, as the command line and the report list it (outside text made printable):
// an event's id and the fields that name the account and the outcome; a request's status, method,
// URI, user and device; a setting's scope, name and value.
std::string recordSummary(const RelevantRecord& record);

}  // namespace eascert::evidence
