#include "eascert/evidence/IisLog.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstring>

#include "eascert/support/Bytes.h"
#include "eascert/support/Text.h"

namespace eascert::evidence {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::size_t kRecogniseBytes = 64 * 1024;

// Splits bytes into lines (LF or CRLF), without the line ends.
class Lines
{
public:
    explicit Lines(std::string_view bytes) : m_rest(bytes)
    {
        if (m_rest.starts_with(kBom))
            m_rest.remove_prefix(kBom.size());
    }
    bool next(std::string_view& line)
    {
        if (m_rest.empty())
            return false;
        const auto end = m_rest.find('\n');
        line = m_rest.substr(0, end);
        m_rest = end == std::string_view::npos ? std::string_view() : m_rest.substr(end + 1);
        if (line.ends_with('\r'))
            line.remove_suffix(1);
        ++m_number;
        return true;
    }
    std::size_t number() const { return m_number; }

private:
    std::string_view m_rest;
    std::size_t m_number = 0;
};

// W3C fields are separated by single spaces; a run of spaces is tolerated (hand-edited files).
std::vector<std::string_view> splitFields(std::string_view line)
{
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos < line.size()) {
        while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t'))
            ++pos;
        if (pos == line.size())
            break;
        const auto end = line.find_first_of(" \t", pos);
        out.push_back(line.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
        pos = end == std::string_view::npos ? line.size() : end;
    }
    return out;
}

bool isDirective(std::string_view line, std::string_view name)
{
    // "#Name:" — the name, then its colon.
    return line.size() > name.size() + 1 && line[0] == '#' && text::startsWithIgnoreCase(line.substr(1), name) &&
           line[1 + name.size()] == ':';
}

std::string value(std::string_view field)
{
    return field == "-" ? std::string() : std::string(field);
}

template <typename T> std::optional<T> number(std::string_view field)
{
    T v{};
    const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), v);
    if (ec != std::errc() || end != field.data() + field.size())
        return std::nullopt;
    return v;
}

// %XX decoded; anything else (a lone %, a bad digit) kept as it is.
std::string percentDecode(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            const int hi = hexDigitValue(s[i + 1]);
            const int lo = hexDigitValue(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out.push_back(static_cast<char>(hi * 16 + lo));
                i += 2;
                continue;
            }
        }
        out.push_back(s[i]);
    }
    return out;
}

// The ActiveSync parameters of a query string (plain form: "User=u&DeviceId=d&DeviceType=t&Cmd=c").
void readActiveSyncQuery(std::string_view query, IisRequest& r)
{
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        const auto eq = pair.find('=');
        if (eq == std::string_view::npos)
            continue;
        const std::string_view key = pair.substr(0, eq);
        std::string* target = text::equalsIgnoreCase(key, "User")         ? &r.easUser
                              : text::equalsIgnoreCase(key, "DeviceId")   ? &r.deviceId
                              : text::equalsIgnoreCase(key, "DeviceType") ? &r.deviceType
                              : text::equalsIgnoreCase(key, "Cmd")        ? &r.easCommand
                                                                          : nullptr;
        if (target && target->empty())
            *target = percentDecode(pair.substr(eq + 1));
    }
}

enum class Field
{
    Other,
    Date,
    Time,
    ClientIp,
    Method,
    UriStem,
    UriQuery,
    Uri,
    UserName,
    UserAgent,
    Status,
    Substatus,
    Win32Status,
    Reason
};

Field fieldOf(std::string_view name)
{
    struct Known
    {
        std::string_view name;
        Field field;
    };
    static constexpr Known kKnown[] = {
        {"date", Field::Date},
        {"time", Field::Time},
        {"c-ip", Field::ClientIp},
        {"cs-method", Field::Method},
        {"cs-uri-stem", Field::UriStem},
        {"cs-uri-query", Field::UriQuery},
        {"cs-uri", Field::Uri},
        {"cs-username", Field::UserName},
        {"cs(User-Agent)", Field::UserAgent},
        {"sc-status", Field::Status},
        {"sc-substatus", Field::Substatus},
        {"sc-win32-status", Field::Win32Status},
        {"s-reason", Field::Reason},
    };
    for (const auto& k : kKnown)
        if (text::equalsIgnoreCase(name, k.name))
            return k.field;
    return Field::Other;
}

