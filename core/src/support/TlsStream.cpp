#include "eascert/support/TlsStream.h"

#include <openssl/err.h>

#include "eascert/support/OpenSslError.h"

namespace eascert::net {

TlsStream::TlsStream(SslPtr ssl, Socket socket) : m_ssl(std::move(ssl)), m_socket(std::move(socket))
{
    // OpenSSL takes a Winsock SOCKET as an int too (documented for SSL_set_fd).
    SSL_set_fd(m_ssl.get(), static_cast<int>(m_socket.fd()));
}

template <typename Op>
Result<int> TlsStream::drive(Op op, Clock::time_point deadline, std::stop_token stop, std::string_view what)
{
    for (;;) {
        ossl::clearErrors();
        const int rc = op();
        if (rc > 0)
            return rc;
        const int err = SSL_get_error(m_ssl.get(), rc);
        switch (err) {
        case SSL_ERROR_WANT_READ:
        case SSL_ERROR_WANT_WRITE:
            if (!waitFor(m_socket.fd(), err == SSL_ERROR_WANT_WRITE, deadline, stop))
                return fail(stop.stop_requested() ? ErrorCode::Cancelled : ErrorCode::NetworkTimeout,
                            std::string(what));
            continue;
        case SSL_ERROR_ZERO_RETURN: return 0;
        case SSL_ERROR_SYSCALL: {
            const std::string detail = ossl::drainErrors();
            if (rc == 0)
                return 0;  // EOF without close_notify: treat as closed, the caller decides
            return fail(ErrorCode::ConnectFailed,
                        std::string(what) + ": connection reset" + (detail.empty() ? "" : " (" + detail + ")"));
        }
        default: return fail(ErrorCode::TlsFailure, std::string(what) + ": " + ossl::drainErrors());
        }
    }
}

Result<void> TlsStream::connect(Clock::time_point deadline, std::stop_token stop)
{
    auto r = drive([&] { return SSL_connect(m_ssl.get()); }, deadline, stop, "TLS handshake");
    if (!r)
        return std::unexpected(r.error());
    if (*r == 0)
        return fail(ErrorCode::ConnectFailed, "the server closed the connection during the TLS handshake");
    return {};
}

Result<void> TlsStream::accept(Clock::time_point deadline, std::stop_token stop)
{
    auto r = drive([&] { return SSL_accept(m_ssl.get()); }, deadline, stop, "TLS handshake");
    if (!r)
        return std::unexpected(r.error());
    if (*r == 0)
        return fail(ErrorCode::ConnectFailed, "the client closed the connection during the TLS handshake");
    return {};
}

Result<std::size_t> TlsStream::read(char* buffer, std::size_t size, Clock::time_point deadline, std::stop_token stop)
{
    auto r = drive([&] { return SSL_read(m_ssl.get(), buffer, static_cast<int>(size)); }, deadline, stop, "read");
    if (!r)
        return std::unexpected(r.error());
    return static_cast<std::size_t>(*r);
}

Result<void> TlsStream::write(std::string_view data, Clock::time_point deadline, std::stop_token stop)
{
    while (!data.empty()) {
        auto r = drive([&] { return SSL_write(m_ssl.get(), data.data(), static_cast<int>(data.size())); }, deadline,
                       stop, "write");
        if (!r)
            return std::unexpected(r.error());
        if (*r == 0)
            return fail(ErrorCode::ConnectFailed, "the peer closed the connection");
        data.remove_prefix(static_cast<std::size_t>(*r));
    }
    return {};
}

Result<void> TlsStream::renegotiate(Clock::time_point deadline, std::stop_token stop)
{
    if (SSL_version(m_ssl.get()) >= TLS1_3_VERSION)
        return fail(ErrorCode::ProtocolError, "TLS 1.3 has no renegotiation");
    if (SSL_renegotiate(m_ssl.get()) != 1)
        return fail(ErrorCode::TlsFailure, "renegotiation refused: " + ossl::drainErrors());
    // Sends the HelloRequest; the client's new handshake is processed by the reads below.
    auto hs = drive([&] { return SSL_do_handshake(m_ssl.get()); }, deadline, stop, "renegotiation");
    if (!hs)
        return std::unexpected(hs.error());
    while (SSL_renegotiate_pending(m_ssl.get())) {
        char byte = 0;
        ossl::clearErrors();
        const int rc = SSL_peek(m_ssl.get(), &byte, 1);
        if (rc > 0)
            return fail(ErrorCode::ProtocolError, "the client sent data instead of renegotiating");
        const int err = SSL_get_error(m_ssl.get(), rc);
        if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
            if (!SSL_renegotiate_pending(m_ssl.get()))
                break;
            if (!waitFor(m_socket.fd(), err == SSL_ERROR_WANT_WRITE, deadline, stop))
                return fail(ErrorCode::NetworkTimeout, "renegotiation");
            continue;
        }
        if (err == SSL_ERROR_ZERO_RETURN || err == SSL_ERROR_SYSCALL)
            return fail(ErrorCode::ConnectFailed, "the client closed the connection during renegotiation");
        return fail(ErrorCode::TlsFailure, "renegotiation: " + ossl::drainErrors());
    }
    return {};
}

void TlsStream::shutdown()
{
    SSL_shutdown(m_ssl.get());
    ossl::clearErrors();
}

}  // namespace eascert::net
