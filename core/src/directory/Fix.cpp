#include "eascert/directory/Fix.h"

#include <algorithm>
#include <fstream>
#include <optional>
#include <span>

#include <nlohmann/json.hpp>

#include "eascert/cert/Certificate.h"
#include "eascert/cert/Validity.h"
#include "eascert/directory/Ldif.h"
#include "eascert/mapping/WindowsName.h"
#include "eascert/support/Bytes.h"
#include "eascert/support/File.h"
#include "eascert/support/Log.h"
#include "eascert/support/Path.h"
#include "eascert/support/Text.h"

#include "ValueSet.h"

namespace eascert::directory {

namespace {

using values::containsCi;
using values::containsExact;
using values::sameSet;

std::optional<std::string> stringFrom(const nlohmann::json& j, const char* key, const std::string& fallback)
{
    if (!j.contains(key))
        return fallback;
    if (!j[key].is_string())
        return std::nullopt;
    return j[key].get<std::string>();
}

std::string nowText()
{
    return cert::formatTime(cert::currentTime());
}

}  // namespace

Entry NtAuthChange::newStore() const
{
    // As Windows creates it: certificationAuthority must hold both revocation lists; a single NUL
    // byte each stands for "none".
    Entry e;
    e.dn = dn;
    e.attributes["objectClass"] = {"top", "certificationAuthority"};
    e.attributes["cn"] = {"NTAuthCertificates"};
    e.attributes[kNtAuthAttribute] = {certificate};
    e.attributes["authorityRevocationList"] = {std::string(1, '\0')};
    e.attributes["certificateRevocationList"] = {std::string(1, '\0')};
    return e;
}

std::string NtAuthChange::certutil() const
{
    // cmd.exe and PowerShell both take a double-quoted path; a Windows file name holds no '"'.
    std::string file = caFile;
    std::erase(file, '"');
    return "certutil -dspublish -f \"" + file + "\" NTAuthCA";
}

std::string FixPlan::ldif() const
{
    std::string out;
    if (ntAuth)
        out += ntAuth->createStore
                   ? ldifAddRecord(ntAuth->newStore())
                   : ldifModifyRecord(ntAuth->dn, {{ModificationOp::Add, kNtAuthAttribute, {ntAuth->certificate}}});
    std::vector<Modification> changes;
    if (!remove.empty())
        changes.push_back({ModificationOp::Delete, kMappingAttribute, remove});
    if (!add.empty())
        changes.push_back({ModificationOp::Add, kMappingAttribute, add});
    if (!changes.empty())
        out += ldifModifyRecord(dn, changes);
    return out;
}

std::string FixPlan::powershell() const
{
    std::string out;
    if (ntAuth)
        out = ntAuth->certutil();
    if (!mappingChanges())
        return out;
    out += (out.empty() ? "" : "\n") + values::setAdUser(dn, remove, add);
    return out;
}

Result<FixPlan> planFix(const Inspection& inspection, const std::vector<std::string>& remove,
                        const std::optional<std::string>& addValue)
{
    return planFix(inspection, FixOptions{remove, addValue, false});
}

std::string ntAuthUnavailable(const Inspection& inspection)
{
    const auto& n = inspection.ntAuth;
    if (n.state != NtAuthState::IssuerAbsent && n.state != NtAuthState::StoreMissing)
        return {};
    if (n.issuer.empty())
        return "the issuing CA's certificate is not at hand: give the chain (a .p7b, a PFX with its chain, or the CA "
               "certificate) to publish it";
    return {};
}

namespace {

// "CN=Contoso Standalone CA, O=..." -> "Contoso Standalone CA.cer": a file name for the certutil
// command, without the characters Windows forbids in one.
std::string caFileName(const std::string& caName)
{
    std::string name = caName;
    if (name.rfind("CN=", 0) == 0)
        name = name.substr(3, name.find(',') == std::string::npos ? std::string::npos : name.find(',') - 3);
    std::string out;
    for (const char c : name)
        if (static_cast<unsigned char>(c) >= 0x20 && std::string_view("<>:\"/\\|?*").find(c) == std::string_view::npos)
            out += c;
    while (!out.empty() && (out.back() == ' ' || out.back() == '.'))
        out.pop_back();
    return (out.empty() ? std::string("issuing-ca") : out) + ".cer";
}

}  // namespace

Result<FixPlan> planFix(const Inspection& inspection, const FixOptions& options)
{
    const auto& remove = options.remove;
    const auto& addValue = options.addValue;
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
    const auto& n = inspection.ntAuth;
    if (options.publishNtAuth && !n.dn.empty() && !n.issuer.empty() &&
        (n.state == NtAuthState::IssuerAbsent || n.state == NtAuthState::StoreMissing))
        plan.ntAuth = NtAuthChange{
            n.dn,          n.issuer, n.issuerName, caFileName(n.issuerName), n.state == NtAuthState::StoreMissing,
            n.certificates};
    return plan;
}

Result<void> writeBackup(const std::filesystem::path& path, const Backup& backup)
{
    nlohmann::ordered_json j;
    j["schema"] = "eascert.backup.v1";
    j["dn"] = values::toJson({backup.dn}).front();
    j["attribute"] = backup.attribute;
    j["before"] = values::toJson(backup.before);
    j["added"] = values::toJson(backup.added);
    j["removed"] = values::toJson(backup.removed);
    j["createdAt"] = backup.createdAt;
    j["directory"] = text::printable(backup.directory);
    if (backup.ntAuth)
        j["ntAuth"] = {{"dn", values::toJson({backup.ntAuth->dn}).front()},
                       {"added", values::toJson({backup.ntAuth->certificate})},
                       {"createdStore", backup.ntAuth->createdStore}};
    // Created exclusively (never over another backup) and readable by its owner only.
    auto w = writeFile(path, j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n",
                       FileAccess::Secret, IfExists::Refuse);
    if (!w && w.error().code == ErrorCode::FileExists)
        return fail(ErrorCode::FileExists, "backup file already exists (will not overwrite): " + utf8Path(path));
    if (!w)
        return fail(ErrorCode::FileUnwritable, "cannot write the backup: " + w.error().detail);
    return {};
}

std::string backupFileName(const std::string& sam, std::chrono::sys_seconds now)
{
    return "eascert-backup-" + (sam.empty() ? std::string("account") : sam) + "-" + cert::fileTimestamp(now) + ".json";
}

std::filesystem::path newBackupPath(const std::filesystem::path& folder, const std::string& sam,
                                    std::chrono::sys_seconds now)
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
    const auto corrupt = [&] { return fail(ErrorCode::CorruptData, "not an eascert backup file: " + utf8Path(path)); };
    if (j.is_discarded() || !j.is_object() || !j.contains("schema") || !j["schema"].is_string() ||
        j["schema"].get<std::string>() != "eascert.backup.v1" || !j.contains("dn") || !j.contains("before"))
        return corrupt();
    // Every field is checked for its type: nothing here can throw.
    Backup b;
    nlohmann::json dn = nlohmann::json::object({{"dn", nlohmann::json::array({j["dn"]})}});
    auto dnValues = values::fromJson(dn, "dn");
    auto before = values::fromJson(j, "before");
    auto added = values::fromJson(j, "added");
    auto removed = values::fromJson(j, "removed");
    auto attribute = stringFrom(j, "attribute", kMappingAttribute);
    auto createdAt = stringFrom(j, "createdAt", "");
    auto directory = stringFrom(j, "directory", "");
    if (!dnValues || dnValues->size() != 1 || dnValues->front().empty() || !before || !added || !removed ||
        !attribute || !createdAt || !directory)
        return corrupt();
    b.dn = dnValues->front();
    b.attribute = *attribute;
    b.before = std::move(*before);
    b.added = std::move(*added);
    b.removed = std::move(*removed);
    b.createdAt = *createdAt;
    b.directory = *directory;
    if (j.contains("ntAuth")) {
        const auto& n = j["ntAuth"];
        if (!n.is_object() || !n.contains("dn") || !n.contains("added"))
            return corrupt();
        nlohmann::json ntDn = nlohmann::json::object({{"dn", nlohmann::json::array({n["dn"]})}});
        auto dnList = values::fromJson(ntDn, "dn");
        auto ca = values::fromJson(n, "added");
        const bool created =
            n.contains("createdStore") && n["createdStore"].is_boolean() && n["createdStore"].get<bool>();
        if (!dnList || dnList->size() != 1 || !ca || ca->size() != 1 || ca->front().empty())
            return corrupt();
        b.ntAuth = Backup::NtAuth{dnList->front(), ca->front(), created};
    }
    if (b.attribute != kMappingAttribute)
        return fail(ErrorCode::CorruptData, "the backup is for attribute " + b.attribute);
    return b;
}

