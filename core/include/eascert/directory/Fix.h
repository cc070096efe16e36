#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "eascert/directory/Inspection.h"

namespace eascert::directory {

inline constexpr const char* kMappingAttribute = "altSecurityIdentities";

// The exact change: add the recommended strong value; remove only values the admin named.
struct FixPlan
{
    std::string dn;
    std::string samAccountName;
    std::vector<std::string> add;
    std::vector<std::string> remove;
    Values expectedBefore;  // the values seen at inspection: apply refuses if they changed

    bool empty() const { return add.empty() && remove.empty(); }
    std::string ldif() const;        // for ldifde -i / ldapmodify
    std::string powershell() const;  // the equivalent Set-ADUser command
};

// remove: values to take away; each must be present on the account (else InvalidArgument).
Result<FixPlan> planFix(const Inspection& inspection, const std::vector<std::string>& remove = {},
                        const std::optional<std::string>& addValue = {});

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
    std::vector<std::string> added;    // what this run actually added ("value exists" is no error)
    std::vector<std::string> removed;
    std::filesystem::path backupFile;
    // Undo only: changes someone else made since the fix, left as they are ("added since the fix
    // (kept): X509:<SKI>..."). Empty after a fix.
    std::vector<std::string> changedSince;
    // The directory was offline (an LDIF export): the change went into changeFile (empty: memory
    // only), "after" is what the account holds once it is imported; Active Directory is unchanged.
    bool offline = false;
    std::filesystem::path changeFile;
};

// The commands that import a change file into Active Directory: ldifde (Windows) and ldapmodify.
std::vector<std::string> importCommands(const std::filesystem::path& changeFile);

// Re-read → refuse if changed → write the backup → one atomic modify → read back and verify.
Result<FixOutcome> applyFix(Directory& directory, const FixPlan& plan, const std::filesystem::path& backupFile);

// Reverts the fix recorded in the backup, and only it (one atomic modify): removes the values it
// added, adds back the values it removed; values someone else added or removed since stay as they
// are and are listed in changedSince. Then reads back and verifies.
Result<FixOutcome> undoFix(Directory& directory, const std::filesystem::path& backupFile);

} // namespace eascert::directory
