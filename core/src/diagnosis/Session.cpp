#include "eascert/diagnosis/Session.h"

#include <algorithm>

#include "eascert/support/Log.h"
#include "eascert/support/Text.h"

namespace eascert::diagnosis {

Session::Session(cert::LoadedCertificate certificate) : m_certificate(std::move(certificate)) {}

Result<ProbeRun> Session::runProbe(probe::ProbeOptions options, std::stop_token stop) const
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
    return run;
}

void Session::record(ProbeRun run)
{
    current().probe = std::move(run);
}

Result<DirectoryRun> Session::runInspection(directory::Directory& dir, const std::optional<std::string>& user,
                                            std::stop_token stop) const
{
    auto inspection = directory::inspect(dir, user, certificateInfo(), m_certificate.chainInfo(), stop);
    if (!inspection)
        return std::unexpected(inspection.error());
    log()->info("diagnosis: inspected {} -> {}", text::printable(inspection->account.dn),
                directory::inspectStateId(inspection->primary()));
    return DirectoryRun{dir.describe(), std::move(*inspection)};
}

void Session::record(DirectoryRun run)
{
    current().directory = std::move(run);
}

Result<FixRun> Session::runFix(directory::Directory& dir, const directory::FixPlan& plan,
                               const std::filesystem::path& backupFile) const
{
    auto outcome = directory::applyFix(dir, plan, backupFile);
    if (!outcome)
        return std::unexpected(outcome.error());
    const auto now = std::chrono::floor<std::chrono::seconds>(cert::currentTime());
    return FixRun{plan, std::move(*outcome), false, {}, now.time_since_epoch().count()};
}

Result<void> Session::record(FixRun fix)
{
    if (fixActive())
        return fail(ErrorCode::InvalidArgument, "a fix is already applied: undo it first");
    m_fix = std::move(fix);
    m_after = {};
    return {};
}

Result<directory::FixOutcome> Session::runUndo(directory::Directory& dir) const
{
    if (!fixActive())
        return fail(ErrorCode::InvalidArgument, "no fix to undo");
    return directory::undoFix(dir, m_fix->outcome.backupFile);
}

Result<void> Session::recordUndo(directory::FixOutcome outcome)
{
    if (!fixActive())
        return fail(ErrorCode::InvalidArgument, "no fix to undo");
    m_fix->undone = true;
    m_fix->undo = std::move(outcome);
    m_after = {};
    return {};
}

Result<void> Session::probe(probe::ProbeOptions options, std::stop_token stop)
{
    auto run = runProbe(std::move(options), stop);
    if (!run)
        return std::unexpected(run.error());
    record(std::move(*run));
    return {};
}

Result<void> Session::inspect(directory::Directory& dir, const std::optional<std::string>& user, std::stop_token stop)
{
    auto run = runInspection(dir, user, stop);
    if (!run)
        return std::unexpected(run.error());
    record(std::move(*run));
    return {};
}

const DirectoryRun* Session::latestDirectory() const
{
    if (fixActive() && m_after.directory)
        return &*m_after.directory;
    return m_before.directory ? &*m_before.directory : nullptr;
}

const ProbeRun* Session::latestProbe() const
{
    if (fixActive() && m_after.probe)
        return &*m_after.probe;
    return m_before.probe ? &*m_before.probe : nullptr;
}

Result<directory::FixPlan> Session::planFix(const std::vector<std::string>& remove, bool publishNtAuth) const
{
    const auto* run = latestDirectory();
    if (!run)
        return fail(ErrorCode::InvalidArgument, "inspect the directory before planning a fix");
    return directory::planFix(run->inspection, directory::FixOptions{remove, std::nullopt, publishNtAuth});
}

std::vector<std::string> Session::brokenValues() const
{
    std::vector<std::string> out;
    if (const auto* run = latestDirectory())
        for (const auto& v : run->inspection.values)
            if (v.result.verdict == mapping::Verdict::NearMiss)
                out.push_back(v.value);
    return out;
}

Result<void> Session::applyFix(directory::Directory& dir, const directory::FixPlan& plan,
                               const std::filesystem::path& backupFile)
{
    if (fixActive())
        return fail(ErrorCode::InvalidArgument, "a fix is already applied: undo it first");
    auto fix = runFix(dir, plan, backupFile);
    if (!fix)
        return std::unexpected(fix.error());
    return record(std::move(*fix));
}

Result<void> Session::undoFix(directory::Directory& dir)
{
    auto outcome = runUndo(dir);
    if (!outcome)
        return std::unexpected(outcome.error());
    return recordUndo(std::move(*outcome));
}

evidence::MatchTarget Session::evidenceTarget() const
{
    std::vector<std::string> accounts;
    if (const auto* d = latestDirectory()) {
        const auto& a = d->inspection.account;
        for (const auto* name : {&a.samAccountName, &a.userPrincipalName})
            if (!name->empty())
                accounts.push_back(*name);
    }
    return evidence::matchTarget(&certificateInfo(), std::move(accounts));
}

void Session::record(std::vector<evidence::EvidenceSource> sources)
{
    auto& target = current().evidence;
    for (auto& source : sources)
        target.push_back(std::move(source));
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
    e.sources = s.evidence;
    // Logs read after a fix hold the failure before it too: only what happened since counts now. Logs
    // tell the time to the second, so the second of the fix itself counts as before it.
    if (&s == &m_after && fixActive())
        for (auto& source : e.sources)
            evidence::keepSince(source, m_fix->appliedAt + 1);
    e.accounts = evidenceTarget().accounts;
    return evaluate(e, now);
}

bool isProblem(const Finding& f)
{
    return f.severity != Severity::Info;
}

Verdict Session::verdict(cert::TimePoint now) const
{
    if (fixActive() && m_fix->outcome.offline)
        return Verdict::ChangePending;  // whatever was checked after it, AD holds none of it yet
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
    case Verdict::ChangePending: return "change-pending";
    }
    return "problem-found";
}

}  // namespace eascert::diagnosis
