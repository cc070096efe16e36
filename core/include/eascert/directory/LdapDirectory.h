#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "eascert/directory/Directory.h"
#include "eascert/support/Secret.h"

namespace eascert::directory {

enum class BindMethod
{
    Simple,      // bind DN + password; only over TLS (LDAPS or StartTLS)
    SaslGssapi,  // Kerberos with the caller's ticket (kinit); on ldap:// sealed by SASL (no StartTLS)
};

struct LdapOptions
{
    std::string uri;           // ldaps://dc1.contoso.com or ldap://dc1 (StartTLS is then used)
    bool startTls = true;      // for ldap:// URIs
    std::string caFile;        // CA certificates that verify the server; empty: the system store
    bool verifyServer = true;  // false only on explicit request: the report says so loudly
    BindMethod bind = BindMethod::Simple;
    std::string bindDn;
    const Secret* password = nullptr;
    std::chrono::seconds timeout{15};  // per operation, and for connecting
    // The whole operation (connecting included) ends by then: Directory::setDeadline.
    std::optional<std::chrono::steady_clock::time_point> deadline;
};

// The OpenLDAP (libldap) backend (not in Windows builds).
Result<std::unique_ptr<Directory>> connectLdap(const LdapOptions& options);

// This platform's LDAP backend, as the front ends use it: OpenLDAP on Linux; on Windows wldap32,
// where SaslGssapi is Negotiate with the current logon (signed and sealed) and the server is
// verified against the Windows certificate stores (a caFile is refused there, with the fix).
Result<std::unique_ptr<Directory>> connectDirectory(const LdapOptions& options);
// A domain controller as admins type it, completed as ADUC reads it: a bare name ("dc1",
// "dc1.contoso.com:636") is ldaps://; anything with a scheme is returned as typed.
std::string completeLdapUri(std::string_view text);

}  // namespace eascert::directory
