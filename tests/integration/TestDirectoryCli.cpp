// `eascert directory` end to end against the real DC: exit codes, confirmation, no password anywhere.

#include <chrono>
#include <fstream>
#include <thread>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "CatchCompat.h"
#include "DcFixture.h"
#include "TempDir.h"

#include "eascert/mapping/Mapping.h"

namespace {

std::vector<std::string> connection()
{
    // The Windows eascert.exe (windows.directory): wldap32, Negotiate as the domain's administrator,
    // signed and sealed on plain LDAP. No CA file: Windows checks the DC's certificate against its own
    // stores (and Wine's wldap32 checks none).
    if (runsOtherEascert())
        return {"--ldap",          "ldap://127.0.0.1", "--bind-dn", "CONTOSO\\Administrator",
                "--password-file", dc().passwordFile};
    return {"--ldap",    dc().uri,     "--ca-file",       dc().caFile,
            "--bind-dn", dc().adminDn, "--password-file", dc().passwordFile};
}

ProcessResult cli(std::vector<std::string> args)
{
    return runEascert(args);
}

}  // namespace

TEST_CASE("cli: inspect, fix with confirmation, undo", "[live][cli]")
{
    TempDir tmp;
    const std::string sam = uniqueName("cli");
    auto issued = issueUser(sam);
    const auto certFile = (tmp / "user.cer").string();
    REQUIRE(eascert::lab::writeFile(certFile, issued.der()));
    const auto dn = seedUser({sam, {}, {issued.der()}});
    const auto before = mappingValues(dn);
    const auto password = std::string(dc().adminPassword().view());

    auto args = connection();
    args.insert(args.begin(), {"directory", "inspect"});
    for (const auto& a : {"--cert", certFile.c_str(), "--user", sam.c_str(), "--json"})
        args.emplace_back(a);
    auto inspect = cli(args);
    INFO(inspect.out << inspect.err);
    CHECK(inspect.exitCode == 12);
    auto j = nlohmann::json::parse(inspect.out);
    CHECK(j["schema"] == "eascert.directory-inspect.v1");
    CHECK(j["states"][0]["state"] == "published-only");
    CHECK(j["certificatePublished"] == true);

    // fix without --yes and without a terminal: refused, nothing written.
    auto fixArgs = connection();
    fixArgs.insert(fixArgs.begin(), {"directory", "fix"});
    for (const auto& a : {"--cert", certFile.c_str(), "--user", sam.c_str()})
        fixArgs.emplace_back(a);
    auto refused = cli(fixArgs);
    CHECK(refused.exitCode == 2);
    CHECK(refused.err.find("--yes") != std::string::npos);
    CHECK(mappingValues(dn) == before);

    auto dry = fixArgs;
    dry.emplace_back("--dry-run");
    auto dryRun = cli(dry);
    CHECK(dryRun.exitCode == 0);
    CHECK(dryRun.out.find("Set-ADUser") != std::string::npos);
    CHECK(mappingValues(dn) == before);

    const auto backup = (tmp / "backup.json").string();
    auto apply = fixArgs;
    for (const auto& a : {"--yes", "--backup", backup.c_str(), "--json"})
        apply.emplace_back(a);
    apply.insert(apply.begin(), {"--log-level", "trace"});  // the most verbose log must not leak it either
    auto applied = cli(apply);
    INFO(applied.out << applied.err);
    REQUIRE(applied.exitCode == 0);
    auto aj = nlohmann::json::parse(applied.out);
    CHECK(aj["result"] == "applied");
    CHECK(aj["after"]["ok"] == true);
    const auto recommended =
        *eascert::mapping::buildMapping(testpki::parse(issued).info(), eascert::mapping::MappingForm::IssuerSerial);
    CHECK(mappingValues(dn) == std::vector<std::string>{recommended});

    auto inspectAgain = cli(args);
    CHECK(inspectAgain.exitCode == 0);

    auto undoArgs = connection();
    undoArgs.insert(undoArgs.begin(), {"directory", "undo"});
    for (const auto& a : {"--backup", backup.c_str(), "--yes"})
        undoArgs.emplace_back(a);
    auto undone = cli(undoArgs);
    INFO(undone.out << undone.err);
    CHECK(undone.exitCode == 0);
    CHECK(mappingValues(dn) == before);

    // The admin password appears nowhere: output, errors, backup.
    for (const auto* r : {&inspect, &refused, &dryRun, &applied, &inspectAgain, &undone}) {
        CHECK(r->out.find(password) == std::string::npos);
        CHECK(r->err.find(password) == std::string::npos);
    }
    CHECK(readText(backup).find(password) == std::string::npos);
}