void assign(IisRequest& r, Field field, std::string_view v)
{
    switch (field) {
    case Field::Other: break;
    case Field::Date: r.date = value(v); break;
    case Field::Time: r.time = value(v); break;
    case Field::ClientIp: r.clientIp = value(v); break;
    case Field::Method: r.method = value(v); break;
    case Field::UriStem: r.uriStem = value(v); break;
    case Field::UriQuery: r.uriQuery = value(v); break;
    case Field::Uri: {  // HTTPERR: the whole URI, the query after '?'
        const std::string uri = value(v);
        const auto q = uri.find('?');
        r.uriStem = uri.substr(0, q);
        if (q != std::string::npos)
            r.uriQuery = uri.substr(q + 1);
        break;
    }
    case Field::UserName: r.userName = value(v); break;
    case Field::UserAgent: r.userAgent = value(v); break;
    case Field::Status: r.status = number<int>(v); break;
    case Field::Substatus: r.substatus = number<int>(v); break;
    case Field::Win32Status: r.win32Status = number<std::uint32_t>(v); break;
    case Field::Reason: r.reason = value(v); break;
    }
}

}  // namespace

bool looksLikeIisLog(std::string_view bytes)
{
    Lines lines(bytes.substr(0, kRecogniseBytes));
    std::string_view line;
    bool first = true;
    while (lines.next(line)) {
        if (line.empty())
            continue;
        if (line[0] != '#')
            return false;  // a record before any #Fields: not a W3C log
        if (first && !isDirective(line, "Software") && !isDirective(line, "Version") && !isDirective(line, "Fields") &&
            !isDirective(line, "Date"))
            return false;
        first = false;
        if (isDirective(line, "Fields"))
            return true;
    }
    return false;
}

namespace {

// The fields of a line separated by spaces (runs of spaces count as one), eight bytes at a time: the
// spaces of each 8-byte word found at once (a zero-byte test on the word XOR "        "), so a log
// line costs a few word operations rather than a call per field. The hot loop of a 1 GB log.
void splitAtSpaces(std::string_view line, std::vector<std::string_view>& out)
{
    constexpr std::uint64_t kSpaces = 0x2020202020202020ULL;
    constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
    const char* const data = line.data();
    const std::size_t size = line.size();
    std::size_t start = 0;  // of the field being read
    const auto boundary = [&](std::size_t space) {
        if (space > start)
            out.emplace_back(data + start, space - start);
        start = space + 1;
    };
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        std::uint64_t word;
        std::memcpy(&word, data + i, 8);
        const std::uint64_t x = word ^ kSpaces;
        // The high bit of each byte that was a space (exact: no false positives).
        std::uint64_t spaces = ~(((x & kLow7) + kLow7) | x | kLow7);
        while (spaces) {
            if constexpr (std::endian::native == std::endian::little) {  // byte n is bits 8n..8n+7
                const int bit = std::countr_zero(spaces);
                boundary(i + static_cast<std::size_t>(bit / 8));
                spaces &= spaces - 1;
            } else {  // byte n is bits 56-8n..63-8n
                const int bit = std::countl_zero(spaces);
                boundary(i + static_cast<std::size_t>(bit / 8));
                spaces &= ~(std::uint64_t{1} << (63 - bit));
            }
        }
    }
    for (; i < size; ++i)
        if (data[i] == ' ')
            boundary(i);
    if (size > start)
        out.emplace_back(data + start, size - start);
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t daysFromCivil(int y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// "2026-12-01" and "09:28:18": the UTC minute, without allocating; none when either is not a time.
std::optional<std::int64_t> minuteOf(std::string_view date, std::string_view time)
{
    const auto digits = [](std::string_view s, std::size_t at, std::size_t n) -> int {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (s[i] < '0' || s[i] > '9')
                return -1;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    if (date.size() != 10 || date[4] != '-' || date[7] != '-' || time.size() < 5 || time[2] != ':')
        return std::nullopt;
    const int y = digits(date, 0, 4), m = digits(date, 5, 2), d = digits(date, 8, 2);
    const int hh = digits(time, 0, 2), mm = digits(time, 3, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31 || hh < 0 || hh > 23 || mm < 0 || mm > 59)
        return std::nullopt;
    return daysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)) * 1440 + hh * 60 + mm;
}

}  // namespace

