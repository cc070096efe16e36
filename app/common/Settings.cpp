#include "Settings.h"

#include <algorithm>

#include <QSettings>

namespace eascert::common {

namespace {

// One settings store named after the product, not "organization/application": the file is
// ~/.config/EAS Cert Doctor.conf (Windows: HKCU\Software\EAS Cert Doctor), never nested twice.
QSettings settings()
{
    return QSettings(QSettings::NativeFormat, QSettings::UserScope, QStringLiteral("EAS Cert Doctor"));
}

QString value(const char* key)
{
    return settings().value(QLatin1String(key)).toString();
}

void store(const char* key, const QString& v)
{
    settings().setValue(QLatin1String(key), v);
}

}  // namespace

QString Settings::location()
{
    return settings().fileName();
}

QString Settings::lastUrl()
{
    return value("endpoint/lastUrl");
}
void Settings::setLastUrl(const QString& url)
{
    store("endpoint/lastUrl", url);
}
QString Settings::lastDomainController()
{
    return value("directory/lastDomainController");
}
void Settings::setLastDomainController(const QString& uri)
{
    store("directory/lastDomainController", uri);
}
QString Settings::lastBindMethod()
{
    return value("directory/lastBindMethod");
}
void Settings::setLastBindMethod(const QString& method)
{
    store("directory/lastBindMethod", method);
}
QString Settings::lastBindDn()
{
    return value("directory/lastBindDn");
}
void Settings::setLastBindDn(const QString& dn)
{
    store("directory/lastBindDn", dn);
}
QString Settings::lastDirectorySource()
{
    return value("directory/lastSource");
}
void Settings::setLastDirectorySource(const QString& source)
{
    store("directory/lastSource", source);
}
QString Settings::lastLdifFile()
{
    return value("directory/lastLdifFile");
}
void Settings::setLastLdifFile(const QString& path)
{
    store("directory/lastLdifFile", path);
}
QString Settings::lastDcCaFile()
{
    return value("directory/lastCaFile");
}
void Settings::setLastDcCaFile(const QString& path)
{
    store("directory/lastCaFile", path);
}
QString Settings::lastServerCaFile()
{
    return value("endpoint/lastCaFile");
}
void Settings::setLastServerCaFile(const QString& path)
{
    store("endpoint/lastCaFile", path);
}

QList<RecentSession> Settings::recentSessions()
{
    QSettings s = settings();
    QList<RecentSession> out;
    const int n = s.beginReadArray(QStringLiteral("recent"));
    for (int i = 0; i < n && i < kMaxRecent; ++i) {
        s.setArrayIndex(i);
        out.push_back({s.value(QStringLiteral("certificate")).toString(), s.value(QStringLiteral("url")).toString(),
                       s.value(QStringLiteral("when")).toString(), s.value(QStringLiteral("account")).toString(),
                       s.value(QStringLiteral("verdict")).toString()});
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
    QSettings s = settings();
    s.beginWriteArray(QStringLiteral("recent"), static_cast<int>(list.size()));
    for (int i = 0; i < list.size(); ++i) {
        s.setArrayIndex(i);
        s.setValue(QStringLiteral("certificate"), list[i].certificate);
        s.setValue(QStringLiteral("url"), list[i].url);
        s.setValue(QStringLiteral("when"), list[i].when);
        s.setValue(QStringLiteral("account"), list[i].account);
        s.setValue(QStringLiteral("verdict"), list[i].verdict);
    }
    s.endArray();
}

}  // namespace eascert::common
