#include "eascert/diagnosis/Session.h"

#include <algorithm>

#include "eascert/support/Log.h"

namespace eascert::diagnosis {

Session::Session(cert::LoadedCertificate certificate) : m_certificate(std::move(certificate)) {}

Result<void> Session::probe(probe::ProbeOptions options, std::stop_token stop)
{
    options.client = &m_certificate;
    auto result = probe::runProbe(options, stop);
    if (!result)
        return std::unexpected(result.error());
    if (stop.stop_requested() || (result->failure && result->failure->code == ErrorCode::Cancelled))
        return fail(ErrorCode::Cancelled, "endpoint test");  // a cancelled test is no evidence
    ProbeRun run;
    run.url = options.url;
    run.method = options.method;
    run.verifyServer = options.verifyServer;
    run.verdict = probe::classify(*result, options.method, options.verifyServer);
    run.result = std::move(*result);
    log()->info("diagnosis: probe of {} -> {}", run.url, probe::outcomeId(run.verdict.outcome));
    current().probe = std::move(run);
    return {};
}

Result<void> Session::inspect(directory::Directory& dir, const std::optional<std::string>& user, std::stop_token stop)
{
    auto inspection = directory::inspect(dir, user, certificateInfo(), m_certificate.chainInfo(), stop);
    if (!inspection)
        return std::unexpected(inspection.error());
    log()->info("diagnosis: inspected {} -> {}", inspection->account.dn, directory::inspectStateId(inspection->primary()));
    current().directory = DirectoryRun{dir.describe(), std::move(*inspection)};
    return {};
}

const DirectoryRun* Session::latestDirectory() const
{
    if (fixActive() && m_after.directory)
        return &*m_after.directory;
    return m_before.directory ? &*m_before.directory : nullptr;
}

Result<directory::FixPlan> Session::planFix() const
{
    const auto* run = latestDirectory();
    if (!run)
        return fail(ErrorCode::InvalidArgument, "inspect the directory before planning a fix");
    return directory::planFix(run->inspection);
}

Result<void> Session::applyFix(directory::Directory& dir, const directory::FixPlan& plan, const std::filesystem::path& backupFile)
{
    if (fixActive())
        return fail(ErrorCode::InvalidArgument, "a fix is already applied: undo it first");
    auto outcome = directory::applyFix(dir, plan, backupFile);
    if (!outcome)
        return std::unexpected(outcome.error());
    m_fix = FixRun{plan, std::move(*outcome), false};
    m_after = {};
    return {};
}

Result<void> Session::undoFix(directory::Directory& dir)
{
    if (!fixActive())
        return fail(ErrorCode::InvalidArgument, "no fix to undo");
    auto outcome = directory::undoFix(dir, m_fix->outcome.backupFile);
    if (!outcome)
        return std::unexpected(outcome.error());
    m_fix->undone = true;
    m_after = {};
    return {};
}

std::vector<Finding> Session::findings(const Snapshot& s, cert::TimePoint now) const
{
    Evidence e;
    e.certificate = certificateInfo();
    e.chain = m_certificate.chainInfo();
    if (s.probe) {
        e.probe = s.probe->result;
        e.probeVerdict = s.probe->verdict;
    }
    if (s.directory)
        e.inspection = s.directory->inspection;
    return evaluate(e, now);
}

bool isProblem(const Finding& f)
{
    return f.severity != Severity::Info;
}

Verdict Session::verdict(cert::TimePoint now) const
{
    if (fixActive()) {
        const bool checked = m_after.probe || m_after.directory;
        const auto after = findings(m_after, now);
        return checked && std::none_of(after.begin(), after.end(), isProblem) ? Verdict::Fixed : Verdict::ProblemFound;
    }
    const auto found = findings(m_before, now);
    if (std::any_of(found.begin(), found.end(), isProblem))
        return Verdict::ProblemFound;
    return !found.empty() && found.front().id == FindingId::Healthy ? Verdict::Healthy : Verdict::NoProblemFound;
}

std::string_view verdictId(Verdict v)
{
    switch (v) {
    case Verdict::Healthy: return "healthy";
    case Verdict::NoProblemFound: return "no-problem-found";
    case Verdict::ProblemFound: return "problem-found";
    case Verdict::Fixed: return "fixed";
    }
    return "problem-found";
}

} // namespace eascert::diagnosis
