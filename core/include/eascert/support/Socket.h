#pragma once

#include <chrono>
#include <stop_token>
#include <string>

#include "eascert/support/Error.h"

namespace eascert::net {

using Clock = std::chrono::steady_clock;

// An owned, non-blocking socket descriptor.
class Socket
{
public:
    Socket() = default;
    explicit Socket(int fd) : m_fd(fd) {}
    Socket(Socket&& o) noexcept : m_fd(o.release()) {}
    Socket& operator=(Socket&& o) noexcept;
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    ~Socket();

    int fd() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }
    int release()
    {
        const int fd = m_fd;
        m_fd = -1;
        return fd;
    }

private:
    int m_fd = -1;
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
bool waitFor(int fd, bool write, Clock::time_point deadline, std::stop_token stop);

// A listening socket on a loopback address; port 0 = any free port.
Result<Socket> listenTcp(const std::string& address, std::uint16_t port, std::uint16_t* boundPort);

} // namespace eascert::net
