// eascert directory migrate: plan strong mappings for a whole domain, apply them with a journal
// (resumable), undo them from it, and write a summary report.

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#ifdef _WIN32
#include <io.h>
#else
#include <unistd.h>
#endif

#include <nlohmann/json.hpp>

#include "Commands.h"
#include "DirectoryInput.h"
#include "DirectoryMessages.h"
#include "ExitCode.h"
#include "eascert/cert/Validity.h"
#include "eascert/directory/Migration.h"
#include "eascert/report/Report.h"
#include "eascert/support/File.h"
#include "eascert/support/JsonText.h"
#include "eascert/support/Path.h"
#include "eascert/support/Text.h"

namespace eascert::cli {

namespace {

struct MigrateArgs
{
    DirectoryArgs directory;
    bool fromPublished = false;
    std::vector<std::string> certs;
    std::string caExport;
    std::string mapFile;
    bool pruneWeak = false;
    std::string plan;
    bool apply = false;
    std::string journal;
    std::string undo;
    bool yes = false;
    std::string format = "table";
    std::string report;
    int pageSize = 1000;
    std::string base;
    bool timeoutGiven = false;
};

// A domain takes as long as it takes: each network call keeps its time-out, and the whole run is
// bounded only when --timeout is given (killing the run is safe: the journal resumes it).
Result<std::unique_ptr<directory::Directory>> openForMigration(const MigrateArgs& args)
{
    auto dir = openDirectory(args.directory);
    if (dir && !args.timeoutGiven)
        (*dir)->setDeadline(std::nullopt);
    return dir;
}

bool stderrIsTerminal()
{
#ifdef _WIN32
    return _isatty(_fileno(stderr)) != 0;
#else
    return isatty(fileno(stderr)) != 0;
#endif
}

// "312/8000 accounts · 41/s · 3 min 7 s left", rewritten in place at most four times a second; only
// on a terminal (a script's log gets none).
class ProgressLine
{
public:
    explicit ProgressLine(bool enabled) : m_enabled(enabled) {}
    ~ProgressLine() { finish(); }
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    void operator()(const directory::MigrationProgress& p)
    {
        if (!m_enabled)
            return;
        const auto now = Clock::now();
        if (p.done < p.total && now - m_last < std::chrono::milliseconds(250))
            return;
        m_last = now;
        const double seconds = std::chrono::duration<double>(now - m_start).count();
        const double rate = seconds > 0 ? static_cast<double>(p.done) / seconds : 0;
        std::string line = "\r  " + std::to_string(p.done) + "/" + std::to_string(p.total) + " accounts";
        if (rate > 0) {
            line += " · " + std::to_string(static_cast<long>(rate + 0.5)) + "/s";
            const auto left = static_cast<long>(static_cast<double>(p.total - p.done) / rate);
            line +=
                " · " + (left >= 60 ? std::to_string(left / 60) + " min " : "") + std::to_string(left % 60) + " s left";
        }
        if (p.conflicts + p.failed > 0)
            line += " · " + std::to_string(p.conflicts) + " conflict(s), " + std::to_string(p.failed) + " failed";
        std::cerr << line << "   " << std::flush;
        m_shown = true;
    }
    void finish()
    {
        if (m_shown)
            std::cerr << '\n';
        m_shown = false;
    }

private:
    using Clock = std::chrono::steady_clock;
    bool m_enabled;
    bool m_shown = false;
    Clock::time_point m_start = Clock::now();
    Clock::time_point m_last{};
};

std::string actionText(const directory::MigrationAccount& a)
{
    using directory::SkipReason;
    switch (a.action) {
    case directory::MigrationAction::Add: return "add the strong mapping";
    case directory::MigrationAction::Prune: return "already strong: remove the weak values of the same certificate";
    case directory::MigrationAction::None: return "nothing to do";
    case directory::MigrationAction::Skip: break;
    }
    switch (a.reason) {
    case SkipReason::NoCertificate: return "skipped: weak mapping, but no certificate for it in the sources";
    case SkipReason::Expired: return "skipped: the certificate has expired (expired certificates are never mapped)";
    case SkipReason::NotYetValid: return "skipped: the certificate is not valid yet";
    case SkipReason::NotClientAuth: return "skipped: the certificate may not be used for client authentication";
    case SkipReason::Ambiguous: return "skipped: the certificate matches several accounts equally well";
    case SkipReason::SharedCertificate: return "skipped: the same certificate is published on several accounts";
    case SkipReason::NoStrongForm: return "skipped: no strong mapping can be built for the certificate";
    case SkipReason::None: break;
    }
    return "skipped";
}

std::string ruleText(directory::MatchRule r)
{
    using directory::MatchRule;
    switch (r) {
    case MatchRule::MapFile: return "named in the map file";
    case MatchRule::ExistingMapping: return "an existing mapping names it";
    case MatchRule::Published: return "published on the account";
    case MatchRule::Upn: return "its UPN is the account's";
    case MatchRule::Email: return "its e-mail is the account's";
    case MatchRule::CommonName: return "its CN is the account's logon name";
    }
    return "";
}

void printPlanTable(const directory::MigrationPlan& plan)
{
    for (const auto& a : plan.accounts) {
        if (a.action == directory::MigrationAction::None)
            continue;
        std::cout << text::printable(a.samAccountName) << " (" << text::printable(a.dn) << ")\n  " << actionText(a)
                  << '\n';
        for (const auto& v : a.add)
            std::cout << "  + " << text::printable(v) << '\n';
        for (const auto& v : a.remove)
            std::cout << "  - " << text::printable(v) << '\n';
        if (!a.certificates.empty()) {
            const auto& c = a.certificates.front();
            std::cout << "  certificate " << c.thumbprint << " from " << text::printable(c.source) << " ("
                      << ruleText(c.matchedBy) << "; valid until " << c.notAfter << ")\n";
        }
        if (!a.detail.empty())
            std::cout << "  " << text::printable(a.detail) << '\n';
    }
    for (const auto& p : plan.sourceProblems)
        std::cout << "not read: " << text::printable(p) << '\n';
    const auto& s = plan.summary;
    std::cout << "\n"
              << s.scanned << " accounts read: " << s.add << " to add a strong mapping, " << s.prune << " to prune, "
              << s.none << " with nothing to do, " << s.skip << " skipped; " << s.withoutCertificate
              << " without any certificate or X.509 mapping (not listed). " << s.valuesToAdd << " value(s) to add, "
              << s.valuesToRemove << " to remove."
              << (plan.pruneWeak ? "" : " Weak values are kept (add --prune-weak to remove them).") << '\n';
}

// Written a piece at a time: a domain's plan is never one string in memory.
Result<void> printPlan(const directory::MigrationPlan& plan, const std::string& format)
{
    const auto sink = [](std::string_view piece) {
        return static_cast<bool>(std::cout.write(piece.data(), static_cast<std::streamsize>(piece.size())));
    };
    if (format == "json")
        plan.writeJson(sink);
    else if (format == "csv")
        plan.writeCsv(sink);
    else if (format == "ldif")
        plan.writeLdif(sink);
    else if (format == "powershell")
        plan.writePowershell(sink);
    else
        printPlanTable(plan);
    if (plan.accounts.error())
        return std::unexpected(*plan.accounts.error());
    return {};
}

std::string runJson(const directory::MigrationRun& run, const char* kind)
{
    nlohmann::ordered_json j;
    j["schema"] = "eascert.migration-run.v1";
    j["kind"] = kind;
    j["offline"] = run.offline;
    j["resumed"] = run.resumed;
    j["cancelled"] = run.cancelled;
    j["total"] = run.progress.total;
    j["done"] = run.progress.applied;
    j["conflicts"] = run.progress.conflicts;
    j["failed"] = run.progress.failed;
    auto list = nlohmann::ordered_json::array();
    for (const auto& a : run.accounts)
        list.push_back({{"dn", a.dn},
                        {"sAMAccountName", a.samAccountName},
                        {"outcome", directory::accountOutcomeId(a.outcome)},
                        {"added", a.added},
                        {"removed", a.removed},
                        {"before", a.before},
                        {"after", a.after},
                        {"detail", a.detail}});
    j["accounts"] = std::move(list);
    return text::safeDump(j, 1) + "\n";
}

void printRun(const directory::MigrationRun& run, bool undo)
{
    for (const auto& a : run.accounts) {
        if (a.outcome == directory::AccountOutcome::Applied || a.outcome == directory::AccountOutcome::Undone) {
            if (!a.detail.empty())
                std::cout << text::printable(a.samAccountName) << ": " << text::printable(a.detail) << '\n';
            continue;
        }
        std::cout << text::printable(a.samAccountName) << " (" << text::printable(a.dn)
                  << "): " << directory::accountOutcomeId(a.outcome)
                  << (a.detail.empty() ? "" : " — " + text::printable(a.detail)) << '\n';
    }
    const auto& p = run.progress;
    std::cout << (run.offline ? "Written to the change file"
                  : undo      ? "Reverted"
                              : "Written and read back")
              << ": " << p.applied << " of " << p.total << " account(s); " << p.conflicts
              << " conflict(s) (skipped, nothing written to them), " << p.failed << " failed."
              << (run.resumed ? " (resumed an interrupted run)" : "") << '\n';
    if (run.offline)
        std::cout << "Active Directory is unchanged until the change file is imported"
                  << (run.changeFile.empty() ? "" : ": " + text::printable(utf8Path(run.changeFile))) << ".\n";
    if (run.cancelled)
        std::cout << "Stopped between accounts; run the same command again to continue.\n";
}

Result<void> writeReport(const MigrateArgs& args, const directory::MigrationPlan& plan,
                         const directory::MigrationRun* run, const char* kind)
{
    if (args.report.empty())
        return {};
    report::Environment env;
    env.generatedAt = cert::formatTime(cert::currentTime());
    auto html = report::renderMigrationHtml(plan, run, kind, env);
    if (!html)
        return std::unexpected(html.error());
    return writeFile(pathFromUtf8(args.report), *html);
}

int exitFor(const directory::MigrationRun& run)
{
    if (run.progress.conflicts + run.progress.failed > 0 || run.cancelled)
        return ProblemFound;
    return run.offline ? ChangeFileWritten : Ok;
}

int runUndo(const MigrateArgs& args)
{
    const auto journal = pathFromUtf8(args.undo);
    auto plan = directory::journalPlan(journal);
    if (!plan)
        return reportError(plan.error(), args.format == "json", "eascert.migration-run.v1");
    auto dir = openForMigration(args);
    if (!dir)
        return reportError(dir.error(), args.format == "json", "eascert.migration-run.v1");
    if (args.format != "json")
        std::cout << "Reverts the migration journaled in " << text::printable(args.undo)
                  << ": the values it added go, the values it removed come back, account by account; values others "
                     "changed since stay as they are.\n";
    if (!confirmed(args.yes, "Revert this migration on " + (*dir)->describe() + "?"))
        return Usage;
    ProgressLine progress(stderrIsTerminal());
    auto run = directory::undoMigration(**dir, journal, std::ref(progress));
    progress.finish();
    if (!run)
        return reportError(run.error(), args.format == "json", "eascert.migration-run.v1");
    if (args.format == "json")
        std::cout << runJson(*run, "undo");
    else
        printRun(*run, true);
    if (auto w = writeReport(args, *plan, &*run, "undo"); !w)
        return reportError(w.error(), false, "eascert.migration-run.v1");
    return exitFor(*run);
}

int runMigrate(const MigrateArgs& args)
{
    const bool json = args.format == "json";
    constexpr const char* kSchema = "eascert.migration-run.v1";
    if (!args.undo.empty())
        return runUndo(args);
    const bool haveSources =
        args.fromPublished || !args.certs.empty() || !args.caExport.empty() || !args.mapFile.empty();
    const bool resuming = args.apply && !args.journal.empty() && std::filesystem::exists(pathFromUtf8(args.journal));
    const bool planFromFile = args.apply && !args.plan.empty();
    if (args.apply && args.journal.empty())
        return reportError(Error{ErrorCode::InvalidArgument,
                                 "--apply needs --journal FILE: the record that makes the run "
                                 "resumable and undoable"},
                           json, kSchema);
    if (!haveSources && !planFromFile && !resuming)
        return reportError(
            Error{ErrorCode::InvalidArgument,
                  "name where the certificates come from: --from-published, --certs PATH, --ca-export FILE or "
                  "--map FILE (or --apply with --plan FILE)"},
            json, kSchema);

    auto dir = openForMigration(args);
    if (!dir)
        return reportError(dir.error(), json, kSchema);

    directory::MigrationPlan plan;
    if (resuming) {
        auto p = directory::journalPlan(pathFromUtf8(args.journal));
        if (!p)
            return reportError(p.error(), json, kSchema);
        plan = std::move(*p);
        if (planFromFile) {
            auto file = directory::readMigrationPlan(pathFromUtf8(args.plan));
            if (!file)
                return reportError(file.error(), json, kSchema);
            if (file->digest() != plan.digest())
                return reportError(Error{ErrorCode::FileExists, args.journal +
                                                                    ": this journal belongs to another plan than " +
                                                                    args.plan + "; start a new journal"},
                                   json, kSchema);
        }
        if (!json)
            std::cout << "Resuming the run journaled in " << text::printable(args.journal) << " (its plan of "
                      << text::printable(plan.createdAt) << "; the sources are not read again).\n";
    } else if (planFromFile) {
        auto p = directory::readMigrationPlan(pathFromUtf8(args.plan));
        if (!p)
            return reportError(p.error(), json, kSchema);
        plan = std::move(*p);
    } else {
        directory::CertificateSources sources;
        sources.fromPublished = args.fromPublished;
        std::vector<std::filesystem::path> paths;
        for (const auto& c : args.certs)
            paths.push_back(pathFromUtf8(c));
        directory::addCertificateFiles(sources, paths);
        if (!args.caExport.empty())
            if (auto r = directory::addCaExport(sources, pathFromUtf8(args.caExport)); !r)
                return reportError(r.error(), json, kSchema);
        if (!args.mapFile.empty())
            if (auto r = directory::addMapFile(sources, pathFromUtf8(args.mapFile)); !r)
                return reportError(r.error(), json, kSchema);
        directory::MigrationOptions options;
        options.pruneWeak = args.pruneWeak;
        options.pageSize = args.pageSize;
        options.base = args.base;
        auto p = directory::planMigration(**dir, sources, options);
        if (!p)
            return reportError(p.error(), json, kSchema);
        plan = std::move(*p);
        if (!args.plan.empty())
            if (auto w = writeFileBy(pathFromUtf8(args.plan), [&](const FileSink& sink) { plan.writeJson(sink); }); !w)
                return reportError(w.error(), json, kSchema);
    }

    if (!args.apply) {
        if (auto printed = printPlan(plan, args.format); !printed)
            return reportError(printed.error(), false, kSchema);
        if (auto w = writeReport(args, plan, nullptr, "plan"); !w)
            return reportError(w.error(), false, kSchema);
        const auto& s = plan.summary;
        return s.add + s.prune + s.skip == 0 ? Ok : ProblemFound;
    }

    if (!json) {
        if (!resuming)
            printPlanTable(plan);
        std::cout
            << "\nJournal: " << text::printable(args.journal)
            << " (written before each change; the same command continues an interrupted run; --undo reverts it)\n";
    }
    const auto& s = plan.summary;
    if (!confirmed(args.yes, "Write " + std::to_string(s.valuesToAdd) + " new and remove " +
                                 std::to_string(s.valuesToRemove) + " value(s) on " + std::to_string(s.add + s.prune) +
                                 " account(s) in " + writeTarget(**dir) + "?"))
        return Usage;
    ProgressLine progress(stderrIsTerminal());
    auto run = directory::applyMigration(**dir, plan, pathFromUtf8(args.journal), std::ref(progress));
    progress.finish();
    if (!run)
        return reportError(run.error(), json, kSchema);
    if (json)
        std::cout << runJson(*run, "apply");
    else
        printRun(*run, false);
    if (auto w = writeReport(args, plan, &*run, "apply"); !w)
        return reportError(w.error(), false, kSchema);
    return exitFor(*run);
}

}  // namespace

void addMigrateCommand(CLI::App& directoryCommand, Context& context)
{
    auto args = std::make_shared<MigrateArgs>();
    auto* cmd = directoryCommand.add_subcommand(
        "migrate", "Plan, apply (journaled, resumable) and undo strong mappings for every account with a certificate");
    addDirectoryOptions(*cmd, args->directory);
    cmd->add_flag("--from-published", args->fromPublished,
                  "Use each account's Published Certificates (userCertificate)");
    cmd->add_option("--certs", args->certs, "Certificate files and folders (.cer .crt .der .pem .p7b .pfx)")
        ->expected(1, -1);
    cmd->add_option("--ca-export", args->caExport,
                    "A CA's certutil -view -out \"RequestID,RawCertificate\" csv export");
    cmd->add_option("--map", args->mapFile, "CSV of sAMAccountName,certificate file");
    cmd->add_flag(
        "--prune-weak", args->pruneWeak,
        "Also remove the weak and near-miss values of each certificate mapped strongly (never anything else)");
    cmd->add_option("--plan", args->plan, "Planning: write the plan (JSON) here. With --apply: apply this plan file");
    cmd->add_flag("--apply", args->apply, "Write the plan to the directory (needs --journal)");
    cmd->add_option("--journal", args->journal, "The run's journal: written first; resume with the same command");
    cmd->add_option("--undo", args->undo, "Revert the run journaled in this file (only this tool's changes)");
    cmd->add_flag("--yes", args->yes, "Apply without asking (for scripts)");
    cmd->add_option("--format", args->format, "table, csv, json, ldif or powershell")
        ->check(CLI::IsMember({"table", "csv", "json", "ldif", "powershell"}));
    cmd->add_option("--report", args->report, "Write a summary HTML report here");
    cmd->add_option("--page-size", args->pageSize, "LDAP page size")->check(CLI::Range(1, 5000));
    cmd->add_option("--base", args->base, "Only accounts under this DN (an OU for a pilot); default: the whole domain");
    cmd->callback([args, cmd, &context] {
        args->timeoutGiven = cmd->count("--timeout") > 0;
        context.exitCode = runMigrate(*args);
    });
}

}  // namespace eascert::cli
