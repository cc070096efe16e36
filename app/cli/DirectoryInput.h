#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "eascert/directory/Directory.h"

namespace eascert::cli {

// Where the directory is and how to bind: shared by every `eascert directory` subcommand.
struct DirectoryArgs
{
    std::string ldapUri;
    std::string ldifFile;
    std::string changesFile;  // LDIF backend: where changes are written
    std::string bindDn;
    std::string passwordEnv;
    std::string passwordFile;
    std::string caFile;
    bool insecureSkipVerify = false;
    bool kerberos = false;
    bool noStartTls = false;
    int timeoutSeconds = 15;
};

void addDirectoryOptions(CLI::App& command, DirectoryArgs& args);
// Connects (LDAP) or loads (LDIF); asks for the bind password on a terminal if none was given.
Result<std::unique_ptr<directory::Directory>> openDirectory(const DirectoryArgs& args);

// folder/eascert-backup-<user>-<UTC time>.json, never an existing file.
std::filesystem::path defaultBackupPath(const std::filesystem::path& folder, const std::string& sam);
// The admin confirms on a terminal, or with --yes; without either nothing is written (says so on stderr).
bool confirmed(bool yes, const std::string& question);

}  // namespace eascert::cli
