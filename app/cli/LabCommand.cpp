#include <iostream>
#include <memory>

#include "Commands.h"
#include "Console.h"
#include "DirectoryInput.h"
#include "ExitCode.h"
#include "Messages.h"
#include "eascert/lab/DemoLab.h"
#include "eascert/lab/IisEndpoint.h"
#include "eascert/lab/LabPki.h"
#include "eascert/lab/ServerLogs.h"
#include "eascert/support/Path.h"
#include "eascert/support/Text.h"

#include <algorithm>

#include <filesystem>

namespace eascert::cli {

namespace {

struct LabPkiArgs
{
    std::string folder;
};

int runLabPki(const LabPkiArgs& args)
{
    const auto folder = pathFromUtf8(args.folder);
    auto files = lab::writeDemoPki(folder);
    if (!files)
        return reportError(files.error(), false, "");
    auto directoryFile = lab::writeDemoDirectory(folder, *files);
    if (!directoryFile)
        return reportError(directoryFile.error(), false, "");
    const auto name = [](const std::filesystem::path& p) { return text::printable(utf8Path(p.filename())); };
    const std::vector<std::pair<std::string, std::string>> rows{
        {name(files->caCertificate), "the standalone CA (no SID extension, not in NTAuth)"},
        {name(files->userPfx), "the user's certificate with its key; password in " + name(files->userPfxPassword)},
        {name(files->userCertificate), "the same certificate without its key"},
        {name(files->renewedUserCertificate), "a renewed certificate with the same subject"},
        {name(files->chainP7b), "CA and user certificate as PKCS#7"},
        {name(files->caPem), "the CA as PEM (for --ca-file)"},
        {name(files->serverCertificatePem) + ", " + name(files->serverKeyPem),
         "TLS server certificate and key for 127.0.0.1 and localhost"},
        {name(*directoryFile), "an LDIF export: the user's certificate only in Published Certificates"},
    };
    std::size_t width = 0;
    for (const auto& row : rows)
        width = std::max(width, row.first.size());
    std::cout << "Demo lab written to " << text::printable(utf8Path(std::filesystem::absolute(folder))) << ":\n";
    for (const auto& [file, what] : rows)
        std::cout << "  " << file << std::string(width - file.size() + 2, ' ') << what << '\n';
    const std::string dir = text::printable(args.folder);
    std::cout << "\nNext:\n"
              << "  eascert directory inspect --ldif " << dir << "/" << name(*directoryFile) << " --cert " << dir << "/"
              << name(files->userCertificate) << "\n"
              << "  eascert lab serve --out " << dir << " --ldif " << dir << "/" << name(*directoryFile)
              << "   (an IIS-like endpoint to probe)\n"
              << "  eascert diagnose --demo   (the whole story in one run, in its own lab)\n";
    return Ok;
}

struct LabServeArgs
{
    std::string folder;
    std::string mode = "renegotiation";
    bool noCaList = false;
    bool allowWeak = false;
    bool noNtAuthCheck = false;
    bool noPasswordMethods = false;
    int port = 0;
    std::vector<std::string> revoked;
    DirectoryArgs directory;
};

int runLabServe(const LabServeArgs& args)
{
    const std::filesystem::path folder = pathFromUtf8(args.folder);
    if (!std::filesystem::exists(folder / "contoso-ca.pem")) {
        auto files = lab::writeDemoPki(folder);
        if (!files)
            return reportError(files.error(), false, "");
    }
    std::unique_ptr<directory::Directory> dir;
    if (!args.directory.ldapUri.empty() || !args.directory.ldifFile.empty()) {
        auto opened = openDirectory(args.directory);
        if (!opened)
            return reportError(opened.error(), false, "");
        dir = std::move(*opened);
    }
    lab::EndpointOptions o;
    o.serverCertificatePem = folder / "server.pem";
    o.serverKeyPem = folder / "server.key";
    o.trustedClientCas = folder / "contoso-ca.pem";
    using Mode = lab::EndpointOptions::CertificateMode;
    o.mode = args.mode == "handshake" ? Mode::Handshake
             : args.mode == "strict"  ? Mode::Strict
             : args.mode == "never"   ? Mode::Never
                                      : Mode::Renegotiation;
    o.sendCaList = !args.noCaList;
    o.strongMappingsOnly = !args.allowWeak;
    o.ntAuthCheck = !args.noNtAuthCheck;
    o.passwordMethods = !args.noPasswordMethods;
    o.port = static_cast<std::uint16_t>(args.port);
    o.revokedSerialsHex = args.revoked;
    o.directory = dir.get();
    lab::ServerLogs logs(folder / "logs");
    o.logs = &logs;

    StopSignal stop;  // before the endpoint's threads start
    lab::IisEndpoint endpoint(o);
    auto port = endpoint.start();
    if (!port)
        return reportError(port.error(), false, "");
    std::cout << "IIS-like endpoint listening: " << endpoint.url() << "\n"
              << "  client certificates: " << args.mode << (o.sendCaList ? ", CA list sent" : ", no CA list")
              << ", mapping: " << (dir ? dir->describe() : std::string("any trusted certificate maps"))
              << (!dir                   ? ""
                  : o.strongMappingsOnly ? " (strong mappings only"
                                         : " (weak mappings accepted")
              << (!dir            ? ""
                  : o.ntAuthCheck ? ", issuing CA must be in NTAuth)"
                                  : ", NTAuth not checked)")
              << "\n"
              << "  server CA: " << utf8Path(folder / "contoso-ca.pem") << "\n"
              << "  logs: " << utf8Path(logs.iisLogFolder()) << " (IIS, W3C), " << utf8Path(logs.eventsFile())
              << " (the DC's events)\nStop with Ctrl+C." << std::endl;
    stop.wait();
    endpoint.stop();
    return Ok;
}

}  // namespace

void addLabCommand(CLI::App& app, Context& context)
{
    auto* labCmd = app.add_subcommand("lab", "The demo lab: everything needed to see the tool work, made locally");
    labCmd->require_subcommand(1);
    auto args = std::make_shared<LabPkiArgs>();
    auto* pki = labCmd->add_subcommand(
        "pki", "Write a demo PKI (standalone CA, user certificate, PFX) and an LDIF export to a folder");
    pki->add_option("--out", args->folder, "Folder to write to (created if missing)")->required();
    pki->callback([args, &context] { context.exitCode = runLabPki(*args); });

    auto serveArgs = std::make_shared<LabServeArgs>();
    auto* serve = labCmd->add_subcommand("serve", "Run the IIS-like test endpoint on loopback until Ctrl+C");
    serve->add_option("--out", serveArgs->folder, "Lab PKI folder (made if missing)")->required();
    serve->add_option("--mode", serveArgs->mode, "When to ask for the client certificate")
        ->check(CLI::IsMember({"renegotiation", "handshake", "strict", "never"}));
    serve->add_flag("--no-ca-list", serveArgs->noCaList, "Send no list of acceptable CAs");
    serve->add_flag("--allow-weak", serveArgs->allowWeak, "Accept weak mappings (no KB5014754 enforcement)");
    serve->add_flag("--no-ntauth-check", serveArgs->noNtAuthCheck,
                    "Accept explicit mappings whose issuing CA is not in NTAuth (before KB5057784's enforcement)");
    serve->add_flag("--no-password-methods", serveArgs->noPasswordMethods, "No WWW-Authenticate on 401");
    serve->add_option("--port", serveArgs->port, "Port (default: any free port)")->check(CLI::Range(0, 65535));
    serve->add_option("--revoke", serveArgs->revoked, "Treat this serial (hex) as revoked (repeatable)");
    addDirectoryOptions(*serve, serveArgs->directory);
    serve->callback([serveArgs, &context] { context.exitCode = runLabServe(*serveArgs); });
}

}  // namespace eascert::cli
