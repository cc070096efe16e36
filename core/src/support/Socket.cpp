#include "eascert/support/Socket.h"

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>

// The few calls that differ between BSD sockets and Winsock live in this section; everything
// below it is shared. The Winsock side is built by tests/windows (MinGW) and run under Wine.
#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <winsock2.h>
#include <ws2tcpip.h>

#include <windows.h>

#include <mutex>

#include "eascert/support/win/WideText.h"
#else
#include <cerrno>
#include <cstring>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace eascert::net {

namespace {

#ifdef _WIN32
using AddrLen = int;

// Winsock must be started once per process before the first call; it stays up until exit.
void ensureStarted()
{
    static std::once_flag once;
    std::call_once(once, [] {
        WSADATA data;
        WSAStartup(MAKEWORD(2, 2), &data);
    });
}

void closeSocket(SocketHandle fd)
{
    ::closesocket(static_cast<SOCKET>(fd));
}

int lastError()
{
    return ::WSAGetLastError();
}

bool connectPending(int error)
{
    return error == WSAEWOULDBLOCK || error == WSAEINPROGRESS;
}

bool interrupted(int error)
{
    return error == WSAEINTR;
}

std::string errorText(int error)
{
    wchar_t* text = nullptr;
    const DWORD n =
        FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
                       nullptr, static_cast<DWORD>(error), 0, reinterpret_cast<wchar_t*>(&text), 0, nullptr);
    std::string out = win::narrow(std::wstring_view(text, n));
    LocalFree(text);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r' || out.back() == ' ' || out.back() == '.'))
        out.pop_back();
    return out.empty() ? "Winsock error " + std::to_string(error) : out;
}

std::string resolverText(int rc)
{
    return errorText(rc);
}

SocketHandle openSocket(int family, int type, int protocol)
{
    ensureStarted();
    const SOCKET s = ::WSASocketW(family, type, protocol, nullptr, 0, WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
    if (s == INVALID_SOCKET)
        return kNoSocket;
    u_long nonBlocking = 1;
    ::ioctlsocket(s, FIONBIO, &nonBlocking);
    return static_cast<SocketHandle>(s);
}

int pollOne(SocketHandle fd, bool write, int timeoutMs)
{
    WSAPOLLFD p{static_cast<SOCKET>(fd), static_cast<short>(write ? POLLOUT : POLLIN), 0};
    return ::WSAPoll(&p, 1, timeoutMs);
}

constexpr int kNoSignal = 0;  // Winsock never raises signals
#else
using AddrLen = socklen_t;

void ensureStarted() {}

void closeSocket(SocketHandle fd)
{
    ::close(fd);
}

int lastError()
{
    return errno;
}

bool connectPending(int error)
{
    return error == EINPROGRESS;
}

bool interrupted(int error)
{
    return error == EINTR;
}

std::string errorText(int error)
{
    return std::strerror(error);
}

std::string resolverText(int rc)
{
    return ::gai_strerror(rc);
}

SocketHandle openSocket(int family, int type, int protocol)
{
    return ::socket(family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
}

int pollOne(SocketHandle fd, bool write, int timeoutMs)
{
    pollfd p{fd, static_cast<short>(write ? POLLOUT : POLLIN), 0};
    return ::poll(&p, 1, timeoutMs);
}

constexpr int kNoSignal = MSG_NOSIGNAL;
#endif

}  // namespace

Socket& Socket::operator=(Socket&& o) noexcept
{
    if (this != &o) {
        if (valid())
            closeSocket(m_fd);
        m_fd = o.release();
    }
    return *this;
}

Socket::~Socket()
{
    if (valid())
        closeSocket(m_fd);
}

bool waitFor(SocketHandle fd, bool write, Clock::time_point deadline, std::stop_token stop)
{
    for (;;) {
        if (stop.stop_requested())
            return false;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0)
            return false;
        // Wake at least every 100 ms to notice a stop request.
        const int rc = pollOne(fd, write, static_cast<int>(std::min<long long>(left, 100)));
        if (rc > 0)
            return true;
        if (rc < 0 && !interrupted(lastError()))
            return false;
    }
}

namespace {

using AddrInfoPtr = std::unique_ptr<addrinfo, void (*)(addrinfo*)>;

// getaddrinfo has no deadline of its own (the resolver's retries can take 30 s and more): it runs on
// a thread of its own, and the caller stops waiting at its deadline. The thread owns what it uses and
// frees the answer if nobody is there to take it.
Result<AddrInfoPtr> resolve(const std::string& host, std::uint16_t port, Clock::time_point deadline,
                            std::stop_token stop)
{
    struct Shared
    {
        std::mutex mutex;
        std::condition_variable done;
        bool finished = false;
        bool abandoned = false;
        int rc = 0;
        addrinfo* res = nullptr;
    };
    auto shared = std::make_shared<Shared>();
    try {
        std::thread([shared, host, service = std::to_string(port)] {
            addrinfo hints{};
            hints.ai_socktype = SOCK_STREAM;
            hints.ai_family = AF_UNSPEC;
            addrinfo* res = nullptr;
            const int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &res);
            std::lock_guard lock(shared->mutex);
            if (shared->abandoned) {
                if (rc == 0)
                    ::freeaddrinfo(res);
                return;
            }
            shared->rc = rc;
            shared->res = res;
            shared->finished = true;
            shared->done.notify_all();
        }).detach();
    } catch (const std::system_error& e) {
        return fail(ErrorCode::Internal, std::string("cannot start the resolver thread: ") + e.what());
    }
    std::unique_lock lock(shared->mutex);
    while (!shared->finished) {
        const auto slice = std::min(deadline, Clock::now() + std::chrono::milliseconds(100));
        shared->done.wait_until(lock, slice);
        if (shared->finished)
            break;
        if (stop.stop_requested() || Clock::now() >= deadline) {
            shared->abandoned = true;
            if (stop.stop_requested())
                return fail(ErrorCode::Cancelled);
            return fail(ErrorCode::NetworkTimeout, host + ": the name was not resolved before the timeout");
        }
    }
    if (shared->rc != 0)
        return fail(ErrorCode::NameNotResolved, host + ": " + resolverText(shared->rc));
    return AddrInfoPtr(shared->res, [](addrinfo* a) { ::freeaddrinfo(a); });
}

}  // namespace

