// eascert diagnose: load -> probe -> inspect -> (fix -> test again) -> report, the whole flow in one run.

#ifndef _WIN32
#include <pwd.h>
#include <unistd.h>
#endif

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>

#include "CertificateInput.h"
#include "Commands.h"
#include "DirectoryInput.h"
#include "DirectoryMessages.h"
#include "ExitCode.h"
#include "Messages.h"
#include "ReportWording.h"
#include "SystemProxy.h"
#include "Terms.h"
#include "eascert/cert/Validity.h"
#include "eascert/diagnosis/Session.h"
#include "eascert/evidence/Evidence.h"
#include "eascert/lab/DemoLab.h"
#include "eascert/report/Report.h"
#include "eascert/support/Path.h"
#include "eascert/support/Text.h"

namespace eascert::cli {

namespace {

struct DiagnoseArgs
{
    bool demo = false;
    std::string demoDir = "eascert-demo";
    CertificateArgs certificate;
    std::string url;
    std::string method = "OPTIONS";
    std::string endpointCaFile;
    bool insecure = false;
    std::string proxy;
    bool noProxy = false;
    DirectoryArgs directory;
    std::string user;
    bool fix = false;
    bool yes = false;
    bool noNtAuth = false;
    std::string backup;
    std::string report;
    std::string json;
    bool redact = false;
    bool quiet = false;
    std::vector<std::string> evidence;  // the servers' logs and settings
};

class Progress
{
public:
    explicit Progress(bool quiet) : m_quiet(quiet) {}
    void step(const std::string& text) const
    {
        if (!m_quiet)
            std::cerr << "eascert: " << text << '\n';
    }

private:
    bool m_quiet;
};

std::string statusText(const diagnosis::ProbeRun& run)
{
    const auto& r = run.result;
    std::string s = r.http ? std::to_string(r.http->status) +
                                 (r.http->substatus ? "." + std::to_string(*r.http->substatus) : std::string())
                           : std::string("no HTTP answer");
    return s + ": " + common::terms::probeOutcome(run.verdict.outcome);
}

// "user@host" for the report's environment section.
std::string whoRan()
{
#ifdef _WIN32
    const char* user = std::getenv("USERNAME");
    const char* host = std::getenv("COMPUTERNAME");
    return std::string(user ? user : "unknown") + "@" + (host ? host : "");
#else
    const char* user = std::getenv("USER");
    if (!user || !*user)
        if (const passwd* pw = getpwuid(getuid()))
            user = pw->pw_name;
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) != 0)
        host[0] = '\0';
    return std::string(user ? user : "unknown") + "@" + host;
#endif
}

struct Targets
{
    std::unique_ptr<lab::DemoLab> lab;                   // --demo: the embedded lab
    std::unique_ptr<directory::Directory> ownDirectory;  // --ldap / --ldif
    directory::Directory* directory = nullptr;
    std::string url;
    std::string endpointCaFile;
};

Result<Targets> openTargets(DiagnoseArgs& args, const Progress& progress)
{
    Targets t;
    if (args.demo) {
        progress.step("starting the demo lab in " + args.demoDir +
                      " (standalone CA, LDIF directory, IIS-like endpoint)");
        auto lab = lab::DemoLab::start(pathFromUtf8(args.demoDir));
        if (!lab)
            return std::unexpected(lab.error());
        t.lab = std::move(*lab);
        args.certificate.file = utf8Path(t.lab->files().userPfx);
        args.certificate.passwordFile = utf8Path(t.lab->files().userPfxPassword);
        t.directory = &t.lab->directory();
        t.url = t.lab->url();
        t.endpointCaFile = utf8Path(t.lab->files().caPem);
        return t;
    }
    t.url = probe::completeUrl(args.url);
    t.endpointCaFile = !args.endpointCaFile.empty() ? args.endpointCaFile : args.directory.caFile;
    if (!args.directory.ldapUri.empty() || !args.directory.ldifFile.empty()) {
        if (args.fix && !args.directory.ldifFile.empty() && args.directory.changesFile.empty())
            args.directory.changesFile =
                utf8Path(pathFromUtf8(args.directory.ldifFile).replace_extension(".changes.ldif"));
        auto dir = openDirectory(args.directory);
        if (!dir)
            return std::unexpected(dir.error());
        t.ownDirectory = std::move(*dir);
        t.directory = t.ownDirectory.get();
    }
    return t;
}

