#pragma once

#include <cstdint>
#include <filesystem>
#include <thread>

// Servers that misbehave on purpose (failures a real server cannot be made to produce), on loopback.
class HostileServer
{
public:
    enum class Kind {
        Silent,           // accepts the TCP connection and never says anything
        EndlessHeaders,   // completes TLS, then sends "HTTP/1.1 200" and header lines forever
        GarbageRecord,    // answers the ClientHello with bytes that are not a TLS record
    };
    HostileServer(Kind kind, const std::filesystem::path& certPem = {}, const std::filesystem::path& keyPem = {});
    ~HostileServer();
    std::uint16_t port() const { return m_port; }

private:
    Kind m_kind;
    int m_listen = -1;
    std::uint16_t m_port = 0;
    std::filesystem::path m_cert;
    std::filesystem::path m_key;
    std::jthread m_thread;
};
