// eascert — the command-line front end of EAS Cert Doctor.

#include <algorithm>
#include <csignal>
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "Commands.h"
#include "Console.h"
#include "ExitCode.h"
#include "eascert/support/Log.h"
#include "eascert/support/Text.h"

namespace {

// Examples first: the first lines of --help and of the usage a mistyped command gets.
constexpr const char* kStartHere =
    "eascert: why does the phone keep asking for a password? Finds why certificate sign-in to\n"
    "Exchange ActiveSync / IIS fails, and writes the altSecurityIdentities mapping that fixes it.\n"
    "\n"
    "Start here:\n"
    "  eascert diagnose --demo\n"
    "      the whole flow on a built-in lab: no servers needed\n"
    "  eascert diagnose --cert user.pfx --url https://mail.contoso.com/Microsoft-Server-ActiveSync\n"
    "                   --ldap ldaps://dc1.contoso.com --kerberos\n"
    "      test the endpoint and inspect the account (add --fix to correct it, --report FILE.html)\n"
    "  eascert directory inspect --ldif export.ldf --cert user.cer\n"
    "      check an account from an ldifde export, offline\n"
    "  eascert mapping user.cer\n"
    "      the altSecurityIdentities values for a certificate, strong ones first\n";

// Edit distance (insert, delete, substitute, swap two neighbours).
std::size_t distance(std::string_view a, std::string_view b)
{
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i)
        d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j)
        d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()][b.size()];
}

// The command a typo was meant to be: the nearest within a third of its length (at least 2), or
// the one it begins.
std::string closestWord(const std::string& typed, const std::vector<std::string>& words)
{
    const std::string lower = eascert::text::foldCase(typed);
    if (lower.size() > 64)
        return {};
    std::string best;
    std::size_t bestDistance = std::max<std::size_t>(2, lower.size() / 3) + 1;
    for (const auto& w : words) {
        const std::size_t d = w.rfind(lower, 0) == 0 ? 0 : distance(lower, w);
        if (d < bestDistance) {
            best = w;
            bestDistance = d;
        }
    }
    return best;
}

}  // namespace

int main(int argc, char** argv)
{
    using namespace eascert::cli;
#ifdef SIGPIPE
    // A server that closes the connection must produce an error value, not kill the process.
    std::signal(SIGPIPE, SIG_IGN);
#endif
    prepareConsole();
    std::vector<std::string> arguments = utf8Arguments(argc, argv);
    std::vector<char*> utf8Argv;
    for (auto& a : arguments)
        utf8Argv.push_back(a.data());

    CLI::App app{std::string(kStartHere)};
    app.set_version_flag("--version", std::string("eascert ") + EASCERT_VERSION);
    app.require_subcommand(1);
    // CLI11 reads "/name" as an option on Windows; our options are --name, and /path is a file name.
    // Set before the subcommands are added: they take it over.
    app.allow_windows_style_options(false);
    app.footer(exitCodeHelp());
    std::string logLevel = "warn";
    app.add_option("--log-level", logLevel, "Log detail on stderr: trace, debug, info, warn, error, off")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));

    Context context;
    context.arguments = arguments;
    addDiagnoseCommand(app, context);  // first: where an admin starts
    addProbeCommand(app, context);
    addEvidenceCommand(app, context);
    addDirectoryCommand(app, context);
    addCertCommand(app, context);
    addMappingCommand(app, context);
    addLabCommand(app, context);

    app.parse_complete_callback([&] {
        auto logger = spdlog::stderr_color_mt("eascert");
        logger->set_level(spdlog::level::from_str(logLevel));
        logger->set_pattern("eascert: %l: %v");
        eascert::setLogger(logger);
    });

    try {
        app.parse(static_cast<int>(utf8Argv.size()), utf8Argv.data());
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // No subcommand, or a word that is none: a short usage that starts where an admin starts.
        if (app.get_subcommands().empty()) {
            std::string first;
            for (std::size_t i = 1; i < arguments.size() && first.empty(); ++i)
                if (arguments[i].rfind("-", 0) != 0)
                    first = arguments[i];
            if (!first.empty()) {
                std::vector<std::string> names;
                for (const auto* sub : app.get_subcommands({}))
                    names.push_back(sub->get_name());
                std::cerr << "eascert: \"" << eascert::text::printable(first) << "\" is not a command.";
                if (const auto suggestion = closestWord(first, names); !suggestion.empty())
                    std::cerr << " Did you mean " << suggestion << "?";
                std::cerr << "\n\n";
            }
            std::cerr << kStartHere << "\nCommands: ";
            const char* separator = "";
            for (const auto* sub : app.get_subcommands({})) {
                std::cerr << separator << sub->get_name();
                separator = ", ";
            }
            std::cerr << ".\nRun eascert COMMAND --help for a command's options, eascert --help for all.\n";
            return Usage;
        }
        std::cerr << "eascert: error: " << e.what() << "\nRun with --help for usage.\n";
        return Usage;
    } catch (const std::exception& e) {
        std::cerr << "eascert: internal error: " << e.what() << '\n';
        return Internal;
    }
    return context.exitCode;
}
