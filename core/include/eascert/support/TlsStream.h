#pragma once

#include <memory>
#include <stop_token>
#include <string>
#include <string_view>

#include <openssl/ssl.h>

#include "eascert/support/OpenSslPtr.h"
#include "eascert/support/Socket.h"

namespace eascert::net {

using ossl::SslCtxPtr;
using ossl::SslPtr;

// TLS over a non-blocking socket where every operation has a deadline and honours a stop token.
class TlsStream
{
public:
    TlsStream(SslPtr ssl, Socket socket);

    SSL* ssl() const { return m_ssl.get(); }
    SocketHandle fd() const { return m_socket.fd(); }

    Result<void> connect(Clock::time_point deadline, std::stop_token stop);
    Result<void> accept(Clock::time_point deadline, std::stop_token stop);
    // Bytes read; 0 when the peer closed the connection.
    Result<std::size_t> read(char* buffer, std::size_t size, Clock::time_point deadline, std::stop_token stop);
    Result<void> write(std::string_view data, Clock::time_point deadline, std::stop_token stop);
    // Server side: asks for a client certificate by TLS 1.2 renegotiation and waits until the new
    // handshake has finished (IIS's behaviour with client-certificate negotiation off).
    Result<void> renegotiate(Clock::time_point deadline, std::stop_token stop);
    void shutdown();

private:
    template <typename Op>
    Result<int> drive(Op op, Clock::time_point deadline, std::stop_token stop, std::string_view what);

    SslPtr m_ssl;
    Socket m_socket;
};

}  // namespace eascert::net
