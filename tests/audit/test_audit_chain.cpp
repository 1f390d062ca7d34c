// The audit hash chain: a trail of 1000 entries verifies, and every way of
// tampering with it is caught at the entry where it happened.
#include "AuditFixtures.h"
#include "TestSupport.h"
#include "audit/AuditChain.h"

#include <QtTest>

using namespace kp;
using test::StoredEntry;

namespace {

enum class Tamper {
    None,
    ChangedKeptHash,     // content of entry k changed, its stored hash left
    ChangedRehashed,     // content of entry k changed and its own hash recomputed
    ChangedTailRehashed, // content of k changed and every hash from k on recomputed
    Deleted,             // entry k removed
    DeletedRenumbered,   // entry k removed, later entries renumbered (hashes left)
    Reordered,           // entries k and k+1 swapped
    Duplicated,          // entry k stored twice
    AppendedWrongPrev,   // an entry appended whose hash was made from a wrong prev
    GapAppended,         // an entry appended with n skipping one
    Truncated,           // the last entries removed
    Garbage,             // entry k's bytes are not CBOR
    NotDeterministic,    // entry k re-encoded by QCborValue::toCbor and rehashed
};

QList<StoredEntry> rehashFrom(QList<StoredEntry> trail, int index)
{
    QByteArray prev = index == 0 ? AuditChain::genesis() : trail[index - 1].hash;
    for (int i = index; i < trail.size(); ++i) {
        trail[i].hash = AuditChain::link(prev, trail[i].encoded);
        prev = trail[i].hash;
    }
    return trail;
}

QByteArray encodeChanged(quint64 n, quint64 asN)
{
    AuditEntry e = test::sampleEntry(n);
    e.n = asN;
    e.data.insert(QStringLiteral("verdict"), QStringLiteral("accept")); // was "doubt" for n % 7 == 0
    e.actor = QStringLiteral("someone-else");
    return *AuditChain::encode(e);
}

} // namespace

Q_DECLARE_METATYPE(Tamper)

class TestAuditChain : public QObject
{
    Q_OBJECT

    QList<StoredEntry> m_trail; // 1000 entries

private slots:
    void initTestCase()
    {
        test::isolateFromUserMachine();
        m_trail = test::sampleTrail(1000);
    }

    void trailOf1000Verifies()
    {
        AuditVerifier fromStored;
        AuditVerifier fromEntries;
        AuditVerifier withoutHashes;
        for (const StoredEntry& s : m_trail) {
            QVERIFY(fromStored.addEncoded(s.encoded, s.hash).ok());
            QVERIFY(withoutHashes.addEncoded(s.encoded).ok());
        }
        for (quint64 n = 1; n <= 1000; ++n)
            QVERIFY(fromEntries.add(test::sampleEntry(n), m_trail[int(n - 1)].hash).ok());
        for (const AuditVerifier* v : {&fromStored, &fromEntries, &withoutHashes}) {
            QVERIFY(v->finish().ok());
            QCOMPARE(v->count(), quint64(1000));
            QCOMPARE(v->head(), m_trail.last().hash);
            QVERIFY(!v->failed());
            QCOMPARE(v->failedAt(), quint64(0));
        }
    }

    void emptyTrailHasTheZeroHead()
    {
        AuditVerifier v;
        QVERIFY(v.finish().ok());
        QCOMPARE(v.count(), quint64(0));
        QCOMPARE(v.head(), QByteArray(32, '\0'));
    }

    void entriesRoundTrip()
    {
        for (quint64 n : {1, 7, 500, 1000}) {
            const auto decoded = AuditChain::decode(m_trail[int(n - 1)].encoded);
            QVERIFY(decoded.ok());
            QCOMPARE(*decoded, test::sampleEntry(n));
        }
    }

