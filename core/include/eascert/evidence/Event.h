#pragma once

// Windows events as admins hand them over: .evtx files, XML exports (wevtutil qe /f:xml, Event
// Viewer's "Save as XML"), Event Viewer's "Copy details as text" and CSV exports. Every format is
// read into one model: the System part (provider, id, time, computer) and the EventData fields by
// name. Pure readers over bytes, size-bounded; damaged records are counted, never fatal.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eascert/support/Error.h"

namespace eascert::evidence {

// What an event is about, from its provider (and the channel for the Security log).
enum class EventKind
{
    Kdc,       // Microsoft-Windows-Kerberos-Key-Distribution-Center (System log): 39, 40, 41, 45, 21, 48, 49
    Security,  // Microsoft-Windows-Security-Auditing: 4768, 4769, 4771
    Schannel,  // Schannel: 36874-36888
    Other,
};

struct Event
{
    std::size_t record = 0;  // 1-based position in its source
    std::uint32_t id = 0;    // EventID
    EventKind kind = EventKind::Other;
    std::string provider;  // Provider Name (or the text export's "Source:")
    std::string channel;   // "Security", "System"
    std::string computer;
    std::string level;                // as written: "0", "4", "Information", "Warning"
    std::string time;                 // as written: ISO 8601 UTC from XML/evtx; the export's local form from text/CSV
    std::optional<std::int64_t> utc;  // seconds since 1970 UTC, when the time says its zone (XML, evtx)
    std::vector<std::pair<std::string, std::string>> data;  // EventData/UserData fields, in order
    std::string message;  // the rendered description, when the export carries one (text, CSV)

    // The value of a field by name (case-insensitive); empty when absent.
    std::string_view field(std::string_view name) const;
    bool has(std::string_view name) const;
};

struct EventLimits
{
    std::size_t maxEvents = 1'000'000;         // more are counted in skipped, not kept
    std::size_t maxRecordBytes = 1024 * 1024;  // one event's text (XML element, text block, CSV row)
    std::size_t maxFields = 256;               // per event; more are dropped
    std::chrono::seconds evtxTimeout{600};     // a whole .evtx file (its reader runs apart; killed after this)
    // Keep only the events that can matter for certificate sign-in (mattersForCertificates); the
    // others are counted in total and let go. What a log of any size streamed from a file keeps.
    bool relevantOnly = false;
};

struct EventLog
{
    std::vector<Event> events;
    std::size_t damaged = 0;       // records that could not be read
    std::size_t firstDamaged = 0;  // its 1-based record number, 0 when none
    std::string firstDamage;       // why, in words
    std::size_t skipped = 0;       // events beyond maxEvents
    std::size_t total = 0;         // every record read, kept or not

    void addDamage(std::size_t record, std::string why);
    // Whether a record of this size may be read: false (counted as damaged or skipped) when it is
    // larger than one record may be, or when maxEvents are kept already.
    bool admit(std::size_t record, std::size_t bytes, const EventLimits& limits);
    // A reader's result for one record: kept (numbered), or counted as damaged with its reason.
    void take(std::size_t record, Result<Event> event);
};

EventKind eventKindOf(std::string_view provider, std::string_view channel);
std::string_view eventKindId(EventKind kind);  // "kdc-event", "security-event", "schannel-event", "other-event"

// The formats, recognised from the content.
bool looksLikeEventXml(std::string_view bytes);   // <Event xmlns=...> elements, with or without an <Events> root
bool looksLikeEventText(std::string_view bytes);  // "Log Name:" ... "Event ID:" (English labels)
bool looksLikeEventCsv(std::string_view bytes);   // a header naming an event id and a time column
bool looksLikeEvtx(std::string_view bytes);       // "ElfFile\0"

Result<EventLog> parseEventXml(std::string_view bytes, const EventLimits& limits = {});
Result<EventLog> parseEventText(std::string_view bytes, const EventLimits& limits = {});
Result<EventLog> parseEventCsv(std::string_view bytes, const EventLimits& limits = {});
// .evtx: with libevtx on Linux, with the system's event log API (EvtQuery on the file) on Windows.
// Each record is rendered to XML and read like parseEventXml's, so both give the same events.
Result<EventLog> parseEvtx(std::string_view bytes, const EventLimits& limits = {});
// The same from a file of any size, streamed: the reader reads the file itself, and only the events
// kept are in memory (with limits.relevantOnly, those that matter for certificates).
Result<EventLog> parseEvtxFile(const std::filesystem::path& path, const EventLimits& limits = {});

// The live event log CHANNEL ("Security", "System") of this computer (computer empty) or of a named
// one, a domain controller, read with the current logon (Windows: EvtOpenSession with Negotiate, then
// EvtQuery for the certificate events only). Elsewhere, and where the system's event log API cannot
// (Wine): NotSupportedHere, naming the export to make instead.
Result<EventLog> readLiveEventLog(const std::string& computer, const std::string& channel,
                                  const EventLimits& limits = {});

// The event ids that can matter for certificate sign-in whatever their source: Security 4768, 4769,
// 4771; the KDC's 21, 39, 40, 41, 45, 48, 49; Schannel's 36874-36888. A quick first filter for large
// logs; mattersForCertificates (CertificateMatch.h) decides.
bool mayMatterForCertificates(std::uint32_t eventId);
// Whether an event can matter for certificate sign-in: a certificate lookup (isCertificateLookup in
// CertificateMatch.h), or Schannel's.
bool mattersForCertificates(const Event& event);

// One <Event> element (the XML the other readers and the evtx renderers produce). Exposed for tests.
Result<Event> parseEventElement(std::string_view xml);

// An event as Windows writes it in XML (the event schema's namespace, System then EventData), every
// value escaped. The Event Viewer "Save as XML" form wraps them in <Events>.
std::string toEventXml(const Event& event);
std::string toEventsDocument(std::span<const Event> events);

// "0x6", "0x00000006", "6", and the "0×6" a copy through a word processor leaves: the number, if any.
std::optional<std::uint32_t> parseStatusCode(std::string_view text);

}  // namespace eascert::evidence
