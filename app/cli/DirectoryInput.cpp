#include "DirectoryInput.h"
#include "eascert/cert/Validity.h"

#include <chrono>
#include <iostream>

#include "PasswordInput.h"
#include "eascert/directory/Fix.h"
#include "eascert/directory/LdapDirectory.h"
#include "eascert/directory/LdifDirectory.h"
#include "eascert/support/Path.h"

namespace eascert::cli {

void addDirectoryOptions(CLI::App& command, DirectoryArgs& args)
{
    auto* ldap = command.add_option("--ldap", args.ldapUri,
                                    "Domain controller: ldaps://dc1.contoso.com, or ldap://dc1 (StartTLS)");
    auto* ldif = command.add_option("--ldif", args.ldifFile,
                                    "Work offline on an ldifde/ldapsearch export instead of a live directory");
    ldap->excludes(ldif);
    command.add_option("--changes", args.changesFile,
                       "With --ldif: the LDIF change file to write (for ldifde -i / ldapmodify)");
#ifdef _WIN32
    command.add_option("--bind-dn", args.bindDn,
                       "Bind as DOMAIN\\user or user@domain (Negotiate, signed and sealed), or as a DN (simple "
                       "bind, only over TLS)");
#else
    command.add_option("--bind-dn", args.bindDn, "Bind as this DN (simple bind, only over TLS)");
#endif
    auto* env = command.add_option("--password-env", args.passwordEnv, "Read the bind password from this variable");
    auto* file = command.add_option("--password-file", args.passwordFile,
                                    "Read the bind password from this file's first line (- for stdin)");
    env->excludes(file);
    command.add_option("--ca-file", args.caFile, "CA certificate(s) (PEM) that verify the DC's TLS certificate");
    command.add_flag("--insecure-skip-verify", args.insecureSkipVerify,
                     "Do NOT verify the DC's TLS certificate (reported loudly; for labs only)");
#ifdef _WIN32
    command.add_flag("--kerberos", args.kerberos, "Bind as the logged-on Windows user (Negotiate, signed and sealed)");
#else
    command.add_flag("--kerberos", args.kerberos, "Bind with your Kerberos ticket (SASL GSSAPI; run kinit first)");
#endif
    command.add_flag("--no-starttls", args.noStartTls, "With ldap://: no StartTLS (only without a password)");
    command
        .add_option("--timeout", args.timeoutSeconds,
                    "Seconds for the whole command's network work (connect, bind, reads, writes)")
        ->check(CLI::Range(1, 600));
}

Result<std::unique_ptr<directory::Directory>> openDirectory(const DirectoryArgs& args)
{
    if (!args.ldifFile.empty()) {
        std::optional<std::filesystem::path> changes;
        if (!args.changesFile.empty())
            changes = pathFromUtf8(args.changesFile);
        auto dir = directory::LdifDirectory::open(pathFromUtf8(args.ldifFile), changes);
        if (!dir)
            return std::unexpected(dir.error());
        return std::unique_ptr<directory::Directory>(std::move(*dir));
    }
    if (args.ldapUri.empty())
        return fail(ErrorCode::InvalidArgument, "give the directory with --ldap URI or --ldif FILE");

    auto fromOptions = passwordFromOptions(args.passwordEnv, args.passwordFile);
    if (!fromOptions)
        return std::unexpected(fromOptions.error());
    std::optional<Secret> password = std::move(*fromOptions);
    if (!password && !args.bindDn.empty() && !args.kerberos) {
        password = promptPassword("Password for " + args.bindDn + ": ");
        if (!password)
            return fail(ErrorCode::InvalidArgument,
                        "--bind-dn needs a password: --password-env VAR, --password-file PATH or a terminal");
    }

    directory::LdapOptions options;
    options.uri = directory::completeLdapUri(args.ldapUri);
    options.startTls = !args.noStartTls;
    options.caFile = args.caFile;
    options.verifyServer = !args.insecureSkipVerify;
    options.bind = args.kerberos ? directory::BindMethod::SaslGssapi : directory::BindMethod::Simple;
    options.bindDn = args.bindDn;
    options.password = password ? &*password : nullptr;
    options.timeout = std::chrono::seconds(args.timeoutSeconds);
    options.deadline = std::chrono::steady_clock::now() + options.timeout;  // the whole command, not each call
    if (args.insecureSkipVerify)
        std::cerr << "eascert: WARNING: the domain controller's TLS certificate is NOT verified "
                     "(--insecure-skip-verify)\n";
    return directory::connectDirectory(options);
}

std::filesystem::path defaultBackupPath(const std::filesystem::path& folder, const std::string& sam)
{
    return directory::newBackupPath(folder, sam, cert::currentTime());
}

// The admin confirms on a terminal, or with --yes; without either nothing is written.
bool confirmed(bool yes, const std::string& question)
{
    if (yes)
        return true;
    const auto answer = askYesNo(question);
    if (!answer)
        std::cerr << "eascert: error: not confirmed: no terminal to ask on. Add --yes to apply; nothing was changed.\n";
    else if (!*answer)
        std::cerr << "eascert: nothing was changed.\n";
    return answer.value_or(false);
}

}  // namespace eascert::cli
