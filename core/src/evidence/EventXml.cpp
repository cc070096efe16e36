// Windows event XML (the event schema of http://schemas.microsoft.com/win/2004/08/events/event),
// read with pugixml. Each <Event> element is parsed on its own, so a damaged one costs only itself
// and memory stays bounded by one event.

#include <pugixml.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>

#include "EventCommon.h"
#include "eascert/evidence/Event.h"
#include "eascert/support/Text.h"

namespace eascert::evidence {

namespace {

// Text of an element, trimmed ("<EventID Qualifiers='0'> 4768 </EventID>").
std::string elementText(const pugi::xml_node& node)
{
    return std::string(text::trim(node.child_value()));
}

// A field value: the element's own text, else the text of its children joined (UserData's nested
// elements), never the markup.
std::string fieldText(const pugi::xml_node& node)
{
    std::string out(node.child_value());
    if (out.empty()) {
        for (const auto& child : node.children())
            if (child.type() == pugi::node_element) {
                if (!out.empty())
                    out += ' ';
                out += fieldText(child);
            }
    }
    return out;
}

void readData(const pugi::xml_node& container, Event& event, const EventLimits& limits)
{
    std::size_t unnamed = 0;
    for (const auto& child : container.children()) {
        if (child.type() != pugi::node_element || event.data.size() >= limits.maxFields)
            continue;
        std::string name = child.attribute("Name").value();
        if (name.empty())
            name = std::string_view(child.name()) == "Data" ? "Data" + std::to_string(++unnamed) : child.name();
        event.data.emplace_back(std::move(name), fieldText(child));
    }
}

// The part of an element's name after a namespace prefix ("evt:Event" -> "Event").
std::string_view localName(const char* name)
{
    std::string_view n(name);
    const auto colon = n.find(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name)
{
    for (const auto& c : node.children())
        if (c.type() == pugi::node_element && localName(c.name()) == name)
            return c;
    return {};
}

Result<Event> readEvent(const pugi::xml_node& root, const EventLimits& limits)
{
    Event event;
    const auto system = child(root, "System");
    if (!system)
        return fail(ErrorCode::CorruptData, "an <Event> without its <System> part");
    const auto provider = child(system, "Provider");
    event.provider = provider.attribute("Name").value();
    if (event.provider.empty())
        event.provider = provider.attribute("EventSourceName").value();
    const std::string idText = elementText(child(system, "EventID"));
    std::uint32_t id = 0;
    const auto [end, ec] = std::from_chars(idText.data(), idText.data() + idText.size(), id);
    if (idText.empty() || ec != std::errc() || end != idText.data() + idText.size())
        return fail(ErrorCode::CorruptData, "an <Event> whose EventID is not a number: " + text::printable(idText));
    event.id = id;
    event.channel = elementText(child(system, "Channel"));
    event.computer = elementText(child(system, "Computer"));
    event.level = elementText(child(system, "Level"));
    event.time = child(system, "TimeCreated").attribute("SystemTime").value();
    event.utc = parseIsoUtc(event.time);
    event.kind = eventKindOf(event.provider, event.channel);
    if (const auto data = child(root, "EventData"))
        readData(data, event, limits);
    if (const auto user = child(root, "UserData")) {
        // UserData holds one provider-specific element whose children are the fields.
        for (const auto& c : user.children())
            if (c.type() == pugi::node_element) {
                readData(c, event, limits);
                break;
            }
    }
    if (const auto rendering = child(root, "RenderingInfo")) {
        event.message = elementText(child(rendering, "Message"));
        if (event.level.empty() || std::all_of(event.level.begin(), event.level.end(), ::isdigit)) {
            if (const auto level = elementText(child(rendering, "Level")); !level.empty())
                event.level = level;
        }
    }
    return event;
}

// "<Event" followed by whitespace, ">" or "/" (never "<Events" or "<EventData"), also with a prefix.
std::size_t findEventStart(std::string_view bytes, std::size_t from)
{
    while (true) {
        const auto at = bytes.find("Event", from);
        if (at == std::string_view::npos || at + 5 >= bytes.size())
            return std::string_view::npos;
        from = at + 5;
        const char next = bytes[at + 5];
        if (next != ' ' && next != '>' && next != '\t' && next != '\r' && next != '\n' && next != '/')
            continue;
        // Walk back over a namespace prefix to the '<'.
        std::size_t lt = at;
        while (lt > 0 && (std::isalnum(static_cast<unsigned char>(bytes[lt - 1])) || bytes[lt - 1] == ':' ||
                          bytes[lt - 1] == '_' || bytes[lt - 1] == '-'))
            --lt;
        if (lt > 0 && bytes[lt - 1] == '<' && (lt == at || bytes[at - 1] == ':'))
            return lt - 1;
    }
}

std::size_t findEventEnd(std::string_view bytes, std::size_t start)
{
    // A self-closed <Event/> has no content to read; otherwise the closing tag.
    std::size_t from = start;
    while (true) {
        const auto close = bytes.find("Event>", from);
        if (close == std::string_view::npos)
            return std::string_view::npos;
        std::size_t lt = close;
        while (lt > start && bytes[lt - 1] != '<' && bytes[lt - 1] != '>' && bytes[lt - 1] != ' ')
            --lt;
        if (lt > start && bytes[lt - 1] == '<' && lt < bytes.size() && bytes[lt] == '/')
            return close + 6;
        from = close + 6;
    }
}

}  // namespace

Result<Event> parseEventElement(std::string_view xml)
{
    pugi::xml_document doc;
    const auto parsed = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed)
        return fail(ErrorCode::CorruptData, std::string("the event's XML is damaged: ") + parsed.description() +
                                                " at byte " + std::to_string(parsed.offset));
    const auto root = doc.document_element();
    if (localName(root.name()) != "Event")
        return fail(ErrorCode::CorruptData, "not an <Event> element");
    return readEvent(root, EventLimits{});
}

bool looksLikeEventXml(std::string_view bytes)
{
    const auto head = bytes.substr(0, 64 * 1024);
    const auto start = findEventStart(head, 0);
    if (start == std::string_view::npos)
        return false;
    // Before the first event: only the XML declaration, an <Events> root, comments and whitespace.
    const auto before = text::trim(head.substr(0, start));
    if (!before.empty() && before.front() != '<')
        return false;
    return head.find("/events/event", start) != std::string_view::npos ||
           head.find("<System", start) != std::string_view::npos;
}

Result<EventLog> parseEventXml(std::string_view bytes, const EventLimits& limits)
{
    if (!looksLikeEventXml(bytes))
        return fail(
            ErrorCode::UnrecognizedFormat,
            "not Windows event XML: wevtutil qe /f:xml and Event Viewer's \"Save as XML\" write <Event> elements");
    EventLog log;
    std::size_t pos = 0;
    std::size_t record = 0;
    while ((pos = findEventStart(bytes, pos)) != std::string_view::npos) {
        ++record;
        const auto end = findEventEnd(bytes, pos);
        if (end == std::string_view::npos) {
            log.addDamage(record, "the last event is cut off (no </Event>)");
            break;
        }
        const auto element = bytes.substr(pos, end - pos);
        pos = end;
        if (!log.admit(record, element.size(), limits))
            continue;
        pugi::xml_document doc;
        const auto parsed = doc.load_buffer(element.data(), element.size(), pugi::parse_default, pugi::encoding_utf8);
        if (!parsed) {
            log.addDamage(record, std::string("damaged XML: ") + parsed.description());
            continue;
        }
        log.take(record, readEvent(doc.document_element(), limits));
    }
    return log;
}

namespace {

constexpr const char* kEventNamespace = "http://schemas.microsoft.com/win/2004/08/events/event";

void appendEvent(pugi::xml_node parent, const Event& event)
{
    auto root = parent.append_child("Event");
    root.append_attribute("xmlns") = kEventNamespace;
    auto system = root.append_child("System");
    system.append_child("Provider").append_attribute("Name") = event.provider.c_str();
    system.append_child("EventID").text() = event.id;
    system.append_child("Level").text() = event.level.c_str();
    system.append_child("TimeCreated").append_attribute("SystemTime") = event.time.c_str();
    system.append_child("EventRecordID").text() = static_cast<unsigned long long>(event.record);
    system.append_child("Channel").text() = event.channel.c_str();
    system.append_child("Computer").text() = event.computer.c_str();
    auto data = root.append_child("EventData");
    for (const auto& [name, value] : event.data) {
        auto d = data.append_child("Data");
        d.append_attribute("Name") = name.c_str();
        d.text() = value.c_str();
    }
}

struct StringWriter : pugi::xml_writer
{
    std::string out;
    void write(const void* data, std::size_t size) override { out.append(static_cast<const char*>(data), size); }
};

}  // namespace

std::string toEventXml(const Event& event)
{
    pugi::xml_document doc;
    appendEvent(doc, event);
    StringWriter w;
    doc.save(w, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
    return std::move(w.out);
}

std::string toEventsDocument(std::span<const Event> events)
{
    pugi::xml_document doc;
    auto root = doc.append_child("Events");
    for (const auto& e : events)
        appendEvent(root, e);
    StringWriter w;
    doc.save(w, "  ", pugi::format_default, pugi::encoding_utf8);
    return std::move(w.out);
}

}  // namespace eascert::evidence
