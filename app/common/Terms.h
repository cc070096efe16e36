#pragma once

#include <string>
#include <string_view>

#include "eascert/cert/CertificateLoader.h"
#include "eascert/directory/Inspection.h"
#include "eascert/evidence/Evidence.h"
#include "eascert/mapping/MappingMatch.h"
#include "eascert/probe/Classification.h"
#include "eascert/probe/Probe.h"

// The words for core's codes that the CLI, the wizard and the report all show: one wording per code,
// translated in the "Terms" context (QCoreApplication::translate; the CLI shows the source text).
// No function here ever returns an id.
namespace eascert::common::terms {

std::string reason(mapping::Reason reason);                      // why a value does not match, one clause
std::string mappingVerdict(mapping::Verdict verdict);            // "Match", "Near miss" ...
std::string strength(mapping::Strength strength);                // "Strong", "Weak"
std::string foundBy(directory::FoundBy foundBy);                 // "the UPN in the certificate" ...
std::string ntAuth(directory::NtAuthState state);                // one sentence
std::string inspectState(directory::InspectState state);         // a short title
std::string probeOutcome(probe::Outcome outcome);                // "Mapping failed (401.2): ..."
std::string stage(probe::Stage stage);                           // "TLS handshake", "name lookup (DNS)" ...
std::string sourceFormat(cert::SourceFormat format);             // "PKCS#12 (.pfx)" ...
std::string sourceFormat(evidence::SourceFormat format);         // "Windows event log (.evtx)", "IIS log (W3C)" ...
std::string certificateMatch(evidence::CertificateMatch match);  // "by its thumbprint" ... "not matched"
// A finding's evidence: the field name as a label, and its value in words where the value is a code
// (a mismatch reason, a probe stage); other values are returned as they are.
std::string evidenceLabel(std::string_view key);
std::string evidenceValue(std::string_view key, std::string_view value);

}  // namespace eascert::common::terms
