#pragma once

// What the event readers share: times, and the labelled fields of a rendered description.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "eascert/evidence/Event.h"

namespace eascert::evidence {

// The checks both .evtx readers make before their library sees the file: the signature, and a file
// shorter than its 4 KiB header (cut off).
inline constexpr std::size_t kEvtxHeader = 4096;
inline constexpr std::size_t kEvtxChunk = 65536;
Result<void> checkEvtxStart(std::string_view bytes);

// "2012-11-26T12:03:32.102084800Z" (or with +hh:mm) as seconds since 1970 UTC; nullopt without a zone.
std::optional<std::int64_t> parseIsoUtc(std::string_view text);

// Reads the rendered description of an event (Event Viewer's text and CSV exports): its
// "Label: value" lines, tab-indented or run together on one line, into the EventData field names
// the event's XML would have (domain.md §6, §9a), chosen by the event's kind. Labels the table does
// not know are kept under their own text. English labels only: other locales keep their labels.
void readDescriptionFields(std::string_view description, Event& event, const EventLimits& limits);

struct Label
{
    std::string_view label;
    std::string_view field;  // empty: a section heading, its value is dropped
};
struct LabelledValue
{
    const Label* label = nullptr;
    std::string_view value;  // trimmed
};
// Every known "Label:" on one line, left to right (the longest where two start at the same place),
// each with the text up to the next label or the end of the line.
std::vector<LabelledValue> labelledValues(std::string_view line, std::span<const Label> labels);

// The position of "Label:" (a whole label: at the start or after whitespace) at or after from.
std::size_t findLabel(std::string_view text, std::string_view label, std::size_t from = 0);

}  // namespace eascert::evidence
