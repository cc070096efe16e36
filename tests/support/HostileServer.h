#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>
#include <thread>

// Servers that misbehave on purpose (failures a real server cannot be made to produce), on loopback.
// A scripted one completes a real TLS handshake (OpenSSL, the given certificate), reads the request
// and then runs its script: whatever bytes, at whatever pace, the test wants.
class HostileServer
{
public:
    enum class Kind
    {
        Silent,          // accepts the TCP connection and never says anything
        EndlessHeaders,  // completes TLS, then sends "HTTP/1.1 200" and header lines forever
        GarbageRecord,   // answers the ClientHello with bytes that are not a TLS record
    };
    // Sends bytes to the client; false once it has gone away.
    using Send = std::function<bool(std::string_view)>;
    // Runs once per connection; return to close it. Scripts that wait must watch the stop token.
    using Script = std::function<void(const Send& send, std::stop_token stop)>;

    HostileServer(Kind kind, const std::filesystem::path& certPem = {}, const std::filesystem::path& keyPem = {});
    HostileServer(Script script, const std::filesystem::path& certPem, const std::filesystem::path& keyPem);
    ~HostileServer();
    HostileServer(const HostileServer&) = delete;
    HostileServer& operator=(const HostileServer&) = delete;
    std::uint16_t port() const { return m_port; }

private:
    void listen();
    void serveTls(int fd, std::stop_token stop);

    Kind m_kind = Kind::Silent;
    Script m_script;
    int m_listen = -1;
    std::uint16_t m_port = 0;
    std::filesystem::path m_cert;
    std::filesystem::path m_key;
    std::jthread m_thread;
};

// Sleeps up to d, waking early when stop is requested; false if it was.
bool sleepUnlessStopped(std::chrono::milliseconds d, std::stop_token stop);
