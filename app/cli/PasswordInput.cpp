#include "PasswordInput.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>

#include "eascert/support/Path.h"

#ifdef _WIN32
#include "eascert/support/win/WideText.h"
#else
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>
#endif

namespace eascert::cli {

namespace {

constexpr std::size_t kMaxPasswordFile = 64 * 1024;

Secret firstLine(std::string text)
{
    const auto end = text.find_first_of("\r\n");
    if (end != std::string::npos)
        text.resize(end);
    return Secret(std::move(text));
}

#ifdef _WIN32
// A line typed on the console (CONIN$, read as UTF-16: what was typed, whatever the code page), as
// UTF-8; nullopt without a console, like /dev/tty elsewhere: a service, or a script whose input is
// NUL or a file (_isatty is true for NUL; GetConsoleMode is not). The wide buffer is wiped.
std::optional<Secret> readConsoleLine(const std::string& prompt, bool echo)
{
    HANDLE in = CreateFileW(L"CONIN$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr,
                            OPEN_EXISTING, 0, nullptr);
    if (in == INVALID_HANDLE_VALUE)
        return std::nullopt;
    DWORD mode = 0;
    if (!GetConsoleMode(in, &mode)) {
        CloseHandle(in);
        return std::nullopt;
    }
    DWORD lineMode = mode | ENABLE_LINE_INPUT;
    if (!echo)
        lineMode &= ~static_cast<DWORD>(ENABLE_ECHO_INPUT);
    SetConsoleMode(in, lineMode);
    const std::wstring widePrompt = win::wide(prompt);
    DWORD written = 0;
    if (!WriteConsoleW(GetStdHandle(STD_ERROR_HANDLE), widePrompt.data(), static_cast<DWORD>(widePrompt.size()),
                       &written, nullptr))
        std::fputs(prompt.c_str(), stderr);
    std::wstring line(4096, L'\0');
    DWORD read = 0;
    const bool ok = ReadConsoleW(in, line.data(), static_cast<DWORD>(line.size()), &read, nullptr) != 0;
    SetConsoleMode(in, mode);
    CloseHandle(in);
    if (!echo)
        std::fputs("\n", stderr);
    std::size_t length = ok ? read : 0;
    while (length > 0 && (line[length - 1] == L'\n' || line[length - 1] == L'\r'))
        --length;
    Secret text(win::narrow(std::wstring_view(line.data(), length)));
    SecureZeroMemory(line.data(), line.size() * sizeof(wchar_t));
    return text;
}
#endif

}  // namespace

Result<Secret> passwordFromEnv(const std::string& variable)
{
#ifdef _WIN32
    // The environment as UTF-16: the value as set, whatever the code page.
    const wchar_t* value = _wgetenv(win::wide(variable).c_str());
    if (!value)
        return fail(ErrorCode::InvalidArgument, "environment variable " + variable + " is not set");
    return Secret(win::narrow(value));
#else
    const char* value = std::getenv(variable.c_str());
    if (!value)
        return fail(ErrorCode::InvalidArgument, "environment variable " + variable + " is not set");
    return Secret(std::string(value));
#endif
}

Result<Secret> passwordFromFile(const std::string& path)
{
    std::string text;
    if (path == "-") {
        std::istreambuf_iterator<char> it(std::cin);
        for (std::size_t n = 0; it != std::istreambuf_iterator<char>() && n <= kMaxPasswordFile; ++it, ++n)
            text += *it;
    } else {
        std::ifstream in(pathFromUtf8(path), std::ios::binary);
        if (!in)
            return fail(ErrorCode::FileUnreadable, "password file " + path);
        text.resize(kMaxPasswordFile + 1);
        in.read(text.data(), static_cast<std::streamsize>(text.size()));
        text.resize(static_cast<std::size_t>(in.gcount()));
    }
    if (text.size() > kMaxPasswordFile)
        return fail(ErrorCode::FileTooLarge, "password file " + path);
    return firstLine(std::move(text));
}

Result<std::optional<Secret>> passwordFromOptions(const std::string& envVariable, const std::string& file)
{
    Result<Secret> pw = fail(ErrorCode::Internal);
    if (!envVariable.empty())
        pw = passwordFromEnv(envVariable);
    else if (!file.empty())
        pw = passwordFromFile(file);
    else
        return std::optional<Secret>();
    if (!pw)
        return std::unexpected(pw.error());
    return std::optional<Secret>(std::move(*pw));
}

std::optional<Secret> promptPassword(const std::string& prompt)
{
#ifdef _WIN32
    return readConsoleLine(prompt, false);
#else
    const int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    termios old{};
    const bool isTerminal = tcgetattr(fd, &old) == 0;
    if (!isTerminal) {
        close(fd);
        return std::nullopt;
    }
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    tcsetattr(fd, TCSAFLUSH, &quiet);
    (void)!write(fd, prompt.data(), prompt.size());
    std::string line;
    char c = 0;
    while (read(fd, &c, 1) == 1 && c != '\n' && line.size() < 4096)
        line += c;
    tcsetattr(fd, TCSAFLUSH, &old);
    close(fd);
    return Secret(std::move(line));
#endif
}

std::optional<bool> askYesNo(const std::string& question)
{
#ifdef _WIN32
    const auto answer = readConsoleLine(question + " [y/N] ", true);
    if (!answer)
        return std::nullopt;
    const std::string line(answer->view());
#else
    const int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    const std::string prompt = question + " [y/N] ";
    (void)!write(fd, prompt.data(), prompt.size());
    std::string line;
    char c = 0;
    while (read(fd, &c, 1) == 1 && c != '\n' && line.size() < 64)
        line += c;
    close(fd);
#endif
    return !line.empty() && (line[0] == 'y' || line[0] == 'Y');
}

}  // namespace eascert::cli
