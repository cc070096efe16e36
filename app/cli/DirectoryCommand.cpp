#include <filesystem>
#include <iostream>
#include <memory>

#include "CertificateInput.h"
#include "CertificateJson.h"
#include "Commands.h"
#include "DirectoryInput.h"
#include "DirectoryMessages.h"
#include "ExitCode.h"
#include "Messages.h"
#include "PasswordInput.h"
#include "Terms.h"
#include "eascert/directory/Fix.h"
#include "eascert/mapping/WindowsName.h"
#include "eascert/support/JsonText.h"
#include "eascert/support/Path.h"

namespace eascert::cli {

using nlohmann::ordered_json;

namespace {

constexpr const char* kInspectSchema = "eascert.directory-inspect.v1";
constexpr const char* kFixSchema = "eascert.directory-fix.v1";

struct InspectArgs
{
    DirectoryArgs directory;
    CertificateArgs certificate;
    std::string user;
    bool json = false;
};

struct FixArgs
{
    InspectArgs inspect;
    std::vector<std::string> remove;
    std::string value;
    std::string backup;
    bool dryRun = false;
    bool yes = false;
    bool noNtAuth = false;
};

struct UndoArgs
{
    DirectoryArgs directory;
    std::string backup;
    bool yes = false;
    bool json = false;
};

ordered_json inspectionJson(const directory::Inspection& in)
{
    ordered_json j;
    j["account"] = {{"dn", in.account.dn},
                    {"sAMAccountName", in.account.samAccountName},
                    {"userPrincipalName", in.account.userPrincipalName},
                    {"sid", in.account.sid},
                    {"userAccountControl", in.account.userAccountControl},
                    {"disabled", in.account.disabled()},
                    {"whenCreated", in.account.whenCreated},
                    {"foundBy", directory::foundById(in.foundBy)}};
    j["ok"] = in.ok();
    ordered_json states = ordered_json::array();
    for (auto s : in.states) {
        const auto t = stateText(s);
        states.push_back(
            {{"state", directory::inspectStateId(s)}, {"title", t.title}, {"cause", t.cause}, {"fix", t.fix}});
    }
    j["states"] = std::move(states);
    ordered_json values = ordered_json::array();
    for (const auto& v : in.values) {
        values.push_back(
            {{"value", v.value},
             {"verdict", mapping::verdictId(v.result.verdict)},
             {"form", v.result.form ? ordered_json(mapping::formId(*v.result.form)) : ordered_json(nullptr)},
             {"strength",
              v.result.strength ? ordered_json(mapping::strengthId(*v.result.strength)) : ordered_json(nullptr)},
             {"reasons", reasonsJson(v.result)}});
    }
    j["altSecurityIdentities"] = std::move(values);
    j["certificatePublished"] = in.certificatePublished;
    ordered_json others = ordered_json::array();
    for (const auto& o : in.otherAccounts)
        others.push_back(o.dn);
    j["otherAccounts"] = std::move(others);
    j["ntAuth"] = directory::ntAuthId(in.ntAuth.state);
    j["recommended"] = in.recommendedValue;
    return j;
}

void printInspection(std::ostream& out, const directory::Inspection& in)
{
    out << "Account:     " << text::printable(in.account.dn) << "\n             found " << foundByText(in.foundBy);
    if (!in.account.samAccountName.empty())
        out << " (" << text::printable(in.account.samAccountName) << ")";
    out << '\n';
    for (auto s : in.states) {
        const auto t = stateText(s);
        out << "\n"
            << (s == directory::InspectState::Ok ? "[OK] " : "[PROBLEM] ") << t.title << "\n  " << t.cause
            << "\n  Fix: " << t.fix << '\n';
    }
    out << "\naltSecurityIdentities (" << in.values.size() << " value" << (in.values.size() == 1 ? "" : "s") << "):\n";
    for (const auto& v : in.values) {
        out << "  " << text::printable(v.value) << "\n    " << verdictText(v.result.verdict);
        if (v.result.strength)
            out << " (" << common::terms::strength(*v.result.strength) << ")";
        out << '\n';
        for (const auto& r : v.result.reasons)
            out << "    - " << common::terms::reason(r.reason) << '\n';
    }
    out << "Published Certificates: " << (in.certificatePublished ? "holds this certificate" : "does not hold it")
        << '\n';
    for (const auto& o : in.otherAccounts)
        out << "Also mapped on:         " << text::printable(o.dn) << '\n';
    out << "NTAuth:                 " << common::terms::ntAuth(in.ntAuth.state) << '\n';
    if (!in.ok())
        out << "\nRecommended value to add (strong):\n  " << in.recommendedValue << '\n';
}

struct Prepared
{
    std::unique_ptr<directory::Directory> directory;
    cert::LoadedCertificate certificate;
    directory::Inspection inspection;
};

Result<Prepared> prepare(InspectArgs args, bool writes)
{
    if (writes && !args.directory.ldifFile.empty() && args.directory.changesFile.empty())
        args.directory.changesFile = utf8Path(pathFromUtf8(args.directory.ldifFile).replace_extension(".changes.ldif"));
    auto loaded = loadCertificate(args.certificate);
    if (!loaded)
        return std::unexpected(loaded.error());
    auto dir = openDirectory(args.directory);
    if (!dir)
        return std::unexpected(dir.error());
    std::optional<std::string> user;
    if (!args.user.empty())
        user = args.user;
    auto inspection = directory::inspect(**dir, user, loaded->certificate.info(), loaded->chainInfo());
    if (!inspection)
        return std::unexpected(inspection.error());
    return Prepared{std::move(*dir), std::move(*loaded), std::move(*inspection)};
}

int runInspect(const InspectArgs& args)
{
    auto prepared = prepare(args, false);
    if (!prepared)
        return reportError(prepared.error(), args.json, kInspectSchema);
    const auto& in = prepared->inspection;
    if (args.json) {
        ordered_json j;
        j["schema"] = kInspectSchema;
        j["directory"] = prepared->directory->describe();
        j["certificate"] = certificateSummaryJson(prepared->certificate.certificate.info());
        j.update(inspectionJson(in));
        std::cout << text::safeDump(j, 2) << '\n';
    } else {
        std::cout << "Directory:   " << prepared->directory->describe() << '\n';
        std::cout << "Certificate: " << mapping::displayName(prepared->certificate.certificate.info().subject) << '\n';
        printInspection(std::cout, in);
    }
    return in.ok() ? Ok : ProblemFound;
}

int runFix(const FixArgs& args)
{
    const bool json = args.inspect.json;
    auto prepared = prepare(args.inspect, !args.dryRun);
    if (!prepared)
        return reportError(prepared.error(), json, kFixSchema);
    const auto& info = prepared->certificate.certificate.info();
    std::optional<std::string> value;
    if (!args.value.empty()) {
        const auto check = mapping::checkMapping(args.value, info, prepared->certificate.chainInfo());
        if (check.verdict != mapping::Verdict::Match || check.strength != mapping::Strength::Strong)
            return reportError(
                Error{ErrorCode::InvalidArgument,
                      "--value must be a strong mapping that matches the certificate (see eascert mapping)"},
                json, kFixSchema);
        value = args.value;
    }
    auto plan = directory::planFix(prepared->inspection, directory::FixOptions{args.remove, value, !args.noNtAuth});
    if (!plan)
        return reportError(plan.error(), json, kFixSchema);

    ordered_json j;
    j["schema"] = kFixSchema;
    j["directory"] = prepared->directory->describe();
    j["before"] = inspectionJson(prepared->inspection);
    j["plan"] = {{"dn", plan->dn},
                 {"add", plan->add},
                 {"remove", plan->remove},
                 {"ldif", plan->ldif()},
                 {"powershell", plan->powershell()}};
    if (plan->ntAuth)
        j["plan"]["ntAuth"] = ntAuthPlanJson(*plan->ntAuth);
    const std::string notPlanned = ntAuthNotPlannedText(prepared->inspection, *plan);
    if (!notPlanned.empty())
        j["ntAuthNotPublished"] = notPlanned;
    if (!json) {
        std::cout << "Directory: " << prepared->directory->describe() << '\n';
        std::cout << "Account: " << text::printable(plan->dn) << '\n';
        for (auto s : prepared->inspection.states)
            std::cout << "State:   " << stateText(s).title << '\n';
    }
    if (plan->empty()) {
        if (json) {
            j["result"] = "nothing-to-do";
            std::cout << text::safeDump(j, 2) << '\n';
        } else {
            std::cout << "\nNothing to change: the strong mapping is already there.\n" << notPlanned;
        }
        return Ok;
    }
    if (!json) {
        std::cout << "\nPlanned change (LDIF):\n"
                  << plan->ldif() << "PowerShell equivalent:\n  " << plan->powershell() << "\n";
        if (plan->ntAuth)
            std::cout << '\n' << ntAuthPlanText(*plan->ntAuth);
        std::cout << notPlanned;
    }
    if (args.dryRun) {
        if (json) {
            j["result"] = "dry-run";
            std::cout << text::safeDump(j, 2) << '\n';
        } else {
            std::cout << "\nDry run: nothing was changed.\n";
        }
        return Ok;
    }
    const std::string where = writeTarget(*prepared->directory);
    if (!confirmed(args.yes, "Write this change to " + where + "?"))
        return Usage;

    const std::filesystem::path backup =
        args.backup.empty() ? defaultBackupPath({}, plan->samAccountName) : pathFromUtf8(args.backup);
    auto outcome = directory::applyFix(*prepared->directory, *plan, backup);
    if (!outcome)
        return reportError(outcome.error(), json, kFixSchema);

    // Inspect again: the proof that the directory now says what we meant.
    std::optional<std::string> user = prepared->inspection.account.dn;
    auto after = directory::inspect(*prepared->directory, user, info, prepared->certificate.chainInfo());
    if (json) {
        j["result"] = outcome->offline ? "change-file-written" : "applied";
        j["backupFile"] = utf8Path(backup);
        j["added"] = outcome->added;
        j["removed"] = outcome->removed;
        j["valuesAfter"] = outcome->after;
        j["ntAuthPublished"] = outcome->ntAuthChanged;
        if (outcome->offline) {
            j["changeFile"] =
                outcome->changeFile.empty() ? ordered_json(nullptr) : ordered_json(utf8Path(outcome->changeFile));
            j["importCommands"] = outcome->changeFile.empty() ? std::vector<std::string>{}
                                                              : directory::importCommands(outcome->changeFile);
        }
        if (after)
            j["after"] = inspectionJson(*after);
        std::cout << text::safeDump(j, 2) << '\n';
    } else {
        if (outcome->offline)
            std::cout << '\n' << changeFileText(*outcome);
        else
            std::cout << "\nWritten and read back.";
        std::cout << " Backup of the previous values: " << text::printable(utf8Path(backup))
                  << "\n(undo with: eascert directory undo --backup " << text::printable(utf8Path(backup)) << " ...)\n"
                  << ntAuthOutcomeText(*outcome, false);
        if (after)
            std::cout << (outcome->offline ? "Once imported: " : "Now: ") << stateText(after->primary()).title << '\n';
    }
    if (!after)
        return reportError(after.error(), false, kFixSchema);
    return Ok;
}

int runUndo(const UndoArgs& args)
{
    auto backup = directory::readBackup(pathFromUtf8(args.backup));
    if (!backup)
        return reportError(backup.error(), args.json, kFixSchema);
    auto dir = openDirectory(args.directory);
    if (!dir)
        return reportError(dir.error(), args.json, kFixSchema);
    if (!args.json) {
        // Only the fix's own change is reverted; what others changed since stays.
        std::cout << "Account: " << text::printable(backup->dn) << "\nReverts the fix of " << backup->createdAt
                  << " (only that change; values others added or removed since stay as they are):\n";
        for (const auto& v : backup->added)
            std::cout << "  remove  " << text::printable(v) << '\n';
        for (const auto& v : backup->removed)
            std::cout << "  add back " << text::printable(v) << '\n';
        if (backup->ntAuth)
            std::cout << "  take the issuing CA back out of NTAuth"
                      << (backup->ntAuth->createdStore ? " (and the store the fix created, if it holds nothing else)"
                                                       : "")
                      << '\n';
    }
    if (!confirmed(args.yes, "Revert this change on " + (*dir)->describe() + "?"))
        return Usage;
    auto outcome = directory::undoFix(**dir, pathFromUtf8(args.backup));
    if (!outcome)
        return reportError(outcome.error(), args.json, kFixSchema);
    if (args.json) {
        ordered_json j;
        j["schema"] = kFixSchema;
        j["result"] = "undone";
        j["dn"] = backup->dn;
        j["added"] = outcome->added;
        j["removed"] = outcome->removed;
        j["valuesAfter"] = outcome->after;
        j["changedSince"] = outcome->changedSince;
        j["ntAuthRemoved"] = outcome->ntAuthChanged;
        std::cout << text::safeDump(j, 2) << '\n';
    } else {
        std::cout << "Reverted: removed " << outcome->removed.size() << ", added back " << outcome->added.size()
                  << ".\n"
                  << ntAuthOutcomeText(*outcome, true);
        for (const auto& c : outcome->changedSince)
            std::cout << "  left as it is: " << text::printable(c) << '\n';
    }
    return Ok;
}

void addInspectOptions(CLI::App& cmd, InspectArgs& args)
{
    addDirectoryOptions(cmd, args.directory);
    addCertificateFileOption(cmd, args.certificate);
    cmd.add_option("--user", args.user, "The account: sAMAccountName, UPN or DN (default: found from the certificate)");
    cmd.add_flag("--json", args.json, "Print JSON");
}

}  // namespace

void addDirectoryCommand(CLI::App& app, Context& context)
{
    auto* dir = app.add_subcommand("directory", "Inspect and fix a user's certificate mapping in Active Directory");
    dir->require_subcommand(1);

    auto inspectArgs = std::make_shared<InspectArgs>();
    auto* inspect = dir->add_subcommand("inspect", "Say what is wrong with the account's mapping for the certificate");
    addInspectOptions(*inspect, *inspectArgs);
    inspect->callback([inspectArgs, &context] { context.exitCode = runInspect(*inspectArgs); });

    auto fixArgs = std::make_shared<FixArgs>();
    auto* fix = dir->add_subcommand("fix", "Add the strong mapping (previewed, confirmed, backed up, verified)");
    addInspectOptions(*fix, fixArgs->inspect);
    fix->add_option("--remove", fixArgs->remove, "Also remove this existing value (repeatable)");
    fix->add_option("--value", fixArgs->value,
                    "Add this value instead of the recommended one (must be strong and match)");
    fix->add_option("--backup", fixArgs->backup, "Backup file to write (default: eascert-backup-<user>-<time>.json)");
    fix->add_flag("--dry-run", fixArgs->dryRun, "Show the change and stop");
    fix->add_flag("--no-ntauth", fixArgs->noNtAuth,
                  "Do not publish the issuing CA to NTAuth even when it is missing there (KB5057784)");
    fix->add_flag("--yes", fixArgs->yes, "Apply without asking (for scripts)");
    fix->callback([fixArgs, &context] { context.exitCode = runFix(*fixArgs); });

    auto undoArgs = std::make_shared<UndoArgs>();
    auto* undo = dir->add_subcommand("undo", "Restore altSecurityIdentities from a backup file written by fix");
    addDirectoryOptions(*undo, undoArgs->directory);
    undo->add_option("--backup", undoArgs->backup, "The backup file")->required();
    undo->add_flag("--yes", undoArgs->yes, "Apply without asking (for scripts)");
    undo->add_flag("--json", undoArgs->json, "Print JSON");
    undo->callback([undoArgs, &context] { context.exitCode = runUndo(*undoArgs); });

    addAuditCommand(*dir, context);
    addMigrateCommand(*dir, context);
}

}  // namespace eascert::cli
