// The office's URL: what is accepted, and the password never in what is shown.
#include "TestSupport.h"
#include "office/OfficeUrl.h"

#include <QTest>

using namespace kp;

class TestOfficeUrl : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { kp::test::isolateFromUserMachine(); }

    void parsesAndRedacts()
    {
        auto url = OfficeUrl::parse(
            QStringLiteral("postgresql://desk1:s3cr%40t@office.example:6543/kpoffice?sslmode=verify-full"));
        QVERIFY(url.ok());
        QCOMPARE(url->user, QStringLiteral("desk1"));
        QCOMPARE(url->password, QStringLiteral("s3cr@t"));
        QCOMPARE(url->host, QStringLiteral("office.example"));
        QCOMPARE(url->port, 6543);
        QCOMPARE(url->database, QStringLiteral("kpoffice"));
        QCOMPARE(url->sslmode, QStringLiteral("verify-full"));
        QVERIFY(!url->redacted().contains(QStringLiteral("s3cr")));
        QCOMPARE(url->redacted(),
                 QStringLiteral("postgresql://desk1@office.example:6543/kpoffice?sslmode=verify-full"));
        QVERIFY(url->toString().contains(QStringLiteral("s3cr%40t")));
        QCOMPARE(url->scrub(QStringLiteral("password s3cr@t refused")),
                 QStringLiteral("password *** refused"));
    }

    void socketFolder()
    {
        auto url = OfficeUrl::parse(QStringLiteral("postgresql://kp@localhost/office?host=/run/postgresql"));
        QVERIFY(url.ok());
        QCOMPARE(url->host, QStringLiteral("/run/postgresql"));
        QCOMPARE(url->port, 5432);
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("scheme") << "mysql://kp@h/db";
        QTest::newRow("no database") << "postgresql://kp@h";
        QTest::newRow("no user") << "postgresql://h/db";
        QTest::newRow("bad sslmode") << "postgresql://kp:pw@h/db?sslmode=maybe";
        QTest::newRow("unknown parameter") << "postgresql://kp:pw@h/db?options=-c";
    }

    void refuses()
    {
        QFETCH(QString, text);
        auto url = OfficeUrl::parse(text);
        QVERIFY(!url.ok());
        QCOMPARE(url.error().code, QStringLiteral("office.url"));
        QVERIFY(!url.error().message.contains(QStringLiteral("pw")));
    }
};

QTEST_GUILESS_MAIN(TestOfficeUrl)
#include "test_office_url.moc"
