#include "eascert/support/Socket.h"

#include <cerrno>
#include <cstring>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace eascert::net {

Socket& Socket::operator=(Socket&& o) noexcept
{
    if (this != &o) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = o.release();
    }
    return *this;
}

Socket::~Socket()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool waitFor(int fd, bool write, Clock::time_point deadline, std::stop_token stop)
{
    for (;;) {
        if (stop.stop_requested())
            return false;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0)
            return false;
        pollfd p{fd, static_cast<short>(write ? POLLOUT : POLLIN), 0};
        // Wake at least every 100 ms to notice a stop request.
        const int rc = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 100)));
        if (rc > 0)
            return true;
        if (rc < 0 && errno != EINTR)
            return false;
    }
}

Result<Resolved> connectTcp(const std::string& host, std::uint16_t port, Clock::time_point deadline,
                            std::stop_token stop, std::chrono::milliseconds* dnsTime)
{
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_family = AF_UNSPEC;
    addrinfo* res = nullptr;
    const auto t0 = Clock::now();
    const int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res);
    if (dnsTime)
        *dnsTime = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0);
    if (rc != 0)
        return fail(ErrorCode::NameNotResolved, host + ": " + ::gai_strerror(rc));
    std::unique_ptr<addrinfo, void (*)(addrinfo*)> owner(res, ::freeaddrinfo);

    std::string lastError = "no address";
    bool timedOut = false;
    for (addrinfo* ai = res; ai; ai = ai->ai_next) {
        Socket s(::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol));
        if (!s.valid())
            continue;
        char text[INET6_ADDRSTRLEN] = {};
        const void* addr = ai->ai_family == AF_INET6 ? static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(ai->ai_addr)->sin6_addr)
                                                     : static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(ai->ai_addr)->sin_addr);
        ::inet_ntop(ai->ai_family, addr, text, sizeof text);
        if (::connect(s.fd(), ai->ai_addr, ai->ai_addrlen) != 0 && errno != EINPROGRESS) {
            lastError = std::string(text) + " port " + std::to_string(port) + ": " + std::strerror(errno);
            continue;
        }
        if (!waitFor(s.fd(), true, deadline, stop)) {
            timedOut = true;
            lastError = std::string(text) + " port " + std::to_string(port) + ": no answer before the timeout";
            continue;
        }
        int err = 0;
        socklen_t len = sizeof err;
        ::getsockopt(s.fd(), SOL_SOCKET, SO_ERROR, &err, &len);
        if (err != 0) {
            lastError = std::string(text) + " port " + std::to_string(port) + ": " + std::strerror(err);
            continue;
        }
        const int one = 1;
        ::setsockopt(s.fd(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        return Resolved{text, std::move(s)};
    }
    if (stop.stop_requested())
        return fail(ErrorCode::Cancelled);
    return fail(timedOut ? ErrorCode::NetworkTimeout : ErrorCode::ConnectFailed, lastError);
}

Result<Socket> listenTcp(const std::string& address, std::uint16_t port, std::uint16_t* boundPort)
{
    sockaddr_storage ss{};
    socklen_t len = 0;
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
    Socket s(::socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    const int one = 1;
    ::setsockopt(s.fd(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (!s.valid() || ::bind(s.fd(), reinterpret_cast<sockaddr*>(&ss), len) != 0 || ::listen(s.fd(), 64) != 0)
        return fail(ErrorCode::ConnectFailed, address + ":" + std::to_string(port) + ": " + std::strerror(errno));
    if (boundPort) {
        sockaddr_storage bound{};
        socklen_t blen = sizeof bound;
        ::getsockname(s.fd(), reinterpret_cast<sockaddr*>(&bound), &blen);
        *boundPort = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                                       : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
    }
    return s;
}

} // namespace eascert::net
