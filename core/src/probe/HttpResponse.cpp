#include "HttpResponse.h"

#include <charconv>
#include <regex>

#include "eascert/support/Text.h"

namespace eascert::probe {

namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c + 32);
    return out;
}

// NUL, CR, LF or another control byte (tab is allowed) inside a header line: RFC 9110 §5.5 says a
// recipient must reject or replace them; we reject, as curl does.
bool hasControlByte(std::string_view line)
{
    for (const char c : line) {
        const auto b = static_cast<unsigned char>(c);
        if ((b < 0x20 && b != '\t') || b == 0x7F)
            return true;
    }
    return false;
}

std::string excerpt(std::string_view s)
{
    return text::printable(s.substr(0, 80));
}

}  // namespace

// Decodes as much of a chunked body as has arrived. Sizes are checked against what is left before
// any arithmetic, so a size near 2^64 cannot wrap an offset.
HttpReader::Chunks HttpReader::dechunk(std::string_view raw, std::string& out)
{
    out.clear();
    std::size_t pos = 0;
    for (;;) {
        const std::size_t eol = raw.find("\r\n", pos);
        if (eol == std::string_view::npos)
            return raw.size() - pos > 1024 ? Chunks::Malformed : Chunks::Incomplete;
        std::string_view sizeText = raw.substr(pos, eol - pos);
        sizeText = sizeText.substr(0, sizeText.find(';'));  // chunk extensions are ignored
        sizeText = text::trim(sizeText);
        std::size_t size = 0;
        const auto [ptr, ec] = std::from_chars(sizeText.data(), sizeText.data() + sizeText.size(), size, 16);
        if (ec != std::errc() || ptr != sizeText.data() + sizeText.size() || sizeText.empty())
            return Chunks::Malformed;  // not hex, or too large for any offset
        pos = eol + 2;
        if (size == 0)
            return Chunks::Complete;  // trailers, if any, are not read
        const std::size_t left = raw.size() - pos;
        if (size > left) {
            out.append(raw.substr(pos));
            return Chunks::Incomplete;
        }
        out.append(raw.substr(pos, size));
        pos += size;
        if (raw.size() - pos < 2)
            return Chunks::Incomplete;
        if (raw.substr(pos, 2) != "\r\n")
            return Chunks::Malformed;
        pos += 2;
    }
}

Result<void> HttpReader::parseHeaders(std::string_view head)
{
    // "HTTP/1.x NNN reason", read by hand: a regex engine that recurses per character would meet a
    // status line as long as the header limit.
    std::size_t pos = head.find("\r\n");
    const std::string_view first = head.substr(0, pos);
    const auto digit = [&](std::size_t i) { return first[i] >= '0' && first[i] <= '9'; };
    if (first.size() < 12 || first.substr(0, 7) != "HTTP/1." || (first[7] != '0' && first[7] != '1') ||
        first[8] != ' ' || !digit(9) || !digit(10) || !digit(11) || (first.size() > 12 && first[12] != ' '))
        return fail(ErrorCode::ProtocolError, "not an HTTP response: " + excerpt(first));
    m_facts = HttpFacts{};
    m_contentLength.reset();
    m_chunked = false;
    m_facts.status = (first[9] - '0') * 100 + (first[10] - '0') * 10 + (first[11] - '0');
    const std::string reason(first.size() > 13 ? first.substr(13) : std::string_view());
    if (hasControlByte(reason))
        return fail(ErrorCode::ProtocolError, "the status line has control bytes: " + excerpt(first));
    std::string contentType;
    std::vector<std::pair<std::string, std::string>> raw;
    while (pos != std::string_view::npos && pos + 2 < head.size()) {
        const std::size_t start = pos + 2;
        pos = head.find("\r\n", start);
        const auto line = head.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start);
        if (line.empty())
            break;
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0)
            return fail(ErrorCode::ProtocolError, "malformed header line: " + excerpt(line));
        if (hasControlByte(line))
            return fail(ErrorCode::ProtocolError, "a header line has NUL or control bytes: " + excerpt(line));
        const std::string name = lower(text::trim(line.substr(0, colon)));
        std::string value(text::trim(line.substr(colon + 1)));
        if (name == "content-type")
            contentType = value;
        if (name == "content-length") {
            std::size_t n = 0;
            const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (ec != std::errc() || p != value.data() + value.size() || value.empty())
                return fail(ErrorCode::ProtocolError, "bad Content-Length: " + excerpt(value));
            if (m_contentLength && *m_contentLength != n)
                return fail(ErrorCode::ProtocolError, "conflicting Content-Length headers (" +
                                                          std::to_string(*m_contentLength) + " and " +
                                                          std::to_string(n) + ")");
            m_contentLength = n;
        } else if (name == "transfer-encoding" && text::equalsIgnoreCase(value, "chunked"))
            m_chunked = true;
        raw.emplace_back(name, std::move(value));
    }
    // Outside text, made safe once here: every later reader (JSON, HTML, the wizard) gets valid UTF-8.
    const std::string charset = text::charsetOf(contentType);
    const auto safe = [&](std::string_view s) {
        if (!text::isValidUtf8(s))
            m_facts.nonUtf8Text = true;
        return text::serverText(s, charset);
    };
    m_facts.reason = safe(reason);
    for (auto& [rawName, rawValue] : raw) {
        const std::string name = safe(rawName);
        const std::string value = safe(rawValue);
        m_facts.headers.emplace(name, value);
        if (name == "www-authenticate")
            m_facts.wwwAuthenticate.push_back(value);
        else if (name == "ms-server-activesync")
            m_facts.msServerActiveSync = value;
        else if (name == "ms-asprotocolversions")
            m_facts.msAsProtocolVersions = value;
        else if (name == "ms-asprotocolcommands")
            m_facts.msAsProtocolCommands = value;
        else if (name == "x-ms-location" || (name == "location" && m_facts.location.empty()))
            m_facts.location = value;
    }
    m_facts.charset = charset;
    return {};
}

