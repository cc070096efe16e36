#include "eascert/lab/DemoLab.h"

#include "eascert/cert/CertificateLoader.h"
#include "eascert/directory/Ldif.h"
#include "eascert/directory/LdifDirectory.h"
#include "eascert/directory/SynchronizedDirectory.h"
#include "eascert/lab/IisEndpoint.h"
#include "eascert/lab/ServerLogs.h"

#include <algorithm>

namespace eascert::lab {

namespace {

constexpr const char* kDomain = "DC=contoso,DC=test";
constexpr const char* kConfiguration = "CN=Configuration,DC=contoso,DC=test";

directory::Entry entry(std::string dn, std::initializer_list<std::pair<const char*, directory::Values>> attributes)
{
    directory::Entry e;
    e.dn = std::move(dn);
    for (const auto& [name, values] : attributes)
        e.attributes[name] = values;
    return e;
}

directory::Entry user(const std::string& sam, const std::string& cn, std::uint32_t uac, directory::Values certificates)
{
    const std::string upn = sam + "@contoso.test";
    auto e =
        entry("CN=" + cn + ",CN=Users," + kDomain, {{"objectClass", {"top", "person", "organizationalPerson", "user"}},
                                                    {"cn", {cn}},
                                                    {"sAMAccountName", {sam}},
                                                    {"userPrincipalName", {upn}},
                                                    {"mail", {upn}},
                                                    {"userAccountControl", {std::to_string(uac)}},
                                                    {"whenCreated", {"20240115093000.0Z"}}});
    if (!certificates.empty())
        e.attributes["userCertificate"] = std::move(certificates);
    return e;
}

}  // namespace

Result<std::filesystem::path> writeDemoDirectory(const std::filesystem::path& folder, const LabFiles& files)
{
    // The user's certificate is published on the account (the Published Certificates tab), and that is
    // all: the mistake from the seed report. Another user keeps the directory from being trivial.
    auto userCert = cert::loadCertificateFile(files.userCertificate);
    if (!userCert)
        return std::unexpected(userCert.error());
    const auto& der = userCert->certificate.info().der;
    std::vector<directory::Entry> entries{
        entry(kDomain, {{"objectClass", {"top", "domain", "domainDNS"}}, {"dc", {"contoso"}}}),
        entry(std::string("CN=Users,") + kDomain, {{"objectClass", {"top", "container"}}, {"cn", {"Users"}}}),
        user(DemoLab::kUser, "User Test1", 512, {std::string(reinterpret_cast<const char*>(der.data()), der.size())}),
        user("admin1", "Admin One", 512, {}),
        // The forest's configuration down to Public Key Services, without an NTAuth store: a standalone
        // CA is never in NTAuth by itself (KB5057784), and a forest without an enterprise CA has none.
        entry(kConfiguration, {{"objectClass", {"top", "configuration"}}, {"cn", {"Configuration"}}}),
        entry(std::string("CN=Services,") + kConfiguration,
              {{"objectClass", {"top", "container"}}, {"cn", {"Services"}}}),
        entry(std::string("CN=Public Key Services,CN=Services,") + kConfiguration,
              {{"objectClass", {"top", "container"}}, {"cn", {"Public Key Services"}}}),
    };
    const auto path = folder / "demo-directory.ldif";
    if (auto w = writeFile(path, directory::ldifContent(entries)); !w)
        return std::unexpected(w.error());
    return path;
}

struct DemoLab::Impl
{
    LabFiles files;
    std::filesystem::path directoryFile;
    std::filesystem::path changesFile;
    std::unique_ptr<directory::LdifDirectory> ldif;
    std::unique_ptr<directory::SynchronizedDirectory> shared;
    std::unique_ptr<ServerLogs> logs;
    std::unique_ptr<IisEndpoint> endpoint;  // last: stops before the directory and the logs go
};

DemoLab::DemoLab() : m_impl(std::make_unique<Impl>()) {}
DemoLab::~DemoLab()
{
    if (m_impl && m_impl->endpoint)
        m_impl->endpoint->stop();
}

Result<std::unique_ptr<DemoLab>> DemoLab::start(const std::filesystem::path& folder)
{
    std::unique_ptr<DemoLab> lab(new DemoLab());
    auto& d = *lab->m_impl;
    auto files = writeDemoPki(folder);
    if (!files)
        return std::unexpected(files.error());
    d.files = *files;

    auto written = writeDemoDirectory(folder, d.files);
    if (!written)
        return std::unexpected(written.error());
    d.directoryFile = *written;
    d.changesFile = folder / "demo-directory.changes.ldif";
    std::error_code ec;
    std::filesystem::remove(d.changesFile, ec);  // a new lab starts with no changes
    auto opened = directory::LdifDirectory::open(d.directoryFile, d.changesFile);
    if (!opened)
        return std::unexpected(opened.error());
    d.ldif = std::move(*opened);
    d.shared = std::make_unique<directory::SynchronizedDirectory>(*d.ldif);
    std::filesystem::remove_all(folder / "logs", ec);  // a new lab starts with empty logs
    d.logs = std::make_unique<ServerLogs>(folder / "logs");

    EndpointOptions o;
    o.serverCertificatePem = d.files.serverCertificatePem;
    o.serverKeyPem = d.files.serverKeyPem;
    o.trustedClientCas = d.files.caPem;
    o.directory = d.shared.get();
    o.strongMappingsOnly = true;
    o.ntAuthCheck = true;
    o.logs = d.logs.get();
    o.mode = EndpointOptions::CertificateMode::Renegotiation;
    d.endpoint = std::make_unique<IisEndpoint>(o);
    if (auto started = d.endpoint->start(); !started)
        return std::unexpected(started.error());
    return lab;
}

const LabFiles& DemoLab::files() const
{
    return m_impl->files;
}
const std::filesystem::path& DemoLab::directoryFile() const
{
    return m_impl->directoryFile;
}
const std::filesystem::path& DemoLab::changesFile() const
{
    return m_impl->changesFile;
}
directory::Directory& DemoLab::directory()
{
    return *m_impl->shared;
}
std::string DemoLab::url() const
{
    return m_impl->endpoint->url();
}

std::vector<std::filesystem::path> DemoLab::evidenceFiles() const
{
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(m_impl->logs->iisLogFolder(), ec))
        if (e.path().extension() == ".log")
            out.push_back(e.path());
    std::sort(out.begin(), out.end());
    if (std::filesystem::exists(m_impl->logs->eventsFile(), ec))
        out.push_back(m_impl->logs->eventsFile());
    return out;
}

}  // namespace eascert::lab
