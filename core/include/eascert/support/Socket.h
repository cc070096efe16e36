#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <stop_token>
#include <string>

#include "eascert/support/Error.h"

namespace eascert::net {

using Clock = std::chrono::steady_clock;

// BSD sockets on Linux, Winsock on Windows (a SOCKET is a UINT_PTR there).
#ifdef _WIN32
using SocketHandle = std::uintptr_t;
inline constexpr SocketHandle kNoSocket = ~SocketHandle{0};
#else
using SocketHandle = int;
inline constexpr SocketHandle kNoSocket = -1;
#endif

// An owned, non-blocking socket.
class Socket
{
public:
    Socket() = default;
    explicit Socket(SocketHandle fd) : m_fd(fd) {}
    Socket(Socket&& o) noexcept : m_fd(o.release()) {}
    Socket& operator=(Socket&& o) noexcept;
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    ~Socket();

    SocketHandle fd() const { return m_fd; }
    bool valid() const { return m_fd != kNoSocket; }
    SocketHandle release()
    {
        const SocketHandle fd = m_fd;
        m_fd = kNoSocket;
        return fd;
    }

private:
    SocketHandle m_fd = kNoSocket;
};

struct Resolved
{
    std::string address;  // numeric, for reports
    Socket socket;        // connected
};

// Resolves host (IPv4 and IPv6) and connects to the first address that answers before the
// deadline. Errors: DirectoryUnavailable is not used here; see ErrorCode::NetworkUnreachable etc.
Result<Resolved> connectTcp(const std::string& host, std::uint16_t port, Clock::time_point deadline,
                            std::stop_token stop, std::chrono::milliseconds* dnsTime = nullptr);

// Waits until fd is readable (write=false) or writable; false on timeout or stop.
bool waitFor(SocketHandle fd, bool write, Clock::time_point deadline, std::stop_token stop);

// A listening socket on a loopback address; port 0 = any free port.
Result<Socket> listenTcp(const std::string& address, std::uint16_t port, std::uint16_t* boundPort);
// The next pending connection (non-blocking), or an invalid Socket when there is none.
Socket acceptConnection(const Socket& listener);

// One send/recv on a non-blocking socket: bytes moved, 0 when the peer closed (recv), -1 on error
// or when nothing could be moved yet (wait with waitFor). Never raises SIGPIPE.
long long sendSome(SocketHandle fd, const char* data, std::size_t size);
long long recvSome(SocketHandle fd, char* data, std::size_t size);

}  // namespace eascert::net
