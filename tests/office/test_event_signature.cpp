// An office event's signed bytes (office/EventSignature) are written item by
// item, without building a QCborValue: every desk that pulls an event encodes
// it again. They must stay exactly the deterministic CBOR of the map
// docs/office.md describes, as encodeDeterministicCbor writes it: other
// desks, desks of before among them, verify and hash these very bytes.
#include "TestSupport.h"

#include "audit/DeterministicCbor.h"
#include "office/EventSignature.h"

#include <QCborArray>
#include <QCborMap>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <limits>

using namespace kp;

namespace {

// The format as docs/office.md writes it, through the general encoder.
QByteArray reference(const SignedEventFields& f)
{
    QList<SignedEventFields::File> files = f.files;
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    QCborArray list;
    for (const auto& file : files)
        list.append(QCborArray{file.id, file.name, file.sha256Hex.toLower(), file.size});
    const QCborMap map{
        {QStringLiteral("t"), QStringLiteral("kpoffice-event")},
        {QStringLiteral("v"), 1},
        {QStringLiteral("id"), f.id},
        {QStringLiteral("case"), f.caseId},
        {QStringLiteral("desk"), f.deskId},
        {QStringLiteral("seq"), f.seq},
        {QStringLiteral("at"), f.at},
        {QStringLiteral("actor"), f.actor},
        {QStringLiteral("actor_id"), f.actorId.isEmpty() ? QCborValue(nullptr) : QCborValue(f.actorId)},
        {QStringLiteral("role"), f.role},
        {QStringLiteral("kind"), f.kind},
        {QStringLiteral("data"), f.data},
        {QStringLiteral("files"), list}};
    DeterministicLimits limits;
    limits.maxBytes = EventSignature::MaxCanonicalBytes;
    limits.maxItems = EventSignature::MaxCanonicalItems;
    auto bytes = encodeDeterministicCbor(map, limits);
    return bytes ? *bytes : QByteArray();
}

} // namespace

class TestEventSignature : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { kp::test::isolateFromUserMachine(); }

    // Random events over texts of every UTF-8 length class (1 to 4 bytes a
    // character), lengths and integers at each head size's edges, files out
    // of order, with and without an actor id.
    void bytesAreTheMapsDeterministicEncoding()
    {
        const QStringList texts{QString(),
                                QStringLiteral("a"),
                                QStringLiteral("décision"),
                                QStringLiteral("海关"),
                                QStringLiteral("\U0001F48E rough"),
                                QStringLiteral("{\"four_eyes\":\"independent\",\"outcome\":\"released\"}"),
                                QString(23, QLatin1Char('x')),
                                QString(24, QLatin1Char('y')),
                                QString(255, QLatin1Char('z')),
                                QString(256, QChar(0x0416)),
                                QString(70000, QLatin1Char('d')),
                                QStringLiteral("2026-12-07T21:54:00.123Z"),
                                QStringLiteral("ABCDEF0123456789abcdef")};
        const QList<qint64> numbers{0,
                                    1,
                                    23,
                                    24,
                                    255,
                                    256,
                                    65535,
                                    65536,
                                    std::numeric_limits<int>::max(),
                                    -1,
                                    -24,
                                    -25,
                                    -256,
                                    -257,
                                    std::numeric_limits<int>::min(),
                                    qint64(1) << 40,
                                    std::numeric_limits<qint64>::max(),
                                    std::numeric_limits<qint64>::min()};
        QRandomGenerator rng(20261207);
        const auto text = [&] {
            return texts.at(rng.bounded(int(texts.size())));
        };
        const auto number = [&] {
            return numbers.at(rng.bounded(int(numbers.size())));
        };
        for (int i = 0; i < 600; ++i) {
            SignedEventFields f{text(), text(), text(), int(number()), text(), text(),
                                text(), text(), text(), text(),        {}};
            for (int n = rng.bounded(4); n > 0; --n)
                f.files.append({text(), text(), text(), number()});
            const QByteArray bytes = EventSignature::canonical(f);
            QVERIFY(!bytes.isEmpty());
            QCOMPARE(bytes, reference(f));
        }
    }

    // What the general encoder refuses is refused alike: empty bytes, which
    // neither sign nor verify.
    void whatCannotBeEncodedIsEmpty()
    {
        SignedEventFields f{QStringLiteral("e"),
                            QStringLiteral("c"),
                            QStringLiteral("d"),
                            1,
                            QStringLiteral("2026-12-07T00:00:00Z"),
                            QStringLiteral("olga"),
                            QString(),
                            QStringLiteral("officer"),
                            QStringLiteral("note"),
                            QStringLiteral("{}"),
                            {}};
        QVERIFY(!EventSignature::canonical(f).isEmpty());
        SignedEventFields lone = f;
        lone.data = QStringLiteral("{\"text\":\"") + QChar(0xd800) + QStringLiteral("\"}");
        QVERIFY(reference(lone).isEmpty());
        QVERIFY(EventSignature::canonical(lone).isEmpty());
        SignedEventFields large = f;
        large.data = QString(EventSignature::MaxCanonicalBytes, QLatin1Char('x'));
        QVERIFY(reference(large).isEmpty());
        QVERIFY(EventSignature::canonical(large).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEventSignature)
#include "test_event_signature.moc"
