#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

struct ProcessResult
{
    int exitCode = -1;
    std::string out;
    std::string err;
};

struct ProcessOptions
{
    std::map<std::string, std::string> env;  // added to the environment
    std::optional<std::string> stdinText;      // fed on stdin (else stdin is /dev/null)
    std::vector<std::string> wrapper;          // e.g. {"setpriv", "--reuid=65534", ...}
    int timeoutSeconds = 60;
};

// Runs program with args (no shell involved) and collects exit code, stdout and stderr.
ProcessResult runProcess(const std::filesystem::path& program, const std::vector<std::string>& args,
                         const ProcessOptions& options = {});
