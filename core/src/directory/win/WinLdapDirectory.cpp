// The wldap32 backend (Windows only: std + Win32). The same Directory behaviour as the OpenLDAP
// backend: paged searches that skip references, atomic modifies, timeouts on every operation, and
// errors mapped to the same codes.

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#define SECURITY_WIN32
#include <rpc.h>

#include <winldap.h>  // before winber.h, which uses its types (BerElement, BERVAL)

#include <winber.h>

#include <string_view>
#include <vector>

#include "eascert/directory/LdapResult.h"
#include "eascert/directory/WinLdapDirectory.h"
#include "eascert/support/Text.h"
#include "eascert/support/win/WideText.h"

namespace eascert::directory {

namespace {

using win::narrow;
using win::wide;

std::unexpected<Error> winLdapError(ULONG rc, LDAP* ld, std::string_view what)
{
    std::string detail = std::string(what) + ": " + narrow(ldap_err2stringW(rc)) + " (" + std::to_string(rc) + ")";
    wchar_t* server = nullptr;
    if (ld && ldap_get_optionW(ld, LDAP_OPT_SERVER_ERROR, &server) == LDAP_SUCCESS && server) {
        if (*server)
            detail += ": " + narrow(server);
        ldap_memfreeW(server);
    }
    ErrorCode code = errorForLdapResult(static_cast<int>(rc));  // the server's result codes
    switch (rc) {                                               // wldap32's client-side codes
    case LDAP_SERVER_DOWN:
    case LDAP_CONNECT_ERROR: code = ErrorCode::DirectoryUnavailable; break;
    case LDAP_TIMEOUT: code = ErrorCode::DirectoryTimeout; break;
    case LDAP_USER_CANCELLED: code = ErrorCode::Cancelled; break;
    default: break;
    }
    return std::unexpected(Error{code, detail});
}

// "ldaps://host:port" -> host, port, TLS.
struct Target
{
    std::string host;
    ULONG port = 636;
    bool tls = true;
};

Result<Target> parseUri(const std::string& uri)
{
    Target t;
    std::string_view rest;
    if (text::startsWithIgnoreCase(uri, "ldaps://")) {
        rest = std::string_view(uri).substr(8);
    } else if (text::startsWithIgnoreCase(uri, "ldap://")) {
        rest = std::string_view(uri).substr(7);
        t.tls = false;
        t.port = 389;
    } else {
        return fail(ErrorCode::InvalidArgument, "the URI must start with ldap:// or ldaps://: " + uri);
    }
    if (const auto slash = rest.find('/'); slash != std::string_view::npos)
        rest = rest.substr(0, slash);
    if (const auto colon = rest.rfind(':');
        colon != std::string_view::npos && rest.find(']') == std::string_view::npos) {
        t.port = static_cast<ULONG>(std::stoul(std::string(rest.substr(colon + 1))));
        rest = rest.substr(0, colon);
    }
    t.host = std::string(rest);
    if (t.host.empty())
        return fail(ErrorCode::InvalidArgument, "no host in " + uri);
    return t;
}

BOOLEAN LDAPAPI acceptAnyServerCertificate(PLDAP, PCCERT_CONTEXT)
{
    return TRUE;  // only when the admin switched verification off (describe() says so)
}

struct LdapDeleter
{
    void operator()(LDAP* ld) const { ldap_unbind(ld); }
};
using LdapPtr = std::unique_ptr<LDAP, LdapDeleter>;

struct MessageDeleter
{
    void operator()(LDAPMessage* m) const { ldap_msgfree(m); }
};
using MessagePtr = std::unique_ptr<LDAPMessage, MessageDeleter>;

// Modifications as the NULL-terminated LDAPModW array wldap32 takes (values as binary bervals),
// valid while the modifications live.
class ModList
{
public:
    explicit ModList(const std::vector<Modification>& changes)
        : m_values(changes.size()), m_valuePtrs(changes.size()), m_mods(changes.size())
    {
        m_names.reserve(changes.size());
        for (std::size_t i = 0; i < changes.size(); ++i) {
            const auto& c = changes[i];
            m_names.push_back(wide(c.attribute));
            for (const auto& v : c.values)
                m_values[i].push_back(berval{static_cast<ULONG>(v.size()), const_cast<char*>(v.data())});
            for (auto& bv : m_values[i])
                m_valuePtrs[i].push_back(&bv);
            m_valuePtrs[i].push_back(nullptr);
            const ULONG op = c.op == ModificationOp::Add      ? LDAP_MOD_ADD
                             : c.op == ModificationOp::Delete ? LDAP_MOD_DELETE
                                                              : LDAP_MOD_REPLACE;
            m_mods[i].mod_op = op | LDAP_MOD_BVALUES;
            m_mods[i].mod_type = m_names.back().data();
            m_mods[i].mod_vals.modv_bvals = c.values.empty() ? nullptr : m_valuePtrs[i].data();
            m_modPtrs.push_back(&m_mods[i]);
        }
        m_modPtrs.push_back(nullptr);
    }
    LDAPModW** get() { return m_modPtrs.data(); }

private:
    std::vector<std::wstring> m_names;
    std::vector<std::vector<berval>> m_values;
    std::vector<std::vector<berval*>> m_valuePtrs;
    std::vector<LDAPModW> m_mods;
    std::vector<LDAPModW*> m_modPtrs;
};

class WinLdapDirectory : public Directory
{
public:
    WinLdapDirectory(LdapPtr ld, WinLdapOptions options, bool tls)
        : m_ld(std::move(ld)), m_options(std::move(options)), m_tls(tls)
    {
        m_options.password = nullptr;  // used for the bind only; never kept
    }

