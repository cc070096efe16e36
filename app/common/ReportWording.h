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
};

} // namespace eascert::common
