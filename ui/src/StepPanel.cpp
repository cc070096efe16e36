#include "StepPanel.h"

#include <QCoreApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>
#include <QWizard>

#include "ReportWording.h"
#include "Words.h"
#include "eascert/cert/Validity.h"
#include "eascert/ui/PageId.h"
#include "eascert/ui/WizardContext.h"

namespace eascert::ui {

namespace {

enum class State
{
    Current,
    Done,
    Pending,
    Problem,
    Skipped,
    NotYet
};

struct Step
{
    int page;
    const char* name;
};

constexpr Step kSteps[] = {
    {PageId::Certificate, QT_TRANSLATE_NOOP("StepPanel", "Certificate")},
    {PageId::Endpoint, QT_TRANSLATE_NOOP("StepPanel", "Endpoint")},
    {PageId::Directory, QT_TRANSLATE_NOOP("StepPanel", "Directory")},
    {PageId::Evidence, QT_TRANSLATE_NOOP("StepPanel", "Server evidence")},
    {PageId::Fix, QT_TRANSLATE_NOOP("StepPanel", "Fix")},
    {PageId::Report, QT_TRANSLATE_NOOP("StepPanel", "Report")},
};

QString tr(const char* text)
{
    return QCoreApplication::translate("StepPanel", text);
}

// How a step went, from what the session holds; "passed" says the admin went beyond it.
State resultOf(int page, const WizardContext& context, bool passed)
{
    const auto session = context.session();
    if (!session)
        return State::NotYet;
    const bool fixed = session->fixActive();
    const auto* probe = session->latestProbe();
    const auto* dir = session->latestDirectory();
    switch (page) {
    case PageId::Certificate: {
        const auto& c = session->certificateInfo();
        const bool usable =
            c.allowsClientAuth() && cert::validityAt(c, cert::currentTime()).state == cert::ValidityState::Valid;
        return usable ? State::Done : State::Problem;
    }
    case PageId::Endpoint:
        if (probe)
            return probe->verdict.outcome == probe::Outcome::Authenticated ? State::Done : State::Problem;
        return passed ? State::Skipped : State::NotYet;
    case PageId::Directory:
        if (dir)
            return dir->inspection.ok() ? State::Done : State::Problem;
        return passed ? State::Skipped : State::NotYet;
    case PageId::Evidence: {
        const auto& evidence = fixed ? session->after().evidence : session->before().evidence;
        if (!evidence.empty()) {
            const auto findings = diagnosis::evidenceFindings(evidence, session->evidenceTarget(), cert::currentTime());
            return std::any_of(findings.begin(), findings.end(), diagnosis::isProblem) ? State::Problem : State::Done;
        }
        return passed ? State::Skipped : State::NotYet;
    }
    case PageId::Fix:
        if (fixed)
            return session->fix()->outcome.offline ? State::Pending : State::Done;
        if (dir && dir->inspection.ok())
            return State::Done;  // nothing to fix
        return passed ? State::Skipped : State::NotYet;
    case PageId::Report: return context.exportedReport.isEmpty() ? State::NotYet : State::Done;
    default: return State::NotYet;
    }
}

QString stateText(State s)
{
    switch (s) {
    case State::Current: return tr("you are here");
    case State::Done: return tr("done");
    case State::Pending: return tr("change file written, not imported yet");
    case State::Problem: return tr("problem found");
    case State::Skipped: return tr("skipped");
    case State::NotYet: return tr("not yet");
    }
    return {};
}

QIcon stateIcon(State s)
{
    switch (s) {
    case State::Done: return words::okIcon();
    case State::Problem: return words::severityIcon(diagnosis::Severity::Critical);
    case State::Pending: return words::severityIcon(diagnosis::Severity::Warning);
    case State::Skipped: return words::severityIcon(diagnosis::Severity::Info);
    case State::Current:
    case State::NotYet: return {};
    }
    return {};
}

}  // namespace

StepPanel::StepPanel(QWizard* wizard, WizardContext* context) : QWidget(wizard), m_wizard(wizard), m_context(context)
{
    setObjectName(QStringLiteral("stepPanel"));
    m_banner = new QLabel(tr("Demo lab: a CA, a directory and an IIS-like endpoint on this computer. Nothing "
                             "here touches a real domain."),
                          this);
    m_banner->setObjectName(QStringLiteral("demoBanner"));
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral("background: #fff4ce; color: #5c4400; padding: 6px; font-weight: 600;"));
    m_steps = new QListWidget(this);
    m_steps->setObjectName(QStringLiteral("stepList"));
    m_steps->setAccessibleName(tr("Steps"));
    m_steps->setFocusPolicy(Qt::TabFocus);
    m_steps->setMinimumWidth(170);
    m_steps->setWordWrap(true);
    m_steps->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_steps->setSpacing(2);
    m_verdict = new QLabel(this);
    m_verdict->setObjectName(QStringLiteral("sideVerdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextFormat(Qt::PlainText);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 6, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_steps, 1);
    layout->addWidget(m_verdict);
    // Going back rebuilds this list: the move is queued, never made while the list is in its own signal.
    connect(m_steps, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        const int page = item->data(Qt::UserRole).toInt();
        QMetaObject::invokeMethod(
            this, [this, page] { goTo(page); }, Qt::QueuedConnection);
    });
    m_steps->installEventFilter(this);
    refresh();
}

void StepPanel::refresh()
{
    const int current = m_wizard->currentId();
    const auto visited = m_wizard->visitedIds();
    m_banner->setVisible(m_context->isDemo());
    m_steps->clear();
    for (const auto& step : kSteps) {
        const bool passed = visited.contains(step.page) && step.page != current;
        const State result = resultOf(step.page, *m_context, passed);
        // The step's name, and under it how it went; the current step also says so in words (the bold
        // face alone would not reach a screen reader).
        QString state = stateText(result);
        if (step.page == current)
            state = result == State::NotYet ? stateText(State::Current)
                                            : state + QStringLiteral(" · ") + stateText(State::Current);
        const QString text = tr(step.name) + QStringLiteral("\n") + state;
        auto* item = new QListWidgetItem(stateIcon(result), text, m_steps);
        item->setData(Qt::UserRole, step.page);
        item->setData(Qt::UserRole + 1, static_cast<int>(result));
        if (step.page == current) {
            QFont bold = item->font();
            bold.setBold(true);
            item->setFont(bold);
        }
        // Only steps already passed can be gone back to; the rest are shown, not offered.
        if (!visited.contains(step.page) || step.page == current)
            item->setFlags(item->flags() & ~Qt::ItemIsSelectable);
    }
    const auto session = m_context->session();
    if (session && (session->before().probe || session->before().directory)) {
        const auto verdict = session->verdict(cert::currentTime());
        m_verdict->setText(QString::fromStdString(common::ReportWording().verdict(verdict)));
        const bool good = verdict == diagnosis::Verdict::Healthy || verdict == diagnosis::Verdict::Fixed;
        m_verdict->setStyleSheet(good ? QStringLiteral("color: #1a7f37; font-weight: 600;")
                                      : QStringLiteral("color: #b42318; font-weight: 600;"));
        m_verdict->show();
    } else {
        m_verdict->hide();
    }
}

bool StepPanel::eventFilter(QObject* watched, QEvent* event)
{
    // Enter on a step goes there, and is taken here: left to the window, it would press Next.
    if (watched == m_steps && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && m_steps->currentItem()) {
            const int page = m_steps->currentItem()->data(Qt::UserRole).toInt();
            QMetaObject::invokeMethod(
                this, [this, page] { goTo(page); }, Qt::QueuedConnection);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void StepPanel::goTo(int pageId)
{
    const auto visited = m_wizard->visitedIds();
    if (!visited.contains(pageId) || pageId == m_wizard->currentId())
        return;
    while (m_wizard->currentId() != pageId && m_wizard->visitedIds().size() > 1)
        m_wizard->back();
}

}  // namespace eascert::ui
