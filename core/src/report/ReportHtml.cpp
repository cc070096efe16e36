#include <kainjow/mustache.hpp>

#include "ReportModel.h"

namespace eascert::report {

// Compiled in from resources/report/ (cmake/EmbedText.cmake).
extern const std::string_view kReportTemplate;
extern const std::string_view kFindingTemplate;
extern const std::string_view kProbeTemplate;
extern const std::string_view kDirectoryTemplate;
extern const std::string_view kEvidenceTemplate;
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
    probe["issuerInCaListText"] = in.is_null() ? wording.label(Label::none)
                                               : wording.label(in.get<bool>() ? Label::yes : Label::no);
}

} // namespace

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

} // namespace detail

} // namespace eascert::report
