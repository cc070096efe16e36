// Event Viewer's "Copy details as text": a header of labelled lines (Log Name, Source, Date, Event ID,
// ...), the description with its tab-indented fields, and, in newer Event Viewers, the event's XML
// after "Event Xml:". The XML, when it is whole, is the better source (fields by name, the time in
// UTC); otherwise the labels are read. Several events pasted one after another are read one by one.

#include <algorithm>

#include "EventCommon.h"
#include "eascert/evidence/Event.h"
#include "eascert/support/Text.h"

namespace eascert::evidence {

namespace {

constexpr Label kHeaderLabels[] = {
    {"Log Name", "Log Name"}, {"Source", "Source"},           {"Date", "Date"},
    {"Event ID", "Event ID"}, {"Task Category", ""},          {"Level", "Level"},
    {"Opcode", ""},           {"Keywords", "Keywords"},       {"User", ""},
    {"Computer", "Computer"}, {"Description", "Description"},
};

constexpr std::string_view kLogName = "Log Name";
constexpr std::string_view kEventId = "Event ID";
constexpr std::string_view kDescription = "Description";
constexpr std::string_view kEventXml = "Event Xml";

void readHeader(std::string_view header, Event& event)
{
    std::size_t pos = 0;
    while (pos < header.size()) {
        const auto nl = header.find('\n', pos);
        const auto line = header.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? header.size() : nl + 1;
        for (const auto& [label, value] : labelledValues(line, kHeaderLabels)) {
            const auto f = label->field;
            if (f == "Log Name")
                event.channel = value;
            else if (f == "Source")
                event.provider = value;
            else if (f == "Date")
                event.time = value;
            else if (f == "Level")
                event.level = value;
            else if (f == "Computer")
                event.computer = value;
            else if (f == "Event ID") {
                if (const auto id = parseStatusCode(value))
                    event.id = *id;
            } else if (f == "Description")
                event.message = value;  // the run-together form: the first sentence is on this line
        }
    }
}

Result<Event> readBlock(std::string_view block, const EventLimits& limits)
{
    Event event;
    const auto descriptionAt = findLabel(block, kDescription);
    const auto xmlAt = findLabel(block, kEventXml);
    const auto header = block.substr(0, std::min(descriptionAt, xmlAt));
    readHeader(header, event);
    if (findLabel(header, kEventId) == std::string_view::npos)
        return fail(ErrorCode::CorruptData, "an event without its \"Event ID:\" line");
    if (event.id == 0)
        return fail(ErrorCode::CorruptData, "an event whose \"Event ID:\" is not a number");
    event.kind = eventKindOf(event.provider, event.channel);

    // The event's XML, when it is there and whole, gives the fields by name and the time in UTC.
    if (xmlAt != std::string_view::npos) {
        const auto xml = block.substr(xmlAt);
        const auto start = xml.find('<');
        const auto end = xml.rfind("Event>");
        if (start != std::string_view::npos && end != std::string_view::npos && end > start) {
            if (auto parsed = parseEventElement(xml.substr(start, end + 6 - start)); parsed && parsed->id == event.id) {
                std::string message = event.message;
                Event whole = std::move(*parsed);
                whole.message = std::move(message);
                event = std::move(whole);
            }
        }
    }
    if (descriptionAt != std::string_view::npos) {
        auto description = block.substr(descriptionAt, xmlAt == std::string_view::npos || xmlAt < descriptionAt
                                                           ? std::string_view::npos
                                                           : xmlAt - descriptionAt);
        description.remove_prefix(std::min(description.size(), kDescription.size() + 1));
        event.message = std::string(text::trim(description));
        if (event.data.empty())
            readDescriptionFields(description, event, limits);
    }
    return event;
}

}  // namespace

bool looksLikeEventText(std::string_view bytes)
{
    const auto head = bytes.substr(0, 64 * 1024);
    const auto logName = findLabel(head, kLogName);
    return logName != std::string_view::npos && text::trim(head.substr(0, logName)).empty() &&
           findLabel(head, kEventId, logName) != std::string_view::npos;
}

Result<EventLog> parseEventText(std::string_view bytes, const EventLimits& limits)
{
    if (!looksLikeEventText(bytes))
        return fail(ErrorCode::UnrecognizedFormat,
                    "not an event copied as text: Event Viewer's \"Copy details as text\" starts with \"Log Name:\"");
    EventLog log;
    std::size_t start = findLabel(bytes, kLogName);
    std::size_t record = 0;
    while (start != std::string_view::npos) {
        ++record;
        const auto next = findLabel(bytes, kLogName, start + kLogName.size());
        const auto block = bytes.substr(start, next == std::string_view::npos ? std::string_view::npos : next - start);
        start = next;
        if (log.admit(record, block.size(), limits))
            log.take(record, readBlock(block, limits));
    }
    return log;
}

}  // namespace eascert::evidence