Result<Resolved> connectTcp(const std::string& host, std::uint16_t port, Clock::time_point deadline,
                            std::stop_token stop, std::chrono::milliseconds* dnsTime)
{
    ensureStarted();
    const auto t0 = Clock::now();
    auto resolved = resolve(host, port, deadline, stop);
    if (dnsTime)
        *dnsTime = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0);
    if (!resolved)
        return std::unexpected(resolved.error());
    addrinfo* res = resolved->get();

    std::string lastFailure = "no address";
    bool timedOut = false;
    for (addrinfo* ai = res; ai; ai = ai->ai_next) {
        Socket s(openSocket(ai->ai_family, ai->ai_socktype, ai->ai_protocol));
        if (!s.valid())
            continue;
        char text[INET6_ADDRSTRLEN] = {};
        const void* addr = ai->ai_family == AF_INET6
                               ? static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(ai->ai_addr)->sin6_addr)
                               : static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(ai->ai_addr)->sin_addr);
        ::inet_ntop(ai->ai_family, addr, text, sizeof text);
        const std::string where = std::string(text) + " port " + std::to_string(port);
        if (::connect(s.fd(), ai->ai_addr, static_cast<AddrLen>(ai->ai_addrlen)) != 0 && !connectPending(lastError())) {
            lastFailure = where + ": " + errorText(lastError());
            continue;
        }
        if (!waitFor(s.fd(), true, deadline, stop)) {
            timedOut = true;
            lastFailure = where + ": no answer before the timeout";
            continue;
        }
        int err = 0;
        AddrLen len = sizeof err;
        ::getsockopt(s.fd(), SOL_SOCKET, SO_ERROR, reinterpret_cast<char*>(&err), &len);
        if (err != 0) {
            lastFailure = where + ": " + errorText(err);
            continue;
        }
        const int one = 1;
        ::setsockopt(s.fd(), IPPROTO_TCP, TCP_NODELAY, reinterpret_cast<const char*>(&one), sizeof one);
        return Resolved{text, std::move(s)};
    }
    if (stop.stop_requested())
        return fail(ErrorCode::Cancelled);
    return fail(timedOut ? ErrorCode::NetworkTimeout : ErrorCode::ConnectFailed, lastFailure);
}

Result<Socket> listenTcp(const std::string& address, std::uint16_t port, std::uint16_t* boundPort)
{
    ensureStarted();
    sockaddr_storage ss{};
    AddrLen len = 0;
    auto* v4 = reinterpret_cast<sockaddr_in*>(&ss);
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&ss);
    if (::inet_pton(AF_INET, address.c_str(), &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        len = sizeof *v4;
    } else if (::inet_pton(AF_INET6, address.c_str(), &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        len = sizeof *v6;
    } else {
        return fail(ErrorCode::InvalidArgument, "not a numeric address: " + address);
    }
    Socket s(openSocket(ss.ss_family, SOCK_STREAM, 0));
#ifndef _WIN32
    // On Windows SO_REUSEADDR would let another process take the port over; its default already
    // allows a quick restart.
    const int one = 1;
    ::setsockopt(s.fd(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
#endif
    if (!s.valid() || ::bind(s.fd(), reinterpret_cast<sockaddr*>(&ss), len) != 0 || ::listen(s.fd(), 64) != 0)
        return fail(ErrorCode::ConnectFailed, address + ":" + std::to_string(port) + ": " + errorText(lastError()));
    if (boundPort) {
        sockaddr_storage bound{};
        AddrLen blen = sizeof bound;
        ::getsockname(s.fd(), reinterpret_cast<sockaddr*>(&bound), &blen);
        *boundPort = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                                       : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
    }
    return s;
}

Socket acceptConnection(const Socket& listener)
{
#ifdef _WIN32
    const SOCKET s = ::accept(static_cast<SOCKET>(listener.fd()), nullptr, nullptr);
    if (s == INVALID_SOCKET)
        return Socket();
    u_long nonBlocking = 1;
    ::ioctlsocket(s, FIONBIO, &nonBlocking);
    return Socket(static_cast<SocketHandle>(s));
#else
    return Socket(::accept4(listener.fd(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
#endif
}

long long sendSome(SocketHandle fd, const char* data, std::size_t size)
{
    const int chunk = static_cast<int>(std::min<std::size_t>(size, 1 << 30));
    return ::send(fd, data, chunk, kNoSignal);
}

long long recvSome(SocketHandle fd, char* data, std::size_t size)
{
    const int chunk = static_cast<int>(std::min<std::size_t>(size, 1 << 30));
    return ::recv(fd, data, chunk, 0);
}

}  // namespace eascert::net
