#pragma once

#include <string>
#include <string_view>

#include "eascert/probe/Probe.h"

namespace eascert::probe {

// Reads one HTTP/1.1 response incrementally, bounded: headers up to maxHeader bytes (more is a
// protocol error), body up to maxBody bytes (more is kept out and flagged as truncated).
class HttpReader
{
public:
    HttpReader(std::size_t maxHeader, std::size_t maxBody) : m_maxHeader(maxHeader), m_maxBody(maxBody) {}

    // True once the response is complete; eof = the connection closed.
    Result<bool> feed(std::string_view data, bool eof);
    bool headersComplete() const { return m_headersDone; }
    Result<HttpFacts> result() const;

private:
    Result<void> parseHeaders(std::string_view head);
    bool bodyComplete() const;

    std::size_t m_maxHeader;
    std::size_t m_maxBody;
    std::string m_head;
    std::string m_body;
    bool m_headersDone = false;
    bool m_eof = false;
    std::optional<std::size_t> m_contentLength;
    bool m_chunked = false;
    HttpFacts m_facts;
};

} // namespace eascert::probe
