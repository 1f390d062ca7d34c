// Exports of the audit trail: a CBOR sequence of the entries exactly as
// hashed, which anyone can check again, here with the module's reader and
// with nothing but SHA-256.
#include "AuditFixtures.h"
#include "TestSupport.h"
#include "audit/AuditExport.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace kp;
using test::StoredEntry;

namespace {

QByteArray exportOf(const QList<StoredEntry>& trail)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    AuditExportWriter writer(&buffer);
    for (const StoredEntry& s : trail) {
        if (!writer.addEncoded(s.encoded, s.hash).ok())
            return {};
    }
    return buffer.data();
}

Result<AuditHead> readBytes(const QByteArray& bytes, const AuditExportCheck& check = {})
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return readAuditExport(&buffer, check);
}

} // namespace

class TestAuditExport : public QObject
{
    Q_OBJECT

    QList<StoredEntry> m_trail;

private slots:
    void initTestCase()
    {
        test::isolateFromUserMachine();
        // Long notes make the export larger than the reader's 1 MiB chunk.
        m_trail = test::sampleTrail(1000, QByteArray(1500, 'x'));
    }

    void exportIsTheHashedBytesInOrder()
    {
        const QByteArray file = exportOf(m_trail);
        QByteArray expected;
        for (const StoredEntry& s : m_trail)
            expected += s.encoded;
        QCOMPARE(file.size(), expected.size());
        QVERIFY(file == expected);
        QVERIFY(file.size() > (1 << 20));
    }

    void anyoneCanRecomputeTheHead()
    {
        // What an auditor does with any CBOR library: split the sequence into
        // items, hash each after the previous hash.
        const QByteArray file = exportOf(m_trail);
        QByteArray prev(32, '\0');
        qsizetype pos = 0;
        int count = 0;
        while (pos < file.size()) {
            const auto length = definiteItemLength(QByteArrayView(file.constData() + pos, file.size() - pos));
            QVERIFY(length.ok() && *length > 0);
            prev = QCryptographicHash::hash(QByteArray(prev + file.mid(pos, *length)),
                                            QCryptographicHash::Sha256);
            pos += *length;
            ++count;
        }
        QCOMPARE(count, 1000);
        QCOMPARE(prev, m_trail.last().hash);
    }

    void readerVerifiesAFileAndGivesEveryEntry()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("trail.cbors"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            AuditExportWriter writer(&f);
            for (quint64 n = 1; n <= 1000; ++n)
                QVERIFY(writer.add(test::sampleEntry(n, QByteArray(1500, 'x'))).ok());
            QCOMPARE(writer.head(), (AuditHead{1000, m_trail.last().hash}));
        }
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        AuditExportCheck check;
        check.checkpoints = {AuditHead{10, m_trail[9].hash}, AuditHead{1000, m_trail.last().hash}};
        quint64 seen = 0;
        check.onEntry = [&seen](const AuditEntry& e) {
            ++seen;
            QCOMPARE(e.n, seen);
        };
        const auto head = readAuditExport(&f, check);
        QVERIFY2(head.ok(), qPrintable(head.ok() ? QString() : head.error().message));
        QCOMPARE(head->count, quint64(1000));
        QCOMPARE(head->hash, m_trail.last().hash);
        QCOMPARE(seen, quint64(1000));
    }

    void emptyExportIsAnEmptyTrail()
    {
        const auto head = readBytes(QByteArray());
        QVERIFY(head.ok());
        QCOMPARE(*head, (AuditHead{0, QByteArray(32, '\0')}));
    }

    void changedExportDoesNotReachTheAuthoritysHead()
    {
        QByteArray file = exportOf(m_trail);
        const qsizetype at = file.indexOf(QByteArray("kagiso"), 600000); // in some entry past the middle
        QVERIFY(at > 0);
        file[at] = 'K';
        // Alone, the file is consistent (it holds no hashes): the head differs.
        const auto alone = readBytes(file);
        QVERIFY(alone.ok());
        QVERIFY(alone->hash != m_trail.last().hash);
        // Against the heads the authority holds, it is caught.
        AuditExportCheck check;
        for (int n = 100; n <= 1000; n += 100)
            check.checkpoints.append({quint64(n), m_trail[n - 1].hash});
        const auto checked = readBytes(file, check);
        QVERIFY(!checked.ok());
        QCOMPARE(checked.error().code, QStringLiteral("audit.checkpoint"));
        QVERIFY(checked.error().message.startsWith(QStringLiteral("Entry ")));
    }

    void brokenExportsAreRefusedNamingTheEntry_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("start");
        QList<StoredEntry> small = m_trail.mid(0, 20);
        QByteArray whole;
        for (const StoredEntry& s : small)
            whole += s.encoded;
        QTest::newRow("ends inside entry 20") << whole.left(whole.size() - 3) << "audit.malformed"
                                              << "Entry 20:";
        QByteArray without5;
        for (const StoredEntry& s : small) {
            if (s.encoded != small[4].encoded)
                without5 += s.encoded;
        }
        QTest::newRow("entry 5 removed") << without5 << "audit.sequence"
                                         << "Entry 5 is missing";
        QTest::newRow("entry 3 twice")
            << QByteArray(small[0].encoded + small[1].encoded + small[2].encoded + small[2].encoded)
            << "audit.sequence"
            << "Entry 4 is missing";
        QTest::newRow("indefinite item after 20")
            << QByteArray(whole + QByteArray::fromHex("bfff")) << "audit.malformed"
            << "Entry 21:";
        QTest::newRow("a float after 20")
            << QByteArray(whole + QByteArray::fromHex("f93e00")) << "audit.float"
            << "Entry 21:";
    }

    void brokenExportsAreRefusedNamingTheEntry()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, code);
        QFETCH(QString, start);
        const auto head = readBytes(file);
        QVERIFY(!head.ok());
        QCOMPARE(head.error().code, code);
        QVERIFY2(head.error().message.startsWith(start), qPrintable(head.error().message));
    }

    void truncatedExportFailsAgainstTheAuthoritysHead()
    {
        const QByteArray file = exportOf(m_trail.mid(0, 900));
        AuditExportCheck check;
        check.checkpoints = {AuditHead{1000, m_trail.last().hash}};
        const auto head = readBytes(file, check);
        QCOMPARE(head.error().code, QStringLiteral("audit.truncated"));
        QVERIFY(head.error().message.startsWith(QStringLiteral("Entry 901 is missing")));
    }

    void writerRefusesABrokenChain()
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        AuditExportWriter writer(&buffer);
        QVERIFY(writer.addEncoded(m_trail[0].encoded, m_trail[0].hash).ok());
        QCOMPARE(writer.addEncoded(m_trail[2].encoded, m_trail[2].hash).error().code,
                 QStringLiteral("audit.sequence"));
        QCOMPARE(buffer.data(), m_trail[0].encoded);
    }
};

QTEST_GUILESS_MAIN(TestAuditExport)
#include "test_audit_export.moc"
