#include <kainjow/mustache.hpp>

#include <map>

#include "ReportModel.h"
#include "eascert/directory/Migration.h"
#include "eascert/report/Report.h"
#include "eascert/support/Text.h"

namespace eascert::report {

// Compiled in from resources/report/ (cmake/EmbedText.cmake).
extern const std::string_view kReportTemplate;
extern const std::string_view kFindingTemplate;
extern const std::string_view kProbeTemplate;
extern const std::string_view kDirectoryTemplate;
extern const std::string_view kEvidenceTemplate;
extern const std::string_view kMigrationTemplate;
extern const std::string_view kReportCss;

namespace detail {

namespace {

namespace mustache = kainjow::mustache;

// JSON → template data. null becomes false (sections skip it); every non-empty string, array or
// true flag K also gets has_K, because Mustache treats an empty string as true.
mustache::data toData(const Json& j)
{
    switch (j.type()) {
    case Json::value_t::null: return mustache::data(false);
    case Json::value_t::boolean: return mustache::data(j.get<bool>());
    case Json::value_t::string: return mustache::data(j.get<std::string>());
    case Json::value_t::array: {
        mustache::data list = mustache::data::type::list;
        for (const auto& item : j)
            list.push_back(toData(item));
        return list;
    }
    case Json::value_t::object: {
        mustache::data object = mustache::data::type::object;
        for (const auto& [key, value] : j.items()) {
            object.set(key, toData(value));
            const bool present = (value.is_string() && !value.get_ref<const std::string&>().empty()) ||
                                 (value.is_array() && !value.empty()) || (value.is_boolean() && value.get<bool>()) ||
                                 value.is_object() || value.is_number();
            object.set("has_" + key, mustache::data(present));
        }
        return object;
    }
    default: return mustache::data(j.dump());  // numbers
    }
}

// Display-only facts the template cannot derive (Mustache has no comparisons).
void addDisplayFacts(Json& probe, const Wording& wording)
{
    if (!probe.is_object())
        return;
    const auto& in = probe["issuerInCaList"];
    probe["issuerInCaListText"] =
        in.is_null() ? wording.label(Label::none) : wording.label(in.get<bool>() ? Label::yes : Label::no);
}

}  // namespace

Result<std::string> renderHtml(const Json& content, const Wording& wording)
{
    Json view = content;
    for (const char* when : {"before", "after"})
        if (view[when].is_object())
            addDisplayFacts(view[when]["probe"], wording);

    mustache::data data = toData(view);
    mustache::data labels = mustache::data::type::object;
    for (auto l : allLabels())
        labels.set(std::string(labelId(l)), mustache::data(wording.label(l)));
    data.set("labels", labels);
    data.set("css", mustache::data(std::string(kReportCss)));
    data.set("findingPartial", mustache::data(std::string(kFindingTemplate)));
    data.set("probePartial", mustache::data(std::string(kProbeTemplate)));
    data.set("directoryPartial", mustache::data(std::string(kDirectoryTemplate)));
    data.set("evidencePartial", mustache::data(std::string(kEvidenceTemplate)));

    mustache::mustache page{std::string(kReportTemplate)};
    if (!page.is_valid())
        return fail(ErrorCode::Internal, "report template: " + page.error_message());
    std::string html = page.render(data);
    if (!page.is_valid())
        return fail(ErrorCode::Internal, "report template: " + page.error_message());
    return html;
}

}  // namespace detail

namespace {

using detail::Json;

Json shown(const std::vector<std::string>& values)
{
    Json list = Json::array();
    for (const auto& v : values)
        list.push_back(text::printable(v));
    return list;
}

}  // namespace

Result<std::string> renderMigrationHtml(const directory::MigrationPlan& plan, const directory::MigrationRun* run,
                                        std::string_view kind, const Environment& environment)
{
    using directory::MigrationAction;
    Json view;
    view["toolVersion"] = environment.toolVersion;
    view["generatedAt"] = environment.generatedAt;
    view["directory"] = text::printable(plan.directory);
    view["planCreatedAt"] = text::printable(plan.createdAt);
    view["planOnly"] = run == nullptr;
    view["offline"] = run && run->offline;
    view["cancelled"] = run && run->cancelled;
    const auto& s = plan.summary;
    Json counts = Json::array();
    const auto count = [&](const char* label, std::size_t n) {
        counts.push_back({{"label", label}, {"value", std::to_string(n)}});
    };
    count("Accounts read", s.scanned);
    count("Planned: add a strong mapping", s.add);
    count("Planned: prune weak values only", s.prune);
    count("Planned: nothing to do", s.none);
    count("Planned: skipped", s.skip);
    count("Without any certificate or X.509 mapping (not listed)", s.withoutCertificate);
    std::map<std::string, directory::AccountResult> results;
    if (run) {
        const auto& p = run->progress;
        count(kind == "undo" ? "Reverted"
              : run->offline ? "Written to the change file"
                             : "Written and read back",
              p.applied);
        count("Conflicts (changed by someone else: nothing written)", p.conflicts);
        count("Failed", p.failed);
        count("Not reached", p.total > p.done ? p.total - p.done : 0);
        for (const auto& a : run->accounts)
            results[directory::dnKey(a.dn)] = a;
    }
    view["counts"] = counts;
    view["sourceProblems"] = shown(plan.sourceProblems);
    std::string headline;
    if (!run)
        headline =
            std::to_string(s.add + s.prune) + " account(s) to change, " + std::to_string(s.skip) + " skipped (planned)";
    else
        headline = std::to_string(run->progress.applied) + " of " + std::to_string(run->progress.total) +
                   " account(s) " +
                   (kind == "undo" ? "reverted"
                    : run->offline ? "in the change file"
                                   : "migrated") +
                   ", " + std::to_string(run->progress.conflicts + run->progress.failed) + " not";
    view["headline"] = headline;
    view["verdictClass"] = !run                                                                   ? "change-pending"
                           : run->offline                                                         ? "change-pending"
                           : run->progress.conflicts + run->progress.failed > 0 || run->cancelled ? "problem-found"
                                                                                                  : "fixed";
    view["stateHeading"] = run ? "Plan and outcome" : "Plan";
    view["afterHeading"] = run ? "After (read back)" : "After (planned)";
    Json accounts = Json::array();
    std::size_t index = 0;
    for (const auto& a : plan.accounts) {
        Json row;
        row["index"] = std::to_string(++index);
        row["sAMAccountName"] = text::printable(a.samAccountName);
        row["dn"] = text::printable(a.dn);
        row["certificate"] = a.certificates.empty()
                                 ? ""
                                 : a.certificates.front().thumbprint + " (" +
                                       text::printable(a.certificates.front().source) + ", " +
                                       std::string(directory::matchRuleId(a.certificates.front().matchedBy)) + ")";
        std::string state(directory::migrationActionId(a.action));
        if (a.action == MigrationAction::Skip)
            state += ": " + std::string(directory::skipReasonId(a.reason));
        row["detail"] = text::printable(a.detail);
        row["before"] = shown(a.before);
        const auto it = results.find(directory::dnKey(a.dn));
        if (it != results.end()) {
            const auto& r = it->second;
            state += " → " + std::string(directory::accountOutcomeId(r.outcome));
            if (!r.detail.empty())
                row["detail"] = text::printable(r.detail);
            if (!r.before.empty())
                row["before"] = shown(r.before);
            row["after"] = shown(r.after);
            row["added"] = shown(r.added);
            row["removed"] = shown(r.removed);
        } else {
            std::vector<std::string> after;
            for (const auto& v : a.before)
                if (std::find(a.remove.begin(), a.remove.end(), v) == a.remove.end())
                    after.push_back(v);
            after.insert(after.end(), a.add.begin(), a.add.end());
            row["after"] = shown(after);
            row["added"] = Json::array();
            row["removed"] = Json::array();
            if (run && a.changes())
                state += " → not reached";
        }
        row["state"] = state;
        accounts.push_back(std::move(row));
    }
    view["accounts"] = std::move(accounts);

    auto data = detail::toData(view);
    data.set("css", kainjow::mustache::data(std::string(kReportCss)));
    kainjow::mustache::mustache page{std::string(kMigrationTemplate)};
    if (!page.is_valid())
        return fail(ErrorCode::Internal, "migration report template: " + page.error_message());
    std::string html = page.render(data);
    if (!page.is_valid())
        return fail(ErrorCode::Internal, "migration report template: " + page.error_message());
    return html;
}

}  // namespace eascert::report
