#include "eascert/ui/pages/FixPage.h"
#include "eascert/cert/Validity.h"
#include "eascert/support/Log.h"
#include "eascert/support/Path.h"
#include "eascert/support/Text.h"

#include <algorithm>
#include <functional>

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QGridLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "Words.h"
#include "eascert/support/Bytes.h"
#include "eascert/support/Path.h"
#include "eascert/ui/AsyncJob.h"
#include "eascert/ui/PageId.h"
#include "eascert/ui/WizardContext.h"

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

// The values as a readable diff: "  kept value", "- removed value", "+ added value".
QString diffText(const std::vector<std::string>& before, const std::vector<std::string>& added,
                 const std::vector<std::string>& removed)
{
    QString diff;
    for (const auto& v : before) {
        const bool gone = std::find(removed.begin(), removed.end(), v) != removed.end();
        diff += (gone ? QStringLiteral("- ") : QStringLiteral("  ")) + words::outside(v) + QLatin1Char('\n');
    }
    for (const auto& v : added)
        diff += QStringLiteral("+ ") + words::outside(v) + QLatin1Char('\n');
    return diff;
}

// The NTAuth part of a change, as the diff shows it.
QString ntAuthLine(const std::string& caName)
{
    return QStringLiteral("+ ") + FixPage::tr("NTAuth store: the issuing CA %1").arg(words::outside(caName)) +
           QLatin1Char('\n');
}

QPushButton* copyButton(QWidget* parent, const QString& text, const char* name, std::function<QString()> what)
{
    auto* b = new QPushButton(text, parent);
    b->setObjectName(QLatin1String(name));
    QObject::connect(b, &QPushButton::clicked, parent,
                     [what = std::move(what)] { QApplication::clipboard()->setText(what()); });
    return b;
}

}  // namespace

