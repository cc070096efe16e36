#pragma once

#include <optional>
#include <string>
#include <vector>

#include "eascert/probe/Probe.h"

namespace eascert::probe {

// What the endpoint's behaviour means (domain.md §4–5).
enum class Outcome
{
    Authenticated,       // OPTIONS 200 with the MS-AS headers; GET 505/501 (authentication passed)
    MappingFailed,       // 401.2, or 401 after a certificate was sent: IIS could not map it to an account
    CertificateNotSent,  // 403.7: no (acceptable) certificate reached IIS
    Untrusted,           // 403.16: IIS does not trust the certificate's chain
    Revoked,             // 403.13
    Expired,             // 403.17: expired or not yet valid
    MapperDenied,        // 403.12
    TlsAlert,            // the server ended the handshake with an alert
    ServerCertificate,   // the server's own certificate is not trusted, or for another name
    NameNotResolved,
    ConnectFailed,
    Timeout,
    ProtocolError,  // not TLS, not HTTP, or over the size limits
    Redirect,       // 451 (X-MS-Location) or 3xx: the mailbox lives elsewhere
    ServerBusy,     // 503
    NotActiveSync,  // 200 without the MS-AS headers: another site answered
    Unexpected,     // any other status
};

struct Classification
{
    Outcome outcome = Outcome::Unexpected;
    std::vector<Outcome> also;       // further findings (e.g. the server's certificate), after the main one
    bool passwordChallenge = false;  // a WWW-Authenticate offers passwords: why the phone prompts
    bool certificateSent = false;
    std::optional<bool> issuerInCaList;
    std::string alert;  // TLS alert description when outcome == TlsAlert
    int alertCode = -1;

    bool ok() const { return outcome == Outcome::Authenticated && also.empty(); }
};

// Pure: what a probe result means.
Classification classify(const ProbeResult& result, Method method, bool serverVerificationWanted = true);

std::string_view outcomeId(Outcome o);

}  // namespace eascert::probe
