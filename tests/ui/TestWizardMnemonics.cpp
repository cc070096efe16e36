// Every page's Alt+letter shortcuts are unique: the page's buttons, check boxes, radio buttons and
// labels with a buddy, and the wizard's own buttons (Back, Next, Finish, Cancel, Show log) that share
// the window with it. Walked through the demo lab, so every page is shown with its real widgets.

#include <QAbstractButton>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QRadioButton>
#include <QTableView>
#include <fstream>

#include "TempDir.h"
#include "WizardDriver.h"
#include "eascert/ui/PageId.h"
#include "eascert/ui/WizardContext.h"

using eascert::ui::PageId;

namespace {

// The mnemonic letter of a text ("Bind D&N:" -> 'n'), or 0; "&&" is a literal ampersand.
QChar mnemonic(const QString& text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != QLatin1Char('&'))
            continue;
        if (text[i + 1] == QLatin1Char('&')) {
            ++i;
            continue;
        }
        return text[i + 1].toLower();
    }
    return {};
}

// Letter -> the texts that use it, for the widgets a user can reach with Alt on this page now.
QMap<QChar, QStringList> mnemonics(eascert::ui::Wizard& wizard)
{
    QMap<QChar, QStringList> used;
    const auto add = [&](const QString& text) {
        if (const QChar c = mnemonic(text); !c.isNull())
            used[c] << text;
    };
    QWidget* page = wizard.currentPage();
    for (auto* b : page->findChildren<QAbstractButton*>())
        if (b->isVisibleTo(&wizard))
            add(b->text());
    for (auto* l : page->findChildren<QLabel*>())
        if (l->buddy() && l->isVisibleTo(&wizard))
            add(l->text());
    for (auto* g : page->findChildren<QGroupBox*>())
        if (g->isVisibleTo(&wizard))
            add(g->title());
    for (auto which : {QWizard::BackButton, QWizard::NextButton, QWizard::FinishButton, QWizard::CancelButton,
                       QWizard::CustomButton1, QWizard::CustomButton2, QWizard::CustomButton3})
        if (auto* b = wizard.button(which); b && b->isVisibleTo(&wizard))
            add(b->text());
    return used;
}

void checkUnique(eascert::ui::Wizard& wizard, const char* page)
{
    const auto used = mnemonics(wizard);
    INFO("page " << page);
    CHECK(used.size() >= 3);  // the walk sees the page's widgets, not an empty window
    for (auto it = used.begin(); it != used.end(); ++it) {
        INFO("Alt+" << it.key().toLatin1() << ": " << it.value().join(QStringLiteral(" | ")).toStdString());
        CHECK(it.value().size() == 1);
    }
}

}  // namespace

TEST_CASE("wizard: Alt+letter shortcuts are unique on every page", "[ui][keyboard][mnemonics]")
{
    CHECK(mnemonic(QStringLiteral("Bind D&N:")) == QLatin1Char('n'));
    CHECK(mnemonic(QStringLiteral("Tom && &Jerry")) == QLatin1Char('j'));
    CHECK(mnemonic(QStringLiteral("No shortcut")).isNull());

    eascert::ui::Wizard wizard;
    wizard.show();
    checkUnique(wizard, "welcome");
    click(wizard, "startDemo");
    REQUIRE(waitFor([&] { return wizard.currentId() == PageId::Certificate; }));
    REQUIRE(waitFor([&] { return wizard.button(QWizard::NextButton)->isEnabled(); }));
    checkUnique(wizard, "certificate");
    next(wizard, PageId::Endpoint);
    REQUIRE(waitFor([&] { return wizard.button(QWizard::NextButton)->isEnabled(); }));
    checkUnique(wizard, "endpoint");
    next(wizard, PageId::Directory);
    REQUIRE(waitFor([&] { return wizard.button(QWizard::NextButton)->isEnabled(); }));
    checkUnique(wizard, "directory");
    next(wizard, PageId::Evidence);
    checkUnique(wizard, "evidence");
    next(wizard, PageId::Fix);
    checkUnique(wizard, "fix");
    next(wizard, PageId::Report);
    checkUnique(wizard, "report");
}

TEST_CASE("wizard: Alt+letter shortcuts are unique on the domain path's pages", "[ui][keyboard][mnemonics]")
{
    TempDir tmp;
    {
        std::ofstream ldif(tmp / "domain.ldif");
        ldif << "dn: CN=jdoe,CN=Users,DC=contoso,DC=test\nobjectClass: user\nsAMAccountName: jdoe\n"
                "altSecurityIdentities: X509:<I>DC=test,DC=contoso,CN=CA<S>CN=jdoe\n\n";
    }
    eascert::ui::Wizard wizard;
    wizard.show();
    click(wizard, "startDomain");
    REQUIRE(waitFor([&] { return wizard.currentId() == PageId::DomainAudit; }));
    checkUnique(wizard, "domain audit");
    widget<QRadioButton>(wizard, "sourceLdif")->setChecked(true);
    widget<QLineEdit>(wizard, "ldifFile")->setText(QString::fromStdString((tmp / "domain.ldif").string()));
    click(wizard, "runAudit");
    REQUIRE(waitFor([&] { return wizard.button(QWizard::NextButton)->isEnabled(); }));
    CHECK(widget<QTableView>(wizard, "auditTable")->model()->rowCount() == 1);  // weak only
    next(wizard, PageId::DomainMigrate);
    checkUnique(wizard, "domain migrate");
    back(wizard, PageId::DomainAudit);
    back(wizard, PageId::Welcome);
    // Back on Welcome, Next goes where it always went.
    next(wizard, PageId::Certificate);
}
