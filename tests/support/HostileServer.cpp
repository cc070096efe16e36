#include "HostileServer.h"

#include <stdexcept>
#include <vector>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>

#include <openssl/ssl.h>

HostileServer::HostileServer(Kind kind, const std::filesystem::path& certPem, const std::filesystem::path& keyPem)
    : m_kind(kind), m_cert(certPem), m_key(keyPem)
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
            if (m_kind == Kind::Silent) {
                held.push_back(fd);  // never read, never write, never close (until the test ends)
                continue;
            }
            if (m_kind == Kind::GarbageRecord) {
                char buf[512];
                (void)!::recv(fd, buf, sizeof buf, 0);
                static const char garbage[] = "\x17\x03\x03\xff\xffNOT A TLS RECORD AT ALL, JUST BYTES";
                (void)!::send(fd, garbage, sizeof garbage - 1, MSG_NOSIGNAL);
                held.push_back(fd);
                continue;
            }
            // EndlessHeaders: a real TLS handshake, then header lines until the client hangs up.
            SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
            SSL_CTX_use_certificate_chain_file(ctx, m_cert.c_str());
            SSL_CTX_use_PrivateKey_file(ctx, m_key.c_str(), SSL_FILETYPE_PEM);
            SSL* ssl = SSL_new(ctx);
            SSL_set_fd(ssl, fd);
            if (SSL_accept(ssl) == 1) {
                char buf[4096];
                SSL_read(ssl, buf, sizeof buf);
                const std::string head = "HTTP/1.1 200 OK\r\n";
                SSL_write(ssl, head.data(), static_cast<int>(head.size()));
                const std::string line = "X-Endless: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n";
                for (int i = 0; i < 100000 && !stop.stop_requested(); ++i)
                    if (SSL_write(ssl, line.data(), static_cast<int>(line.size())) <= 0)
                        break;
            }
            SSL_free(ssl);
            SSL_CTX_free(ctx);
            ::close(fd);
        }
        for (int fd : held)
            ::close(fd);
    });
}

HostileServer::~HostileServer()
{
    m_thread.request_stop();
    m_thread.join();
    ::close(m_listen);
}
