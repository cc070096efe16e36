#include "eascert/directory/Fix.h"

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#include "eascert/cert/Validity.h"
#include "eascert/directory/Ldif.h"
#include "eascert/support/Log.h"
#include "eascert/support/Text.h"
#include "eascert/support/Path.h"

namespace eascert::directory {

namespace {

bool containsCi(const Values& values, std::string_view v)
{
    return std::any_of(values.begin(), values.end(), [&](const std::string& x) { return text::equalsIgnoreCase(x, v); });
}

bool containsExact(const Values& values, std::string_view v)
{
    return std::find(values.begin(), values.end(), v) != values.end();
}

bool sameSet(Values a, Values b)
{
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
}

std::string psQuote(std::string_view s)
{
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out += '\'';
        out += c;
    }
    return out + "'";
}

Result<Values> currentValues(Directory& directory, const std::string& dn)
{
    auto entry = readEntry(directory, dn, {kMappingAttribute});
    if (!entry)
        return std::unexpected(entry.error());
    if (!*entry)
        return fail(ErrorCode::NoSuchEntry, dn);
    return (*entry)->values(kMappingAttribute);
}

std::string nowText()
{
    return cert::formatTime(cert::currentTime());
}

} // namespace

std::string FixPlan::ldif() const
{
    std::vector<Modification> changes;
    if (!remove.empty())
        changes.push_back({ModificationOp::Delete, kMappingAttribute, remove});
    if (!add.empty())
        changes.push_back({ModificationOp::Add, kMappingAttribute, add});
    return ldifModifyRecord(dn, changes);
}

std::string FixPlan::powershell() const
{
    std::string out = "Set-ADUser -Identity " + psQuote(dn);
    auto list = [](const std::vector<std::string>& values) {
        std::string s;
        for (const auto& v : values)
            s += (s.empty() ? "" : ",") + psQuote(v);
        return s;
    };
    if (!remove.empty())
        out += " -Remove @{altSecurityIdentities=" + list(remove) + "}";
    if (!add.empty())
        out += " -Add @{altSecurityIdentities=" + list(add) + "}";
    return out;
}

Result<FixPlan> planFix(const Inspection& inspection, const std::vector<std::string>& remove,
                        const std::optional<std::string>& addValue)
{
    FixPlan plan;
    plan.dn = inspection.account.dn;
    plan.samAccountName = inspection.account.samAccountName;
    plan.expectedBefore = inspection.account.altSecurityIdentities;
    for (const auto& r : remove) {
        if (!containsExact(plan.expectedBefore, r))
            return fail(ErrorCode::InvalidArgument, "the account has no altSecurityIdentities value \"" + r + "\"");
        plan.remove.push_back(r);
    }
    const std::string value = addValue.value_or(inspection.recommendedValue);
    if (value.empty())
        return fail(ErrorCode::InvalidArgument, "no value to add");
    const bool removing = containsCi(plan.remove, value);
    if (!containsCi(plan.expectedBefore, value) || removing)
        plan.add.push_back(value);
    return plan;
}

Result<void> writeBackup(const std::filesystem::path& path, const Backup& backup)
{
    std::error_code ec;
    if (std::filesystem::exists(path, ec))
        return fail(ErrorCode::InvalidArgument, "backup file already exists (will not overwrite): " + utf8Path(path));
    nlohmann::ordered_json j;
    j["schema"] = "eascert.backup.v1";
    j["dn"] = backup.dn;
    j["attribute"] = backup.attribute;
    j["before"] = backup.before;
    j["added"] = backup.added;
    j["removed"] = backup.removed;
    j["createdAt"] = backup.createdAt;
    j["directory"] = backup.directory;
    std::ofstream out(path, std::ios::binary);
    out << j.dump(2) << '\n';
    out.close();
    if (!out)
        return fail(ErrorCode::FileUnreadable, "cannot write backup " + utf8Path(path));
    return {};
}

std::string backupFileName(const std::string& sam, std::chrono::sys_seconds now)
{
    return "eascert-backup-" + (sam.empty() ? std::string("account") : sam) + "-" + cert::fileTimestamp(now) + ".json";
}

std::filesystem::path newBackupPath(const std::filesystem::path& folder, const std::string& sam, std::chrono::sys_seconds now)
{
    const std::string name = backupFileName(sam, now);
    std::filesystem::path path = folder / name;
    std::error_code ec;
    for (int n = 2; std::filesystem::exists(path, ec) && n < 1000; ++n)
        path = folder / (name.substr(0, name.size() - 5) + "-" + std::to_string(n) + ".json");
    return path;
}

