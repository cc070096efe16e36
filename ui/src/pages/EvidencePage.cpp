#include "eascert/ui/pages/EvidencePage.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

#include "Terms.h"
#include "Words.h"
#include "eascert/cert/Validity.h"
#include "eascert/evidence/Evidence.h"
#include "eascert/support/Path.h"
#include "eascert/ui/AsyncJob.h"
#include "eascert/ui/PageId.h"
#include "eascert/ui/WizardContext.h"

namespace eascert::ui {

namespace {

constexpr int kShownRecords = 500;  // the report and the JSON export hold them all

QTreeWidget* table(QWidget* parent, const char* name, const QStringList& headers)
{
    auto* t = new QTreeWidget(parent);
    t->setObjectName(QLatin1String(name));
    t->setHeaderLabels(headers);
    t->setRootIsDecorated(false);
    t->setUniformRowHeights(true);
    t->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return t;
}

}  // namespace

EvidencePage::EvidencePage(WizardContext* context, QWidget* parent)
    : StepPage(parent), m_context(context), m_job(new AsyncJob(this))
{
    setObjectName(QStringLiteral("evidencePage"));
    setTitle(tr("Evidence from the servers (optional)"));
    setSubTitle(
        tr("The domain controller's events (.evtx, XML, text or CSV exports), IIS logs, applicationHost.config, "
           "netsh http show sslcert output or .reg exports: drop files here, choose them, or paste text. They "
           "are read here and never sent anywhere."));
    setAcceptDrops(true);
}

void EvidencePage::build()
{
    m_built = true;
    m_add = new QPushButton(tr("&Add files..."), this);
    m_add->setObjectName(QStringLiteral("addEvidence"));
    m_paste = new QPlainTextEdit(this);
    m_paste->setObjectName(QStringLiteral("evidenceText"));
    m_paste->setAccessibleName(tr("Pasted text"));
    m_paste->setPlaceholderText(tr("Or paste an event here (Event Viewer: Copy, Copy details as text), log lines or "
                                   "netsh output, then press Enter (Shift+Enter: a new line)."));
    m_paste->setTabChangesFocus(true);
    m_paste->setMaximumHeight(110);
    m_paste->installEventFilter(this);
    m_read = new QPushButton(tr("Read pasted &text"), this);
    m_read->setObjectName(QStringLiteral("readEvidenceText"));
    m_remove = new QPushButton(tr("&Remove all"), this);
    m_remove->setObjectName(QStringLiteral("removeEvidence"));
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("evidenceState"));
    m_state->setWordWrap(true);
    m_state->setTextFormat(Qt::PlainText);
    m_sources = table(this, "evidenceSources", {tr("File"), tr("Format"), tr("Records"), tr("Damaged")});
    m_sources->setMaximumHeight(110);
    m_records = table(this, "evidenceRecords", {tr("Time"), tr("About this certificate"), tr("What")});
    m_findings = new QListWidget(this);
    m_findings->setObjectName(QStringLiteral("evidenceFindings"));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_read);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_paste);
    layout->addLayout(buttons);
    layout->addWidget(m_state);
    layout->addWidget(m_sources);
    layout->addWidget(
        new QLabel(tr("Records that matter for certificate sign-in (those about this certificate in bold):"), this));
    layout->addWidget(m_records, 2);
    layout->addWidget(words::withDetails(m_findings, tr("Cop&y details"), this), 1);

    connect(m_add, &QPushButton::clicked, this, &EvidencePage::chooseFiles);
    connect(m_read, &QPushButton::clicked, this, &EvidencePage::readPasted);
    connect(m_remove, &QPushButton::clicked, this, &EvidencePage::removeAll);
    connect(m_job, &AsyncJob::runningChanged, this, [this](bool running) {
        for (QWidget* w : std::initializer_list<QWidget*>{m_add, m_read, m_remove})
            w->setEnabled(!running);
        emit completeChanged();
    });
}

void EvidencePage::initializePage()
{
    if (!m_built)
        build();
    showEvidence();
}

void EvidencePage::cleanupPage()
{
    m_job->cancel();
}

bool EvidencePage::isComplete() const
{
    return !m_job->running();
}

int EvidencePage::nextId() const
{
    const auto session = m_context->session();
    return session && session->latestDirectory() ? PageId::Fix : PageId::Report;
}

void EvidencePage::runAction()
{
    if (m_paste && !m_paste->toPlainText().trimmed().isEmpty())
        readPasted();
    else
        chooseFiles();
}

bool EvidencePage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_paste && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const auto modifiers = key->modifiers() & ~Qt::KeypadModifier;
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && modifiers == Qt::NoModifier) {
            runAction();
            return true;
        }
    }
    return StepPage::eventFilter(watched, event);
}

void EvidencePage::chooseFiles()
{
    auto* dialog = new QFileDialog(this, tr("Evidence files"));
    dialog->setObjectName(QStringLiteral("evidenceDialog"));
    dialog->setFileMode(QFileDialog::ExistingFiles);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setNameFilters(
        {tr("Event logs, IIS logs and settings (*.evtx *.xml *.txt *.csv *.log *.config *.reg)"), tr("All files (*)")});
    connect(dialog, &QFileDialog::filesSelected, this, &EvidencePage::readFiles);
    dialog->open();
}

