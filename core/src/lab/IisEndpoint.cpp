#include "eascert/lab/IisEndpoint.h"

#include <list>

#include <openssl/err.h>
#include <openssl/pem.h>

#include "eascert/cert/Certificate.h"
#include "eascert/directory/Account.h"
#include "eascert/mapping/Mapping.h"
#include "eascert/mapping/WindowsName.h"
#include "eascert/support/Log.h"
#include "eascert/support/OpenSslError.h"
#include "eascert/support/OpenSslPtr.h"
#include "eascert/support/Path.h"
#include "eascert/support/Text.h"
#include "eascert/support/TlsStream.h"

namespace eascert::lab {

namespace {

using net::Clock;
using Mode = EndpointOptions::CertificateMode;

constexpr auto kStepTimeout = std::chrono::seconds(10);

int acceptAnyClient(int, X509_STORE_CTX*)
{
    return 1;  // like IIS: finish the handshake, judge the certificate afterwards (403.16/403.17)
}

struct Answer
{
    int status = 200;
    int substatus = 0;
    std::string reason = "OK";
    std::string extraHeaders;
    std::string body;
    std::string user;  // the account the certificate mapped to (the W3C log's cs-username)
};

Answer iisError(int status, int substatus, const char* reason, const char* explanation, bool challenge)
{
    Answer a;
    a.status = status;
    a.substatus = substatus;
    a.reason = reason;
    a.body = "<!DOCTYPE html><html><head><title>IIS 10.0 Detailed Error - " + std::to_string(status) + "." +
             std::to_string(substatus) + " - " + reason +
             "</title></head><body><div id=\"content\"><div class=\"content-container\">"
             "<h3>HTTP Error " +
             std::to_string(status) + "." + std::to_string(substatus) + " - " + reason + "</h3><h4>" + explanation +
             "</h4></div><div class=\"content-container\"><fieldset><h4>Detailed Error "
             "Information:</h4><table><tr><th>Module</th><td>IIS Web Core</td></tr><tr><th>Notification</th>"
             "<td>AuthenticateRequest</td></tr><tr><th>Handler</th><td>AirSyncHandler</td></tr></table></fieldset>"
             "</div></div></body></html>\r\n";
    if (challenge)
        a.extraHeaders = "WWW-Authenticate: Basic realm=\"eas.contoso.test\"\r\n";
    return a;
}

std::string responseText(const Answer& a)
{
    return "HTTP/1.1 " + std::to_string(a.status) + " " + a.reason + "\r\n" +
           "Server: Microsoft-IIS/10.0\r\nX-Powered-By: ASP.NET\r\nConnection: close\r\n" + a.extraHeaders +
           (a.body.empty() ? "" : "Content-Type: text/html\r\n") + "Content-Length: " + std::to_string(a.body.size()) +
           "\r\n\r\n" + a.body;
}

}  // namespace

struct IisEndpoint::Impl
{
    EndpointOptions options;
    std::uint16_t port = 0;  // the port listened on (set before the first connection)
    net::SslCtxPtr ctx;
    net::Socket listener;
    std::jthread acceptThread;
    std::mutex mutex;  // guards connections, stats and the directory handle
    struct Connection
    {
        std::shared_ptr<std::atomic<bool>> done = std::make_shared<std::atomic<bool>>(false);
        std::jthread thread;
    };
    std::list<Connection> connections;
    EndpointStats stats;
    std::string baseDn;

