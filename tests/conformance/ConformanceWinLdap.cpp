// The conformance suite on the wldap32 backend (a MinGW build run under Wine). The admin binds with
// Negotiate (signed and sealed on ldap://) and explicit credentials (Wine has no logon session to
// use); the limited account with a simple bind over LDAPS, through connectDirectory.
#define CATCH_CONFIG_MAIN
#include "CatchCompat.h"

#include "Conformance.h"
#include "eascert/directory/LdapDirectory.h"
#include "eascert/directory/WinLdapDirectory.h"

namespace conformance {

namespace {

std::string host()
{
    std::string uri = env("EASCERT_DC_URI");  // ldaps://127.0.0.1
    return uri.substr(uri.find("://") + 3);
}

// Through connectDirectory, as the front ends connect: LdapOptions mapped onto wldap32.
eascert::Result<std::unique_ptr<eascert::directory::Directory>>
simple(const std::string& uri, const std::string& dn, const std::string& password, bool startTls = false)
{
    eascert::Secret secret{std::string(password)};
    eascert::directory::LdapOptions o;
    o.uri = uri;
    o.bind = eascert::directory::BindMethod::Simple;
    o.startTls = startTls;
    o.bindDn = dn;
    o.password = &secret;
    return eascert::directory::connectDirectory(o);
}

}  // namespace

eascert::Result<std::unique_ptr<eascert::directory::Directory>> connectAdmin()
{
    eascert::Secret secret{adminPassword()};
    eascert::directory::WinLdapOptions o;
    o.uri = "ldap://" + host();
    o.bind = eascert::directory::WinBind::Negotiate;
    o.user = "Administrator";
    o.domain = "CONTOSO";
    o.password = &secret;
    return eascert::directory::connectWinLdap(o);
}

eascert::Result<std::unique_ptr<eascert::directory::Directory>> connectSimple(const std::string& dn,
                                                                              const std::string& password)
{
    return simple("ldaps://" + host(), dn, password);
}

eascert::Result<std::unique_ptr<eascert::directory::Directory>> connectStartTls(const std::string& dn,
                                                                                const std::string& password)
{
    return simple("ldap://" + host(), dn, password, true);
}

eascert::Result<std::unique_ptr<eascert::directory::Directory>> connectCleartext(const std::string& dn,
                                                                                 const std::string& password)
{
    return simple("ldap://" + host(), dn, password);  // must be refused before anything is sent
}

}  // namespace conformance
