#include "eascert/ui/pages/WelcomePage.h"

#include <QDateTime>
#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

#include "Settings.h"
#include "Words.h"
#include "eascert/ui/AsyncJob.h"
#include "eascert/ui/PageId.h"
#include "eascert/ui/WizardContext.h"

namespace eascert::ui {

WelcomePage::WelcomePage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent), m_context(context), m_job(new AsyncJob(this))
{
    setObjectName(QStringLiteral("welcomePage"));
    setTitle(tr("Certificate authentication keeps failing?"));
    setSubTitle(tr("EAS Cert Doctor finds out why IIS cannot map a client certificate to an Active Directory "
                   "account, and writes the strong mapping that fixes it."));

    m_intro = new QLabel(this);
    m_intro->setObjectName(QStringLiteral("welcomeIntro"));
    m_intro->setWordWrap(true);
    m_intro->setTextFormat(Qt::PlainText);
    m_intro->setText(tr("The phone keeps asking for a password, a browser with the certificate gets HTTP 401.2: "
                        "the server cannot find the account the certificate belongs to. This wizard tests the "
                        "endpoint like a phone, inspects the account's mapping, fixes it (previewed, backed up, "
                        "undoable) and writes a report for the ticket.\n\n"
                        "You will need:\n"
                        "  1. the user's certificate (.pfx, .p12, .cer, .pem or .p7b),\n"
                        "  2. the endpoint URL, e.g. https://mail.contoso.com/Microsoft-Server-ActiveSync,\n"
                        "  3. a domain controller, or an LDIF export of the user's account.\n\n"
                        "Choose Next to start, or try everything first on the demo lab: it runs on this computer "
                        "and needs no server. To move every account of a domain to strong mappings at once, "
                        "check the whole domain."));

    m_demo = new QPushButton(tr("Try the &demo lab"), this);
    m_demo->setObjectName(QStringLiteral("startDemo"));
    m_demo->setAccessibleName(tr("Start the demo lab"));
    m_domain = new QPushButton(tr("Check the &whole domain..."), this);
    m_domain->setObjectName(QStringLiteral("startDomain"));
    m_domain->setAccessibleName(tr("Check every account of the domain and migrate to strong mappings"));
    m_demoStatus = new QLabel(this);
    m_demoStatus->setObjectName(QStringLiteral("demoStatus"));
    m_demoStatus->setWordWrap(true);

    m_recentLabel = new QLabel(tr("&Recent sessions (Enter or double-click opens the certificate again):"), this);
    auto* recentLabel = m_recentLabel;
    m_recent = new QListWidget(this);
    m_recent->setObjectName(QStringLiteral("recentSessions"));
    m_recent->setAccessibleName(tr("Recent sessions"));
    recentLabel->setBuddy(m_recent);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    auto* demoRow = new QHBoxLayout;
    demoRow->addWidget(m_demo);
    demoRow->addWidget(m_demoStatus, 1);
    demoRow->addWidget(m_domain);
    layout->addLayout(demoRow);
    layout->addWidget(recentLabel);
    layout->addWidget(m_recent, 1);

    connect(m_demo, &QPushButton::clicked, this, &WelcomePage::startDemo);
    connect(m_domain, &QPushButton::clicked, this, [this] {
        m_context->domainPath = true;
        wizard()->next();
    });
    connect(m_job, &AsyncJob::runningChanged, this, &WelcomePage::completeChanged);
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        m_context->suggestedCertificate = item->data(Qt::UserRole).toString();
        m_context->url = item->data(Qt::UserRole + 1).toString();
        wizard()->next();
    });
}

void WelcomePage::initializePage()
{
    m_recent->clear();
    for (const auto& r : common::Settings::recentSessions()) {
        QStringList head;
        if (const auto when = QDateTime::fromString(r.when, Qt::ISODate); when.isValid())
            head << QLocale().toString(when.toLocalTime(), QLocale::ShortFormat);
        if (!r.account.isEmpty())
            head << r.account;
        if (!r.url.isEmpty())
            head << QUrl(r.url).host();
        if (!r.verdict.isEmpty())
            head << r.verdict;
        auto* item = new QListWidgetItem(head.join(QStringLiteral("  ·  ")) + QStringLiteral("\n    ") +
                                             QDir::toNativeSeparators(r.certificate),
                                         m_recent);
        item->setData(Qt::UserRole, r.certificate);
        item->setData(Qt::UserRole + 1, r.url);
    }
    // No empty box on a first run: the list is there only when it has something in it.
    m_recent->setVisible(m_recent->count() > 0);
    m_recentLabel->setVisible(m_recent->count() > 0);
}

bool WelcomePage::isComplete() const
{
    return !m_job->running();
}

int WelcomePage::nextId() const
{
    return m_context->domainPath ? PageId::DomainAudit : PageId::Certificate;
}

void WelcomePage::startDemo()
{
    if (m_job->running() || m_context->isDemo()) {
        if (m_context->isDemo())
            wizard()->next();
        return;
    }
    m_demo->setEnabled(false);
    m_demoStatus->setText(tr("Starting the demo lab: a standalone CA, a user certificate, a directory and an "
                             "IIS-like endpoint on this computer..."));
    m_job->run<WizardContext::Demo>([](std::stop_token) { return WizardContext::startDemoLab(); },
                                    [this](Result<WizardContext::Demo> r) {
                                        m_demo->setEnabled(true);
                                        if (!r) {
                                            m_demoStatus->setText(words::error(r.error()));
                                            return;
                                        }
                                        m_context->installDemo(std::move(*r));
                                        m_demoStatus->setText(tr("Demo lab running at %1").arg(m_context->url));
                                        wizard()->next();
                                    });
}

}  // namespace eascert::ui
