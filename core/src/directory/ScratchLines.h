#pragma once

// Lines in a temporary file, with only their places in memory: for data that grows with the size of
// a domain (a migration plan's accounts) and is read back in order or by number.

#include <cstdint>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eascert/support/Error.h"

namespace eascert::directory {

class ScratchLines
{
public:
    ScratchLines() = default;
    ~ScratchLines();
    ScratchLines(const ScratchLines&) = delete;
    ScratchLines& operator=(const ScratchLines&) = delete;

    // Appends one line (without its newline); false (and error() set) when the file cannot be written.
    bool append(std::string_view line);
    // Line i as appended; nullopt (and error() set) when it cannot be read back.
    std::optional<std::string> at(std::size_t i) const;
    std::size_t size() const;
    // The first failure: of the file, or one a reader of the lines reports (fail()).
    std::optional<Error> error() const;
    void fail(const Error& e) const;

private:
    bool open();       // the file is created on the first append
    bool writeTail();  // the lines appended since the last write, to the file
    mutable std::mutex m_mutex;
    std::FILE* m_file = nullptr;
    std::vector<std::uint64_t> m_offsets;   // where each line starts; one more: the end
    std::string m_tail;                     // the last lines appended, not yet in the file
    std::uint64_t m_written = 0;            // bytes in the file (the tail starts there)
    mutable std::string m_ahead;            // read ahead while lines are read in order
    mutable std::uint64_t m_aheadFrom = 0;  // where it starts in the file
    mutable std::size_t m_next = 0;         // the line after the one read last
    mutable std::optional<Error> m_error;
};

}  // namespace eascert::directory
