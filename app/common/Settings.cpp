#include "Settings.h"

#include <algorithm>

#include <QSettings>

namespace eascert::common {

namespace {

QString value(const char* key)
{
    return QSettings().value(QLatin1String(key)).toString();
}

void store(const char* key, const QString& v)
{
    QSettings().setValue(QLatin1String(key), v);
}

} // namespace

QString Settings::lastUrl() { return value("endpoint/lastUrl"); }
void Settings::setLastUrl(const QString& url) { store("endpoint/lastUrl", url); }
QString Settings::lastDomainController() { return value("directory/lastDomainController"); }
void Settings::setLastDomainController(const QString& uri) { store("directory/lastDomainController", uri); }
QString Settings::lastBindMethod() { return value("directory/lastBindMethod"); }
void Settings::setLastBindMethod(const QString& method) { store("directory/lastBindMethod", method); }
QString Settings::lastBindDn() { return value("directory/lastBindDn"); }
void Settings::setLastBindDn(const QString& dn) { store("directory/lastBindDn", dn); }

QList<RecentSession> Settings::recentSessions()
{
    QSettings s;
    QList<RecentSession> out;
    const int n = s.beginReadArray(QStringLiteral("recent"));
    for (int i = 0; i < n && i < kMaxRecent; ++i) {
        s.setArrayIndex(i);
        out.push_back({s.value(QStringLiteral("certificate")).toString(), s.value(QStringLiteral("url")).toString()});
    }
    s.endArray();
    return out;
}

void Settings::addRecentSession(const RecentSession& session)
{
    auto list = recentSessions();
    list.erase(std::remove_if(list.begin(), list.end(),
                              [&](const RecentSession& r) {
                                  return r.certificate == session.certificate && r.url == session.url;
                              }),
               list.end());
    list.prepend(session);
    while (list.size() > kMaxRecent)
        list.removeLast();
    QSettings s;
    s.beginWriteArray(QStringLiteral("recent"), static_cast<int>(list.size()));
    for (int i = 0; i < list.size(); ++i) {
        s.setArrayIndex(i);
        s.setValue(QStringLiteral("certificate"), list[i].certificate);
        s.setValue(QStringLiteral("url"), list[i].url);
    }
    s.endArray();
}

} // namespace eascert::common
