// Issue 19 item 11: account names kept in NFKC without invisible or
// direction characters, look-alike names found by their skeleton, and outside
// text printed so that it cannot drive the terminal.
#include "accounts/AccountName.h"
#include "util/Printable.h"

#include <QTest>

using namespace kp;

class TestAccountName : public QObject
{
    Q_OBJECT

private slots:
    void normalisesToNfkc()
    {
        QCOMPARE(*AccountName::normalise(QStringLiteral("  sam ")), QStringLiteral("sam"));
        QCOMPARE(*AccountName::normalise(QStringLiteral("ｓａｍ")), QStringLiteral("sam")); // full width
        QCOMPARE(*AccountName::normalise(QStringLiteral("ﬁona")), QStringLiteral("fiona")); // ligature
        QCOMPARE(*AccountName::normalise(QStringLiteral("Zoë Dlamini")), QStringLiteral("Zoë Dlamini"));
        QCOMPARE(*AccountName::normalise(QStringLiteral("Zoe\u0308")), QStringLiteral("Zoë"));
        QCOMPARE(*AccountName::normalise(QStringLiteral("محمد")), QStringLiteral("محمد"));
        QCOMPARE(*AccountName::normalise(QStringLiteral("王芳")), QStringLiteral("王芳"));
    }

    void refusesInvisibleAndControls_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("empty") << QString();
        QTest::newRow("spaces") << QStringLiteral("   ");
        QTest::newRow("zero-width space") << QStringLiteral("s\u200Bam");
        QTest::newRow("zero-width joiner") << QStringLiteral("sa\u200Dm");
        QTest::newRow("right-to-left override") << QStringLiteral("\u202Emas");
        QTest::newRow("left-to-right mark") << QStringLiteral("sam\u200E");
        QTest::newRow("isolate") << QStringLiteral("\u2067sam\u2069");
        QTest::newRow("soft hyphen") << QStringLiteral("sa\u00ADm");
        QTest::newRow("C1 NEL") << QStringLiteral("sa\u0085m");
        QTest::newRow("C1 CSI") << QStringLiteral("\u009B2Jsam");
        QTest::newRow("escape") << QStringLiteral("\x1b[2Jsam");
        QTest::newRow("newline") << QStringLiteral("sam\nroot");
        QTest::newRow("tab") << QStringLiteral("sa\tm");
        QTest::newRow("line separator") << QStringLiteral("sam\u2028x");
        QTest::newRow("private use") << QStringLiteral("sam\uE000");
        QTest::newRow("hangul filler") << QStringLiteral("sa\u3164m");
        QTest::newRow("braille blank") << QStringLiteral("sam\u2800");
        QTest::newRow("cli:") << QStringLiteral("cli:root");
        QTest::newRow("too long") << QString(65, u'a');
    }

    void refusesInvisibleAndControls()
    {
        QFETCH(QString, name);
        const auto n = AccountName::normalise(name);
        QVERIFY2(!n.ok(), qPrintable(n ? *n : QString()));
        QCOMPARE(n.error().code, QStringLiteral("records.bad-name"));
    }

    void lookAlikesAreConfusable_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("confusable");
        QTest::newRow("case") << QStringLiteral("sam") << QStringLiteral("SAM") << true;
        QTest::newRow("Cyrillic dze") << QStringLiteral("sam") << QStringLiteral("ѕam") << true;
        QTest::newRow("Cyrillic a") << QStringLiteral("sam") << QStringLiteral("sаm") << true;
        QTest::newRow("Cyrillic capital") << QStringLiteral("Olga") << QStringLiteral("Оlga") << true;
        QTest::newRow("Cyrillic capital B") << QStringLiteral("BOB") << QStringLiteral("ВОВ") << true;
        QTest::newRow("Greek omicron") << QStringLiteral("olga") << QStringLiteral("οlga") << true;
        QTest::newRow("full width") << QStringLiteral("sam") << QStringLiteral("ｓａｍ") << true;
        QTest::newRow("zero for o") << QStringLiteral("sophie") << QStringLiteral("s0phie") << true;
        QTest::newRow("one for l") << QStringLiteral("lena") << QStringLiteral("1ena") << true;
        QTest::newRow("different") << QStringLiteral("sam") << QStringLiteral("sue") << false;
        QTest::newRow("accent") << QStringLiteral("Jose") << QStringLiteral("José") << false;
        QTest::newRow("two numbers") << QStringLiteral("officer1") << QStringLiteral("officer2") << false;
    }

    void lookAlikesAreConfusable()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, confusable);
        QCOMPARE(AccountName::confusable(a, b), confusable);
    }

    void printableEscapesWhatDrivesTheTerminal()
    {
        QCOMPARE(printable(u"\x1b[2J\x1b[Hcleared"), QStringLiteral("\\x1b[2J\\x1b[Hcleared"));
        QCOMPARE(printable(u"low value\nFAKE 2026 line\r"),
                 QStringLiteral("low value\\x0aFAKE 2026 line\\x0d"));
        QCOMPARE(printable(u"a\u009B2Jb\u0085c"), QStringLiteral("a\\x9b2Jb\\x85c"));
        QCOMPARE(printable(u"seal.jpg\u202Egpj.exe"), QStringLiteral("seal.jpg\\u{202e}gpj.exe"));
        QCOMPARE(printable(u"x\u2028y\u2066z"), QStringLiteral("x\\u{2028}y\\u{2066}z"));
        const QString plain = QStringLiteral("Zoë, 王芳, محمد, seals 4–7 cut; C:\\scan");
        QCOMPARE(printable(plain), plain);
    }
};

QTEST_GUILESS_MAIN(TestAccountName)
#include "test_account_name.moc"
