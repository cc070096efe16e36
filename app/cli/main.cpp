// eascert — the command-line front end of EAS Cert Doctor.

#include <csignal>
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "Commands.h"
#include "Console.h"
#include "ExitCode.h"
#include "eascert/support/Log.h"

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

    CLI::App app{"eascert — find out why certificate authentication to Exchange ActiveSync / IIS fails,\n"
                 "and build the altSecurityIdentities mapping that fixes it."};
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
    addCertCommand(app, context);
    addMappingCommand(app, context);
    addLabCommand(app, context);
    addDirectoryCommand(app, context);
    addProbeCommand(app, context);
    addDiagnoseCommand(app, context);

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
        std::cerr << "eascert: error: " << e.what() << "\nRun with --help for usage.\n";
        return Usage;
    } catch (const std::exception& e) {
        std::cerr << "eascert: internal error: " << e.what() << '\n';
        return Internal;
    }
    return context.exitCode;
}
