// The real wizard, offscreen, through the demo lab from the welcome page to the exported report:
// the seed's 401.2, Published Certificates only, the confirmation (declined, then given), Undo,
// the fix again, "Test again" (200) and the report. Screenshots of every page on request.

#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QTreeWidget>

#include <nlohmann/json.hpp>

#include "TempDir.h"
#include "Terms.h"
#include "WizardDriver.h"
#include "eascert/support/Path.h"
#include "eascert/ui/LogPanel.h"
#include "eascert/ui/PageId.h"
#include "eascert/ui/WizardContext.h"
#include "eascert/ui/pages/EvidencePage.h"

using eascert::ui::PageId;

namespace {

QMessageBox* confirmation(QWidget& root)
{
    QMessageBox* box = nullptr;
    REQUIRE(waitFor([&] {
        box = root.findChild<QMessageBox*>(QStringLiteral("fixConfirmation"));
        return box && box->isVisible();
    }));
    return box;
}

}  // namespace

TEST_CASE("wizard: the demo lab from start to exported report", "[ui][demo]")
{
    TempDir tmp;
    eascert::ui::Wizard wizard;
    wizard.show();
    screenshot(wizard, "1-welcome");

    // Welcome → the demo lab starts in the background and the wizard moves on by itself.
    click(wizard, "startDemo");
    REQUIRE(waitFor([&] { return wizard.currentId() == PageId::Certificate; }));
    auto* context = wizard.context();
    REQUIRE(context->isDemo());

    // Certificate: the demo's PFX opens with its password; facts and pre-flight findings shown.
    REQUIRE(waitFor([&] { return wizard.button(QWizard::NextButton)->isEnabled(); }));
    REQUIRE(context->session() != nullptr);
    CHECK(widget<QLabel>(wizard, "certSubject")->text().contains(QStringLiteral("usertest1")));
    CHECK(widget<QLabel>(wizard, "certKey")->text().startsWith(QStringLiteral("yes")));
    CHECK(widget<QLabel>(wizard, "certSid")->text().startsWith(QStringLiteral("none")));
    CHECK(widget<QLineEdit>(wizard, "certificatePassword")->text().isEmpty());  // not kept once used
    screenshot(wizard, "2-certificate");

    // The same PFX opened again with a wrong password: the inline "wrong password" state, the
    // certificate already open stays open.
    auto* state = widget<QLabel>(wizard, "certificateState");
    widget<QLineEdit>(wizard, "certificatePassword")->setText(QStringLiteral("not-the-password"));
    click(wizard, "openCertificate");
    REQUIRE(waitFor([&] { return widget<QAbstractButton>(wizard, "openCertificate")->isEnabled(); }));
    CHECK(state->property("state").toString() == QStringLiteral("password"));
    CHECK(state->text().startsWith(QStringLiteral("Wrong password")));
    auto password = readText(context->demoLab()->files().userPfxPassword);
    password.erase(password.find_last_not_of('\n') + 1);
    widget<QLineEdit>(wizard, "certificatePassword")->setText(QString::fromStdString(password));
    click(wizard, "openCertificate");
    REQUIRE(waitFor([&] { return widget<QAbstractButton>(wizard, "openCertificate")->isEnabled(); }));
    CHECK(state->property("state").toString() == QStringLiteral("open"));

    // Endpoint: tested straight away; the seed's 401.2 and the CA list with our issuer.
    next(wizard, PageId::Endpoint);
    // The test started in initializePage: Next comes back when it is done (never read the session
    // while a job may be writing it).
    REQUIRE(waitFor([&] { return wizard.button(QWizard::NextButton)->isEnabled(); }));
    REQUIRE(context->session()->before().probe.has_value());
    CHECK(widget<QLabel>(wizard, "probeVerdict")->text().contains(QStringLiteral("401.2")));
    CHECK(widget<QLabel>(wizard, "probeHttp")->text().contains(QStringLiteral("Password method offered")));
    auto* caList = widget<QListWidget>(wizard, "caList");
    REQUIRE(caList->count() >= 1);
    CHECK(caList->item(0)->text().contains(QStringLiteral("Contoso Standalone CA")));
    CHECK(caList->item(0)->font().bold());
    CHECK(listedFindings(wizard, "endpointFindings").contains(QStringLiteral("mapping-failed-at-endpoint")));
    screenshot(wizard, "3-endpoint");

    // Directory: the lab's LDIF directory, inspected straight away: Published Certificates only.
    next(wizard, PageId::Directory);
    REQUIRE(waitFor([&] { return wizard.button(QWizard::NextButton)->isEnabled(); }));
    REQUIRE(context->session()->before().directory.has_value());
    CHECK(widget<QLabel>(wizard, "accountFound")->text().contains(QStringLiteral("CN=User Test1")));
    CHECK(widget<QLabel>(wizard, "publishedState")->text().contains(QStringLiteral("holds this certificate")));
    CHECK(listedFindings(wizard, "directoryFindings").front() == QStringLiteral("published-only"));
    // Words, not ids; the selected finding's details in a pane, with the value to add, copyable.
    CHECK(widget<QLabel>(wizard, "accountFound")->text().contains(QStringLiteral("found by the certificate's e-mail")));
    CHECK_FALSE(widget<QLabel>(wizard, "accountFound")->text().contains(QStringLiteral("certificate-email")));
    CHECK(widget<QLabel>(wizard, "ntAuthState")->text() ==
          QStringLiteral("NTAuth: ") + QString::fromStdString(eascert::common::terms::ntAuth(
                                           context->session()->before().directory->inspection.ntAuth.state)));
    const auto value = QString::fromStdString(context->session()->before().directory->inspection.recommendedValue);
    auto* details = widget<QPlainTextEdit>(wizard, "directoryFindingsDetails");
    REQUIRE(waitFor([&] { return details->toPlainText().contains(value); }));
    CHECK(details->toPlainText().contains(QStringLiteral("Published Certificates")));
    CHECK(details->toPlainText().contains(QStringLiteral("Strong value to add")));
    QGuiApplication::clipboard()->clear();
    click(wizard, "directoryFindingsCopy");
    CHECK(QGuiApplication::clipboard()->text() == details->toPlainText());
    screenshot(wizard, "4-directory");

    // Evidence: the lab's DC logged the failed lookup; its events pasted as text (Enter reads them),
    // its IIS log added as a file. The records about this certificate are bold, the findings listed,
    // and they go into the verdict.
    next(wizard, PageId::Evidence);
    const auto logs = context->demoLab()->evidenceFiles();
    REQUIRE(logs.size() == 2);  // u_exYYMMDD.log, dc-events.xml
    auto* paste = widget<QPlainTextEdit>(wizard, "evidenceText");
    paste->setPlainText(QString::fromStdString(readText(logs[1])));
    pressEnter(paste);
    REQUIRE(waitFor([&] { return widget<QTreeWidget>(wizard, "evidenceSources")->topLevelItemCount() == 1; }));
    CHECK(paste->toPlainText().isEmpty());
    auto* page = qobject_cast<eascert::ui::EvidencePage*>(wizard.currentPage());
    REQUIRE(page);
    page->readFiles({QString::fromStdString(eascert::utf8Path(logs[0]))});
    REQUIRE(waitFor([&] { return widget<QTreeWidget>(wizard, "evidenceSources")->topLevelItemCount() == 2; }));
    auto* records = widget<QTreeWidget>(wizard, "evidenceRecords");
    REQUIRE(records->topLevelItemCount() >= 2);
    bool boldOurs = false;
    for (int i = 0; i < records->topLevelItemCount(); ++i)
        boldOurs = boldOurs || (records->topLevelItem(i)->text(2).contains(QStringLiteral("X509N:")) &&
                                records->topLevelItem(i)->font(2).bold());
    CHECK(boldOurs);
    const auto evidenceIds = listedFindings(wizard, "evidenceFindings");
    CHECK(evidenceIds.contains(QStringLiteral("kdc-principal-unknown")));
    CHECK(evidenceIds.contains(QStringLiteral("iis-mapping-failed")));
    const auto verdictFindings =
        context->session()->findings(context->session()->before(), eascert::cert::currentTime());
    CHECK(std::any_of(verdictFindings.begin(), verdictFindings.end(), [](const eascert::diagnosis::Finding& f) {
        return f.id == eascert::diagnosis::FindingId::KdcPrincipalUnknown;
    }));
    screenshot(wizard, "4b-evidence");

    // Fix: the plan, then the confirmation — declined first (nothing written), then given.
    next(wizard, PageId::Fix);
    const auto recommended =
        QString::fromStdString(context->session()->before().directory->inspection.recommendedValue);
    CHECK(widget<QPlainTextEdit>(wizard, "fixDiff")->toPlainText().contains(QStringLiteral("+ ") + recommended));
    CHECK(widget<QPlainTextEdit>(wizard, "fixLdif")
              ->toPlainText()
              .contains(QStringLiteral("add: altSecurityIdentities")));
    CHECK(widget<QPlainTextEdit>(wizard, "fixPowershell")->toPlainText().contains(QStringLiteral("Set-ADUser")));
    screenshot(wizard, "5-fix-plan");
    click(wizard, "applyFix");
    auto* box = confirmation(wizard);
    CHECK(box->text().contains(QStringLiteral("CN=User Test1,CN=Users,DC=contoso,DC=test")));
    CHECK(box->text().contains(recommended));
    screenshot(*box, "5a-fix-confirmation");
    widget<QAbstractButton>(*box, "declineFix")->click();
    REQUIRE(waitFor([&] { return !box->isVisible(); }));
    CHECK(widget<QLabel>(wizard, "fixResult")->text().contains(QStringLiteral("Nothing was written")));
    CHECK_FALSE(context->session()->fixActive());

    click(wizard, "applyFix");
    widget<QAbstractButton>(*confirmation(wizard), "confirmFix")->click();
    REQUIRE(waitFor([&] { return widget<QAbstractButton>(wizard, "undoFix")->isEnabled(); }));
    REQUIRE(context->session()->fixActive());
    CHECK(widget<QLabel>(wizard, "fixResult")->text().contains(QStringLiteral("read back")));
    const auto backup = context->session()->fix()->outcome.backupFile;
    CHECK(std::filesystem::exists(backup));
    CHECK(widget<QLabel>(wizard, "backupFile")->text().contains(QString::fromStdString(eascert::utf8Path(backup))));

    // Undo puts the values back; the change file records both directions.
    click(wizard, "undoFix");
    REQUIRE(waitFor([&] { return widget<QAbstractButton>(wizard, "applyFix")->isEnabled(); }));
    REQUIRE_FALSE(context->session()->fixActive());
    CHECK(widget<QLabel>(wizard, "fixResult")->text().startsWith(QStringLiteral("Undone")));
    CHECK(context->session()->before().directory->inspection.values.empty());

    // Fix again, then "Test again": the endpoint authenticates now.
    click(wizard, "applyFix");
    widget<QAbstractButton>(*confirmation(wizard), "confirmFix")->click();
    REQUIRE(waitFor([&] { return widget<QAbstractButton>(wizard, "undoFix")->isEnabled(); }));
    click(wizard, "testAgain");
    REQUIRE(waitFor(
        [&] { return widget<QLabel>(wizard, "retestResult")->text().contains(QStringLiteral("Authenticated")); }));
    screenshot(wizard, "6-fix-done");

    // Report: the verdict, the findings, and the export (HTML + JSON).
    next(wizard, PageId::Report);
    CHECK(widget<QLabel>(wizard, "verdictText")->property("verdict").toString() == QStringLiteral("fixed"));
    CHECK(widget<QTreeWidget>(wizard, "findingsList")->topLevelItemCount() == 2);  // before and after the fix
    // A folder and a name no ANSI code page holds (on Windows: the wizard's UTF-8 file names).
    const auto folder = tmp / eascert::pathFromUtf8("Berichte für Jürgen 証明書");
    std::filesystem::create_directory(folder);
    const auto html = folder / "report.html";
    widget<QLineEdit>(wizard, "reportPath")->setText(QString::fromStdString(eascert::utf8Path(html)));
    click(wizard, "exportReport");
    CHECK(widget<QLabel>(wizard, "exportState")->text().startsWith(QStringLiteral("Report written")));
    CHECK(widget<QAbstractButton>(wizard, "openReport")->isEnabled());
    REQUIRE(std::filesystem::exists(html));
    const auto json = nlohmann::json::parse(readText(folder / "report.json"));
    CHECK(json["verdict"]["id"] == "fixed");
    CHECK(json["findings"][0]["id"] == "published-only");
    CHECK(json["after"]["probe"]["outcome"] == "authenticated");
    CHECK(readText(html).find("published-only") != std::string::npos);
    screenshot(wizard, "7-report");

    // The log panel saw core's steps; no password in it.
    const auto log = wizard.logPanel()->text().toStdString();
    CHECK(log.find("probe of") != std::string::npos);
    CHECK(log.find(password) == std::string::npos);
    click(wizard, "showLog");
    CHECK(wizard.logPanel()->isVisible());
    screenshot(*wizard.logPanel(), "8-log");
}