probe::ProbeOptions probeOptions(const DiagnoseArgs& args, const Targets& t)
{
    probe::ProbeOptions o;
    o.url = t.url;
    o.method = args.method == "GET" ? probe::Method::Get : probe::Method::Options;
    o.caFile = t.endpointCaFile;
    o.verifyServer = !args.insecure;
    o.proxy = args.noProxy || args.demo ? std::string()
              : !args.proxy.empty()     ? args.proxy
                                        : common::systemProxyFor(t.url);
    o.connectTimeout = std::chrono::seconds(args.directory.timeoutSeconds);
    o.ioTimeout = std::chrono::seconds(args.directory.timeoutSeconds);
    o.totalTimeout = std::chrono::seconds(args.directory.timeoutSeconds);  // the whole test, not each read
    // With a directory, the probe shares the command's one deadline with the directory's calls.
    if (t.directory && t.directory->deadline()) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*t.directory->deadline() -
                                                                                std::chrono::steady_clock::now());
        o.totalTimeout = std::max(std::chrono::milliseconds(1), std::min(o.totalTimeout, left));
    }
    return o;
}

// Probe and inspect: fills the session's current snapshot.
Result<void> check(diagnosis::Session& session, const DiagnoseArgs& args, Targets& t, const Progress& progress)
{
    if (!t.url.empty()) {
        progress.step("testing " + t.url + " with the certificate ...");
        if (auto r = session.probe(probeOptions(args, t)); !r)
            return r;
        const auto& run = session.fixActive() ? *session.after().probe : *session.before().probe;
        progress.step("  endpoint answered " + statusText(run));
    }
    if (t.directory) {
        progress.step("inspecting the account in " + t.directory->describe() + " ...");
        std::optional<std::string> user;
        if (!args.user.empty())
            user = args.user;
        if (auto r = session.inspect(*t.directory, user); !r)
            return r;
        const auto& run = session.fixActive() ? *session.after().directory : *session.before().directory;
        progress.step("  " + text::printable(run.inspection.account.dn) + ": " +
                      common::terms::inspectState(run.inspection.primary()));
    }
    return {};
}

// The demo lab's logs (IIS's W3C log, the DC's events) into the session's current snapshot.
Result<void> readLabLogs(diagnosis::Session& session, const lab::DemoLab& lab, const Progress& progress)
{
    std::vector<evidence::EvidenceSource> sources;
    for (const auto& file : lab.evidenceFiles()) {
        progress.step("reading the lab's log " + utf8Path(file) + " ...");
        auto source = evidence::readEvidenceFile(file);
        if (!source)
            return std::unexpected(source.error());
        sources.push_back(std::move(*source));
    }
    session.record(std::move(sources));
    return {};
}

