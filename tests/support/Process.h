#pragma once

#include <cstdint>
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
    double seconds = 0;  // from start to exit
    long maxRssKiB = 0;  // the child's peak resident memory (Linux programs; not under a wrapper)
};

struct ProcessOptions
{
    std::map<std::string, std::string> env;  // added to the environment
    std::optional<std::string> stdinText;    // fed on stdin (else stdin is /dev/null)
    std::vector<std::string> wrapper;        // e.g. {"setpriv", "--reuid=65534", ...}
    int timeoutSeconds = 60;
};

// Runs program with args (no shell involved) and collects exit code, stdout and stderr.
ProcessResult runProcess(const std::filesystem::path& program, const std::vector<std::string>& args,
                         const ProcessOptions& options = {});

// Runs eascert: this build's own, or the program named by $EASCERT_TEST_CLI (the Windows build's
// eascert.exe) through $EASCERT_TEST_CLI_WRAPPER (tests/windows/wine-run.sh), so the same suites test
// both. Under the wrapper, CR LF line ends in the output are read as LF.
ProcessResult runEascert(const std::vector<std::string>& args, const ProcessOptions& options = {});
// True when runEascert runs a program other than this build's eascert (the Windows one).
bool runsOtherEascert();
// A file name as eascert printed it, as a path on this machine: the Windows eascert.exe under Wine
// prints Windows names ("Z:\tmp\x\report.html", "/tmp/x\report.html") for the same files.
std::filesystem::path hostPath(std::string printed);
// The other way round: a path given to eascert as the Windows eascert.exe prints it back
// ("/tmp/x/a.ldif" -> "\\tmp\\x\\a.ldif"); this build's eascert prints it as it is.
std::string printedPath(const std::filesystem::path& given);

// A process running beside the test (a real server); killed and reaped when this goes away.
class BackgroundProcess
{
public:
    BackgroundProcess(const std::filesystem::path& program, const std::vector<std::string>& args,
                      const std::filesystem::path& logFile);
    ~BackgroundProcess();
    BackgroundProcess(const BackgroundProcess&) = delete;
    BackgroundProcess& operator=(const BackgroundProcess&) = delete;
    bool running();

private:
    int m_pid = -1;
};

// Waits until something accepts TCP connections on 127.0.0.1:port.
bool waitForPort(std::uint16_t port, int timeoutMs = 10000);
// A port that was free a moment ago.
std::uint16_t freePort();
