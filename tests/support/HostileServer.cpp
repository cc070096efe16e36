#include "HostileServer.h"

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>

#include <openssl/ssl.h>

bool sleepUnlessStopped(std::chrono::milliseconds d, std::stop_token stop)
{
    const auto until = std::chrono::steady_clock::now() + d;
    while (std::chrono::steady_clock::now() < until) {
        if (stop.stop_requested())
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return !stop.stop_requested();
}

HostileServer::HostileServer(Kind kind, const std::filesystem::path& certPem, const std::filesystem::path& keyPem)
    : m_kind(kind), m_cert(certPem), m_key(keyPem)
{
    if (kind == Kind::EndlessHeaders)
        m_script = [](const Send& send, std::stop_token stop) {
            if (!send("HTTP/1.1 200 OK\r\n"))
                return;
            const std::string line = "X-Endless: " + std::string(64, 'a') + "\r\n";
            for (int i = 0; i < 100000 && !stop.stop_requested(); ++i)
                if (!send(line))
                    return;
        };
    listen();
}

HostileServer::HostileServer(Script script, const std::filesystem::path& certPem, const std::filesystem::path& keyPem)
    : m_script(std::move(script)), m_cert(certPem), m_key(keyPem)
{
    listen();
}

void HostileServer::listen()
{
    std::signal(SIGPIPE, SIG_IGN);  // the client hanging up must not kill the test
    m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (::bind(m_listen, reinterpret_cast<sockaddr*>(&a), len) != 0 || ::listen(m_listen, 8) != 0)
        throw std::runtime_error("hostile server: cannot listen");
    ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&a), &len);
    m_port = ntohs(a.sin_port);
    m_thread = std::jthread([this](std::stop_token stop) {
        std::vector<int> held;
        while (!stop.stop_requested()) {
            pollfd p{m_listen, POLLIN, 0};
            if (::poll(&p, 1, 100) <= 0)
                continue;
            const int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0)
                continue;
            if (!m_script && m_kind == Kind::Silent) {
                held.push_back(fd);  // never read, never write, never close (until the test ends)
                continue;
            }
            if (!m_script && m_kind == Kind::GarbageRecord) {
                char buf[512];
                (void)!::recv(fd, buf, sizeof buf, 0);
                static const char garbage[] = "\x17\x03\x03\xff\xffNOT A TLS RECORD AT ALL, JUST BYTES";
                (void)!::send(fd, garbage, sizeof garbage - 1, MSG_NOSIGNAL);
                held.push_back(fd);
                continue;
            }
            serveTls(fd, stop);
            ::close(fd);
        }
        for (int fd : held)
            ::close(fd);
    });
}

void HostileServer::serveTls(int fd, std::stop_token stop)
{
    SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
    SSL_CTX_use_certificate_chain_file(ctx, m_cert.c_str());
    SSL_CTX_use_PrivateKey_file(ctx, m_key.c_str(), SSL_FILETYPE_PEM);
    SSL* ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    timeval tv{5, 0};  // a client that never finishes its part does not hold the server forever
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (SSL_accept(ssl) == 1) {
        std::string request;
        char buf[4096];
        while (request.find("\r\n\r\n") == std::string::npos && request.size() < 65536) {
            const int n = SSL_read(ssl, buf, sizeof buf);
            if (n <= 0)
                break;
            request.append(buf, static_cast<std::size_t>(n));
        }
        const Send send = [ssl](std::string_view bytes) {
            while (!bytes.empty()) {
                const int n = SSL_write(ssl, bytes.data(), static_cast<int>(bytes.size()));
                if (n <= 0)
                    return false;
                bytes.remove_prefix(static_cast<std::size_t>(n));
            }
            return true;
        };
        m_script(send, stop);
        SSL_shutdown(ssl);
    }
    SSL_free(ssl);
    SSL_CTX_free(ctx);
}

HostileServer::~HostileServer()
{
    m_thread.request_stop();
    m_thread.join();
    ::close(m_listen);
}
