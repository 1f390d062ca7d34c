// Precompiled once for the product (cmake/KpDeskCommon.cmake, KPDESK_PCH):
// the standard and Qt Core headers most of core includes, which were three
// quarters of a file's compile. Every file still includes what it uses.
#include <algorithm>
#include <functional>
#include <memory>
#include <optional>

#include <QByteArray>
#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QVariant>
