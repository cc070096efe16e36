#include "eascert/ui/Wizard.h"

#include <QAbstractButton>
#include <QIcon>
#include <QMessageBox>
#include <QPushButton>
#include <QUrl>

#include <spdlog/logger.h>

#include "StepPanel.h"
#include "Words.h"
#include "eascert/support/Log.h"
#include "eascert/support/Path.h"
#include "eascert/ui/Icons.h"
#include "eascert/ui/LogPanel.h"
#include "eascert/ui/PageId.h"
#include "eascert/ui/WizardContext.h"
#include "eascert/ui/pages/CertificatePage.h"
#include "eascert/ui/pages/DirectoryPage.h"
#include "eascert/ui/pages/DomainAuditPage.h"
#include "eascert/ui/pages/DomainMigratePage.h"
#include "eascert/ui/pages/EndpointPage.h"
#include "eascert/ui/pages/EvidencePage.h"
#include "eascert/ui/pages/FixPage.h"
#include "eascert/ui/pages/ReportPage.h"
#include "eascert/ui/pages/WelcomePage.h"

namespace eascert::ui {

Wizard::Wizard(QWidget* parent) : QWizard(parent), m_context(new WizardContext(this)), m_logBuffer(new LogBuffer(this))
{
    setObjectName(QStringLiteral("easCertDoctorWizard"));
    setWindowTitle(tr("EAS Cert Doctor"));
    setWindowIcon(resourceIcon(QStringLiteral("eas-cert-doctor")));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage, true);
    setOption(QWizard::HaveCustomButton1, true);
    setButtonText(QWizard::CustomButton1, tr("Show &log"));
    button(QWizard::CustomButton1)->setObjectName(QStringLiteral("showLog"));
    connect(this, &QWizard::customButtonClicked, this, [this](int which) {
        if (which == QWizard::CustomButton1)
            toggleLog();
    });

    auto logger = std::make_shared<spdlog::logger>("eascert", m_logBuffer->sink());
    logger->set_level(spdlog::level::info);
    setLogger(logger);

    setPage(PageId::Welcome, new WelcomePage(m_context, this));
    setPage(PageId::Certificate, new CertificatePage(m_context, this));
    setPage(PageId::Endpoint, new EndpointPage(m_context, this));
    setPage(PageId::Directory, new DirectoryPage(m_context, this));
    setPage(PageId::Evidence, new EvidencePage(m_context, this));
    setPage(PageId::Fix, new FixPage(m_context, this));
    setPage(PageId::Report, new ReportPage(m_context, this));
    setPage(PageId::DomainAudit, new DomainAuditPage(m_context, this));
    setPage(PageId::DomainMigrate, new DomainMigratePage(m_context, this));
    setStartId(PageId::Welcome);

    m_steps = new StepPanel(this, m_context);
    setSideWidget(m_steps);
    const auto refresh = [this] {
        m_steps->setVisible(currentId() < PageId::DomainAudit);  // the steps of one certificate's diagnosis
        m_steps->refresh();
        updateTitle();
    };
    connect(this, &QWizard::currentIdChanged, this, refresh);
    for (int id : pageIds())
        connect(page(id), &QWizardPage::completeChanged, this, refresh);
    connect(m_context, &WizardContext::sessionChanged, this, refresh);
    connect(m_context, &WizardContext::resultsChanged, this, refresh);
    resize(980, 740);
}

void Wizard::updateTitle()
{
    QStringList parts{tr("EAS Cert Doctor")};
    if (m_context->isDemo())
        parts << tr("Demo lab");
    if (const auto session = m_context->session()) {
        const auto* dir = session->latestDirectory();
        if (dir && !dir->inspection.account.samAccountName.empty())
            parts << words::outside(dir->inspection.account.samAccountName);
        if (!m_context->url.isEmpty() && session->latestProbe())
            parts << QUrl(m_context->url).host();
    }
    setWindowTitle(parts.join(QStringLiteral(" — ")));
}

LogPanel* Wizard::logPanel()
{
    if (!m_log)
        m_log = new LogPanel(m_logBuffer, this);
    return m_log;
}

void Wizard::toggleLog()
{
    auto* panel = logPanel();
    panel->setVisible(!panel->isVisible());
    if (panel->isVisible())
        panel->raise();
}

QStringList Wizard::unsavedWork() const
{
    QStringList lost;
    const auto session = m_context->session();
    if (!session)
        return lost;
    if (session->fixActive()) {
        const auto& fix = *session->fix();
        lost << (fix.outcome.offline
                     ? tr("The change file for %1 was written; once you close, Undo is no longer offered here.")
                     : tr("A change was written to %1; once you close, Undo is no longer offered here."))
                    .arg(words::outside(fix.plan.samAccountName))
             << tr("The backup stays: %1").arg(words::outside(utf8Path(fix.outcome.backupFile)));
    }
    if (m_context->exportedReport.isEmpty() && (session->before().probe || session->before().directory))
        lost << tr("The report was not exported.");
    return lost;
}

void Wizard::done(int result)
{
    const QStringList lost = m_closeConfirmed ? QStringList() : unsavedWork();
    if (lost.isEmpty()) {
        QWizard::done(result);
        return;
    }
    auto* ask = new QMessageBox(QMessageBox::Warning, tr("Close EAS Cert Doctor?"), lost.join(QLatin1Char('\n')),
                                QMessageBox::NoButton, this);
    ask->setObjectName(QStringLiteral("closeConfirmation"));
    ask->setAttribute(Qt::WA_DeleteOnClose);
    auto* close = ask->addButton(tr("&Close anyway"), QMessageBox::AcceptRole);
    close->setObjectName(QStringLiteral("confirmClose"));
    auto* stay = ask->addButton(tr("&Stay"), QMessageBox::RejectRole);
    stay->setObjectName(QStringLiteral("stayOpen"));
    ask->setDefaultButton(stay);
    ask->setEscapeButton(stay);
    connect(ask, &QMessageBox::buttonClicked, this, [this, close, result](QAbstractButton* clicked) {
        if (clicked != close)
            return;
        m_closeConfirmed = true;
        done(result);
    });
    ask->open();
}

Wizard::~Wizard()
{
    setLogger(nullptr);  // core logs nowhere once the panel is gone
}

}  // namespace eascert::ui