struct IisLogReader::State
{
    IisLogLimits limits;
    IisLog log;
    std::vector<Field> fields;
    std::vector<std::string_view> values;  // reused: no allocation per line
    std::string partial;                   // a line straddling two pieces
    bool skipping = false;                 // in a line longer than maxLineBytes
    bool first = true;                     // before the first line (a UTF-8 byte order mark may come)
    std::size_t line = 0;
    // Where the fields the reader looks at are, in the #Fields in force (npos: not logged).
    std::size_t date = std::string::npos, time = std::string::npos, status = std::string::npos,
                substatus = std::string::npos, win32 = std::string::npos;
    IisMinute* current = nullptr;  // the map entry of the last line's minute (std::map keeps it valid)
    std::int64_t currentMinute = 0;

    void damaged(std::size_t number)
    {
        if (log.damagedLines++ == 0)
            log.firstDamagedLine = number;
    }
    void directive(std::string_view text);
    void record(std::string_view text);
    void take(std::string_view text);
};

void IisLogReader::State::directive(std::string_view text)
{
    if (isDirective(text, "Software") && text.find("HTTP API") != std::string_view::npos)
        log.kind = IisLogKind::HttpErr;
    if (!isDirective(text, "Fields"))
        return;
    fields.clear();
    date = time = status = substatus = win32 = std::string::npos;
    for (const auto name : splitFields(text.substr(text.find(':') + 1))) {
        const auto f = fieldOf(name);
        const std::size_t at = fields.size();
        switch (f) {
        case Field::Date: date = at; break;
        case Field::Time: time = at; break;
        case Field::Status: status = at; break;
        case Field::Substatus: substatus = at; break;
        case Field::Win32Status: win32 = at; break;
        case Field::Reason: log.kind = IisLogKind::HttpErr; break;
        default: break;
        }
        fields.push_back(f);
    }
}

void IisLogReader::State::record(std::string_view text)
{
    values.clear();
    const char* p = text.data();
    const char* const end = p + text.size();
    if (std::memchr(p, '\t', text.size())) {  // hand-edited: tabs separate too
        while (p < end) {
            while (p < end && (*p == ' ' || *p == '\t'))
                ++p;
            if (p == end)
                break;
            const char* start = p;
            while (p < end && *p != ' ' && *p != '\t')
                ++p;
            values.emplace_back(start, static_cast<std::size_t>(p - start));
        }
    } else {  // as IIS writes it: one space between fields (a run is tolerated)
        splitAtSpaces(text, values);
    }
    if (fields.empty() || values.size() != fields.size()) {
        damaged(line);
        return;
    }
    ++log.total;
    const auto at = [&](std::size_t i) { return i == std::string::npos ? std::string_view() : values[i]; };
    const auto statusValue = number<int>(at(status));
    const auto substatusValue = number<int>(at(substatus));
    const auto win32Value = number<std::uint32_t>(at(win32));
    const int code = statusValue.value_or(0);
    if (const auto minute = minuteOf(at(date), at(time))) {
        // Logs run in time order: the minute of the line before, most of the time.
        if (!current || currentMinute != *minute) {
            current = &log.minutes[*minute];
            currentMinute = *minute;
        }
        auto& m = *current;
        if (code >= 200 && code < 300)
            ++m.ok;
        else if (code == 401 && substatusValue == 2)
            ++m.mappingFailed;
        else if (code >= 400)
            ++m.other;
    }
    if (limits.relevantOnly && !mattersForCertificates(code, substatusValue.value_or(0), win32Value.value_or(0)))
        return;
    if (log.requests.size() >= limits.maxRequests) {
        ++log.skipped;
        return;
    }
    IisRequest r;
    r.line = line;
    for (std::size_t i = 0; i < values.size(); ++i)
        assign(r, fields[i], values[i]);
    readActiveSyncQuery(r.uriQuery, r);
    log.requests.push_back(std::move(r));
}

void IisLogReader::State::take(std::string_view text)
{
    ++line;
    if (first) {
        first = false;
        if (text.starts_with(kBom))
            text.remove_prefix(kBom.size());
    }
    if (text.ends_with('\r'))
        text.remove_suffix(1);
    if (text.size() > limits.maxLineBytes) {
        damaged(line);
        return;
    }
    if (text.empty())
        return;
    if (text[0] == '#')
        directive(text);
    else
        record(text);
}

IisLogReader::IisLogReader(IisLogLimits limits) : m_state(std::make_unique<State>())
{
    m_state->limits = limits;
}

IisLogReader::~IisLogReader() = default;