Result<Backup> readBackup(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(ErrorCode::FileNotFound, utf8Path(path));
    std::string text;
    text.resize(1024 * 1024 + 1);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > 1024 * 1024)
        return fail(ErrorCode::FileTooLarge, utf8Path(path));
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.value("schema", "") != "eascert.backup.v1" || !j.contains("dn") ||
        !j.contains("before") || !j["before"].is_array())
        return fail(ErrorCode::CorruptData, "not an eascert backup file: " + utf8Path(path));
    Backup b;
    try {
        b.dn = j.at("dn").get<std::string>();
        b.attribute = j.value("attribute", kMappingAttribute);
        b.before = j.at("before").get<Values>();
        b.added = j.value("added", std::vector<std::string>{});
        b.removed = j.value("removed", std::vector<std::string>{});
        b.createdAt = j.value("createdAt", "");
        b.directory = j.value("directory", "");
    } catch (const nlohmann::json::exception& e) {
        return fail(ErrorCode::CorruptData, utf8Path(path) + ": " + e.what());
    }
    if (b.attribute != kMappingAttribute)
        return fail(ErrorCode::CorruptData, "the backup is for attribute " + b.attribute);
    return b;
}

Result<FixOutcome> applyFix(Directory& directory, const FixPlan& plan, const std::filesystem::path& backupFile)
{
    auto before = currentValues(directory, plan.dn);
    if (!before)
        return std::unexpected(before.error());
    if (!sameSet(*before, plan.expectedBefore))
        return fail(ErrorCode::EntryChanged, plan.dn);

    FixOutcome outcome;
    outcome.before = *before;
    outcome.backupFile = backupFile;
    std::vector<std::string> toAdd;
    for (const auto& v : plan.add)
        if (!containsCi(*before, v) || containsCi(plan.remove, v))
            toAdd.push_back(v);

    Backup backup{plan.dn, kMappingAttribute, *before, toAdd, plan.remove, nowText(), directory.describe()};
    if (auto w = writeBackup(backupFile, backup); !w)
        return std::unexpected(w.error());

    std::vector<Modification> changes;
    if (!plan.remove.empty())
        changes.push_back({ModificationOp::Delete, kMappingAttribute, plan.remove});
    if (!toAdd.empty())
        changes.push_back({ModificationOp::Add, kMappingAttribute, toAdd});
    if (!changes.empty()) {
        auto m = directory.modify(plan.dn, changes);
        if (!m && m.error().code != ErrorCode::ValueExists)
            return std::unexpected(m.error());
        if (!m)
            log()->info("value already present on {}: treated as success", plan.dn);
    }
    outcome.added = toAdd;
    outcome.removed = plan.remove;

    auto after = currentValues(directory, plan.dn);
    if (!after)
        return std::unexpected(after.error());
    outcome.after = *after;
    for (const auto& v : plan.add)
        if (!containsCi(*after, v))
            return fail(ErrorCode::VerificationFailed, "missing after write: " + v);
    for (const auto& v : plan.remove)
        if (containsExact(*after, v) && !containsCi(plan.add, v))
            return fail(ErrorCode::VerificationFailed, "still present after write: " + v);
    log()->info("fixed {}: added {}, removed {}; backup {}", plan.dn, toAdd.size(), plan.remove.size(),
               utf8Path(backupFile));
    return outcome;
}

Result<FixOutcome> undoFix(Directory& directory, const std::filesystem::path& backupFile)
{
    auto backup = readBackup(backupFile);
    if (!backup)
        return std::unexpected(backup.error());
    auto current = currentValues(directory, backup->dn);
    if (!current)
        return std::unexpected(current.error());

    FixOutcome outcome;
    outcome.before = *current;
    outcome.backupFile = backupFile;
    for (const auto& v : *current)
        if (!containsExact(backup->before, v))
            outcome.removed.push_back(v);
    for (const auto& v : backup->before)
        if (!containsExact(*current, v))
            outcome.added.push_back(v);
    std::vector<Modification> changes;
    if (!outcome.removed.empty())
        changes.push_back({ModificationOp::Delete, kMappingAttribute, outcome.removed});
    if (!outcome.added.empty())
        changes.push_back({ModificationOp::Add, kMappingAttribute, outcome.added});
    if (!changes.empty())
        if (auto m = directory.modify(backup->dn, changes); !m)
            return std::unexpected(m.error());

    auto after = currentValues(directory, backup->dn);
    if (!after)
        return std::unexpected(after.error());
    outcome.after = *after;
    if (!sameSet(*after, backup->before))
        return fail(ErrorCode::VerificationFailed, "the values after undo differ from the backup");
    return outcome;
}

} // namespace eascert::directory
