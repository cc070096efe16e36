#include "eascert/support/Error.h"

namespace eascert {

std::string_view errorId(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument: return "invalid-argument";
    case ErrorCode::FileNotFound: return "file-not-found";
    case ErrorCode::NotAFile: return "not-a-file";
    case ErrorCode::FileUnreadable: return "file-unreadable";
    case ErrorCode::FileTooLarge: return "file-too-large";
    case ErrorCode::EmptyFile: return "empty-file";
    case ErrorCode::UnrecognizedFormat: return "unrecognized-format";
    case ErrorCode::CorruptData: return "corrupt-data";
    case ErrorCode::NoCertificate: return "no-certificate";
    case ErrorCode::PasswordRequired: return "password-required";
    case ErrorCode::WrongPassword: return "wrong-password";
    case ErrorCode::UnsupportedAlgorithm: return "unsupported-algorithm";
    case ErrorCode::Internal: return "internal";
    }
    return "internal";
}

} // namespace eascert
