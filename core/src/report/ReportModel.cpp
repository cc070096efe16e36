#include "ReportModel.h"

#include <map>
#include <span>

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
    j["timingsMs"] = {{"dns", ms(r.timings.dns)},
                      {"connect", ms(r.timings.connect)},
                      {"handshake", ms(r.timings.handshake)},
                      {"renegotiation", ms(r.timings.renegotiation)},
                      {"firstByte", ms(r.timings.firstByte)},
                      {"total", ms(r.timings.total)}};
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
        values.push_back(
            {{"value", v.value},
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
            {"account",
             {{"dn", in.account.dn},
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
            {"ntAuth", directory::ntAuthId(in.ntAuth.state)},
            {"ntAuthText", wording.ntAuth(in.ntAuth.state)},
            {"recommended", in.recommendedValue}};
}

// One line for a record: what it says, in the log's own terms.
// Requests per minute by status class, and the DC's events, as numbers the template draws as SVG
// (the template holds the markup; only numbers and escaped text come from here).
Json timelineJson(std::span<const evidence::EvidenceSource> sources,
                  const std::vector<evidence::RelevantRecord>& records, std::optional<std::int64_t> fixedAt,
                  const Wording& wording)
{
    struct Bucket
    {
        std::int64_t ok = 0, mappingFailed = 0, other = 0;
    };
    std::map<std::int64_t, Bucket> minutes;  // the logs' own per-minute counts, every request
    for (const auto& s : sources)
        if (s.iis)
            for (const auto& [minute, m] : s.iis->minutes) {
                auto& b = minutes[minute];
                b.ok += m.ok;
                b.mappingFailed += m.mappingFailed;
                b.other += m.other;
            }
    if (minutes.empty())
        return nullptr;
    constexpr int kWidth = 720, kHeight = 160, kMaxBars = 120;
    const std::int64_t first = minutes.begin()->first, last = minutes.rbegin()->first;
    const std::int64_t perBar = std::max<std::int64_t>(1, (last - first + kMaxBars) / kMaxBars);
    std::map<std::int64_t, Bucket> bars;
    for (const auto& [minute, b] : minutes) {
        auto& bar = bars[(minute - first) / perBar];
        bar.ok += b.ok;
        bar.mappingFailed += b.mappingFailed;
        bar.other += b.other;
    }
    std::int64_t peak = 1;
    for (const auto& [i, b] : bars)
        peak = std::max(peak, b.ok + b.mappingFailed + b.other);
    const std::int64_t span = (last - first) / perBar + 1;
    const int barWidth = std::max(2, static_cast<int>(kWidth / span) - 1);
    Json rects = Json::array();
    for (const auto& [i, b] : bars) {
        const int x = static_cast<int>(i * kWidth / span);
        int y = kHeight;
        for (const auto& [count, cls] :
             {std::pair{b.ok, "ok"}, std::pair{b.mappingFailed, "failed"}, std::pair{b.other, "other"}}) {
            if (count == 0)
                continue;
            const int h = static_cast<int>(std::max<std::int64_t>(1, count * (kHeight - 10) / peak));
            y -= h;
            rects.push_back({{"x", x}, {"y", y}, {"w", barWidth}, {"h", h}, {"cls", cls}, {"count", count}});
        }
    }
    Json marks = Json::array();
    for (const auto& r : records)
        if (r.ours && r.event && r.event->utc) {
            const std::int64_t minute = *r.event->utc / 60;
            if (minute < first || minute > last)
                continue;
            // Labels on three rows, so that events close together stay readable.
            marks.push_back({{"x", static_cast<int>((minute - first) / perBar * kWidth / span)},
                             {"ly", 10 + static_cast<int>(marks.size() % 3) * 11},
                             {"label", std::to_string(r.event->id)}});
        }
    if (fixedAt && *fixedAt / 60 >= first && *fixedAt / 60 <= last)
        marks.push_back({{"x", static_cast<int>((*fixedAt / 60 - first) / perBar * kWidth / span)},
                         {"ly", 10 + static_cast<int>(marks.size() % 3) * 11},
                         {"label", wording.label(Label::fixMoment)},
                         {"fix", true}});
    const auto clock = [](std::int64_t minute) {
        return cert::formatTime(cert::TimePoint(std::chrono::seconds(minute * 60))).substr(0, 16) + "Z";
    };
    return {{"width", kWidth},      {"height", kHeight}, {"bars", rects},           {"marks", marks},
            {"from", clock(first)}, {"to", clock(last)}, {"minutesPerBar", perBar}, {"peak", peak}};
}

Json evidenceJson(const diagnosis::Snapshot& s, const evidence::MatchTarget& target, const Wording& wording,
                  std::optional<std::int64_t> fixedAt)
{
    constexpr std::size_t kShown = 200;
    Json sources = Json::array();
    for (const auto& src : s.evidence)
        sources.push_back({{"path", src.path},
                           {"format", evidence::sourceFormatId(src.format)},
                           {"formatText", wording.sourceFormat(src.format)},
                           {"records", src.records()},
                           {"errors", src.errors()},
                           {"firstError", src.firstError()}});
    const auto records = evidence::relevantRecords(s.evidence, target);
    Json matched = Json::array(), settings = Json::array();
    std::size_t moreMatched = 0, moreSettings = 0;
    for (const auto& r : records) {
        const std::string& path = s.evidence[r.source].path;
        if (const auto* c = r.setting) {
            if (settings.size() < kShown)
                settings.push_back({{"source", path}, {"scope", c->scope}, {"name", c->name}, {"value", c->value}});
            else
                ++moreSettings;
            continue;
        }
        // IIS requests name no certificate: the timeline and the findings count them; here only those
        // that name the account.
        if (!r.ours || (r.request && r.match == evidence::CertificateMatch::None))
            continue;
        if (matched.size() >= kShown) {
            ++moreMatched;
            continue;
        }
        matched.push_back({{"source", path},
                           {"time", r.event ? r.event->time : r.request->timestamp()},
                           {"computer", r.event ? r.event->computer : std::string()},
                           {"what", evidence::recordSummary(r)},
                           {"match", evidence::certificateMatchId(r.match)},
                           {"matchText", wording.certificateMatch(r.match)}});
    }
    return {{"sources", sources},
            {"matched", matched},
            {"moreMatched", moreMatched},
            {"has_moreMatched", moreMatched > 0},
            {"settings", settings},
            {"moreSettings", moreSettings},
            {"has_moreSettings", moreSettings > 0},
            {"has_settings", !settings.empty()},
            {"has_matched", !matched.empty()},
            {"timeline", timelineJson(s.evidence, records, fixedAt, wording)}};
}

Json snapshotJson(const diagnosis::Snapshot& s, const diagnosis::Session& session, const Wording& wording)
{
    return {{"probe", s.probe ? probeJson(*s.probe, wording) : Json(nullptr)},
            {"directory", s.directory ? directoryJson(*s.directory, wording) : Json(nullptr)},
            {"evidence", s.evidence.empty() ? Json(nullptr)
                                            : evidenceJson(s, session.evidenceTarget(), wording,
                                                           session.fix() && &s == &session.after()
                                                               ? std::optional<std::int64_t>(session.fix()->appliedAt)
                                                               : std::nullopt)}};
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
            {"changeFile", fix.outcome.offline && !fix.outcome.changeFile.empty()
                               ? Json(utf8Path(fix.outcome.changeFile))
                               : Json(nullptr)},
            {"importCommands", fix.outcome.offline && !fix.outcome.changeFile.empty()
                                   ? Json(directory::importCommands(fix.outcome.changeFile))
                                   : Json::array()},
            {"ntAuth", fix.plan.ntAuth ? Json{{"published", fix.outcome.ntAuthChanged},
                                              {"ca", fix.plan.ntAuth->caName},
                                              {"store", fix.plan.ntAuth->dn},
                                              {"createdStore", fix.outcome.ntAuthStoreChanged},
                                              {"certutil", fix.plan.ntAuth->certutil()}}
                                       : Json(nullptr)}};
}

}  // namespace

Json buildContent(const diagnosis::Session& session, const Wording& wording, const Environment& environment,
                  cert::TimePoint now)
{
    const auto verdict = session.verdict(now);
    Json j;
    j["schema"] = kReportSchema;
    j["verdict"] = {{"id", diagnosis::verdictId(verdict)}, {"text", wording.verdict(verdict)}};
    j["findings"] = findingsJson(session.findings(session.before(), now), wording);
    j["findingsAfterFix"] =
        session.fixActive() ? findingsJson(session.findings(session.after(), now), wording) : Json(nullptr);
    j["certificate"] = certificateJson(session.certificate(), now);
    j["before"] = snapshotJson(session.before(), session, wording);
    j["after"] = session.fixActive() ? snapshotJson(session.after(), session, wording) : Json(nullptr);
    j["fix"] = session.fix() ? fixJson(*session.fix()) : Json(nullptr);
    Json notChecked = Json::array();
    if (!session.before().probe)
        notChecked.push_back("endpoint");
    if (!session.before().directory)
        notChecked.push_back("directory");
    j["notChecked"] = std::move(notChecked);
    j["environment"] = {
        {"toolVersion", environment.toolVersion},
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

}  // namespace eascert::report::detail