// Returns false when the admin declined (nothing written).
Result<bool> fix(diagnosis::Session& session, const DiagnoseArgs& args, Targets& t, const Progress& progress)
{
    auto plan = session.planFix({}, !args.noNtAuth);
    if (!plan)
        return std::unexpected(plan.error());
    const std::string notPlanned =
        session.latestDirectory() ? ntAuthNotPlannedText(session.latestDirectory()->inspection, *plan) : std::string();
    if (plan->empty()) {
        progress.step("no directory change would help: the strong mapping is already there");
        if (!notPlanned.empty())
            std::cerr << notPlanned;
        return false;
    }
    if (!args.quiet || !(args.yes || args.demo)) {  // the admin sees what is about to be written
        std::cerr << "\nPlanned change (LDIF):\n"
                  << plan->ldif() << "PowerShell equivalent:\n  " << plan->powershell() << "\n\n";
        if (plan->ntAuth)
            std::cerr << ntAuthPlanText(*plan->ntAuth) << '\n';
        std::cerr << notPlanned;
    }
    const std::string where = writeTarget(*t.directory);
    if (!confirmed(args.yes || args.demo, "Write this change to " + where + "?"))
        return false;
    // The write and the checks after it get a --timeout of their own: the time the admin took to
    // answer is not network time.
    if (t.directory->deadline())
        t.directory->setDeadline(std::chrono::steady_clock::now() +
                                 std::chrono::seconds(args.directory.timeoutSeconds));
    const std::filesystem::path backup =
        !args.backup.empty()
            ? pathFromUtf8(args.backup)
            : defaultBackupPath(args.demo ? pathFromUtf8(args.demoDir) : std::filesystem::path(), plan->samAccountName);
    progress.step("applying: backup " + utf8Path(backup) + (plan->ntAuth ? ", publish the issuing CA to NTAuth" : "") +
                  (plan->mappingChanges() ? ", add the strong value" : "") + ", read back ...");
    if (auto r = session.applyFix(*t.directory, *plan, backup); !r)
        return std::unexpected(r.error());
    progress.step("  done; testing again");
    return true;
}

// One argument as a shell would need it to be typed again.
std::string quoted(const std::string& a)
{
    const bool plain = !a.empty() && a.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                         "0123456789-_./:=@+,%") == std::string::npos;
    if (plain)
        return a;
#ifdef _WIN32
    return "\"" + a + "\"";  // a Windows file name or URL cannot hold '"'
#else
    std::string out = "'";
    for (const char c : a)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
#endif
}

// The command the admin ran, with extra arguments: what to run next.
std::string commandWith(const std::vector<std::string>& arguments, const std::vector<std::string>& extra)
{
    std::string out = "eascert";
    for (std::size_t i = 1; i < arguments.size(); ++i)
        out += " " + quoted(arguments[i]);
    for (const auto& e : extra)
        out += " " + e;
    return text::printable(out);
}

int finish(const diagnosis::Session& session, const DiagnoseArgs& args, const std::string& reportPath,
           const std::string& jsonPath, const std::vector<std::string>& arguments)
{
    const auto now = cert::currentTime();
    const common::ReportWording wording;
    if (!reportPath.empty()) {
        report::Environment env;
        env.ranBy = whoRan();
        env.platform = "eascert (command line)";
        report::Options options;
        options.redact = args.redact;
        auto rendered = report::render(session, wording, env, now, options);
        if (!rendered)
            return reportError(rendered.error(), false, nullptr);
        if (auto w = writeFile(pathFromUtf8(reportPath), rendered->html); !w)
            return reportError(w.error(), false, nullptr);
        if (!jsonPath.empty())
            if (auto w = writeFile(pathFromUtf8(jsonPath), rendered->json); !w)
                return reportError(w.error(), false, nullptr);
    }

    const auto verdict = session.verdict(now);
    std::cout << wording.verdict(verdict) << '\n';
    const auto shown = session.findings(session.before(), now);
    for (const auto& f : shown) {
        if (!diagnosis::isProblem(f) && verdict != diagnosis::Verdict::Healthy)
            continue;
        const auto words = wording.finding(f);
        std::cout << "  " << (diagnosis::isProblem(f) ? "- " : "") << words.title << '\n';
        if (f.fixValue && !session.fixActive())
            std::cout << "    strong value to add: " << text::printable(*f.fixValue) << '\n';
        if (!session.fixActive() && diagnosis::isProblem(f) && !words.fixSteps.empty())
            std::cout << "    what to do: " << words.fixSteps.front() << '\n';
    }
    if (session.fixActive()) {
        const auto& outcome = session.fix()->outcome;
        if (outcome.offline)
            std::cout << changeFileText(outcome) << '\n';
        else
            std::cout << "Fix written and read back." << '\n';
        std::cout << ntAuthOutcomeText(outcome, false);
        std::cout << "Backup for undo: " << text::printable(utf8Path(outcome.backupFile)) << '\n';
    } else if (verdict == diagnosis::Verdict::ProblemFound && !args.fix && !args.demo && session.before().directory) {
        if (auto plan = session.planFix({}, !args.noNtAuth); plan && !plan->empty())
            std::cout << (plan->mappingChanges() && plan->ntAuth
                              ? "Next: add the strong mapping and publish the issuing CA "
                                "to NTAuth (you are asked first; a backup is written):\n  "
                          : plan->ntAuth
                              ? "Next: publish the issuing CA to NTAuth (you are asked first; a backup is "
                                "written):\n  "
                              : "Next: add the strong mapping (you are asked first; a backup is written):\n  ")
                      << commandWith(arguments, {"--fix"}) << '\n';
    }
    if (!reportPath.empty()) {
        std::cout << "Report: " << text::printable(utf8Path(std::filesystem::absolute(pathFromUtf8(reportPath))))
                  << '\n';
        if (!jsonPath.empty())
            std::cout << "JSON:   " << text::printable(utf8Path(std::filesystem::absolute(pathFromUtf8(jsonPath))))
                      << '\n';
    } else {
        std::cout << "For the ticket: " << commandWith(arguments, {"--report", "report.html"}) << '\n';
    }
    switch (verdict) {
    case diagnosis::Verdict::Healthy:
    case diagnosis::Verdict::NoProblemFound: return Ok;
    case diagnosis::Verdict::Fixed: return Fixed;
    case diagnosis::Verdict::ChangePending: return ChangeFileWritten;
    case diagnosis::Verdict::ProblemFound: return ProblemFound;
    }
    return ProblemFound;
}

