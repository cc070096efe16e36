#include "eascert/evidence/Event.h"

#include <algorithm>
#include <charconv>
#include <chrono>

#include "EventCommon.h"
#include "eascert/support/Text.h"

namespace eascert::evidence {

namespace {

// Event 4768/4769/4771 as the Security log renders them (event-4768 doc), and their section headings.
constexpr Label kSecurityLabels[] = {
    {"Account Information", ""},
    {"Service Information", ""},
    {"Network Information", ""},
    {"Additional Information", ""},
    {"Certificate Information", ""},
    {"Account Name", "TargetUserName"},
    {"Supplied Realm Name", "TargetDomainName"},
    {"Account Domain", "TargetDomainName"},
    {"User ID", "TargetSid"},
    {"Security ID", "TargetSid"},
    {"Service Name", "ServiceName"},
    {"Service ID", "ServiceSid"},
    {"Client Address", "IpAddress"},
    {"Client Port", "IpPort"},
    {"Ticket Options", "TicketOptions"},
    {"Result Code", "Status"},
    {"Failure Code", "Status"},
    {"Ticket Encryption Type", "TicketEncryptionType"},
    {"Pre-Authentication Type", "PreAuthType"},
    {"Certificate Issuer Name", "CertIssuerName"},
    {"Certificate Serial Number", "CertSerialNumber"},
    {"Certificate Thumbprint", "CertThumbprint"},
};

// The KDC's certificate events 39/40/41/45 (domain.md §9a: AccountName, Subject, Issuer, SerialNumber,
// Thumbprint).
constexpr Label kKdcLabels[] = {
    {"User", "AccountName"},
    {"Certificate Subject", "Subject"},
    {"Certificate Issuer", "Issuer"},
    {"Certificate Serial Number", "SerialNumber"},
    {"Certificate Thumbprint", "Thumbprint"},
};

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

void addField(Event& event, std::string_view name, std::string_view value, const EventLimits& limits)
{
    if (event.data.size() >= limits.maxFields || event.has(name))
        return;
    event.data.emplace_back(std::string(name), std::string(text::trim(value)));
}

}  // namespace

std::vector<LabelledValue> labelledValues(std::string_view line, std::span<const Label> labels)
{
    struct Found
    {
        std::size_t at = 0;     // where the label starts
        std::size_t value = 0;  // where its value starts (after the colon)
        const Label* label = nullptr;
    };
    std::vector<Found> found;
    std::size_t pos = 0;
    while (pos < line.size()) {
        if (pos == 0 || isSpace(line[pos - 1])) {
            const Label* best = nullptr;
            for (const auto& l : labels) {
                const auto end = pos + l.label.size();
                if (end < line.size() + 1 && line.substr(pos, l.label.size()) == l.label && end < line.size() &&
                    line[end] == ':' && (!best || l.label.size() > best->label.size()))
                    best = &l;
            }
            if (best) {
                found.push_back({pos, pos + best->label.size() + 1, best});
                pos += best->label.size() + 1;
                continue;
            }
        }
        ++pos;
    }
    std::vector<LabelledValue> out;
    for (std::size_t i = 0; i < found.size(); ++i) {
        const auto end = i + 1 < found.size() ? found[i + 1].at : line.size();
        out.push_back({found[i].label, text::trim(line.substr(found[i].value, end - found[i].value))});
    }
    return out;
}

std::string_view Event::field(std::string_view name) const
{
    for (const auto& [key, value] : data)
        if (text::equalsIgnoreCase(key, name))
            return value;
    return {};
}

bool Event::has(std::string_view name) const
{
    return std::any_of(data.begin(), data.end(),
                       [&](const auto& kv) { return text::equalsIgnoreCase(kv.first, name); });
}

void EventLog::addDamage(std::size_t record, std::string why)
{
    if (damaged++ == 0) {
        firstDamaged = record;
        firstDamage = std::move(why);
    }
}

bool EventLog::admit(std::size_t record, std::size_t bytes, const EventLimits& limits)
{
    if (bytes > limits.maxRecordBytes) {
        addDamage(record, "an event larger than " + std::to_string(limits.maxRecordBytes / 1024) + " KiB");
        return false;
    }
    if (events.size() >= limits.maxEvents) {
        ++skipped;
        return false;
    }
    return true;
}

void EventLog::take(std::size_t record, Result<Event> event)
{
    if (!event) {
        addDamage(record, std::move(event.error().detail));
        return;
    }
    ++total;
    event->record = record;
    events.push_back(std::move(*event));
}

bool mayMatterForCertificates(std::uint32_t id)
{
    switch (id) {
    case 4768:
    case 4769:
    case 4771:
    case 21:
    case 39:
    case 40:
    case 41:
    case 45:
    case 48:
    case 49: return true;
    default: return id >= 36874 && id <= 36888;
    }
}

EventKind eventKindOf(std::string_view provider, std::string_view channel)
{
    if (text::equalsIgnoreCase(provider, "Microsoft-Windows-Kerberos-Key-Distribution-Center") ||
        text::equalsIgnoreCase(provider, "KDC") || text::equalsIgnoreCase(provider, "Kerberos-Key-Distribution-Center"))
        return EventKind::Kdc;
    if (text::equalsIgnoreCase(provider, "Microsoft-Windows-Security-Auditing") ||
        (provider.empty() && text::equalsIgnoreCase(channel, "Security")))
        return EventKind::Security;
    if (text::equalsIgnoreCase(provider, "Schannel") || text::equalsIgnoreCase(provider, "Microsoft-Windows-Schannel"))
        return EventKind::Schannel;
    return EventKind::Other;
}

std::string_view eventKindId(EventKind kind)
{
    switch (kind) {
    case EventKind::Kdc: return "kdc-event";
    case EventKind::Security: return "security-event";
    case EventKind::Schannel: return "schannel-event";
    case EventKind::Other: break;
    }
    return "other-event";
}

Result<void> checkEvtxStart(std::string_view bytes)
{
    if (!looksLikeEvtx(bytes))
        return fail(ErrorCode::UnrecognizedFormat, "not an .evtx file: it does not start with \"ElfFile\"");
    if (bytes.size() < kEvtxHeader)
        return fail(ErrorCode::CorruptData, "the .evtx file is cut off: " + std::to_string(bytes.size()) +
                                                " bytes, less than its 4 KiB header");
    return {};
}

bool looksLikeEvtx(std::string_view bytes)
{
    return bytes.starts_with(std::string_view("ElfFile\0", 8));
}

std::optional<std::uint32_t> parseStatusCode(std::string_view textValue)
{
    auto t = text::trim(textValue);
    int base = 10;
    // "0x", "0X", and "0×" (U+00D7, what a word processor makes of the x).
    for (const std::string_view prefix :
         {std::string_view("0x"), std::string_view("0X"), std::string_view("0\xC3\x97")}) {
        if (t.starts_with(prefix)) {
            t.remove_prefix(prefix.size());
            base = 16;
            break;
        }
    }
    std::uint32_t v = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v, base);
    if (t.empty() || ec != std::errc() || end != t.data() + t.size())
        return std::nullopt;
    return v;
}

