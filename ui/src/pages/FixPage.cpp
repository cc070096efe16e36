#include "eascert/ui/pages/FixPage.h"
#include "eascert/cert/Validity.h"
#include "eascert/support/Log.h"
#include "eascert/support/Path.h"
#include "eascert/support/Text.h"

#include <QApplication>
#include <QClipboard>
#include <QGridLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "Words.h"
#include "eascert/ui/AsyncJob.h"
#include "eascert/ui/PageId.h"
#include "eascert/ui/WizardContext.h"
#include "eascert/support/Path.h"

namespace eascert::ui {

namespace {

QPlainTextEdit* code(QWidget* parent, const char* name)
{
    auto* t = new QPlainTextEdit(parent);
    t->setObjectName(QLatin1String(name));
    t->setReadOnly(true);
    t->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    QFont f(QStringLiteral("monospace"));
    f.setStyleHint(QFont::Monospace);
    t->setFont(f);
    return t;
}


// The values as a readable diff: "  kept value", "+ added value".
QString diffText(const std::vector<std::string>& kept, const std::vector<std::string>& added)
{
    QString diff;
    for (const auto& v : kept)
        diff += QStringLiteral("  ") + words::outside(v) + QLatin1Char('\n');
    for (const auto& v : added)
        diff += QStringLiteral("+ ") + words::outside(v) + QLatin1Char('\n');
    return diff;
}

} // namespace

FixPage::FixPage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent), m_context(context), m_job(new AsyncJob(this))
{
    setObjectName(QStringLiteral("fixPage"));
    setTitle(tr("Fix the mapping"));
    setSubTitle(tr("The strong mapping is added to altSecurityIdentities; nothing is removed. A backup is written "
                   "first and the value is read back after the write."));
}

// The widgets are made when the page is first shown: a wizard that starts fast builds only its first page.
void FixPage::build()
{
    m_built = true;
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("fixSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_diff = code(this, "fixDiff");
    m_ldif = code(this, "fixLdif");
    m_powershell = code(this, "fixPowershell");
    m_copyLdif = new QPushButton(tr("Copy LDIF"), this);
    m_copyLdif->setObjectName(QStringLiteral("copyLdif"));
    m_copyPowershell = new QPushButton(tr("Copy PowerShell"), this);
    m_copyPowershell->setObjectName(QStringLiteral("copyPowershell"));
    m_apply = new QPushButton(tr("&Apply fix..."), this);
    m_apply->setObjectName(QStringLiteral("applyFix"));
    m_undo = new QPushButton(tr("&Undo"), this);
    m_undo->setObjectName(QStringLiteral("undoFix"));
    m_testAgain = new QPushButton(tr("&Test again"), this);
    m_testAgain->setObjectName(QStringLiteral("testAgain"));
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("fixResult"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_backup = new QLabel(this);
    m_backup->setObjectName(QStringLiteral("backupFile"));
    m_backup->setWordWrap(true);
    m_backup->setTextFormat(Qt::PlainText);
    m_backup->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retest = new QLabel(this);
    m_retest->setObjectName(QStringLiteral("retestResult"));
    m_retest->setWordWrap(true);
    m_retest->setTextFormat(Qt::PlainText);

    auto* grid = new QGridLayout;
    grid->addWidget(new QLabel(tr("Change:"), this), 0, 0);
    grid->addWidget(m_diff, 1, 0, 1, 2);
    grid->addWidget(new QLabel(tr("LDIF (ldifde -i / ldapmodify):"), this), 2, 0);
    grid->addWidget(m_copyLdif, 2, 1, Qt::AlignRight);
    grid->addWidget(m_ldif, 3, 0, 1, 2);
    grid->addWidget(new QLabel(tr("PowerShell (ActiveDirectory module):"), this), 4, 0);
    grid->addWidget(m_copyPowershell, 4, 1, Qt::AlignRight);
    grid->addWidget(m_powershell, 5, 0, 1, 2);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_apply);
    buttons->addWidget(m_undo);
    buttons->addWidget(m_testAgain);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(grid, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_result);
    layout->addWidget(m_backup);
    layout->addWidget(m_retest);

    connect(m_copyLdif, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_ldif->toPlainText()); });
    connect(m_copyPowershell, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_powershell->toPlainText()); });
    connect(m_apply, &QPushButton::clicked, this, &FixPage::askToApply);
    connect(m_undo, &QPushButton::clicked, this, &FixPage::undo);
    connect(m_testAgain, &QPushButton::clicked, this, &FixPage::testAgain);
    connect(m_job, &AsyncJob::runningChanged, this, [this] {
        showState();
        emit completeChanged();
    });
}