Result<bool> HttpReader::bodyComplete() const
{
    if (m_eof)
        return true;
    if (m_facts.status == 101 || m_facts.status == 204 || m_facts.status == 304)
        return true;
    if (m_chunked) {
        std::string ignored;
        const auto state = dechunk(m_body, ignored);
        if (state == Chunks::Malformed)
            return fail(ErrorCode::ProtocolError,
                        "malformed chunked body (a chunk size that is not hex or does not fit)");
        return state == Chunks::Complete || m_body.size() >= m_maxBody;
    }
    if (m_contentLength)
        return m_body.size() >= std::min(*m_contentLength, m_maxBody);
    return m_body.size() >= m_maxBody;
}

Result<bool> HttpReader::feed(std::string_view data, bool eof)
{
    m_eof = m_eof || eof;
    while (!m_headersDone) {
        m_head.append(data);
        data = {};
        const std::size_t end = m_head.find("\r\n\r\n");
        const std::size_t budget = m_maxHeader - std::min(m_maxHeader, m_headerBytes);
        if (end == std::string::npos) {
            if (m_head.size() > budget)
                return fail(ErrorCode::ProtocolError,
                            "the response headers exceed " + std::to_string(m_maxHeader) + " bytes");
            if (m_eof)
                return fail(ErrorCode::ProtocolError, "the connection closed before the response headers ended");
            return false;
        }
        if (end + 4 > budget)
            return fail(ErrorCode::ProtocolError,
                        "the response headers exceed " + std::to_string(m_maxHeader) + " bytes");
        std::string rest = m_head.substr(end + 4);
        m_head.resize(end + 2);
        if (auto r = parseHeaders(m_head); !r)
            return std::unexpected(r.error());
        m_headerBytes += end + 4;
        // An interim answer ("100 Continue", "103 Early Hints"): the real one follows. 101 would
        // switch protocols, which a probe never asked for: it is the answer.
        if (m_facts.status >= 100 && m_facts.status < 200 && m_facts.status != 101) {
            if (++m_interim > kMaxInterimResponses)
                return fail(ErrorCode::ProtocolError, "more than " + std::to_string(kMaxInterimResponses) +
                                                          " interim (1xx) answers before the response");
            m_head = std::move(rest);
            if (m_head.find("\r\n\r\n") == std::string::npos) {
                if (m_head.size() > m_maxHeader - std::min(m_maxHeader, m_headerBytes))
                    return fail(ErrorCode::ProtocolError,
                                "the response headers exceed " + std::to_string(m_maxHeader) + " bytes");
                if (m_eof)
                    return fail(ErrorCode::ProtocolError, "the connection closed before the response headers ended");
                return false;
            }
            continue;
        }
        m_headersDone = true;
        m_head.clear();
        m_body.append(rest.substr(0, std::min(rest.size(), m_maxBody)));
        m_facts.bodyTruncated = rest.size() > m_maxBody;
        return bodyComplete();
    }
    const std::size_t room = m_maxBody > m_body.size() ? m_maxBody - m_body.size() : 0;
    m_body.append(data.substr(0, std::min(room, data.size())));
    if (data.size() > room)
        m_facts.bodyTruncated = true;
    return bodyComplete();
}

Result<HttpFacts> HttpReader::result() const
{
    if (!m_headersDone)
        return fail(ErrorCode::ProtocolError, "no complete HTTP response");
    HttpFacts facts = m_facts;
    std::string body = m_body;
    if (m_chunked) {
        std::string decoded;
        const auto state = dechunk(m_body, decoded);
        if (state == Chunks::Malformed)
            return fail(ErrorCode::ProtocolError,
                        "malformed chunked body (a chunk size that is not hex or does not fit)");
        body = std::move(decoded);
    }
    facts.bodyBytes = body.size();
    // Cut at a character boundary (never inside a UTF-8 sequence), then made safe like the headers.
    std::size_t n = std::min<std::size_t>(body.size(), 2048);
    while (n > 2044 && n < body.size() && (static_cast<unsigned char>(body[n]) & 0xC0) == 0x80)
        --n;
    const std::string_view cut = std::string_view(body).substr(0, n);
    if (!text::isValidUtf8(cut))
        facts.nonUtf8Text = true;
    facts.bodyExcerpt = text::serverText(cut, facts.charset);
    static const std::regex iisError(R"(HTTP Error (\d{3})\.(\d{1,4})\b)");
    std::smatch m;
    if (std::regex_search(facts.bodyExcerpt, m, iisError) && std::stoi(m[1]) == facts.status)
        facts.substatus = std::stoi(m[2]);
    return facts;
}

}  // namespace eascert::probe
