// The conformance suite on the OpenLDAP backend (Linux).
#define CATCH_CONFIG_MAIN
#include "CatchCompat.h"

#include "Conformance.h"
#include "eascert/directory/LdapDirectory.h"

namespace conformance {

namespace {

eascert::Result<std::unique_ptr<eascert::directory::Directory>>
simple(const std::string& uri, const std::string& dn, const std::string& password, bool startTls = false)
{
    eascert::Secret secret{std::string(password)};
    eascert::directory::LdapOptions o;
    o.uri = uri;
    o.caFile = env("EASCERT_DC_CA_FILE");
    o.startTls = startTls;
    o.bindDn = dn;
    o.password = &secret;
    o.timeout = std::chrono::seconds(15);
    return eascert::directory::connectDirectory(o);
}

}  // namespace

eascert::Result<std::unique_ptr<eascert::directory::Directory>> connectAdmin()
{
    return simple(env("EASCERT_DC_URI"), env("EASCERT_DC_ADMIN_DN"), adminPassword());
}

eascert::Result<std::unique_ptr<eascert::directory::Directory>> connectSimple(const std::string& dn,
                                                                              const std::string& password)
{
    return simple(env("EASCERT_DC_URI"), dn, password);
}

eascert::Result<std::unique_ptr<eascert::directory::Directory>> connectStartTls(const std::string& dn,
                                                                                const std::string& password)
{
    return simple("ldap://127.0.0.1", dn, password, true);
}

eascert::Result<std::unique_ptr<eascert::directory::Directory>> connectCleartext(const std::string& dn,
                                                                                 const std::string& password)
{
    return simple("ldap://127.0.0.1", dn, password);  // startTls off: a cleartext simple bind
}

}  // namespace conformance
