#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "Process.h"
#include "TempDir.h"
#include "TestPki.h"

// A test PKI written to files, and a way to run the real eascert binary on them.
struct CliFixture
{
    CliFixture();

    TempDir dir;
    std::string password = "Corr3ct horse";
    std::filesystem::path pfx;         // usertest1 with key and chain, AES, password above
    std::filesystem::path legacyPfx;   // the same, RC2/3DES
    std::filesystem::path userCer;     // DER
    std::filesystem::path renewedCer;  // same subject, another serial
    std::filesystem::path passwordFile;
    std::string issuerWindows = "DC=test,DC=contoso,CN=Contoso Issuing CA";
    std::string serialReversed = "1200000000AC11000000002B";
};

nlohmann::json parseJson(const ProcessResult& r);
// Counts lines in text (a last line without '\n' counts).
std::size_t lineCount(const std::string& text);
