#pragma once

// Windows only: the wldap32 backend. Depends on std and Win32 alone (no Qt, no OpenSSL), so it is
// cross-compiled with MinGW and tested under Wine against the Samba AD DC (tests/windows).

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "eascert/directory/Directory.h"
#include "eascert/support/Secret.h"

namespace eascert::directory {

enum class WinBind
{
    Negotiate,  // Kerberos or NTLM with signing and sealing: the logged-on user, or the account below
    Simple,     // bind DN + password; only over LDAPS
};

struct WinLdapOptions
{
    std::string uri;  // ldaps://dc1.contoso.com[:636] or ldap://dc1 (Negotiate only)
    WinBind bind = WinBind::Negotiate;
    std::string user;    // Negotiate: empty = the current logon; else "user" (with domain)
    std::string domain;  //   or Simple: the bind DN in user
    const Secret* password = nullptr;
    bool startTls = true;      // ldap:// with a simple bind: StartTLS first (Negotiate seals instead)
    bool verifyServer = true;  // false: accept any server certificate (reported by describe())
    std::chrono::seconds timeout{15};
    std::optional<std::chrono::steady_clock::time_point> deadline;  // the whole operation (LdapOptions)
};

Result<std::unique_ptr<Directory>> connectWinLdap(const WinLdapOptions& options);

}  // namespace eascert::directory
