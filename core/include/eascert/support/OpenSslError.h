#pragma once

#include <string>

namespace eascert::ossl {

// Drains the thread's OpenSSL error queue into one line ("reason (lib); reason (lib)").
// Call at the point of failure so stale errors never leak into a later operation.
std::string drainErrors();

// Clears the queue without reading it (before an operation whose failure we probe on purpose).
void clearErrors();

// Loads the "default" and "legacy" providers once, so PKCS#12 files that older Windows exports
// (RC2-40, 3DES) open. Returns false if the legacy provider is missing; modern files still work.
bool ensureLegacyProvider();

// Frees this thread's OpenSSL state (its error queue). For worker threads that outlive the work
// they did, e.g. a thread pool's: call it when a job ends (OpenSSL makes new state when needed).
void releaseThreadState();

}  // namespace eascert::ossl
