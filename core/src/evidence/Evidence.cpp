#include "eascert/evidence/Evidence.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "EventCommon.h"

#include "eascert/support/File.h"
#include "eascert/support/Path.h"
#include "eascert/support/Text.h"

namespace eascert::evidence {

std::string_view sourceFormatId(SourceFormat format)
{
    switch (format) {
    case SourceFormat::Evtx: return "evtx";
    case SourceFormat::EventXml: return "event-xml";
    case SourceFormat::EventText: return "event-text";
    case SourceFormat::EventCsv: return "event-csv";
    case SourceFormat::IisW3c: return "iis-w3c";
    case SourceFormat::IisHttpErr: return "iis-httperr";
    case SourceFormat::IisConfig: return "iis-config";
    case SourceFormat::NetshSslCert: return "netsh-sslcert";
    case SourceFormat::RegExport: return "registry-export";
    case SourceFormat::LiveEventLog: return "live-event-log";
    }
    return "unknown";
}

std::size_t EvidenceSource::records() const
{
    return iis ? iis->total : config ? config->settings.size() : std::max(events.total, events.events.size());
}

std::size_t EvidenceSource::errors() const
{
    return iis ? iis->damagedLines : config ? config->damaged : events.damaged;
}

std::size_t EvidenceSource::notKept() const
{
    return iis ? iis->skipped : config ? 0 : events.skipped;
}

std::string EvidenceSource::firstError() const
{
    if (iis)
        return iis->damagedLines ? "line " + std::to_string(iis->firstDamagedLine) + " could not be read"
                                 : std::string();
    if (config)
        return config->firstDamage;
    return events.damaged ? "record " + std::to_string(events.firstDamaged) + ": " + events.firstDamage : std::string();
}

namespace {

// A format: how it is recognised, how it is read, what it is called.
template <typename Log, typename Limits> struct Reader
{
    bool (*looks)(std::string_view);
    Result<Log> (*parse)(std::string_view, const Limits&);
    SourceFormat format;
};

// The first reader that recognises the text reads it into the source's member; nullopt when none does.
template <typename Log, typename Limits, std::size_t N, typename Member>
std::optional<Result<EvidenceSource>> firstReader(const Reader<Log, Limits> (&readers)[N], std::string_view text,
                                                  const Limits& limits, EvidenceSource& source, Member member)
{
    for (const auto& r : readers) {
        if (!r.looks(text))
            continue;
        auto log = r.parse(text, limits);
        if (!log)
            return std::unexpected(log.error());
        source.format = r.format;
        source.*member = std::move(*log);
        return std::move(source);
    }
    return std::nullopt;
}

}  // namespace

Result<EvidenceSource> readEvidence(std::string_view bytes, const EvidenceLimits& limits)
{
    if (bytes.empty())
        return fail(ErrorCode::EmptyFile, "the evidence is empty");
    EvidenceSource source;
    if (looksLikeEvtx(bytes)) {
        auto log = parseEvtx(bytes, limits.events);
        if (!log)
            return std::unexpected(log.error());
        source.format = SourceFormat::Evtx;
        source.events = std::move(*log);
        return source;
    }
    const auto textValue = text::windowsText(bytes);
    if (!textValue)
        return fail(ErrorCode::UnrecognizedFormat,
                    "binary data that is neither an .evtx file nor text (it starts like UTF-16, but is not)");
    const std::string_view t = *textValue;
    if (looksLikeIisLog(t)) {
        auto log = parseIisLog(t, limits.iis);
        if (!log)
            return std::unexpected(log.error());
        source.format = log->kind == IisLogKind::HttpErr ? SourceFormat::IisHttpErr : SourceFormat::IisW3c;
        source.iis = std::move(*log);
        return source;
    }
    // Text first among the events: its "Event Xml:" part would otherwise look like an XML export.
    static constexpr Reader<ConfigLog, ConfigLimits> kSettingsReaders[] = {
        {looksLikeRegExport, parseRegExport, SourceFormat::RegExport},
        {looksLikeNetshSslCert, parseNetshSslCert, SourceFormat::NetshSslCert},
        {looksLikeIisConfig, parseIisConfig, SourceFormat::IisConfig},
    };
    static constexpr Reader<EventLog, EventLimits> kEventReaders[] = {
        {looksLikeEventText, parseEventText, SourceFormat::EventText},
        {looksLikeEventXml, parseEventXml, SourceFormat::EventXml},
        {looksLikeEventCsv, parseEventCsv, SourceFormat::EventCsv},
    };
    if (auto read = firstReader(kSettingsReaders, t, limits.config, source, &EvidenceSource::config))
        return std::move(*read);
    if (auto read = firstReader(kEventReaders, t, limits.events, source, &EvidenceSource::events))
        return std::move(*read);
    return fail(ErrorCode::UnrecognizedFormat,
                "not a known evidence format. Known: Windows event logs (.evtx; XML from wevtutil qe /f:xml or Event "
                "Viewer's \"Save as XML\"; Event Viewer's \"Copy details as text\"; CSV) and IIS logs (u_ex*.log, "
                "HTTPERR), server settings (applicationHost.config, netsh http show sslcert, .reg exports)");
}

namespace {

// A file streamed keeps at most this many records that matter (an IIS request holds about 700 bytes,
// an event about 1 KiB): the rest are counted as not kept, so memory stays under 64 MiB whatever
// the size of the file.
constexpr std::size_t kStreamedRecords = 40'000;

// An IIS log of any size, streamed in blocks: what matters for certificates is kept (bounded by the
// limits), every request is counted per minute. Not an IIS log (or UTF-16 text, which IIS does not
// write): nullopt, and the file is read whole like the other formats.
std::optional<Result<EvidenceSource>> streamIisLog(const std::filesystem::path& path, const EvidenceLimits& limits)
{
    constexpr std::size_t kBlock = 1024 * 1024;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;  // the whole-file read says why
    std::string block(kBlock, '\0');
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    std::size_t got = static_cast<std::size_t>(in.gcount());
    const std::string_view head(block.data(), std::min<std::size_t>(got, 64 * 1024));
    if (head.find('\0') != std::string_view::npos || !looksLikeIisLog(head))
        return std::nullopt;
    auto iisLimits = limits.iis;
    iisLimits.relevantOnly = true;
    iisLimits.maxRequests = std::min(iisLimits.maxRequests, kStreamedRecords);
    IisLogReader reader(iisLimits);
    while (got > 0) {
        reader.feed(std::string_view(block.data(), got));
        if (!in)
            break;
        in.read(block.data(), static_cast<std::streamsize>(block.size()));
        got = static_cast<std::size_t>(in.gcount());
    }
    if (in.bad())
        return Result<EvidenceSource>(fail(ErrorCode::FileUnreadable, utf8Path(path)));
    EvidenceSource source;
    source.path = utf8Path(path);
    source.iis = reader.finish();
    source.format = source.iis->kind == IisLogKind::HttpErr ? SourceFormat::IisHttpErr : SourceFormat::IisW3c;
    return Result<EvidenceSource>(std::move(source));
}

// An .evtx file of any size: the reader reads the file itself, only the events that matter for
// certificates are kept. Not an .evtx file: nullopt.
std::optional<Result<EvidenceSource>> streamEvtx(const std::filesystem::path& path, const EvidenceLimits& limits)
{
    std::ifstream in(path, std::ios::binary);
    char magic[8] = {};
    in.read(magic, sizeof magic);
    if (!in || !looksLikeEvtx(std::string_view(magic, sizeof magic)))
        return std::nullopt;
    auto eventLimits = limits.events;
    eventLimits.relevantOnly = true;
    eventLimits.maxEvents = std::min(eventLimits.maxEvents, kStreamedRecords);
    auto log = parseEvtxFile(path, eventLimits);
    if (!log)
        return Result<EvidenceSource>(fail(log.error().code, utf8Path(path) + ": " + log.error().detail));
    EvidenceSource source;
    source.path = utf8Path(path);
    source.format = SourceFormat::Evtx;
    source.events = std::move(*log);
    return Result<EvidenceSource>(std::move(source));
}

}  // namespace

Result<EvidenceSource> readEvidenceFile(const std::filesystem::path& path, const EvidenceLimits& limits)
{
    if (auto streamed = streamIisLog(path, limits))
        return std::move(*streamed);
    if (auto evtx = streamEvtx(path, limits))
        return std::move(*evtx);
    auto bytes = readFile(path, limits.maxFileBytes);
    if (!bytes)
        return std::unexpected(bytes.error());
    auto source = readEvidence(*bytes, limits);
    if (!source) {
        auto error = source.error();
        error.detail = utf8Path(path) + ": " + error.detail;
        return std::unexpected(std::move(error));
    }
    source->path = utf8Path(path);
    return source;
}

Result<EvidenceSource> readLiveEvidence(const std::string& computer, const std::string& channel,
                                        const EvidenceLimits& limits)
{
    auto eventLimits = limits.events;
    eventLimits.relevantOnly = true;
    eventLimits.maxEvents = std::min(eventLimits.maxEvents, kStreamedRecords);
    auto log = readLiveEventLog(computer, channel, eventLimits);
    if (!log)
        return std::unexpected(log.error());
    EvidenceSource source;
    source.path = channel + " on " + (computer.empty() ? std::string("this computer") : computer);
    source.format = SourceFormat::LiveEventLog;
    source.events = std::move(*log);
    return source;
}

std::optional<std::filesystem::path> localIisConfig()
{
#ifdef _WIN32
    const char* windows = std::getenv("SystemRoot");
    if (!windows || !*windows)
        windows = std::getenv("windir");
    if (windows && *windows)
        return pathFromUtf8(windows) / "System32" / "inetsrv" / "config" / "applicationHost.config";
#endif
    return std::nullopt;
}

std::vector<RelevantRecord> relevantRecords(std::span<const EvidenceSource> sources, const MatchTarget& target)
{
    const bool nothingToMatch = !target.certificate && target.accounts.empty();
    std::vector<RelevantRecord> out;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const auto& source = sources[i];
        if (source.iis) {
            for (const auto& r : source.iis->requests) {
                if (!mattersForCertificates(r.status.value_or(0), r.substatus.value_or(0), r.win32Status.value_or(0)))
                    continue;
                const auto match = matchRequest(r, target);
                const bool namesUser = !r.userName.empty() || !r.easUser.empty();
                out.push_back(
                    {i, nullptr, &r, nullptr, match,
                     nothingToMatch || target.accounts.empty() || !namesUser || match != CertificateMatch::None});
            }
            continue;
        }
        if (source.config) {
            for (const auto& setting : source.config->settings)
                out.push_back({i, nullptr, nullptr, &setting, CertificateMatch::None, true});
            continue;
        }
        for (const auto& e : source.events.events) {
            if (!mattersForCertificates(e))
                continue;
            const auto match = matchEvent(e, target);
            out.push_back({i, &e, nullptr, nullptr, match, nothingToMatch || match != CertificateMatch::None});
        }
    }
    return out;
}

