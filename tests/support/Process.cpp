#include "Process.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace {

// A child that exits before reading its stdin, or a server that closes a socket, must not kill the
// test process with SIGPIPE: the write fails with EPIPE instead.
const bool g_ignoreSigpipe = [] {
    std::signal(SIGPIPE, SIG_IGN);
    return true;
}();

struct Pipe
{
    int fd[2] = {-1, -1};
    Pipe()
    {
        if (pipe2(fd, O_CLOEXEC) != 0)
            throw std::runtime_error("pipe");
    }
    ~Pipe()
    {
        closeRead();
        closeWrite();
    }
    void closeRead()
    {
        if (fd[0] >= 0)
            close(fd[0]);
        fd[0] = -1;
    }
    void closeWrite()
    {
        if (fd[1] >= 0)
            close(fd[1]);
        fd[1] = -1;
    }
};

}  // namespace

ProcessResult runProcess(const std::filesystem::path& program, const std::vector<std::string>& args,
                         const ProcessOptions& options)
{
    std::vector<std::string> argvStore = options.wrapper;
    argvStore.push_back(program.string());
    argvStore.insert(argvStore.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argvStore)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    std::vector<std::string> envStore;
    for (char** e = environ; *e; ++e) {
        const std::string entry(*e);
        const auto name = entry.substr(0, entry.find('='));
        if (!options.env.count(name))
            envStore.push_back(entry);
    }
    for (const auto& [k, v] : options.env)
        envStore.push_back(k + "=" + v);
    std::vector<char*> envp;
    for (auto& e : envStore)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    Pipe in;
    Pipe out;
    Pipe err;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (options.stdinText)
        posix_spawn_file_actions_adddup2(&actions, in.fd[0], 0);
    else
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out.fd[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err.fd[1], 2);
    pid_t pid = 0;
    const auto started = std::chrono::steady_clock::now();
    const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        throw std::runtime_error(std::string("spawn ") + argv[0] + ": " + std::strerror(rc));
    in.closeRead();
    out.closeWrite();
    err.closeWrite();
    if (options.stdinText) {
        const std::string& text = *options.stdinText;
        std::size_t written = 0;
        while (written < text.size()) {
            const ssize_t n = write(in.fd[1], text.data() + written, text.size() - written);
            if (n <= 0)
                break;
            written += static_cast<std::size_t>(n);
        }
    }
    in.closeWrite();

    ProcessResult result;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.timeoutSeconds);
    std::array<pollfd, 2> fds{{{out.fd[0], POLLIN, 0}, {err.fd[0], POLLIN, 0}}};
    int open = 2;
    bool timedOut = false;
    while (open > 0) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            timedOut = true;
            kill(pid, SIGKILL);
            break;
        }
        if (poll(fds.data(), fds.size(), static_cast<int>(left.count())) < 0 && errno != EINTR)
            break;
        for (std::size_t i = 0; i < fds.size(); ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char buf[65536];
            const ssize_t n = read(fds[i].fd, buf, sizeof buf);
            if (n <= 0) {
                fds[i].fd = -1;
                --open;
            } else {
                (i == 0 ? result.out : result.err).append(buf, static_cast<std::size_t>(n));
            }
        }
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    result.maxRssKiB = usage.ru_maxrss;
    if (timedOut)
        result.exitCode = -2;
    else if (WIFEXITED(status))
        result.exitCode = WEXITSTATUS(status);
    else
        result.exitCode = 128 + WTERMSIG(status);
    return result;
}

namespace {

const char* otherEascert()
{
    const char* program = std::getenv("EASCERT_TEST_CLI");
    return program && *program ? program : nullptr;
}

void dropCarriageReturns(std::string& text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i)
        if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n'))
            out += text[i];
    text = std::move(out);
}

}  // namespace

bool runsOtherEascert()
{
    return otherEascert() != nullptr;
}

std::filesystem::path hostPath(std::string printed)
{
    if (!runsOtherEascert())
        return printed;
    if (printed.size() >= 2 && (printed[0] == 'Z' || printed[0] == 'z') && printed[1] == ':')
        printed.erase(0, 2);  // Wine's Z: drive is the Linux root
    for (char& c : printed)
        if (c == '\\')
            c = '/';
    return std::filesystem::path(printed).lexically_normal();
}

ProcessResult runEascert(const std::vector<std::string>& args, const ProcessOptions& options)
{
    const char* program = otherEascert();
    if (!program)
        return runProcess(EASCERT_CLI, args, options);
    ProcessOptions wrapped = options;
    if (const char* wrapper = std::getenv("EASCERT_TEST_CLI_WRAPPER"); wrapper && *wrapper)
        wrapped.wrapper.push_back(wrapper);  // after any wrapper of the test's own
    ProcessResult result = runProcess(program, args, wrapped);
    dropCarriageReturns(result.out);
    dropCarriageReturns(result.err);
    return result;
}

#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>

BackgroundProcess::BackgroundProcess(const std::filesystem::path& program, const std::vector<std::string>& args,
                                     const std::filesystem::path& logFile)
{
    std::vector<std::string> store = {program.string()};
    store.insert(store.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : store)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, logFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    const int rc = posix_spawn(&m_pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        throw std::runtime_error("cannot start " + program.string() + ": " + std::strerror(rc));
}

BackgroundProcess::~BackgroundProcess()
{
    if (m_pid > 0) {
        kill(m_pid, SIGTERM);
        for (int i = 0; i < 50; ++i) {
            if (waitpid(m_pid, nullptr, WNOHANG) == m_pid)
                return;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        kill(m_pid, SIGKILL);
        waitpid(m_pid, nullptr, 0);
    }
}

bool BackgroundProcess::running()
{
    return m_pid > 0 && waitpid(m_pid, nullptr, WNOHANG) == 0;
}

bool waitForPort(std::uint16_t port, int timeoutMs)
{
    for (int waited = 0; waited < timeoutMs; waited += 50) {
        const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(port);
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
        close(fd);
        if (ok)
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

std::uint16_t freePort()
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    bind(fd, reinterpret_cast<sockaddr*>(&a), len);
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    close(fd);
    return ntohs(a.sin_port);
}

std::string printedPath(const std::filesystem::path& given)
{
    auto text = given.string();
    if (runsOtherEascert())
        std::replace(text.begin(), text.end(), '/', '\\');
    return text;
}
