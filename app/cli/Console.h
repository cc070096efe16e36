#pragma once

#include <string>
#include <vector>

namespace eascert::cli {

// The command line as UTF-8 strings. Windows: read as UTF-16 (GetCommandLineW), whatever the code
// page; elsewhere argv as it is.
std::vector<std::string> utf8Arguments(int argc, char** argv);

// Windows: the console shows UTF-8 output as UTF-8 (SetConsoleOutputCP). Nothing elsewhere.
void prepareConsole();

// Ctrl+C (or Ctrl+Break, closing the console, SIGTERM). Make it before any thread starts (POSIX: the
// signals are blocked from here on, so no thread takes them); wait() returns when one arrives.
class StopSignal
{
public:
    StopSignal();
    ~StopSignal();
    StopSignal(const StopSignal&) = delete;
    StopSignal& operator=(const StopSignal&) = delete;
    void wait();
};

}  // namespace eascert::cli