std::optional<std::int64_t> parseUtcTime(std::string_view textValue)
{
    std::string t(text::trim(textValue));
    if (t.size() == 10)
        t += "T00:00:00";
    else if (t.size() == 16)
        t += ":00";
    if (t.size() == 19)
        t += 'Z';
    return parseIsoUtc(t);
}

std::optional<std::int64_t> requestUtc(const IisRequest& request)
{
    if (request.date.empty() || request.time.empty())
        return std::nullopt;
    return parseIsoUtc(request.date + "T" + request.time + "Z");
}

std::size_t keepSince(EvidenceSource& source, std::int64_t since)
{
    std::size_t undated = 0;
    if (source.iis) {
        auto& requests = source.iis->requests;
        std::erase_if(requests, [&](const IisRequest& r) {
            const auto utc = requestUtc(r);
            undated += utc ? 0 : 1;
            return utc && *utc < since;
        });
        return undated;
    }
    std::erase_if(source.events.events, [&](const Event& e) {
        undated += e.utc ? 0 : 1;
        return e.utc && *e.utc < since;
    });
    return undated;
}

std::string recordSummary(const RelevantRecord& r)
{
    std::string out;
    if (const auto* e = r.event) {
        out = std::to_string(e->id);
        for (const auto* field : {"TargetUserName", "AccountName", "Username", "Subject", "Status"})
            if (const auto v = e->field(field); !v.empty())
                out += std::string("  ") + field + "=" + std::string(v);
    } else if (const auto* q = r.request) {
        out = std::to_string(q->status.value_or(0)) + "." + std::to_string(q->substatus.value_or(0)) + "." +
              std::to_string(q->win32Status.value_or(0)) + "  " + q->method + " " + q->uriStem + "  " +
              (q->easUser.empty() ? q->userName : q->easUser) + "  " + q->deviceType + " " + q->deviceId;
    } else if (const auto* c = r.setting) {
        out = c->scope + "  " + c->name + " = " + c->value;
    }
    return text::printable(out);
}

}  // namespace eascert::evidence
