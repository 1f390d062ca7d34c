// English plurals: the sources write "%Ln hour(s)"; the window and the command
// line say "1 hour" and "3 hours", and the other languages keep their own forms.
#include "util/Translation.h"

#include "TestSupport.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QTest>

using namespace kp;

class TestEnglishPlurals : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { test::isolateFromUserMachine(); }
    void cleanup() { Translation::install(QStringLiteral("en")); }

    void englishSaysOneOrMany_data()
    {
        QTest::addColumn<QByteArray>("context");
        QTest::addColumn<QByteArray>("source");
        QTest::addColumn<int>("n");
        QTest::addColumn<QString>("expected");
        QTest::newRow("1 hour") << QByteArray("kp::ui::DeskStatusPanel") << QByteArray("%Ln hour(s) old") << 1
                                << QStringLiteral("1 hour old");
        QTest::newRow("3 hours") << QByteArray("kp::ui::DeskStatusPanel") << QByteArray("%Ln hour(s) old")
                                 << 3 << QStringLiteral("3 hours old");
        QTest::newRow("0 cases") << QByteArray("kp::ui::CaseQueue") << QByteArray("%Ln case(s) listed.") << 0
                                 << QStringLiteral("0 cases listed.");
        QTest::newRow("1 time") << QByteArray("kp::Checks")
                                << QByteArray("already presented at this desk %Ln time(s), last on %1") << 1
                                << QStringLiteral("already presented at this desk 1 time, last on %1");
        QTest::newRow("2 times") << QByteArray("kp::Checks")
                                 << QByteArray("already presented at this desk %Ln time(s), last on %1") << 2
                                 << QStringLiteral("already presented at this desk 2 times, last on %1");
        QTest::newRow("1 entry") << QByteArray("kp::ui::TrailPanel")
                                 << QByteArray("Audit trail: %Ln entry(ies), unbroken. Head %1. Checked %2.")
                                 << 1
                                 << QStringLiteral("Audit trail: 1 entry, unbroken. Head %1. Checked %2.");
        QTest::newRow("2 entries")
            << QByteArray("kp::ui::TrailPanel")
            << QByteArray("Audit trail: %Ln entry(ies), unbroken. Head %1. Checked %2.") << 2
            << QStringLiteral("Audit trail: 2 entries, unbroken. Head %1. Checked %2.");
        // Not a count: left alone.
        QTest::newRow("no %n") << QByteArray("kp::Sync") << QByteArray("an http(s) URL") << 2
                               << QStringLiteral("an http(s) URL");
    }

    void englishSaysOneOrMany()
    {
        QFETCH(QByteArray, context);
        QFETCH(QByteArray, source);
        QFETCH(int, n);
        QFETCH(QString, expected);
        QCOMPARE(Translation::install(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate(context.constData(), source.constData(), nullptr, n), expected);
    }

    void otherLanguagesKeepTheirOwnPlurals()
    {
        QCOMPARE(Translation::install(QStringLiteral("fr")), QStringLiteral("fr"));
        QCOMPARE(QCoreApplication::translate("kp::ui::DeskStatusPanel", "%Ln hour(s) old", nullptr, 3),
                 QStringLiteral("il y a 3 heures"));
        // Back to English: the English forms again, not the French ones.
        Translation::install(QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("kp::ui::DeskStatusPanel", "%Ln hour(s) old", nullptr, 1),
                 QStringLiteral("1 hour old"));
    }

    // The count is written as the chosen language writes numbers (%Ln): the
    // window sets that language's QLocale as the default.
    void countsAreLocalised()
    {
        QCOMPARE(Translation::install(QStringLiteral("fr")), QStringLiteral("fr"));
        const QLocale before;
        QLocale::setDefault(QLocale(QStringLiteral("fr")));
        const QString text =
            QCoreApplication::translate("kp::ui::DeskStatusPanel", "%Ln hour(s) old", nullptr, 1500);
        QLocale::setDefault(before);
        QCOMPARE(text, QStringLiteral("il y a %1 heures").arg(QLocale(QStringLiteral("fr")).toString(1500)));
        QVERIFY2(!text.contains(QLatin1String("1500")), qPrintable(text)); // grouped as French groups
    }

    // A "(s)" or "y(ies)" with no %n can never become a plural: every such text in the
    // sources is a count given to tr() with %n (the URL scheme "http(s)" aside).
    void everyCountInTheSourcesIsAPlural()
    {
        static const QRegularExpression literal(
            QStringLiteral(R"re("((?:[^"\\\n]|\\.)*\((?:s|ies)\)(?:[^"\\\n]|\\.)*)")re"));
        QStringList offenders;
        for (const char* folder : {"core", "ui", "app"}) {
            QDirIterator it(QStringLiteral(KPDESK_SOURCE_DIR "/") + QLatin1String(folder),
                            {QStringLiteral("*.cpp")}, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                if (path.endsWith(QLatin1String("/util/Translation.cpp"))) // the rule itself
                    continue;
                QFile file(path);
                QVERIFY(file.open(QIODevice::ReadOnly));
                const QString text = QString::fromUtf8(file.readAll());
                for (auto m = literal.globalMatch(text); m.hasNext();) {
                    QString s = m.next().captured(1);
                    s.remove(QStringLiteral("http(s)"));
                    if ((s.contains(QLatin1String("(s)")) || s.contains(QLatin1String("(ies)"))) &&
                        !s.contains(QLatin1String("%n")) && !s.contains(QLatin1String("%Ln")))
                        offenders << path + QStringLiteral(": ") + s;
                }
            }
        }
        QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestEnglishPlurals)
#include "test_english_plurals.moc"
