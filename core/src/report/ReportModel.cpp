#include "ReportModel.h"

#include "eascert/directory/Fix.h"
#include "eascert/mapping/WindowsName.h"
#include "eascert/support/Bytes.h"
#include "eascert/support/Path.h"

namespace eascert::report::detail {

namespace {

Json nullable(const std::optional<std::string>& v)
{
    return v ? Json(*v) : Json(nullptr);
}

Json findingsJson(const std::vector<diagnosis::Finding>& findings, const Wording& wording)
{
    Json list = Json::array();
    for (const auto& f : findings) {
        const auto words = wording.finding(f);
        Json evidence = Json::array();
        for (const auto& [key, value] : f.evidence)
            evidence.push_back({{"key", key},
                                {"value", value},
                                {"label", wording.evidenceLabel(key)},
                                {"text", wording.evidenceValue(key, value)}});
        list.push_back({{"id", diagnosis::findingId(f.id)},
                        {"severity", diagnosis::severityId(f.severity)},
                        {"severityText", wording.severity(f.severity)},
                        {"title", words.title},
                        {"cause", words.cause},
                        {"fixSteps", words.fixSteps},
                        {"evidence", std::move(evidence)},
                        {"fixValue", nullable(f.fixValue)},
                        {"references", f.references}});
    }
    return list;
}

Json certificateJson(const cert::LoadedCertificate& loaded, cert::TimePoint now)
{
    const auto& c = loaded.certificate.info();
    Json ekus = Json::array();
    for (const auto& e : c.ekus)
        ekus.push_back(e.name.empty() ? e.oid : e.name + " (" + e.oid + ")");
    return {{"subject", mapping::displayName(c.subject)},
            {"issuer", mapping::displayName(c.issuer)},
            {"serial", toHex(c.serialMagnitude())},
            {"notBefore", cert::formatTime(c.notBefore)},
            {"notAfter", cert::formatTime(c.notAfter)},
            {"validity", cert::validityId(cert::validityAt(c, now).state)},
            {"sha1", toHex(c.sha1Thumbprint)},
            {"sha256", toHex(c.sha256Thumbprint)},
            {"extendedKeyUsage", std::move(ekus)},
            {"clientAuthAllowed", c.allowsClientAuth()},
            {"upns", c.upns()},
            {"emails", c.emails()},
            {"sid", nullable(c.sid())},
            {"hasPrivateKey", loaded.hasPrivateKey},
            {"format", cert::sourceFormatId(loaded.format)}};
}

Json probeJson(const diagnosis::ProbeRun& run, const Wording& wording)
{
    const auto& r = run.result;
    Json j;
    j["url"] = run.url;
    j["method"] = run.method == probe::Method::Get ? "GET" : "OPTIONS";
    j["outcome"] = probe::outcomeId(run.verdict.outcome);
    j["outcomeText"] = wording.probeOutcome(run.verdict.outcome);
    j["authenticated"] = run.verdict.outcome == probe::Outcome::Authenticated;
    j["address"] = r.address;
    j["proxied"] = r.proxied;
    j["stage"] = probe::stageId(r.stage);
    j["stageText"] = wording.stage(r.stage);
    j["error"] = r.failure ? Json({{"code", errorId(r.failure->code)}, {"detail", r.failure->detail}}) : Json(nullptr);
    j["tlsProtocol"] = r.tls.protocol;
    j["cipher"] = r.tls.cipher;
    j["serverCertificate"] = r.tls.serverChain.empty() ? "" : mapping::displayName(r.tls.serverChain.front().subject);
    j["serverVerified"] = r.tls.serverVerified;
    j["verificationRequested"] = run.verifyServer;
    j["verifyError"] = r.tls.verifyError;
    j["certificateRequested"] = probe::certificateRequestId(r.tls.requested);
    j["caList"] = r.tls.caList;
    j["issuerInCaList"] = r.tls.issuerInCaList ? Json(*r.tls.issuerInCaList) : Json(nullptr);
    j["certificateSent"] = r.tls.clientCertificateSent;
    j["alert"] = r.tls.alertReceived;
    if (r.http) {
        j["http"] = {{"status", r.http->status},
                     {"substatus", r.http->substatus ? Json(*r.http->substatus) : Json(nullptr)},
                     {"statusText", std::to_string(r.http->status) +
                                        (r.http->substatus ? "." + std::to_string(*r.http->substatus) : "") + " " +
                                        r.http->reason},
                     {"wwwAuthenticate", r.http->wwwAuthenticate},
                     {"msAsProtocolVersions", r.http->msAsProtocolVersions}};
    } else {
        j["http"] = nullptr;
    }
    const auto ms = [](std::chrono::milliseconds d) { return d.count(); };
    j["timingsMs"] = {{"dns", ms(r.timings.dns)},           {"connect", ms(r.timings.connect)},
                      {"handshake", ms(r.timings.handshake)}, {"renegotiation", ms(r.timings.renegotiation)},
                      {"firstByte", ms(r.timings.firstByte)}, {"total", ms(r.timings.total)}};
    return j;
}

Json directoryJson(const diagnosis::DirectoryRun& run, const Wording& wording)
{
    const auto& in = run.inspection;
    Json states = Json::array();
    Json stateTexts = Json::array();
    for (auto s : in.states) {
        states.push_back(directory::inspectStateId(s));
        stateTexts.push_back(wording.inspectState(s));
    }
    Json values = Json::array();
    for (const auto& v : in.values) {
        Json reasons = Json::array();
        Json reasonTexts = Json::array();
        for (const auto& r : v.result.reasons) {
            reasons.push_back(mapping::reasonId(r.reason));
            reasonTexts.push_back(wording.reason(r.reason));
        }
        values.push_back({{"value", v.value},
                          {"verdict", mapping::verdictId(v.result.verdict)},
                          {"verdictText", wording.mappingVerdict(v.result.verdict)},
                          {"strength", v.result.strength ? Json(mapping::strengthId(*v.result.strength)) : Json(nullptr)},
                          {"strengthText", v.result.strength ? Json(wording.strength(*v.result.strength)) : Json("")},
                          {"reasons", std::move(reasons)},
                          {"reasonTexts", std::move(reasonTexts)}});
    }
    Json others = Json::array();
    for (const auto& o : in.otherAccounts)
        others.push_back(o.dn);
    return {{"source", run.directory},
            {"account", {{"dn", in.account.dn},
                         {"sAMAccountName", in.account.samAccountName},
                         {"userPrincipalName", in.account.userPrincipalName},
                         {"disabled", in.account.disabled()},
                         {"foundBy", directory::foundById(in.foundBy)},
                         {"foundByText", wording.foundBy(in.foundBy)}}},
            {"states", std::move(states)},
            {"stateTexts", std::move(stateTexts)},
            {"altSecurityIdentities", std::move(values)},
            {"certificatePublished", in.certificatePublished},
            {"otherAccounts", std::move(others)},
            {"ntAuth", directory::ntAuthId(in.ntAuth)},
            {"ntAuthText", wording.ntAuth(in.ntAuth)},
            {"recommended", in.recommendedValue}};
}

Json snapshotJson(const diagnosis::Snapshot& s, const Wording& wording)
{
    return {{"probe", s.probe ? probeJson(*s.probe, wording) : Json(nullptr)},
            {"directory", s.directory ? directoryJson(*s.directory, wording) : Json(nullptr)}};
}

Json fixJson(const diagnosis::FixRun& fix)
{
    return {{"dn", fix.plan.dn},
            {"added", fix.outcome.added},
            {"removed", fix.outcome.removed},
            {"valuesBefore", fix.outcome.before},
            {"valuesAfter", fix.outcome.after},
            {"backupFile", utf8Path(fix.outcome.backupFile)},
            {"ldif", fix.plan.ldif()},
            {"powershell", fix.plan.powershell()},
            {"undone", fix.undone},
            {"offline", fix.outcome.offline},
            {"changeFile", fix.outcome.offline && !fix.outcome.changeFile.empty() ? Json(utf8Path(fix.outcome.changeFile)) : Json(nullptr)},
            {"importCommands", fix.outcome.offline && !fix.outcome.changeFile.empty()
                                   ? Json(directory::importCommands(fix.outcome.changeFile))
                                   : Json::array()}};
}

} // namespace

Json buildContent(const diagnosis::Session& session, const Wording& wording, const Environment& environment,
                  cert::TimePoint now)
{
    const auto verdict = session.verdict(now);
    Json j;
    j["schema"] = kReportSchema;
    j["verdict"] = {{"id", diagnosis::verdictId(verdict)}, {"text", wording.verdict(verdict)}};
    j["findings"] = findingsJson(session.findings(session.before(), now), wording);
    j["findingsAfterFix"] = session.fixActive() ? findingsJson(session.findings(session.after(), now), wording)
                                                : Json(nullptr);
    j["certificate"] = certificateJson(session.certificate(), now);
    j["before"] = snapshotJson(session.before(), wording);
    j["after"] = session.fixActive() ? snapshotJson(session.after(), wording) : Json(nullptr);
    j["fix"] = session.fix() ? fixJson(*session.fix()) : Json(nullptr);
    Json notChecked = Json::array();
    if (!session.before().probe)
        notChecked.push_back("endpoint");
    if (!session.before().directory)
        notChecked.push_back("directory");
    j["notChecked"] = std::move(notChecked);
    j["environment"] = {{"toolVersion", environment.toolVersion},
                        {"generatedAt", environment.generatedAt.empty() ? cert::formatTime(now) : environment.generatedAt},
                        {"ranBy", environment.ranBy},
                        {"platform", environment.platform},
                        {"redacted", false}};
    j["nonUtf8Text"] = false;
    return j;
}

bool serverSentNonUtf8(const diagnosis::Session& session)
{
    for (const auto* s : {&session.before(), &session.after()})
        if (s->probe && s->probe->result.http && s->probe->result.http->nonUtf8Text)
            return true;
    return false;
}

} // namespace eascert::report::detail
