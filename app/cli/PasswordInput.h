#pragma once

#include <optional>
#include <string>

#include "eascert/support/Error.h"
#include "eascert/support/Secret.h"

namespace eascert::cli {

// Reads a password from an environment variable (the variable must exist; it may be empty).
Result<Secret> passwordFromEnv(const std::string& variable);
// Reads the first line of a file ("-" = standard input), without its line break. Bounded to 64 KiB.
Result<Secret> passwordFromFile(const std::string& path);
// The password named by a pair of options (--...-env VAR / --...-file PATH); empty optional when
// neither is set.
Result<std::optional<Secret>> passwordFromOptions(const std::string& envVariable, const std::string& file);
// Asks on the terminal with echo off. Empty optional when there is no terminal to ask on.
std::optional<Secret> promptPassword(const std::string& prompt);
// Asks a yes/no question on the terminal. Empty optional when there is no terminal.
std::optional<bool> askYesNo(const std::string& question);

}  // namespace eascert::cli