    void tamperingIsCaughtWhereItHappened_data()
    {
        QTest::addColumn<Tamper>("tamper");
        QTest::addColumn<int>("k");
        QTest::addColumn<bool>("authorityHead"); // the head at 1000 is known from elsewhere
        QTest::addColumn<QString>("code");
        QTest::addColumn<quint64>("failedAt");
        QTest::newRow("untouched") << Tamper::None << 0 << true << QString() << quint64(0);
        QTest::newRow("changed, hash kept")
            << Tamper::ChangedKeptHash << 500 << false << "audit.hash" << quint64(500);
        QTest::newRow("changed first") << Tamper::ChangedKeptHash << 1 << false << "audit.hash" << quint64(1);
        QTest::newRow("changed last")
            << Tamper::ChangedKeptHash << 1000 << false << "audit.hash" << quint64(1000);
        QTest::newRow("changed, own hash remade")
            << Tamper::ChangedRehashed << 500 << false << "audit.hash" << quint64(501);
        QTest::newRow("changed, every later hash remade, no outside head")
            << Tamper::ChangedTailRehashed << 500 << false << QString() << quint64(0);
        QTest::newRow("changed, every later hash remade, authority's head")
            << Tamper::ChangedTailRehashed << 500 << true << "audit.checkpoint" << quint64(1000);
        QTest::newRow("deleted") << Tamper::Deleted << 300 << false << "audit.sequence" << quint64(300);
        QTest::newRow("deleted first") << Tamper::Deleted << 1 << false << "audit.sequence" << quint64(1);
        QTest::newRow("deleted, later renumbered")
            << Tamper::DeletedRenumbered << 300 << false << "audit.hash" << quint64(300);
        QTest::newRow("reordered") << Tamper::Reordered << 400 << false << "audit.sequence" << quint64(400);
        QTest::newRow("duplicated") << Tamper::Duplicated << 700 << false << "audit.sequence" << quint64(701);
        QTest::newRow("appended with a wrong prev")
            << Tamper::AppendedWrongPrev << 1001 << false << "audit.hash" << quint64(1001);
        QTest::newRow("appended with an n gap")
            << Tamper::GapAppended << 1001 << false << "audit.sequence" << quint64(1001);
        QTest::newRow("truncated, authority's head")
            << Tamper::Truncated << 991 << true << "audit.truncated" << quint64(0);
        QTest::newRow("not CBOR") << Tamper::Garbage << 250 << false << "audit.malformed" << quint64(250);
        QTest::newRow("not deterministic")
            << Tamper::NotDeterministic << 100 << false << "audit.not-deterministic" << quint64(100);
    }

    void tamperingIsCaughtWhereItHappened()
    {
        QFETCH(Tamper, tamper);
        QFETCH(int, k);
        QFETCH(bool, authorityHead);
        QFETCH(QString, code);
        QFETCH(quint64, failedAt);
        QList<StoredEntry> trail = m_trail;
        const int i = k - 1;
        switch (tamper) {
        case Tamper::None:
            break;
        case Tamper::ChangedKeptHash:
            trail[i].encoded = encodeChanged(quint64(k), quint64(k));
            break;
        case Tamper::ChangedRehashed:
            trail[i].encoded = encodeChanged(quint64(k), quint64(k));
            trail[i].hash = AuditChain::link(trail[i - 1].hash, trail[i].encoded);
            break;
        case Tamper::ChangedTailRehashed:
            trail[i].encoded = encodeChanged(quint64(k), quint64(k));
            trail = rehashFrom(trail, i);
            break;
        case Tamper::Deleted:
            trail.removeAt(i);
            break;
        case Tamper::DeletedRenumbered:
            trail.removeAt(i);
            for (int j = i; j < trail.size(); ++j) {
                AuditEntry e = *AuditChain::decode(trail[j].encoded);
                e.n -= 1;
                trail[j].encoded = *AuditChain::encode(e);
            }
            break;
        case Tamper::Reordered:
            trail.swapItemsAt(i, i + 1);
            break;
        case Tamper::Duplicated:
            trail.insert(i + 1, trail[i]);
            break;
        case Tamper::AppendedWrongPrev: {
            const QByteArray encoded = *AuditChain::encode(test::sampleEntry(quint64(k)));
            trail.append({encoded, AuditChain::link(AuditChain::genesis(), encoded)});
            break;
        }
        case Tamper::GapAppended: {
            const QByteArray encoded = *AuditChain::encode(test::sampleEntry(quint64(k + 1)));
            trail.append({encoded, AuditChain::link(trail.last().hash, encoded)});
            break;
        }
        case Tamper::Truncated:
            trail.resize(i);
            break;
        case Tamper::Garbage:
            trail[i].encoded = QByteArray::fromHex("ff00");
            break;
        case Tamper::NotDeterministic: {
            const AuditEntry e = test::sampleEntry(quint64(k));
            QCborMap m; // the fields in the struct's order, as Qt keeps them
            m.insert(QStringLiteral("n"), qint64(e.n));
            m.insert(QStringLiteral("at"), AuditChain::formatTime(e.at));
            m.insert(QStringLiteral("desk"), e.desk);
            m.insert(QStringLiteral("actor"), e.actor);
            m.insert(QStringLiteral("kind"), e.kind);
            m.insert(QStringLiteral("data"), e.data);
            trail[i].encoded = m.toCborValue().toCbor();
            trail = rehashFrom(trail, i);
            break;
        }
        }

        AuditVerifier v;
        if (authorityHead)
            v.expect(AuditHead{1000, m_trail.last().hash});
        Status first = success();
        for (const StoredEntry& s : trail) {
            Status st = v.addEncoded(s.encoded, s.hash);
            if (!st && first.ok())
                first = st;
        }
        const Status end = v.finish();
        if (code.isEmpty()) {
            QVERIFY2(end.ok(), qPrintable(end.ok() ? QString() : end.error().message));
            return;
        }
        QVERIFY(!end.ok());
        QCOMPARE(end.error().code, code);
        QCOMPARE(v.failedAt(), failedAt);
        const quint64 named = failedAt ? failedAt : quint64(k);
        QVERIFY2(end.error().message.startsWith(QStringLiteral("Entry %1").arg(named)),
                 qPrintable(end.error().message));
        if (!first.ok()) // the first error is kept: later entries do not replace it
            QCOMPARE(first.error().message, end.error().message);
    }