int runDiagnose(DiagnoseArgs args, const std::vector<std::string>& arguments)
{
    if (!args.demo) {
        if (args.certificate.file.empty())
            return reportError(
                Error{ErrorCode::InvalidArgument, "give the certificate with --cert FILE (or use --demo)"}, false,
                nullptr);
        if (args.url.empty() && args.directory.ldapUri.empty() && args.directory.ldifFile.empty() &&
            args.evidence.empty())
            return reportError(
                Error{ErrorCode::InvalidArgument, "nothing to check: give --url, --ldap/--ldif and/or --evidence FILE"},
                false, nullptr);
        if (args.fix && args.directory.ldapUri.empty() && args.directory.ldifFile.empty())
            return reportError(
                Error{ErrorCode::InvalidArgument, "--fix needs the directory: --ldap URI or --ldif FILE"}, false,
                nullptr);
        if (!args.json.empty() && args.report.empty())
            return reportError(Error{ErrorCode::InvalidArgument, "--json goes with --report FILE.html"}, false,
                               nullptr);
    }
    const Progress progress(args.quiet);
    auto targets = openTargets(args, progress);
    if (!targets)
        return reportError(targets.error(), false, nullptr);
    const std::string reportPath = !args.report.empty() ? args.report
                                   : args.demo          ? utf8Path(pathFromUtf8(args.demoDir) / "report.html")
                                                        : std::string();
    const std::string jsonPath = !args.json.empty() ? args.json
                                 : args.demo        ? utf8Path(pathFromUtf8(args.demoDir) / "report.json")
                                                    : std::string();

    progress.step("loading the certificate " + args.certificate.file + " ...");
    auto loaded = loadCertificate(args.certificate);
    if (!loaded)
        return reportError(loaded.error(), false, nullptr);
    diagnosis::Session session(std::move(*loaded));
    if (!args.evidence.empty()) {
        std::vector<evidence::EvidenceSource> sources;
        for (const auto& file : args.evidence) {
            progress.step("reading the evidence " + file + " ...");
            auto source = evidence::readEvidenceFile(pathFromUtf8(file));
            if (!source) {
                std::cerr << "eascert: error: " << text::printable(describeEvidenceError(source.error())) << '\n';
                return exitCodeFor(source.error().code);
            }
            sources.push_back(std::move(*source));
        }
        session.record(std::move(sources));
    }
    if (auto r = check(session, args, *targets, progress); !r)
        return reportError(r.error(), false, nullptr);
    if (targets->lab)  // what the lab's servers logged about that test: the IIS log's 401.2, the DC's 4768 0x6
        if (auto r = readLabLogs(session, *targets->lab, progress); !r)
            return reportError(r.error(), false, nullptr);

    const auto now = cert::currentTime();
    if ((args.fix || args.demo) && session.verdict(now) == diagnosis::Verdict::ProblemFound && targets->directory &&
        !session.before().directory->inspection.ok()) {
        auto applied = fix(session, args, *targets, progress);
        if (!applied)
            return reportError(applied.error(), false, nullptr);
        if (*applied) {
            if (auto r = check(session, args, *targets, progress); !r)
                return reportError(r.error(), false, nullptr);
            if (targets->lab)  // the logs again: the failure, the moment of the fix, then the 200
                if (auto r = readLabLogs(session, *targets->lab, progress); !r)
                    return reportError(r.error(), false, nullptr);
        }
    }
    return finish(session, args, reportPath, jsonPath, arguments);
}

}  // namespace

