// `eascert cert show` and the password and bad-input rules every subcommand shares.

#include <fstream>
#include <random>

#include <unistd.h>

#include "CatchCompat.h"
#include "CliFixture.h"

TEST_CASE("cert show reads a PFX with the password from a variable, a file or stdin", "[cli][cert]")
{
    CliFixture f;
    ProcessOptions env;
    env.env["PFX_PASSWORD"] = f.password;
    auto viaEnv = runEascert({"cert", "show", f.pfx.string(), "--password-env", "PFX_PASSWORD"}, env);
    CHECK(viaEnv.exitCode == 0);
    CHECK(viaEnv.out.find("CN=usertest1, O=\"Contoso, Inc.\", S=Bavaria, C=US") != std::string::npos);
    CHECK(viaEnv.out.find("present, matches the certificate") != std::string::npos);

    auto viaFile =
        runEascert({"cert", "show", f.legacyPfx.string(), "--password-file", f.passwordFile.string(), "--json"});
    REQUIRE(viaFile.exitCode == 0);
    auto j = parseJson(viaFile);
    CHECK(j["schema"] == "eascert.cert.v1");
    CHECK(j["format"] == "pkcs12");
    CHECK(j["certificatesInFile"] == 3);
    CHECK(j["selection"]["rule"] == "matches-private-key");
    CHECK(j["privateKey"]["matchesCertificate"] == true);
    CHECK(j["certificate"]["serial"]["hex"] == "2B0000000011AC0000000012");
    CHECK(j["certificate"]["subject"]["windows"] ==
          "C=US,S=Bavaria,O=\"Contoso, Inc.\",CN=usertest1,E=usertest1@contoso.test");
    CHECK(j["certificate"]["clientAuthentication"] == true);
    CHECK(j["certificate"]["sid"].is_null());
    CHECK(j["chain"].size() == 2);

    ProcessOptions stdinPw;
    stdinPw.stdinText = f.password + "\n";
    auto viaStdin = runEascert({"cert", "show", f.pfx.string(), "--password-file", "-"}, stdinPw);
    CHECK(viaStdin.exitCode == 0);

    for (const auto* r : {&viaEnv, &viaFile, &viaStdin}) {
        CHECK(r->out.find(f.password) == std::string::npos);
        CHECK(r->err.find(f.password) == std::string::npos);
    }
}

TEST_CASE("a wrong or missing password has its own exit code and a one-line error", "[cli][password]")
{
    CliFixture f;
    ProcessOptions env;
    env.env["PFX_PASSWORD"] = "not the password";
    auto wrong = runEascert({"cert", "show", f.pfx.string(), "--password-env", "PFX_PASSWORD"}, env);
    CHECK(wrong.exitCode == 4);
    CHECK(lineCount(wrong.err) == 1);
    CHECK(wrong.err.find("wrong password") != std::string::npos);
    CHECK(wrong.err.find("not the password") == std::string::npos);

    auto missing = runEascert({"cert", "show", f.pfx.string()});  // stdin is not a terminal: no prompt
    CHECK(missing.exitCode == 4);
    CHECK(missing.err.find("--password-env") != std::string::npos);

    auto json = runEascert({"cert", "show", f.pfx.string(), "--json", "--no-prompt"});
    CHECK(json.exitCode == 4);
    CHECK(parseJson(json)["error"]["code"] == "password-required");

    auto unset = runEascert({"cert", "show", f.pfx.string(), "--password-env", "EASCERT_TEST_UNSET_VARIABLE"});
    CHECK(unset.exitCode == 2);

    // There is no way to put a password on the command line.
    auto onCommandLine = runEascert({"cert", "show", f.pfx.string(), "--password", f.password});
    CHECK(onCommandLine.exitCode == 2);
}

