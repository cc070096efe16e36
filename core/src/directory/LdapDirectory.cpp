#include "eascert/directory/LdapDirectory.h"
#include "eascert/directory/LdapResult.h"

#include <atomic>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

#include <sys/socket.h>

#include <ldap.h>

#include "eascert/support/Log.h"
#include "eascert/support/Socket.h"
#include "eascert/support/Text.h"

namespace eascert::directory {

namespace {

struct LdapDeleter
{
    void operator()(LDAP* ld) const noexcept { ldap_unbind_ext_s(ld, nullptr, nullptr); }
};
using LdapPtr = std::unique_ptr<LDAP, LdapDeleter>;

struct MessageDeleter
{
    void operator()(LDAPMessage* m) const noexcept { ldap_msgfree(m); }
};
using MessagePtr = std::unique_ptr<LDAPMessage, MessageDeleter>;

struct ControlDeleter
{
    void operator()(LDAPControl* c) const noexcept { ldap_control_free(c); }
};
using ControlPtr = std::unique_ptr<LDAPControl, ControlDeleter>;

struct ControlsDeleter
{
    void operator()(LDAPControl** c) const noexcept { ldap_controls_free(c); }
};
using ControlsPtr = std::unique_ptr<LDAPControl*, ControlsDeleter>;

std::unexpected<Error> ldapError(int rc, LDAP* ld, std::string_view what)
{
    std::string detail = std::string(what) + ": " + ldap_err2string(rc) + " (" + std::to_string(rc) + ")";
    char* diag = nullptr;
    if (ld && ldap_get_option(ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &diag) == LDAP_OPT_SUCCESS && diag) {
        if (*diag)
            detail += ": " + std::string(diag);
        ldap_memfree(diag);
    }
    ErrorCode code = errorForLdapResult(rc);  // the server's result codes
    switch (rc) {                             // OpenLDAP's own (negative) client-side codes
    case LDAP_SERVER_DOWN:
    case LDAP_CONNECT_ERROR: code = ErrorCode::DirectoryUnavailable; break;
    case LDAP_TIMEOUT: code = ErrorCode::DirectoryTimeout; break;
    case LDAP_USER_CANCELLED: code = ErrorCode::Cancelled; break;
    default: break;
    }
    return std::unexpected(Error{code, detail});
}

bool isLdaps(std::string_view uri)
{
    return text::startsWithIgnoreCase(uri, "ldaps://");
}

// libldap bounds connecting (NETWORK_TIMEOUT) and waiting for results (TIMEOUT), but not the TLS
// handshake's reads: a server that accepts and stays silent would hang it. Every socket libldap
// opens gets receive/send timeouts, so no read can block longer than the operation timeout.
struct SocketTimeouts
{
    ldap_conncb callback{};
    timeval timeout{};
    std::atomic<int> fd{-1};
};

// The TLS handshake inside libldap retries "try again" forever, whatever the socket timeouts say.
// While connecting, a watchdog shuts the socket down at the deadline, which ends the handshake.
class ConnectWatchdog
{
public:
    ConnectWatchdog(SocketTimeouts& sockets, std::chrono::seconds timeout)
        : m_thread([this, &sockets, timeout](std::stop_token stop) {
              std::unique_lock lock(m_mutex);
              if (m_cv.wait_for(lock, stop, timeout, [] { return false; }) || stop.stop_requested())
                  return;
              const int fd = sockets.fd.load();
              if (fd >= 0) {
                  m_fired = true;
                  ::shutdown(fd, SHUT_RDWR);
              }
          })
    {
    }
    ~ConnectWatchdog() { disarm(); }
    void disarm()
    {
        m_thread.request_stop();
        if (m_thread.joinable())
            m_thread.join();
    }
    bool fired() const { return m_fired; }

private:
    std::mutex m_mutex;
    std::condition_variable_any m_cv;
    std::atomic<bool> m_fired{false};
    std::jthread m_thread;
};

int onConnect(LDAP*, Sockbuf* sb, LDAPURLDesc*, sockaddr*, ldap_conncb* cb)
{
    const auto* st = static_cast<const SocketTimeouts*>(cb->lc_arg);
    ber_socket_t fd = -1;
    if (ber_sockbuf_ctrl(sb, LBER_SB_OPT_GET_FD, &fd) == 1 && fd >= 0) {
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &st->timeout, sizeof st->timeout);
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &st->timeout, sizeof st->timeout);
        const_cast<SocketTimeouts*>(st)->fd = fd;
    }
    return 0;
}

