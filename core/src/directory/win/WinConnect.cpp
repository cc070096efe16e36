// The front ends' directory connection on Windows: LdapOptions onto the wldap32 backend.
// Windows only; checked by the conformance suite under Wine.

#include "eascert/directory/LdapDirectory.h"
#include "eascert/directory/WinLdapDirectory.h"

namespace eascert::directory {

Result<std::unique_ptr<Directory>> connectDirectory(const LdapOptions& options)
{
    if (!options.caFile.empty())
        return fail(ErrorCode::InvalidArgument,
                    "a CA file is not used on Windows: the domain controller's certificate is checked against "
                    "the Windows certificate stores. Import the CA into Trusted Root Certification Authorities "
                    "(certlm.msc) instead.");
    WinLdapOptions w;
    w.uri = options.uri;
    w.startTls = options.startTls;
    w.verifyServer = options.verifyServer;
    w.timeout = options.timeout;
    w.deadline = options.deadline;
    if (options.bind == BindMethod::SaslGssapi) {
        w.bind = WinBind::Negotiate;  // the current logon: no name, no password
    } else if (!options.bindDn.empty() && options.bindDn.find('=') == std::string::npos) {
        // DOMAIN\user or user@domain, not a DN: Negotiate with these credentials (signed and sealed,
        // also on ldap://), as ldp.exe's "Bind with credentials" does.
        if (!options.password || options.password->view().empty())
            return fail(ErrorCode::InvalidArgument, "a Negotiate bind as " + options.bindDn +
                                                        " needs its password (an empty one would not "
                                                        "authenticate): give --password-file or --password-env");
        w.bind = WinBind::Negotiate;
        w.password = options.password;
        if (const auto slash = options.bindDn.find('\\'); slash != std::string::npos) {
            w.domain = options.bindDn.substr(0, slash);
            w.user = options.bindDn.substr(slash + 1);
        } else {
            w.user = options.bindDn;  // user@domain: the domain is in the name
        }
    } else {
        w.bind = WinBind::Simple;
        w.user = options.bindDn;
        w.password = options.password;
    }
    return connectWinLdap(w);
}

}  // namespace eascert::directory