    Result<void> setUp();
    int verifyFlags() const
    {
        return SSL_VERIFY_PEER | SSL_VERIFY_CLIENT_ONCE | (options.rejectAtTls ? SSL_VERIFY_FAIL_IF_NO_PEER_CERT : 0);
    }
    SSL_verify_cb verifyCallback() const { return options.rejectAtTls ? nullptr : acceptAnyClient; }
    void acceptLoop(std::stop_token stop);
    void serve(net::Socket socket, std::stop_token stop);
    Answer decide(SSL* ssl, const std::string& method);
    enum class Lookup
    {
        Mapped,
        NotMapped,
        WeakOnly,
        NtAuthRefused
    };
    Lookup lookUp(const cert::CertificateInfo& client, std::string& account);
    // What the DC logs for the lookup (the Security log's 4768, the KDC's 39, 45, 21).
    void logDc(Lookup lookup, bool ntAuthMissing, const cert::CertificateInfo& client, const std::string& account);
    std::vector<cert::CertificateInfo> clientCas;  // trustedClientCas: the chain NTAuth is checked with
    std::string configurationNc;
};

Result<void> IisEndpoint::Impl::setUp()
{
    ctx.reset(SSL_CTX_new(TLS_server_method()));
    if (!ctx)
        return fail(ErrorCode::Internal, ossl::drainErrors());
    const bool tls13 = options.allowTls13 && options.mode != Mode::Renegotiation;
    SSL_CTX_set_max_proto_version(ctx.get(), tls13 ? 0 : TLS1_2_VERSION);
    if (SSL_CTX_use_certificate_chain_file(ctx.get(), utf8Path(options.serverCertificatePem).c_str()) != 1 ||
        SSL_CTX_use_PrivateKey_file(ctx.get(), utf8Path(options.serverKeyPem).c_str(), SSL_FILETYPE_PEM) != 1)
        return fail(ErrorCode::FileUnreadable, "server certificate/key: " + ossl::drainErrors());
    if (!options.trustedClientCas.empty()) {
        if (SSL_CTX_load_verify_locations(ctx.get(), utf8Path(options.trustedClientCas).c_str(), nullptr) != 1)
            return fail(ErrorCode::FileUnreadable, "client CA file: " + ossl::drainErrors());
        if (options.sendCaList) {
            STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(utf8Path(options.trustedClientCas).c_str());
            if (names)
                SSL_CTX_set_client_CA_list(ctx.get(), names);
        }
    }
    if (options.mode == Mode::Strict) {
        options.mode = Mode::Handshake;
        options.rejectAtTls = true;
    }
    switch (options.mode) {
    case Mode::Handshake:
    case Mode::Strict: SSL_CTX_set_verify(ctx.get(), verifyFlags(), verifyCallback()); break;
    case Mode::Renegotiation:
    case Mode::Never: SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr); break;
    }
    // Sessions would let a reconnecting client skip the certificate: every connection starts fresh.
    SSL_CTX_set_session_cache_mode(ctx.get(), SSL_SESS_CACHE_OFF);
    SSL_CTX_set_options(ctx.get(), SSL_OP_NO_TICKET);
    if (options.directory) {
        auto dse = options.directory->rootDse();
        if (!dse)
            return std::unexpected(dse.error());
        baseDn = dse->defaultNamingContext;
        configurationNc = dse->configurationNamingContext;
    }
    if (!options.trustedClientCas.empty()) {
        ossl::BioPtr bio(BIO_new_file(utf8Path(options.trustedClientCas).c_str(), "r"));
        while (bio) {
            ossl::X509Ptr ca(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
            if (!ca)
                break;
            clientCas.push_back(cert::describe(ca.get()));
        }
    }
    ossl::clearErrors();
    return {};
}

// Who the certificate belongs to, as the KDC decides it in 2026: an explicit mapping on exactly one
// account (strong ones only under KB5014754), and the issuing CA in NTAuth (KB5057784).
IisEndpoint::Impl::Lookup IisEndpoint::Impl::lookUp(const cert::CertificateInfo& info, std::string& account)
{
    if (!options.directory)
        return Lookup::Mapped;
    std::vector<directory::Filter> any;
    std::vector<std::string> strong;
    for (const auto& c : mapping::buildMappings(info)) {
        if (!c.value)
            continue;
        any.push_back(directory::Filter::equals("altSecurityIdentities", *c.value));
        if (c.strength == mapping::Strength::Strong)
            strong.push_back(*c.value);
    }
    directory::SearchRequest request;
    request.base = baseDn;
    request.filter = directory::Filter::all(
        {directory::Filter::equals("objectClass", "user"), directory::Filter::any(std::move(any))});
    request.attributes = {"altSecurityIdentities", "sAMAccountName"};
    std::unique_lock lock(mutex);
    auto found = directory::searchAll(*options.directory, request, 10);
    if (!found) {
        log()->warn("lab endpoint: directory lookup failed: {}", found.error().detail);
        return Lookup::NotMapped;
    }
    if (found->size() != 1) {  // none: not mapped; several: ambiguous (KDC_ERR_C_PRINCIPAL_UNKNOWN too)
        lock.unlock();
        logDc(Lookup::NotMapped, false, info, {});
        return Lookup::NotMapped;
    }
    account = found->front().first("sAMAccountName");
    const auto& values = found->front().values("altSecurityIdentities");
    const bool strongMatch = std::any_of(values.begin(), values.end(), [&](const std::string& v) {
        return std::any_of(strong.begin(), strong.end(),
                           [&](const std::string& s) { return text::equalsIgnoreCase(v, s); });
    });
    Lookup result = Lookup::Mapped;
    bool ntAuthMissing = false;
    if (options.strongMappingsOnly && !strongMatch) {
        result = Lookup::WeakOnly;
    } else {
        auto ntAuth = directory::checkNtAuth(*options.directory, configurationNc, info, clientCas);
        ntAuthMissing = !ntAuth || ntAuth->state != directory::NtAuthState::IssuerPresent;
        if (ntAuthMissing && options.ntAuthCheck) {
            log()->info("lab endpoint: the issuing CA is not in NTAuth (KB5057784): sign-in refused");
            result = Lookup::NtAuthRefused;
        }
    }
    lock.unlock();
    logDc(result, ntAuthMissing, info, account);
    return result;
}

void IisEndpoint::Impl::logDc(Lookup lookup, bool ntAuthMissing, const cert::CertificateInfo& c,
                              const std::string& account)
{
    if (!options.logs)
        return;
    const auto event = [](std::uint32_t id, bool kdc, std::vector<std::pair<std::string, std::string>> data) {
        evidence::Event e;
        e.id = id;
        e.kind = kdc ? evidence::EventKind::Kdc : evidence::EventKind::Security;
        e.provider = kdc ? "Microsoft-Windows-Kerberos-Key-Distribution-Center" : "Microsoft-Windows-Security-Auditing";
        e.channel = kdc ? "System" : "Security";
        e.level = kdc ? "3" : "0";
        e.data = std::move(data);
        return e;
    };
    // The KDC's certificate fields (domain.md 9a): Subject "@@@" in display order, the issuer's CN
    // only, the serial in display (forward) order.
    const std::string commonName = c.issuer.first("2.5.4.3");
    const std::string issuerCn = commonName.empty() ? mapping::displayName(c.issuer) : commonName;
    const std::string serial = toHex(c.serialMagnitude());
    const std::string thumbprint = toHex(c.sha1Thumbprint);
    const auto kdcFields = [&] {
        return std::vector<std::pair<std::string, std::string>>{{"AccountName", account},
                                                                {"Subject", "@@@" + mapping::displayName(c.subject)},
                                                                {"Issuer", issuerCn},
                                                                {"SerialNumber", serial},
                                                                {"Thumbprint", thumbprint}};
    };
    const auto tgt = [&](const std::string& status) {
        return event(4768, false,
                     {{"TargetUserName", status == "0x0" ? account : "X509N:<S>" + mapping::displayName(c.subject)},
                      {"TargetDomainName", "CONTOSO"},
                      {"ServiceName", "krbtgt"},
                      {"Status", status},
                      {"IpAddress", "::ffff:127.0.0.1"},
                      {"CertIssuerName", issuerCn},
                      {"CertSerialNumber", serial},
                      {"CertThumbprint", thumbprint}});
    };
    std::vector<evidence::Event> events;
    switch (lookup) {
    case Lookup::NotMapped: events.push_back(tgt("0x6")); break;
    case Lookup::WeakOnly:
        events.push_back(event(39, true, kdcFields()));
        events.push_back(tgt("0x42"));
        break;
    case Lookup::NtAuthRefused:
        events.push_back(event(21, true,
                               {{"Domain", "CONTOSO"},
                                {"Username", account},
                                {"Status", "A certificate chain processed, but terminated in a root certificate which "
                                           "is not trusted by the trust provider: one of the CA certificates is not "
                                           "trusted by the policy provider."}}));
        events.push_back(tgt("0x3E"));
        break;
    case Lookup::Mapped:
        if (ntAuthMissing)  // audit only (--no-ntauth-check): the KDC warns and lets it through
            events.push_back(event(45, true, kdcFields()));
        events.push_back(tgt("0x0"));
        break;
    }
    for (auto& e : events)
        if (auto w = options.logs->event(std::move(e)); !w)
            log()->warn("lab endpoint: cannot write the DC's events: {}", w.error().detail);
}

Answer IisEndpoint::Impl::decide(SSL* ssl, const std::string& method)
{
    X509* client = SSL_get0_peer_certificate(ssl);
    if (options.mode == Mode::Never || !client)
        return iisError(403, 7, "Forbidden",
                        "The page you are attempting to access requires your browser to have a Secure Sockets Layer "
                        "(SSL) client certificate that the Web server recognizes.",
                        false);
    const long verify = SSL_get_verify_result(ssl);
    if (verify == X509_V_ERR_CERT_HAS_EXPIRED || verify == X509_V_ERR_CERT_NOT_YET_VALID)
        return iisError(403, 17, "Forbidden",
                        "The client certificate used for this request has expired or is not yet valid.", false);
    if (verify != X509_V_OK)
        return iisError(403, 16, "Forbidden",
                        "The client certificate used for this request is not trusted by the Web server.", false);
    const auto info = cert::describe(client);
    const std::string serial = toHex(info.serialMagnitude());
    for (const auto& revoked : options.revokedSerialsHex)
        if (text::equalsIgnoreCase(revoked, serial))
            return iisError(403, 13, "Forbidden", "The client certificate used for this request has been revoked.",
                            false);
    if (options.mapperDenies)
        return iisError(403, 12, "Forbidden", "The account to which the client certificate is mapped is denied access.",
                        false);
    std::string account;
    if (lookUp(info, account) != Lookup::Mapped)
        return iisError(401, 2, "Unauthorized",
                        "You are not authorized to view this page due to invalid authentication headers.",
                        options.passwordMethods);
    {
        std::lock_guard lock(mutex);
        ++stats.authenticated;
    }
    const std::string user = account.empty() ? std::string() : "CONTOSO\\" + account;
    if (method == "OPTIONS") {
        Answer a;
        a.user = user;
        a.extraHeaders =
            "Allow: OPTIONS,POST\r\nPublic: OPTIONS,POST\r\nMS-Server-ActiveSync: 15.1\r\n"
            "MS-ASProtocolVersions: 2.0,2.1,2.5,12.0,12.1,14.0,14.1,16.0,16.1\r\n"
            "MS-ASProtocolCommands: Sync,SendMail,SmartForward,SmartReply,GetAttachment,GetHierarchy,CreateCollection,"
            "DeleteCollection,MoveCollection,FolderSync,FolderCreate,FolderDelete,FolderUpdate,MoveItems,"
            "GetItemEstimate,"
            "MeetingResponse,Search,Settings,Ping,ItemOperations,Provision,ResolveRecipients,ValidateCert,Find\r\n";
        return a;
    }
    // GET is not an EAS method: after a successful logon Exchange answers 505 (the seed report).
    auto a = iisError(505, 0, "HTTP Version Not Supported",
                      "The page you are looking for is not supported by this version.", false);
    a.user = user;
    return a;
}

void IisEndpoint::Impl::serve(net::Socket socket, std::stop_token stop)
{
    net::SslPtr ssl(SSL_new(ctx.get()));
    if (!ssl)
        return;
    net::TlsStream tls(std::move(ssl), std::move(socket));
    if (!tls.accept(Clock::now() + kStepTimeout, stop))
        return;  // alerts already went out (Strict mode) or the client gave up
    std::string request;
    char buf[4096];
    while (request.find("\r\n\r\n") == std::string::npos) {
        auto n = tls.read(buf, sizeof buf, Clock::now() + kStepTimeout, stop);
        if (!n || *n == 0 || request.size() > 16384)
            return;
        request.append(buf, *n);
    }
    const std::string method = request.substr(0, request.find(' '));
    if (options.mode == Mode::Renegotiation && SSL_version(tls.ssl()) < TLS1_3_VERSION) {
        SSL_set_verify(tls.ssl(), verifyFlags(), verifyCallback());
        if (auto r = tls.renegotiate(Clock::now() + kStepTimeout, stop); !r) {
            log()->debug("lab endpoint: renegotiation failed: {}", r.error().detail);
            return;
        }
    }
    const auto started = Clock::now();
    const Answer answer = decide(tls.ssl(), method);
    if (options.logs) {
        // The request line and the User-Agent header, as IIS logs them.
        const auto line = request.substr(0, request.find("\r\n"));
        const auto firstSpace = line.find(' ');
        std::string target = firstSpace == std::string::npos
                                 ? std::string()
                                 : line.substr(firstSpace + 1, line.rfind(' ') - firstSpace - 1);
        const auto q = target.find('?');
        ServerLogs::Request r;
        r.method = method;
        r.uriStem = target.substr(0, q);
        r.uriQuery = q == std::string::npos ? std::string() : target.substr(q + 1);
        r.port = port;
        r.user = answer.user;
        r.clientIp = "127.0.0.1";
        if (const auto ua = text::foldCase(request).find("\r\nuser-agent:"); ua != std::string::npos) {
            const auto from = request.find_first_not_of(' ', ua + 13);
            r.userAgent = request.substr(from, request.find("\r\n", from) - from);
        }
        r.status = answer.status;
        r.substatus = answer.substatus;
        r.win32Status = answer.status == 401 ? 5 : 0;  // 401.2's ERROR_ACCESS_DENIED, as in the seed's "401 2 5"
        r.timeTakenMs =
            static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count());
        if (auto w = options.logs->request(r); !w)
            log()->warn("lab endpoint: cannot write the IIS log: {}", w.error().detail);
    }
    if (tls.write(responseText(answer), Clock::now() + kStepTimeout, stop))
        tls.shutdown();
}

