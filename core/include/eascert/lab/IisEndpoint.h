#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "eascert/directory/Directory.h"
#include "eascert/lab/ServerLogs.h"
#include "eascert/support/Error.h"

namespace eascert::lab {

// A loopback TLS server that answers like IIS + Exchange ActiveSync with certificate authentication.
struct EndpointOptions
{
    std::filesystem::path serverCertificatePem;  // server certificate (+ chain) for 127.0.0.1
    std::filesystem::path serverKeyPem;
    std::filesystem::path trustedClientCas;  // PEM CAs: the client-certificate trust store and CA list
    std::string address = "127.0.0.1";
    std::uint16_t port = 0;  // 0: any free port

    enum class CertificateMode
    {
        Renegotiation,  // IIS default: request the certificate after the first HTTP request (TLS 1.2)
        Handshake,      // "Negotiate Client Certificate" on: request it in the initial handshake
        Strict,         // Handshake + rejectAtTls (kept for the command line)
        Never,          // never request a client certificate
    };
    CertificateMode mode = CertificateMode::Renegotiation;
    bool rejectAtTls = false;  // refuse a missing/untrusted/expired certificate with a TLS alert, not 403.x
    bool sendCaList = true;    // SendTrustedIssuerList
    bool allowTls13 = false;   // Handshake/Never modes only; IIS's renegotiation needs TLS 1.2
    std::vector<std::string> revokedSerialsHex;  // certificate serials (display hex) answered 403.13
    bool mapperDenies = false;                   // answer 403.12 after a valid certificate (mapper denied access)
    bool passwordMethods = true;                 // Basic enabled on the vdir: 401 carries WWW-Authenticate
    // The mapping decision: look the certificate up in altSecurityIdentities. No directory: every
    // trusted certificate maps.
    directory::Directory* directory = nullptr;
    bool strongMappingsOnly = true;  // KB5014754 full enforcement
    // KB5057784 as enforced since July 2025: an explicit mapping counts only when the issuing CA is in
    // the forest's NTAuth store (a CA of trustedClientCas). Off: audit only (the DC's event 45).
    bool ntAuthCheck = true;
    // Where the servers' logs go (IIS's W3C log, the DC's events); none: nothing is logged.
    ServerLogs* logs = nullptr;
};

struct EndpointStats
{
    std::size_t connections = 0;
    std::size_t authenticated = 0;
};

class IisEndpoint
{
public:
    explicit IisEndpoint(EndpointOptions options);
    ~IisEndpoint();
    IisEndpoint(const IisEndpoint&) = delete;
    IisEndpoint& operator=(const IisEndpoint&) = delete;

    Result<std::uint16_t> start();
    void stop();
    std::uint16_t port() const { return m_port; }
    std::string url(std::string_view path = "/Microsoft-Server-ActiveSync") const;
    EndpointStats stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::uint16_t m_port = 0;
};

}  // namespace eascert::lab