void onDisconnect(LDAP*, Sockbuf*, ldap_conncb*) {}

// Modifications as the NULL-terminated LDAPMod array libldap takes (values as binary bervals),
// valid while the modifications live.
class ModList
{
public:
    explicit ModList(const std::vector<Modification>& changes)
        : m_values(changes.size()), m_valuePtrs(changes.size()), m_mods(changes.size())
    {
        for (std::size_t i = 0; i < changes.size(); ++i) {
            const auto& c = changes[i];
            for (const auto& v : c.values)
                m_values[i].push_back(berval{static_cast<ber_len_t>(v.size()), const_cast<char*>(v.data())});
            for (auto& bv : m_values[i])
                m_valuePtrs[i].push_back(&bv);
            m_valuePtrs[i].push_back(nullptr);
            const int op = c.op == ModificationOp::Add      ? LDAP_MOD_ADD
                           : c.op == ModificationOp::Delete ? LDAP_MOD_DELETE
                                                            : LDAP_MOD_REPLACE;
            m_mods[i].mod_op = op | LDAP_MOD_BVALUES;
            m_mods[i].mod_type = const_cast<char*>(c.attribute.c_str());
            m_mods[i].mod_bvalues = c.values.empty() ? nullptr : m_valuePtrs[i].data();
            m_modPtrs.push_back(&m_mods[i]);
        }
        m_modPtrs.push_back(nullptr);
    }
    LDAPMod** get() { return m_modPtrs.data(); }

private:
    std::vector<std::vector<berval>> m_values;
    std::vector<std::vector<berval*>> m_valuePtrs;
    std::vector<LDAPMod> m_mods;
    std::vector<LDAPMod*> m_modPtrs;
};

class LdapDirectory : public Directory
{
public:
    LdapDirectory(LdapPtr ld, LdapOptions options, bool tls, std::unique_ptr<SocketTimeouts> timeouts)
        : m_timeouts(std::move(timeouts)), m_ld(std::move(ld)), m_options(std::move(options)), m_tls(tls)
    {
    }

    Result<RootDse> rootDse() override { return readRootDse(*this); }

    Result<std::size_t> search(const SearchRequest& request, const EntrySink& sink, std::stop_token stop) override
    {
        const std::string filter = request.filter.toLdap();
        std::vector<char*> attrs;
        for (const auto& a : request.attributes)
            attrs.push_back(const_cast<char*>(a.c_str()));
        attrs.push_back(nullptr);
        const int scope = request.scope == Scope::Base       ? LDAP_SCOPE_BASE
                          : request.scope == Scope::OneLevel ? LDAP_SCOPE_ONELEVEL
                                                             : LDAP_SCOPE_SUBTREE;
        auto wait = armCall("search " + request.base);
        if (!wait)
            return std::unexpected(wait.error());
        timeval tv = *wait;
        berval* cookie = nullptr;
        std::size_t delivered = 0;
        bool stopped = false;
        const auto freeCookie = [&] {
            if (cookie)
                ber_bvfree(cookie);
            cookie = nullptr;
        };
        do {
            if (stop.stop_requested()) {
                freeCookie();
                return fail(ErrorCode::Cancelled);
            }
            LDAPControl* pageRaw = nullptr;
            if (request.pageSize > 0) {
                const int rc = ldap_create_page_control(m_ld.get(), request.pageSize, cookie, 0, &pageRaw);
                if (rc != LDAP_SUCCESS) {
                    freeCookie();
                    return ldapError(rc, m_ld.get(), "paged results control");
                }
            }
            ControlPtr page(pageRaw);
            LDAPControl* serverControls[] = {page.get(), nullptr};
            LDAPMessage* raw = nullptr;
            const int rc = ldap_search_ext_s(m_ld.get(), request.base.c_str(), scope, filter.c_str(), attrs.data(), 0,
                                             page ? serverControls : nullptr, nullptr, &tv, 0, &raw);
            MessagePtr result(raw);
            freeCookie();
            if (rc != LDAP_SUCCESS && rc != LDAP_SIZELIMIT_EXCEEDED)
                return ldapError(rc, m_ld.get(), "search " + request.base);

            for (LDAPMessage* msg = ldap_first_message(m_ld.get(), result.get()); msg && !stopped;
                 msg = ldap_next_message(m_ld.get(), msg)) {
                const int type = ldap_msgtype(msg);
                if (type == LDAP_RES_SEARCH_REFERENCE)
                    continue;  // another partition (e.g. Configuration): not followed
                if (type == LDAP_RES_SEARCH_ENTRY) {
                    ++delivered;
                    if (!sink(readEntry(msg)))
                        stopped = true;
                } else if (type == LDAP_RES_SEARCH_RESULT && request.pageSize > 0) {
                    LDAPControl** ctrlsRaw = nullptr;
                    int err = LDAP_SUCCESS;
                    if (ldap_parse_result(m_ld.get(), msg, &err, nullptr, nullptr, nullptr, &ctrlsRaw, 0) !=
                        LDAP_SUCCESS)
                        return ldapError(err, m_ld.get(), "search result");
                    ControlsPtr ctrls(ctrlsRaw);
                    if (LDAPControl* resp = ldap_control_find(LDAP_CONTROL_PAGEDRESULTS, ctrls.get(), nullptr)) {
                        ber_int_t estimate = 0;
                        berval next{0, nullptr};
                        if (ldap_parse_pageresponse_control(m_ld.get(), resp, &estimate, &next) == LDAP_SUCCESS &&
                            next.bv_len > 0)
                            cookie = ber_bvdup(&next);
                        if (next.bv_val)
                            ber_memfree(next.bv_val);
                    }
                }
            }
        } while (cookie && !stopped);
        freeCookie();
        return delivered;
    }

