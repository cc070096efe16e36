#include "eascert/probe/Probe.h"

#include <algorithm>
#include <regex>

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "HttpResponse.h"
#include "eascert/mapping/WindowsName.h"
#include "eascert/support/Log.h"
#include "eascert/support/OpenSslError.h"
#include "eascert/support/OpenSslPtr.h"
#include "eascert/support/Text.h"
#include "eascert/support/TlsStream.h"
#ifdef _WIN32
#include "probe/win/SystemTrust.h"
#endif

namespace eascert::probe {

namespace {

using net::Clock;
using std::chrono::duration_cast;
using std::chrono::milliseconds;

// Per-connection state the OpenSSL callbacks write into.
struct State
{
    TlsFacts* tls = nullptr;
    const cert::LoadedCertificate* client = nullptr;
    bool handshakeDone = false;
    Clock::time_point renegotiationStart{};
    Clock::time_point renegotiationEnd{};
};

int stateIndex()
{
    static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
    return index;
}

State* stateOf(const SSL* ssl)
{
    return static_cast<State*>(SSL_get_ex_data(ssl, stateIndex()));
}

std::string nameDisplay(const X509_NAME* name)
{
    return mapping::displayName(cert::describeName(name));
}

// Called by OpenSSL when the server sends a CertificateRequest (handshake or renegotiation).
int onCertificateRequest(SSL* ssl, void*)
{
    State* st = stateOf(ssl);
    if (!st)
        return 1;
    TlsFacts& tls = *st->tls;
    if (!st->handshakeDone)
        tls.requested = CertificateRequest::InHandshake;
    else
        tls.requested = SSL_version(ssl) >= TLS1_3_VERSION ? CertificateRequest::PostHandshake
                                                           : CertificateRequest::ByRenegotiation;
    tls.caList.clear();
    tls.caListDer.clear();
    const STACK_OF(X509_NAME)* names = SSL_get0_peer_CA_list(ssl);
    if (!names || sk_X509_NAME_num(names) == 0)
        names = SSL_get_client_CA_list(ssl);
    bool found = false;
    for (int i = 0; names && i < sk_X509_NAME_num(names); ++i) {
        const X509_NAME* n = sk_X509_NAME_value(names, i);
        tls.caList.push_back(nameDisplay(n));
        if (st->client) {
            if (X509_NAME_cmp(n, X509_get_issuer_name(st->client->certificate.native())) == 0)
                found = true;
            for (const auto& c : st->client->chain)
                if (X509_NAME_cmp(n, X509_get_subject_name(c.native())) == 0)
                    found = true;
        }
    }
    if (st->client)
        tls.issuerInCaList = tls.caList.empty() ? std::optional<bool>() : std::optional<bool>(found);
    tls.clientCertificateSent = st->client != nullptr;
    return 1;
}

void onInfo(const SSL* ssl, int where, int ret)
{
    State* st = stateOf(ssl);
    if (!st)
        return;
    if ((where & SSL_CB_ALERT) && (where & SSL_CB_READ) && (ret >> 8) == SSL3_AL_FATAL) {
        st->tls->alertCode = ret & 0xff;
        st->tls->alertReceived = SSL_alert_desc_string_long(ret);
    }
    if ((where & SSL_CB_HANDSHAKE_START) && st->handshakeDone)
        st->renegotiationStart = Clock::now();
    if ((where & SSL_CB_HANDSHAKE_DONE) && st->handshakeDone && st->renegotiationStart != Clock::time_point{})
        st->renegotiationEnd = Clock::now();
}

int acceptAnyServer(int, X509_STORE_CTX*)
{
    return 1;  // verification is recorded and reported, not used to abort: the probe wants to see more
}

Result<net::SslCtxPtr> makeContext(const ProbeOptions& o)
{
    net::SslCtxPtr ctx(SSL_CTX_new(TLS_client_method()));
    if (!ctx)
        return fail(ErrorCode::Internal, ossl::drainErrors());
    if (!o.allowTls13)
        SSL_CTX_set_max_proto_version(ctx.get(), TLS1_2_VERSION);
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, acceptAnyServer);
    if (!o.caFile.empty()) {
        if (SSL_CTX_load_verify_locations(ctx.get(), o.caFile.c_str(), nullptr) != 1)
            return fail(ErrorCode::FileUnreadable, "CA file " + o.caFile + ": " + ossl::drainErrors());
    } else {
#ifdef _WIN32
        win::addSystemTrust(ctx.get());  // the Windows stores: OpenSSL's default paths are Unix folders
#else
        SSL_CTX_set_default_verify_paths(ctx.get());
#endif
    }
    if (o.client) {
        if (!o.client->privateKey || !o.client->privateKeyMatches)
            return fail(ErrorCode::InvalidArgument,
                        "presenting a certificate needs its private key: use the .pfx/.p12 (or a PEM with the key)");
        if (SSL_CTX_use_certificate(ctx.get(), o.client->certificate.native()) != 1 ||
            SSL_CTX_use_PrivateKey(ctx.get(), o.client->privateKey.get()) != 1)
            return fail(ErrorCode::InvalidArgument, "the client certificate cannot be used: " + ossl::drainErrors());
        for (const auto& c : o.client->chain)
            if (!c.info().selfIssued)
                SSL_CTX_add1_chain_cert(ctx.get(), c.native());
    }
    SSL_CTX_set_cert_cb(ctx.get(), onCertificateRequest, nullptr);
    SSL_CTX_set_info_callback(ctx.get(), onInfo);
    ossl::clearErrors();
    return ctx;
}

std::string requestText(const Url& url, Method method)
{
    std::string host = url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
    if (url.port != 443)
        host += ":" + std::to_string(url.port);
    return std::string(method == Method::Options ? "OPTIONS " : "GET ") + url.path + " HTTP/1.1\r\n" + "Host: " + host +
           "\r\n" +
           "User-Agent: EASCertDoctor/" EASCERT_VERSION "\r\n"
           "Accept: */*\r\n"
           "MS-ASProtocolVersion: 14.1\r\n"
           "Content-Length: 0\r\n"
           "Connection: close\r\n\r\n";
}

// HTTP CONNECT through a proxy (plain TCP). Bounded like everything else.
Result<void> connectViaProxy(net::SocketHandle fd, const Url& target, Clock::time_point deadline, std::stop_token stop)
{
    const std::string hostPort = (target.host.find(':') != std::string::npos ? "[" + target.host + "]" : target.host) +
                                 ":" + std::to_string(target.port);
    const std::string req = "CONNECT " + hostPort + " HTTP/1.1\r\nHost: " + hostPort + "\r\n\r\n";
    std::size_t sent = 0;
    while (sent < req.size()) {
        if (!net::waitFor(fd, true, deadline, stop))
            return fail(ErrorCode::NetworkTimeout, "proxy");
        const long long n = net::sendSome(fd, req.data() + sent, req.size() - sent);
        if (n <= 0)
            return fail(ErrorCode::ConnectFailed, "the proxy closed the connection");
        sent += static_cast<std::size_t>(n);
    }
    std::string reply;
    while (reply.find("\r\n\r\n") == std::string::npos) {
        if (reply.size() > 16 * 1024)
            return fail(ErrorCode::ProtocolError, "the proxy's answer is too long");
        if (!net::waitFor(fd, false, deadline, stop))
            return fail(ErrorCode::NetworkTimeout, "proxy");
        char c = 0;
        const long long n = net::recvSome(fd, &c, 1);  // byte by byte: nothing past the header may be consumed
        if (n <= 0)
            return fail(ErrorCode::ConnectFailed, "the proxy closed the connection");
        reply += c;
    }
    static const std::regex ok(R"(^HTTP/1\.[01] 2\d\d)");
    if (!std::regex_search(reply, ok))
        return fail(ErrorCode::ConnectFailed, "the proxy refused: " + reply.substr(0, reply.find('\r')));
    return {};
}

void recordServer(SSL* ssl, TlsFacts& tls)
{
    tls.protocol = SSL_get_version(ssl);
    tls.cipher = SSL_get_cipher_name(ssl);
    if (STACK_OF(X509)* chain = SSL_get_peer_cert_chain(ssl))
        for (int i = 0; i < sk_X509_num(chain); ++i)
            tls.serverChain.push_back(cert::describe(sk_X509_value(chain, i)));
    const long v = SSL_get_verify_result(ssl);
    tls.serverVerified = v == X509_V_OK && SSL_get0_peer_certificate(ssl) != nullptr;
    if (!tls.serverVerified)
        tls.verifyError = SSL_get0_peer_certificate(ssl) ? X509_verify_cert_error_string(v) : "no server certificate";
}

}  // namespace

