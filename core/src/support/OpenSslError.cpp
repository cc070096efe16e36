#include "eascert/support/OpenSslError.h"

#include <cstdlib>
#include <mutex>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/provider.h>

#include "eascert/support/Log.h"

namespace eascert::ossl {

std::string drainErrors()
{
    std::string out;
    unsigned long code = 0;
    const char* file = nullptr;
    int line = 0;
    while ((code = ERR_get_error_all(&file, &line, nullptr, nullptr, nullptr)) != 0) {
        const char* reason = ERR_reason_error_string(code);
        const char* lib = ERR_lib_error_string(code);
        if (!out.empty())
            out += "; ";
        out += reason ? reason : "unknown error";
        if (lib) {
            out += " (";
            out += lib;
            out += ')';
        }
    }
    return out;
}

void clearErrors()
{
    ERR_clear_error();
}

namespace {
OSSL_PROVIDER* g_default = nullptr;
OSSL_PROVIDER* g_legacy = nullptr;

void unloadProviders()
{
    // Before OpenSSL's own exit handler (registered earlier, so it runs later): the legacy
    // provider's child library context is freed only by an explicit unload.
    if (g_legacy)
        OSSL_PROVIDER_unload(g_legacy);
    if (g_default)
        OSSL_PROVIDER_unload(g_default);
    g_legacy = g_default = nullptr;
}
}  // namespace

bool ensureLegacyProvider()
{
    static std::once_flag once;
    static bool legacyLoaded = false;
    std::call_once(once, [] {
        // Loading any provider explicitly disables the implicit default one: load both. They stay
        // loaded for the life of the process, like OpenSSL's own command-line tool does.
        g_default = OSSL_PROVIDER_load(nullptr, "default");
        g_legacy = OSSL_PROVIDER_load(nullptr, "legacy");
        legacyLoaded = g_default != nullptr && g_legacy != nullptr;
        std::atexit(unloadProviders);
        if (!legacyLoaded)
            log()->warn("OpenSSL legacy provider unavailable ({}); RC2/3DES PKCS#12 files will not open",
                        drainErrors());
        clearErrors();
    });
    return legacyLoaded;
}

void releaseThreadState()
{
    OPENSSL_thread_stop();
}

}  // namespace eascert::ossl