std::vector<std::string> importCommands(const std::filesystem::path& changeFile)
{
    // cmd.exe: a Windows path cannot hold '"'. A POSIX shell: single quotes, each ' as '\''.
    const std::string path = utf8Path(changeFile);
    std::string posix = "'";
    for (const char c : path)
        posix += c == '\'' ? std::string("'\\''") : std::string(1, c);
    posix += "'";
    return {"ldifde -i -f \"" + path + "\"", "ldapmodify -f " + posix};
}

namespace {

std::string caNameOf(const std::string& der)
{
    const auto ca = cert::describeDer(std::as_bytes(std::span(der)));
    return ca ? mapping::displayName(ca->subject) : std::string("(unreadable CA certificate)");
}

// A refused write to the NTAuth store is a rights matter of its own: Enterprise Admins only.
Error ntAuthError(Error e)
{
    if (e.code == ErrorCode::InsufficientRights)
        e.code = ErrorCode::NtAuthRightsMissing;
    return e;
}

Result<std::optional<Values>> ntAuthValues(Directory& directory, const std::string& dn)
{
    auto entry = readEntry(directory, dn, {kNtAuthAttribute});
    if (!entry)
        return std::unexpected(entry.error());
    if (!*entry)
        return std::optional<Values>();
    return std::optional<Values>((*entry)->values(kNtAuthAttribute));
}

// Publishes the CA (creating the store when planned); undone by unpublishCa.
Result<void> publishCa(Directory& directory, const NtAuthChange& change)
{
    auto w = change.createStore
                 ? directory.addEntry(change.newStore())
                 : directory.modify(change.dn, {{ModificationOp::Add, kNtAuthAttribute, {change.certificate}}});
    if (!w)
        return std::unexpected(ntAuthError(w.error()));
    return {};
}

Result<void> unpublishCa(Directory& directory, const std::string& dn, const std::string& certificate, bool deleteStore)
{
    auto w = deleteStore ? directory.deleteEntry(dn)
                         : directory.modify(dn, {{ModificationOp::Delete, kNtAuthAttribute, {certificate}}});
    if (!w)
        return std::unexpected(ntAuthError(w.error()));
    return {};
}

}  // namespace

