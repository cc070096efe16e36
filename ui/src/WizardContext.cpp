#include "eascert/ui/WizardContext.h"
#include "eascert/support/Path.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace eascert::ui {

WizardContext::WizardContext(QObject* parent) : QObject(parent)
{
#ifdef _WIN32
    certificateStore = windowsCertificateStore();
#endif
}

// The endpoint stops before the directory it reads goes away (DemoLab's destructor), and the session
// before either.
WizardContext::~WizardContext()
{
    m_session.reset();
    m_lab.reset();
}

Result<WizardContext::Demo> WizardContext::startDemoLab()
{
    auto dir = std::make_shared<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/eascert-demo-XXXXXX"));
    if (!dir->isValid())
        return fail(ErrorCode::FileUnwritable, "cannot create a temporary folder for the demo lab");
    auto lab = lab::DemoLab::start(pathFromUtf8(dir->path().toStdString()));
    if (!lab)
        return std::unexpected(lab.error());
    // The lab owns its folder: whoever holds the lab last (a job, the context) removes the lab first,
    // then the folder its files are in.
    std::shared_ptr<lab::DemoLab> running(lab->release(), [dir](lab::DemoLab* l) { delete l; });
    return Demo{std::move(dir), std::move(running)};
}

void WizardContext::installDemo(Demo demo)
{
    m_demoDir = std::move(demo.folder);
    m_lab = std::move(demo.lab);
    url = QString::fromStdString(m_lab->url());
    endpointCaFile = QString::fromStdString(utf8Path(m_lab->files().caPem));
    proxy.clear();
}

void WizardContext::setCertificate(cert::LoadedCertificate certificate, const QString& path)
{
    m_session = std::make_shared<diagnosis::Session>(std::move(certificate));
    m_certificatePath = path;
    exportedReport.clear();
    emit sessionChanged();
}

probe::ProbeOptions WizardContext::probeOptions() const
{
    probe::ProbeOptions o;
    o.url = url.trimmed().toStdString();
    o.method = method;
    o.caFile = endpointCaFile.toStdString();
    o.proxy = proxy.toStdString();
    o.verifyServer = verifyServer;
    return o;
}

void WizardContext::setDirectory(std::shared_ptr<directory::Directory> directory)
{
    m_directory = std::move(directory);
}

std::shared_ptr<directory::Directory> WizardContext::directory() const
{
    return m_directory ? m_directory : labDirectory();
}

std::shared_ptr<directory::Directory> WizardContext::labDirectory() const
{
    if (!m_lab)
        return nullptr;
    return std::shared_ptr<directory::Directory>(m_lab, &m_lab->directory());  // shares the lab's ownership
}

std::filesystem::path WizardContext::workFolder() const
{
    if (m_lab)
        return pathFromUtf8(m_demoDir->path().toStdString());
    return documentsFolder();
}

std::filesystem::path WizardContext::documentsFolder()
{
    QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (documents.isEmpty())
        documents = QDir::homePath();
    const QString folder = documents + QStringLiteral("/EAS Cert Doctor");
    QDir().mkpath(folder);
    return pathFromUtf8(folder.toStdString());
}

void WizardContext::keepDemoFolderIfItHolds(const QString& path)
{
    if (!m_demoDir)
        return;
    const QString folder = QDir(m_demoDir->path()).canonicalPath();
    const QString file = QFileInfo(path).absoluteFilePath();
    if (!folder.isEmpty() &&
        QDir(folder).relativeFilePath(QFileInfo(file).canonicalFilePath()).left(2) != QStringLiteral(".."))
        m_demoDir->setAutoRemove(false);
}

}  // namespace eascert::ui