    Result<RootDse> rootDse() override { return readRootDse(*this); }

    Result<std::size_t> search(const SearchRequest& request, const EntrySink& sink, std::stop_token stop) override
    {
        std::wstring base = wide(request.base);
        std::wstring filter = wide(request.filter.toLdap());
        std::vector<std::wstring> attrStore;
        for (const auto& a : request.attributes)
            attrStore.push_back(wide(a));
        std::vector<PWCHAR> attrs;
        for (auto& a : attrStore)
            attrs.push_back(a.data());
        attrs.push_back(nullptr);
        const ULONG scope = request.scope == Scope::Base       ? LDAP_SCOPE_BASE
                            : request.scope == Scope::OneLevel ? LDAP_SCOPE_ONELEVEL
                                                               : LDAP_SCOPE_SUBTREE;
        auto wait = allowance(std::chrono::duration_cast<std::chrono::milliseconds>(m_options.timeout),
                              "search " + request.base);
        if (!wait)
            return std::unexpected(wait.error());
        l_timeval tv{static_cast<LONG>(wait->count() / 1000), static_cast<LONG>((wait->count() % 1000) * 1000)};
        berval* cookie = nullptr;
        const auto freeCookie = [&] {
            if (cookie)
                ber_bvfree(cookie);
            cookie = nullptr;
        };
        std::size_t delivered = 0;
        bool stopped = false;
        do {
            if (stop.stop_requested()) {
                freeCookie();
                return fail(ErrorCode::Cancelled);
            }
            PLDAPControlW page = nullptr;
            if (request.pageSize > 0) {
                const ULONG rc =
                    ldap_create_page_controlW(m_ld.get(), static_cast<ULONG>(request.pageSize), cookie, FALSE, &page);
                if (rc != LDAP_SUCCESS) {
                    freeCookie();
                    return winLdapError(rc, m_ld.get(), "paged results control");
                }
            }
            PLDAPControlW serverControls[] = {page, nullptr};
            LDAPMessage* raw = nullptr;
            const ULONG rc = ldap_search_ext_sW(m_ld.get(), base.data(), scope, filter.data(), attrs.data(), 0,
                                                page ? serverControls : nullptr, nullptr, &tv, 0, &raw);
            MessagePtr result(raw);
            if (page)
                ldap_control_freeW(page);
            freeCookie();
            if (rc != LDAP_SUCCESS && rc != LDAP_SIZELIMIT_EXCEEDED)
                return winLdapError(rc, m_ld.get(), "search " + request.base);
            // ldap_first_entry skips search references (other partitions): they are not followed.
            for (LDAPMessage* e = ldap_first_entry(m_ld.get(), result.get()); e && !stopped;
                 e = ldap_next_entry(m_ld.get(), e)) {
                ++delivered;
                if (!sink(readEntry(e)))
                    stopped = true;
            }
            if (request.pageSize > 0 && !stopped) {
                ULONG err = LDAP_SUCCESS;
                PLDAPControlW* controls = nullptr;
                if (ldap_parse_resultW(m_ld.get(), result.get(), &err, nullptr, nullptr, nullptr, &controls, FALSE) ==
                        LDAP_SUCCESS &&
                    controls) {
                    ULONG estimate = 0;
                    berval* next = nullptr;
                    if (ldap_parse_page_controlW(m_ld.get(), controls, &estimate, &next) == LDAP_SUCCESS && next) {
                        if (next->bv_len > 0)
                            cookie = next;
                        else
                            ber_bvfree(next);
                    }
                    ldap_controls_freeW(controls);
                }
            }
        } while (cookie && !stopped);
        freeCookie();
        return delivered;
    }

