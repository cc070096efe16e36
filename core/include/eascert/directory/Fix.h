#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "eascert/directory/Inspection.h"

namespace eascert::directory {

inline constexpr const char* kMappingAttribute = "altSecurityIdentities";

// Publishing the issuing CA in the forest's NTAuth store (KB5057784), as `certutil -dspublish -f
// ca.cer NTAuthCA` does: its DER added to cACertificate, the store created with it when the forest
// has none. Needs Enterprise Admins.
struct NtAuthChange
{
    std::string dn;
    std::string certificate;   // DER of the issuing CA
    std::string caName;        // its subject, for display
    std::string caFile;        // the file name the certutil command names ("<CA name>.cer")
    bool createStore = false;  // the store does not exist yet
    Values expectedBefore;     // cACertificate as inspected: apply refuses if it changed

    Entry newStore() const;        // the store as created: certificationAuthority with this CA
    std::string certutil() const;  // certutil -dspublish -f '<caFile>' NTAuthCA
};

// The exact change: add the recommended strong value; remove only values the admin named; and,
// when chosen, publish the issuing CA to NTAuth.
struct FixPlan
{
    std::string dn;
    std::string samAccountName;
    std::vector<std::string> add;
    std::vector<std::string> remove;
    Values expectedBefore;  // the values seen at inspection: apply refuses if they changed
    std::optional<NtAuthChange> ntAuth;

    bool mappingChanges() const { return !add.empty() || !remove.empty(); }
    bool empty() const { return !mappingChanges() && !ntAuth; }
    std::string ldif() const;        // for ldifde -i / ldapmodify
    std::string powershell() const;  // the equivalent Set-ADUser (and certutil) commands
};

// What a fix does besides the mapping.
struct FixOptions
{
    std::vector<std::string> remove;      // values to take away; each must be on the account
    std::optional<std::string> addValue;  // instead of the recommended value
    // Publish the issuing CA to NTAuth when the inspection found it missing there and the chain holds
    // the CA's certificate (else the plan has no NTAuth part).
    bool publishNtAuth = false;
};

// remove: values to take away; each must be present on the account (else InvalidArgument).
Result<FixPlan> planFix(const Inspection& inspection, const FixOptions& options);
Result<FixPlan> planFix(const Inspection& inspection, const std::vector<std::string>& remove = {},
                        const std::optional<std::string>& addValue = {});
// Why a fix cannot publish the issuing CA to NTAuth although the inspection found it missing (the
// chain lacks the CA's certificate); empty when it can, or when nothing is missing.
std::string ntAuthUnavailable(const Inspection& inspection);

// What a backup file holds: enough to put the attribute back exactly as it was.
struct Backup
{
    std::string dn;
    std::string attribute = kMappingAttribute;
    Values before;
    std::vector<std::string> added;
    std::vector<std::string> removed;
    std::string createdAt;  // ISO 8601 UTC
    std::string directory;  // Directory::describe(), never a secret
    // The CA this fix published to NTAuth, and whether it created the store for it.
    struct NtAuth
    {
        std::string dn;
        std::string certificate;
        bool createdStore = false;
    };
    std::optional<NtAuth> ntAuth;
};

// "eascert-backup-<user>-<UTC time>.json" (no ':' so it is a valid Windows file name).
std::string backupFileName(const std::string& samAccountName, std::chrono::sys_seconds now);
// folder/backupFileName(...), with "-2", "-3"... before ".json" if that file exists already.
std::filesystem::path newBackupPath(const std::filesystem::path& folder, const std::string& samAccountName,
                                    std::chrono::sys_seconds now);

Result<void> writeBackup(const std::filesystem::path& path, const Backup& backup);
Result<Backup> readBackup(const std::filesystem::path& path);

struct FixOutcome
{
    Values before;
    Values after;
    std::vector<std::string> added;  // what this run actually added ("value exists" is no error)
    std::vector<std::string> removed;
    std::filesystem::path backupFile;
    // Undo only: changes someone else made since the fix, left as they are ("added since the fix
    // (kept): X509:<SKI>..."). Empty after a fix.
    std::vector<std::string> changedSince;
    // The directory was offline (an LDIF export): the change went into changeFile (empty: memory
    // only), "after" is what the account holds once it is imported; Active Directory is unchanged.
    bool offline = false;
    std::filesystem::path changeFile;
    // NTAuth: the CA this run added (fix) or took away (undo), and the store created or deleted.
    bool ntAuthChanged = false;
    bool ntAuthStoreChanged = false;
    std::string ntAuthCa;  // the CA's name
};

// The commands that import a change file into Active Directory: ldifde (Windows) and ldapmodify.
std::vector<std::string> importCommands(const std::filesystem::path& changeFile);

// Re-read → refuse if changed → write the backup → one atomic modify → read back and verify.
Result<FixOutcome> applyFix(Directory& directory, const FixPlan& plan, const std::filesystem::path& backupFile);

// Reverts the fix recorded in the backup, and only it (one atomic modify): removes the values it
// added, adds back the values it removed; values someone else added or removed since stay as they
// are and are listed in changedSince. Then reads back and verifies.
Result<FixOutcome> undoFix(Directory& directory, const std::filesystem::path& backupFile);
// undoFix's work on a backup already read (a migration's journal holds one per account).
Result<FixOutcome> revertBackup(Directory& directory, const Backup& backup);

}  // namespace eascert::directory
