#pragma once

#include <filesystem>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "eascert/cert/CertificateLoader.h"
#include "eascert/diagnosis/Diagnosis.h"
#include "eascert/directory/Fix.h"
#include "eascert/probe/Classification.h"

namespace eascert::diagnosis {

// The answer to "why does the phone ask for a password?" in one word.
enum class Verdict
{
    Healthy,         // the endpoint authenticates and the directory holds a strong mapping
    NoProblemFound,  // nothing wrong in what was checked, but not everything was checked
    ProblemFound,    // at least one critical or warning finding
    Fixed,           // a problem was found, a fix applied, and the checks after it pass
    ChangePending,   // a problem was found and the fix written to a change file: AD is unchanged until
                     // an admin imports it, so the endpoint keeps failing until then
};

std::string_view verdictId(Verdict v);

// One endpoint test and what it means.
struct ProbeRun
{
    std::string url;
    probe::Method method = probe::Method::Options;
    bool verifyServer = true;
    probe::ProbeResult result;
    probe::Classification verdict;
};

// One directory look: the inspection and where it came from.
struct DirectoryRun
{
    std::string directory;  // Directory::describe(): never a secret
    directory::Inspection inspection;
};

struct FixRun
{
    directory::FixPlan plan;
    directory::FixOutcome outcome;
    bool undone = false;
    directory::FixOutcome undo;  // what the undo did (when undone)
    std::int64_t appliedAt = 0;  // seconds since 1970 UTC: the servers' records before it are the failure's
};

// Evidence and results at one point in time: before the fix, and after it.
struct Snapshot
{
    std::optional<ProbeRun> probe;
    std::optional<DirectoryRun> directory;
    std::vector<evidence::EvidenceSource> evidence;  // the servers' logs and settings the admin gave
};

// One diagnosis: the certificate, what the endpoint and the directory said, the fix and what the
// checks said afterwards. The wizard's pages and `eascert diagnose` are views on it; every step is a
// blocking, cancellable core call (the UI runs them off its thread). Steps before a fix fill
// before(); once a fix is applied (and not undone), steps fill after().
class Session
{
public:
    explicit Session(cert::LoadedCertificate certificate);

    const cert::LoadedCertificate& certificate() const { return m_certificate; }
    const cert::CertificateInfo& certificateInfo() const { return m_certificate.certificate.info(); }

    // Each step comes in two halves, so a front end can run the slow half on a worker thread and
    // record its result on its own thread (the wizard's jobs share ownership of the session and never
    // write to it): run*() are const and only read the certificate, which never changes; record*()
    // write. probe(), inspect(), applyFix() and undoFix() do both in one call.

    // The endpoint test with this session's certificate (options.client is set here). Network
    // failures are results; errors are for options that cannot work, and for a cancelled test.
    Result<ProbeRun> runProbe(probe::ProbeOptions options, std::stop_token stop = {}) const;
    // The account's mapping state for this session's certificate.
    Result<DirectoryRun> runInspection(directory::Directory& directory, const std::optional<std::string>& user,
                                       std::stop_token stop = {}) const;
    // Backup → add → read back (directory::applyFix).
    Result<FixRun> runFix(directory::Directory& directory, const directory::FixPlan& plan,
                          const std::filesystem::path& backupFile) const;
    // Reverts the applied fix (directory::undoFix: only our own change).
    Result<directory::FixOutcome> runUndo(directory::Directory& directory) const;

    void record(ProbeRun run);      // into the current snapshot
    void record(DirectoryRun run);  // into the current snapshot
    // The servers' evidence (logs of the failure, settings), into the current snapshot: logs given
    // before a fix describe the failure, and do not count against the checks after it.
    void record(std::vector<evidence::EvidenceSource> sources);
    // Takes the servers' evidence out of the current snapshot again (the admin removed it).
    void clearEvidence() { current().evidence.clear(); }
    Result<void> record(FixRun fix);                         // later steps fill after()
    Result<void> recordUndo(directory::FixOutcome outcome);  // later steps fill before() again

    Result<void> probe(probe::ProbeOptions options, std::stop_token stop = {});
    Result<void> inspect(directory::Directory& directory, const std::optional<std::string>& user,
                         std::stop_token stop = {});
    // The change that would fix the latest inspection: add the strong value, remove only the values
    // the admin chose (each must be on the account), and publish the issuing CA to NTAuth when the
    // admin chose that and the inspection found it missing.
    Result<directory::FixPlan> planFix(const std::vector<std::string>& remove = {}, bool publishNtAuth = false) const;
    // The latest inspection's values that are meant for this certificate but that AD will not match
    // (near misses): what "also remove the broken value" offers.
    std::vector<std::string> brokenValues() const;
    Result<void> applyFix(directory::Directory& directory, const directory::FixPlan& plan,
                          const std::filesystem::path& backupFile);
    Result<void> undoFix(directory::Directory& directory);

    const Snapshot& before() const { return m_before; }
    const Snapshot& after() const { return m_after; }
    const std::optional<FixRun>& fix() const { return m_fix; }
    bool fixActive() const { return m_fix && !m_fix->undone; }
    // The latest results: after the fix while it stands and has them, else before; null when none.
    const DirectoryRun* latestDirectory() const;
    const ProbeRun* latestProbe() const;

    // What the servers' evidence is matched against: this certificate, and the names the logs may
    // use for its account (the certificate's UPNs, the inspected account's names).
    evidence::MatchTarget evidenceTarget() const;

    // Findings for a snapshot (pure; the clock is a parameter), root cause first.
    std::vector<Finding> findings(const Snapshot& snapshot, cert::TimePoint now) const;
    Verdict verdict(cert::TimePoint now) const;

private:
    Snapshot& current() { return fixActive() ? m_after : m_before; }

    cert::LoadedCertificate m_certificate;
    Snapshot m_before;
    Snapshot m_after;
    std::optional<FixRun> m_fix;
};

bool isProblem(const Finding& finding);

}  // namespace eascert::diagnosis
