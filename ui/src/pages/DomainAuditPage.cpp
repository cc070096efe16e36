#include "eascert/ui/pages/DomainAuditPage.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include "ConnectionForm.h"
#include "FilteredTable.h"
#include "Terms.h"
#include "Words.h"
#include "eascert/directory/Audit.h"
#include "eascert/support/Path.h"
#include "eascert/ui/AsyncJob.h"
#include "eascert/ui/PageId.h"
#include "eascert/ui/WizardContext.h"

namespace eascert::ui {

namespace {

QString findingText(directory::AuditFinding f)
{
    using directory::AuditFinding;
    switch (f) {
    case AuditFinding::WeakOnly: return DomainAuditPage::tr("Only weak mappings (rejected since September 2025)");
    case AuditFinding::Malformed: return DomainAuditPage::tr("A value Windows would not write");
    case AuditFinding::NearMiss: return DomainAuditPage::tr("Meant for a published certificate, but does not match it");
    case AuditFinding::Duplicate: return DomainAuditPage::tr("The same value on several accounts");
    case AuditFinding::PublishedOnly: return DomainAuditPage::tr("Certificates published, none mapped");
    }
    return {};
}

}  // namespace

DomainAuditPage::DomainAuditPage(WizardContext* context, QWidget* parent)
    : StepPage(parent), m_context(context), m_job(new AsyncJob(this))
{
    setObjectName(QStringLiteral("domainAuditPage"));
    setTitle(tr("Check the whole domain"));
    setSubTitle(tr("Reads every account with a mapping or a published certificate. Reading only; the next step "
                   "plans the strong mappings and writes nothing until you confirm."));
    m_connection = new ConnectionForm(this);
    m_base = new QLineEdit(this);
    m_base->setObjectName(QStringLiteral("domainBase"));
    m_base->setPlaceholderText(tr("optional: an OU to start with, e.g. OU=Pilot,DC=contoso,DC=com"));
    m_connection->form()->addRow(words::labelFor(tr("Onl&y accounts under (DN):"), m_base), m_base);
    m_audit = new QPushButton(tr("Aud&it the directory"), this);
    m_audit->setObjectName(QStringLiteral("runAudit"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelAudit"));
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setVisible(false);
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("auditState"));
    m_state->setWordWrap(true);
    m_state->setTextFormat(Qt::PlainText);
    m_table = new FilteredTable({tr("Account"), tr("Finding"), tr("Value"), tr("Details")}, QStringLiteral("audit"),
                                tr("&Quick filter:"), tr("S&ort by:"), this);

    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_audit);
    runRow->addWidget(m_cancel);
    runRow->addWidget(m_progress, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_connection);
    layout->addLayout(runRow);
    layout->addWidget(m_state);
    layout->addWidget(m_table, 1);

    connect(m_connection, &ConnectionForm::status, m_state, &QLabel::setText);
    connect(m_audit, &QPushButton::clicked, this, &DomainAuditPage::audit);
    connect(m_cancel, &QPushButton::clicked, m_job, &AsyncJob::cancel);
    connect(m_job, &AsyncJob::runningChanged, this, [this](bool running) {
        m_audit->setEnabled(!running);
        m_cancel->setEnabled(running);
        m_progress->setVisible(running);
        emit completeChanged();
    });
}

void DomainAuditPage::initializePage()
{
    if (auto* lab = m_context->demoLab())
        m_connection->useLdifFile(QString::fromStdString(utf8Path(lab->directoryFile())),
                                  tr("The demo lab's directory"));
    else
        m_connection->loadRemembered({});
}

void DomainAuditPage::cleanupPage()
{
    m_job->cancel();
    m_context->domainPath = false;
}

bool DomainAuditPage::isComplete() const
{
    return !m_job->running() && m_context->domainDirectory != nullptr;
}

int DomainAuditPage::nextId() const
{
    return PageId::DomainMigrate;
}

void DomainAuditPage::runAction()
{
    audit();
}

void DomainAuditPage::audit()
{
    if (m_job->running())
        return;
    m_state->setText(tr("Reading the accounts ..."));
    const auto target = m_connection->target(true);
    const std::string base = m_base->text().trimmed().toStdString();
    struct Audited
    {
        std::shared_ptr<directory::Directory> directory;
        std::vector<QStringList> rows;
        directory::AuditSummary summary;
    };
    m_job->run<Audited>(
        [target, base](std::stop_token stop) -> Result<Audited> {
            auto dir = ConnectionForm::open(target, stop);
            if (!dir)
                return std::unexpected(dir.error());
            Audited out;
            out.directory = *dir;
            auto summary = directory::audit(
                **dir,
                [&](const directory::AuditRow& r) {
                    QString detail = words::outside(r.detail);
                    for (const auto& reason : r.reasons)
                        detail += (detail.isEmpty() ? QString() : QStringLiteral("; ")) +
                                  QString::fromStdString(common::terms::reason(reason.reason));
                    out.rows.push_back({words::outside(r.samAccountName) + QStringLiteral(" (") + words::outside(r.dn) +
                                            QLatin1Char(')'),
                                        findingText(r.finding), words::outside(r.value), detail});
                },
                stop, 1000, base);
            if (!summary)
                return std::unexpected(summary.error());
            out.summary = *summary;
            return out;
        },
        [this, base](Result<Audited> r) {
            if (!r) {
                m_state->setText(words::error(r.error()));
                return;
            }
            m_context->domainDirectory = r->directory;
            m_context->domainBase = base;
            m_connection->clearPassword();
            m_table->model()->setRows(std::move(r->rows));
            m_table->view()->resizeColumnToContents(0);
            m_state->setText(tr("%1: %2 account(s) with mappings or published certificates, %3 finding(s). Next plans "
                                "the strong mappings.")
                                 .arg(QString::fromStdString(r->directory->describe()))
                                 .arg(r->summary.accounts)
                                 .arg(r->summary.rows));
            emit completeChanged();
        });
}

}  // namespace eascert::ui
