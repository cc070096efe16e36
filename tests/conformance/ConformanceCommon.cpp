#include <cstdlib>
#include <fstream>
#include <iterator>

#include "CatchCompat.h"

#include "Conformance.h"

namespace conformance {

std::string env(const char* name)
{
    const char* v = std::getenv(name);
    return v ? v : "";
}

std::string base()
{
    return env("EASCERT_DC_BASE");
}

std::string backend()
{
    return env("EASCERT_CONFORMANCE_BACKEND");
}

std::string ou()
{
    return "OU=conformance-" + backend() + "," + base();
}

std::string readFile(const std::string& name)
{
    const std::string path = env("EASCERT_CONFORMANCE_FILES") + "/" + name;
    std::ifstream in(path, std::ios::binary);
    INFO("reading " << path);
    REQUIRE(in);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

eascert::cert::CertificateInfo certificate(const std::string& name)
{
    const std::string der = readFile(name);
    auto info = eascert::cert::describeDer(std::as_bytes(std::span(der)));
    INFO(name << " is not a DER certificate");
    REQUIRE(info);
    return *info;
}

std::string adminPassword()
{
    std::ifstream in(env("EASCERT_DC_PASSWORD_FILE"));
    std::string line;
    std::getline(in, line);
    return line;
}

}  // namespace conformance
