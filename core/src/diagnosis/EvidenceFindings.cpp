// Findings from the servers' own evidence: the DC's Security and System logs, and IIS's logs.

#include <algorithm>
#include <charconv>
#include <chrono>
#include <map>

#include "References.h"
#include "eascert/diagnosis/Diagnosis.h"
#include "eascert/support/Text.h"

namespace eascert::diagnosis {

namespace {

using evidence::CertificateMatch;
using evidence::EventKind;

using references::kKb5014754;
using references::kKb5057784;
constexpr const char* kEvent4768 = "https://learn.microsoft.com/previous-versions/windows/it-pro/windows-10/security/"
                                   "threat-protection/auditing/event-4768";
constexpr const char* kIisCba = "https://learn.microsoft.com/iis/configuration/system.webserver/security/"
                                "authentication/clientcertificatemappingauthentication";
constexpr const char* kCertificateMappingMethods =
    "https://learn.microsoft.com/troubleshoot/windows-server/windows-security/certificate-mapping-methods";
constexpr const char* kIisSubstatus =
    "https://learn.microsoft.com/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-status-code";

constexpr std::uint32_t kPrincipalUnknown = 0x6;
constexpr const char* kPrincipalUnknownText = "0x6";  // as the Security log writes it
constexpr std::uint32_t kTls13Refused = 2147942450U;  // 0x80070032

// What one kind of finding gathers over its records.
struct Gathered
{
    Severity severity = Severity::Warning;
    std::size_t count = 0;
    CertificateMatch best = CertificateMatch::None;
    std::string first, last;
    std::optional<std::int64_t> firstUtc, lastUtc;
    std::vector<std::string> events;  // event ids seen ("4768", "45")
    std::vector<std::string> names;   // the certificate names the KDC was asked for
    std::vector<std::string> accounts;
    std::vector<std::string> devices;
    std::vector<std::string> computers;  // the DCs or the logs' sources
    std::vector<std::string> details;    // status texts

