// The desk's one time form is written and read by hand (util/IsoTime.cpp):
// it must give, for every time and every text, what Qt's ISO writer and
// reader give.

#include "util/IsoTime.h"

#include <QRandomGenerator>
#include <QTest>
#include <QTimeZone>

using namespace kp;

namespace {

QString qtIsoTime(const QDateTime& t, IsoPrecision p)
{
    return t.isValid() ? t.toUTC().toString(p == IsoPrecision::Milliseconds ? Qt::ISODateWithMs : Qt::ISODate)
                       : QString();
}

QDateTime qtParse(const QString& text)
{
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
}

QDateTime randomTime(QRandomGenerator& r)
{
    const int year = r.bounded(4) == 0 ? int(r.bounded(1, 10000)) : int(r.bounded(1990, 2100));
    const QDate date(year, int(r.bounded(1, 13)), int(r.bounded(1, 29)));
    const QTime time(int(r.bounded(24)), int(r.bounded(60)), int(r.bounded(60)), int(r.bounded(1000)));
    switch (r.bounded(3)) {
    case 0:
        return QDateTime(date, time, Qt::UTC);
    case 1:
        return QDateTime(date, time, Qt::OffsetFromUTC, int(r.bounded(-14, 15)) * 3600);
    default:
        return QDateTime(date, time, QTimeZone("Asia/Kolkata"));
    }
}

} // namespace

class TestIsoTime : public QObject
{
    Q_OBJECT

private slots:
    void writesWhatQtWrites()
    {
        QRandomGenerator r(7);
        QList<QDateTime> times{QDateTime(),
                               QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC),
                               QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC),
                               QDateTime(QDate(10000, 1, 1), QTime(0, 0), Qt::UTC),
                               QDateTime(QDate(0, 6, 1), QTime(0, 0), Qt::UTC),
                               QDateTime(QDate(-44, 3, 15), QTime(12, 0), Qt::UTC)};
        for (int i = 0; i < 5000; ++i)
            times << randomTime(r);
        for (const QDateTime& t : times)
            for (IsoPrecision p : {IsoPrecision::Seconds, IsoPrecision::Milliseconds})
                QCOMPARE(isoTime(t, p), qtIsoTime(t, p));
    }

    // Our own form, then each text changed in one character (a digit out of
    // range, another separator, an offset, a fraction of other length): the
    // same time, or the same refusal, as Qt's reader.
    void readsWhatQtReads()
    {
        QRandomGenerator r(11);
        QStringList texts{QString(),
                          QStringLiteral("2026-12-07T24:00:00Z"),
                          QStringLiteral("2026-12-07T24:00:00.000Z"),
                          QStringLiteral("2026-02-29T10:00:00Z"),
                          QStringLiteral("2024-02-29T10:00:00Z"),
                          QStringLiteral("2026-12-07T10:00:60Z"),
                          QStringLiteral("2026-12-07T10:00:00+01:00"),
                          QStringLiteral("2026-12-07T10:00:00.5Z"),
                          QStringLiteral("2026-12-07T10:00:00,123Z"),
                          QStringLiteral("2026-12-07T10:00Z"),
                          QStringLiteral("2026-12-07 10:00:00Z"),
                          QStringLiteral("0000-01-01T00:00:00Z"),
                          QStringLiteral("2026-12-07T10:00:00.123"),
                          QStringLiteral("2026-13-07T10:00:00Z"),
                          QStringLiteral("2026-12-07T10:00:00.1234Z")};
        const QString alphabet = QStringLiteral("0123456789-:.TZ+ ,z٣");
        for (int i = 0; i < 3000; ++i) {
            const QDateTime t = randomTime(r);
            const QString text =
                isoTime(t, r.bounded(2) ? IsoPrecision::Seconds : IsoPrecision::Milliseconds);
            texts << text;
            QString changed = text;
            changed[r.bounded(int(text.size()))] = alphabet.at(r.bounded(int(alphabet.size())));
            texts << changed;
        }
        for (const QString& text : texts) {
            const QDateTime ours = parseIsoTime(text), qts = qtParse(text);
            QVERIFY2(ours.isValid() == qts.isValid(), qPrintable(text));
            if (!ours.isValid())
                continue;
            QVERIFY2(ours == qts, qPrintable(text));
            QCOMPARE(ours.timeSpec(), qts.timeSpec());
            QCOMPARE(ours.offsetFromUtc(), qts.offsetFromUtc());
            QCOMPARE(ours.time().msec(), qts.time().msec());
        }
    }
};

QTEST_GUILESS_MAIN(TestIsoTime)
#include "test_iso_time.moc"