void EvidencePage::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void EvidencePage::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const auto& url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    if (!paths.isEmpty()) {
        event->acceptProposedAction();
        readFiles(paths);
    }
}

void EvidencePage::readFiles(const QStringList& paths)
{
    const auto session = m_context->session();
    if (!session || paths.isEmpty() || m_job->running())
        return;
    std::vector<std::string> files;
    for (const auto& p : paths)
        files.push_back(p.toStdString());
    m_state->setText(tr("Reading %n file(s) ...", nullptr, static_cast<int>(files.size())));
    struct Read
    {
        std::vector<evidence::EvidenceSource> sources;
        QStringList problems;
    };
    m_job->run<Read>(
        [files](std::stop_token stop) -> Result<Read> {
            Read out;
            for (const auto& f : files) {
                if (stop.stop_requested())
                    return fail(ErrorCode::Cancelled);
                auto source = evidence::readEvidenceFile(pathFromUtf8(f));
                if (source)
                    out.sources.push_back(std::move(*source));
                else
                    out.problems << QStringLiteral("%1: %2").arg(words::outside(f), words::error(source.error()));
            }
            return out;
        },
        [this, session](Result<Read> r) {
            if (m_context->session() != session)
                return;
            if (!r) {
                m_state->setText(words::error(r.error()));
                return;
            }
            const auto read = r->sources.size();
            session->record(std::move(r->sources));
            showEvidence();
            QString text = tr("Read %n file(s).", nullptr, static_cast<int>(read));
            for (const auto& p : r->problems)
                text += QLatin1Char('\n') + tr("Not read: %1").arg(p);
            m_state->setText(text);
            m_context->notifyResultsChanged();
        });
}

void EvidencePage::readPasted()
{
    const auto session = m_context->session();
    const QString text = m_paste->toPlainText();
    if (!session || text.trimmed().isEmpty() || m_job->running())
        return;
    auto source = evidence::readEvidence(text.toStdString());
    if (!source) {
        m_state->setText(words::error(source.error()));
        return;
    }
    source->path.clear();  // pasted: no file
    std::vector<evidence::EvidenceSource> sources;
    sources.push_back(std::move(*source));
    session->record(std::move(sources));
    m_paste->clear();
    m_state->setText(tr("Read the pasted text."));
    showEvidence();
    m_context->notifyResultsChanged();
}

void EvidencePage::removeAll()
{
    if (const auto session = m_context->session()) {
        session->clearEvidence();
        m_state->setText(tr("No evidence: nothing from the servers counts in the verdict."));
        showEvidence();
        m_context->notifyResultsChanged();
    }
}

void EvidencePage::showEvidence()
{
    m_sources->clear();
    m_records->clear();
    m_findings->clear();
    const auto session = m_context->session();
    if (!session)
        return;
    const auto& snapshot = session->fixActive() ? session->after() : session->before();
    m_remove->setEnabled(!snapshot.evidence.empty() && !m_job->running());
    for (const auto& s : snapshot.evidence)
        new QTreeWidgetItem(
            m_sources, {s.path.empty() ? tr("(pasted text)") : words::outside(s.path),
                        QString::fromStdString(common::terms::sourceFormat(s.format)), QString::number(s.records()),
                        s.errors() ? QStringLiteral("%1 (%2)").arg(s.errors()).arg(words::outside(s.firstError()))
                                   : QStringLiteral("0")});
    const auto records = evidence::relevantRecords(snapshot.evidence, session->evidenceTarget());
    int shown = 0;
    for (const auto& r : records) {
        if (r.setting)
            continue;  // the settings speak through the findings
        if (++shown > kShownRecords)
            break;
        auto* item =
            new QTreeWidgetItem(m_records, {words::outside(r.event ? r.event->time : r.request->timestamp()),
                                            r.ours && r.match != evidence::CertificateMatch::None
                                                ? QString::fromStdString(common::terms::certificateMatch(r.match))
                                                : tr("no"),
                                            words::outside(evidence::recordSummary(r))});
        if (r.ours && r.match != evidence::CertificateMatch::None) {
            for (int c = 0; c < 3; ++c) {
                QFont f = item->font(c);
                f.setBold(true);
                item->setFont(c, f);
            }
            item->setIcon(0, words::severityIcon(diagnosis::Severity::Warning));
        }
    }
    if (shown > kShownRecords)
        new QTreeWidgetItem(m_records, {QString(), QString(), tr("More records: the report lists them all.")});
    for (const auto& f : diagnosis::evidenceFindings(snapshot.evidence, records, cert::currentTime()))
        words::addFinding(m_findings, f);
    if (!snapshot.evidence.empty() && m_findings->count() == 0)
        new QListWidgetItem(words::okIcon(), tr("Nothing in these files points to a certificate sign-in problem."),
                            m_findings);
}

}  // namespace eascert::ui
