#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "eascert/diagnosis/Session.h"

namespace eascert::report {

// The words of a report. Core renders the structure and escapes every value; the front ends own the
// words (translated with Qt's tr() in app/common) and pass them in through this interface.
struct FindingWords
{
    std::string title;                  // "The certificate is only in Published Certificates"
    std::string cause;                  // plain language: why this breaks sign-in
    std::vector<std::string> fixSteps;  // what to do, in order
};

// Headings and field names the report template uses, as {{labels.<name>}}.
// clang-format off
#define EASCERT_REPORT_LABELS(X)                                                                                 \
    X(reportTitle) X(verdict) X(findings) X(findingsAfterFix) X(evidence) X(fixSteps) X(valueToAdd)              \
    X(references) X(certificate) X(subject) X(issuer) X(serial) X(validFrom) X(validTo) X(validity)              \
    X(thumbprintSha1) X(thumbprintSha256) X(extendedKeyUsage) X(upn) X(email) X(sidExtension) X(privateKey)      \
    X(sourceFormat) X(endpoint) X(beforeFix) X(afterFix) X(url) X(outcome) X(httpStatus) X(wwwAuthenticate)      \
    X(tlsProtocol) X(serverCertificate) X(certificateRequested) X(caList) X(issuerInCaList) X(certificateSent)   \
    X(timings) X(directory) X(source) X(account) X(foundBy) X(states) X(mappingValues) X(strength) X(reasons)    \
    X(publishedCertificates) X(otherAccounts) X(ntAuth) X(recommended) X(fixApplied) X(changeFileWritten)        \
    X(changeFile) X(importCommands) X(adUnchanged) X(valuesAfterImport) X(added) X(removed) X(backupFile)        \
    X(valuesBefore) X(valuesAfter) X(ldif) X(powershell) X(undone) X(environment) X(toolVersion) X(generatedAt)  \
    X(ranBy) X(redacted) X(notChecked) X(nonUtf8Text) X(yes) X(no) X(none) X(severity) X(serverEvidence)         \
    X(evidenceFiles) X(file) X(records) X(damaged) X(matchedRecords) X(time) X(what) X(match) X(settingsRead)    \
    X(setting) X(value) X(scope) X(timeline) X(requestsOk) X(requestsMappingFailed) X(requestsOther) X(dcEvents) \
    X(moreRecords) X(ntAuthPublished) X(ntAuthStoreCreated) X(fixMoment)
// clang-format on

enum class Label
{
#define EASCERT_LABEL_ENUM(name) name,
    EASCERT_REPORT_LABELS(EASCERT_LABEL_ENUM)
#undef EASCERT_LABEL_ENUM
};

std::string_view labelId(Label label);
const std::vector<Label>& allLabels();

class Wording
{
public:
    virtual ~Wording() = default;
    virtual FindingWords finding(const diagnosis::Finding& finding) const = 0;
    virtual std::string verdict(diagnosis::Verdict verdict) const = 0;  // one sentence
    virtual std::string severity(diagnosis::Severity severity) const = 0;
    virtual std::string label(Label label) const = 0;

    // Codes the report shows, in words. The defaults return the code's id: for tools and tests that
    // have no words; the front ends' wording (common::ReportWording) overrides every one.
    virtual std::string mappingVerdict(mapping::Verdict verdict) const;
    virtual std::string strength(mapping::Strength strength) const;
    virtual std::string reason(mapping::Reason reason) const;
    virtual std::string foundBy(directory::FoundBy foundBy) const;
    virtual std::string ntAuth(directory::NtAuthState state) const;
    virtual std::string inspectState(directory::InspectState state) const;
    virtual std::string probeOutcome(probe::Outcome outcome) const;
    virtual std::string stage(probe::Stage stage) const;
    virtual std::string evidenceLabel(std::string_view key) const;
    virtual std::string evidenceValue(std::string_view key, std::string_view value) const;
    virtual std::string sourceFormat(evidence::SourceFormat format) const;
    virtual std::string certificateMatch(evidence::CertificateMatch match) const;
};

}  // namespace eascert::report
