#pragma once

#include <memory>
#include <string>
#include <vector>

#include "Process.h"
#include "TestPki.h"
#include "eascert/directory/Directory.h"
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
};

// Creates the user under CN=Users and returns its DN.
std::string seedUser(const SeedUser& user);
// A name unique to this run, so tests never see each other's accounts.
std::string uniqueName(const std::string& prefix);
// Sorted altSecurityIdentities as the DC returns them through ldapsearch (independent of the product).
std::vector<std::string> mappingValues(const std::string& dn);

// The lab CA issues user certificates for the tests.
const testpki::IssuedCertificate& labCa();
testpki::IssuedCertificate issueUser(const std::string& cn, const std::vector<std::string>& emails = {});