    Result<void> modify(const std::string& dn, const std::vector<Modification>& changes) override
    {
        ModList mods(changes);
        std::wstring wdn = wide(dn);
        if (auto wait =
                allowance(std::chrono::duration_cast<std::chrono::milliseconds>(m_options.timeout), "modify " + dn);
            !wait)
            return std::unexpected(wait.error());
        const ULONG rc = ldap_modify_ext_sW(m_ld.get(), wdn.data(), mods.get(), nullptr, nullptr);
        if (rc != LDAP_SUCCESS)
            return winLdapError(rc, m_ld.get(), "modify " + dn);
        return {};
    }

    Result<void> addEntry(const Entry& entry) override
    {
        std::vector<Modification> attributes;
        for (const auto& [name, values] : entry.attributes)
            attributes.push_back({ModificationOp::Add, name, values});
        ModList mods(attributes);
        std::wstring wdn = wide(entry.dn);
        if (auto wait =
                allowance(std::chrono::duration_cast<std::chrono::milliseconds>(m_options.timeout), "add " + entry.dn);
            !wait)
            return std::unexpected(wait.error());
        const ULONG rc = ldap_add_ext_sW(m_ld.get(), wdn.data(), mods.get(), nullptr, nullptr);
        if (rc != LDAP_SUCCESS)
            return winLdapError(rc, m_ld.get(), "add " + entry.dn);
        return {};
    }

    Result<void> deleteEntry(const std::string& dn) override
    {
        std::wstring wdn = wide(dn);
        if (auto wait =
                allowance(std::chrono::duration_cast<std::chrono::milliseconds>(m_options.timeout), "delete " + dn);
            !wait)
            return std::unexpected(wait.error());
        const ULONG rc = ldap_delete_ext_sW(m_ld.get(), wdn.data(), nullptr, nullptr);
        if (rc != LDAP_SUCCESS)
            return winLdapError(rc, m_ld.get(), "delete " + dn);
        return {};
    }

    std::string describe() const override
    {
        std::string out = m_options.uri + " (wldap32";
        if (m_tls)
            out += m_options.verifyServer ? ", TLS, server certificate verified by Windows"
                                          : ", TLS, server certificate NOT VERIFIED: verification switched off";
        out += ")";
        if (m_options.bind == WinBind::Negotiate)
            out += m_options.user.empty()
                       ? ", Negotiate as the logged-on user (signed and sealed)"
                       : ", Negotiate as " + (m_options.domain.empty() ? "" : m_options.domain + "\\") +
                             m_options.user + " (signed and sealed)";
        else
            out += ", simple bind as " + m_options.user;
        return out;
    }

private:
    Entry readEntry(LDAPMessage* msg)
    {
        Entry e;
        if (wchar_t* dn = ldap_get_dnW(m_ld.get(), msg)) {
            e.dn = narrow(dn);
            ldap_memfreeW(dn);
        }
        BerElement* ber = nullptr;
        for (wchar_t* attr = ldap_first_attributeW(m_ld.get(), msg, &ber); attr;
             attr = ldap_next_attributeW(m_ld.get(), msg, ber)) {
            std::string name = narrow(attr);
            if (const auto semi = name.find(';'); semi != std::string::npos)
                name.resize(semi);  // ";binary", ";range=..."
            if (berval** vals = ldap_get_values_lenW(m_ld.get(), msg, attr)) {
                auto& out = e.attributes[name];
                for (int i = 0; vals[i]; ++i)
                    out.emplace_back(vals[i]->bv_val, vals[i]->bv_len);
                ldap_value_free_len(vals);
            }
            ldap_memfreeW(attr);
        }
        if (ber)
            ber_free(ber, 0);
        return e;
    }