void addDiagnoseCommand(CLI::App& app, Context& context)
{
    auto args = std::make_shared<DiagnoseArgs>();
    auto* cmd = app.add_subcommand(
        "diagnose", "The whole flow: test the endpoint, inspect the account, optionally fix, and write a report");
    auto* demo = cmd->add_flag("--demo", args->demo,
                               "Run against the embedded demo lab (no servers needed; implies --fix --yes on the lab)");
    cmd->add_option("--demo-dir", args->demoDir, "Folder for the demo lab and its report (default: ./eascert-demo)");
    addCertificateFileOption(*cmd, args->certificate, false);
    auto* url =
        cmd->add_option("--url", args->url, "The endpoint, e.g. https://mail.contoso.com/Microsoft-Server-ActiveSync");
    demo->excludes(url);
    demo->excludes(cmd->get_option("--cert"));
    cmd->add_option("--method", args->method, "OPTIONS (default) or GET")->check(CLI::IsMember({"OPTIONS", "GET"}));
    cmd->add_option(
        "--endpoint-ca-file", args->endpointCaFile,
        "CA certificate(s) that verify the endpoint's TLS certificate (default: --ca-file, else the system store)");
    cmd->add_flag("--insecure", args->insecure, "Do not treat an untrusted endpoint certificate as a problem");
    auto* proxy = cmd->add_option("--proxy", args->proxy, "HTTP proxy for the endpoint (default: the system proxy)");
    cmd->add_flag("--no-proxy", args->noProxy, "Connect to the endpoint directly")->excludes(proxy);
    addDirectoryOptions(*cmd, args->directory);
    cmd->add_option("--user", args->user,
                    "The account: sAMAccountName, UPN or DN (default: found from the certificate)");
    cmd->add_flag("--fix", args->fix, "Add the strong mapping if the directory lacks it (asks first), then test again");
    cmd->add_flag("--yes", args->yes, "With --fix: do not ask");
    cmd->add_flag("--no-ntauth", args->noNtAuth,
                  "With --fix: do not publish the issuing CA to NTAuth even when it is missing there (KB5057784)");
    cmd->add_option("--backup", args->backup,
                    "With --fix: the backup file (default: eascert-backup-<user>-<time>.json)");
    cmd->add_option(
           "--evidence", args->evidence,
           "The servers' logs and settings: DC events (.evtx, XML, text, CSV), IIS logs, applicationHost.config, "
           "netsh http show sslcert, .reg exports; repeatable")
        ->expected(1, -1);
    cmd->add_option("--report", args->report, "Write the HTML report here (default: none; the verdict is printed)");
    cmd->add_option("--json", args->json, "Also write the report as JSON (schema eascert.report.v1)");
    cmd->add_flag("--redact", args->redact, "Replace user names and host names in the report with placeholders");
    cmd->add_flag("--quiet", args->quiet, "No progress lines on stderr");
    cmd->callback([args, &context] { context.exitCode = runDiagnose(*args, context.arguments); });
}

}  // namespace eascert::cli
