#include "eascert/diagnosis/Diagnosis.h"

#include <algorithm>

#include "References.h"
#include "eascert/mapping/Mapping.h"
#include "eascert/mapping/WindowsName.h"

namespace eascert::diagnosis {

namespace {

using references::kKb5014754;
using references::kKb5057784;
constexpr const char* kMsPkca = "https://learn.microsoft.com/openspecs/windows_protocols/ms-pkca";

// Lower rank = closer to the root cause; the report lists findings in this order.
int rank(FindingId id)
{
    switch (id) {
    case FindingId::CertificateExpired:
    case FindingId::CertificateNotYetValid:
    case FindingId::ClientAuthEkuMissing: return 0;
    case FindingId::IssuerNotInCaList:
    case FindingId::CertificateNotSent:
    case FindingId::ChainNotTrustedByServer:
    case FindingId::CertificateRevoked: return 1;
    case FindingId::AmbiguousMapping:
    case FindingId::MappedToOtherAccount: return 2;
    case FindingId::MappingMissing:
    case FindingId::PublishedOnly:
    case FindingId::WeakMappingRejected:
    case FindingId::NearMissMapping: return 3;
    case FindingId::NtAuthIssuerAbsent:
    case FindingId::AccountDisabled: return 4;
    case FindingId::NtAuthChainMissing:
    case FindingId::IisCbaDisabled:
    case FindingId::IisClientCertNotRequired:
    case FindingId::HttpDsMapperDisabled:
    case FindingId::HttpCtlExcludesIssuer: return 1;
    case FindingId::SchannelWeakMappingMethods:
    case FindingId::RegistrySettingIgnored: return 7;
    case FindingId::KdcPrincipalUnknown:
    case FindingId::KdcWeakMapping:
    case FindingId::KdcCertPredatesAccount:
    case FindingId::KdcSidMismatch: return 3;
    case FindingId::MappingFailedAtEndpoint:
    case FindingId::IisMappingFailed:
    case FindingId::IisUploadReadAhead:
    case FindingId::Tls13NoRenegotiation:
    case FindingId::MapperDenied: return 5;
    case FindingId::EndpointUnreachable:
    case FindingId::ServerCertificateUntrusted: return 6;
    case FindingId::ServerSideChecks: return 7;
    case FindingId::Healthy: return 9;
    }
    return 9;
}

Finding make(FindingId id, Severity s, std::vector<std::pair<std::string, std::string>> evidence = {},
             std::vector<std::string> references = {})
{
    return Finding{id, s, std::move(evidence), std::nullopt, std::move(references), std::nullopt};
}

void fromCertificate(const Evidence& e, cert::TimePoint now, std::vector<Finding>& out)
{
    const auto& c = e.certificate;
    const auto v = cert::validityAt(c, now);
    if (v.state == cert::ValidityState::Expired)
        out.push_back(
            make(FindingId::CertificateExpired, Severity::Critical, {{"notAfter", cert::formatTime(c.notAfter)}}));
    if (v.state == cert::ValidityState::NotYetValid)
        out.push_back(make(FindingId::CertificateNotYetValid, Severity::Critical,
                           {{"notBefore", cert::formatTime(c.notBefore)}}));
    if (!c.allowsClientAuth()) {
        std::string ekus;
        for (const auto& k : c.ekus)
            ekus += (ekus.empty() ? "" : ", ") + (k.name.empty() ? k.oid : k.name);
        out.push_back(make(FindingId::ClientAuthEkuMissing, Severity::Critical, {{"extendedKeyUsage", ekus}}));
    }
}

void fromProbe(const Evidence& e, std::vector<Finding>& out)
{
    if (!e.probe || !e.probeVerdict)
        return;
    const auto& r = *e.probe;
    const auto& v = *e.probeVerdict;
    const std::string issuer = mapping::displayName(e.certificate.issuer);
    if (r.tls.issuerInCaList == false) {
        std::string list;
        for (const auto& n : r.tls.caList)
            list += (list.empty() ? "" : "; ") + n;
        out.push_back(make(FindingId::IssuerNotInCaList, Severity::Critical, {{"issuer", issuer}, {"caList", list}}));
    }
    const auto status = [&] {
        return r.http ? std::to_string(r.http->status) +
                            (r.http->substatus ? "." + std::to_string(*r.http->substatus) : std::string())
                      : std::string();
    };
    // TLS 1.3 has no renegotiation: an endpoint that never asked for the certificate, then refused
    // the request (500, 403.7) or dropped the connection after it, cannot ask later (domain.md §9b).
    const bool refusedAfterRequest =
        (r.http && (r.http->status == 500 || (r.http->status == 403 && r.http->substatus == 7))) ||
        (!r.http && r.tls.established &&
         (v.outcome == probe::Outcome::ConnectFailed || v.outcome == probe::Outcome::ProtocolError));
    if (r.tls.protocol == "TLSv1.3" && r.tls.requested == probe::CertificateRequest::Never && refusedAfterRequest)
        out.push_back(make(FindingId::Tls13NoRenegotiation, Severity::Warning,
                           {{"protocol", r.tls.protocol}, {"http", r.http ? status() : std::string("no answer")}}));
    switch (v.outcome) {
    case probe::Outcome::CertificateNotSent:
        out.push_back(make(FindingId::CertificateNotSent, Severity::Critical, {{"http", status()}}));
        break;
    case probe::Outcome::Untrusted:
        out.push_back(
            make(FindingId::ChainNotTrustedByServer, Severity::Critical, {{"http", status()}, {"issuer", issuer}}));
        break;
    case probe::Outcome::Revoked:
        out.push_back(make(FindingId::CertificateRevoked, Severity::Critical, {{"http", status()}}));
        break;
    case probe::Outcome::MapperDenied:
        out.push_back(make(FindingId::MapperDenied, Severity::Critical, {{"http", status()}}));
        break;
    case probe::Outcome::MappingFailed: {
        std::string challenge;
        if (r.http)
            for (const auto& w : r.http->wwwAuthenticate)
                challenge += (challenge.empty() ? "" : "; ") + w;
        out.push_back(make(FindingId::MappingFailedAtEndpoint, Severity::Critical,
                           {{"http", status()}, {"wwwAuthenticate", challenge}}, {kMsPkca}));
        break;
    }
    case probe::Outcome::TlsAlert: {
        const int a = v.alertCode;  // 48 unknown_ca, 116 certificate_required, 40 handshake_failure
        const FindingId id = a == 48   ? FindingId::ChainNotTrustedByServer
                             : a == 45 ? FindingId::CertificateExpired
                             : a == 44 ? FindingId::CertificateRevoked
                                       : FindingId::CertificateNotSent;
        if (std::none_of(out.begin(), out.end(), [&](const Finding& f) { return f.id == id; }))
            out.push_back(make(id, Severity::Critical, {{"tlsAlert", v.alert}}));
        break;
    }
    case probe::Outcome::NameNotResolved:
    case probe::Outcome::ConnectFailed:
    case probe::Outcome::Timeout:
    case probe::Outcome::ProtocolError:
        out.push_back(make(FindingId::EndpointUnreachable, Severity::Critical,
                           {{"stage", std::string(probe::stageId(r.stage))},
                            {"error", r.failure ? r.failure->detail : std::string()}}));
        break;
    default: break;
    }
    if (std::find(v.also.begin(), v.also.end(), probe::Outcome::ServerCertificate) != v.also.end())
        out.push_back(
            make(FindingId::ServerCertificateUntrusted, Severity::Warning, {{"verifyError", r.tls.verifyError}}));
}

// The form of the mapping that the KDC checks against NTAuth (KB5057784): the strong mapping the
// account holds for this certificate, else the one the fix would add; none when neither is one of
// the forms the KB lists.
std::optional<mapping::MappingForm> ntAuthBoundForm(const cert::CertificateInfo& certificate,
                                                    const directory::Inspection& in)
{
    for (const auto& v : in.values)
        if (v.result.verdict == mapping::Verdict::Match && v.result.form && mapping::requiresNtAuth(*v.result.form))
            return v.result.form;
    if (const auto best = mapping::recommended(mapping::buildMappings(certificate));
        best && mapping::requiresNtAuth(best->form))
        return best->form;
    return std::nullopt;
}

void fromDirectory(const Evidence& e, std::vector<Finding>& out)
{
    if (!e.inspection)
        return;
    const auto& in = *e.inspection;
    const auto account = std::pair<std::string, std::string>{"account", in.account.dn};
    for (auto s : in.states) {
        Finding f;
        switch (s) {
        case directory::InspectState::Ok: continue;
        case directory::InspectState::NoMapping:
            f = make(FindingId::MappingMissing, Severity::Critical, {account}, {kMsPkca});
            break;
        case directory::InspectState::PublishedOnly:
            f = make(FindingId::PublishedOnly, Severity::Critical, {account}, {kMsPkca});
            break;
        case directory::InspectState::WeakOnly:
            f = make(FindingId::WeakMappingRejected, Severity::Critical, {account}, {kKb5014754});
            for (const auto& v : in.values)
                if (v.result.verdict == mapping::Verdict::Match && v.result.strength == mapping::Strength::Weak)
                    f.evidence.emplace_back("weakValue", v.value);
            break;
        case directory::InspectState::NearMiss:
            f = make(FindingId::NearMissMapping, Severity::Critical, {account}, {kMsPkca});
            for (const auto& v : in.values)
                if (v.result.verdict == mapping::Verdict::NearMiss) {
                    f.evidence.emplace_back("value", v.value);
                    for (const auto& r : v.result.reasons)
                        f.evidence.emplace_back("reason", std::string(mapping::reasonId(r.reason)));
                }
            break;
        case directory::InspectState::MappedToOther:
        case directory::InspectState::Ambiguous:
            f = make(s == directory::InspectState::Ambiguous ? FindingId::AmbiguousMapping
                                                             : FindingId::MappedToOtherAccount,
                     Severity::Critical, {account});
            for (const auto& o : in.otherAccounts)
                f.evidence.emplace_back("otherAccount", o.dn);
            break;
        case directory::InspectState::AccountDisabled:
            f = make(FindingId::AccountDisabled, Severity::Critical,
                     {account, {"userAccountControl", std::to_string(in.account.userAccountControl)}});
            break;
        }
        if (f.id == FindingId::MappingMissing || f.id == FindingId::PublishedOnly ||
            f.id == FindingId::WeakMappingRejected || f.id == FindingId::NearMissMapping)
            f.fixValue = in.recommendedValue;
        out.push_back(std::move(f));
    }
    if (in.ntAuth.state == directory::NtAuthState::IssuerAbsent ||
        in.ntAuth.state == directory::NtAuthState::StoreMissing)
        if (const auto form = ntAuthBoundForm(e.certificate, in)) {
            // Critical: expected to block sign-in. When the endpoint accepted the certificate all the
            // same, this path does not enforce it (yet): information, as for Kerberos logon elsewhere.
            const bool accepted = e.probeVerdict && e.probeVerdict->outcome == probe::Outcome::Authenticated;
            Finding f =
                make(FindingId::NtAuthIssuerAbsent, accepted ? Severity::Info : Severity::Critical,
                     {{"issuer", in.ntAuth.issuerName}, {"mappingForm", std::string(mapping::formSyntax(*form))}},
                     {kKb5057784});
            f.evidence.emplace_back(in.ntAuth.state == directory::NtAuthState::StoreMissing ? "storeMissing" : "store",
                                    in.ntAuth.dn);
            out.push_back(std::move(f));
        }
}

// The directory says the issuing CA is not in NTAuth; the DC's events 45/21 (if the admin gave them)
// say the KDC checked it for this certificate: that confirms the NTAuth finding.
void confirmNtAuth(std::vector<Finding>& out)
{
    const auto events =
        std::find_if(out.begin(), out.end(), [](const Finding& f) { return f.id == FindingId::NtAuthChainMissing; });
    const auto store =
        std::find_if(out.begin(), out.end(), [](const Finding& f) { return f.id == FindingId::NtAuthIssuerAbsent; });
    if (events == out.end() || store == out.end())
        return;
    for (const auto& [key, value] : events->evidence)
        if (key == "event")
            store->evidence.emplace_back("confirmedBy", value);
}

}  // namespace

std::vector<Finding> evaluate(const Evidence& e, cert::TimePoint now)
{
    std::vector<Finding> out;
    fromCertificate(e, now, out);
    fromProbe(e, out);
    fromDirectory(e, out);
    if (!e.sources.empty()) {
        auto fromLogs = evidenceFindings(e.sources, evidence::MatchTarget{&e.certificate, e.accounts}, now);
        out.insert(out.end(), std::make_move_iterator(fromLogs.begin()), std::make_move_iterator(fromLogs.end()));
        confirmNtAuth(out);
    }
    const bool endpointProblem = e.probeVerdict && e.probeVerdict->outcome != probe::Outcome::Authenticated;
    if (endpointProblem)  // what no probe can see from outside, to verify on the server
        out.push_back(make(FindingId::ServerSideChecks, Severity::Info));
    std::stable_sort(out.begin(), out.end(),
                     [](const Finding& a, const Finding& b) { return rank(a.id) < rank(b.id); });
    const bool complete = e.inspection && e.probeVerdict;
    const bool problem =
        std::any_of(out.begin(), out.end(), [](const Finding& f) { return f.severity != Severity::Info; });
    if (complete && !problem)
        out.insert(out.begin(), make(FindingId::Healthy, Severity::Info));
    return out;
}

std::string_view findingId(FindingId id)
{
    switch (id) {
    case FindingId::Healthy: return "healthy";
    case FindingId::MappingMissing: return "mapping-missing";
    case FindingId::PublishedOnly: return "published-only";
    case FindingId::WeakMappingRejected: return "weak-mapping-rejected";
    case FindingId::NearMissMapping: return "near-miss-mapping";
    case FindingId::MappedToOtherAccount: return "mapped-to-other-account";
    case FindingId::AmbiguousMapping: return "ambiguous-mapping";
    case FindingId::AccountDisabled: return "account-disabled";
    case FindingId::ClientAuthEkuMissing: return "client-auth-eku-missing";
    case FindingId::CertificateExpired: return "certificate-expired";
    case FindingId::CertificateNotYetValid: return "certificate-not-yet-valid";
    case FindingId::IssuerNotInCaList: return "issuer-not-in-ca-list";
    case FindingId::CertificateNotSent: return "certificate-not-sent";
    case FindingId::ChainNotTrustedByServer: return "chain-not-trusted-by-server";
    case FindingId::CertificateRevoked: return "certificate-revoked";
    case FindingId::MapperDenied: return "mapper-denied";
    case FindingId::MappingFailedAtEndpoint: return "mapping-failed-at-endpoint";
    case FindingId::ServerCertificateUntrusted: return "server-certificate-untrusted";
    case FindingId::EndpointUnreachable: return "endpoint-unreachable";
    case FindingId::NtAuthIssuerAbsent: return "ntauth-issuer-absent";
    case FindingId::ServerSideChecks: return "server-side-checks";
    case FindingId::KdcPrincipalUnknown: return "kdc-principal-unknown";
    case FindingId::KdcWeakMapping: return "kdc-weak-mapping";
    case FindingId::KdcCertPredatesAccount: return "kdc-cert-predates-account";
    case FindingId::KdcSidMismatch: return "kdc-sid-mismatch";
    case FindingId::NtAuthChainMissing: return "ntauth-chain-missing";
    case FindingId::IisMappingFailed: return "iis-mapping-failed";
    case FindingId::IisUploadReadAhead: return "iis-upload-read-ahead";
    case FindingId::Tls13NoRenegotiation: return "tls13-no-renegotiation";
    case FindingId::IisCbaDisabled: return "iis-cba-disabled";
    case FindingId::IisClientCertNotRequired: return "iis-client-cert-not-required";
    case FindingId::HttpDsMapperDisabled: return "http-ds-mapper-disabled";
    case FindingId::HttpCtlExcludesIssuer: return "http-ctl-excludes-issuer";
    case FindingId::SchannelWeakMappingMethods: return "schannel-weak-mapping-methods";
    case FindingId::RegistrySettingIgnored: return "registry-setting-ignored";
    }
    return "";
}

std::string_view severityId(Severity s)
{
    switch (s) {
    case Severity::Critical: return "critical";
    case Severity::Warning: return "warning";
    case Severity::Info: return "info";
    }
    return "info";
}

}  // namespace eascert::diagnosis
