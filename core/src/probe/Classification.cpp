#include "eascert/probe/Classification.h"

namespace eascert::probe {

Classification classify(const ProbeResult& r, Method method, bool serverVerificationWanted)
{
    Classification c;
    c.certificateSent = r.tls.clientCertificateSent;
    c.issuerInCaList = r.tls.issuerInCaList;
    if (r.tls.established && !r.tls.serverVerified && serverVerificationWanted)
        c.also.push_back(Outcome::ServerCertificate);

    if (!r.http) {
        const ErrorCode code = r.failure ? r.failure->code : ErrorCode::ProtocolError;
        if (r.tls.alertCode >= 0) {
            c.outcome = Outcome::TlsAlert;
            c.alert = r.tls.alertReceived;
            c.alertCode = r.tls.alertCode;
        } else if (code == ErrorCode::NameNotResolved) {
            c.outcome = Outcome::NameNotResolved;
        } else if (code == ErrorCode::NetworkTimeout) {
            c.outcome = Outcome::Timeout;
        } else if (code == ErrorCode::ConnectFailed && r.stage == Stage::Connect) {
            c.outcome = Outcome::ConnectFailed;
        } else if (code == ErrorCode::ConnectFailed && r.stage == Stage::Proxy) {
            c.outcome = Outcome::ConnectFailed;
        } else {
            c.outcome = Outcome::ProtocolError;
        }
        return c;
    }

    const HttpFacts& h = *r.http;
    c.passwordChallenge = !h.wwwAuthenticate.empty();
    const int sub = h.substatus.value_or(-1);
    if (h.status == 200) {
        const bool eas = !h.msServerActiveSync.empty() || !h.msAsProtocolVersions.empty();
        c.outcome = method == Method::Options && !eas ? Outcome::NotActiveSync : Outcome::Authenticated;
    } else if (method == Method::Get && (h.status == 505 || h.status == 501)) {
        c.outcome = Outcome::Authenticated;
    } else if (h.status == 401) {
        c.outcome = Outcome::MappingFailed;  // 401.2, or 401 + challenge after our certificate
    } else if (h.status == 403) {
        switch (sub) {
        case 7: c.outcome = Outcome::CertificateNotSent; break;
        case 12: c.outcome = Outcome::MapperDenied; break;
        case 13: c.outcome = Outcome::Revoked; break;
        case 16: c.outcome = Outcome::Untrusted; break;
        case 17: c.outcome = Outcome::Expired; break;
        default: c.outcome = Outcome::Unexpected; break;
        }
    } else if (h.status == 451 || (h.status >= 300 && h.status < 400)) {
        c.outcome = Outcome::Redirect;
    } else if (h.status == 503) {
        c.outcome = Outcome::ServerBusy;
    } else {
        c.outcome = Outcome::Unexpected;
    }
    return c;
}

std::string_view outcomeId(Outcome o)
{
    switch (o) {
    case Outcome::Authenticated: return "authenticated";
    case Outcome::MappingFailed: return "mapping-failed";
    case Outcome::CertificateNotSent: return "certificate-not-sent";
    case Outcome::Untrusted: return "untrusted";
    case Outcome::Revoked: return "revoked";
    case Outcome::Expired: return "expired";
    case Outcome::MapperDenied: return "mapper-denied";
    case Outcome::TlsAlert: return "tls-alert";
    case Outcome::ServerCertificate: return "server-certificate";
    case Outcome::NameNotResolved: return "name-not-resolved";
    case Outcome::ConnectFailed: return "connect-failed";
    case Outcome::Timeout: return "timeout";
    case Outcome::ProtocolError: return "protocol-error";
    case Outcome::Redirect: return "redirect";
    case Outcome::ServerBusy: return "server-busy";
    case Outcome::NotActiveSync: return "not-activesync";
    case Outcome::Unexpected: return "unexpected";
    }
    return "unexpected";
}

}  // namespace eascert::probe
