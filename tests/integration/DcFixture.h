#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "Process.h"
#include "TempDir.h"
#include "TestPki.h"
#include "eascert/directory/Directory.h"
#include "eascert/lab/IisEndpoint.h"
#include "eascert/support/Secret.h"

// The real Samba AD DC started by tests/fixtures/dc/run-with-dc.sh (read from its environment).
struct Dc
{
    std::string uri;
    std::string caFile;
    std::string base;
    std::string adminDn;
    std::string passwordFile;     // with a trailing newline (our --password-file reads the first line)
    std::string rawPasswordFile;  // exact bytes, for ldapmodify -y
    std::string control;
    std::string work;

    eascert::Secret adminPassword() const;
};

const Dc& dc();

// An admin connection through the product's own backend.
std::unique_ptr<eascert::directory::Directory> adminDirectory();

// Independent of the product: OpenLDAP's own tools, as the admin.
ProcessResult ldapTool(const std::string& tool, const std::vector<std::string>& args, const std::string& input = "");
void ldapModify(const std::string& ldif);  // REQUIREs success

struct SeedUser
{
    std::string sam;
    std::vector<std::string> altSecurityIdentities;
    std::vector<eascert::Bytes> userCertificates;
    bool disabled = false;
    std::string password;  // set unicodePwd (needed for an account that binds)
    std::string upn;       // default sam@contoso.test
    std::string parent;    // the container's DN; default CN=Users,<base>
};

// Creates the user under CN=Users and returns its DN.
std::string seedUser(const SeedUser& user);
// A new organizational unit under the domain (for tests that scan a whole subtree); returns its DN.
std::string seedOu(const std::string& name);
// A name unique to this run, so tests never see each other's accounts.
std::string uniqueName(const std::string& prefix);
// Sorted altSecurityIdentities as the DC returns them through ldapsearch (independent of the product).
std::vector<std::string> mappingValues(const std::string& dn);
// The forest's NTAuth store through ldapsearch: its DN, and the CA certificates (DER) in it; none
// when the store does not exist (Samba's forest starts without one).
std::string ntAuthDn();
// The lab CA published in the forest's NTAuth store while it lives (the store created, then deleted).
class NtAuthPublished
{
public:
    NtAuthPublished();
    ~NtAuthPublished();
    NtAuthPublished(const NtAuthPublished&) = delete;
    NtAuthPublished& operator=(const NtAuthPublished&) = delete;
};
std::optional<std::vector<std::string>> ntAuthCertificates();

// The lab CA issues user certificates for the tests.
const testpki::IssuedCertificate& labCa();
testpki::IssuedCertificate issueUser(const std::string& cn, const std::vector<std::string>& emails = {});

// The IIS-like lab endpoint in this process (KB5014754 full enforcement), asking the DC who a
// certificate belongs to; its TLS certificate and the trusted client CAs in a folder of its own.
class LiveEndpoint
{
public:
    explicit LiveEndpoint(const testpki::IssuedCertificate& trustedCa = labCa());

    std::string caFile() const { return (m_tmp / "lab-ca.pem").string(); }
    std::string url() const { return m_endpoint->url(); }
    const TempDir& tmp() const { return m_tmp; }

    // The user's PFX (with the lab CA) and its password file (user.pfx.password).
    std::string writePfx(const testpki::IssuedCertificate& user, const std::string& password) const;

private:
    TempDir m_tmp;
    std::unique_ptr<eascert::directory::Directory> m_directory;
    std::unique_ptr<eascert::lab::IisEndpoint> m_endpoint;
};