FixPage::FixPage(WizardContext* context, QWidget* parent)
    : StepPage(parent), m_context(context), m_job(new AsyncJob(this))
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
    m_copyLdif = copyButton(this, tr("Copy L&DIF"), "copyLdif", [this] { return m_ldif->toPlainText(); });
    m_copyPowershell =
        copyButton(this, tr("Copy Po&werShell"), "copyPowershell", [this] { return m_powershell->toPlainText(); });
    m_removeBroken = new QCheckBox(this);
    m_removeBroken->setObjectName(QStringLiteral("removeBroken"));
    m_removeBroken->setVisible(false);
    m_publishNtAuth = new QCheckBox(this);
    m_publishNtAuth->setObjectName(QStringLiteral("publishNtAuth"));
    m_publishNtAuth->setChecked(true);
    m_publishNtAuth->setVisible(false);
    m_ntAuthNote = new QLabel(this);
    m_ntAuthNote->setObjectName(QStringLiteral("ntAuthNote"));
    m_ntAuthNote->setWordWrap(true);
    m_ntAuthNote->setTextFormat(Qt::PlainText);
    m_ntAuthNote->setVisible(false);
    m_import = code(this, "importCommands");
    m_import->setAccessibleName(tr("Commands that import the change file"));
    m_import->setMaximumHeight(60);
    m_copyPath = copyButton(this, tr("Copy file pat&h"), "copyChangeFile", [this] { return changeFilePath(); });
    m_copyImport = copyButton(this, tr("Copy &import command"), "copyImport", [this] {
        return QString::fromStdString(directory::importCommands(pathFromUtf8(changeFilePath().toStdString())).at(0));
    });
    m_copyLdapmodify = copyButton(this, tr("Copy ldap&modify command"), "copyLdapmodify", [this] {
        return QString::fromStdString(directory::importCommands(pathFromUtf8(changeFilePath().toStdString())).at(1));
    });
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
    auto* importRow = new QHBoxLayout;
    importRow->addWidget(m_copyPath);
    importRow->addWidget(m_copyImport);
    importRow->addWidget(m_copyLdapmodify);
    importRow->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_removeBroken);
    layout->addWidget(m_publishNtAuth);
    layout->addWidget(m_ntAuthNote);
    layout->addLayout(grid, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_result);
    layout->addWidget(m_import);
    layout->addLayout(importRow);
    layout->addWidget(m_backup);
    layout->addWidget(m_retest);

    connect(m_removeBroken, &QCheckBox::toggled, this, [this] {
        showPlan();
        showState();
    });
    connect(m_publishNtAuth, &QCheckBox::toggled, this, [this] {
        showPlan();
        showState();
    });
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
    // Say what this step will do with the directory at hand: a live write, or a change file.
    const auto dir = m_context->directory();
    if (dir && dir->writesOffline())
        setSubTitle(tr("The strong mapping is written to a change file for you to import; Active Directory is not "
                       "changed from here. Nothing is removed unless you choose it; a backup is written first."));
    else
        setSubTitle(tr("The strong mapping is added to altSecurityIdentities; nothing is removed unless you choose "
                       "it. A backup is written first and the value is read back after the write."));
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
        const auto& fix = *session->fix();
        m_summary->setText(fix.outcome.offline
                               ? tr("The change is in the change file. Active Directory is unchanged until you import "
                                    "it; Undo takes the change back out of the file's directory copy.")
                               : tr("The fix is applied. Undo reverts our change, and only ours."));
        m_removeBroken->setVisible(false);
        m_publishNtAuth->setVisible(false);
        m_ntAuthNote->setVisible(false);
        QString diff = diffText(fix.outcome.before, fix.outcome.added, fix.outcome.removed);
        if (fix.outcome.ntAuthChanged)
            diff += ntAuthLine(fix.outcome.ntAuthCa);
        m_diff->setPlainText(diff);
        m_ldif->setPlainText(QString::fromStdString(fix.plan.ldif()));
        m_powershell->setPlainText(QString::fromStdString(fix.plan.powershell()));
        return;
    }
    const auto broken = session->brokenValues();
    m_removeBroken->setVisible(!broken.empty());
    if (!broken.empty()) {
        QStringList shown;
        for (const auto& v : broken)
            shown << words::outside(v);
        m_removeBroken->setText(tr("Also &remove the broken value (meant for this certificate, but AD will not "
                                   "match it): %1",
                                   nullptr, static_cast<int>(broken.size()))
                                    .arg(shown.join(QStringLiteral(", "))));
    }
    // NTAuth (KB5057784): offered when the inspection found the issuing CA missing there.
    const auto* inspected = session->latestDirectory();
    const auto ntAuthState = inspected ? inspected->inspection.ntAuth.state : directory::NtAuthState::Unknown;
    const bool ntAuthMissing =
        ntAuthState == directory::NtAuthState::IssuerAbsent || ntAuthState == directory::NtAuthState::StoreMissing;
    const std::string unavailable = inspected ? directory::ntAuthUnavailable(inspected->inspection) : std::string();
    const bool offerNtAuth = ntAuthMissing && unavailable.empty();
    m_publishNtAuth->setVisible(offerNtAuth);
    m_ntAuthNote->setVisible(ntAuthMissing && !unavailable.empty());
    if (ntAuthMissing) {
        m_publishNtAuth->setText(tr("Also &publish the issuing CA %1 to the forest's NTAuth store (KB5057784; needs "
                                    "Enterprise Admins)")
                                     .arg(words::outside(inspected->inspection.ntAuth.issuerName)));
        m_ntAuthNote->setText(tr("The issuing CA is not in NTAuth, and it cannot be published from here: %1.")
                                  .arg(words::outside(unavailable)));
    }
    auto plan = session->planFix(m_removeBroken->isChecked() ? broken : std::vector<std::string>{},
                                 offerNtAuth && m_publishNtAuth->isChecked());
    if (!plan) {
        m_summary->setText(words::error(plan.error()));
        return;
    }
    if (plan->empty()) {
        m_summary->setText(tr("Nothing to change: the account already holds a strong mapping for this certificate."));
        return;
    }
    m_plan = *plan;
    QString summary;
    if (plan->mappingChanges())
        summary = plan->remove.empty()
                      ? tr("Add one value to altSecurityIdentities of %1:").arg(words::outside(plan->dn))
                      : tr("Add one value to altSecurityIdentities of %1 and remove %n broken value(s):", nullptr,
                           static_cast<int>(plan->remove.size()))
                            .arg(words::outside(plan->dn));
    if (plan->ntAuth)
        summary += (summary.isEmpty() ? QString() : QStringLiteral("\n")) +
                   (plan->ntAuth->createStore ? tr("Create the forest's NTAuth store %1 with the issuing CA in it.")
                                              : tr("Add the issuing CA to the forest's NTAuth store %1."))
                       .arg(words::outside(plan->ntAuth->dn));
    m_summary->setText(summary);
    const auto& c = session->certificateInfo();
    if (std::any_of(plan->add.begin(), plan->add.end(),
                    [](const std::string& v) { return v.find("<SR>") != std::string::npos; }))
        m_summary->setText(m_summary->text() + QStringLiteral("\n") +
                           tr("<SR> holds the serial number %1 with its bytes in reverse order, as Active Directory "
                              "compares it.")
                               .arg(QString::fromStdString(toHex(c.serialMagnitude()))));
    QString diff = plan->mappingChanges() ? diffText(plan->expectedBefore, plan->add, plan->remove) : QString();
    if (plan->ntAuth)
        diff += ntAuthLine(plan->ntAuth->caName);
    m_diff->setPlainText(diff);
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
    // "Test again" is for after a change (or its undo): before one, the endpoint page tests.
    m_testAgain->setEnabled(!running && session && session->fix() && !m_context->url.isEmpty() &&
                            session->certificate().hasPrivateKey);
    m_removeBroken->setEnabled(!running && !active);
    m_publishNtAuth->setEnabled(!running && !active);
    m_copyLdif->setEnabled(!m_ldif->toPlainText().isEmpty());
    m_copyPowershell->setEnabled(!m_powershell->toPlainText().isEmpty());
    const QString changeFile = changeFilePath();
    const bool offlineWritten = active && session->fix()->outcome.offline && !changeFile.isEmpty();
    m_import->setVisible(offlineWritten);
    for (QWidget* w : std::initializer_list<QWidget*>{m_copyPath, m_copyImport, m_copyLdapmodify})
        w->setVisible(offlineWritten);
    if (offlineWritten) {
        QString commands;
        for (const auto& c : directory::importCommands(pathFromUtf8(changeFile.toStdString())))
            commands += words::outside(c) + QLatin1Char('\n');
        m_import->setPlainText(commands);
    }
    if (active)
        m_backup->setText(
            tr("Backup of the previous values: %1").arg(words::outside(utf8Path(session->fix()->outcome.backupFile))));
    else if (session && session->fix() && session->fix()->undone)
        m_backup->setText(tr("Undone from %1").arg(words::outside(utf8Path(session->fix()->outcome.backupFile))));
}

