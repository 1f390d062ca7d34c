#include "sync/BundleWriter.h"

#include "crypto/Sha256.h"
#include "format/Cbor.h"
#include "sync/CoseSigning.h"

#include <QCborMap>
#include <QCborStreamWriter>
#include <QCoreApplication>
#include <QSaveFile>
#include <QTemporaryFile>

#include <map>

namespace kp {

namespace {

// One part: records appended to a temporary file, counted and hashed.
class PartSink
{
public:
    PartSink() = default;

    bool open() { return m_file.isOpen() || m_file.open(); }
    void append(const QByteArray& item)
    {
        if (!open()) {
            m_failed = true;
            return;
        }
        m_failed = m_failed || m_file.write(item) != item.size();
        m_hash.addData(item);
        ++m_count;
        m_length += quint64(item.size());
    }
    bool failed() const { return m_failed; }
    quint64 count() const { return m_count; }
    quint64 length() const { return m_length; }
    QByteArray sha256() { return m_hash.result(); }
    QTemporaryFile& file() { return m_file; }

private:
    QTemporaryFile m_file;
    Sha256 m_hash;
    quint64 m_count = 0;
    quint64 m_length = 0;
    bool m_failed = false;
};

QCborValue dateOrUndefined(const QDate& date)
{
    return date.isValid() ? QCborValue(date.toString(Qt::ISODate)) : QCborValue();
}

void insertIfSet(QCborMap& map, const QString& key, const QCborValue& value)
{
    if (!value.isUndefined())
        map.insert(key, value);
}

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::BundleWriter)
};

} // namespace

struct BundleWriter::Private
{
    BundleManifest header;
    std::map<QString, PartSink> parts;

    void add(const QString& part, const QCborValue& item) { parts[part].append(item.toCbor()); }
};

BundleWriter::BundleWriter(BundleManifest header) : d(std::make_unique<Private>())
{
    d->header = std::move(header);
}

BundleWriter::~BundleWriter() = default;

void BundleWriter::addParticipant(const ParticipantPeriod& p)
{
    QCborMap m{{QStringLiteral("c"), p.code},
               {QStringLiteral("name"), p.name},
               {QStringLiteral("st"), p.status},
               {QStringLiteral("from"), p.from.toString(Qt::ISODate)}};
    insertIfSet(m, QStringLiteral("to"), dateOrUndefined(p.to));
    if (!p.note.isEmpty())
        m.insert(QStringLiteral("note"), p.note);
    d->add(QStringLiteral("participants"), m);
}

void BundleWriter::addAuthorityCa(const QByteArray& der, const QDate& revoked)
{
    QCborMap m{{QStringLiteral("der"), der}};
    insertIfSet(m, QStringLiteral("revoked"), dateOrUndefined(revoked));
    d->add(QStringLiteral("cas"), m);
}

void BundleWriter::addDeskCertificate(const DeskCertificateEntry& e)
{
    QCborMap m{{QStringLiteral("sha256"), e.sha256}, {QStringLiteral("desk"), e.deskId}};
    insertIfSet(m, QStringLiteral("revoked"), dateOrUndefined(e.revoked));
    d->add(QStringLiteral("desks"), m);
}

void BundleWriter::addSigner(const QByteArray& der, const QDate& revoked, const QString& why)
{
    QCborMap m{{QStringLiteral("der"), der}};
    insertIfSet(m, QStringLiteral("revoked"), dateOrUndefined(revoked));
    if (!why.isEmpty())
        m.insert(QStringLiteral("why"), why);
    d->add(QStringLiteral("signers"), m);
}

void BundleWriter::addCertificate(const QByteArray& coseBytes)
{
    d->add(QStringLiteral("certs"), QCborValue(coseBytes));
}

void BundleWriter::addRevocation(const RevocationEntry& e)
{
    QCborMap m{{QStringLiteral("no"), e.number},
               {QStringLiteral("st"), e.status},
               {QStringLiteral("at"), e.at},
               {QStringLiteral("by"), e.by}};
    if (!e.note.isEmpty())
        m.insert(QStringLiteral("note"), e.note);
    d->add(QStringLiteral("revoked"), m);
}

void BundleWriter::addRule(const QString& key, const QCborValue& value)
{
    d->add(QStringLiteral("rules"), QCborMap{{QStringLiteral("key"), key}, {QStringLiteral("val"), value}});
}

void BundleWriter::addContact(const ContactEntry& c)
{
    QCborMap m{{QStringLiteral("c"), c.participant},
               {QStringLiteral("role"), c.role},
               {QStringLiteral("name"), c.name}};
    if (!c.email.isEmpty())
        m.insert(QStringLiteral("email"), c.email);
    if (!c.phone.isEmpty())
        m.insert(QStringLiteral("phone"), c.phone);
    if (!c.address.isEmpty())
        m.insert(QStringLiteral("addr"), c.address);
    d->add(QStringLiteral("contacts"), m);
}

Status BundleWriter::finish(const QString& path, const PrivateKey& bundleKey, const Certificate& bundleCert)
{
    BundleManifest manifest = d->header;
    manifest.parts.clear();
    QList<PartSink*> order;
    for (const QString& name : BundleManifest::partNames()) {
        auto it = d->parts.find(name);
        if (it == d->parts.end())
            continue;
        PartSink& sink = it->second;
        if (sink.failed() || !sink.file().flush())
            return makeError(QStringLiteral("bundle.write"),
                             Tr::tr("Cannot write the temporary part '%1'.").arg(name));
        manifest.parts.append({name, sink.count(), sink.length(), sink.sha256()});
        order.append(&sink);
    }
    auto envelope = signCose(encodeCbor(manifest.toCbor()), bundleKey, bundleCert);
    if (!envelope)
        return envelope.error();

    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return makeError(QStringLiteral("bundle.write"),
                         Tr::tr("Cannot write %1: %2").arg(path, out.errorString()));
    bool ok = out.write(*envelope) == envelope->size();
    for (PartSink* sink : order) {
        ok = ok && sink->file().seek(0);
        while (ok && !sink->file().atEnd()) {
            const QByteArray chunk = sink->file().read(1 << 20);
            ok = !chunk.isEmpty() && out.write(chunk) == chunk.size();
        }
    }
    if (!ok || !out.commit())
        return makeError(QStringLiteral("bundle.write"),
                         Tr::tr("Cannot write %1: %2").arg(path, out.errorString()));
    return success();
}

} // namespace kp
