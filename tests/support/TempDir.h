#pragma once

#include <filesystem>
#include <string>

// A fresh folder under the system temp dir, removed with everything in it at scope exit.
class TempDir
{
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::filesystem::path& p) const { return m_path / p; }

private:
    std::filesystem::path m_path;
};

// The whole file as bytes (empty when it cannot be read).
std::string readText(const std::filesystem::path& path);