void IisEndpoint::Impl::acceptLoop(std::stop_token stop)
{
    while (!stop.stop_requested()) {
        if (!net::waitFor(listener.fd(), false, Clock::now() + std::chrono::seconds(1), stop))
            continue;
        net::Socket s = net::acceptConnection(listener);
        if (!s.valid())
            continue;
        std::lock_guard lock(mutex);
        ++stats.connections;
        // Finished connection threads are joined here, so the list stays short.
        connections.remove_if([](const Connection& c) { return c.done->load(); });
        Connection& c = connections.emplace_back();
        c.thread = std::jthread([this, done = c.done, sock = std::move(s)](std::stop_token st) mutable {
            serve(std::move(sock), st);
            done->store(true);
        });
    }
}

IisEndpoint::IisEndpoint(EndpointOptions options) : m_impl(std::make_unique<Impl>())
{
    m_impl->options = std::move(options);
}

IisEndpoint::~IisEndpoint()
{
    stop();
}

Result<std::uint16_t> IisEndpoint::start()
{
    if (auto r = m_impl->setUp(); !r)
        return std::unexpected(r.error());
    auto listener = net::listenTcp(m_impl->options.address, m_impl->options.port, &m_port);
    if (!listener)
        return std::unexpected(listener.error());
    m_impl->listener = std::move(*listener);
    m_impl->port = m_port;
    m_impl->acceptThread = std::jthread([this](std::stop_token st) { m_impl->acceptLoop(st); });
    return m_port;
}

void IisEndpoint::stop()
{
    if (!m_impl)
        return;
    if (m_impl->acceptThread.joinable()) {
        m_impl->acceptThread.request_stop();
        m_impl->acceptThread.join();
    }
    std::list<Impl::Connection> connections;
    {
        std::lock_guard lock(m_impl->mutex);
        connections.swap(m_impl->connections);
    }
    for (auto& c : connections)
        c.thread.request_stop();
    connections.clear();  // joins
}

std::string IisEndpoint::url(std::string_view path) const
{
    const std::string& a = m_impl->options.address;
    const std::string host = a.find(':') != std::string::npos ? "[" + a + "]" : a;
    return "https://" + host + ":" + std::to_string(m_port) + std::string(path);
}

EndpointStats IisEndpoint::stats() const
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->stats;
}

}  // namespace eascert::lab