void FixPage::initializePage()
{
    if (!m_built)
        build();
    showPlan();
    showState();
}

void FixPage::cleanupPage()
{
    if (m_job->running() && !m_writing)
        m_job->cancel();
}

bool FixPage::isComplete() const
{
    return !m_job->running();
}

int FixPage::nextId() const
{
    return PageId::Report;
}

void FixPage::showPlan()
{
    m_plan.reset();
    m_diff->clear();
    m_ldif->clear();
    m_powershell->clear();
    auto session = m_context->session();
    if (!session)
        return;
    if (session->fixActive()) {
        m_summary->setText(tr("The fix is applied. Undo puts the previous values back exactly."));
        const auto& fix = *session->fix();
        m_diff->setPlainText(diffText(fix.outcome.before, fix.outcome.added));
        m_ldif->setPlainText(QString::fromStdString(fix.plan.ldif()));
        m_powershell->setPlainText(QString::fromStdString(fix.plan.powershell()));
        return;
    }
    auto plan = session->planFix();
    if (!plan) {
        m_summary->setText(words::error(plan.error()));
        return;
    }
    if (plan->empty()) {
        m_summary->setText(tr("Nothing to change: the account already holds a strong mapping for this certificate."));
        return;
    }
    m_plan = *plan;
    m_summary->setText(tr("Add one value to altSecurityIdentities of %1:").arg(words::outside(plan->dn)));
    m_diff->setPlainText(diffText(plan->expectedBefore, plan->add));
    m_ldif->setPlainText(QString::fromStdString(plan->ldif()));
    m_powershell->setPlainText(QString::fromStdString(plan->powershell()));
}

void FixPage::showState()
{
    auto session = m_context->session();
    const bool running = m_job->running();
    const bool active = session && session->fixActive();
    m_apply->setEnabled(!running && !active && m_plan && m_context->directory());
    m_undo->setEnabled(!running && active);
    m_testAgain->setEnabled(!running && session && !m_context->url.isEmpty() &&
                            session->certificate().hasPrivateKey);
    m_copyLdif->setEnabled(!m_ldif->toPlainText().isEmpty());
    m_copyPowershell->setEnabled(!m_powershell->toPlainText().isEmpty());
    if (active)
        m_backup->setText(tr("Backup of the previous values: %1")
                              .arg(QString::fromStdString(utf8Path(session->fix()->outcome.backupFile))));
    else if (session && session->fix() && session->fix()->undone)
        m_backup->setText(tr("Undone from %1").arg(QString::fromStdString(utf8Path(session->fix()->outcome.backupFile))));
}

void FixPage::askToApply()
{
    if (!m_plan || m_job->running())
        return;
    if (!m_confirm) {
        m_confirm = new QMessageBox(QMessageBox::Question, tr("Write to Active Directory?"), QString(),
                                    QMessageBox::Yes | QMessageBox::Cancel, this);
        m_confirm->setObjectName(QStringLiteral("fixConfirmation"));
        m_confirm->setDefaultButton(QMessageBox::Cancel);
        m_confirm->button(QMessageBox::Yes)->setText(tr("&Write the mapping"));
        m_confirm->button(QMessageBox::Yes)->setObjectName(QStringLiteral("confirmFix"));
        m_confirm->button(QMessageBox::Cancel)->setObjectName(QStringLiteral("declineFix"));
        connect(m_confirm, &QMessageBox::finished, this, [this](int result) {
            if (result == QMessageBox::Yes)
                apply();
            else
                m_result->setText(tr("Nothing was written."));
        });
    }
    m_confirm->setText(tr("Add this value to altSecurityIdentities of\n%1\nin %2?\n\n%3\n\nNothing is removed; a backup "
                          "of the current values is written first.")
                           .arg(words::outside(m_plan->dn),
                                QString::fromStdString(m_context->directory() ? m_context->directory()->describe() : ""),
                                words::outside(m_plan->add.front())));
    m_confirm->open();
}

