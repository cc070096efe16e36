#include "SystemProxy.h"

#include <QNetworkProxyFactory>
#include <QNetworkProxyQuery>
#include <QUrl>

namespace eascert::common {

std::string systemProxyFor(const std::string& url)
{
    const QUrl parsed(QString::fromStdString(url));
    const QString host = parsed.host();
    if (host == QLatin1String("localhost") || host == QLatin1String("127.0.0.1") || host == QLatin1String("::1"))
        return {};  // browsers' default bypass list

    const QNetworkProxyQuery query(parsed);
    for (const QNetworkProxy& proxy : QNetworkProxyFactory::systemProxyForQuery(query)) {
        if (proxy.type() == QNetworkProxy::HttpProxy && !proxy.hostName().isEmpty())
            return "http://" + proxy.hostName().toStdString() + ":" + std::to_string(proxy.port());
        if (proxy.type() == QNetworkProxy::NoProxy)
            return {};
    }
    return {};
}

}  // namespace eascert::common
