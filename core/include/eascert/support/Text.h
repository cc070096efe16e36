#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace eascert::text {

// Case folding for comparing values the way Active Directory does (case-insensitive). Folds ASCII,
// Latin-1, Latin Extended-A, Greek and Cyrillic capitals; other code points compare exactly.
std::string foldCase(std::string_view utf8);
bool equalsIgnoreCase(std::string_view a, std::string_view b);

std::string_view trim(std::string_view s);
std::string toUpperAscii(std::string_view s);
bool startsWithIgnoreCase(std::string_view s, std::string_view prefix);

// True if the bytes are valid UTF-8.
bool isValidUtf8(std::string_view s);

// Outside text (a server, a directory, a file) as valid UTF-8 that shows every byte: valid UTF-8 is
// kept, each byte that is not is written "\xNN", and so are control characters other than tab and
// line breaks (a terminal never receives an escape sequence from a server). Never drops a byte.
std::string printable(std::string_view bytes);
// True when printable() would change the text.
bool needsEscaping(std::string_view bytes);

// Windows-1252 (what an IIS in Western Europe sends) to UTF-8, every byte kept: the five bytes the
// code page leaves undefined become the C1 control of the same number.
std::string fromWindows1252(std::string_view bytes);

// UTF-16 (what Windows tools write with -u or "Unicode") to UTF-8. Empty optional when the bytes
// are not UTF-16: an odd length or a lone surrogate.
std::optional<std::string> fromUtf16(std::string_view bytes, bool littleEndian);

// A text file as Windows tools write it, as UTF-8: a UTF-16 file (byte order mark FF FE or FE FF,
// or none when the first character is ASCII) is converted, a UTF-8 byte order mark is dropped, and
// a file that is not valid UTF-8 is read as ANSI (Windows-1252). Empty optional: broken UTF-16.
std::optional<std::string> windowsText(std::string_view bytes);

// Text a server labelled with a charset: UTF-8 as it is; bytes that are not valid UTF-8 decoded as
// Windows-1252 when the label says windows-1252 or ISO-8859-1 (browsers read both that way), else
// shown with printable()'s escapes. The result is always valid UTF-8.
std::string serverText(std::string_view bytes, std::string_view charsetLabel = {});
// The charset parameter of a Content-Type value ("text/html; charset=windows-1252"), lower case.
std::string charsetOf(std::string_view contentType);

}  // namespace eascert::text