Result<FixOutcome> applyFix(Directory& directory, const FixPlan& plan, const std::filesystem::path& backupFile)
{
    auto before = values::current(directory, plan.dn);
    if (!before)
        return std::unexpected(before.error());
    if (!sameSet(*before, plan.expectedBefore))
        return fail(ErrorCode::EntryChanged, plan.dn);
    bool publish = false;
    if (const auto& n = plan.ntAuth) {
        auto store = ntAuthValues(directory, n->dn);
        if (!store)
            return std::unexpected(store.error());
        if (store->has_value() == n->createStore || !sameSet(store->value_or(Values{}), n->expectedBefore))
            return fail(ErrorCode::EntryChanged, n->dn);
        publish = !containsExact(store->value_or(Values{}), n->certificate);
    }

    FixOutcome outcome;
    outcome.before = *before;
    outcome.backupFile = backupFile;
    outcome.offline = directory.writesOffline();
    outcome.changeFile = directory.changeFile();
    std::vector<std::string> toAdd;
    for (const auto& v : plan.add)
        if (!containsCi(*before, v) || containsCi(plan.remove, v))
            toAdd.push_back(v);

    Backup backup{plan.dn,   kMappingAttribute,    *before,     toAdd, plan.remove,
                  nowText(), directory.describe(), std::nullopt};
    if (publish)
        backup.ntAuth = Backup::NtAuth{plan.ntAuth->dn, plan.ntAuth->certificate, plan.ntAuth->createStore};
    if (auto w = writeBackup(backupFile, backup); !w)
        return std::unexpected(w.error());
    // Nothing was written: the backup would describe a change that never happened.
    const auto abandon = [&](Error e) -> Result<FixOutcome> {
        std::error_code ec;
        std::filesystem::remove(backupFile, ec);
        return std::unexpected(std::move(e));
    };

    // NTAuth first: it needs the most rights (Enterprise Admins), and when it is refused nothing at
    // all has been written.
    if (publish) {
        if (auto w = publishCa(directory, *plan.ntAuth); !w)
            return abandon(w.error());
        outcome.ntAuthChanged = true;
        outcome.ntAuthStoreChanged = plan.ntAuth->createStore;
        outcome.ntAuthCa = plan.ntAuth->caName;
    }
    std::vector<Modification> changes;
    if (!plan.remove.empty())
        changes.push_back({ModificationOp::Delete, kMappingAttribute, plan.remove});
    if (!toAdd.empty())
        changes.push_back({ModificationOp::Add, kMappingAttribute, toAdd});
    if (!changes.empty()) {
        auto m = directory.modify(plan.dn, changes);
        if (!m && m.error().code != ErrorCode::ValueExists) {
            if (publish)  // one change or none: take the CA back out
                if (auto u =
                        unpublishCa(directory, plan.ntAuth->dn, plan.ntAuth->certificate, plan.ntAuth->createStore);
                    !u)
                    log()->error("could not take the CA back out of NTAuth after the mapping write failed: {}",
                                 u.error().detail);
            return abandon(m.error());
        }
        if (!m)
            log()->info("value already present on {}: treated as success", plan.dn);
    }
    outcome.added = toAdd;
    outcome.removed = plan.remove;

    auto after = values::current(directory, plan.dn);
    if (!after)
        return std::unexpected(after.error());
    outcome.after = *after;
    for (const auto& v : plan.add)
        if (!containsCi(*after, v))
            return fail(ErrorCode::VerificationFailed, "missing after write: " + v);
    for (const auto& v : plan.remove)
        if (containsExact(*after, v) && !containsCi(plan.add, v))
            return fail(ErrorCode::VerificationFailed, "still present after write: " + v);
    if (plan.ntAuth) {
        auto store = ntAuthValues(directory, plan.ntAuth->dn);
        if (!store)
            return std::unexpected(store.error());
        if (!*store || !containsExact(**store, plan.ntAuth->certificate))
            return fail(ErrorCode::VerificationFailed,
                        "the CA is not in NTAuth after the write: " + plan.ntAuth->caName);
    }
    log()->info("fixed {}: added {}, removed {}{}; backup {}", plan.dn, toAdd.size(), plan.remove.size(),
                publish ? ", CA published to NTAuth" : "", utf8Path(backupFile));
    return outcome;
}