    Result<void> modify(const std::string& dn, const std::vector<Modification>& changes) override
    {
        ModList mods(changes);
        if (auto wait = armCall("modify " + dn); !wait)
            return std::unexpected(wait.error());
        const int rc = ldap_modify_ext_s(m_ld.get(), dn.c_str(), mods.get(), nullptr, nullptr);
        if (rc != LDAP_SUCCESS)
            return ldapError(rc, m_ld.get(), "modify " + dn);
        return {};
    }

    Result<void> addEntry(const Entry& entry) override
    {
        std::vector<Modification> attributes;
        for (const auto& [name, values] : entry.attributes)
            attributes.push_back({ModificationOp::Add, name, values});
        ModList mods(attributes);
        if (auto wait = armCall("add " + entry.dn); !wait)
            return std::unexpected(wait.error());
        const int rc = ldap_add_ext_s(m_ld.get(), entry.dn.c_str(), mods.get(), nullptr, nullptr);
        if (rc != LDAP_SUCCESS)
            return ldapError(rc, m_ld.get(), "add " + entry.dn);
        return {};
    }

    Result<void> deleteEntry(const std::string& dn) override
    {
        if (auto wait = armCall("delete " + dn); !wait)
            return std::unexpected(wait.error());
        const int rc = ldap_delete_ext_s(m_ld.get(), dn.c_str(), nullptr, nullptr);
        if (rc != LDAP_SUCCESS)
            return ldapError(rc, m_ld.get(), "delete " + dn);
        return {};
    }

    std::string describe() const override
    {
        std::string out = m_options.uri;
        if (m_tls)
            out += m_options.verifyServer ? " (TLS, server certificate verified)"
                                          : " (TLS, server certificate NOT VERIFIED: verification switched off)";
        else if (m_options.bind == BindMethod::SaslGssapi)
            out += " (Kerberos SASL sealing)";
        out += m_options.bind == BindMethod::SaslGssapi ? ", Kerberos (GSSAPI)"
               : m_options.bindDn.empty()               ? ", anonymous"
                                                        : ", simple bind as " + m_options.bindDn;
        return out;
    }

private:
    // Bounds the next call by its own timeout or the operation's deadline, whichever is nearer: the
    // result wait (LDAP_OPT_TIMEOUT) and every read and write on the socket.
    Result<timeval> armCall(const std::string& what)
    {
        auto wait = allowance(std::chrono::duration_cast<std::chrono::milliseconds>(m_options.timeout), what);
        if (!wait)
            return std::unexpected(wait.error());
        timeval tv{static_cast<time_t>(wait->count() / 1000), static_cast<suseconds_t>((wait->count() % 1000) * 1000)};
        ldap_set_option(m_ld.get(), LDAP_OPT_TIMEOUT, &tv);
        if (const int fd = m_timeouts->fd.load(); fd >= 0) {
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        }
        return tv;
    }

