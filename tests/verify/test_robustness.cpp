// Damaged and hostile input through the whole pipeline: never a crash, never
// a hang, never "accept" for something that is not the genuine record.
#include "DeskFixture.h"
#include "TestSupport.h"

#include "authority/RecordSigner.h"
#include "format/Base45.h"
#include "format/Kp1.h"
#include "format/Zlib.h"
#include "sync/CoseSigning.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

using namespace kp;
using namespace kp::test;

class TestRobustness : public QObject
{
    Q_OBJECT

    std::unique_ptr<DeskFixture> m_desk;
    CertificateRecord m_record;
    QByteArray m_cose;

    void expectNotAccepted(const QString& text)
    {
        const Inspection insp = m_desk->verifyText(text);
        if (insp.verdict == Verdict::Accept) {
            QVERIFY2(insp.certificate && *insp.certificate == m_record,
                     "a damaged code was accepted as another record");
        }
        QCOMPARE(insp.checks.size(), CheckName::all().size());
    }

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        m_desk = std::make_unique<DeskFixture>();
        m_record = m_desk->record();
        m_desk->registerRecord(m_record);
        m_cose = m_desk->sign(m_record);
        QCOMPARE(m_desk->verifyText(Kp1::encode(m_cose)).verdict, Verdict::Accept);
    }

    void everyTruncationIsRefused()
    {
        const QString text = Kp1::encode(m_cose);
        for (qsizetype n = 0; n < text.size(); ++n) {
            const Inspection insp = m_desk->verifyText(text.left(n));
            QVERIFY(insp.verdict != Verdict::Accept);
        }
        for (qsizetype n = 0; n < m_cose.size(); ++n)
            QVERIFY(m_desk->verifyText(Kp1::encode(m_cose.left(n))).verdict != Verdict::Accept);
    }

    void randomByteFlipsNeverAcceptAnotherRecord()
    {
        QRandomGenerator rng(20261124);
        for (int i = 0; i < 1500; ++i) {
            QByteArray damaged = m_cose;
            const int flips = 1 + int(rng.bounded(3));
            for (int f = 0; f < flips; ++f) {
                const auto at = qsizetype(rng.bounded(quint32(damaged.size())));
                damaged[at] = char(damaged[at] ^ char(1 << rng.bounded(8)));
            }
            expectNotAccepted(Kp1::encode(damaged));
        }
    }

    void randomTextCharactersNeverCrash()
    {
        QRandomGenerator rng(7);
        const QString text = Kp1::encode(m_cose);
        static const QString alphabet = QStringLiteral("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:");
        for (int i = 0; i < 500; ++i) {
            QString damaged = text;
            const auto at = qsizetype(4 + rng.bounded(quint32(text.size() - 4)));
            damaged[at] = alphabet[int(rng.bounded(quint32(alphabet.size())))];
            expectNotAccepted(damaged);
        }
    }

    void hostileInputIsRefusedQuickly_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("1 MB of base45") << (QStringLiteral("KP1:") + QString(1 << 20, u'A'));
        QTest::newRow("zlib bomb") << (QStringLiteral("KP1:") +
                                       QString::fromLatin1(
                                           Base45::encode(Zlib::deflate(QByteArray(8 << 20, '\0')))));
        QByteArray deep(5000, '\x81'); // arrays nested 5000 deep
        deep.append('\x00');
        QTest::newRow("deep cbor") << Kp1::encode(deep);
        QTest::newRow("non-utf8 and controls") << QString::fromUtf8("KP1:\xff\xfe\x00\x01\xc3\x28", 10);
        QTest::newRow("lone surrogate") << (QStringLiteral("KP1:") + QChar(0xD800));
        QTest::newRow("newline inside") << QStringLiteral("KP1:6BF\nOXN");
    }
    void hostileInputIsRefusedQuickly()
    {
        QFETCH(QString, text);
        QElapsedTimer timer;
        timer.start();
        const Inspection insp = m_desk->verifyText(text);
        QCOMPARE(insp.verdict, Verdict::Reject);
        QCOMPARE(insp.check(CheckName::Format)->status, CheckStatus::Fail);
        QVERIFY2(timer.elapsed() < 5000, "hostile input took too long");
    }

    void deeplyNestedSignedPayloadIsAFormatError()
    {
        // Correctly signed, but the payload nests thousands deep.
        QByteArray payload;
        for (int i = 0; i < 3000; ++i)
            payload.append("\xa1\x61k", 3);
        payload.append('\x00');
        const IssuerKeys& bw = m_desk->issuer(QStringLiteral("BW"));
        auto cose = signCose(payload, bw.signerKey, bw.signer);
        QVERIFY(cose);
        const Inspection insp = m_desk->verifyText(Kp1::encode(*cose));
        QCOMPARE(insp.check(CheckName::Format)->status, CheckStatus::Fail);
        QCOMPARE(insp.verdict, Verdict::Reject);
    }
};

QTEST_GUILESS_MAIN(TestRobustness)
#include "test_robustness.moc"
