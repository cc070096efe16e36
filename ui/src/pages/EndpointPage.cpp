#include "eascert/ui/pages/EndpointPage.h"
#include "eascert/cert/Validity.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "Settings.h"
#include "SystemProxy.h"
#include "Terms.h"
#include "Words.h"
#include "eascert/mapping/WindowsName.h"
#include "eascert/ui/AsyncJob.h"
#include "eascert/ui/PageId.h"
#include "eascert/ui/WizardContext.h"

namespace eascert::ui {

namespace {

enum ProxyMode
{
    SystemProxy,
    NoProxy,
    ManualProxy
};

// "https://mail.<domain>/Microsoft-Server-ActiveSync" from the certificate's UPN or e-mail domain.
QString guessUrl(const cert::CertificateInfo& c)
{
    const std::string domain = c.accountDomain();
    const QString host =
        domain.empty() ? QStringLiteral("mail.contoso.com") : QStringLiteral("mail.") + QString::fromStdString(domain);
    return QStringLiteral("https://%1/Microsoft-Server-ActiveSync").arg(host);
}

}  // namespace

EndpointPage::EndpointPage(WizardContext* context, QWidget* parent)
    : StepPage(parent), m_context(context), m_job(new AsyncJob(this))
{
    setObjectName(QStringLiteral("endpointPage"));
    setTitle(tr("Test the endpoint"));
    setSubTitle(tr("The tool connects like a phone: TLS, the request, and the certificate when IIS asks for it "
                   "(usually by renegotiation after the request). Nothing is changed on the server."));
}

// The widgets are made when the page is first shown: a wizard that starts fast builds only its first page.
void EndpointPage::build()
{
    m_built = true;
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("endpointUrl"));
    m_url->setAccessibleName(tr("Endpoint URL"));
    m_method = new QComboBox(this);
    m_method->setObjectName(QStringLiteral("endpointMethod"));
    m_method->addItem(tr("OPTIONS (what a phone sends first)"), QStringLiteral("OPTIONS"));
    m_method->addItem(tr("GET (what a browser sends)"), QStringLiteral("GET"));
    m_proxyMode = new QComboBox(this);
    m_proxyMode->setObjectName(QStringLiteral("proxyMode"));
    m_proxyMode->addItem(tr("System proxy"), SystemProxy);
    m_proxyMode->addItem(tr("No proxy"), NoProxy);
    m_proxyMode->addItem(tr("This proxy:"), ManualProxy);
    m_proxy = new QLineEdit(this);
    m_proxy->setObjectName(QStringLiteral("proxyUrl"));
    m_proxy->setPlaceholderText(QStringLiteral("http://proxy.contoso.com:3128"));
    m_proxy->setEnabled(false);
    m_caFile = new QLineEdit(this);
    m_caFile->setObjectName(QStringLiteral("endpointCaFile"));
    m_caFile->setPlaceholderText(tr("optional: the CA of the server's certificate, if it is private (PEM)"));
    m_insecure = new QCheckBox(tr("Do not treat an untrusted server certificate as a problem"), this);
    m_insecure->setObjectName(QStringLiteral("endpointInsecure"));
    m_run = new QPushButton(tr("&Test endpoint"), this);
    m_run->setObjectName(QStringLiteral("runProbe"));
    m_cancel = new QPushButton(tr("Canc&el test"), this);
    m_cancel->setObjectName(QStringLiteral("cancelProbe"));
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("probeProgress"));
    m_progress->setRange(0, 0);
    m_progress->setVisible(false);
    m_verdict = new QLabel(this);
    m_verdict->setObjectName(QStringLiteral("probeVerdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextFormat(Qt::PlainText);
    m_http = new QLabel(this);
    m_http->setObjectName(QStringLiteral("probeHttp"));
    m_http->setWordWrap(true);
    m_http->setTextFormat(Qt::PlainText);
    m_http->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_caList = new QListWidget(this);
    m_caList->setObjectName(QStringLiteral("caList"));
    m_caList->setAccessibleName(tr("Certificate authorities the server accepts"));
    m_findings = new QListWidget(this);
    m_findings->setObjectName(QStringLiteral("endpointFindings"));
    m_findings->setWordWrap(true);

    auto* proxyRow = new QHBoxLayout;
    proxyRow->addWidget(m_proxyMode);
    proxyRow->addWidget(m_proxy, 1);
    auto* form = new QFormLayout;
    form->addRow(tr("&URL:"), m_url);
    form->addRow(tr("&Method:"), m_method);
    form->addRow(words::labelFor(tr("&Proxy:"), m_proxyMode), proxyRow);
    auto* caBrowse = words::browseButton(m_caFile, tr("Bro&wse..."), tr("CA certificate of the server"),
                                         tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
    form->addRow(words::labelFor(tr("Server &CA file:"), m_caFile), words::fieldWithButton(m_caFile, caBrowse));
    form->addRow(QString(), m_insecure);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_run);
    runRow->addWidget(m_cancel);
    runRow->addWidget(m_progress, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(runRow);
    layout->addWidget(m_verdict);
    layout->addWidget(m_http);
    auto* caLabel = new QLabel(tr("CAs the server accepts (its list in the certificate request):"), this);
    caLabel->setBuddy(m_caList);
    layout->addWidget(caLabel);
    // A server sends one to a few dozen CAs: a few rows, scrolled, and the room goes to the findings.
    m_caList->setMaximumHeight(m_caList->fontMetrics().height() * 8);
    layout->addWidget(m_caList);
    layout->addWidget(words::withDetails(m_findings, tr("Cop&y details"), this), 1);

    connect(m_proxyMode, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setEnabled(m_proxyMode->currentData().toInt() == ManualProxy); });
    connect(m_run, &QPushButton::clicked, this, &EndpointPage::runProbe);
    connect(m_cancel, &QPushButton::clicked, this, &EndpointPage::cancelProbe);
    connect(m_job, &AsyncJob::runningChanged, this, [this](bool running) {
        m_run->setEnabled(!running);
        m_cancel->setEnabled(running);
        m_progress->setVisible(running);
        m_url->setEnabled(!running);
        emit completeChanged();
    });
}

void EndpointPage::initializePage()
{
    if (!m_built)
        build();
    if (m_url->text().isEmpty()) {
        QString url = m_context->url;
        if (url.isEmpty())
            url = common::Settings::lastUrl();
        if (url.isEmpty() && m_context->session())
            url = guessUrl(m_context->session()->certificateInfo());
        m_url->setText(url);
    }
    if (m_caFile->text().isEmpty())
        m_caFile->setText(m_context->endpointCaFile);
    if (m_caFile->text().isEmpty() && !m_context->isDemo())
        m_caFile->setText(common::Settings::lastServerCaFile());
    if (m_context->isDemo() && m_context->session() && !m_context->session()->before().probe)
        runProbe();  // the demo shows the seed's 401.2 straight away
    else
        showResult();
}

void EndpointPage::cleanupPage()
{
    m_job->cancel();
}

bool EndpointPage::isComplete() const
{
    return !m_job->running();  // testing is optional: the report says when it was not done
}

int EndpointPage::nextId() const
{
    return PageId::Directory;
}

bool EndpointPage::validatePage()
{
    // Next without a test: the endpoint typed here is still the one "Test again" tests after a fix.
    if (!m_url->text().trimmed().isEmpty())
        takeSettings();
    return true;
}

void EndpointPage::runProbe()
{
    auto session = m_context->session();
    if (m_job->running() || !session)
        return;
    takeSettings();
    m_verdict->setText(tr("Testing %1 ...").arg(m_context->url));
    m_verdict->setStyleSheet(QString());
    m_http->clear();  // nothing from the last test stays on screen while this one runs
    m_caList->clear();
    m_findings->clear();
    const auto options = m_context->probeOptions();
    m_job->run<diagnosis::ProbeRun>(
        [session, options](std::stop_token stop) { return session->runProbe(options, stop); },
        [this, session](Result<diagnosis::ProbeRun> r) {
            if (m_context->session() != session)
                return;  // another certificate was opened meanwhile
            if (!r) {
                m_verdict->setText(r.error().code == ErrorCode::Cancelled
                                       ? words::error(r.error())
                                       : tr("Not tested: %1").arg(words::error(r.error())));
                m_verdict->setStyleSheet(QStringLiteral("color: #b42318;"));
                return;
            }
            session->record(std::move(*r));
            showResult();
            m_context->notifyResultsChanged();
        });
}

void EndpointPage::takeSettings()
{
    m_url->setText(QString::fromStdString(probe::completeUrl(m_url->text().toStdString())));
    m_context->url = m_url->text();
    m_context->method =
        m_method->currentData().toString() == QStringLiteral("GET") ? probe::Method::Get : probe::Method::Options;
    m_context->endpointCaFile = m_caFile->text().trimmed();
    m_context->verifyServer = !m_insecure->isChecked();
    switch (m_proxyMode->currentData().toInt()) {
    case SystemProxy:
        m_context->proxy = QString::fromStdString(common::systemProxyFor(m_context->url.toStdString()));
        break;
    case NoProxy: m_context->proxy.clear(); break;
    default: m_context->proxy = m_proxy->text().trimmed(); break;
    }
    if (!m_context->isDemo()) {
        common::Settings::setLastUrl(m_context->url);
        common::Settings::setLastServerCaFile(m_context->endpointCaFile);
    }
}

void EndpointPage::cancelProbe()
{
    m_job->cancel();
}

void EndpointPage::showResult()
{
    m_caList->clear();
    m_findings->clear();
    auto session = m_context->session();
    if (!session)
        return;
    const auto& snapshot = session->fixActive() ? session->after() : session->before();
    if (!snapshot.probe) {
        m_verdict->setText(tr("Not tested yet."));
        return;
    }
    const auto& run = *snapshot.probe;
    const auto& r = run.result;
    const bool ok = run.verdict.outcome == probe::Outcome::Authenticated;
    m_verdict->setText(words::outcome(run.verdict.outcome));
    m_verdict->setStyleSheet(ok ? QStringLiteral("color: #1a7f37; font-weight: 600;")
                                : QStringLiteral("color: #b42318; font-weight: 600;"));
    QString http;
    if (r.http) {
        http = QStringLiteral("HTTP %1%2 %3")
                   .arg(r.http->status)
                   .arg(r.http->substatus ? QStringLiteral(".%1").arg(*r.http->substatus) : QString())
                   .arg(QString::fromStdString(r.http->reason));
        for (const auto& w : r.http->wwwAuthenticate)
            http += QStringLiteral("\n") + tr("Password method offered: %1").arg(QString::fromStdString(w));
    } else if (r.failure) {
        const bool tlsHang = r.failure->code == ErrorCode::NetworkTimeout && r.stage == probe::Stage::Handshake;
        http = tr("Stopped at: %1. %2")
                   .arg(QString::fromStdString(common::terms::stage(r.stage)),
                        tlsHang ? tr("The server took the connection but did not finish the TLS handshake in time: "
                                     "a TLS inspection device or a server that waits for something else, not DNS "
                                     "or a firewall.")
                                : words::error(*r.failure));
    }
    if (r.tls.established)
        http += QStringLiteral("\n%1, %2")
                    .arg(QString::fromStdString(r.tls.protocol), QString::fromStdString(r.tls.cipher));
    http += QStringLiteral("\n") + tr("%1 ms in all").arg(r.timings.total.count());
    m_http->setText(http);

    const auto issuer = QString::fromStdString(mapping::displayName(session->certificateInfo().issuer));
    for (const auto& name : r.tls.caList) {
        auto* item = new QListWidgetItem(QString::fromStdString(name), m_caList);
        if (QString::fromStdString(name) == issuer) {
            QFont f = item->font();
            f.setBold(true);
            item->setFont(f);
            item->setIcon(words::okIcon());
            item->setText(item->text() + QStringLiteral("   ← ") + tr("our issuer"));
        }
    }
    if (r.tls.issuerInCaList == false) {
        auto* item = new QListWidgetItem(words::severityIcon(diagnosis::Severity::Critical),
                                         tr("Our issuer is NOT in this list: %1").arg(issuer), m_caList);
        item->setData(Qt::UserRole, QStringLiteral("issuer-missing"));
    } else if (r.tls.caList.empty() && !r.tls.established) {
        new QListWidgetItem(tr("No TLS connection (stopped at: %1): whether the server asks for a certificate "
                               "is not known.")
                                .arg(QString::fromStdString(common::terms::stage(r.stage))),
                            m_caList);
    } else if (r.tls.caList.empty()) {
        new QListWidgetItem(r.tls.requested == probe::CertificateRequest::Never
                                ? tr("The server did not ask for a certificate.")
                                : tr("The server sent no list (the client may pick any certificate)."),
                            m_caList);
    }
    diagnosis::Evidence e;
    e.certificate = session->certificateInfo();
    e.probe = run.result;
    e.probeVerdict = run.verdict;
    const auto now = cert::currentTime();
    for (const auto& f : diagnosis::evaluate(e, now)) {
        words::addFinding(m_findings, f);
    }
}

void EndpointPage::runAction()
{
    runProbe();
}

}  // namespace eascert::ui