namespace {

// A write, then the account's state read back from the directory: both for the UI thread to record.
template <typename T>
Result<std::pair<T, diagnosis::DirectoryRun>> thenInspect(Result<T> written, const diagnosis::Session& session,
                                                          directory::Directory& dir,
                                                          const std::optional<std::string>& user, std::stop_token stop)
{
    if (!written)
        return std::unexpected(written.error());
    auto state = session.runInspection(dir, user, stop);
    if (!state)
        return std::unexpected(state.error());
    return std::pair<T, diagnosis::DirectoryRun>{std::move(*written), std::move(*state)};
}

} // namespace

void FixPage::apply()
{
    auto session = m_context->session();
    auto dir = m_context->directory();
    if (!session || !dir || !m_plan || m_job->running())
        return;
    const auto backup = directory::newBackupPath(m_context->workFolder(), m_plan->samAccountName,
                                                 cert::currentTime());
    const auto plan = *m_plan;
    const auto user = m_context->user;
    m_result->setText(tr("Writing ..."));
    m_writing = true;
    // The fix, then the state after it read back from the directory; recorded here in that order.
    using Written = std::pair<diagnosis::FixRun, diagnosis::DirectoryRun>;
    m_job->run<Written>(
        [session, dir, plan, backup, user](std::stop_token stop) {
            return thenInspect(session->runFix(*dir, plan, backup), *session, *dir, user, stop);
        },
        [this, session](Result<Written> r) {
            m_writing = false;
            if (m_context->session() != session) {
                // The wizard moved on to another certificate: the change stands, its backup is on disk.
                if (r)
                    log()->warn("fix of {} finished after the session was replaced; backup {}",
                                text::printable(r->first.plan.dn), utf8Path(r->first.outcome.backupFile));
                return;
            }
            if (r)
                if (auto recorded = session->record(std::move(r->first)); !recorded)
                    r = std::unexpected(recorded.error());
            if (!r) {
                m_result->setText(words::error(r.error()));
                showPlan();
                return;
            }
            session->record(std::move(r->second));
            m_result->setText(tr("Written and read back: the account now holds the strong mapping."));
            showPlan();
            showState();
        });
}

void FixPage::undo()
{
    auto session = m_context->session();
    auto dir = m_context->directory();
    if (!session || !dir || !session->fixActive() || m_job->running())
        return;
    const auto user = m_context->user;
    m_result->setText(tr("Undoing ..."));
    m_writing = true;
    using Undone = std::pair<directory::FixOutcome, diagnosis::DirectoryRun>;
    m_job->run<Undone>(
        [session, dir, user](std::stop_token stop) {
            return thenInspect(session->runUndo(*dir), *session, *dir, user, stop);
        },
        [this, session](Result<Undone> r) {
            m_writing = false;
            if (m_context->session() != session)
                return;
            if (r)
                if (auto recorded = session->recordUndo(r->first); !recorded)
                    r = std::unexpected(recorded.error());
            if (!r) {
                m_result->setText(words::error(r.error()));
            } else {
                QString text = tr("Undone: our change is reverted, and only ours.");
                for (const auto& other : r->first.changedSince)
                    text += QStringLiteral("\n") + tr("Left as it is: %1").arg(words::outside(other));
                m_result->setText(text);
                session->record(std::move(r->second));
            }
            m_retest->clear();
            showPlan();
            showState();
        });
}

void FixPage::testAgain()
{
    auto session = m_context->session();
    if (!session || m_job->running())
        return;
    const auto options = m_context->probeOptions();
    m_retest->setText(tr("Testing %1 again ...").arg(m_context->url));
    m_writing = false;
    m_job->run<diagnosis::ProbeRun>(
        [session, options](std::stop_token stop) { return session->runProbe(options, stop); },
        [this, session](Result<diagnosis::ProbeRun> r) {
            if (m_context->session() != session)
                return;
            if (!r) {
                m_retest->setText(words::error(r.error()));
                return;
            }
            const auto outcome = r->verdict.outcome;
            session->record(std::move(*r));
            m_retest->setText(tr("Endpoint now: %1").arg(words::outcome(outcome)));
        });
}

} // namespace eascert::ui
