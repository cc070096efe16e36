#include "ProbeMessages.h"

namespace eascert::cli {

using probe::Outcome;

OutcomeText outcomeText(Outcome o)
{
    switch (o) {
    case Outcome::Authenticated:
        return {"Authenticated", "IIS accepted the certificate and mapped it to an account (OPTIONS 200 with the "
                                 "ActiveSync headers, or 505/501 to GET)."};
    case Outcome::MappingFailed:
        return {"Mapping failed (401)",
                "IIS received the certificate but could not map it to an Active Directory account "
                "(401.2; the DC logs 4768 with X509N: and 0x6). A password challenge here is "
                "why the phone asks for a password. Check the account's altSecurityIdentities: "
                "eascert directory inspect."};
    case Outcome::CertificateNotSent:
        return {"No certificate reached IIS (403.7)",
                "The server wanted a client certificate and got none. Phones send nothing when their certificate's "
                "CA is not in the server's list of acceptable CAs: compare that list (above) with the issuer."};
    case Outcome::Untrusted:
        return {
            "IIS does not trust the certificate (403.16)",
            "The chain does not end at a root the server trusts. Check the server's Trusted Root store (the issuing "
            "CA's root must be there) and that no non-self-signed certificates sit in it (a known 403.16 cause)."};
    case Outcome::Revoked: return {"The certificate is revoked (403.13)", "Issue a new certificate to the user."};
    case Outcome::Expired:
        return {"The certificate is expired or not yet valid (403.17)",
                "Check the validity dates and the server's clock."};
    case Outcome::MapperDenied:
        return {"The certificate mapper denied access (403.12)", "The mapped account is not allowed to use this site."};
    case Outcome::TlsAlert:
        return {"The server ended the TLS handshake with an alert",
                "unknown CA: the server does not trust the issuer; bad certificate / certificate unknown: the "
                "certificate was rejected; certificate expired: check dates; handshake failure: usually no "
                "(acceptable) certificate, or no common protocol/cipher (Schannel event 36874)."};
    case Outcome::ServerCertificate:
        return {"The server's own certificate is not trusted by this machine",
                "Devices will refuse it too unless they trust its issuer. Give its CA with --ca-file if it is "
                "private, or fix the server's certificate."};
    case Outcome::NameNotResolved: return {"The host name does not resolve", "Check the URL and DNS."};
    case Outcome::ConnectFailed: return {"The connection failed", "Check the host, port, firewall and proxy."};
    case Outcome::Timeout:
        return {"No answer before the timeout", "The server accepted the connection but did not answer."};
    case Outcome::ProtocolError:
        return {"Not a TLS/HTTP answer this probe can use",
                "The server broke TLS or HTTP, or exceeded the size limits."};
    case Outcome::Redirect: return {"Redirected", "451/3xx: the mailbox or site is elsewhere (see the location)."};
    case Outcome::ServerBusy: return {"Server busy (503)", "Try again later (Retry-After)."};
    case Outcome::NotActiveSync:
        return {"200, but not ActiveSync", "The answer lacks the MS-ASProtocolVersions headers: check the URL path."};
    case Outcome::Unexpected: return {"Unexpected answer", "See the status and the body excerpt."};
    }
    return {"", ""};
}

std::string_view requestText(probe::CertificateRequest r)
{
    using probe::CertificateRequest;
    switch (r) {
    case CertificateRequest::Never: return "never asked for a client certificate";
    case CertificateRequest::InHandshake: return "asked in the initial handshake";
    case CertificateRequest::ByRenegotiation: return "asked after the request, by TLS renegotiation (IIS's default)";
    case CertificateRequest::PostHandshake: return "asked after the handshake (TLS 1.3 post-handshake)";
    }
    return "";
}

}  // namespace eascert::cli
