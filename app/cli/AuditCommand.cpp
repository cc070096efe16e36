#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "eascert/support/JsonText.h"

#include "Commands.h"
#include "DirectoryInput.h"
#include "ExitCode.h"
#include "Messages.h"
#include "Terms.h"
#include "eascert/directory/Audit.h"

namespace eascert::cli {

namespace {

constexpr const char* kAuditSchema = "eascert.directory-audit.v1";

struct AuditArgs
{
    DirectoryArgs directory;
    std::string format = "table";
    int pageSize = 1000;
};

std::string csvField(std::string_view s)
{
    if (s.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

std::string reasonIds(const directory::AuditRow& row)
{
    std::string out;
    for (const auto& r : row.reasons)
        out += (out.empty() ? "" : " ") + std::string(mapping::reasonId(r.reason));
    return out;
}

std::string_view findingText(directory::AuditFinding f)
{
    using directory::AuditFinding;
    switch (f) {
    case AuditFinding::WeakOnly: return "only weak X.509 mappings (rejected under KB5014754 enforcement)";
    case AuditFinding::Malformed: return "a value Windows would not write";
    case AuditFinding::NearMiss: return "meant for a published certificate, but does not match it";
    case AuditFinding::Duplicate: return "the same value on several accounts";
    case AuditFinding::PublishedOnly: return "certificates published but none mapped";
    }
    return "";
}

int runAudit(const AuditArgs& args)
{
    auto dir = openDirectory(args.directory);
    if (!dir)
        return reportError(dir.error(), args.format == "json", kAuditSchema);

    bool first = true;
    if (args.format == "csv")
        std::cout << "finding,dn,sAMAccountName,value,reasons,detail\n";
    else if (args.format == "json")
        std::cout << "{\"schema\":\"" << kAuditSchema << "\",\"rows\":[";
    auto summary = directory::audit(**dir, [&](const directory::AuditRow& row) {
        const auto id = directory::auditFindingId(row.finding);
        if (args.format == "csv") {
            std::cout << id << ',' << csvField(text::printable(row.dn)) << ','
                      << csvField(text::printable(row.samAccountName)) << ',' << csvField(text::printable(row.value))
                      << ',' << csvField(reasonIds(row)) << ',' << csvField(text::printable(row.detail)) << '\n';
        } else if (args.format == "json") {
            nlohmann::ordered_json j;
            j["finding"] = id;
            j["dn"] = row.dn;
            j["sAMAccountName"] = row.samAccountName;
            j["value"] = row.value;
            nlohmann::ordered_json reasons = nlohmann::ordered_json::array();
            for (const auto& r : row.reasons)
                reasons.push_back({{"reason", mapping::reasonId(r.reason)}, {"part", mapping::partId(r.part)}});
            j["reasons"] = std::move(reasons);
            j["detail"] = row.detail;
            std::cout << (first ? "" : ",") << text::safeDump(j);
        } else {
            std::cout << text::printable(row.samAccountName) << " (" << text::printable(row.dn) << ")\n  "
                      << findingText(row.finding) << '\n';
            if (!row.value.empty())
                std::cout << "  value: " << text::printable(row.value) << '\n';
            for (const auto& r : row.reasons)
                std::cout << "  - " << common::terms::reason(r.reason) << '\n';
            if (!row.detail.empty())
                std::cout << "  " << text::printable(row.detail) << '\n';
        }
        first = false;
    });
    if (!summary) {
        if (args.format == "json")
            std::cout << "]}\n";
        return reportError(summary.error(), false, kAuditSchema);
    }
    if (args.format == "json")
        std::cout << "],\"summary\":{\"accounts\":" << summary->accounts << ",\"values\":" << summary->values
                  << ",\"rows\":" << summary->rows << "}}\n";
    else if (args.format == "table")
        std::cout << (first ? "" : "\n") << summary->accounts << " accounts with mappings or published certificates, "
                  << summary->values << " values, " << summary->rows << " finding(s).\n";
    return summary->rows == 0 ? Ok : ProblemFound;
}

}  // namespace

void addAuditCommand(CLI::App& directoryCommand, Context& context)
{
    auto args = std::make_shared<AuditArgs>();
    auto* cmd = directoryCommand.add_subcommand(
        "audit", "Scan every account's mappings: weak-only, malformed, near misses, duplicates, published-only");
    addDirectoryOptions(*cmd, args->directory);
    cmd->add_option("--format", args->format, "table, csv or json")->check(CLI::IsMember({"table", "csv", "json"}));
    cmd->add_option("--page-size", args->pageSize, "LDAP page size")->check(CLI::Range(1, 5000));
    cmd->callback([args, &context] { context.exitCode = runAudit(*args); });
}

}  // namespace eascert::cli
