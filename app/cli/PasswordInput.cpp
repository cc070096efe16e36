#include "PasswordInput.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>

#ifdef _WIN32
#include <io.h>
#include <windows.h>
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

} // namespace

Result<Secret> passwordFromEnv(const std::string& variable)
{
    const char* value = std::getenv(variable.c_str());
    if (!value)
        return fail(ErrorCode::InvalidArgument, "environment variable " + variable + " is not set");
    return Secret(std::string(value));
}

Result<Secret> passwordFromFile(const std::string& path)
{
    std::string text;
    if (path == "-") {
        std::istreambuf_iterator<char> it(std::cin);
        for (std::size_t n = 0; it != std::istreambuf_iterator<char>() && n <= kMaxPasswordFile; ++it, ++n)
            text += *it;
    } else {
        std::ifstream in(path, std::ios::binary);
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
    HANDLE in = CreateFileW(L"CONIN$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr,
                            OPEN_EXISTING, 0, nullptr);
    if (in == INVALID_HANDLE_VALUE)
        return std::nullopt;
    DWORD mode = 0;
    GetConsoleMode(in, &mode);
    SetConsoleMode(in, mode & ~static_cast<DWORD>(ENABLE_ECHO_INPUT));
    std::fputs(prompt.c_str(), stderr);
    std::string line;
    char c = 0;
    DWORD read = 0;
    while (ReadFile(in, &c, 1, &read, nullptr) && read == 1 && c != '\n' && line.size() < 4096)
        if (c != '\r')
            line += c;
    SetConsoleMode(in, mode);
    CloseHandle(in);
    std::fputs("\n", stderr);
    return Secret(std::move(line));
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
    if (!_isatty(_fileno(stdin)))
        return std::nullopt;
    std::cerr << question << " [y/N] " << std::flush;
    std::string line;
    std::getline(std::cin, line);
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

} // namespace eascert::cli
