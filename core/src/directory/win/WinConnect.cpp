// The front ends' directory connection on Windows: LdapOptions onto the wldap32 backend.
// Windows only (std + Win32); built by tests/windows and checked by the conformance suite.

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
    if (options.bind == BindMethod::SaslGssapi) {
        w.bind = WinBind::Negotiate;  // the current logon: no name, no password
    } else {
        w.bind = WinBind::Simple;
        w.user = options.bindDn;
        w.password = options.password;
    }
    return connectWinLdap(w);
}

} // namespace eascert::directory
