#include <iostream>
#include <memory>

#include "CertificateInput.h"
#include "CertificateJson.h"
#include "Commands.h"
#include "ExitCode.h"
#include "Messages.h"
#include "Terms.h"
#include "eascert/mapping/MappingMatch.h"
#include "eascert/mapping/WindowsName.h"
#include "eascert/support/JsonText.h"

namespace eascert::cli {

using nlohmann::ordered_json;

namespace {

struct MappingArgs
{
    CertificateArgs input;
    bool json = false;
};

struct CheckArgs
{
    CertificateArgs input;
    std::string value;
    bool json = false;
};

int runMappings(const MappingArgs& args)
{
    auto loaded = loadCertificate(args.input);
    if (!loaded)
        return reportError(loaded.error(), args.json, kMappingSchema);
    const auto& info = loaded->certificate.info();
    const auto candidates = mapping::buildMappings(info);
    const auto best = mapping::recommended(candidates);

    if (args.json) {
        ordered_json j;
        j["schema"] = kMappingSchema;
        j["file"] = args.input.file;
        j["certificate"] = certificateSummaryJson(info);
        j["recommended"] = best ? ordered_json(*best->value) : ordered_json(nullptr);
        ordered_json forms = ordered_json::array();
        for (const auto& c : candidates) {
            ordered_json f;
            f["form"] = mapping::formId(c.form);
            f["syntax"] = mapping::formSyntax(c.form);
            f["strength"] = mapping::strengthId(c.strength);
            f["value"] = c.value ? ordered_json(*c.value) : ordered_json(nullptr);
            f["unavailable"] = c.value ? ordered_json(nullptr) : ordered_json(mapping::unavailableId(c.unavailable));
            f["rank"] = c.rank;
            ordered_json notes = ordered_json::array();
            for (auto n : c.notes)
                notes.push_back(mapping::noteId(n));
            f["notes"] = std::move(notes);
            forms.push_back(std::move(f));
        }
        j["forms"] = std::move(forms);
        std::cout << text::safeDump(j, 2) << '\n';
        return Ok;
    }

    std::cout << "Certificate: " << mapping::displayName(info.subject) << "\n  issued by "
              << mapping::displayName(info.issuer) << ", serial " << toHex(info.serial) << "\n\n";
    if (best) {
        std::cout << "Recommended altSecurityIdentities value (" << formName(best->form) << ", strong):\n  "
                  << *best->value << "\n\n";
    }
    std::cout << "All forms:\n";
    for (const auto& c : candidates) {
        std::cout << "  [" << mapping::strengthId(c.strength) << "] " << formName(c.form) << '\n';
        if (c.value)
            std::cout << "      " << *c.value << '\n';
        else
            std::cout << "      unavailable: " << unavailableText(c.unavailable) << '\n';
        for (auto n : c.notes)
            if (n != mapping::Note::Recommended)
                std::cout << "      note: " << noteText(n) << '\n';
    }
    return Ok;
}

int exitFor(const mapping::MatchResult& r)
{
    switch (r.verdict) {
    case mapping::Verdict::Match: return r.strength == mapping::Strength::Strong ? Ok : WeakMatch;
    case mapping::Verdict::NearMiss: return NearMiss;
    case mapping::Verdict::NoMatch: return NoMatch;
    case mapping::Verdict::Invalid: return InvalidValue;
    }
    return Internal;
}

int runCheck(const CheckArgs& args)
{
    auto loaded = loadCertificate(args.input);
    if (!loaded)
        return reportError(loaded.error(), args.json, kMappingCheckSchema);
    const auto& info = loaded->certificate.info();
    const auto chain = loaded->chainInfo();
    const auto result = mapping::checkMapping(args.value, info, chain);

    if (args.json) {
        ordered_json j;
        j["schema"] = kMappingCheckSchema;
        j["file"] = args.input.file;
        j["certificate"] = certificateSummaryJson(info);
        j["value"] = args.value;
        j["verdict"] = mapping::verdictId(result.verdict);
        j["form"] = result.form ? ordered_json(mapping::formId(*result.form)) : ordered_json(nullptr);
        j["strength"] = result.strength ? ordered_json(mapping::strengthId(*result.strength)) : ordered_json(nullptr);
        j["reasons"] = reasonsJson(result);
        j["correctedValue"] = result.correctedValue ? ordered_json(*result.correctedValue) : ordered_json(nullptr);
        const auto best = mapping::recommended(mapping::buildMappings(info));
        j["recommended"] = best ? ordered_json(*best->value) : ordered_json(nullptr);
        std::cout << text::safeDump(j, 2) << '\n';
        return exitFor(result);
    }

    std::cout << "Certificate: " << mapping::displayName(info.subject) << " (serial " << toHex(info.serial) << ")\n";
    std::cout << "Value:       " << args.value << "\n\n";
    std::cout << "Verdict: " << verdictText(result.verdict);
    if (result.form)
        std::cout << "  [" << formName(*result.form) << ", " << mapping::strengthId(*result.strength) << "]";
    std::cout << '\n';
    if (result.verdict == mapping::Verdict::Match && result.strength == mapping::Strength::Weak)
        std::cout << "  " << noteText(mapping::Note::WeakUnderEnforcement) << '\n';
    for (const auto& d : result.reasons) {
        std::cout << "  - " << mapping::partId(d.part) << ": " << common::terms::reason(d.reason) << '\n';
        if (!d.found.empty())
            std::cout << "      found:    " << d.found << '\n';
        if (!d.expected.empty())
            std::cout << "      expected: " << d.expected << '\n';
    }
    if (result.verdict != mapping::Verdict::Match && result.correctedValue)
        std::cout << "\nThe value of this form that matches the certificate:\n  " << *result.correctedValue << '\n';
    const auto best = mapping::recommended(mapping::buildMappings(info));
    if (best && (result.verdict != mapping::Verdict::Match || result.strength != mapping::Strength::Strong))
        std::cout << "\nRecommended (strong):\n  " << *best->value << '\n';
    return exitFor(result);
}

}  // namespace

void addMappingCommand(CLI::App& app, Context& context)
{
    auto args = std::make_shared<MappingArgs>();
    auto* cmd = app.add_subcommand("mapping", "Build altSecurityIdentities values for a certificate, or check one");
    addCertificateOptions(*cmd, args->input, false);  // not required: `mapping check FILE` names it later
    cmd->add_flag("--json", args->json, "Print JSON (schema eascert.mapping.v1)");
    cmd->callback([args, cmd, &context] {
        if (!cmd->get_subcommands().empty())
            return;
        if (args->input.file.empty())
            throw CLI::RequiredError("FILE");
        context.exitCode = runMappings(*args);
    });

    auto checkArgs = std::make_shared<CheckArgs>();
    auto* check = cmd->add_subcommand("check", "Check an existing altSecurityIdentities value against the certificate");
    addCertificateOptions(*check, checkArgs->input);
    check->add_option("--value", checkArgs->value, "The altSecurityIdentities value to check")->required();
    check->add_flag("--json", checkArgs->json, "Print JSON (schema eascert.mapping-check.v1)");
    check->callback([checkArgs, &context] { context.exitCode = runCheck(*checkArgs); });
}

}  // namespace eascert::cli
