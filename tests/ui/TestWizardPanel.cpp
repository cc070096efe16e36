// Where the admin is and what they need at hand: the step panel, the window title, the certificate's
// facts as Windows labels them, bare host names, results cleared when a test starts, Browse buttons,
// remembered choices (never a password) and recent sessions that open the certificate again.

#include <algorithm>
#include <filesystem>
#include <memory>

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTcpServer>

#include "Settings.h"
#include "TempDir.h"
#include "WizardDriver.h"
#include "eascert/cert/CertificateLoader.h"
#include "eascert/lab/DemoLab.h"
#include "eascert/support/Bytes.h"
#include "eascert/support/Path.h"
#include "eascert/ui/PageId.h"
#include "eascert/ui/WizardContext.h"

using eascert::ui::PageId;

namespace {

void clearSettings()
{
    QSettings s(eascert::common::Settings::location(), QSettings::NativeFormat);
    s.clear();
    s.sync();
}

// Clears the settings now and again when the test ends: the other tests start from a first run.
struct FreshSettings
{
    FreshSettings() { clearSettings(); }
    ~FreshSettings() { clearSettings(); }
    FreshSettings(const FreshSettings&) = delete;
    FreshSettings& operator=(const FreshSettings&) = delete;
};

QString settingsText()
{
    QFile file(eascert::common::Settings::location());
    REQUIRE(file.open(QIODevice::ReadOnly));
    return QString::fromUtf8(file.readAll());
}

// A loopback port nothing listens on (bound, then closed).
quint16 closedPort()
{
    QTcpServer server;
    REQUIRE(server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

QString stepText(eascert::ui::Wizard& wizard, int row)
{
    auto* list = widget<QListWidget>(wizard, "stepList");
    REQUIRE(list->count() == 6);
    return list->item(row)->text();
}

void startDemo(eascert::ui::Wizard& wizard)
{
    wizard.show();
    click(wizard, "startDemo");
    REQUIRE(waitFor([&] { return wizard.currentId() == PageId::Certificate; }));
    REQUIRE(waitFor([&] { return wizard.button(QWizard::NextButton)->isEnabled(); }));
}

void waitForProbe(eascert::ui::Wizard& wizard)
{
    REQUIRE(waitFor([&] {
        return !widget<QAbstractButton>(wizard, "cancelProbe")->isEnabled() &&
               widget<QAbstractButton>(wizard, "runProbe")->isEnabled();
    }));
}

void openPfx(eascert::ui::Wizard& wizard, const QString& password)
{
    widget<QLineEdit>(wizard, "certificatePassword")->setText(password);
    click(wizard, "openCertificate");
    auto* state = widget<QLabel>(wizard, "certificateState");
    REQUIRE(waitFor([&] { return state->property("state").toString() == QStringLiteral("open"); }));
}

QString pathText(const std::filesystem::path& path)
{
    return QString::fromStdString(eascert::utf8Path(path));
}

// The demo lab's files in a folder of the test, used as an admin's own files (not as the demo).
struct LabOnDisk
{
    TempDir tmp;
    std::unique_ptr<eascert::lab::DemoLab> lab;
    QString pfx, pfxPassword, caPem, ldif, url;

    LabOnDisk()
    {
        auto started = eascert::lab::DemoLab::start(tmp.path() / "lab");
        REQUIRE(started);
        lab = std::move(*started);
        const auto& files = lab->files();
        pfx = pathText(files.userPfx);
        caPem = pathText(files.caPem);
        ldif = pathText(lab->directoryFile());
        url = QString::fromStdString(lab->url());
        QFile passwordFile(pathText(files.userPfxPassword));
        REQUIRE(passwordFile.open(QIODevice::ReadOnly));
        pfxPassword = QString::fromUtf8(passwordFile.readAll()).trimmed();
    }
};

}  // namespace

TEST_CASE("wizard: the step panel shows where you are and how each step went; a step passed is one Enter away",
          "[ui][panel]")
{
    FreshSettings fresh;
    eascert::ui::Wizard wizard;
    wizard.show();
    // A first run: no empty "Recent sessions" box, no demo banner, every step still to come.
    CHECK_FALSE(widget<QListWidget>(wizard, "recentSessions")->isVisible());
    CHECK_FALSE(widget<QLabel>(wizard, "demoBanner")->isVisible());
    for (int row = 0; row < 6; ++row)
        CHECK(stepText(wizard, row).endsWith(QStringLiteral("not yet")));
    CHECK(wizard.windowTitle() == QStringLiteral("EAS Cert Doctor"));

    click(wizard, "startDemo");
    REQUIRE(waitFor([&] { return wizard.currentId() == PageId::Certificate; }));
    REQUIRE(waitFor([&] { return wizard.button(QWizard::NextButton)->isEnabled(); }));
    CHECK(widget<QLabel>(wizard, "demoBanner")->isVisible());
    CHECK(wizard.windowTitle().contains(QStringLiteral("Demo lab")));
    CHECK(stepText(wizard, 0).startsWith(QStringLiteral("Certificate\n")));
    CHECK(stepText(wizard, 0).contains(QStringLiteral("done · you are here")));

    next(wizard, PageId::Endpoint);
    REQUIRE(waitFor([&] { return widget<QLabel>(wizard, "probeVerdict")->text().contains(QStringLiteral("401.2")); }));
    REQUIRE(waitFor([&] { return stepText(wizard, 1).contains(QStringLiteral("problem found")); }));
    CHECK(stepText(wizard, 0) == QStringLiteral("Certificate\ndone"));
    CHECK(wizard.windowTitle().contains(QStringLiteral("127.0.0.1")));
    auto* sideVerdict = widget<QLabel>(wizard, "sideVerdict");
    CHECK(sideVerdict->isVisible());
    CHECK(sideVerdict->text().startsWith(QStringLiteral("Problem found")));

    next(wizard, PageId::Directory);
    REQUIRE(waitFor([&] { return stepText(wizard, 2).contains(QStringLiteral("problem found")); }));
    CHECK(wizard.windowTitle().contains(QStringLiteral("usertest1")));
    CHECK(stepText(wizard, 3) == QStringLiteral("Server evidence\nnot yet"));
    CHECK(stepText(wizard, 4) == QStringLiteral("Fix\nnot yet"));
    screenshot(*widget<QWidget>(wizard, "stepPanel"), "9-step-panel");

    // A step not reached yet is shown, not offered; one passed is: Enter on it goes back there.
    auto* steps = widget<QListWidget>(wizard, "stepList");
    CHECK_FALSE(steps->item(3)->flags().testFlag(Qt::ItemIsSelectable));
    steps->setCurrentRow(0);
    pressEnter(steps);
    REQUIRE(waitFor([&] { return wizard.currentId() == PageId::Certificate; }, 5000));
    CHECK(stepText(wizard, 0).contains(QStringLiteral("you are here")));
}

TEST_CASE("wizard: the certificate's facts as Windows labels them: thumbprint, EKU, UPN apart from e-mail, local "
          "dates, one serial format",
          "[ui][certificate]")
{
    eascert::ui::Wizard wizard;
    startDemo(wizard);
    const auto* lab = wizard.context()->demoLab();
    REQUIRE(lab);

    // The thumbprint certmgr shows: SHA-1 over the DER, computed here by Qt, not by the product.
    QFile der(QString::fromStdString(eascert::utf8Path(lab->files().userCertificate)));
    REQUIRE(der.open(QIODevice::ReadOnly));
    const QByteArray bytes = der.readAll();
    REQUIRE(bytes.startsWith('\x30'));  // DER, not PEM
    const QString thumbprint =
        QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex().toUpper());
    CHECK(widget<QLabel>(wizard, "certThumbprint")->text() == thumbprint);

    const auto loaded = eascert::cert::loadCertificateFile(lab->files().userCertificate);
    REQUIRE(loaded);
    const auto& info = loaded->certificate.info();
    // The demo's certificate has an e-mail and no UPN: the UPN row says none, the e-mail is in its own row.
    REQUIRE(info.upns().empty());
    REQUIRE_FALSE(info.emails().empty());
    CHECK(widget<QLabel>(wizard, "certUpn")->text() == QStringLiteral("none"));
    CHECK(widget<QLabel>(wizard, "certEmail")->text() == QString::fromStdString(info.emails().front()));
    CHECK(widget<QLabel>(wizard, "certEku")->text().contains(QStringLiteral("Client Authentication")));

    // One serial format (the report's and the CLI's): upper-case hex, no separators.
    const QString serial = widget<QLabel>(wizard, "certSerial")->text();
    CHECK(serial == QString::fromStdString(eascert::toHex(info.serialMagnitude())));
    CHECK(QRegularExpression(QStringLiteral("^[0-9A-F]+$")).match(serial).hasMatch());

    // Local dates in the user's format, never ISO 8601 with a Z.
    const QString validity = widget<QLabel>(wizard, "certValidity")->text();
    CHECK_FALSE(QRegularExpression(QStringLiteral("\\d{4}-\\d\\d-\\d\\dT")).match(validity).hasMatch());
    const auto notAfter = std::chrono::duration_cast<std::chrono::seconds>(info.notAfter.time_since_epoch()).count();
    CHECK(validity.endsWith(
        QLocale().toString(QDateTime::fromSecsSinceEpoch(notAfter).toLocalTime(), QLocale::ShortFormat)));

    // The labels are Windows' own words.
    QStringList labels;
    for (auto* l : wizard.currentPage()->findChildren<QLabel*>())
        labels << l->text();
    for (const char* label : {"Thumbprint:", "Enhanced Key Usage:", "Principal Name (UPN):", "RFC822 Name (e-mail):"})
        CHECK(labels.contains(QString::fromLatin1(label)));
}

TEST_CASE("wizard: a bare host name is completed; a new test clears the old results; a refused connection never "
          "says the server did not ask",
          "[ui][endpoint]")
{
    eascert::ui::Wizard wizard;
    startDemo(wizard);
    next(wizard, PageId::Endpoint);
    auto* verdict = widget<QLabel>(wizard, "probeVerdict");
    REQUIRE(waitFor([&] { return verdict->text().contains(QStringLiteral("401.2")); }));
    waitForProbe(wizard);
    auto* caList = widget<QListWidget>(wizard, "caList");
    auto* http = widget<QLabel>(wizard, "probeHttp");
    auto* findings = widget<QListWidget>(wizard, "endpointFindings");
    REQUIRE(caList->count() > 0);
    REQUIRE(findings->count() > 0);

    const quint16 port = closedPort();
    auto* url = widget<QLineEdit>(wizard, "endpointUrl");
    url->setText(QStringLiteral("  127.0.0.1:%1 ").arg(port));
    click(wizard, "runProbe");
    // Nothing of the last test stays on screen while this one runs.
    CHECK(caList->count() == 0);
    CHECK(findings->count() == 0);
    CHECK(http->text().isEmpty());
    CHECK(url->text() == QStringLiteral("https://127.0.0.1:%1/Microsoft-Server-ActiveSync").arg(port));
    waitForProbe(wizard);

    INFO("verdict: " << verdict->text().toStdString() << "; http: " << http->text().toStdString());
    CHECK_FALSE(verdict->text().startsWith(QStringLiteral("The operation failed")));
    CHECK_FALSE(verdict->text().contains(QStringLiteral("401.2")));
    for (int i = 0; i < caList->count(); ++i) {
        INFO("CA list: " << caList->item(i)->text().toStdString());
        CHECK_FALSE(caList->item(i)->text().contains(QStringLiteral("did not ask")));
        CHECK_FALSE(caList->item(i)->text().contains(QStringLiteral("our issuer")));
    }
    // The failure is worded by its stage: the TCP connection.
    CHECK((http->text() + verdict->text()).contains(QStringLiteral("connection")));
}

TEST_CASE("wizard: Browse buttons for every file; the directory choice and CA files are remembered, never a "
          "password; a recent session opens its certificate again",
          "[ui][settings]")
{
    FreshSettings fresh;
    LabOnDisk lab;
    const TempDir& tmp = lab.tmp;
    const QString& pfx = lab.pfx;
    const QString& caPem = lab.caPem;
    const QString& ldif = lab.ldif;
    const QString& pfxPassword = lab.pfxPassword;
    const QString bindPassword = QStringLiteral("Bind-Secret-7x");
    const QString report = QString::fromStdString(eascert::utf8Path(tmp.path() / "ticket.html"));
    QString verdict;  // the report page's verdict, as the recent session lists it

    {
        eascert::ui::Wizard wizard;
        wizard.show();
        next(wizard, PageId::Certificate);
        widget<QLineEdit>(wizard, "certificatePath")->setText(pfx);
        openPfx(wizard, pfxPassword);
        next(wizard, PageId::Endpoint);
        widget<QLineEdit>(wizard, "endpointUrl")->setText(lab.url);
        widget<QLineEdit>(wizard, "endpointCaFile")->setText(caPem);
        CHECK(widget<QAbstractButton>(wizard, "endpointCaFileBrowse")->isVisible());
        click(wizard, "runProbe");
        waitForProbe(wizard);
        REQUIRE(widget<QLabel>(wizard, "probeVerdict")->text().contains(QStringLiteral("401.2")));

        next(wizard, PageId::Directory);
        // A Browse button opens a file dialog in the wizard's window; cancelling it changes nothing.
        auto* ldifField = widget<QLineEdit>(wizard, "ldifFile");
        widget<QRadioButton>(wizard, "sourceLdif")->click();
        ldifField->setText(ldif);
        click(wizard, "ldifFileBrowse");
        QFileDialog* dialog = nullptr;
        REQUIRE(waitFor([&] {
            dialog = wizard.findChild<QFileDialog*>();
            return dialog && dialog->isVisible();
        }));
        dialog->reject();
        CHECK(ldifField->text() == ldif);

        // A domain controller typed as ADUC takes it, with a bind password: the choice is kept, the
        // password never (the connection is refused: nothing listens there).
        widget<QRadioButton>(wizard, "sourceLdap")->click();
        CHECK(widget<QAbstractButton>(wizard, "dcCaFileBrowse")->isEnabled());
        auto* dc = widget<QComboBox>(wizard, "dcUri");
        const quint16 port = closedPort();
        dc->setEditText(QStringLiteral("127.0.0.1:%1").arg(port));
        auto* bind = widget<QComboBox>(wizard, "bindMethod");
        bind->setCurrentIndex(bind->findData(QStringLiteral("simple")));
        widget<QLineEdit>(wizard, "bindDn")->setText(QStringLiteral("CN=Administrator,CN=Users,DC=contoso,DC=test"));
        widget<QLineEdit>(wizard, "bindPassword")->setText(bindPassword);
        widget<QLineEdit>(wizard, "dcCaFile")->setText(caPem);
        click(wizard, "inspectDirectory");
        REQUIRE(waitFor([&] { return widget<QAbstractButton>(wizard, "inspectDirectory")->isEnabled(); }));
        CHECK(dc->currentText() == QStringLiteral("ldaps://127.0.0.1:%1").arg(port));
        CHECK(eascert::common::Settings::lastDomainController() == dc->currentText());
        CHECK(eascert::common::Settings::lastDcCaFile() == caPem);

        // A change file is not an export: refused with words that say so; choosing another file
        // clears the refusal. Enter in the LDIF field inspects, and stays on this page.
        const QString changeFile = QString::fromStdString(eascert::utf8Path(tmp.path() / "change.ldf"));
        {
            QFile f(changeFile);
            REQUIRE(f.open(QIODevice::WriteOnly));
            f.write("dn: CN=User Test1,CN=Users,DC=contoso,DC=test\r\nchangetype: modify\r\n"
                    "add: altSecurityIdentities\r\naltSecurityIdentities: X509:<I>CN=x<SR>01\r\n-\r\n");
        }
        auto* state = widget<QLabel>(wizard, "directoryState");
        widget<QRadioButton>(wizard, "sourceLdif")->click();
        ldifField->setText(changeFile);
        pressEnter(ldifField);
        REQUIRE(waitFor([&] { return state->text().contains(QStringLiteral("change file")); }));
        CHECK(wizard.currentId() == PageId::Directory);
        ldifField->setText(ldif);
        CHECK(state->text().isEmpty());

        // Then the LDIF export: inspected, and chosen next time.
        pressEnter(ldifField);
        CHECK(wizard.currentId() == PageId::Directory);
        REQUIRE(waitFor([&] {
            return wizard.button(QWizard::NextButton)->isEnabled() &&
                   widget<QLabel>(wizard, "accountFound")->text().contains(QStringLiteral("usertest1"));
        }));
        CHECK(eascert::common::Settings::lastDirectorySource() == QStringLiteral("ldif"));
        CHECK(eascert::common::Settings::lastLdifFile() == ldif);
        CHECK(eascert::common::Settings::lastServerCaFile() == caPem);

        // The fix on an LDIF export writes a change file, and says so: Active Directory is unchanged.
        next(wizard, PageId::Evidence);
        next(wizard, PageId::Fix);
        click(wizard, "applyFix");
        QMessageBox* confirm = nullptr;
        REQUIRE(waitFor([&] {
            confirm = wizard.findChild<QMessageBox*>(QStringLiteral("fixConfirmation"));
            return confirm && confirm->isVisible();
        }));
        CHECK(confirm->windowTitle() == QStringLiteral("Write the change file?"));
        CHECK(confirm->text().contains(QStringLiteral("Active Directory is not changed until you import it")));
        widget<QAbstractButton>(*confirm, "confirmFix")->click();
        auto* result = widget<QLabel>(wizard, "fixResult");
        REQUIRE(waitFor([&] { return result->text().startsWith(QStringLiteral("Change file written: ")); }));
        CHECK(result->text().contains(QStringLiteral("Active Directory is unchanged until you import it")));
        CHECK_FALSE(result->text().contains(QStringLiteral("read back")));
        INFO("result: " << result->text().toStdString()
                        << "; clipboard after copy: " << QGuiApplication::clipboard()->text().toStdString());
        const QString changes = ldif + QStringLiteral(".changes.ldif");  // next to the export, as the CLI writes it
        CHECK(result->text().contains(changes));
        CHECK(QFile::exists(changes));
        QGuiApplication::clipboard()->clear();
        click(wizard, "copyImport");
        INFO("copied: " << QGuiApplication::clipboard()->text().toStdString() << " visible "
                        << widget<QWidget>(wizard, "copyImport")->isVisible());
        CHECK(QGuiApplication::clipboard()->text().startsWith(QStringLiteral("ldifde -i -f ")));
        CHECK(QGuiApplication::clipboard()->text().contains(changes));
        click(wizard, "copyChangeFile");
        CHECK(QGuiApplication::clipboard()->text() == changes);
        click(wizard, "testAgain");
        auto* retest = widget<QLabel>(wizard, "retestResult");
        REQUIRE(waitFor([&] { return retest->text().startsWith(QStringLiteral("Endpoint now: ")); }));
        CHECK(retest->text().contains(QStringLiteral("401.2")));
        CHECK(retest->text().contains(QStringLiteral("unchanged until the change file is imported")));
        CHECK(stepText(wizard, 3) == QStringLiteral("Server evidence\nskipped"));
        CHECK(stepText(wizard, 4).startsWith(QStringLiteral("Fix\nchange file written, not imported yet")));
        CHECK(wizard.currentPage()->subTitle().contains(QStringLiteral("Active Directory is not changed from here")));
        screenshot(wizard, "6a-fix-offline");

        next(wizard, PageId::Report);
        widget<QLineEdit>(wizard, "reportPath")->setText(report);
        click(wizard, "exportReport");
        REQUIRE(waitFor([&] { return QFile::exists(report); }));
        verdict = widget<QLabel>(wizard, "verdictText")->text();

        // Settings hold paths and names, never a password.
        const QString stored = settingsText();
        CHECK(stored.contains(QStringLiteral("usertest1")));
        CHECK_FALSE(stored.contains(bindPassword));
        CHECK_FALSE(stored.contains(pfxPassword));
        CHECK_FALSE(eascert::common::Settings::location().contains(QStringLiteral("EAS Cert Doctor/EAS Cert Doctor")));
    }

    // The next run: the session is listed with its date, account, endpoint and verdict; Enter opens the
    // certificate again and asks for its password (never stored); the choices come back.
    eascert::ui::Wizard wizard;
    wizard.show();
    auto* recent = widget<QListWidget>(wizard, "recentSessions");
    REQUIRE(recent->isVisible());
    REQUIRE(recent->count() == 1);
    const QString entry = recent->item(0)->text();
    INFO("recent: " << entry.toStdString());
    CHECK(entry.contains(QStringLiteral("usertest1")));
    CHECK(entry.contains(QStringLiteral("127.0.0.1")));
    INFO("verdict: " << verdict.toStdString());
    CHECK(!verdict.isEmpty());
    CHECK(entry.contains(verdict.section(QLatin1Char('.'), 0, 0)));
    CHECK(entry.contains(QDir::toNativeSeparators(pfx)));
    recent->setCurrentRow(0);
    pressEnter(recent);
    REQUIRE(waitFor([&] { return wizard.currentId() == PageId::Certificate; }, 5000));
    CHECK(widget<QLineEdit>(wizard, "certificatePath")->text() == QDir::toNativeSeparators(pfx));
    // Where the keyboard goes (the window's focus widget, whether or not the offscreen window is active).
    REQUIRE(waitFor([&] { return wizard.focusWidget() == widget<QLineEdit>(wizard, "certificatePassword"); }, 2000));
    CHECK(widget<QLabel>(wizard, "certificateState")->text().contains(QStringLiteral("password")));
    openPfx(wizard, pfxPassword);
    next(wizard, PageId::Endpoint);
    CHECK(widget<QLineEdit>(wizard, "endpointUrl")->text() == lab.url);
    CHECK(widget<QLineEdit>(wizard, "endpointCaFile")->text() == caPem);
    next(wizard, PageId::Directory);
    CHECK(widget<QRadioButton>(wizard, "sourceLdif")->isChecked());
    CHECK(widget<QLineEdit>(wizard, "ldifFile")->text() == ldif);
    CHECK(widget<QLineEdit>(wizard, "dcCaFile")->text() == caPem);
    CHECK(widget<QLineEdit>(wizard, "bindPassword")->text().isEmpty());
}

TEST_CASE("wizard: the Fix page offers to remove the broken value with the same safety; Test again waits for a fix",
          "[ui][fix]")
{
    FreshSettings fresh;
    LabOnDisk lab;
    const auto loaded = eascert::cert::loadCertificateFile(lab.lab->files().userCertificate);
    REQUIRE(loaded);
    // The value an admin typed from certutil's display: the issuer in display (reversed) order.
    auto serial = loaded->certificate.info().serialMagnitude();
    std::reverse(serial.begin(), serial.end());
    const std::string broken = "X509:<I>CN=Contoso Standalone CA,DC=contoso,DC=test<SR>" + eascert::toHex(serial);
    QFile original(lab.ldif);
    REQUIRE(original.open(QIODevice::ReadOnly));
    QByteArray text = original.readAll();
    const QByteArray anchor = "sAMAccountName: usertest1\n";
    REQUIRE(text.contains(anchor));
    text.replace(anchor, anchor + "altSecurityIdentities: " + QByteArray::fromStdString(broken) + "\n");
    const QString ldif = pathText(lab.tmp / "export.ldf");
    {
        QFile f(ldif);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(text);
    }

    eascert::ui::Wizard wizard;
    wizard.show();
    next(wizard, PageId::Certificate);
    widget<QLineEdit>(wizard, "certificatePath")->setText(lab.pfx);
    openPfx(wizard, lab.pfxPassword);
    next(wizard, PageId::Endpoint);
    widget<QLineEdit>(wizard, "endpointUrl")->setText(lab.url);
    widget<QLineEdit>(wizard, "endpointCaFile")->setText(lab.caPem);
    next(wizard, PageId::Directory);  // the endpoint not tested: skipped, as the step panel says
    CHECK(stepText(wizard, 1) == QStringLiteral("Endpoint\nskipped"));
    widget<QRadioButton>(wizard, "sourceLdif")->click();
    widget<QLineEdit>(wizard, "ldifFile")->setText(ldif);
    click(wizard, "inspectDirectory");
    REQUIRE(
        waitFor([&] { return widget<QLabel>(wizard, "accountFound")->text().contains(QStringLiteral("usertest1")); }));
    next(wizard, PageId::Evidence);
    next(wizard, PageId::Fix);

    CHECK_FALSE(widget<QAbstractButton>(wizard, "testAgain")->isEnabled());
    auto* remove = widget<QCheckBox>(wizard, "removeBroken");
    REQUIRE(remove->isVisible());
    CHECK_FALSE(remove->isChecked());  // removing is the admin's choice, never the default
    CHECK(remove->text().contains(QString::fromStdString(broken)));
    auto* ldifText = widget<QPlainTextEdit>(wizard, "fixLdif");
    CHECK_FALSE(ldifText->toPlainText().contains(QStringLiteral("delete: altSecurityIdentities")));
    remove->click();
    CHECK(ldifText->toPlainText().contains(QStringLiteral("delete: altSecurityIdentities")));

    click(wizard, "applyFix");
    QMessageBox* confirm = nullptr;
    REQUIRE(waitFor([&] {
        confirm = wizard.findChild<QMessageBox*>(QStringLiteral("fixConfirmation"));
        return confirm && confirm->isVisible();
    }));
    CHECK(confirm->text().contains(QStringLiteral("Remove: ") + QString::fromStdString(broken)));
    CHECK(confirm->text().contains(QStringLiteral("A backup of the current values is written first, to ")));
    widget<QAbstractButton>(*confirm, "confirmFix")->click();
    REQUIRE(waitFor(
        [&] { return widget<QLabel>(wizard, "fixResult")->text().startsWith(QStringLiteral("Change file written")); }));
    // The endpoint typed but not tested is the one tested again: AD is unchanged, so still 401.2.
    click(wizard, "testAgain");
    REQUIRE(waitFor(
        [&] { return widget<QLabel>(wizard, "retestResult")->text().startsWith(QStringLiteral("Endpoint now")); }));
    CHECK(widget<QLabel>(wizard, "retestResult")->text().contains(QStringLiteral("401.2")));
    QFile changes(ldif + QStringLiteral(".changes.ldif"));
    REQUIRE(changes.open(QIODevice::ReadOnly));
    const QByteArray written = changes.readAll();
    CHECK(written.contains("delete: altSecurityIdentities"));
    CHECK(written.contains("add: altSecurityIdentities"));

    // Undo takes our change back: the broken value is there again, as it was.
    click(wizard, "undoFix");
    REQUIRE(waitFor([&] { return widget<QLabel>(wizard, "fixResult")->text().startsWith(QStringLiteral("Undone")); }));
    REQUIRE(waitFor([&] { return remove->isVisible(); }));
    CHECK(remove->text().contains(QString::fromStdString(broken)));
}
