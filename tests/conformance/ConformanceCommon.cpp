#include <cstdlib>
#include <fstream>

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

std::string ou()
{
    return "OU=conformance-" + env("EASCERT_CONFORMANCE_BACKEND") + "," + base();
}

std::string adminPassword()
{
    std::ifstream in(env("EASCERT_DC_PASSWORD_FILE"));
    std::string line;
    std::getline(in, line);
    return line;
}

} // namespace conformance
