#include "eascert/ui/pages/DirectoryPage.h"
#include "eascert/cert/Validity.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "ConnectionForm.h"
#include "Settings.h"
#include "Terms.h"
#include "Words.h"
#include "eascert/directory/LdapDirectory.h"
#include "eascert/directory/LdifDirectory.h"
#include "eascert/support/Path.h"
#include "eascert/ui/AsyncJob.h"
#include "eascert/ui/PageId.h"
#include "eascert/ui/WizardContext.h"

namespace eascert::ui {

DirectoryPage::DirectoryPage(WizardContext* context, QWidget* parent)
    : StepPage(parent), m_context(context), m_job(new AsyncJob(this))
{
    setObjectName(QStringLiteral("directoryPage"));
    setTitle(tr("Inspect the account in Active Directory"));
    setSubTitle(tr("Reading only. Credentials are used for this connection and never stored; a simple bind is "
                   "only made over TLS."));
}

// The widgets are made when the page is first shown: a wizard that starts fast builds only its first page.
void DirectoryPage::build()
{
    m_built = true;
    m_connection = new ConnectionForm(this);
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("accountName"));
    m_user->setPlaceholderText(tr("optional: sAMAccountName, UPN or DN (default: found from the certificate)"));
    m_inspect = new QPushButton(tr("&Inspect"), this);
    m_inspect->setObjectName(QStringLiteral("inspectDirectory"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelInspect"));
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setVisible(false);
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("directoryState"));
    m_state->setWordWrap(true);
    m_state->setTextFormat(Qt::PlainText);
    m_account = new QLabel(this);
    m_account->setObjectName(QStringLiteral("accountFound"));
    m_account->setWordWrap(true);
    m_account->setTextFormat(Qt::PlainText);
    m_account->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_values = new QTreeWidget(this);
    m_values->setObjectName(QStringLiteral("mappingValues"));
    m_values->setHeaderLabels({tr("altSecurityIdentities value"), tr("Result"), tr("Strength")});
    m_values->setRootIsDecorated(true);
    m_values->header()->setStretchLastSection(false);
    m_values->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_published = new QLabel(this);
    m_published->setObjectName(QStringLiteral("publishedState"));
    m_published->setWordWrap(true);
    m_others = new QListWidget(this);
    m_others->setObjectName(QStringLiteral("otherAccounts"));
    m_others->setMaximumHeight(60);
    m_ntAuth = new QLabel(this);
    m_ntAuth->setObjectName(QStringLiteral("ntAuthState"));
    m_ntAuth->setWordWrap(true);
    m_findings = new QListWidget(this);
    m_findings->setObjectName(QStringLiteral("directoryFindings"));
    m_findings->setWordWrap(true);

    auto* form = m_connection->form();
    form->addRow(tr("Acc&ount:"), m_user);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_inspect);
    runRow->addWidget(m_cancel);
    runRow->addWidget(m_progress, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_connection);
    layout->addLayout(runRow);
    layout->addWidget(m_state);
    layout->addWidget(m_account);
    layout->addWidget(m_values, 1);
    layout->addWidget(m_published);
    layout->addWidget(m_others);
    layout->addWidget(m_ntAuth);
    layout->addWidget(words::withDetails(m_findings, tr("Cop&y details"), this), 1);

    // An error is about what was tried: another file, server or source makes it stale, and it goes.
    const auto clearError = [this] {
        if (!m_state->property("error").toBool())
            return;
        m_state->clear();
        m_state->setStyleSheet(QString());
        m_state->setProperty("error", false);
    };
    connect(m_connection, &ConnectionForm::edited, this, clearError);
    connect(m_connection, &ConnectionForm::status, m_state, &QLabel::setText);
    connect(m_inspect, &QPushButton::clicked, this, &DirectoryPage::inspect);
    connect(m_cancel, &QPushButton::clicked, m_job, &AsyncJob::cancel);
    connect(m_job, &AsyncJob::runningChanged, this, [this](bool running) {
        m_inspect->setEnabled(!running);
        m_cancel->setEnabled(running);
        m_progress->setVisible(running);
        emit completeChanged();
    });
}

void DirectoryPage::initializePage()
{
    if (!m_built)
        build();
    if (auto* lab = m_context->demoLab())
        m_connection->useLdifFile(QString::fromStdString(utf8Path(lab->directoryFile())),
                                  tr("The demo lab's directory"));
    else
        m_connection->loadRemembered(
            m_context->session() ? QString::fromStdString(m_context->session()->certificateInfo().accountDomain())
                                 : QString());
    auto session = m_context->session();
    if (m_context->isDemo() && session && !session->before().directory)
        inspect();
    else
        showResult();
}

void DirectoryPage::cleanupPage()
{
    m_job->cancel();
}

bool DirectoryPage::isComplete() const
{
    return !m_job->running();
}

int DirectoryPage::nextId() const
{
    return PageId::Evidence;  // optional; it goes on to Fix when the account was inspected
}

