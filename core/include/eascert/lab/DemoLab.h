#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "eascert/directory/Directory.h"
#include "eascert/lab/LabPki.h"

namespace eascert::lab {

// The demo's offline directory, folder/demo-directory.ldif: a content LDIF (as ldapsearch writes it)
// in which the user's certificate sits only in userCertificate (Published Certificates).
Result<std::filesystem::path> writeDemoDirectory(const std::filesystem::path& folder, const LabFiles& files);

// The embedded demo lab: the seed report's situation on one machine, no server, no root, loopback only.
// A standalone CA and a user certificate (LabPki), an offline directory (LDIF) in which the user's
// certificate sits only in Published Certificates, and the IIS-like endpoint on a free loopback port
// with KB5014754 full enforcement, asking that directory who the certificate belongs to.
class DemoLab
{
public:
    static constexpr const char* kUser = "usertest1";

    // Writes the lab into folder (created if missing; an earlier lab there is replaced) and starts
    // the endpoint. Stopped by the destructor.
    static Result<std::unique_ptr<DemoLab>> start(const std::filesystem::path& folder);
    ~DemoLab();
    DemoLab(const DemoLab&) = delete;
    DemoLab& operator=(const DemoLab&) = delete;

    const LabFiles& files() const;
    const std::filesystem::path& directoryFile() const;  // demo-directory.ldif
    const std::filesystem::path& changesFile() const;    // demo-directory.changes.ldif: what a fix wrote
    // The lab directory, safe to use while the endpoint reads it.
    directory::Directory& directory();
    std::string url() const;
    // What the lab's servers logged so far, as evidence files: IIS's W3C logs and the DC's events.
    std::vector<std::filesystem::path> evidenceFiles() const;

private:
    DemoLab();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace eascert::lab
