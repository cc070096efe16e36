#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "eascert/support/Error.h"

namespace eascert::cli {

// What a subcommand leaves behind for main(): its exit code.
struct Context
{
    int exitCode = 0;
    std::vector<std::string> arguments;  // the command line as typed (UTF-8): to show the next command
};

void addCertCommand(CLI::App& app, Context& context);
void addMappingCommand(CLI::App& app, Context& context);
void addLabCommand(CLI::App& app, Context& context);
void addDirectoryCommand(CLI::App& app, Context& context);
void addAuditCommand(CLI::App& directoryCommand, Context& context);
void addMigrateCommand(CLI::App& directoryCommand, Context& context);
void addProbeCommand(CLI::App& app, Context& context);
void addDiagnoseCommand(CLI::App& app, Context& context);
void addEvidenceCommand(CLI::App& app, Context& context);

// Prints a one-line error (and, with --json, an error object on stdout); returns the exit code.
int reportError(const Error& error, bool json, const char* schema);

}  // namespace eascert::cli
