#include "eascert/evidence/IisLog.h"

#include <algorithm>
#include <charconv>

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

template <typename T>
std::optional<T> number(std::string_view field)
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

enum class Field {
    Other, Date, Time, ClientIp, Method, UriStem, UriQuery, Uri, UserName, UserAgent, Status, Substatus,
    Win32Status, Reason
};

Field fieldOf(std::string_view name)
{
    struct Known
    {
        std::string_view name;
        Field field;
    };
    static constexpr Known kKnown[] = {
        {"date", Field::Date},           {"time", Field::Time},
        {"c-ip", Field::ClientIp},       {"cs-method", Field::Method},
        {"cs-uri-stem", Field::UriStem}, {"cs-uri-query", Field::UriQuery},
        {"cs-uri", Field::Uri},          {"cs-username", Field::UserName},
        {"cs(User-Agent)", Field::UserAgent}, {"sc-status", Field::Status},
        {"sc-substatus", Field::Substatus},   {"sc-win32-status", Field::Win32Status},
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

} // namespace

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

Result<IisLog> parseIisLog(std::string_view bytes, const IisLogLimits& limits)
{
    if (!looksLikeIisLog(bytes))
        return fail(ErrorCode::UnrecognizedFormat,
                    "not an IIS log: a W3C log (u_ex*.log, HTTPERR) starts with #Software:, #Version: and #Fields: lines");
    IisLog log;
    std::vector<Field> fields;
    Lines lines(bytes);
    std::string_view line;
    const auto damaged = [&](std::size_t number) {
        if (log.damagedLines++ == 0)
            log.firstDamagedLine = number;
    };
    while (lines.next(line)) {
        if (line.size() > limits.maxLineBytes) {
            damaged(lines.number());
            continue;
        }
        if (line.empty())
            continue;
        if (line[0] == '#') {
            if (isDirective(line, "Software") && line.find("HTTP API") != std::string_view::npos)
                log.kind = IisLogKind::HttpErr;
            if (isDirective(line, "Fields")) {
                fields.clear();
                for (const auto name : splitFields(line.substr(line.find(':') + 1))) {
                    fields.push_back(fieldOf(name));
                    if (fields.back() == Field::Reason)
                        log.kind = IisLogKind::HttpErr;
                }
            }
            continue;
        }
        const auto values = splitFields(line);
        if (fields.empty() || values.size() != fields.size()) {
            damaged(lines.number());
            continue;
        }
        if (log.requests.size() >= limits.maxRequests) {
            ++log.skipped;
            continue;
        }
        IisRequest r;
        r.line = lines.number();
        for (std::size_t i = 0; i < values.size(); ++i)
            assign(r, fields[i], values[i]);
        readActiveSyncQuery(r.uriQuery, r);
        log.requests.push_back(std::move(r));
    }
    return log;
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
        return "The request was refused (0x80070032): a TLS 1.3 connection cannot be asked for the certificate after the "
               "request; enable client certificate negotiation on the binding or use TLS 1.2 for it.";
    return {};
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

} // namespace eascert::evidence