Result<ProbeResult> runProbe(const ProbeOptions& o, std::stop_token stop)
{
    auto url = parseUrl(o.url);
    if (!url)
        return std::unexpected(url.error());
    std::optional<Url> proxy;
    if (!o.proxy.empty()) {
        std::string p = o.proxy;
        if (text::startsWithIgnoreCase(p, "http://"))
            p = "https://" + p.substr(7);
        auto parsed = parseUrl(p);
        if (!parsed)
            return fail(ErrorCode::InvalidArgument, "bad proxy: " + o.proxy);
        proxy = *parsed;
    }
    auto ctx = makeContext(o);
    if (!ctx)
        return std::unexpected(ctx.error());

    ProbeResult result;
    result.url = *url;
    const auto start = Clock::now();
    // Every step waits until its own timeout or the whole probe's, whichever comes first.
    const auto overall = start + (o.totalTimeout.count() > 0 ? o.totalTimeout : o.connectTimeout + 4 * o.ioTimeout);
    const auto until = [&](std::chrono::milliseconds step) { return std::min(Clock::now() + step, overall); };
    const auto finish = [&](Stage stage, Error error) {
        // (poll() rounds its wait down to whole milliseconds: "at the deadline" is within a few.)
        if (error.code == ErrorCode::NetworkTimeout && Clock::now() + milliseconds(50) >= overall)
            error.detail += " (the whole endpoint test is limited to " +
                            std::to_string(duration_cast<std::chrono::seconds>(overall - start).count()) + " s)";
        result.stage = stage;
        result.failure = std::move(error);
        result.timings.total = duration_cast<milliseconds>(Clock::now() - start);
        return result;
    };

    // Connect (directly or through the proxy).
    result.stage = Stage::Resolve;
    result.proxied = proxy.has_value();
    const Url& first = proxy ? *proxy : *url;
    auto connected = net::connectTcp(first.host, first.port, until(o.connectTimeout), stop, &result.timings.dns);
    if (!connected) {
        Error e = connected.error();
        if (proxy)
            e.detail = "proxy " + e.detail;
        return finish(e.code == ErrorCode::NameNotResolved ? Stage::Resolve : proxy ? Stage::Proxy : Stage::Connect, e);
    }
    result.address = connected->address;
    result.timings.connect = duration_cast<milliseconds>(Clock::now() - start) - result.timings.dns;
    if (proxy) {
        if (auto c = connectViaProxy(connected->socket.fd(), *url, until(o.ioTimeout), stop); !c)
            return finish(Stage::Proxy, c.error());
    }

    // TLS.
    net::SslPtr ssl(SSL_new(ctx->get()));
    State state;
    state.tls = &result.tls;
    state.client = o.client;
    SSL_set_ex_data(ssl.get(), stateIndex(), &state);
    ossl::Asn1OctetStringPtr ip(a2i_IPADDRESS(url->host.c_str()));
    ossl::clearErrors();
    if (!ip)
        SSL_ctrl(ssl.get(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                 const_cast<char*>(url->host.c_str()));  // SNI (the macro form needs an old-style cast)
    SSL_set1_host(ssl.get(), url->host.c_str());
    SSL_set_post_handshake_auth(ssl.get(), 1);
    net::TlsStream tls(std::move(ssl), std::move(connected->socket));
    result.stage = Stage::Handshake;
    const auto hsStart = Clock::now();
    auto hs = tls.connect(until(o.ioTimeout), stop);
    result.timings.handshake = duration_cast<milliseconds>(Clock::now() - hsStart);
    if (!hs) {
        recordServer(tls.ssl(), result.tls);
        return finish(Stage::Handshake, hs.error());
    }
    state.handshakeDone = true;
    result.tls.established = true;
    recordServer(tls.ssl(), result.tls);

    // HTTP.
    result.stage = Stage::Request;
    const auto requestStart = Clock::now();
    if (auto w = tls.write(requestText(*url, o.method), until(o.ioTimeout), stop); !w)
        return finish(Stage::Request, w.error());
    result.stage = Stage::Response;
    HttpReader reader(o.maxHeaderBytes, o.maxBodyBytes);
    char buffer[16384];
    bool firstByte = true;
    for (;;) {
        auto n = tls.read(buffer, sizeof buffer, until(o.ioTimeout), stop);
        if (!n) {
            if (state.renegotiationStart != Clock::time_point{})
                result.timings.renegotiation = duration_cast<milliseconds>(
                    (state.renegotiationEnd != Clock::time_point{} ? state.renegotiationEnd : Clock::now()) -
                    state.renegotiationStart);
            if (reader.headersComplete())
                break;  // a reset after the answer: keep what we have
            return finish(Stage::Response, n.error());
        }
        if (firstByte && *n > 0) {
            result.timings.firstByte = duration_cast<milliseconds>(Clock::now() - requestStart);
            firstByte = false;
        }
        auto fed = reader.feed(std::string_view(buffer, *n), *n == 0);
        if (!fed)
            return finish(Stage::Response, fed.error());
        if (*fed || *n == 0)
            break;
    }
    if (state.renegotiationStart != Clock::time_point{} && state.renegotiationEnd != Clock::time_point{})
        result.timings.renegotiation = duration_cast<milliseconds>(state.renegotiationEnd - state.renegotiationStart);
    // A renegotiation may have changed the protocol facts; the chain stays.
    result.tls.protocol = SSL_get_version(tls.ssl());
    result.tls.cipher = SSL_get_cipher_name(tls.ssl());
    auto http = reader.result();
    if (!http)
        return finish(Stage::Response, http.error());
    result.http = std::move(*http);
    tls.shutdown();
    result.stage = Stage::Done;
    result.timings.total = duration_cast<milliseconds>(Clock::now() - start);
    return result;
}

std::string HttpFacts::header(std::string_view lowerName) const
{
    const auto it = headers.find(std::string(lowerName));
    return it == headers.end() ? std::string() : it->second;
}

std::string_view stageId(Stage s)
{
    switch (s) {
    case Stage::Resolve: return "resolve";
    case Stage::Connect: return "connect";
    case Stage::Proxy: return "proxy";
    case Stage::Handshake: return "tls-handshake";
    case Stage::Request: return "request";
    case Stage::Response: return "response";
    case Stage::Done: return "done";
    }
    return "done";
}

std::string_view certificateRequestId(CertificateRequest r)
{
    switch (r) {
    case CertificateRequest::Never: return "never";
    case CertificateRequest::InHandshake: return "handshake";
    case CertificateRequest::ByRenegotiation: return "renegotiation";
    case CertificateRequest::PostHandshake: return "post-handshake";
    }
    return "never";
}

}  // namespace eascert::probe
