#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <QObject>
#include <QString>
#include <QTemporaryDir>

#include "eascert/diagnosis/Session.h"
#include "eascert/directory/Directory.h"
#include "eascert/lab/DemoLab.h"
#include "eascert/ui/CertificateStore.h"

namespace eascert::ui {

// What the pages share: the diagnosis session (the same core object `eascert diagnose` uses), the
// directory, the endpoint settings, and the demo lab when the admin chose it. Owned by the wizard.
class WizardContext : public QObject
{
    Q_OBJECT

public:
    explicit WizardContext(QObject* parent = nullptr);
    ~WizardContext() override;

    // The demo lab in a temporary folder (removed at exit), in two halves like every job: start it
    // (blocking, on a worker thread: touches nothing of the context), then install it (UI thread).
    struct Demo
    {
        std::shared_ptr<QTemporaryDir> folder;
        std::shared_ptr<lab::DemoLab> lab;
    };
    static Result<Demo> startDemoLab();
    void installDemo(Demo demo);
    bool isDemo() const { return m_lab != nullptr; }
    lab::DemoLab* demoLab() const { return m_lab.get(); }

    // A newly loaded certificate starts a new session. Jobs hold their own owner of the session they
    // work for: replacing it never deletes what a job still uses.
    void setCertificate(cert::LoadedCertificate certificate, const QString& path);
    std::shared_ptr<diagnosis::Session> session() const { return m_session; }
    QString certificatePath() const { return m_certificatePath; }

    // The Windows certificate stores (Windows builds have them; tests may set a stand-in before the
    // certificate page is shown). Null: certificates come from files only.
    std::shared_ptr<CertificateStore> certificateStore;
    // A certificate file to open next (from a recent session), before any is loaded.
    QString suggestedCertificate;

    // The endpoint test's settings.
    QString url;
    probe::Method method = probe::Method::Options;
    QString endpointCaFile;
    QString proxy;  // resolved: empty means direct
    bool verifyServer = true;
    probe::ProbeOptions probeOptions() const;

    // The directory: one the admin connected, or the demo lab's.
    void setDirectory(std::shared_ptr<directory::Directory> directory);
    // Shared with the jobs that use it (the demo lab's directory shares the lab's ownership).
    std::shared_ptr<directory::Directory> directory() const;
    std::shared_ptr<directory::Directory> labDirectory() const;  // null without the demo lab
    std::optional<std::string> user;

    // The domain path (Welcome → Check the whole domain): chosen, the directory its audit connected,
    // and the subtree it is about (empty: the whole domain).
    bool domainPath = false;
    std::shared_ptr<directory::Directory> domainDirectory;
    std::string domainBase;

    // Where backups go: the demo folder (removed with the demo), else the documents folder.
    std::filesystem::path workFolder() const;
    // Where reports go by default, also in the demo: Documents/EAS Cert Doctor (made when needed).
    static std::filesystem::path documentsFolder();

    // The report last exported for this session (empty: none yet); a new session clears it.
    QString exportedReport;
    // A report was exported into the demo folder: the folder stays when the wizard closes.
    void keepDemoFolderIfItHolds(const QString& path);

    // A page recorded a result in the session (a test, an inspection, a fix, an undo, an export):
    // what shows where the admin is (the step panel, the title) reads the session again.
    void notifyResultsChanged() { emit resultsChanged(); }

signals:
    void sessionChanged();
    void resultsChanged();

private:
    std::shared_ptr<QTemporaryDir> m_demoDir;
    std::shared_ptr<lab::DemoLab> m_lab;
    std::shared_ptr<diagnosis::Session> m_session;
    std::shared_ptr<directory::Directory> m_directory;
    QString m_certificatePath;
};

}  // namespace eascert::ui
