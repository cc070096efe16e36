#include "eascert/ui/pages/DomainMigratePage.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "FilteredTable.h"
#include "Words.h"
#include "eascert/cert/Validity.h"
#include "eascert/report/Report.h"
#include "eascert/support/File.h"
#include "eascert/support/Path.h"
#include "eascert/ui/AsyncJob.h"
#include "eascert/ui/WizardContext.h"

namespace eascert::ui {

namespace {

QString actionText(const directory::MigrationAccount& a)
{
    using directory::SkipReason;
    switch (a.action) {
    case directory::MigrationAction::Add: return DomainMigratePage::tr("Add the strong mapping");
    case directory::MigrationAction::Prune: return DomainMigratePage::tr("Remove weak values (already strong)");
    case directory::MigrationAction::None: return DomainMigratePage::tr("Nothing to do");
    case directory::MigrationAction::Skip: break;
    }
    switch (a.reason) {
    case SkipReason::NoCertificate: return DomainMigratePage::tr("Skipped: no certificate for its weak mapping");
    case SkipReason::Expired: return DomainMigratePage::tr("Skipped: the certificate has expired");
    case SkipReason::NotYetValid: return DomainMigratePage::tr("Skipped: the certificate is not valid yet");
    case SkipReason::NotClientAuth: return DomainMigratePage::tr("Skipped: not for client authentication");
    case SkipReason::Ambiguous: return DomainMigratePage::tr("Skipped: matches several accounts");
    case SkipReason::SharedCertificate: return DomainMigratePage::tr("Skipped: published on several accounts");
    case SkipReason::NoStrongForm: return DomainMigratePage::tr("Skipped: no strong mapping can be built");
    case SkipReason::None: break;
    }
    return DomainMigratePage::tr("Skipped");
}

QString ruleText(directory::MatchRule r)
{
    using directory::MatchRule;
    switch (r) {
    case MatchRule::MapFile: return DomainMigratePage::tr("named in the map file");
    case MatchRule::ExistingMapping: return DomainMigratePage::tr("an existing mapping names it");
    case MatchRule::Published: return DomainMigratePage::tr("published on the account");
    case MatchRule::Upn: return DomainMigratePage::tr("its UPN");
    case MatchRule::Email: return DomainMigratePage::tr("its e-mail");
    case MatchRule::CommonName: return DomainMigratePage::tr("its CN is the logon name");
    }
    return {};
}

QString outsideLines(const std::vector<std::string>& values)
{
    QStringList out;
    for (const auto& v : values)
        out << words::outside(v);
    return out.join(QLatin1Char('\n'));
}

QLineEdit* pathField(const char* name, const QString& placeholder, QWidget* parent)
{
    auto* e = new QLineEdit(parent);
    e->setObjectName(QString::fromLatin1(name));
    e->setPlaceholderText(placeholder);
    return e;
}

}  // namespace

DomainMigratePage::DomainMigratePage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent), m_context(context), m_job(new AsyncJob(this))
{
    setObjectName(QStringLiteral("domainMigratePage"));
    setTitle(tr("Migrate to strong mappings"));
    setSubTitle(tr("Plans a strong mapping for every account whose certificate can be found; writes only after you "
                   "confirm, with a journal written first, and undoes the whole run."));

    m_published = new QCheckBox(tr("Use each account's Publis&hed Certificates"), this);
    m_published->setObjectName(QStringLiteral("sourcePublished"));
    m_published->setChecked(true);
    m_certs = pathField("sourceCerts", tr("optional: a folder of .cer/.pem/.p7b/.pfx files"), this);
    m_caExport =
        pathField("sourceCaExport", tr("optional: certutil -view -out \"RequestID,RawCertificate\" csv"), this);
    m_map = pathField("sourceMap", tr("optional: CSV of sAMAccountName,certificate file"), this);
    m_prune = new QCheckBox(
        tr("Also remo&ve the weak values of each certificate mapped strongly (never anything else)"), this);
    m_prune->setObjectName(QStringLiteral("pruneWeak"));
    m_plan = new QPushButton(tr("Make the pl&an"), this);
    m_plan->setObjectName(QStringLiteral("makePlan"));
    m_planState = new QLabel(this);
    m_planState->setObjectName(QStringLiteral("planState"));
    m_planState->setWordWrap(true);
    m_planState->setTextFormat(Qt::PlainText);
    m_table =
        new FilteredTable({tr("Account"), tr("Plan"), tr("Values to add"), tr("Values to remove"), tr("Certificate")},
                          QStringLiteral("plan"), tr("&Quick filter:"), tr("Sortin&g:"), this);
    m_scriptKind = new QComboBox(this);
    m_scriptKind->setObjectName(QStringLiteral("planScriptKind"));
    m_scriptKind->addItem(tr("PowerShell (Set-ADUser)"));
    m_scriptKind->addItem(tr("LDIF (ldifde -i, ldapmodify)"));
    m_script = new QPlainTextEdit(this);
    m_script->setObjectName(QStringLiteral("planScript"));
    m_script->setReadOnly(true);
    m_script->setMaximumHeight(90);
    m_script->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_copy = new QPushButton(tr("&Copy"), this);
    m_copy->setObjectName(QStringLiteral("copyPlanScript"));
    m_apply = new QPushButton(tr("Apply to the &directory..."), this);
    m_apply->setObjectName(QStringLiteral("applyMigration"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelMigration"));
    m_undo = new QPushButton(tr("&Undo the run"), this);
    m_undo->setObjectName(QStringLiteral("undoMigration"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("migrationProgress"));
    m_progress->setFormat(tr("%v of %m accounts"));
    m_runState = new QLabel(this);
    m_runState->setObjectName(QStringLiteral("migrationState"));
    m_runState->setWordWrap(true);
    m_runState->setTextFormat(Qt::PlainText);
    m_reportPath = pathField("migrationReportPath", QString(), this);
    m_saveReport = new QPushButton(tr("Save the repor&t"), this);
    m_saveReport->setObjectName(QStringLiteral("saveMigrationReport"));

    auto* sources = new QFormLayout;
    sources->addRow(m_published);
    sources->addRow(words::labelFor(tr("Certificate f&older or file:"), m_certs),
                    words::fieldWithButton(
                        m_certs, words::browseButton(
                                     m_certs, tr("Bro&wse..."), tr("Certificates"),
                                     tr("Certificates (*.cer *.crt *.der *.pem *.p7b *.pfx *.p12);;All files (*)"))));
    sources->addRow(
        words::labelFor(tr("CA e&xport (certutil CSV):"), m_caExport),
        words::fieldWithButton(m_caExport, words::browseButton(m_caExport, tr("Brow&se..."), tr("CA export"),
                                                               tr("CSV (*.csv *.txt);;All files (*)"))));
    sources->addRow(words::labelFor(tr("&Map file (CSV):"), m_map),
                    words::fieldWithButton(m_map, words::browseButton(m_map, tr("B&rowse..."), tr("Map file"),
                                                                      tr("CSV (*.csv *.txt);;All files (*)"))));
    sources->addRow(m_prune);
    auto* planRow = new QHBoxLayout;
    planRow->addWidget(m_plan);
    planRow->addWidget(m_planState, 1);
    auto* scriptRow = new QHBoxLayout;
    scriptRow->addWidget(words::labelFor(tr("Scr&ipt:"), m_scriptKind));
    scriptRow->addWidget(m_scriptKind);
    scriptRow->addStretch(1);
    scriptRow->addWidget(m_copy);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_apply);
    runRow->addWidget(m_cancel);
    runRow->addWidget(m_progress, 1);
    runRow->addWidget(m_undo);
    auto* reportRow = new QHBoxLayout;
    reportRow->addWidget(words::labelFor(tr("Report fil&e:"), m_reportPath));
    reportRow->addWidget(m_reportPath, 1);
    reportRow->addWidget(m_saveReport);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(sources);
    layout->addLayout(planRow);
    layout->addWidget(m_table, 1);
    layout->addLayout(scriptRow);
    layout->addWidget(m_script);
    layout->addLayout(runRow);
    layout->addWidget(m_runState);
    layout->addLayout(reportRow);

    connect(m_plan, &QPushButton::clicked, this, &DomainMigratePage::plan);
    connect(m_apply, &QPushButton::clicked, this, &DomainMigratePage::apply);
    connect(m_undo, &QPushButton::clicked, this, &DomainMigratePage::undo);
    connect(m_cancel, &QPushButton::clicked, m_job, &AsyncJob::cancel);
    connect(m_saveReport, &QPushButton::clicked, this, &DomainMigratePage::saveReport);
    connect(m_scriptKind, &QComboBox::currentIndexChanged, this, &DomainMigratePage::showScript);
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_script->toPlainText()); });
    connect(m_job, &AsyncJob::runningChanged, this, [this] {
        updateButtons();
        emit completeChanged();
    });
    m_reportPath->setText(QDir::toNativeSeparators(
        QString::fromStdString(utf8Path(WizardContext::documentsFolder() /
                                        ("eascert-migration-" + cert::fileTimestamp(cert::currentTime()) + ".html")))));
    updateButtons();
}

