#include "eascert/ui/pages/ReportPage.h"
#include "eascert/cert/Validity.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSysInfo>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

#include "ReportWording.h"
#include "Settings.h"
#include "Words.h"
#include "eascert/report/Report.h"
#include "eascert/support/File.h"
#include "eascert/support/Path.h"
#include "eascert/ui/WizardContext.h"

namespace eascert::ui {

namespace {

void addFindings(QTreeWidget* tree, const QString& heading, const std::vector<diagnosis::Finding>& findings)
{
    auto* group = new QTreeWidgetItem(tree, {heading});
    QFont bold = group->font(0);
    bold.setBold(true);
    group->setFont(0, bold);
    for (const auto& f : findings) {
        auto* item = new QTreeWidgetItem(group, {words::findingTitle(f)});
        item->setIcon(0, f.id == diagnosis::FindingId::Healthy ? words::okIcon() : words::severityIcon(f.severity));
        item->setData(0, Qt::UserRole, QString::fromStdString(std::string(diagnosis::findingId(f.id))));
        item->setData(0, words::kDetailsRole, words::findingDetails(f));
    }
    group->setExpanded(true);
}

}  // namespace

ReportPage::ReportPage(WizardContext* context, QWidget* parent) : StepPage(parent), m_context(context)
{
    setObjectName(QStringLiteral("reportPage"));
    setTitle(tr("Verdict and report"));
    setSubTitle(tr("Attach the report to the ticket: one HTML file that opens anywhere and prints well."));
    setFinalPage(true);
}

// The widgets are made when the page is first shown: a wizard that starts fast builds only its first page.
void ReportPage::build()
{
    m_built = true;
    m_verdict = new QLabel(this);
    m_verdict->setObjectName(QStringLiteral("verdictText"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextFormat(Qt::PlainText);
    m_findings = new QTreeWidget(this);
    m_findings->setObjectName(QStringLiteral("findingsList"));
    m_findings->setAccessibleName(tr("Findings"));
    m_findings->setHeaderHidden(true);
    m_findings->setWordWrap(true);
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("reportPath"));
    m_path->setAccessibleName(tr("Report file"));
    m_browse = new QPushButton(tr("Bro&wse..."), this);
    m_browse->setObjectName(QStringLiteral("browseReport"));
    m_redact = new QCheckBox(tr("&Redact user names and host names"), this);
    m_redact->setObjectName(QStringLiteral("redactReport"));
    m_json = new QCheckBox(tr("Also write &JSON next to it"), this);
    m_json->setObjectName(QStringLiteral("exportJson"));
    m_json->setChecked(true);
    m_export = new QPushButton(tr("&Export report"), this);
    m_export->setObjectName(QStringLiteral("exportReport"));
    m_open = new QPushButton(tr("&Open in browser"), this);
    m_open->setObjectName(QStringLiteral("openReport"));
    m_open->setEnabled(false);
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("exportState"));
    m_state->setWordWrap(true);
    m_state->setTextFormat(Qt::PlainText);

    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_browse);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_redact);
    buttons->addWidget(m_json);
    buttons->addStretch(1);
    buttons->addWidget(m_export);
    buttons->addWidget(m_open);
    auto* form = new QFormLayout;
    form->addRow(words::labelFor(tr("Sa&ve as:"), m_path), pathRow);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_verdict);
    layout->addWidget(words::withDetails(m_findings, tr("Cop&y details"), this), 1);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_state);

    connect(m_browse, &QPushButton::clicked, this, [this] {
        auto* dialog = new QFileDialog(this, tr("Save report"), m_path->text(), tr("HTML (*.html)"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        dialog->setDefaultSuffix(QStringLiteral("html"));
        connect(dialog, &QFileDialog::fileSelected, m_path, &QLineEdit::setText);
        dialog->open();
    });
    connect(m_export, &QPushButton::clicked, this, &ReportPage::exportReport);
    connect(m_open, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(m_path->text()).absoluteFilePath())); });
}

void ReportPage::initializePage()
{
    if (!m_built)
        build();
    m_findings->clear();
    auto session = m_context->session();
    if (!session)
        return;
    const common::ReportWording wording;
    const auto verdict = session->verdict(cert::currentTime());
    m_verdict->setText(QString::fromStdString(wording.verdict(verdict)));
    m_verdict->setProperty("verdict", QString::fromStdString(std::string(diagnosis::verdictId(verdict))));
    const bool good = verdict == diagnosis::Verdict::Healthy || verdict == diagnosis::Verdict::Fixed;
    m_verdict->setStyleSheet(good ? QStringLiteral("color: #1a7f37; font-weight: 600; font-size: 14px;")
                                  : QStringLiteral("color: #b42318; font-weight: 600; font-size: 14px;"));
    addFindings(m_findings, session->fixActive() ? tr("What was wrong") : tr("Findings"),
                session->findings(session->before(), cert::currentTime()));
    if (session->fixActive())
        addFindings(m_findings, tr("After the fix"), session->findings(session->after(), cert::currentTime()));
    if (m_path->text().isEmpty()) {
        const auto name = "eascert-report-" + cert::fileTimestamp(cert::currentTime()) + ".html";
        m_path->setText(QString::fromStdString(utf8Path(WizardContext::documentsFolder() / name)));
    }
}

bool ReportPage::exportReport()
{
    auto session = m_context->session();
    if (!session)
        return false;
    const QString path = m_path->text().trimmed();
    const common::ReportWording wording;
    report::Environment env;
    env.ranBy = (qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME")) + QLatin1Char('@') +
                 QSysInfo::machineHostName())
                    .toStdString();
    env.platform = ("eas-cert-doctor on " + QSysInfo::prettyProductName()).toStdString();
    report::Options options;
    options.redact = m_redact->isChecked();
    auto rendered = report::render(*session, wording, env, cert::currentTime(), options);
    Result<void> written =
        rendered ? writeFile(pathFromUtf8(path.toStdString()), rendered->html) : std::unexpected(rendered.error());
    if (written && m_json->isChecked()) {
        QString json = path;
        json = (json.endsWith(QStringLiteral(".html")) ? json.chopped(5) : json) + QStringLiteral(".json");
        written = writeFile(pathFromUtf8(json.toStdString()), rendered->json);
    }
    if (!written) {
        m_state->setText(words::error(written.error()));
        return false;
    }
    m_state->setText(tr("Report written: %1").arg(QFileInfo(path).absoluteFilePath()));
    m_context->exportedReport = QFileInfo(path).absoluteFilePath();
    m_context->keepDemoFolderIfItHolds(path);
    m_open->setEnabled(true);
    m_context->notifyResultsChanged();
    if (!m_context->isDemo() && !m_context->certificatePath().isEmpty())  // store certificates have no path
    {
        const auto* dir = session->latestDirectory();
        common::Settings::addRecentSession(
            {m_context->certificatePath(), m_context->url, QDateTime::currentDateTimeUtc().toString(Qt::ISODate),
             dir ? QString::fromStdString(dir->inspection.account.samAccountName) : QString(),
             QString::fromStdString(wording.verdict(session->verdict(cert::currentTime())))});
    }
    return true;
}

void ReportPage::runAction()
{
    exportReport();
}

}  // namespace eascert::ui
