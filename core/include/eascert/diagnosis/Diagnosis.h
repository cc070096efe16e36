#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eascert/cert/Validity.h"
#include "eascert/directory/Inspection.h"
#include "eascert/probe/Classification.h"

namespace eascert::diagnosis {

enum class Severity { Critical, Warning, Info };

// Each finding is a code with evidence; the front ends and the report turn codes into words.
enum class FindingId {
    Healthy,                  // strong mapping present and the endpoint authenticates
    MappingMissing,           // the seed report's case: no value maps the certificate
    PublishedOnly,            // the certificate only in Published Certificates (userCertificate)
    WeakMappingRejected,      // only weak mappings: rejected under KB5014754 enforcement (events 39/40/41)
    NearMissMapping,          // a value meant for this certificate, written so AD will not match it
    MappedToOtherAccount,     // another account maps the certificate
    AmbiguousMapping,         // the same mapping on two accounts
    AccountDisabled,
    ClientAuthEkuMissing,     // the certificate is not allowed for client authentication
    CertificateExpired,
    CertificateNotYetValid,
    IssuerNotInCaList,        // the server's acceptable-CA list lacks our issuer: phones send nothing
    CertificateNotSent,       // 403.7 / handshake failure without a certificate
    ChainNotTrustedByServer,  // 403.16 / unknown CA alert
    CertificateRevoked,       // 403.13
    MapperDenied,             // 403.12
    MappingFailedAtEndpoint,  // 401.2 (or 401 + password challenge) seen by the probe
    ServerCertificateUntrusted,
    EndpointUnreachable,      // DNS, connection, timeout or protocol failure
    NtAuthIssuerAbsent,       // information: NTAuth's role for explicit mappings is not established
    ServerSideChecks,         // what the tool cannot see from outside: SSL settings, mapping switch, vdir
};

struct Finding
{
    FindingId id = FindingId::Healthy;
    Severity severity = Severity::Info;
    std::vector<std::pair<std::string, std::string>> evidence;  // (key, value), values from the evidence
    std::optional<std::string> fixValue;                         // the altSecurityIdentities value to add
    std::vector<std::string> references;                         // URLs (domain.md's sources)
};

// Everything gathered for one diagnosis; every part is optional except the certificate.
struct Evidence
{
    cert::CertificateInfo certificate;
    std::vector<cert::CertificateInfo> chain;
    std::optional<probe::ProbeResult> probe;
    std::optional<probe::Classification> probeVerdict;
    std::optional<directory::Inspection> inspection;
};

// Pure: the clock is a parameter. Findings come root cause first; Healthy only when nothing is wrong
// and both the directory and the endpoint were checked.
std::vector<Finding> evaluate(const Evidence& evidence, cert::TimePoint now);

std::string_view findingId(FindingId id);
std::string_view severityId(Severity s);

} // namespace eascert::diagnosis