void DomainMigratePage::cleanupPage()
{
    m_job->cancel();
}

bool DomainMigratePage::isComplete() const
{
    return !m_job->running();
}

void DomainMigratePage::updateButtons()
{
    const bool running = m_job->running();
    const bool changes = m_current && m_current->summary.add + m_current->summary.prune > 0;
    m_plan->setEnabled(!running);
    m_apply->setEnabled(!running && changes);
    m_cancel->setEnabled(running);
    m_undo->setEnabled(!running && !m_journal.empty() && std::filesystem::exists(m_journal));
    m_saveReport->setEnabled(!running && m_current != nullptr);
    m_copy->setEnabled(m_current != nullptr);
}

void DomainMigratePage::plan()
{
    auto dir = m_context->domainDirectory;
    if (m_job->running() || !dir)
        return;
    m_planState->setText(tr("Reading the certificates and the accounts ..."));
    const bool published = m_published->isChecked();
    const auto certs = m_certs->text().trimmed().toStdString();
    const auto caExport = m_caExport->text().trimmed().toStdString();
    const auto map = m_map->text().trimmed().toStdString();
    directory::MigrationOptions options;
    options.pruneWeak = m_prune->isChecked();
    options.base = m_context->domainBase;
    m_job->run<directory::MigrationPlan>(
        [=](std::stop_token stop) -> Result<directory::MigrationPlan> {
            directory::CertificateSources sources;
            sources.fromPublished = published;
            if (!certs.empty())
                directory::addCertificateFiles(sources, {pathFromUtf8(certs)});
            if (!caExport.empty())
                if (auto r = directory::addCaExport(sources, pathFromUtf8(caExport)); !r)
                    return std::unexpected(r.error());
            if (!map.empty())
                if (auto r = directory::addMapFile(sources, pathFromUtf8(map)); !r)
                    return std::unexpected(r.error());
            return directory::planMigration(*dir, sources, options, stop);
        },
        [this](Result<directory::MigrationPlan> r) {
            if (!r) {
                m_planState->setText(words::error(r.error()));
                return;
            }
            m_current = std::make_shared<const directory::MigrationPlan>(std::move(*r));
            m_run.reset();
            m_runKind = "plan";
            m_journal.clear();  // a new plan gets a new journal
            showPlan();
            updateButtons();
        });
}

