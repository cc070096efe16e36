// The real wizard against the real Samba AD DC and the IIS-like endpoint (which asks that DC who a
// certificate belongs to): the seed's case from the certificate to the verified fix and the report.

#define CATCH_CONFIG_RUNNER
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QRadioButton>
#include <QSettings>
#include <QTableView>

#include <nlohmann/json.hpp>

#include "DcFixture.h"
#include "Settings.h"
#include "TempDir.h"
#include "WizardDriver.h"
#include "eascert/mapping/Mapping.h"
#include "eascert/ui/PageId.h"
#include "eascert/ui/WizardContext.h"

using namespace eascert;
using eascert::ui::PageId;

namespace {

// The connection form (the Directory step's, and the domain path's) filled in for the test DC's admin.
void connectAsAdmin(ui::Wizard& wizard)
{
    widget<QRadioButton>(wizard, "sourceLdap")->setChecked(true);
    widget<QComboBox>(wizard, "dcUri")->setEditText(QString::fromStdString(dc().uri));
    auto* bind = widget<QComboBox>(wizard, "bindMethod");
    bind->setCurrentIndex(bind->findData(QStringLiteral("simple")));
    widget<QLineEdit>(wizard, "bindDn")->setText(QString::fromStdString(dc().adminDn));
    widget<QLineEdit>(wizard, "bindPassword")
        ->setText(QString::fromStdString(std::string(dc().adminPassword().view())));
    widget<QLineEdit>(wizard, "dcCaFile")->setText(QString::fromStdString(dc().caFile));
}

}  // namespace

