#include "CliFiles.h"

#include "CliSupport.h"

#include <QFile>
#include <QSaveFile>

namespace kp::cli {

Result<QByteArray> readInputFile(const QString& path, qint64 maxBytes)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("cli.read"), Tr::tr("cannot read %1: %2").arg(path, f.errorString()));
    if (f.size() > maxBytes)
        return makeError(QStringLiteral("cli.read"), Tr::tr("%1 is too large.").arg(path));
    // A device or pipe has no size: the limit holds on what is read.
    QByteArray data = f.read(maxBytes + 1);
    if (data.size() > maxBytes)
        return makeError(QStringLiteral("cli.read"), Tr::tr("%1 is too large.").arg(path));
    if (f.error() != QFileDevice::NoError)
        return makeError(QStringLiteral("cli.read"), Tr::tr("cannot read %1: %2").arg(path, f.errorString()));
    return data;
}

Status writeOutputFile(const QString& path, const QByteArray& data)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit())
        return makeError(QStringLiteral("cli.write"),
                         Tr::tr("cannot write %1: %2").arg(path, f.errorString()));
    return success();
}

} // namespace kp::cli