    Entry readEntry(LDAPMessage* msg)
    {
        Entry e;
        if (char* dn = ldap_get_dn(m_ld.get(), msg)) {
            e.dn = dn;
            ldap_memfree(dn);
        }
        BerElement* ber = nullptr;
        for (char* attr = ldap_first_attribute(m_ld.get(), msg, &ber); attr;
             attr = ldap_next_attribute(m_ld.get(), msg, ber)) {
            std::string name(attr);
            if (const auto semi = name.find(';'); semi != std::string::npos)
                name.resize(semi);  // ";binary", ";range=..."
            if (berval** vals = ldap_get_values_len(m_ld.get(), msg, attr)) {
                auto& out = e.attributes[name];
                for (int i = 0; vals[i]; ++i)
                    out.emplace_back(vals[i]->bv_val, vals[i]->bv_len);
                ldap_value_free_len(vals);
            }
            ldap_memfree(attr);
        }
        if (ber)
            ber_free(ber, 0);
        return e;
    }

    std::unique_ptr<SocketTimeouts> m_timeouts;  // must outlive the handle (declared first, destroyed last)
    LdapPtr m_ld;
    LdapOptions m_options;
    bool m_tls = false;
};

// libldap reports a failed TLS handshake on ldaps:// as "can't contact LDAP server". If a plain TCP
// connection to the same host and port works, the server is there and TLS is what failed.
bool tcpReachable(const std::string& uri, std::chrono::seconds timeout)
{
    LDAPURLDesc* url = nullptr;
    if (ldap_url_parse(uri.c_str(), &url) != LDAP_URL_SUCCESS || !url)
        return false;
    const std::string host = url->lud_host ? url->lud_host : "localhost";
    const auto port = static_cast<std::uint16_t>(url->lud_port ? url->lud_port : 636);
    ldap_free_urldesc(url);
    return net::connectTcp(host, port, net::Clock::now() + timeout, {}).has_value();
}

int saslInteract(LDAP*, unsigned, void*, void*)
{
    return LDAP_SUCCESS;  // GSSAPI takes everything from the Kerberos ticket: nothing to answer
}

}  // namespace

