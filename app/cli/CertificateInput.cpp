#include "CertificateInput.h"

#include "PasswordInput.h"
#include "eascert/support/Path.h"

namespace eascert::cli {

void addCertificateOptions(CLI::App& command, CertificateArgs& args, bool fileRequired)
{
    command.add_option("FILE", args.file, "Certificate file: .pfx/.p12, .cer/.crt/.der/.pem, .p7b")
        ->required(fileRequired);
    auto* env = command.add_option("--password-env", args.passwordEnv,
                                   "Read the file's password from this environment variable");
    auto* file = command.add_option("--password-file", args.passwordFile,
                                    "Read the file's password from the first line of this file (- for stdin)");
    env->excludes(file);
    command.add_flag("--no-prompt", args.noPrompt, "Never ask for a password on the terminal");
}

void addCertificateFileOption(CLI::App& command, CertificateArgs& args, bool required, const std::string& description)
{
    command.add_option("--cert", args.file, description)->required(required);
    auto* env = command.add_option("--cert-password-env", args.passwordEnv,
                                   "Read the certificate file's password from this environment variable");
    auto* file = command.add_option("--cert-password-file", args.passwordFile,
                                    "Read the certificate file's password from this file (- for stdin)");
    env->excludes(file);
}

Result<cert::LoadedCertificate> loadCertificate(const CertificateArgs& args)
{
    auto fromOptions = passwordFromOptions(args.passwordEnv, args.passwordFile);
    if (!fromOptions)
        return std::unexpected(fromOptions.error());
    std::optional<Secret> given = std::move(*fromOptions);

    cert::LoadOptions options;
    options.password = given ? &*given : nullptr;
    auto loaded = cert::loadCertificateFile(pathFromUtf8(args.file), options);
    if (given || args.noPrompt)
        return loaded;

    for (int attempt = 0; attempt < 3 && !loaded &&
                          (loaded.error().code == ErrorCode::PasswordRequired ||
                           (attempt > 0 && loaded.error().code == ErrorCode::WrongPassword));
         ++attempt) {
        auto typed = promptPassword(attempt == 0 ? "Password for " + args.file + ": " : "Wrong password, try again: ");
        if (!typed)
            break;  // no terminal: report the original error
        options.password = &*typed;
        loaded = cert::loadCertificateFile(pathFromUtf8(args.file), options);
    }
    return loaded;
}

}  // namespace eascert::cli
