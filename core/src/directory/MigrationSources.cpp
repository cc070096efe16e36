// Where a migration's certificates come from: files and folders, a CA's certutil export, an admin's
// map CSV. What cannot be read is named (file and reason) and the rest is still used.

#include <csv.h>

#include <algorithm>
#include <functional>
#include <memory>

#include "eascert/cert/CertificateLoader.h"
#include "eascert/directory/Migration.h"
#include "eascert/support/Base64.h"
#include "eascert/support/File.h"
#include "eascert/support/Path.h"
#include "eascert/support/Text.h"

namespace eascert::directory {

namespace {

constexpr std::size_t kMaxCsvBytes = 512 * 1024 * 1024;  // a CA's export of a few hundred thousand certificates
constexpr std::size_t kMaxFieldBytes = 64 * 1024;        // a certificate as PEM is a few KiB
constexpr std::size_t kMaxFiles = 200000;

const char* const kCertificateExtensions[] = {".cer", ".crt", ".der", ".pem", ".p7b", ".p7c", ".pfx", ".p12"};

bool isCertificateFile(const std::filesystem::path& p)
{
    const auto ext = text::foldCase(utf8Path(p.extension()));
    return std::any_of(std::begin(kCertificateExtensions), std::end(kCertificateExtensions),
                       [&](const char* e) { return ext == e; });
}

std::string problem(const std::filesystem::path& file, const Error& e)
{
    return text::printable(utf8Path(file)) + ": " + text::printable(e.detail.empty() ? "unreadable" : e.detail);
}

// Every end-entity certificate in the file (a .p7b or .pem may hold many); CA certificates are
// chain material, not anybody's logon certificate.
void addFile(CertificateSources& sources, const std::filesystem::path& file, CertificateOrigin origin,
             const std::string& account, const std::string& label)
{
    auto loaded = cert::loadCertificateFile(file);
    if (!loaded) {
        sources.problems.push_back(problem(file, loaded.error()));
        return;
    }
    std::vector<const cert::Certificate*> all = {&loaded->certificate};
    for (const auto& c : loaded->chain)
        all.push_back(&c);
    bool any = false;
    for (const auto* c : all) {
        if (c->info().isCa)
            continue;
        sources.certificates.push_back(
            {std::make_shared<const cert::CertificateInfo>(c->info()), origin, label, account});
        any = true;
        if (origin == CertificateOrigin::MapFile)
            break;  // the CSV names one certificate for one account: the file's chosen one
    }
    if (!any)
        sources.problems.push_back(text::printable(utf8Path(file)) + ": only CA certificates in it");
}

// libcsv, row by row; false from the callback stops.
Result<void> forEachCsvRow(std::string_view bytes, const std::function<bool(std::vector<std::string>&&)>& onRow)
{
    struct State
    {
        const std::function<bool(std::vector<std::string>&&)>* callback;
        std::vector<std::string> row;
        bool tooLarge = false;
        bool stopped = false;
    } state{&onRow, {}, false, false};
    csv_parser parser{};
    if (csv_init(&parser, CSV_APPEND_NULL) != 0)
        return fail(ErrorCode::Internal, "libcsv could not start");
    const std::unique_ptr<csv_parser, decltype(&csv_free)> guard(&parser, csv_free);
    const auto field = [](void* data, std::size_t size, void* self) {
        auto* s = static_cast<State*>(self);
        if (size > kMaxFieldBytes)
            s->tooLarge = true;
        s->row.emplace_back(data ? std::string(static_cast<const char*>(data), std::min(size, kMaxFieldBytes)) : "");
    };
    const auto row = [](int, void* self) {
        auto* s = static_cast<State*>(self);
        if (!s->stopped && !(*s->callback)(std::move(s->row)))
            s->stopped = true;
        s->row.clear();
    };
    if (csv_parse(&parser, bytes.data(), bytes.size(), field, row, &state) != bytes.size())
        return fail(ErrorCode::CorruptData,
                    std::string("the CSV could not be read: ") + csv_strerror(csv_error(&parser)));
    csv_fini(&parser, field, row, &state);
    if (state.tooLarge)
        return fail(ErrorCode::CorruptData, "a field is larger than 64 KiB: not a certificate export");
    return {};
}

Result<std::string> readCsvText(const std::filesystem::path& path)
{
    auto bytes = readFile(path, kMaxCsvBytes);
    if (!bytes)
        return std::unexpected(bytes.error());
    auto text = text::windowsText(*bytes);  // certutil writes UTF-16 with -unicode, ANSI otherwise
    if (!text)
        return fail(ErrorCode::CorruptData, utf8Path(path) + ": broken UTF-16 text");
    return std::move(*text);
}

}  // namespace

void addCertificateFiles(CertificateSources& sources, const std::vector<std::filesystem::path>& paths)
{
    for (const auto& path : paths) {
        std::error_code ec;
        if (!std::filesystem::is_directory(path, ec)) {
            addFile(sources, path, CertificateOrigin::File, "", utf8Path(path));
            continue;
        }
        std::vector<std::filesystem::path> files;
        for (auto it = std::filesystem::recursive_directory_iterator(
                 path, std::filesystem::directory_options::skip_permission_denied, ec);
             !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
            if (it->is_regular_file(ec) && isCertificateFile(it->path()))
                files.push_back(it->path());
            if (files.size() > kMaxFiles) {
                sources.problems.push_back(text::printable(utf8Path(path)) +
                                           ": more than 200,000 files; the rest not read");
                break;
            }
        }
        if (ec)
            sources.problems.push_back(text::printable(utf8Path(path)) + ": " + ec.message());
        std::sort(files.begin(), files.end());  // the same plan from the same folder, always
        for (const auto& f : files)
            addFile(sources, f, CertificateOrigin::File, "", utf8Path(f));
    }
}

Result<void> addCaExport(CertificateSources& sources, const std::filesystem::path& csv)
{
    auto text = readCsvText(csv);
    if (!text)
        return std::unexpected(text.error());
    std::optional<std::size_t> column;
    std::optional<std::size_t> requestId;
    std::size_t rowNumber = 0;
    bool sawData = false;
    const std::string name = utf8Path(csv.filename());
    auto read = forEachCsvRow(*text, [&](std::vector<std::string>&& row) {
        ++rowNumber;
        if (rowNumber == 1) {
            for (std::size_t i = 0; i < row.size(); ++i) {
                const auto h = text::trim(row[i]);
                if (text::equalsIgnoreCase(h, "Binary Certificate") || text::equalsIgnoreCase(h, "RawCertificate"))
                    column = i;
                if (text::equalsIgnoreCase(h, "Issued Request ID") || text::equalsIgnoreCase(h, "Request ID") ||
                    text::equalsIgnoreCase(h, "RequestID"))
                    requestId = i;
            }
            return true;
        }
        sawData = true;
        if (!column) {
            // certutil names the columns in the CA's language: the certificate column is the one
            // holding a PEM certificate in the first row.
            for (std::size_t i = 0; i < row.size() && !column; ++i)
                if (row[i].find("-----BEGIN CERTIFICATE-----") != std::string::npos)
                    column = i;
            if (!column)
                return false;  // not an export
        }
        if (*column >= row.size() || text::trim(row[*column]).empty() || text::trim(row[*column]) == "EMPTY")
            return true;  // a failed or pending request has no certificate
        std::string body(text::trim(row[*column]));
        const auto begin = body.find("-----BEGIN CERTIFICATE-----");
        const auto end = body.find("-----END CERTIFICATE-----");
        if (begin != std::string::npos && end != std::string::npos && end > begin)
            body = body.substr(begin + 27, end - begin - 27);
        std::string der;
        std::string label = name + " row " + std::to_string(rowNumber);
        if (requestId && *requestId < row.size() && !text::trim(row[*requestId]).empty())
            label += " (request " + text::printable(text::trim(row[*requestId])) + ")";
        if (!base64Decode(body, der)) {
            sources.problems.push_back(label + ": the certificate column is not Base64");
            return true;
        }
        auto info = cert::describeDer(std::as_bytes(std::span(der.data(), der.size())));
        if (!info) {
            sources.problems.push_back(label + ": not a certificate");
            return true;
        }
        if (!info->isCa)
            sources.certificates.push_back({std::make_shared<const cert::CertificateInfo>(std::move(*info)),
                                            CertificateOrigin::CaExport, label, ""});
        return true;
    });
    if (!read)
        return fail(read.error().code, utf8Path(csv) + ": " + read.error().detail);
    if (!column && !sawData) {
        sources.problems.push_back(utf8Path(csv) + ": no certificates in it");
        return {};
    }
    if (!column)
        return fail(
            ErrorCode::UnrecognizedFormat,
            utf8Path(csv) +
                ": no \"Binary Certificate\" column, and no certificate in the first row; export with "
                "certutil -view -restrict \"Disposition=20\" -out \"RequestID,RawCertificate\" csv > issued.csv");
    return {};
}

Result<void> addMapFile(CertificateSources& sources, const std::filesystem::path& csv)
{
    auto text = readCsvText(csv);
    if (!text)
        return std::unexpected(text.error());
    const auto folder = csv.parent_path();
    std::size_t line = 0;
    const std::string name = utf8Path(csv.filename());
    auto read = forEachCsvRow(*text, [&](std::vector<std::string>&& row) {
        ++line;
        if (row.empty() || (row.size() == 1 && text::trim(row[0]).empty()))
            return true;
        const std::string label = name + " line " + std::to_string(line);
        if (line == 1 && text::equalsIgnoreCase(text::trim(row[0]), "sAMAccountName"))
            return true;
        if (row.size() < 2 || text::trim(row[0]).empty() || text::trim(row[1]).empty()) {
            sources.problems.push_back(label + ": expected \"sAMAccountName,certificate file\"");
            return true;
        }
        auto file = pathFromUtf8(std::string(text::trim(row[1])));
        if (file.is_relative())
            file = folder / file;
        const auto before = sources.certificates.size();
        addFile(sources, file, CertificateOrigin::MapFile, std::string(text::trim(row[0])), label);
        if (sources.certificates.size() == before && !sources.problems.empty())
            sources.problems.back() = label + ": " + sources.problems.back();
        return true;
    });
    if (!read)
        return fail(read.error().code, utf8Path(csv) + ": " + read.error().detail);
    return {};
}

}  // namespace eascert::directory
