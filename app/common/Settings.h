#pragma once

#include <QString>
#include <QStringList>

namespace eascert::common {

// What the front ends remember between runs (QSettings): the last URL, domain controller and bind
// method, and recent sessions. Never a password: there is no setter that could take one.
struct RecentSession
{
    QString certificate;  // file path
    QString url;
    QString when;     // ISO 8601, UTC
    QString account;  // sAMAccountName, when the directory was inspected
    QString verdict;  // the verdict's words
};

class Settings
{
public:
    // Where the settings are kept (a file, or a registry key on Windows): for the README and tests.
    static QString location();
    static QString lastUrl();
    static void setLastUrl(const QString& url);
    static QString lastDomainController();
    static void setLastDomainController(const QString& uri);
    static QString lastBindMethod();  // "kerberos" or "simple"
    static void setLastBindMethod(const QString& method);
    static QString lastBindDn();
    static void setLastBindDn(const QString& dn);
    static QString lastDirectorySource();  // "ldap" or "ldif"
    static void setLastDirectorySource(const QString& source);
    static QString lastLdifFile();
    static void setLastLdifFile(const QString& path);
    static QString lastDcCaFile();
    static void setLastDcCaFile(const QString& path);
    static QString lastServerCaFile();
    static void setLastServerCaFile(const QString& path);

    static QList<RecentSession> recentSessions();  // newest first, at most kMaxRecent
    static void addRecentSession(const RecentSession& session);
    static constexpr int kMaxRecent = 5;
};

}  // namespace eascert::common
