#pragma once

#include "eascert/report/Wording.h"

namespace eascert::common {

// The words of findings, verdicts and reports for both front ends. Every string goes through
// QCoreApplication::translate(), so the wizard's translations cover it; the CLI shows the source text.
class ReportWording : public report::Wording
{
public:
    report::FindingWords finding(const diagnosis::Finding& finding) const override;
    std::string verdict(diagnosis::Verdict verdict) const override;
    std::string severity(diagnosis::Severity severity) const override;
    std::string label(report::Label label) const override;
    std::string mappingVerdict(mapping::Verdict verdict) const override;
    std::string strength(mapping::Strength strength) const override;
    std::string reason(mapping::Reason reason) const override;
    std::string foundBy(directory::FoundBy foundBy) const override;
    std::string ntAuth(directory::NtAuthState state) const override;
    std::string inspectState(directory::InspectState state) const override;
    std::string probeOutcome(probe::Outcome outcome) const override;
    std::string stage(probe::Stage stage) const override;
    std::string evidenceLabel(std::string_view key) const override;
    std::string evidenceValue(std::string_view key, std::string_view value) const override;
    std::string sourceFormat(evidence::SourceFormat format) const override;
    std::string certificateMatch(evidence::CertificateMatch match) const override;
};

}  // namespace eascert::common