void DomainMigratePage::showPlan()
{
    const auto& p = *m_current;
    std::vector<QStringList> rows;
    rows.reserve(p.accounts.size());
    for (const auto& a : p.accounts) {
        QString certificate;
        if (!a.certificates.empty()) {
            const auto& c = a.certificates.front();
            certificate =
                tr("%1 from %2 (%3)")
                    .arg(QString::fromStdString(c.thumbprint), words::outside(c.source), ruleText(c.matchedBy));
        }
        if (!a.detail.empty())
            certificate += (certificate.isEmpty() ? QString() : QStringLiteral("; ")) + words::outside(a.detail);
        rows.push_back(
            {words::outside(a.samAccountName) + QStringLiteral(" (") + words::outside(a.dn) + QLatin1Char(')'),
             actionText(a), outsideLines(a.add), outsideLines(a.remove), certificate});
    }
    m_table->model()->setRows(std::move(rows));
    const auto& s = p.summary;
    QString text = tr("%1 account(s) read: %2 to add a strong mapping, %3 to prune, %4 with nothing to do, %5 skipped; "
                      "%6 without any certificate or mapping (not listed).")
                       .arg(s.scanned)
                       .arg(s.add)
                       .arg(s.prune)
                       .arg(s.none)
                       .arg(s.skip)
                       .arg(s.withoutCertificate);
    if (!p.sourceProblems.empty())
        text +=
            QLatin1Char(' ') + tr("Not read: %1").arg(words::outside(p.sourceProblems.front())) +
            (p.sourceProblems.size() > 1 ? tr(" (and %n more)", nullptr, static_cast<int>(p.sourceProblems.size() - 1))
                                         : QString());
    m_planState->setText(text);
    showScript();
}