    void addOnce(std::vector<std::string>& list, std::string_view item)
    {
        const auto v = text::trim(item);
        if (!v.empty() && v != "-" && list.size() < 20 && std::find(list.begin(), list.end(), v) == list.end())
            list.emplace_back(v);
    }
    void at(const std::string& time, std::optional<std::int64_t> utc)
    {
        if (time.empty())
            return;
        if (first.empty() || (utc && firstUtc && *utc < *firstUtc)) {
            first = time;
            firstUtc = utc;
        }
        if (last.empty() || !utc || !lastUtc || *utc >= *lastUtc) {
            last = time;
            lastUtc = utc;
        }
    }
};

bool mentionsNtAuth(std::string_view status)
{
    const auto folded = text::foldCase(status);
    return folded.find("policy provider") != std::string::npos || folded.find("800b0112") != std::string::npos;
}

std::optional<FindingId> findingFor(const evidence::Event& e, Severity& severity)
{
    if (e.kind == EventKind::Security && (e.id == 4768 || e.id == 4771)) {
        const auto status = evidence::parseStatusCode(e.field("Status"));
        if (status == kPrincipalUnknown && !evidence::x509nName(e).empty()) {
            severity = Severity::Critical;
            return FindingId::KdcPrincipalUnknown;
        }
        return std::nullopt;
    }
    if (e.kind != EventKind::Kdc)
        return std::nullopt;
    severity = Severity::Critical;
    switch (e.id) {
    case 39:
    case 48: return FindingId::KdcWeakMapping;
    case 40:
    case 49: return FindingId::KdcCertPredatesAccount;
    case 41: return FindingId::KdcSidMismatch;
    case 45: severity = Severity::Warning; return FindingId::NtAuthChainMissing;
    case 21:
        if (mentionsNtAuth(e.field("Status")) || mentionsNtAuth(e.message))
            return FindingId::NtAuthChainMissing;
        return std::nullopt;
    default: return std::nullopt;
    }
}

std::optional<FindingId> findingFor(const evidence::IisRequest& r, Severity& severity)
{
    const int status = r.status.value_or(0), sub = r.substatus.value_or(0);
    severity = Severity::Critical;
    if (status == 401 && sub == 2)
        return FindingId::IisMappingFailed;
    if (status == 413) {
        severity = Severity::Warning;
        return FindingId::IisUploadReadAhead;
    }
    if (status == 500 && r.win32Status == kTls13Refused)
        return FindingId::Tls13NoRenegotiation;
    return std::nullopt;
}

std::vector<std::string> referencesFor(FindingId id)
{
    switch (id) {
    case FindingId::KdcPrincipalUnknown: return {kEvent4768};
    case FindingId::KdcWeakMapping:
    case FindingId::KdcCertPredatesAccount:
    case FindingId::KdcSidMismatch: return {kKb5014754};
    case FindingId::NtAuthChainMissing: return {kKb5057784};
    case FindingId::IisMappingFailed:
    case FindingId::IisUploadReadAhead:
    case FindingId::Tls13NoRenegotiation: return {kIisSubstatus};
    case FindingId::IisCbaDisabled:
    case FindingId::IisClientCertNotRequired:
    case FindingId::HttpDsMapperDisabled:
    case FindingId::HttpCtlExcludesIssuer: return {kIisCba};
    case FindingId::SchannelWeakMappingMethods: return {kCertificateMappingMethods, kKb5014754};
    case FindingId::RegistrySettingIgnored: return {kKb5014754, kKb5057784};
    default: return {};
    }
}

using evidence::ConfigSetting;
using evidence::SourceFormat;

constexpr unsigned kSslRequireCert = 64;
constexpr unsigned kDefaultUploadReadAhead = 49152;  // IIS's default, bytes

Finding settingFinding(FindingId id, Severity severity, const ConfigSetting& s,
                       std::vector<std::pair<std::string, std::string>> more = {})
{
    Finding f{id,           severity,          {{"scope", s.scope}, {"setting", s.name}, {"value", s.value}},
              std::nullopt, referencesFor(id), std::nullopt};
    if (s.line)
        f.evidence.emplace_back("line", std::to_string(s.line));
    f.evidence.insert(f.evidence.end(), more.begin(), more.end());
    return f;
}

std::vector<ConfigSetting> settingsOf(std::span<const evidence::EvidenceSource> sources, SourceFormat format)
{
    std::vector<ConfigSetting> out;
    for (const auto& s : sources)
        if (s.format == format && s.config)
            out.insert(out.end(), s.config->settings.begin(), s.config->settings.end());
    return out;
}

bool keyEndsWith(std::string_view key, std::string_view tail)
{
    return text::foldCase(key).ends_with(text::foldCase(tail));
}

void settingsFindings(std::span<const evidence::EvidenceSource> sources, cert::TimePoint now, std::vector<Finding>& out)
{
    using namespace std::chrono;
    // IIS: the mapping switch at the server and on the ActiveSync vdir, sslFlags, the read-ahead size.
    const auto iis = settingsOf(sources, SourceFormat::IisConfig);
    std::optional<unsigned> uploadReadAhead;
    if (!iis.empty()) {
        const std::string vdir = evidence::activeSyncPath(iis);
        const std::string cba = "clientCertificateMappingAuthentication.enabled";
        std::vector<std::string> scopes{"(server)"};
        if (!vdir.empty())
            scopes.push_back(vdir);
        for (const auto& scope : scopes) {
            const auto s = evidence::effectiveSetting(iis, scope, cba);
            if (!s || !text::equalsIgnoreCase(s->value, "true"))
                out.push_back(settingFinding(FindingId::IisCbaDisabled, Severity::Critical,
                                             s.value_or(ConfigSetting{scope, cba, "false (not set: the default)", 0}),
                                             {{"at", scope}}));
        }
        const std::string where = vdir.empty() ? "(server)" : vdir;
        if (const auto flags = evidence::effectiveSetting(iis, where, "access.sslFlags")) {
            const auto bits = evidence::sslFlagBits(flags->value);
            if (!bits || !(*bits & kSslRequireCert))
                out.push_back(
                    settingFinding(FindingId::IisClientCertNotRequired, Severity::Critical, *flags, {{"at", where}}));
        } else if (!vdir.empty()) {
            out.push_back(settingFinding(FindingId::IisClientCertNotRequired, Severity::Critical,
                                         ConfigSetting{where, "access.sslFlags", "None (not set: the default)", 0}));
        }
        const auto readAhead = evidence::effectiveSetting(iis, where, "serverRuntime.uploadReadAheadSize");
        uploadReadAhead = kDefaultUploadReadAhead;
        unsigned bytes = 0;
        if (readAhead &&
            std::from_chars(readAhead->value.data(), readAhead->value.data() + readAhead->value.size(), bytes).ec ==
                std::errc())
            uploadReadAhead = bytes;
    }

    // HTTP.sys bindings on 443: the DS mapper, the CTL, and negotiation with a small read-ahead.
    for (const auto& s : settingsOf(sources, SourceFormat::NetshSslCert)) {
        if (!s.scope.ends_with(":443"))
            continue;
        if (s.name == "DS Mapper Usage" && text::equalsIgnoreCase(s.value, "Disabled"))
            out.push_back(settingFinding(FindingId::HttpDsMapperDisabled, Severity::Critical, s));
        if (s.name == "Ctl Identifier" && !s.value.empty() && s.value != "(null)")
            out.push_back(settingFinding(FindingId::HttpCtlExcludesIssuer, Severity::Warning, s));
        if (s.name == "Negotiate Client Certificate" && text::equalsIgnoreCase(s.value, "Disabled") &&
            uploadReadAhead && *uploadReadAhead <= kDefaultUploadReadAhead)
            out.push_back(settingFinding(FindingId::IisUploadReadAhead, Severity::Warning, s,
                                         {{"uploadReadAheadSize", std::to_string(*uploadReadAhead)}}));
    }

    // The registry: Schannel's mapping methods, and the KDC's switches that no longer work.
    const auto ignoredSince = [](int y, unsigned m, unsigned d) { return sys_days(year(y) / month(m) / day(d)); };
    for (const auto& s : settingsOf(sources, SourceFormat::RegExport)) {
        const auto value = evidence::registryDword(s.value);
        if (keyEndsWith(s.scope, "\\SecurityProviders\\SCHANNEL") && s.name == "CertificateMappingMethods" && value &&
            (*value & 0x4))
            out.push_back(settingFinding(FindingId::SchannelWeakMappingMethods, Severity::Warning, s));
        if (!keyEndsWith(s.scope, "\\Services\\Kdc"))
            continue;
        std::optional<sys_days> since;
        if (s.name == "StrongCertificateBindingEnforcement" || s.name == "CertificateBackdatingCompensation")
            since = ignoredSince(2025, 9, 9);
        else if (s.name == "AllowNtAuthPolicyBypass")
            since = ignoredSince(2025, 10, 14);
        if (since && now >= *since)
            out.push_back(
                settingFinding(FindingId::RegistrySettingIgnored, Severity::Warning, s,
                               {{"ignoredSince", cert::formatTime(time_point_cast<seconds>(*since)).substr(0, 10)}}));
    }
}

}  // namespace

std::vector<Finding> evidenceFindings(std::span<const evidence::EvidenceSource> sources,
                                      const evidence::MatchTarget& target, cert::TimePoint now)
{
    return evidenceFindings(sources, evidence::relevantRecords(sources, target), now);
}

std::vector<Finding> evidenceFindings(std::span<const evidence::EvidenceSource> sources,
                                      std::span<const evidence::RelevantRecord> records, cert::TimePoint now)
{
    std::map<FindingId, Gathered> gathered;
    for (const auto& record : records) {
        if (!record.ours || record.setting)
            continue;
        Severity severity = Severity::Warning;
        const auto id = record.event ? findingFor(*record.event, severity) : findingFor(*record.request, severity);
        if (!id)
            continue;
        auto& g = gathered[*id];
        ++g.count;
        g.severity = std::min(g.severity, severity);  // Critical < Warning: one event 21 makes NTAuth critical
        g.best = std::min(g.best, record.match);
        if (const auto* e = record.event) {
            g.at(e->time, e->utc);
            g.addOnce(g.events, std::to_string(e->id));
            g.addOnce(g.names, evidence::x509nName(*e));
            g.addOnce(g.names, e->field("Subject"));
            g.addOnce(g.accounts, e->field("AccountName"));
            g.addOnce(g.accounts, e->field("Username"));
            g.addOnce(g.computers, e->computer);
            if (e->id == 21)
                g.addOnce(g.details, e->field("Status"));
        } else {
            const auto& r = *record.request;
            g.at(r.timestamp(), std::nullopt);
            std::string device = r.deviceType;
            if (!r.deviceId.empty())
                device += (device.empty() ? "" : " ") + r.deviceId;
            g.addOnce(g.devices, device);
            g.addOnce(g.accounts, r.easUser.empty() ? r.userName : r.easUser);
            g.addOnce(g.computers, sources[record.source].path);
        }
    }
    std::vector<Finding> out;
    for (auto& [id, g] : gathered) {
        Finding f{id, g.severity, {}, std::nullopt, referencesFor(id), g.best};
        f.evidence.emplace_back("count", std::to_string(g.count));
        for (const auto& e : g.events)
            f.evidence.emplace_back("event", e);
        if (id == FindingId::KdcPrincipalUnknown)
            f.evidence.emplace_back("status", kPrincipalUnknownText);
        for (const auto& n : g.names)
            f.evidence.emplace_back(id == FindingId::KdcPrincipalUnknown ? "name" : "subject", n);
        for (const auto& a : g.accounts)
            f.evidence.emplace_back("account", a);
        for (const auto& d : g.devices)
            f.evidence.emplace_back("device", d);
        for (const auto& d : g.details)
            f.evidence.emplace_back("status", d);
        if (!g.first.empty())
            f.evidence.emplace_back("first", g.first);
        if (!g.last.empty() && g.last != g.first)
            f.evidence.emplace_back("last", g.last);
        for (const auto& c : g.computers)
            f.evidence.emplace_back(id == FindingId::IisMappingFailed || id == FindingId::IisUploadReadAhead ||
                                            id == FindingId::Tls13NoRenegotiation
                                        ? "log"
                                        : "computer",
                                    c);
        out.push_back(std::move(f));
    }
    std::vector<Finding> settings;
    settingsFindings(sources, now, settings);
    // One finding per setting and place: a file that repeats a line does not repeat the finding.
    for (auto& f : settings) {
        const bool seen = std::any_of(out.begin(), out.end(), [&](const Finding& o) {
            return o.id == f.id && !o.evidence.empty() && !f.evidence.empty() && o.evidence[0] == f.evidence[0] &&
                   o.evidence.size() > 1 && f.evidence.size() > 1 && o.evidence[1] == f.evidence[1];
        });
        if (!seen)
            out.push_back(std::move(f));
    }
    return out;
}

}  // namespace eascert::diagnosis