QString FixPage::changeFilePath() const
{
    const auto dir = m_context->directory();
    if (!dir || !dir->writesOffline())
        return {};
    return words::outside(utf8Path(dir->changeFile()));
}

void FixPage::askToApply()
{
    if (!m_plan || m_job->running())
        return;
    const auto dir = m_context->directory();
    const bool offline = dir && dir->writesOffline();
    if (!m_confirm) {
        m_confirm =
            new QMessageBox(QMessageBox::Question, QString(), QString(), QMessageBox::Yes | QMessageBox::Cancel, this);
        m_confirm->setObjectName(QStringLiteral("fixConfirmation"));
        m_confirm->setDefaultButton(QMessageBox::Cancel);
        m_confirm->button(QMessageBox::Yes)->setObjectName(QStringLiteral("confirmFix"));
        m_confirm->button(QMessageBox::Cancel)->setObjectName(QStringLiteral("declineFix"));
        connect(m_confirm, &QMessageBox::finished, this, [this](int result) {
            if (result == QMessageBox::Yes)
                apply();
            else
                m_result->setText(tr("Nothing was written."));
        });
    }
    m_confirm->setWindowTitle(offline ? tr("Write the change file?") : tr("Write to Active Directory?"));
    m_confirm->button(QMessageBox::Yes)->setText(offline ? tr("&Write the change file") : tr("&Write the mapping"));
    const QString backup = words::outside(utf8Path(m_context->workFolder()));
    QString removed;
    for (const auto& v : m_plan->remove)
        removed += tr("Remove: %1").arg(words::outside(v)) + QLatin1Char('\n');
    const QString where =
        offline ? tr("the change file %1 (Active Directory is not changed until you import it)").arg(changeFilePath())
                : words::outside(dir ? dir->describe() : std::string());
    QString text;
    if (!m_plan->add.empty())
        text = tr("Add this value to altSecurityIdentities of\n%1\nin %2?\n\nAdd: %3\n%4\n%5")
                   .arg(words::outside(m_plan->dn), where, words::outside(m_plan->add.front()), removed,
                        m_plan->remove.empty() ? tr("Nothing is removed.") : tr("Only the values above are removed."));
    else if (!m_plan->remove.empty())
        text = tr("Remove from altSecurityIdentities of\n%1\nin %2?\n\n%3")
                   .arg(words::outside(m_plan->dn), where, removed);
    if (m_plan->ntAuth)
        text += (text.isEmpty() ? QString() : QStringLiteral("\n\n")) +
                tr("Publish the issuing CA %1 to the forest's NTAuth store (%2)%3? This needs Enterprise Admins; "
                   "without those rights nothing at all is written.")
                    .arg(words::outside(m_plan->ntAuth->caName), words::outside(m_plan->ntAuth->dn),
                         m_plan->ntAuth->createStore ? tr(", creating the store") : QString());
    text += QStringLiteral("\n\n") + tr("A backup of the current values is written first, to %1.").arg(backup);
    m_confirm->setText(text);
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

}  // namespace