TEST_CASE("wizard live: the seed's case against Samba, fixed and verified", "[ui][live]")
{
    TempDir tmp;
    const std::string sam = uniqueName("uiseed");
    const auto user = issueUser(sam);
    const auto dn = seedUser({sam, {}, {user.der()}});  // published only, like the seed report

    const LiveEndpoint endpoint;  // trusts the lab CA, asks the DC
    const auto pfx = endpoint.writePfx(user, "Pfx-pass-77");

    ui::Wizard wizard;
    wizard.show();
    next(wizard, PageId::Certificate);
    widget<QLineEdit>(wizard, "certificatePath")->setText(QString::fromStdString(pfx));
    widget<QLineEdit>(wizard, "certificatePassword")->setText(QStringLiteral("Pfx-pass-77"));
    click(wizard, "openCertificate");
    // Wait on what the user sees: the job's result reaches the session and the page together.
    REQUIRE(waitFor([&] { return wizard.button(QWizard::NextButton)->isEnabled(); }));

    next(wizard, PageId::Endpoint);
    widget<QLineEdit>(wizard, "endpointUrl")->setText(QString::fromStdString(endpoint.url()));
    widget<QLineEdit>(wizard, "endpointCaFile")->setText(QString::fromStdString(endpoint.caFile()));
    click(wizard, "runProbe");
    REQUIRE(waitFor([&] { return widget<QAbstractButton>(wizard, "runProbe")->isEnabled(); }));
    CHECK(widget<QLabel>(wizard, "probeVerdict")->text().contains(QStringLiteral("401.2")));

    next(wizard, PageId::Directory);
    connectAsAdmin(wizard);
    const auto adminPassword = dc().adminPassword();
    widget<QLineEdit>(wizard, "accountName")->setText(QString::fromStdString(sam));
    click(wizard, "inspectDirectory");
    REQUIRE(waitFor([&] { return widget<QAbstractButton>(wizard, "inspectDirectory")->isEnabled(); }));
    REQUIRE(wizard.context()->session()->before().directory.has_value());
    CHECK(listedFindings(wizard, "directoryFindings").front() == QStringLiteral("published-only"));
    CHECK(widget<QLineEdit>(wizard, "bindPassword")->text().isEmpty());  // not kept after the bind

    next(wizard, PageId::Evidence);

    next(wizard, PageId::Fix);
    click(wizard, "applyFix");
    QMessageBox* box = nullptr;
    REQUIRE(waitFor([&] {
        box = wizard.findChild<QMessageBox*>(QStringLiteral("fixConfirmation"));
        return box && box->isVisible();
    }));
    CHECK(box->text().contains(QString::fromStdString(dn)));
    CHECK(box->text().contains(QStringLiteral("NTAuth")));  // asked, not done behind the admin's back
    widget<QAbstractButton>(*box, "confirmFix")->click();
    REQUIRE(waitFor([&] { return widget<QAbstractButton>(wizard, "undoFix")->isEnabled(); }));
    REQUIRE(wizard.context()->session()->fixActive());
    const auto strong = *mapping::buildMapping(testpki::parse(user).info(), mapping::MappingForm::IssuerSerial);
    CHECK(mappingValues(dn) == std::vector<std::string>{strong});  // read by ldapsearch, not by the tool
    // The issuing CA was published to NTAuth too (the store created: Samba's forest has none).
    const auto& caDer = labCa().der();
    CHECK(ntAuthCertificates() ==
          std::vector<std::string>{std::string(reinterpret_cast<const char*>(caDer.data()), caDer.size())});
    click(wizard, "testAgain");
    REQUIRE(waitFor(
        [&] { return widget<QLabel>(wizard, "retestResult")->text().contains(QStringLiteral("Authenticated")); }));

    next(wizard, PageId::Report);
    CHECK(widget<QLabel>(wizard, "verdictText")->property("verdict").toString() == QStringLiteral("fixed"));
    widget<QLineEdit>(wizard, "reportPath")->setText(QString::fromStdString((tmp / "report.html").string()));
    click(wizard, "exportReport");
    const auto json = nlohmann::json::parse(readText(tmp / "report.json"));
    INFO(json["after"].dump(1));
    CHECK(json["verdict"]["id"] == "fixed");
    CHECK(json["findings"][0]["id"] == "published-only");
    for (const auto& text : {readText(tmp / "report.html"), readText(tmp / "report.json")}) {
        CHECK(text.find(std::string(adminPassword.view())) == std::string::npos);
        CHECK(text.find("Pfx-pass-77") == std::string::npos);
    }
    // What the wizard remembers (QSettings) holds the DC and the bind DN, never a password.
    QSettings settings(eascert::common::Settings::location(), QSettings::NativeFormat);
    settings.sync();
    CHECK(settings.value(QStringLiteral("directory/lastDomainController")).toString() ==
          QString::fromStdString(dc().uri));
    CHECK(readText(settings.fileName().toStdString()).find(std::string(adminPassword.view())) == std::string::npos);
    CHECK(readText(settings.fileName().toStdString()).find("Pfx-pass-77") == std::string::npos);

    // Undo takes both back: the mapping, and the NTAuth store it created.
    back(wizard, PageId::Fix);
    click(wizard, "undoFix");
    REQUIRE(waitFor([&] { return widget<QAbstractButton>(wizard, "applyFix")->isEnabled(); }));
    CHECK(mappingValues(dn).empty());
    CHECK_FALSE(ntAuthCertificates().has_value());
    CHECK(widget<QLabel>(wizard, "fixResult")->text().contains(QStringLiteral("NTAuth")));
    std::filesystem::remove(wizard.context()->session()->fix()->outcome.backupFile);
}

