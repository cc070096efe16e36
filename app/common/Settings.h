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
};

class Settings
{
public:
    static QString lastUrl();
    static void setLastUrl(const QString& url);
    static QString lastDomainController();
    static void setLastDomainController(const QString& uri);
    static QString lastBindMethod();  // "kerberos" or "simple"
    static void setLastBindMethod(const QString& method);
    static QString lastBindDn();
    static void setLastBindDn(const QString& dn);

    static QList<RecentSession> recentSessions();  // newest first, at most kMaxRecent
    static void addRecentSession(const RecentSession& session);
    static constexpr int kMaxRecent = 5;
};

} // namespace eascert::common