std::optional<std::int64_t> parseIsoUtc(std::string_view t)
{
    using namespace std::chrono;
    // yyyy-mm-ddThh:mm:ss, then an optional fraction, then Z or +hh:mm / -hh:mm.
    if (t.size() < 20 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != ' ') || t[13] != ':' || t[16] != ':')
        return std::nullopt;
    const auto num = [&](std::size_t at, std::size_t len) -> std::optional<int> {
        int v = 0;
        const auto [end, ec] = std::from_chars(t.data() + at, t.data() + at + len, v);
        if (ec != std::errc() || end != t.data() + at + len)
            return std::nullopt;
        return v;
    };
    const auto y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2), s = num(17, 2);
    if (!y || !mo || !d || !h || !mi || !s || *h > 23 || *mi > 59 || *s > 60)
        return std::nullopt;
    const year_month_day ymd{year(*y), month(static_cast<unsigned>(*mo)), day(static_cast<unsigned>(*d))};
    if (!ymd.ok())
        return std::nullopt;
    std::size_t pos = 19;
    if (pos < t.size() && t[pos] == '.')
        for (++pos; pos < t.size() && t[pos] >= '0' && t[pos] <= '9'; ++pos) {
        }
    std::int64_t offset = 0;
    if (pos < t.size() && t[pos] == 'Z') {
        ++pos;
    } else if (pos + 6 == t.size() && (t[pos] == '+' || t[pos] == '-') && t[pos + 3] == ':') {
        const auto oh = num(pos + 1, 2), om = num(pos + 4, 2);
        if (!oh || !om)
            return std::nullopt;
        offset = (*oh * 60 + *om) * 60 * (t[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != t.size())
        return std::nullopt;
    const auto secs = sys_days(ymd).time_since_epoch() + hours(*h) + minutes(*mi) + seconds(*s);
    return duration_cast<seconds>(secs).count() - offset;
}

std::size_t findLabel(std::string_view textValue, std::string_view label, std::size_t from)
{
    while (true) {
        const auto at = textValue.find(label, from);
        if (at == std::string_view::npos)
            return at;
        const auto end = at + label.size();
        if ((at == 0 || isSpace(textValue[at - 1])) && end < textValue.size() && textValue[end] == ':')
            return at;
        from = at + 1;
    }
}

void readDescriptionFields(std::string_view description, Event& event, const EventLimits& limits)
{
    const std::span<const Label> labels =
        event.kind == EventKind::Kdc ? std::span<const Label>(kKdcLabels) : std::span<const Label>(kSecurityLabels);
    std::size_t pos = 0;
    while (pos <= description.size()) {
        const auto nl = description.find('\n', pos);
        const auto line = description.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? description.size() + 1 : nl + 1;
        const auto found = labelledValues(line, labels);
        if (found.empty()) {
            // An indented "Label:<tab>value" line the table does not know: kept under its own label.
            if (!line.empty() && (line[0] == '\t' || line[0] == ' ')) {
                const auto trimmed = text::trim(line);
                const auto colon = trimmed.find(':');
                if (colon != std::string_view::npos && colon > 0 && colon < 60 &&
                    trimmed.substr(0, colon).find('\t') == std::string_view::npos)
                    addField(event, text::trim(trimmed.substr(0, colon)), trimmed.substr(colon + 1), limits);
            }
            continue;
        }
        for (const auto& f : found)
            if (!f.label->field.empty())
                addField(event, f.label->field, f.value, limits);
    }
}

}  // namespace eascert::evidence
