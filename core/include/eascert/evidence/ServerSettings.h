#pragma once

// The settings that break certificate sign-in on the servers, read from what an admin can copy off
// them: IIS's applicationHost.config, the output of "netsh http show sslcert", and .reg exports of the
// Schannel and KDC keys. Pure readers over text; each setting keeps where it was found.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eascert/support/Error.h"

namespace eascert::evidence {

struct ConfigSetting
{
    std::string scope;  // "(server)", an IIS location path, a binding ("0.0.0.0:443"), a registry key
    std::string
        name;  // "clientCertificateMappingAuthentication.enabled", "DS Mapper Usage", "CertificateMappingMethods"
    std::string value;  // as written ("false", "Ssl, SslNegotiateCert", "Enabled", "0x0000001f")
    std::size_t line = 0;
};

struct ConfigLog
{
    std::vector<ConfigSetting> settings;
    std::size_t damaged = 0;
    std::string firstDamage;
    std::size_t skipped = 0;  // settings beyond maxSettings

    void add(ConfigSetting setting, std::size_t maxSettings);
};

struct ConfigLimits
{
    std::size_t maxSettings = 100'000;  // more are counted in skipped, not kept
};

bool looksLikeIisConfig(std::string_view text);  // <configuration> with <system.webServer> or <system.applicationHost>
bool looksLikeNetshSslCert(std::string_view text);  // "IP:port" / "Hostname:port" blocks with "Certificate Hash"
bool looksLikeRegExport(std::string_view text);     // "Windows Registry Editor Version 5.00" or "REGEDIT4"

// applicationHost.config (or a web.config): the certificate settings of the server level and of every
// <location>, each as written at its own scope. effectiveSetting() applies the inheritance.
Result<ConfigLog> parseIisConfig(std::string_view text, const ConfigLimits& limits = {});
// netsh http show sslcert (any language's labels are kept; English labels are the ones checked).
Result<ConfigLog> parseNetshSslCert(std::string_view text, const ConfigLimits& limits = {});
// A .reg export: every value under every key, DWORDs as "0x" + 8 hex digits.
Result<ConfigLog> parseRegExport(std::string_view text, const ConfigLimits& limits = {});

// The value in force at an IIS path ("Default Web Site/Microsoft-Server-ActiveSync"): the most
// specific scope that sets it (location paths inherit from their parents, then the server level).
std::optional<ConfigSetting> effectiveSetting(const std::vector<ConfigSetting>& settings, std::string_view path,
                                              std::string_view name);
// The ActiveSync virtual directory's path among the settings' scopes, or empty when none names it.
std::string activeSyncPath(const std::vector<ConfigSetting>& settings);

// sslFlags as names or a number ("Ssl, SslNegotiateCert, SslRequireCert", "104"): the bits
// (Ssl=8, SslNegotiateCert=32, SslRequireCert=64, Ssl128=256); nullopt when unreadable.
std::optional<unsigned> sslFlagBits(std::string_view value);

// A registry DWORD as written in a .reg export ("0x0000001f"), as a number.
std::optional<std::uint32_t> registryDword(std::string_view value);

}  // namespace eascert::evidence
