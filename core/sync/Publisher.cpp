#include "sync/Publisher.h"

#include "sync/BundleApplier.h"
#include "sync/SyncSource.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::Publisher)
};

Error publishError(const QString& message)
{
    return makeError(QStringLiteral("publish.failed"), message);
}

Status copyWhole(const QString& from, const QString& to)
{
    QFile in(from);
    QSaveFile out(to);
    if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly))
        return publishError(Tr::tr("Cannot copy %1 to %2.").arg(from, to));
    while (!in.atEnd()) {
        const QByteArray chunk = in.read(1 << 20);
        if (chunk.isEmpty() || out.write(chunk) != chunk.size())
            return publishError(Tr::tr("Cannot copy %1 to %2: %3").arg(from, to, out.errorString()));
    }
    if (!out.commit())
        return publishError(Tr::tr("Cannot write %1: %2").arg(to, out.errorString()));
    return success();
}

Result<IndexEntry> entryFor(const QString& folder, const QString& name, const QList<QByteArray>& keys)
{
    const QString path = folder + QLatin1Char('/') + name;
    auto manifest = readBundleManifest(path, keys);
    if (!manifest)
        return publishError(Tr::tr("%1: %2").arg(name, manifest.error().message));
    IndexEntry e;
    e.base = manifest->base;
    e.seq = manifest->seq;
    e.file = name;
    qint64 size = 0;
    if (!hashFile(path, e.sha256, size))
        return publishError(Tr::tr("Cannot read %1.").arg(path));
    e.length = quint64(size);
    return e;
}

} // namespace

Result<SyncIndex> publishFolder(const QString& folder, const QStringList& bundles, const PrivateKey& key,
                                const Certificate& cert, const PublishOptions& options)
{
    if (!QDir().mkpath(folder))
        return publishError(Tr::tr("Cannot create the folder %1.").arg(folder));
    const QList<QByteArray> keys{cert.der()};
    for (const QString& bundle : bundles) {
        auto manifest = readBundleManifest(bundle, keys);
        if (!manifest)
            return publishError(Tr::tr("%1: %2").arg(bundle, manifest.error().message));
        const QString name =
            manifest->isFull() ? QStringLiteral("full-%1.kpsync").arg(manifest->seq)
                               : QStringLiteral("delta-%1-%2.kpsync").arg(manifest->base).arg(manifest->seq);
        if (auto s = copyWhole(bundle, folder + QLatin1Char('/') + name); !s)
            return s.error();
    }

    // The index lists what the folder holds, so publishing again is safe.
    SyncIndex index;
    QList<IndexEntry> deltas;
    static const QRegularExpression bundleName(QStringLiteral("^(full-\\d+|delta-\\d+-\\d+)\\.kpsync$"));
    for (const QString& name : QDir(folder).entryList(QDir::Files, QDir::Name)) {
        if (!bundleName.match(name).hasMatch())
            continue;
        auto entry = entryFor(folder, name, keys);
        if (!entry)
            return entry.error();
        if (entry->base == 0) {
            if (entry->seq > index.full.seq)
                index.full = *entry;
        } else {
            deltas.append(*entry);
        }
        index.seq = std::max(index.seq, entry->seq);
    }
    if (index.full.seq == 0)
        return publishError(Tr::tr("%1 holds no full snapshot: publish one first.").arg(folder));
    for (const IndexEntry& d : deltas)
        if (d.seq + quint64(std::max(0, options.keepDeltas)) >= index.seq && d.base >= 1)
            index.deltas.append(d);
    if (auto plan = index.planFrom(0); !plan)
        return publishError(Tr::tr("The deltas do not lead from the newest full snapshot (seq %1) to seq %2: "
                                   "publish the missing delta or a new full snapshot.")
                                .arg(index.full.seq)
                                .arg(index.seq));
    auto signedIndex = index.sign(key, cert);
    if (!signedIndex)
        return signedIndex.error();
    QSaveFile out(folder + QStringLiteral("/index"));
    if (!out.open(QIODevice::WriteOnly) || out.write(*signedIndex) != signedIndex->size() || !out.commit())
        return publishError(Tr::tr("Cannot write the index in %1: %2").arg(folder, out.errorString()));
    return index;
}

} // namespace kp
