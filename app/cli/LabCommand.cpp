#include <iostream>
#include <memory>

#include "Commands.h"
#include "ExitCode.h"
#include "Messages.h"
#include "eascert/lab/LabPki.h"

namespace eascert::cli {

namespace {

struct LabPkiArgs
{
    std::string folder;
};

int runLabPki(const LabPkiArgs& args)
{
    auto files = lab::writeDemoPki(args.folder);
    if (!files)
        return reportError(files.error(), false, "");
    std::cout << "Demo lab PKI written to " << args.folder << ":\n"
              << "  " << files->caCertificate.string() << "   standalone CA (no SID, no NTAuth)\n"
              << "  " << files->userPfx.string() << "   user certificate with key (password in "
              << files->userPfxPassword.filename().string() << ")\n"
              << "  " << files->userCertificate.string() << "   the same certificate without key\n"
              << "  " << files->renewedUserCertificate.string() << "   a renewed certificate, same subject\n"
              << "  " << files->chainP7b.string() << "   CA and user certificate as PKCS#7\n"
              << "  " << files->caPem.string() << "   the CA as PEM (for --ca-file)\n"
              << "  " << files->serverCertificatePem.string() << ", server.key   TLS server certificate for 127.0.0.1 and localhost\n";
    return Ok;
}

} // namespace

void addLabCommand(CLI::App& app, Context& context)
{
    auto* labCmd = app.add_subcommand("lab", "The demo lab: everything needed to see the tool work, made locally");
    labCmd->require_subcommand(1);
    auto args = std::make_shared<LabPkiArgs>();
    auto* pki = labCmd->add_subcommand("pki", "Write a demo PKI (standalone CA, user certificate, PFX) to a folder");
    pki->add_option("--out", args->folder, "Folder to write to (created if missing)")->required();
    pki->callback([args, &context] { context.exitCode = runLabPki(*args); });
}

} // namespace eascert::cli
