#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "eascert/cert/CertificateLoader.h"

namespace eascert::cli {

// The certificate file and the ways to give its password, shared by every subcommand that loads one.
struct CertificateArgs
{
    std::string file;
    std::string passwordEnv;
    std::string passwordFile;
    bool noPrompt = false;
};

void addCertificateOptions(CLI::App& command, CertificateArgs& args, bool fileRequired = true);
// For commands where the certificate is an option (--cert FILE) and "--password-*" means something else.
void addCertificateFileOption(
    CLI::App& command, CertificateArgs& args, bool required = true,
    const std::string& description = "The user's certificate: .cer/.crt/.pem, .pfx/.p12 or .p7b");

// Loads the file; asks for a password on the terminal when needed and allowed (up to 3 tries).
Result<cert::LoadedCertificate> loadCertificate(const CertificateArgs& args);

}  // namespace eascert::cli
