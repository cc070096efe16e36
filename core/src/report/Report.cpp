#include "eascert/report/Report.h"

#include "ReportModel.h"
#include "eascert/support/JsonText.h"

namespace eascert::report {

std::string Wording::mappingVerdict(mapping::Verdict v) const
{
    return std::string(mapping::verdictId(v));
}
std::string Wording::strength(mapping::Strength s) const
{
    return std::string(mapping::strengthId(s));
}
std::string Wording::reason(mapping::Reason r) const
{
    return std::string(mapping::reasonId(r));
}
std::string Wording::foundBy(directory::FoundBy f) const
{
    return std::string(directory::foundById(f));
}
std::string Wording::ntAuth(directory::NtAuthState s) const
{
    return std::string(directory::ntAuthId(s));
}
std::string Wording::inspectState(directory::InspectState s) const
{
    return std::string(directory::inspectStateId(s));
}
std::string Wording::probeOutcome(probe::Outcome o) const
{
    return std::string(probe::outcomeId(o));
}
std::string Wording::stage(probe::Stage s) const
{
    return std::string(probe::stageId(s));
}
std::string Wording::evidenceLabel(std::string_view key) const
{
    return std::string(key);
}
std::string Wording::evidenceValue(std::string_view, std::string_view value) const
{
    return std::string(value);
}

std::string Wording::sourceFormat(evidence::SourceFormat f) const
{
    return std::string(evidence::sourceFormatId(f));
}
std::string Wording::certificateMatch(evidence::CertificateMatch m) const
{
    return std::string(evidence::certificateMatchId(m));
}

std::string_view labelId(Label label)
{
    switch (label) {
#define EASCERT_LABEL_NAME(name)                                                                                       \
    case Label::name: return #name;
        EASCERT_REPORT_LABELS(EASCERT_LABEL_NAME)
#undef EASCERT_LABEL_NAME
    }
    return "";
}

const std::vector<Label>& allLabels()
{
    static const std::vector<Label> labels{
#define EASCERT_LABEL_LIST(name) Label::name,
        EASCERT_REPORT_LABELS(EASCERT_LABEL_LIST)
#undef EASCERT_LABEL_LIST
    };
    return labels;
}

Result<Rendered> render(const diagnosis::Session& session, const Wording& wording, const Environment& environment,
                        cert::TimePoint now, const Options& options)
{
    auto content = detail::buildContent(session, wording, environment, now);
    if (options.redact)
        detail::redact(content, session);
    // Outside text that is not UTF-8 (a server's, a directory's) is shown with \xNN escapes, and
    // the report says so: nothing dropped, nothing that breaks the JSON or the page.
    const bool serverSent = detail::serverSentNonUtf8(session);
    if (text::makeTextSafe(content) > 0 || serverSent)
        content["nonUtf8Text"] = true;
    auto html = detail::renderHtml(content, wording);
    if (!html)
        return std::unexpected(html.error());
    return Rendered{text::safeDump(std::move(content), 2) + "\n", std::move(*html)};
}

}  // namespace eascert::report