TEST_CASE("wizard live: the whole domain — audit table, plan, apply with progress, undo, report", "[ui][live][migrate]")
{
    TempDir tmp;
    const auto ou = seedOu(uniqueName("uimig"));
    std::vector<std::string> dns, sams;
    std::vector<std::string> strong;
    for (int i = 0; i < 3; ++i) {
        sams.push_back(uniqueName("uimig"));
        const auto cert = issueUser(sams.back());
        strong.push_back(*mapping::buildMapping(testpki::parse(cert).info(), mapping::MappingForm::IssuerSerial));
        dns.push_back(seedUser({sams.back(), {}, {cert.der()}, false, "", "", ou}));
    }

    ui::Wizard wizard;
    wizard.show();
    click(wizard, "startDomain");
    REQUIRE(waitFor([&] { return wizard.currentId() == PageId::DomainAudit; }));
    CHECK_FALSE(wizard.button(QWizard::NextButton)->isEnabled());  // nothing read yet
    connectAsAdmin(wizard);
    const auto adminPassword = dc().adminPassword();
    widget<QLineEdit>(wizard, "domainBase")->setText(QString::fromStdString(ou));
    pressEnter(widget<QLineEdit>(wizard, "domainBase"));  // Enter runs the page's action: the audit
    REQUIRE(waitFor([&] { return wizard.button(QWizard::NextButton)->isEnabled(); }));
    auto* audit = widget<QTableView>(wizard, "auditTable");
    CHECK(audit->model()->rowCount() == 3);  // published-only, each
    widget<QLineEdit>(wizard, "auditFilter")->setText(QString::fromStdString(sams[1]));
    CHECK(audit->model()->rowCount() == 1);
    CHECK(audit->model()->index(0, 1).data().toString().contains(QStringLiteral("published")));
    CHECK(widget<QLineEdit>(wizard, "bindPassword")->text().isEmpty());

    next(wizard, PageId::DomainMigrate);
    click(wizard, "makePlan");
    REQUIRE(waitFor([&] { return widget<QAbstractButton>(wizard, "applyMigration")->isEnabled(); }));
    auto* plan = widget<QTableView>(wizard, "planTable");
    CHECK(plan->model()->rowCount() == 3);
    auto* sort = widget<QComboBox>(wizard, "planSort");
    sort->setCurrentIndex(0);
    CHECK(plan->model()->index(0, 0).data().toString().startsWith(
        QString::fromStdString(std::min({sams[0], sams[1], sams[2]}))));
    const auto script = widget<QPlainTextEdit>(wizard, "planScript")->toPlainText();
    CHECK(script.contains(QStringLiteral("Set-ADUser -Identity '") + QString::fromStdString(dns[0])));
    widget<QComboBox>(wizard, "planScriptKind")->setCurrentIndex(1);
    CHECK(widget<QPlainTextEdit>(wizard, "planScript")->toPlainText().contains(QStringLiteral("changetype: modify")));

    click(wizard, "applyMigration");
    QMessageBox* box = nullptr;
    REQUIRE(waitFor([&] {
        box = wizard.findChild<QMessageBox*>(QStringLiteral("migrateConfirmation"));
        return box && box->isVisible();
    }));
    CHECK(box->text().contains(QStringLiteral("3 account(s)")));
    widget<QAbstractButton>(*box, "confirmMigration")->click();
    REQUIRE(waitFor([&] { return widget<QAbstractButton>(wizard, "undoMigration")->isEnabled(); }));
    CHECK(widget<QProgressBar>(wizard, "migrationProgress")->value() == 3);
    CHECK(widget<QLabel>(wizard, "migrationState")->text().contains(QStringLiteral("3 of 3")));
    for (int i = 0; i < 3; ++i)
        CHECK(mappingValues(dns[i]) == std::vector<std::string>{strong[i]});

    widget<QLineEdit>(wizard, "migrationReportPath")
        ->setText(QString::fromStdString((tmp / "migration.html").string()));
    click(wizard, "saveMigrationReport");
    const auto html = readText(tmp / "migration.html");
    CHECK(html.find(sams[2]) != std::string::npos);
    CHECK(html.find("Written and read back") != std::string::npos);
    CHECK(html.find(std::string(adminPassword.view())) == std::string::npos);

    click(wizard, "undoMigration");
    REQUIRE(
        waitFor([&] { return widget<QLabel>(wizard, "migrationState")->text().contains(QStringLiteral("Reverted")); }));
    for (const auto& dn : dns)
        CHECK(mappingValues(dn).empty());
}

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    // Every run starts as a first run: nothing remembered from an earlier run of the tests.
    QSettings(eascert::common::Settings::location(), QSettings::NativeFormat).clear();
    return Catch::Session().run(argc, argv);
}