void FixPage::apply()
{
    auto session = m_context->session();
    auto dir = m_context->directory();
    if (!session || !dir || !m_plan || m_job->running())
        return;
    const auto backup = directory::newBackupPath(m_context->workFolder(), m_plan->samAccountName, cert::currentTime());
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
            const bool offline = session->fix()->outcome.offline;
            session->record(std::move(r->second));
            m_result->setText(offline ? tr("Change file written: %1. Active Directory is unchanged until you import "
                                           "it, as an account with write rights:")
                                            .arg(changeFilePath())
                              : session->fix()->plan.mappingChanges()
                                  ? tr("Written and read back: the account now holds the strong mapping.")
                                  : tr("Written and read back."));
            if (session->fix()->outcome.ntAuthChanged)
                m_result->setText(m_result->text() + QStringLiteral("\n") +
                                  (offline ? tr("The change file also publishes the issuing CA %1 to NTAuth.")
                                           : tr("The issuing CA %1 is in the forest's NTAuth store now (read back)."))
                                      .arg(words::outside(session->fix()->outcome.ntAuthCa)));
            showPlan();
            showState();
            m_context->notifyResultsChanged();
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
                if (r->first.ntAuthChanged)
                    text += QStringLiteral("\n") + tr("The issuing CA %1 is out of the NTAuth store again.")
                                                       .arg(words::outside(r->first.ntAuthCa));
                for (const auto& other : r->first.changedSince)
                    text += QStringLiteral("\n") + tr("Left as it is: %1").arg(words::outside(other));
                m_result->setText(text);
                session->record(std::move(r->second));
            }
            m_retest->clear();
            showPlan();
            showState();
            m_context->notifyResultsChanged();
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
            QString text = tr("Endpoint now: %1").arg(words::outcome(outcome));
            if (session->fixActive() && session->fix()->outcome.offline && outcome != probe::Outcome::Authenticated)
                text += QStringLiteral("\n") + tr("Active Directory is unchanged until the change file is imported: "
                                                  "the endpoint keeps failing until then.");
            m_retest->setText(text);
            m_context->notifyResultsChanged();
        });
}

void FixPage::runAction()
{
    askToApply();
}

}  // namespace eascert::ui
