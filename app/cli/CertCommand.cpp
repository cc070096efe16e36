#include <iostream>
#include <memory>

#include "CertificateInput.h"
#include "CertificateJson.h"
#include "Commands.h"
#include "ExitCode.h"
#include "Messages.h"
#include "eascert/support/JsonText.h"

namespace eascert::cli {

namespace {

struct CertShowArgs
{
    CertificateArgs input;
    bool json = false;
};

int runCertShow(const CertShowArgs& args)
{
    auto loaded = loadCertificate(args.input);
    if (!loaded)
        return reportError(loaded.error(), args.json, kCertSchema);
    if (args.json)
        std::cout << text::safeDump(loadedJson(*loaded, args.input.file, now()), 2) << '\n';
    else
        printLoaded(std::cout, *loaded, args.input.file, now());
    return Ok;
}

}  // namespace

int reportError(const Error& error, bool json, const char* schema)
{
    const std::string message = text::printable(describeError(error));  // details may quote a server
    std::cerr << "eascert: error: " << message << '\n';
    if (json) {
        nlohmann::ordered_json j;
        j["schema"] = schema;
        j["error"] = {{"code", errorId(error.code)}, {"message", message}};
        std::cout << text::safeDump(j, 2) << '\n';
    }
    return exitCodeFor(error.code);
}

void addCertCommand(CLI::App& app, Context& context)
{
    auto* cert = app.add_subcommand("cert", "Read a certificate file");
    cert->require_subcommand(1);
    auto args = std::make_shared<CertShowArgs>();
    auto* show = cert->add_subcommand("show", "Show what the certificate says: names, serial, SANs, EKUs, key, SID");
    addCertificateOptions(*show, args->input);
    show->add_flag("--json", args->json, "Print JSON (schema eascert.cert.v1)");
    show->callback([args, &context] { context.exitCode = runCertShow(*args); });
}

}  // namespace eascert::cli