Result<std::unique_ptr<Directory>> connectLdap(const LdapOptions& requested)
{
    // Connecting and binding get what is left of the whole operation, in whole seconds (libldap's
    // unit), at least one.
    LdapOptions options = requested;
    if (options.deadline) {
        const auto left = std::chrono::ceil<std::chrono::seconds>(*options.deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return fail(ErrorCode::DirectoryTimeout,
                        "connect " + options.uri + ": the operation's time (--timeout) is used up");
        options.timeout = std::min(options.timeout, left);
    }
    if (!text::startsWithIgnoreCase(options.uri, "ldap://") && !isLdaps(options.uri))
        return fail(ErrorCode::InvalidArgument, "the URI must start with ldap:// or ldaps://: " + options.uri);
    const bool kerberos = options.bind == BindMethod::SaslGssapi;
    // Kerberos on ldap:// protects the connection with SASL sealing (as Windows does on port 389);
    // DCs refuse SASL sign/seal inside TLS, so no StartTLS then.
    const bool tls = isLdaps(options.uri) || (options.startTls && !kerberos);
    if (options.bind == BindMethod::Simple && !options.bindDn.empty() && !tls)
        return fail(ErrorCode::CleartextBindRefused, options.uri);
    if (options.bind == BindMethod::Simple && !options.bindDn.empty() &&
        (!options.password || options.password->empty()))
        return fail(ErrorCode::EmptyPasswordRefused, options.bindDn);

    // Declared before the handle: the handle refers to it until it is unbound.
    auto timeouts = std::make_unique<SocketTimeouts>();
    timeouts->timeout = timeval{static_cast<time_t>(options.timeout.count()), 0};
    timeouts->callback.lc_add = onConnect;
    timeouts->callback.lc_del = onDisconnect;
    timeouts->callback.lc_arg = timeouts.get();

    LDAP* raw = nullptr;
    int rc = ldap_initialize(&raw, options.uri.c_str());
    LdapPtr ld(raw);
    if (rc != LDAP_SUCCESS)
        return ldapError(rc, nullptr, "LDAP URI " + options.uri);

    const int version = LDAP_VERSION3;
    ldap_set_option(ld.get(), LDAP_OPT_PROTOCOL_VERSION, &version);
    ldap_set_option(ld.get(), LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
    timeval tv{static_cast<time_t>(options.timeout.count()), 0};
    ldap_set_option(ld.get(), LDAP_OPT_NETWORK_TIMEOUT, &tv);
    ldap_set_option(ld.get(), LDAP_OPT_TIMEOUT, &tv);
    const int timeLimit = static_cast<int>(options.timeout.count());
    ldap_set_option(ld.get(), LDAP_OPT_TIMELIMIT, &timeLimit);
    ldap_set_option(ld.get(), LDAP_OPT_CONNECT_CB, &timeouts->callback);
    ConnectWatchdog watchdog(*timeouts, options.timeout);
    const auto timedOut = [&](std::unexpected<Error> e) {
        if (watchdog.fired()) {
            e.error().code = ErrorCode::DirectoryTimeout;
            e.error().detail += " (no answer within " + std::to_string(options.timeout.count()) + " s)";
        }
        return e;
    };

    if (tls) {
        const int require = options.verifyServer ? LDAP_OPT_X_TLS_DEMAND : LDAP_OPT_X_TLS_NEVER;
        ldap_set_option(ld.get(), LDAP_OPT_X_TLS_REQUIRE_CERT, &require);
        if (!options.caFile.empty())
            ldap_set_option(ld.get(), LDAP_OPT_X_TLS_CACERTFILE, options.caFile.c_str());
        const int newCtx = 0;
        rc = ldap_set_option(ld.get(), LDAP_OPT_X_TLS_NEWCTX, &newCtx);
        if (rc != LDAP_OPT_SUCCESS)
            return fail(ErrorCode::TlsFailure, "cannot set up TLS (CA file " + options.caFile + ")");
        if (!options.verifyServer)
            log()->warn("TLS server certificate verification is OFF for {}", options.uri);
        if (!isLdaps(options.uri)) {
            rc = ldap_start_tls_s(ld.get(), nullptr, nullptr);
            if (rc != LDAP_SUCCESS) {
                auto e = ldapError(rc, ld.get(), "StartTLS");
                if (rc == LDAP_CONNECT_ERROR)
                    e.error().code = ErrorCode::TlsFailure;
                return timedOut(std::move(e));
            }
        }
    }

    if (kerberos) {
        // Service principal from the host as written (ldap/<host>), no reverse-DNS guessing.
        ldap_set_option(ld.get(), LDAP_OPT_X_SASL_NOCANON, LDAP_OPT_ON);
        // Without TLS require sealing (encryption); inside TLS the security layer must be off.
        const char* secprops = tls ? "maxssf=0" : "minssf=56";
        ldap_set_option(ld.get(), LDAP_OPT_X_SASL_SECPROPS, secprops);
        rc = ldap_sasl_interactive_bind_s(ld.get(), nullptr, "GSSAPI", nullptr, nullptr, LDAP_SASL_QUIET, saslInteract,
                                          nullptr);
        if (rc != LDAP_SUCCESS) {
            auto e = ldapError(rc, ld.get(), "Kerberos (GSSAPI) bind");
            if (rc == LDAP_LOCAL_ERROR || rc == LDAP_AUTH_UNKNOWN)
                e.error().code = ErrorCode::AuthenticationFailed;
            return timedOut(std::move(e));
        }
    } else {
        berval cred{0, nullptr};
        if (options.password)
            cred =
                berval{static_cast<ber_len_t>(options.password->size()), const_cast<char*>(options.password->c_str())};
        rc = ldap_sasl_bind_s(ld.get(), options.bindDn.c_str(), LDAP_SASL_SIMPLE, &cred, nullptr, nullptr, nullptr);
        if (rc != LDAP_SUCCESS) {
            auto e = ldapError(rc, ld.get(), "bind");
            if (watchdog.fired())
                return timedOut(std::move(e));
            if (rc == LDAP_SERVER_DOWN && isLdaps(options.uri) && tcpReachable(options.uri, options.timeout)) {
                e.error().code = ErrorCode::TlsFailure;
                e.error().detail += " (the server accepts TCP connections: the TLS handshake failed)";
            }
            return e;
        }
    }
    watchdog.disarm();
    if (watchdog.fired())
        return fail(ErrorCode::DirectoryTimeout, options.uri);
    log()->info("connected to {}", options.uri);
    auto directory = std::unique_ptr<Directory>(new LdapDirectory(std::move(ld), requested, tls, std::move(timeouts)));
    directory->setDeadline(requested.deadline);
    return directory;
}

}  // namespace eascert::directory
