#pragma once

#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "eascert/cert/Validity.h"
#include "eascert/directory/Inspection.h"
#include "eascert/evidence/Evidence.h"
#include "eascert/probe/Classification.h"

namespace eascert::diagnosis {

enum class Severity
{
    Critical,
    Warning,
    Info
};

// Each finding is a code with evidence; the front ends and the report turn codes into words.
enum class FindingId
{
    Healthy,               // strong mapping present and the endpoint authenticates
    MappingMissing,        // the seed report's case: no value maps the certificate
    PublishedOnly,         // the certificate only in Published Certificates (userCertificate)
    WeakMappingRejected,   // only weak mappings: rejected under KB5014754 enforcement (events 39/40/41)
    NearMissMapping,       // a value meant for this certificate, written so AD will not match it
    MappedToOtherAccount,  // another account maps the certificate
    AmbiguousMapping,      // the same mapping on two accounts
    AccountDisabled,
    ClientAuthEkuMissing,  // the certificate is not allowed for client authentication
    CertificateExpired,
    CertificateNotYetValid,
    IssuerNotInCaList,        // the server's acceptable-CA list lacks our issuer: phones send nothing
    CertificateNotSent,       // 403.7 / handshake failure without a certificate
    ChainNotTrustedByServer,  // 403.16 / unknown CA alert
    CertificateRevoked,       // 403.13
    MapperDenied,             // 403.12
    MappingFailedAtEndpoint,  // 401.2 (or 401 + password challenge) seen by the probe
    ServerCertificateUntrusted,
    EndpointUnreachable,  // DNS, connection, timeout or protocol failure
    NtAuthIssuerAbsent,   // the issuing CA is not in NTAuth and the mapping is one KB5057784 binds to it
    ServerSideChecks,     // what the tool cannot see from outside: SSL settings, mapping switch, vdir
    // From the servers' own evidence (event logs, IIS logs):
    KdcPrincipalUnknown,     // 4768/4771 failing 0x6 for an X509N: name: the KDC found no account for it
    KdcWeakMapping,          // KDC event 39 (48 on 2008-era DCs): no strong mapping
    KdcCertPredatesAccount,  // KDC event 40 (49): the certificate is older than the account
    KdcSidMismatch,          // KDC event 41: the certificate's SID is another account's
    NtAuthChainMissing,      // KDC event 45 (audit) or 21 (denied): the issuing CA is not in NTAuth
    IisMappingFailed,        // 401.2 in the IIS log
    IisUploadReadAhead,      // 413 in the IIS log: the body did not fit while the certificate was renegotiated
    Tls13NoRenegotiation,    // 500 with 0x80070032 in the IIS log: TLS 1.3 cannot ask for the certificate late
    // From the servers' settings (applicationHost.config, netsh http show sslcert, .reg exports):
    IisCbaDisabled,              // clientCertificateMappingAuthentication not enabled at the server or the vdir
    IisClientCertNotRequired,    // sslFlags without SslRequireCert on the ActiveSync vdir
    HttpDsMapperDisabled,        // the binding's DS Mapper Usage is Disabled: no token, 401.2
    HttpCtlExcludesIssuer,       // the binding sends a CTL's CAs: the issuing CA must be in it
    SchannelWeakMappingMethods,  // CertificateMappingMethods with 0x4: the weak UPN path (a security finding)
    RegistrySettingIgnored,      // StrongCertificateBindingEnforcement & co. present but no longer honoured
};

struct Finding
{
    FindingId id = FindingId::Healthy;
    Severity severity = Severity::Info;
    std::vector<std::pair<std::string, std::string>> evidence;   // (key, value), values from the evidence
    std::optional<std::string> fixValue;                         // the altSecurityIdentities value to add
    std::vector<std::string> references;                         // URLs (domain.md's sources)
    std::optional<evidence::CertificateMatch> certificateMatch;  // findings from the servers' evidence
};

// Everything gathered for one diagnosis; every part is optional except the certificate.
struct Evidence
{
    cert::CertificateInfo certificate;
    std::vector<cert::CertificateInfo> chain;
    std::optional<probe::ProbeResult> probe;
    std::optional<probe::Classification> probeVerdict;
    std::optional<directory::Inspection> inspection;
    std::vector<evidence::EvidenceSource> sources;  // the servers' logs the admin gave
    std::vector<std::string> accounts;              // names the logs may use for the account
};

// Pure: the clock is a parameter. Findings come root cause first; Healthy only when nothing is wrong
// and both the directory and the endpoint were checked.
std::vector<Finding> evaluate(const Evidence& evidence, cert::TimePoint now);

// The findings the servers' evidence shows on its own: one per kind, over the records that are
// about this certificate (or all, when there is nothing to match), with counts, first and last time,
// and the best way any of them named the certificate.
// The settings read are judged at `now` (registry switches stopped working on known dates).
std::vector<Finding> evidenceFindings(std::span<const evidence::EvidenceSource> sources,
                                      std::span<const evidence::RelevantRecord> records, cert::TimePoint now);
// The same, finding the relevant records first (evidence::relevantRecords).
std::vector<Finding> evidenceFindings(std::span<const evidence::EvidenceSource> sources,
                                      const evidence::MatchTarget& target, cert::TimePoint now);

std::string_view findingId(FindingId id);
std::string_view severityId(Severity s);

}  // namespace eascert::diagnosis