void IisLogReader::feed(std::string_view bytes)
{
    auto& s = *m_state;
    while (!bytes.empty()) {
        const auto nl = bytes.find('\n');
        if (nl == std::string_view::npos) {
            // The rest of a line: kept until its end comes, unless it is too long to be a line.
            if (!s.skipping && s.partial.size() + bytes.size() > s.limits.maxLineBytes + 1) {
                s.partial.clear();
                s.skipping = true;
            }
            if (!s.skipping)
                s.partial.append(bytes);
            return;
        }
        const auto piece = bytes.substr(0, nl);
        bytes.remove_prefix(nl + 1);
        if (s.skipping) {  // the end of a line too long to read
            s.skipping = false;
            ++s.line;
            s.first = false;
            s.damaged(s.line);
            continue;
        }
        if (s.partial.empty()) {
            s.take(piece);
        } else {
            s.partial.append(piece);
            s.take(s.partial);
            s.partial.clear();
        }
    }
}

IisLog IisLogReader::finish()
{
    auto& s = *m_state;
    if (s.skipping) {
        ++s.line;
        s.damaged(s.line);
    } else if (!s.partial.empty()) {
        s.take(s.partial);
    }
    s.partial.clear();
    s.skipping = false;
    return std::move(s.log);
}

Result<IisLog> parseIisLog(std::string_view bytes, const IisLogLimits& limits)
{
    if (!looksLikeIisLog(bytes))
        return fail(
            ErrorCode::UnrecognizedFormat,
            "not an IIS log: a W3C log (u_ex*.log, HTTPERR) starts with #Software:, #Version: and #Fields: lines");
    IisLogReader reader(limits);
    reader.feed(bytes);
    return reader.finish();
}

std::string_view iisStatusMeaning(int status, int substatus, std::uint32_t win32Status)
{
    if (status == 401 && substatus == 2)
        return win32Status == 5 ? "IIS could not map the client certificate to an account (access denied, no token): "
                                  "the mapping in altSecurityIdentities is missing, weak or for another certificate."
                                : "Denied by the server's configuration: with a client certificate, it was not mapped "
                                  "to an account.";
    if (status == 401 && win32Status == 2148074254U)
        return "The first leg of Negotiate (SEC_E_NO_CREDENTIALS): normal, not a certificate failure.";
    if (status == 401 && substatus == 1 && win32Status == 3221225581U)
        return "Logon failure (0xC000006D): the account could not sign in.";
    if (status == 403 && substatus == 7)
        return "The server requires a client certificate and none was sent: the phone had none for the CAs the server "
               "lists (check the CA list and the CTL on the binding).";
    if (status == 403 && substatus == 13)
        return win32Status == 2148081683U
                   ? "The revocation of the client certificate could not be checked (0x80092013, the CRL is offline)."
                   : "The client certificate is revoked (0x80092010) or its revocation could not be checked.";
    if (status == 403 && substatus == 16)
        return "The client certificate's root is not trusted by the server (0x800B0109): add the CA to the server's "
               "Trusted Root store.";
    if (status == 403 && substatus == 17)
        return "The client certificate has expired or is not yet valid (0x800B0101).";
    if (status == 413)
        return "Request too large while the client certificate was renegotiated: raise uploadReadAheadSize or enable "
               "client certificate negotiation on the binding.";
    if (status == 500 && win32Status == 2147942450U)
        return "The request was refused (0x80070032): a TLS 1.3 connection cannot be asked for the certificate after "
               "the "
               "request; enable client certificate negotiation on the binding or use TLS 1.2 for it.";
    return {};
}

bool mattersForCertificates(int status, int substatus, std::uint32_t win32Status)
{
    constexpr std::uint32_t kNoCredentials = 2148074254U;  // SEC_E_NO_CREDENTIALS: Negotiate's first leg
    return !iisStatusMeaning(status, substatus, win32Status).empty() &&
           !(status == 401 && win32Status == kNoCredentials);
}

MappingFailures mappingFailures(const IisLog& log)
{
    MappingFailures out;
    const auto addOnce = [](std::vector<std::string>& list, std::string item) {
        if (!item.empty() && std::find(list.begin(), list.end(), item) == list.end())
            list.push_back(std::move(item));
    };
    for (const auto& r : log.requests) {
        if (r.status != 401 || r.substatus != 2)
            continue;
        ++out.count;
        if (out.first.empty())
            out.first = r.timestamp();
        out.last = r.timestamp();
        std::string device = r.deviceType;
        if (!r.deviceId.empty())
            device += (device.empty() ? "" : " ") + r.deviceId;
        addOnce(out.devices, std::move(device));
        addOnce(out.accounts, r.easUser);
    }
    return out;
}

}  // namespace eascert::evidence