Result<FixOutcome> undoFix(Directory& directory, const std::filesystem::path& backupFile)
{
    auto backup = readBackup(backupFile);
    if (!backup)
        return std::unexpected(backup.error());
    auto outcome = revertBackup(directory, *backup);
    if (outcome)
        outcome->backupFile = backupFile;
    return outcome;
}

Result<FixOutcome> revertBackup(Directory& directory, const Backup& saved)
{
    const Backup* backup = &saved;
    auto current = values::current(directory, backup->dn);
    if (!current)
        return std::unexpected(current.error());

    // Only our own change is reverted: what the fix added goes, what it removed comes back. Values
    // someone else added or removed since are left as they are, and named.
    FixOutcome outcome;
    outcome.before = *current;
    outcome.offline = directory.writesOffline();
    outcome.changeFile = directory.changeFile();
    // NTAuth first, as in the fix: when Enterprise Admins rights are missing nothing is written.
    if (const auto& n = backup->ntAuth) {
        outcome.ntAuthCa = caNameOf(n->certificate);
        auto store = ntAuthValues(directory, n->dn);
        if (!store)
            return std::unexpected(store.error());
        if (!*store || !containsExact(**store, n->certificate)) {
            outcome.changedSince.push_back("removed from NTAuth since the fix (nothing to undo): " + outcome.ntAuthCa);
        } else {
            // The store goes only if the fix created it and it holds nothing but our CA.
            const bool deleteStore = n->createdStore && (*store)->size() == 1;
            if (n->createdStore && !deleteStore)
                outcome.changedSince.push_back("CAs added to NTAuth since the fix (kept): " +
                                               std::to_string((*store)->size() - 1));
            if (auto u = unpublishCa(directory, n->dn, n->certificate, deleteStore); !u)
                return std::unexpected(u.error());
            outcome.ntAuthChanged = true;
            outcome.ntAuthStoreChanged = deleteStore;
            auto after = ntAuthValues(directory, n->dn);
            if (!after)
                return std::unexpected(after.error());
            if (*after && containsExact(**after, n->certificate))
                return fail(ErrorCode::VerificationFailed, "the CA is still in NTAuth after undo: " + outcome.ntAuthCa);
        }
    }
    for (const auto& v : backup->added) {
        if (containsExact(*current, v))
            outcome.removed.push_back(v);
        else
            outcome.changedSince.push_back("removed since the fix (nothing to undo): " + v);
    }
    for (const auto& v : backup->removed)
        if (!containsExact(*current, v))
            outcome.added.push_back(v);
    for (const auto& v : *current)
        if (!containsExact(backup->before, v) && !containsExact(backup->added, v))
            outcome.changedSince.push_back("added since the fix (kept): " + v);
    for (const auto& v : backup->before)
        if (!containsExact(*current, v) && !containsExact(backup->removed, v))
            outcome.changedSince.push_back("removed since the fix (not restored): " + v);

    std::vector<Modification> changes;
    if (!outcome.removed.empty())
        changes.push_back({ModificationOp::Delete, kMappingAttribute, outcome.removed});
    if (!outcome.added.empty())
        changes.push_back({ModificationOp::Add, kMappingAttribute, outcome.added});
    if (!changes.empty())
        if (auto m = directory.modify(backup->dn, changes); !m)
            return std::unexpected(m.error());

    auto after = values::current(directory, backup->dn);
    if (!after)
        return std::unexpected(after.error());
    outcome.after = *after;
    for (const auto& v : outcome.removed)
        if (containsExact(*after, v))
            return fail(ErrorCode::VerificationFailed, "still present after undo: " + text::printable(v));
    for (const auto& v : outcome.added)
        if (!containsExact(*after, v))
            return fail(ErrorCode::VerificationFailed, "missing after undo: " + text::printable(v));
    for (const auto& v : *current)
        if (!containsExact(outcome.removed, v) && !containsExact(*after, v))
            return fail(ErrorCode::VerificationFailed,
                        "a value we did not touch is gone after undo: " + text::printable(v));
    log()->info("undid the fix on {}: removed {}, restored {}, {} other change(s) since kept",
                text::printable(backup->dn), outcome.removed.size(), outcome.added.size(), outcome.changedSince.size());
    return outcome;
}

}  // namespace eascert::directory
