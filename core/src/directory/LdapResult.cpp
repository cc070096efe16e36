#include "eascert/directory/LdapResult.h"

namespace eascert::directory {

ErrorCode errorForLdapResult(int rc)
{
    switch (rc) {
    case 3: return ErrorCode::DirectoryTimeout;       // timeLimitExceeded
    case 8: return ErrorCode::StrongAuthRequired;     // strongerAuthRequired
    case 16: return ErrorCode::NoSuchValue;           // noSuchAttribute
    case 17:                                          // undefinedAttributeType
    case 19:                                          // constraintViolation
    case 21:                                          // invalidAttributeSyntax
    case 53:                                          // unwillingToPerform
    case 65: return ErrorCode::ConstraintViolation;   // objectClassViolation
    case 68: return ErrorCode::EntryExists;           // entryAlreadyExists
    case 20: return ErrorCode::ValueExists;           // attributeOrValueExists
    case 32: return ErrorCode::NoSuchEntry;           // noSuchObject
    case 48:                                          // inappropriateAuthentication
    case 49: return ErrorCode::AuthenticationFailed;  // invalidCredentials
    case 50: return ErrorCode::InsufficientRights;    // insufficientAccessRights
    case 51:                                          // busy
    case 52: return ErrorCode::DirectoryUnavailable;  // unavailable
    default: return ErrorCode::DirectoryError;
    }
}

}  // namespace eascert::directory
