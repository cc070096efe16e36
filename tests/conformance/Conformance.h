#pragma once

// The directory backend conformance suite: the same tests, by the same names, against the Samba AD
// DC through the OpenLDAP backend (Linux) and the wldap32 backend (MinGW build under Wine). Std only.

#include <memory>
#include <string>

#include "eascert/cert/Certificate.h"
#include "eascert/directory/Directory.h"

namespace conformance {

// From tests/fixtures/dc/run-with-dc.sh and tests/conformance/run-conformance.sh.
std::string env(const char* name);
std::string base();  // DC=contoso,DC=test
std::string ou();    // OU=conformance-<backend>,<base>: the entries seeded for this backend
std::string adminPassword();
std::string backend();  // openldap | wldap32

// Files run-conformance.sh made with the openssl command line (EASCERT_CONFORMANCE_FILES).
std::string readFile(const std::string& name);
// A certificate from those files, read by this build's cert::describeDer.
eascert::cert::CertificateInfo certificate(const std::string& name);

// Backend-specific: an admin connection, and a simple bind over LDAPS as any DN.
eascert::Result<std::unique_ptr<eascert::directory::Directory>> connectAdmin();
eascert::Result<std::unique_ptr<eascert::directory::Directory>> connectSimple(const std::string& dn,
                                                                              const std::string& password);
// A simple bind on ldap:// after StartTLS (the server verified against the DC's CA).
eascert::Result<std::unique_ptr<eascert::directory::Directory>> connectStartTls(const std::string& dn,
                                                                                const std::string& password);
// A simple bind on ldap:// (no TLS): every backend must refuse it before sending anything.
eascert::Result<std::unique_ptr<eascert::directory::Directory>> connectCleartext(const std::string& dn,
                                                                                 const std::string& password);

}  // namespace conformance
