// Event logs saved as CSV, read with libcsv: Event Viewer's "Save All Events As... CSV" (Level, Date
// and Time, Source, Event ID, Task Category, then the description in a column without a name) and
// PowerShell's Get-WinEvent | Export-Csv (Message, Id, ProviderName, LogName, MachineName,
// TimeCreated, ...; a "#TYPE" line first). Columns are found by their header, never by position.

#include <csv.h>

#include <memory>

#include "EventCommon.h"
#include "eascert/evidence/Event.h"
#include "eascert/support/Text.h"

namespace eascert::evidence {

namespace {

enum class Column
{
    Other,
    Id,
    Time,
    Provider,
    Channel,
    Computer,
    Level,
    Message
};

Column columnOf(std::string_view name)
{
    struct Known
    {
        std::string_view name;
        Column column;
    };
    static constexpr Known kKnown[] = {
        {"Event ID", Column::Id},
        {"Id", Column::Id},
        {"EventID", Column::Id},
        {"InstanceId", Column::Id},
        {"Date and Time", Column::Time},
        {"TimeCreated", Column::Time},
        {"TimeGenerated", Column::Time},
        {"Source", Column::Provider},
        {"ProviderName", Column::Provider},
        {"LogName", Column::Channel},
        {"Log Name", Column::Channel},
        {"MachineName", Column::Computer},
        {"Computer", Column::Computer},
        {"Level", Column::Level},
        {"LevelDisplayName", Column::Level},
        {"Message", Column::Message},
        {"Description", Column::Message},
    };
    const auto trimmed = text::trim(name);
    for (const auto& k : kKnown)
        if (text::equalsIgnoreCase(trimmed, k.name))
            return k.column;
    return Column::Other;
}

// libcsv hands over fields and row ends through callbacks; rows are collected here.
struct Rows
{
    const EventLimits* limits = nullptr;
    std::vector<std::string> row;
    std::size_t rowBytes = 0;
    bool rowTooLarge = false;
    std::vector<Column> columns;  // from the header
    bool haveHeader = false;
    bool hasLevelDisplayName = false;
    std::size_t record = 0;
    EventLog log;

    void field(const char* data, std::size_t size)
    {
        rowBytes += size;
        if (rowBytes > limits->maxRecordBytes) {
            rowTooLarge = true;
            return;
        }
        if (row.size() < limits->maxFields + 8)
            row.emplace_back(data ? std::string(data, size) : std::string());
    }

    void endRow()
    {
        std::vector<std::string> fields = std::move(row);
        const bool tooLarge = rowTooLarge;
        row.clear();
        rowBytes = 0;
        rowTooLarge = false;
        if (fields.empty() || (fields.size() == 1 && text::trim(fields[0]).empty()))
            return;
        if (!haveHeader) {
            if (fields[0].starts_with("#TYPE") || fields[0].starts_with("#"))
                return;  // PowerShell's type line
            for (const auto& f : fields) {
                columns.push_back(columnOf(f));
                hasLevelDisplayName = hasLevelDisplayName || text::equalsIgnoreCase(text::trim(f), "LevelDisplayName");
            }
            haveHeader = true;
            return;
        }
        ++record;
        if (tooLarge) {
            log.addDamage(record, "a row larger than " + std::to_string(limits->maxRecordBytes / 1024) + " KiB");
            return;
        }
        if (log.events.size() >= limits->maxEvents) {
            ++log.skipped;
            return;
        }
        Event event;
        event.record = record;
        bool haveId = false;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            // Event Viewer's description is the one column past the header.
            const Column c = i < columns.size() ? columns[i] : (i == columns.size() ? Column::Message : Column::Other);
            const std::string value(text::trim(fields[i]));
            switch (c) {
            case Column::Id:
                if (const auto id = parseStatusCode(value)) {
                    event.id = *id & 0xFFFF;  // InstanceId carries the qualifiers in the high word
                    haveId = true;
                }
                break;
            case Column::Time: event.time = value; break;
            case Column::Provider: event.provider = value; break;
            case Column::Channel: event.channel = value; break;
            case Column::Computer: event.computer = value; break;
            case Column::Level:
                if (event.level.empty() || hasLevelDisplayName)
                    event.level = value;
                break;
            case Column::Message: event.message = fields[i]; break;
            case Column::Other: break;
            }
        }
        if (!haveId) {
            log.addDamage(record, "a row without a number in its event id column");
            return;
        }
        event.kind = eventKindOf(event.provider, event.channel);
        readDescriptionFields(event.message, event, *limits);
        log.events.push_back(std::move(event));
    }
};

bool hasIdAndTime(const std::vector<std::string_view>& header)
{
    bool id = false, time = false;
    for (const auto h : header) {
        const Column c = columnOf(h);
        id = id || c == Column::Id;
        time = time || c == Column::Time;
    }
    return id && time;
}

// The header line's names (a simple split is enough to recognise it; the reader uses libcsv).
std::vector<std::string_view> headerNames(std::string_view bytes)
{
    std::size_t start = 0;
    std::string_view line;
    while (start < bytes.size()) {
        const auto nl = bytes.find('\n', start);
        line = bytes.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        start = nl == std::string_view::npos ? bytes.size() : nl + 1;
        if (!line.starts_with("#") && !text::trim(line).empty())
            break;
    }
    std::vector<std::string_view> names;
    std::size_t pos = 0;
    while (pos <= line.size()) {
        const auto comma = line.find(',', pos);
        auto name =
            text::trim(line.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos));
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
            name = name.substr(1, name.size() - 2);
        names.push_back(name);
        if (comma == std::string_view::npos)
            break;
        pos = comma + 1;
    }
    return names;
}

}  // namespace

bool looksLikeEventCsv(std::string_view bytes)
{
    const auto names = headerNames(bytes.substr(0, 64 * 1024));
    return names.size() >= 3 && hasIdAndTime(names);
}

Result<EventLog> parseEventCsv(std::string_view bytes, const EventLimits& limits)
{
    if (!looksLikeEventCsv(bytes))
        return fail(
            ErrorCode::UnrecognizedFormat,
            "not an event log saved as CSV: its first line names the columns, among them the event id and the time");
    csv_parser parser{};
    if (csv_init(&parser, CSV_APPEND_NULL) != 0)
        return fail(ErrorCode::Internal, "libcsv could not start");
    const std::unique_ptr<csv_parser, decltype(&csv_free)> guard(&parser, csv_free);
    Rows rows;
    rows.limits = &limits;
    const auto onField = [](void* data, std::size_t size, void* self) {
        static_cast<Rows*>(self)->field(static_cast<const char*>(data), size);
    };
    const auto onRow = [](int, void* self) { static_cast<Rows*>(self)->endRow(); };
    if (csv_parse(&parser, bytes.data(), bytes.size(), onField, onRow, &rows) != bytes.size())
        return fail(ErrorCode::CorruptData,
                    std::string("the CSV could not be read: ") + csv_strerror(csv_error(&parser)));
    csv_fini(&parser, onField, onRow, &rows);
    return std::move(rows.log);
}

}  // namespace eascert::evidence