void DirectoryPage::inspect()
{
    auto session = m_context->session();
    if (m_job->running() || !session)
        return;
    std::optional<std::string> user;
    if (!m_user->text().trimmed().isEmpty())
        user = m_user->text().trimmed().toStdString();
    m_context->user = user;
    m_state->setText(tr("Inspecting ..."));
    m_state->setStyleSheet(QString());

    // What the job connects to, captured by value: the job never reads the widgets.
    const bool useLab = m_connection->ldifChosen() && m_context->demoLab() &&
                        m_connection->ldifPath().toStdString() == utf8Path(m_context->demoLab()->directoryFile());
    const auto target = m_connection->target(!useLab);
    // The job owns what it uses: the session it inspects for and the directory it reads (the demo
    // lab's shares the lab's ownership). It returns what it found; only this thread records it.
    struct Found
    {
        std::shared_ptr<directory::Directory> directory;
        diagnosis::DirectoryRun run;
    };
    const std::shared_ptr<directory::Directory> labDirectory = useLab ? m_context->labDirectory() : nullptr;
    m_job->run<Found>(
        [=](std::stop_token stop) -> Result<Found> {
            std::shared_ptr<directory::Directory> dir = labDirectory;
            if (!dir) {
                auto opened = ConnectionForm::open(target, stop);
                if (!opened)
                    return std::unexpected(opened.error());
                dir = std::move(*opened);
            }
            auto run = session->runInspection(*dir, user, stop);
            if (!run)
                return std::unexpected(run.error());
            return Found{std::move(dir), std::move(*run)};
        },
        [this, session, useLab](Result<Found> r) {
            if (m_context->session() != session)
                return;  // another certificate was opened meanwhile: this answer is for the old one
            if (!r) {
                m_state->setText(words::error(r.error()));
                m_state->setStyleSheet(QStringLiteral("color: #b42318;"));
                m_state->setProperty("error", true);
                return;
            }
            m_context->setDirectory(useLab ? nullptr : r->directory);
            session->record(std::move(r->run));
            m_connection->clearPassword();
            showResult();
            emit completeChanged();
            m_context->notifyResultsChanged();
        });
}

void DirectoryPage::showResult()
{
    m_values->clear();
    m_others->clear();
    m_findings->clear();
    auto session = m_context->session();
    if (!session)
        return;
    const auto& snapshot = session->fixActive() && session->after().directory ? session->after() : session->before();
    if (!snapshot.directory) {
        m_account->setText(tr("Not inspected yet."));
        return;
    }
    const auto& run = *snapshot.directory;
    const auto& in = run.inspection;
    m_state->setText(tr("Read from %1").arg(QString::fromStdString(run.directory)));
    m_account->setText(tr("Account: %1 (%2), found by %3")
                           .arg(words::outside(in.account.dn), words::outside(in.account.samAccountName),
                                QString::fromStdString(common::terms::foundBy(in.foundBy))));
    for (const auto& v : in.values) {
        auto* item = new QTreeWidgetItem(m_values);
        item->setText(0, words::outside(v.value));
        item->setText(1, QString::fromStdString(common::terms::mappingVerdict(v.result.verdict)));
        item->setText(2, v.result.strength ? QString::fromStdString(common::terms::strength(*v.result.strength))
                                           : QString());
        const bool good = v.result.verdict == mapping::Verdict::Match && v.result.strength == mapping::Strength::Strong;
        item->setIcon(0, good ? words::okIcon() : words::severityIcon(diagnosis::Severity::Warning));
        for (const auto& reason : v.result.reasons)
            new QTreeWidgetItem(item, {QString::fromStdString(common::terms::reason(reason.reason))});
        item->setExpanded(true);
    }
    if (in.values.empty())
        new QTreeWidgetItem(m_values, {tr("(no values)")});
    m_published->setText(in.certificatePublished
                             ? tr("Published Certificates: holds this certificate (this does not map it)")
                             : tr("Published Certificates: does not hold this certificate"));
    for (const auto& o : in.otherAccounts)
        new QListWidgetItem(tr("Also mapped on: %1").arg(words::outside(o.dn)), m_others);
    m_others->setVisible(!in.otherAccounts.empty());
    m_ntAuth->setText(tr("NTAuth: %1").arg(QString::fromStdString(common::terms::ntAuth(in.ntAuth.state))));
    diagnosis::Evidence e;
    e.certificate = session->certificateInfo();
    e.inspection = in;
    const auto now = cert::currentTime();
    for (const auto& f : diagnosis::evaluate(e, now)) {
        if (f.id == diagnosis::FindingId::CertificateExpired || f.id == diagnosis::FindingId::ClientAuthEkuMissing ||
            f.id == diagnosis::FindingId::CertificateNotYetValid)
            continue;  // shown on the certificate page
        words::addFinding(m_findings, f);
    }
    if (in.ok())
        new QListWidgetItem(words::okIcon(), tr("A strong mapping for this certificate is on this account only."),
                            m_findings);
}

void DirectoryPage::runAction()
{
    inspect();
}

}  // namespace eascert::ui