TEST_CASE("cli: connection errors have their own exit code and one line", "[live][cli]")
{
    TempDir tmp;
    auto issued = issueUser("nobody");
    const auto certFile = (tmp / "user.cer").string();
    REQUIRE(eascert::lab::writeFile(certFile, issued.der()));
    auto r = cli({"directory", "inspect", "--ldap", "ldap://127.0.0.1", "--no-starttls", "--bind-dn", dc().adminDn,
                  "--password-file", dc().passwordFile, "--cert", certFile});
    CHECK(r.exitCode == 9);
    CHECK(r.err.find("unencrypted") != std::string::npos);
    auto down = connection();
    down[1] = "ldaps://127.0.0.1:1";
    down.insert(down.begin(), {"directory", "inspect"});
    for (const auto* a : {"--cert", certFile.c_str(), "--timeout", "3"})
        down.emplace_back(a);
    auto unreachable = cli(down);
    CHECK(unreachable.exitCode == 9);
}

namespace {

// A TCP relay to the DC that holds every answer back for a while: each call stays within the
// per-call timeout, the command as a whole does not. (A real DC cannot be made this slow.)
class SlowRelay
{
public:
    SlowRelay(std::uint16_t target, std::chrono::milliseconds delay) : m_target(target), m_delay(delay)
    {
        m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        REQUIRE(::bind(m_listen, reinterpret_cast<sockaddr*>(&a), len) == 0);
        REQUIRE(::listen(m_listen, 4) == 0);
        ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&a), &len);
        m_port = ntohs(a.sin_port);
        m_thread = std::jthread([this](std::stop_token stop) { run(stop); });
    }
    ~SlowRelay()
    {
        m_thread.request_stop();
        m_thread.join();
        ::close(m_listen);
    }
    std::uint16_t port() const { return m_port; }

private:
    void run(std::stop_token stop)
    {
        int client = -1, server = -1;
        while (!stop.stop_requested()) {
            std::vector<pollfd> fds{{m_listen, POLLIN, 0}};
            if (client >= 0)
                fds.push_back({client, POLLIN, 0});
            if (server >= 0)
                fds.push_back({server, POLLIN, 0});
            if (::poll(fds.data(), fds.size(), 50) <= 0)
                continue;
            if (fds[0].revents & POLLIN) {
                if (client >= 0)
                    ::close(client);
                if (server >= 0)
                    ::close(server);
                client = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
                server = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
                sockaddr_in a{};
                a.sin_family = AF_INET;
                a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
                a.sin_port = htons(m_target);
                if (::connect(server, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
                    ::close(server);
                    server = -1;
                }
                continue;
            }
            for (std::size_t i = 1; i < fds.size(); ++i) {
                if (!(fds[i].revents & (POLLIN | POLLHUP)))
                    continue;
                char buf[65536];
                const ssize_t n = ::recv(fds[i].fd, buf, sizeof buf, 0);
                const int to = fds[i].fd == client ? server : client;
                if (n <= 0) {
                    ::close(client);
                    ::close(server);
                    client = server = -1;
                    break;
                }
                if (fds[i].fd == server)
                    std::this_thread::sleep_for(m_delay);  // the answer comes late
                (void)!::send(to, buf, static_cast<std::size_t>(n), MSG_NOSIGNAL);
            }
        }
        if (client >= 0)
            ::close(client);
        if (server >= 0)
            ::close(server);
    }

    std::uint16_t m_target;
    std::chrono::milliseconds m_delay;
    int m_listen = -1;
    std::uint16_t m_port = 0;
    std::jthread m_thread;
};

}  // namespace

TEST_CASE("cli: --timeout bounds the whole command, not each call", "[live][cli][timeout]")
{
    if (runsOtherEascert()) {
        WARN("not run: the relay speaks to the DC's LDAPS port; the Windows run binds on plain LDAP");
        return;
    }
    TempDir tmp;
    const std::string sam = uniqueName("slow");
    auto issued = issueUser(sam);
    const auto certFile = (tmp / "user.cer").string();
    REQUIRE(eascert::lab::writeFile(certFile, issued.der()));
    seedUser({sam, {}, {}});
    SlowRelay relay(636, std::chrono::milliseconds(700));
    std::vector<std::string> args{"directory",       "inspect",
                                  "--ldap",          "ldaps://127.0.0.1:" + std::to_string(relay.port()),
                                  "--ca-file",       dc().caFile,
                                  "--bind-dn",       dc().adminDn,
                                  "--password-file", dc().passwordFile,
                                  "--cert",          certFile,
                                  "--user",          sam,
                                  "--json"};
    // Generous: every call passes, and the command as a whole is slow (about one answer in 0.7 s).
    args.insert(args.end(), {"--timeout", "30"});
    auto slow = cli(args);
    INFO(slow.out << slow.err);
    REQUIRE(slow.exitCode == 12);
    const double whole = slow.seconds;
    INFO("the whole inspection through the relay took " << whole << " s");
    REQUIRE(whole > 4.0);  // else this relay proves nothing

    args.back() = "3";
    auto bounded = cli(args);
    INFO(bounded.out << bounded.err);
    CHECK(bounded.seconds <= 4.0);
    CHECK(bounded.exitCode == 9);  // the directory did not answer in time
    auto j = nlohmann::json::parse(bounded.out, nullptr, false);
    REQUIRE(j.is_object());
    CHECK(j["error"]["code"] == "directory-timeout");
}
