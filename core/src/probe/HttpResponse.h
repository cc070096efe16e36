#pragma once

#include <string>
#include <string_view>

#include "eascert/probe/Probe.h"

namespace eascert::probe {

// Reads one HTTP/1.1 response incrementally, bounded: headers up to maxHeader bytes in all (interim
// 1xx answers count, more is a protocol error), body up to maxBody bytes (more is kept out and
// flagged as truncated). Strict where a lenient reader would be attacked: conflicting
// Content-Length, NUL or control bytes in a header, a chunk size that does not fit are errors.
class HttpReader
{
public:
    HttpReader(std::size_t maxHeader, std::size_t maxBody) : m_maxHeader(maxHeader), m_maxBody(maxBody) {}

    // True once the response is complete; eof = the connection closed.
    Result<bool> feed(std::string_view data, bool eof);
    bool headersComplete() const { return m_headersDone; }
    Result<HttpFacts> result() const;

    static constexpr int kMaxInterimResponses = 8;  // "100 Continue" and friends before the answer

private:
    enum class Chunks
    {
        Complete,
        Incomplete,
        Malformed
    };
    static Chunks dechunk(std::string_view raw, std::string& out);

    Result<void> parseHeaders(std::string_view head);
    Result<bool> bodyComplete() const;

    std::size_t m_maxHeader;
    std::size_t m_maxBody;
    std::size_t m_headerBytes = 0;  // of every response head so far (interim ones too)
    int m_interim = 0;
    std::string m_head;
    std::string m_body;
    bool m_headersDone = false;
    bool m_eof = false;
    std::optional<std::size_t> m_contentLength;
    bool m_chunked = false;
    HttpFacts m_facts;
};

}  // namespace eascert::probe
