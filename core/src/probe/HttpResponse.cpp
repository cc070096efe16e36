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

// Decodes a complete chunked body; returns false while it is incomplete.
bool dechunk(std::string_view raw, std::string& out)
{
    out.clear();
    std::size_t pos = 0;
    for (;;) {
        const std::size_t eol = raw.find("\r\n", pos);
        if (eol == std::string_view::npos)
            return false;
        std::size_t size = 0;
        const auto sizeText = raw.substr(pos, eol - pos);
        const auto [ptr, ec] = std::from_chars(sizeText.data(), sizeText.data() + sizeText.size(), size, 16);
        if (ec != std::errc())
            return false;
        pos = eol + 2;
        if (size == 0)
            return true;
        if (raw.size() < pos + size + 2)
            return false;
        out.append(raw.substr(pos, size));
        pos += size + 2;
    }
}

} // namespace

Result<void> HttpReader::parseHeaders(std::string_view head)
{
    static const std::regex statusLine(R"(^HTTP/1\.[01] (\d{3})(?: ([^\r\n]*))?$)");
    std::size_t pos = head.find("\r\n");
    const std::string first(head.substr(0, pos));
    std::smatch m;
    if (!std::regex_match(first, m, statusLine))
        return fail(ErrorCode::ProtocolError, "not an HTTP response: " + first.substr(0, 80));
    m_facts.status = std::stoi(m[1]);
    m_facts.reason = m[2];
    while (pos != std::string_view::npos && pos + 2 < head.size()) {
        const std::size_t start = pos + 2;
        pos = head.find("\r\n", start);
        const auto line = head.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start);
        if (line.empty())
            break;
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0)
            return fail(ErrorCode::ProtocolError, "malformed header line");
        const std::string name = lower(text::trim(line.substr(0, colon)));
        const std::string value(text::trim(line.substr(colon + 1)));
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
        else if (name == "content-length") {
            std::size_t n = 0;
            const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (ec != std::errc() || p != value.data() + value.size())
                return fail(ErrorCode::ProtocolError, "bad Content-Length");
            m_contentLength = n;
        } else if (name == "transfer-encoding" && text::equalsIgnoreCase(value, "chunked"))
            m_chunked = true;
    }
    return {};
}

bool HttpReader::bodyComplete() const
{
    if (m_eof)
        return true;
    if (m_facts.status == 204 || m_facts.status == 304 || (m_facts.status >= 100 && m_facts.status < 200))
        return true;
    if (m_chunked) {
        std::string ignored;
        return dechunk(m_body, ignored) || m_body.size() >= m_maxBody;
    }
    if (m_contentLength)
        return m_body.size() >= std::min(*m_contentLength, m_maxBody);
    return m_body.size() >= m_maxBody;
}

Result<bool> HttpReader::feed(std::string_view data, bool eof)
{
    m_eof = m_eof || eof;
    if (!m_headersDone) {
        m_head.append(data);
        const std::size_t end = m_head.find("\r\n\r\n");
        if (end == std::string::npos) {
            if (m_head.size() > m_maxHeader)
                return fail(ErrorCode::ProtocolError,
                            "the response headers exceed " + std::to_string(m_maxHeader) + " bytes");
            if (m_eof)
                return fail(ErrorCode::ProtocolError, "the connection closed before the response headers ended");
            return false;
        }
        if (end > m_maxHeader)
            return fail(ErrorCode::ProtocolError, "the response headers exceed " + std::to_string(m_maxHeader) + " bytes");
        const std::string rest = m_head.substr(end + 4);
        m_head.resize(end + 2);
        if (auto r = parseHeaders(m_head); !r)
            return std::unexpected(r.error());
        m_headersDone = true;
        data = rest;
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
        if (dechunk(m_body, decoded))
            body = std::move(decoded);
    }
    facts.bodyBytes = body.size();
    facts.bodyExcerpt = body.substr(0, 2048);
    static const std::regex iisError(R"(HTTP Error (\d{3})\.(\d{1,4})\b)");
    std::smatch m;
    if (std::regex_search(facts.bodyExcerpt, m, iisError) && std::stoi(m[1]) == facts.status)
        facts.substatus = std::stoi(m[2]);
    return facts;
}

} // namespace eascert::probe
