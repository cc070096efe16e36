// eascert evidence FILE...: the servers' own logs (DC events, IIS logs), read and tied to the certificate.

#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "CertificateInput.h"
#include "Commands.h"
#include "ExitCode.h"
#include "Messages.h"
#include "ReportWording.h"
#include "Terms.h"
#include "eascert/diagnosis/Diagnosis.h"
#include "eascert/evidence/Evidence.h"
#include "eascert/mapping/WindowsName.h"
#include "eascert/support/JsonText.h"
#include "eascert/support/Path.h"
#include "eascert/support/Text.h"

namespace eascert::cli {

namespace {

constexpr const char* kEvidenceSchema = "eascert.evidence.v1";

struct EvidenceArgs
{
    std::vector<std::string> files;
    std::vector<std::string> live;  // event log channels read live (Windows)
    std::string computer;           // whose live logs: a DC; empty: this computer
    bool localIisConfig = false;
    CertificateArgs certificate;
    std::vector<std::string> accounts;
    std::string since;
    bool json = false;
};

using Json = nlohmann::ordered_json;

Json eventJson(const evidence::RelevantRecord& r, const std::vector<evidence::EvidenceSource>& sources)
{
    Json j;
    j["source"] = sources[r.source].path;
    if (const auto* e = r.event) {
        j["kind"] = evidence::eventKindId(e->kind);
        j["id"] = e->id;
        j["time"] = e->time;
        j["computer"] = e->computer;
        j["provider"] = e->provider;
        j["record"] = e->record;
        Json data = Json::object();
        for (const auto& [name, value] : e->data)
            data[name] = value;
        j["data"] = std::move(data);
    } else if (const auto* s = r.setting) {
        j["kind"] = "config-setting";
        j["format"] = evidence::sourceFormatId(sources[r.source].format);
        j["scope"] = s->scope;
        j["name"] = s->name;
        j["value"] = s->value;
        j["line"] = s->line;
    } else {
        const auto& q = *r.request;
        j["kind"] = "iis-request";
        j["line"] = q.line;
        j["time"] = q.timestamp();
        j["status"] = q.status ? Json(*q.status) : Json();
        j["substatus"] = q.substatus ? Json(*q.substatus) : Json();
        j["win32Status"] = q.win32Status ? Json(*q.win32Status) : Json();
        j["uri"] = q.uriStem + (q.uriQuery.empty() ? "" : "?" + q.uriQuery);
        j["user"] = q.easUser.empty() ? q.userName : q.easUser;
        j["deviceId"] = q.deviceId;
        j["deviceType"] = q.deviceType;
        j["userAgent"] = q.userAgent;
        j["clientIp"] = q.clientIp;
        j["meaning"] =
            evidence::iisStatusMeaning(q.status.value_or(0), q.substatus.value_or(0), q.win32Status.value_or(0));
    }
    j["certificateMatch"] = evidence::certificateMatchId(r.match);
    j["ours"] = r.ours;
    return j;
}

Json findingJson(const diagnosis::Finding& f)
{
    Json evidence = Json::object();
    for (const auto& [key, value] : f.evidence) {
        if (!evidence.contains(key))
            evidence[key] = value;
        else {
            if (!evidence[key].is_array())
                evidence[key] = Json::array({evidence[key]});
            evidence[key].push_back(value);
        }
    }
    return Json{{"id", diagnosis::findingId(f.id)},
                {"severity", diagnosis::severityId(f.severity)},
                {"certificateMatch",
                 evidence::certificateMatchId(f.certificateMatch.value_or(evidence::CertificateMatch::None))},
                {"evidence", std::move(evidence)}};
}

std::string oneLine(const evidence::RelevantRecord& r)
{
    std::string when;
    if (r.event)
        when = r.event->time + "  " + r.event->computer + "  ";
    else if (r.request)
        when = r.request->timestamp() + "  ";
    return text::printable(when) + evidence::recordSummary(r);
}

int runEvidence(const EvidenceArgs& args)
{
    std::optional<cert::LoadedCertificate> loaded;
    if (!args.certificate.file.empty()) {
        auto l = loadCertificate(args.certificate);
        if (!l)
            return reportError(l.error(), args.json, kEvidenceSchema);
        loaded = std::move(*l);
    }
    std::optional<std::int64_t> since;
    if (!args.since.empty()) {
        since = evidence::parseUtcTime(args.since);
        if (!since)
            return reportError(Error::make(ErrorCode::InvalidArgument,
                                           "--since " + text::printable(args.since) +
                                               ": give a time as 2026-12-01, 2026-12-01 09:30 or 2026-12-01T09:30:00Z "
                                               "(UTC unless it names a zone)"),
                               args.json, kEvidenceSchema);
    }

    std::vector<evidence::EvidenceSource> sources;
    Json sourcesJson = Json::array();
    std::optional<Error> firstError;
    std::size_t undated = 0;
    struct Input
    {
        std::string name;  // a file, or "Security on DC1"
        std::string live;  // the channel, when read live
    };
    std::vector<Input> inputs;
    for (const auto& file : args.files)
        inputs.push_back({file, {}});
    if (args.localIisConfig) {
        const auto config = evidence::localIisConfig();
        if (!config)
            return reportError(Error::make(ErrorCode::NotSupportedHere,
                                           "--local-iis-config reads this Windows server's applicationHost.config; "
                                           "elsewhere give the file copied from the server"),
                               args.json, kEvidenceSchema);
        inputs.push_back({utf8Path(*config), {}});
    }
    for (const auto& channel : args.live)
        inputs.push_back(
            {channel + " on " + (args.computer.empty() ? std::string("this computer") : args.computer), channel});
    if (inputs.empty())
        return reportError(Error::make(ErrorCode::InvalidArgument,
                                       "nothing to read: give evidence files, --live CHANNEL or --local-iis-config"),
                           args.json, kEvidenceSchema);
    for (const auto& [file, channel] : inputs) {
        auto source = channel.empty() ? evidence::readEvidenceFile(pathFromUtf8(file))
                                      : evidence::readLiveEvidence(args.computer, channel);
        if (!source) {
            const auto message = describeEvidenceError(source.error());
            std::cerr << "eascert: error: " << text::printable(message) << '\n';
            sourcesJson.push_back(
                {{"path", file}, {"error", {{"code", errorId(source.error().code)}, {"message", message}}}});
            if (!firstError)
                firstError = source.error();
            continue;
        }
        if (since)
            undated += evidence::keepSince(*source, *since);
        Json s{{"path", source->path},
               {"format", evidence::sourceFormatId(source->format)},
               {"records", source->records()},
               {"errors", source->errors()},
               {"notKept", source->notKept()}};
        if (source->errors())
            s["firstError"] = source->firstError();
        sourcesJson.push_back(std::move(s));
        sources.push_back(std::move(*source));
    }

    const auto target = evidence::matchTarget(loaded ? &loaded->certificate.info() : nullptr, args.accounts);
    const auto records = evidence::relevantRecords(sources, target);
    const auto findings = diagnosis::evidenceFindings(sources, records, cert::currentTime());
    const bool problem = std::any_of(findings.begin(), findings.end(), [](const diagnosis::Finding& f) {
        return f.severity != diagnosis::Severity::Info;
    });

    if (args.json) {
        Json j;
        j["schema"] = kEvidenceSchema;
        if (loaded)
            j["certificate"] = {{"subject", mapping::displayName(loaded->certificate.info().subject)},
                                {"thumbprint", toHex(loaded->certificate.info().sha1Thumbprint)}};
        j["sources"] = std::move(sourcesJson);
        if (since)
            j["since"] = {{"utc", *since}, {"undatedKept", undated}};
        Json events = Json::array();
        for (const auto& r : records)
            events.push_back(eventJson(r, sources));
        j["events"] = std::move(events);
        Json fs = Json::array();
        for (const auto& f : findings)
            fs.push_back(findingJson(f));
        j["findings"] = std::move(fs);
        std::cout << text::safeDump(j, 2) << '\n';
    } else {
        if (sources.empty())  // nothing was read: no verdict to give (the errors above say why)
            return exitCodeFor(firstError ? firstError->code : ErrorCode::InvalidArgument);
        const common::ReportWording wording;
        std::cout << "Evidence read:\n";
        for (const auto& s : sources) {
            std::cout << "  " << text::printable(s.path) << ": " << common::terms::sourceFormat(s.format) << ", "
                      << s.records()
                      << (s.iis      ? " requests"
                          : s.config ? " settings"
                                     : " events");
            if (s.errors())
                std::cout << ", " << s.errors() << " damaged (" << text::printable(s.firstError()) << ")";
            if (s.notKept())
                std::cout << ", " << s.notKept()
                          << " more that matter not kept (the first ones are; the timeline "
                             "counts them all)";
            std::cout << '\n';
        }
        if (since && undated)
            std::cout << "  " << undated
                      << " records show local time without a zone: kept, not compared with --since\n";
        const auto ours = std::count_if(records.begin(), records.end(), [](const auto& r) { return r.ours; });
        if (target.certificate || !target.accounts.empty())
            std::cout << ours << " of " << records.size() << " certificate-related records are about this "
                      << (target.certificate ? "certificate" : "account") << ".\n";
        if (findings.empty())
            std::cout << "No certificate sign-in problem in this evidence.\n";
        for (const auto& f : findings) {
            const auto words = wording.finding(f);
            std::cout << "- " << wording.severity(f.severity) << ": " << words.title;
            if (target.certificate || !target.accounts.empty())
                std::cout << " ("
                          << common::terms::certificateMatch(
                                 f.certificateMatch.value_or(evidence::CertificateMatch::None))
                          << ")";
            std::cout << '\n';
            for (const auto& [key, value] : f.evidence)
                std::cout << "    " << common::terms::evidenceLabel(key) << ": "
                          << text::printable(common::terms::evidenceValue(key, value)) << '\n';
            if (!words.fixSteps.empty())
                std::cout << "    what to do: " << words.fixSteps.front() << '\n';
        }
        if (ours > 0) {
            if (target.certificate || !target.accounts.empty())
                std::cout << "Records about this " << (target.certificate ? "certificate" : "account") << ":\n";
            else
                std::cout << "Certificate-related records (give --cert to tell this certificate's from others'):\n";
            std::size_t shown = 0;
            for (const auto& r : records)
                if (r.ours && shown++ < 20)
                    std::cout << "  " << oneLine(r) << "  [" << evidence::certificateMatchId(r.match) << "]\n";
            if (shown > 20)
                std::cout << "  ... and " << (shown - 20) << " more (--json lists them all)\n";
        }
    }
    if (firstError)
        return exitCodeFor(firstError->code);
    return problem ? ProblemFound : Ok;
}

}  // namespace

void addEvidenceCommand(CLI::App& app, Context& context)
{
    auto args = std::make_shared<EvidenceArgs>();
    auto* cmd = app.add_subcommand(
        "evidence",
        "Read the servers' logs (DC events: .evtx, XML, text, CSV; IIS logs) and tie them to the certificate");
    cmd->add_option("files", args->files, "Evidence files; the format is recognised from the content");
    cmd->add_option("--live", args->live,
                    "Windows: read this event log live (Security, System), the certificate events only; repeatable");
    cmd->add_option("--computer", args->computer,
                    "Windows: whose live logs (a domain controller), with your logon; default this computer");
    cmd->add_flag("--local-iis-config", args->localIisConfig,
                  "Windows: read this server's IIS configuration (applicationHost.config)");
    addCertificateFileOption(*cmd, args->certificate, false, "The user's certificate: events are matched to it");
    cmd->add_option("--account", args->accounts,
                    "An account name the logs may use (sAMAccountName, UPN, DOMAIN\\user); repeatable");
    cmd->add_option("--since", args->since, "Only records from this time on (UTC unless a zone is given)");
    cmd->add_flag("--json", args->json, "Print JSON (schema eascert.evidence.v1)");
    cmd->callback([args, &context] { context.exitCode = runEvidence(*args); });
}

}  // namespace eascert::cli