void DomainMigratePage::showScript()
{
    if (!m_current)
        return;
    m_script->setPlainText(
        words::outside(m_scriptKind->currentIndex() == 0 ? m_current->powershell() : m_current->ldif()));
}

void DomainMigratePage::apply()
{
    auto dir = m_context->domainDirectory;
    if (m_job->running() || !dir || !m_current)
        return;
    const bool resume = !m_journal.empty() && std::filesystem::exists(m_journal);
    if (m_journal.empty())
        m_journal =
            m_context->workFolder() / ("eascert-migration-" + cert::fileTimestamp(cert::currentTime()) + ".journal");
    const auto& s = m_current->summary;
    auto* ask = new QMessageBox(QMessageBox::Question, tr("Apply the migration?"), QString(),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    ask->setObjectName(QStringLiteral("migrateConfirmation"));
    ask->setAttribute(Qt::WA_DeleteOnClose);
    ask->setDefaultButton(QMessageBox::Cancel);
    ask->button(QMessageBox::Yes)->setObjectName(QStringLiteral("confirmMigration"));
    ask->setText((dir->writesOffline()
                      ? tr("Write %1 new and remove %2 value(s) on %3 account(s) into the change file of %4? Active "
                           "Directory stays unchanged until that file is imported.")
                      : tr("Write %1 new and remove %2 value(s) on %3 account(s) in %4?"))
                     .arg(s.valuesToAdd)
                     .arg(s.valuesToRemove)
                     .arg(s.add + s.prune)
                     .arg(QString::fromStdString(dir->describe())) +
                 QStringLiteral("\n\n") +
                 (resume ? tr("This continues the interrupted run journaled in %1.")
                         : tr("The journal %1 is written before each change; Undo reverts the run."))
                     .arg(words::outside(utf8Path(m_journal))));
    connect(ask, &QMessageBox::finished, this, [this, dir](int result) {
        if (result != QMessageBox::Yes)
            return;
        m_progress->setRange(0, static_cast<int>(m_current->summary.add + m_current->summary.prune));
        m_progress->setValue(0);
        m_runState->setText(tr("Writing ..."));
        auto plan = m_current;
        const auto journal = m_journal;
        m_job->run<directory::MigrationRun>(
            [this, dir, plan, journal](std::stop_token stop) {
                // Progress from the worker thread, shown on the UI thread (the job outlives no page).
                return directory::applyMigration(
                    *dir, *plan, journal,
                    [this](const directory::MigrationProgress& p) {
                        QMetaObject::invokeMethod(
                            this, [this, p] { m_progress->setValue(static_cast<int>(p.done)); }, Qt::QueuedConnection);
                    },
                    stop);
            },
            [this](Result<directory::MigrationRun> r) {
                if (!r) {
                    m_runState->setText(
                        words::error(r.error()) + QLatin1Char(' ') +
                        tr("The journal is intact: Apply again continues, Undo reverts what was written."));
                    updateButtons();
                    return;
                }
                showRun(*r, false);
                m_run = std::move(*r);
                m_runKind = "apply";
                updateButtons();
            });
    });
    ask->open();
}

void DomainMigratePage::undo()
{
    auto dir = m_context->domainDirectory;
    if (m_job->running() || !dir || m_journal.empty())
        return;
    m_runState->setText(tr("Reverting ..."));
    const auto journal = m_journal;
    m_job->run<directory::MigrationRun>(
        [this, dir, journal](std::stop_token stop) {
            return directory::undoMigration(
                *dir, journal,
                [this](const directory::MigrationProgress& p) {
                    QMetaObject::invokeMethod(
                        this,
                        [this, p] {
                            m_progress->setRange(0, static_cast<int>(p.total));
                            m_progress->setValue(static_cast<int>(p.done));
                        },
                        Qt::QueuedConnection);
                },
                stop);
        },
        [this](Result<directory::MigrationRun> r) {
            if (!r) {
                m_runState->setText(words::error(r.error()));
                return;
            }
            showRun(*r, true);
            m_run = std::move(*r);
            m_runKind = "undo";
            updateButtons();
        });
}

void DomainMigratePage::showRun(const directory::MigrationRun& run, bool undone)
{
    const auto& p = run.progress;
    m_progress->setRange(0, static_cast<int>(p.total));
    m_progress->setValue(static_cast<int>(p.done));
    QString text =
        run.offline
            ? tr("Written to the change file: %1 of %2 account(s). Active Directory is unchanged until it is imported.")
        : undone ? tr("Reverted: %1 of %2 account(s).")
                 : tr("Written and read back: %1 of %2 account(s).");
    text = text.arg(p.applied).arg(p.total);
    if (p.conflicts + p.failed > 0)
        text += QLatin1Char(' ') + tr("%1 changed by someone else since the plan (nothing written to them), %2 failed.")
                                       .arg(p.conflicts)
                                       .arg(p.failed);
    for (const auto& a : run.accounts)
        if (a.outcome == directory::AccountOutcome::Conflict || a.outcome == directory::AccountOutcome::Failed) {
            text +=
                QLatin1Char('\n') + words::outside(a.samAccountName) + QStringLiteral(": ") + words::outside(a.detail);
            break;  // the first; the report lists them all
        }
    if (run.cancelled)
        text += QLatin1Char(' ') + tr("Stopped between accounts; the journal is intact: Apply again continues.");
    m_runState->setText(text);
}

void DomainMigratePage::saveReport()
{
    if (!m_current)
        return;
    report::Environment env;
    env.generatedAt = cert::formatTime(cert::currentTime());
    auto html = report::renderMigrationHtml(*m_current, m_run ? &*m_run : nullptr, m_runKind, env);
    const auto path = pathFromUtf8(QDir::fromNativeSeparators(m_reportPath->text().trimmed()).toStdString());
    Result<void> written = html ? writeFile(path, *html) : Result<void>(std::unexpected(html.error()));
    m_runState->setText(written ? tr("Report saved: %1").arg(words::outside(utf8Path(path)))
                                : words::error(written.error()));
}

}  // namespace eascert::ui