    LdapPtr m_ld;
    WinLdapOptions m_options;
    bool m_tls = false;
};

}  // namespace

Result<std::unique_ptr<Directory>> connectWinLdap(const WinLdapOptions& requested)
{
    WinLdapOptions options = requested;  // connecting gets what is left of the whole operation
    if (options.deadline) {
        const auto left = std::chrono::ceil<std::chrono::seconds>(*options.deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return fail(ErrorCode::DirectoryTimeout,
                        "connect " + options.uri + ": the operation's time (--timeout) is used up");
        options.timeout = std::min(options.timeout, left);
    }
    auto target = parseUri(options.uri);
    if (!target)
        return std::unexpected(target.error());
    // A password never travels in clear: a simple bind on ldap:// needs StartTLS first.
    const bool startTls = options.bind == WinBind::Simple && !target->tls;
    if (startTls && !options.startTls)
        return fail(ErrorCode::CleartextBindRefused, options.uri);
    // A name with an empty password is an unauthenticated bind (RFC 4513 5.1.2): it proves nothing.
    if (!options.user.empty() && (!options.password || options.password->empty()))
        return fail(ErrorCode::EmptyPasswordRefused, options.user);

    std::wstring host = wide(target->host);
    LdapPtr ld(target->tls ? ldap_sslinitW(host.data(), target->port, 1) : ldap_initW(host.data(), target->port));
    if (!ld)
        return winLdapError(LdapGetLastError(), nullptr, "connect " + options.uri);
    ULONG version = LDAP_VERSION3;
    ldap_set_optionW(ld.get(), LDAP_OPT_PROTOCOL_VERSION, &version);
    ldap_set_optionW(ld.get(), LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
    ULONG timeLimit = static_cast<ULONG>(options.timeout.count());
    ldap_set_optionW(ld.get(), LDAP_OPT_TIMELIMIT, &timeLimit);
    ULONG timeoutMs =
        static_cast<ULONG>(std::chrono::duration_cast<std::chrono::milliseconds>(options.timeout).count());
    ldap_set_optionW(ld.get(), LDAP_OPT_PING_LIMIT, &timeoutMs);
    if ((target->tls || startTls) && !options.verifyServer)
        ldap_set_optionW(ld.get(), LDAP_OPT_SERVER_CERTIFICATE, reinterpret_cast<void*>(&acceptAnyServerCertificate));
    if (options.bind == WinBind::Negotiate && !target->tls) {
        ldap_set_optionW(ld.get(), LDAP_OPT_SIGN, LDAP_OPT_ON);
        ldap_set_optionW(ld.get(), LDAP_OPT_ENCRYPT, LDAP_OPT_ON);
    }
    l_timeval connectTimeout{static_cast<LONG>(options.timeout.count()), 0};
    if (const ULONG rc = ldap_connect(ld.get(), &connectTimeout); rc != LDAP_SUCCESS)
        return winLdapError(rc, ld.get(), "connect " + options.uri);
    if (startTls) {
        ULONG serverResult = LDAP_SUCCESS;
        if (const ULONG rc = ldap_start_tls_sW(ld.get(), &serverResult, nullptr, nullptr, nullptr);
            rc != LDAP_SUCCESS) {
            auto e = winLdapError(rc, ld.get(), "StartTLS with " + options.uri);
            if (e.error().code == ErrorCode::DirectoryError || e.error().code == ErrorCode::DirectoryUnavailable)
                e.error().code = ErrorCode::TlsFailure;
            return e;
        }
    }

    ULONG rc = LDAP_SUCCESS;
    if (options.bind == WinBind::Simple) {
        std::wstring dn = wide(options.user);
        std::wstring pw = options.password ? wide(options.password->view()) : std::wstring();
        rc = ldap_simple_bind_sW(ld.get(), dn.data(), pw.data());
        SecureZeroMemory(pw.data(), pw.size() * sizeof(wchar_t));
    } else if (options.user.empty()) {
        rc = ldap_bind_sW(ld.get(), nullptr, nullptr, LDAP_AUTH_NEGOTIATE);  // the current logon
    } else {
        std::wstring user = wide(options.user);
        std::wstring domain = wide(options.domain);
        std::wstring pw = options.password ? wide(options.password->view()) : std::wstring();
        SEC_WINNT_AUTH_IDENTITY_W identity{};
        identity.User = reinterpret_cast<unsigned short*>(user.data());
        identity.UserLength = static_cast<unsigned long>(user.size());
        identity.Domain = reinterpret_cast<unsigned short*>(domain.data());
        identity.DomainLength = static_cast<unsigned long>(domain.size());
        identity.Password = reinterpret_cast<unsigned short*>(pw.data());
        identity.PasswordLength = static_cast<unsigned long>(pw.size());
        identity.Flags = SEC_WINNT_AUTH_IDENTITY_UNICODE;
        rc = ldap_bind_sW(ld.get(), nullptr, reinterpret_cast<PWCHAR>(&identity), LDAP_AUTH_NEGOTIATE);
        SecureZeroMemory(pw.data(), pw.size() * sizeof(wchar_t));
    }
    if (rc != LDAP_SUCCESS)
        return winLdapError(rc, ld.get(), "bind to " + options.uri);
    auto directory = std::unique_ptr<Directory>(
        std::make_unique<WinLdapDirectory>(std::move(ld), requested, target->tls || startTls));
    directory->setDeadline(requested.deadline);
    return directory;
}

}  // namespace eascert::directory