TEST_CASE("bad input: one line on stderr and a non-zero exit, never a crash", "[cli][bad-input]")
{
    CliFixture f;
    auto expectBadInput = [](const ProcessResult& r, const char* what) {
        INFO(what << "\nstderr: " << r.err);
        CHECK(r.exitCode == 3);
        CHECK(lineCount(r.err) == 1);
        CHECK(r.err.starts_with("eascert: error: "));
        CHECK(r.out.empty());
    };

    const auto empty = f.dir / "empty.cer";
    std::ofstream(empty).close();
    expectBadInput(runEascert({"cert", "show", empty.string()}), "empty file");

    const auto big = f.dir / "random.pfx";
    {
        std::ofstream out(big, std::ios::binary);
        std::mt19937_64 rng(7);
        std::vector<std::uint64_t> block(1 << 16);
        for (int i = 0; i < 200; ++i) {  // 200 × 512 KiB = 100 MiB
            for (auto& v : block)
                v = rng();
            out.write(reinterpret_cast<const char*>(block.data()), static_cast<std::streamsize>(block.size() * 8));
        }
    }
    expectBadInput(runEascert({"cert", "show", big.string()}), "100 MB of random bytes");
    std::filesystem::remove(big);

    expectBadInput(runEascert({"cert", "show", f.dir.path().string()}), "a directory");
    expectBadInput(runEascert({"mapping", (f.dir / "missing.cer").string()}), "a missing file");

    const auto garbagePem = f.dir / "garbage.pem";
    std::ofstream(garbagePem) << "-----BEGIN CERTIFICATE-----\n%%% not base64 %%%\n-----END CERTIFICATE-----\n";
    expectBadInput(runEascert({"cert", "show", garbagePem.string()}), "PEM with garbage");

    const auto truncated = f.dir / "truncated.pfx";
    {
        std::ifstream in(f.pfx, std::ios::binary);
        std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::ofstream(truncated, std::ios::binary) << data.substr(0, data.size() * 2 / 3);
    }
    expectBadInput(runEascert({"cert", "show", truncated.string(), "--password-file", f.passwordFile.string()}),
                   "truncated PFX");

    const auto small = f.dir / "random-small.cer";
    {
        std::ofstream out(small, std::ios::binary);
        for (int i = 0; i < 3000; ++i)
            out.put(static_cast<char>((i * 7919) & 0xFF));
    }
    expectBadInput(runEascert({"mapping", small.string()}), "small random file");

    // Unreadable: as root, permission bits do not stop reads, so run as nobody. Not for the Windows
    // eascert.exe (windows.cli): Wine's prefix belongs to root, and Wine maps no Unix permission to a
    // Windows access check that this could exercise.
    if (runsOtherEascert())
        return;
    const auto locked = f.dir / "locked.cer";
    std::filesystem::copy_file(f.userCer, locked);
    std::filesystem::permissions(locked, std::filesystem::perms::none);
    ProcessOptions asNobody;
    if (geteuid() == 0)
        asNobody.wrapper = {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"};
    expectBadInput(runEascert({"cert", "show", locked.string()}, asNobody), "unreadable file");
}

TEST_CASE("--help documents the exit codes; usage errors exit 2", "[cli]")
{
    auto help = runEascert({"--help"});
    CHECK(help.exitCode == 0);
    for (const char* code : {"0  success", "3  bad input", "4  wrong password", "5  mapping check: no match",
                             "6  mapping check: near miss", "7  mapping check: weak match"})
        CHECK(help.out.find(code) != std::string::npos);
    CHECK(runEascert({}).exitCode == 2);
    CHECK(runEascert({"frobnicate"}).exitCode == 2);
    CHECK(runEascert({"mapping"}).exitCode == 2);
    CHECK(runEascert({"mapping", "check", "x.cer"}).exitCode == 2);  // --value missing
    auto version = runEascert({"--version"});
    CHECK(version.exitCode == 0);
    CHECK(version.out.find("eascert ") != std::string::npos);
}