    void errorsAreSticky()
    {
        AuditVerifier v;
        QVERIFY(v.addEncoded(m_trail[0].encoded, m_trail[0].hash).ok());
        const Status bad = v.addEncoded(m_trail[2].encoded, m_trail[2].hash);
        QCOMPARE(bad.error().code, QStringLiteral("audit.sequence"));
        QCOMPARE(bad.error().message,
                 QStringLiteral(
                     "Entry 2 is missing: entry 3 comes after entry 1 (entries were removed or moved)."));
        // Even the right entry now: the verifier stays at its first finding.
        const Status again = v.addEncoded(m_trail[1].encoded, m_trail[1].hash);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().message, bad.error().message);
        QCOMPARE(v.failedAt(), quint64(2));
        QCOMPARE(v.count(), quint64(1));
    }

    void checkpointsInTheMiddleNarrowAChange()
    {
        // The authority holds heads at 100, 200, ... 1000; the trail was rewritten from 350 on.
        QList<StoredEntry> trail = m_trail;
        trail[349].encoded = encodeChanged(350, 350);
        trail = rehashFrom(trail, 349);
        AuditVerifier v;
        for (int n = 100; n <= 1000; n += 100)
            v.expect(quint64(n), m_trail[n - 1].hash);
        for (const StoredEntry& s : trail)
            (void)v.addEncoded(s.encoded, s.hash);
        QCOMPARE(v.finish().error().code, QStringLiteral("audit.checkpoint"));
        QCOMPARE(v.failedAt(), quint64(400));
    }

    void continuesFromATrustedHead()
    {
        AuditVerifier v(AuditHead{500, m_trail[499].hash});
        for (int i = 500; i < 1000; ++i)
            QVERIFY(v.addEncoded(m_trail[i].encoded, m_trail[i].hash).ok());
        QCOMPARE(v.head(), m_trail.last().hash);
        AuditVerifier wrong(AuditHead{500, m_trail[498].hash});
        QCOMPARE(wrong.addEncoded(m_trail[500].encoded, m_trail[500].hash).error().code,
                 QStringLiteral("audit.hash"));
    }

    void addRefusesABadEntryNamingIt()
    {
        AuditVerifier v;
        AuditEntry e = test::sampleEntry(1);
        e.data.insert(QStringLiteral("weight"), 1.25);
        const Status s = v.add(e);
        QCOMPARE(s.error().code, QStringLiteral("audit.float"));
        QVERIFY(s.error().message.startsWith(QStringLiteral("Entry 1: ")));
    }
};

QTEST_GUILESS_MAIN(TestAuditChain)
#include "test_audit_chain.moc"
