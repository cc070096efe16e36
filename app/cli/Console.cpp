#include "Console.h"

#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <shellapi.h>

#include "eascert/support/win/WideText.h"
#else
#include <csignal>
#include <pthread.h>
#endif

namespace eascert::cli {

std::vector<std::string> utf8Arguments([[maybe_unused]] int argc, [[maybe_unused]] char** argv)
{
    std::vector<std::string> out;
#ifdef _WIN32
    int n = 0;
    if (wchar_t** wide = CommandLineToArgvW(GetCommandLineW(), &n)) {
        for (int i = 0; i < n; ++i)
            out.push_back(win::narrow(wide[i]));
        LocalFree(wide);
        return out;
    }
#endif
    for (int i = 0; i < argc; ++i)
        out.emplace_back(argv[i]);
    return out;
}

void prepareConsole()
{
#ifdef _WIN32
    SetConsoleOutputCP(CP_UTF8);
#endif
}

#ifdef _WIN32
namespace {

HANDLE g_stopEvent = nullptr;

BOOL WINAPI onConsoleControl(DWORD)
{
    SetEvent(g_stopEvent);
    return TRUE;  // handled: the process ends through wait() returning, not right here
}

}  // namespace

StopSignal::StopSignal()
{
    g_stopEvent = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    SetConsoleCtrlHandler(onConsoleControl, TRUE);
}

StopSignal::~StopSignal()
{
    SetConsoleCtrlHandler(onConsoleControl, FALSE);
    CloseHandle(g_stopEvent);
    g_stopEvent = nullptr;
}

void StopSignal::wait()
{
    WaitForSingleObject(g_stopEvent, INFINITE);
}
#else
namespace {

sigset_t stopSignals()
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

}  // namespace

StopSignal::StopSignal()
{
    const sigset_t set = stopSignals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

StopSignal::~StopSignal()
{
    const sigset_t set = stopSignals();
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

void StopSignal::wait()
{
    const sigset_t set = stopSignals();
    int received = 0;
    sigwait(&set, &received);
}
#endif

}  // namespace eascert::cli
