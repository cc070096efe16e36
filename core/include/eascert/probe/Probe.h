#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "eascert/cert/CertificateLoader.h"
#include "eascert/support/Error.h"

namespace eascert::probe {

struct Url
{
    std::string host;
    std::uint16_t port = 443;
    std::string path = "/Microsoft-Server-ActiveSync";
};

// https://host[:port][/path]; http:// is refused (client certificates need TLS).
Result<Url> parseUrl(std::string_view text);
// What an admin types, completed as the Remote Connectivity Analyzer does: a bare host name
// ("mail.contoso.com", "mail:8443") gets https:// and, without a path, /Microsoft-Server-ActiveSync.
// Anything with a scheme is returned as typed (parseUrl says what is wrong with http:// or ftp://).
std::string completeUrl(std::string_view text);

enum class Method
{
    Options,
    Get
};

struct ProbeOptions
{
    std::string url;
    Method method = Method::Options;
    const cert::LoadedCertificate* client = nullptr;  // presented when the server asks (needs the key)
    std::string caFile;                               // verifies the server; empty: the system store
    bool verifyServer = true;                         // off only on request: reports say so
    std::string proxy;                                // http://proxy:3128 (HTTP CONNECT); empty: direct
    std::chrono::milliseconds connectTimeout{10000};
    std::chrono::milliseconds ioTimeout{15000};  // each TLS/HTTP step
    // The whole probe, DNS to the last byte: a server that drips one byte a second, or answers
    // "100 Continue" forever, is stopped here however short each read is. `--timeout` sets it.
    std::chrono::milliseconds totalTimeout{30000};
    std::size_t maxHeaderBytes = 64 * 1024;
    std::size_t maxBodyBytes = 256 * 1024;
    bool allowTls13 = true;
};

// When the server asked for a client certificate.
enum class CertificateRequest
{
    Never,
    InHandshake,
    ByRenegotiation,
    PostHandshake
};

struct TlsFacts
{
    bool established = false;
    std::string protocol;  // "TLSv1.2"
    std::string cipher;
    std::vector<cert::CertificateInfo> serverChain;
    bool serverVerified = false;
    std::string verifyError;  // why the server's certificate was not trusted (empty when it was)
    CertificateRequest requested = CertificateRequest::Never;
    std::vector<std::string> caList;  // names in the server's certificate_authorities, display form
    std::vector<std::string> caListDer;
    std::optional<bool> issuerInCaList;  // our issuer or another CA of our chain named in the list
    bool clientCertificateSent = false;
    std::string alertReceived;  // "unknown CA", "handshake failure" ... from the server
    int alertCode = -1;
};

struct HttpFacts
{
    int status = 0;
    std::string reason;
    std::optional<int> substatus;                     // from an IIS detailed error page: "HTTP Error 401.2"
    std::multimap<std::string, std::string> headers;  // names in lower case
    std::vector<std::string> wwwAuthenticate;
    std::string msServerActiveSync;
    std::string msAsProtocolVersions;
    std::string msAsProtocolCommands;
    std::string location;  // Location or X-MS-Location (451)
    std::size_t bodyBytes = 0;
    bool bodyTruncated = false;
    std::string bodyExcerpt;  // the first 2 KiB, for reports
    std::string charset;      // from Content-Type, lower case ("windows-1252"); empty when none
    // The server sent text that is not UTF-8 (status line, a header or the body excerpt). All the
    // strings above are valid UTF-8 nevertheless: decoded as Windows-1252 when the charset says so,
    // else with each such byte shown as \xNN.
    bool nonUtf8Text = false;

    std::string header(std::string_view lowerName) const;
};

struct Timings
{
    std::chrono::milliseconds dns{0}, connect{0}, handshake{0}, renegotiation{0}, firstByte{0}, total{0};
};

enum class Stage
{
    Resolve,
    Connect,
    Proxy,
    Handshake,
    Request,
    Response,
    Done
};

struct ProbeResult
{
    Url url;
    std::string address;  // the IP the probe connected to
    bool proxied = false;
    TlsFacts tls;
    std::optional<HttpFacts> http;
    Timings timings;
    Stage stage = Stage::Done;     // where it stopped
    std::optional<Error> failure;  // empty when an HTTP answer arrived
};

// Runs one probe. Network and protocol failures are part of the result (with the stage); an error is
// returned only for options that cannot work (bad URL, unreadable CA file, certificate without key).
Result<ProbeResult> runProbe(const ProbeOptions& options, std::stop_token stop = {});

std::string_view stageId(Stage s);
std::string_view certificateRequestId(CertificateRequest r);

}  // namespace eascert::probe
