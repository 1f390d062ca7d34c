// Password hashes: scrypt against RFC 7914's vectors, the stored string
// format, tampering, parameters that can be raised later, password rules.
#include "TestSupport.h"
#include "accounts/PasswordHash.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QtTest>

using namespace kp;

namespace {

// Cheap parameters for tests that are not about the cost.
const ScryptParams kFast{1024, 8, 1};

QString text(const char* s)
{
    return QString::fromUtf8(s);
}

} // namespace

class TestPasswordHash : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { test::isolateFromUserMachine(); }

    void rfc7914Vectors_data()
    {
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<QByteArray>("salt");
        QTest::addColumn<quint64>("n");
        QTest::addColumn<quint32>("r");
        QTest::addColumn<quint32>("p");
        QTest::addColumn<QByteArray>("expected");
        // RFC 7914 §12 (the fourth, N = 2^20, takes 1 GiB and is left out).
        QTest::newRow("empty, N=16 r=1 p=1")
            << QByteArray() << QByteArray() << quint64(16) << quint32(1) << quint32(1)
            << QByteArray("77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                          "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906");
        QTest::newRow("password NaCl, N=1024 r=8 p=16")
            << QByteArray("password") << QByteArray("NaCl") << quint64(1024) << quint32(8) << quint32(16)
            << QByteArray("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                          "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640");
        QTest::newRow("pleaseletmein SodiumChloride, N=16384 r=8 p=1")
            << QByteArray("pleaseletmein") << QByteArray("SodiumChloride") << quint64(16384) << quint32(8)
            << quint32(1)
            << QByteArray("7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
                          "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887");
    }

    void rfc7914Vectors()
    {
        QFETCH(QByteArray, password);
        QFETCH(QByteArray, salt);
        QFETCH(quint64, n);
        QFETCH(quint32, r);
        QFETCH(quint32, p);
        QFETCH(QByteArray, expected);
        const auto derived = PasswordHash::scrypt(password, salt, ScryptParams{n, r, p}, 64);
        QVERIFY2(derived.ok(), qPrintable(derived.ok() ? QString() : derived.error().message));
        QCOMPARE(derived->toHex(), expected);
    }

    // The desk's parameters (a test process hashes lighter by default: TestSupport).
    void defaultParametersMakeTheDocumentedString()
    {
        QCOMPARE(ScryptParams::desk(), (ScryptParams{16384, 8, 1}));
        QCOMPARE(ScryptParams::desk().memoryBytes(), quint64(16) << 20);
        const auto stored = PasswordHash::hash(text("correct horse battery"), ScryptParams::desk());
        QVERIFY(stored.ok());
        // 16 bytes of salt and 32 of hash: 22 and 43 base64 characters without padding.
        QVERIFY2(
            QRegularExpression(text("\\Ascrypt\\$N=16384,r=8,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}\\z"))
                .match(*stored)
                .hasMatch(),
            qPrintable(*stored));
        QVERIFY(PasswordHash::verify(text("correct horse battery"), *stored).ok());
        QVERIFY(!PasswordHash::needsRehash(*stored));
    }

    void rightAndWrongPasswords()
    {
        const QString stored = *PasswordHash::hash(text("Tsodilo Hills 1998"), kFast);
        QVERIFY(PasswordHash::verify(text("Tsodilo Hills 1998"), stored).ok());
        for (const char* wrong : {"tsodilo Hills 1998", "Tsodilo Hills 1998 ", "Tsodilo Hills 199", ""}) {
            const Status s = PasswordHash::verify(text(wrong), stored);
            QVERIFY2(!s.ok(), wrong);
            QCOMPARE(s.error().code, text("accounts.wrong-password"));
        }
    }

    void saltIsFreshEachTime()
    {
        const QString a = *PasswordHash::hash(text("same password here"), kFast);
        const QString b = *PasswordHash::hash(text("same password here"), kFast);
        QVERIFY(a != b);
        QVERIFY(a.section(u'$', 2, 2) != b.section(u'$', 2, 2));
        QVERIFY(PasswordHash::verify(text("same password here"), a).ok());
        QVERIFY(PasswordHash::verify(text("same password here"), b).ok());
    }

    void composedAndDecomposedAccentsAreTheSamePassword()
    {
        const QString composed = text("caf\xc3\xa9 au lait");    // é as U+00E9
        const QString decomposed = text("cafe\xcc\x81 au lait"); // e + U+0301
        QVERIFY(composed != decomposed);
        const QString stored = *PasswordHash::hash(composed, kFast);
        QVERIFY(PasswordHash::verify(decomposed, stored).ok());
    }

    void tamperedStringsAreRefused_data()
    {
        QTest::addColumn<QString>("stored");
        QTest::addColumn<QString>("code");
        const QString good = *PasswordHash::hash(text("a good password"), kFast);
        const QStringList parts = good.split(u'$');
        const QString salt = parts[2];
        const QString hash = parts[3];
        auto with = [&](const QString& params, const QString& s, const QString& h) -> QString {
            return text("scrypt$") + params + u'$' + s + u'$' + h;
        };
        QString flipped = hash;
        flipped[5] = flipped[5] == u'A' ? u'B' : u'A';
        QTest::newRow("hash changed")
            << with(text("N=1024,r=8,p=1"), salt, flipped) << "accounts.wrong-password";
        QString otherSalt = salt;
        otherSalt[3] = otherSalt[3] == u'A' ? u'B' : u'A';
        QTest::newRow("salt changed")
            << with(text("N=1024,r=8,p=1"), otherSalt, hash) << "accounts.wrong-password";
        QTest::newRow("N lowered") << with(text("N=512,r=8,p=1"), salt, hash) << "accounts.wrong-password";
        QTest::newRow("empty") << QString() << "accounts.bad-hash";
        QTest::newRow("other scheme") << text("$2b$12$abcdefghijklmnopqrstuv") << "accounts.bad-hash";
        QTest::newRow("upper-case name")
            << with(text("N=1024,r=8,p=1"), salt, hash).replace(0, 6, text("SCRYPT")) << "accounts.bad-hash";
        QTest::newRow("N not a power of 2")
            << with(text("N=1000,r=8,p=1"), salt, hash) << "accounts.bad-hash";
        QTest::newRow("N 2^21") << with(text("N=2097152,r=8,p=1"), salt, hash) << "accounts.bad-hash";
        QTest::newRow("N 1") << with(text("N=1,r=8,p=1"), salt, hash) << "accounts.bad-hash";
        QTest::newRow("N with a leading zero")
            << with(text("N=01024,r=8,p=1"), salt, hash) << "accounts.bad-hash";
        QTest::newRow("r 0") << with(text("N=1024,r=0,p=1"), salt, hash) << "accounts.bad-hash";
        QTest::newRow("r 33") << with(text("N=1024,r=33,p=1"), salt, hash) << "accounts.bad-hash";
        QTest::newRow("p 17") << with(text("N=1024,r=8,p=17"), salt, hash) << "accounts.bad-hash";
        QTest::newRow("2 GiB") << with(text("N=1048576,r=16,p=1"), salt, hash) << "accounts.bad-hash";
        QTest::newRow("parameters reordered")
            << with(text("r=8,N=1024,p=1"), salt, hash) << "accounts.bad-hash";
        QTest::newRow("padding") << with(text("N=1024,r=8,p=1"), salt + text("=="), hash)
                                 << "accounts.bad-hash";
        QTest::newRow("not base64") << with(text("N=1024,r=8,p=1"), salt, hash.left(40) + text("*"))
                                    << "accounts.bad-hash";
        QTest::newRow("non-canonical base64 tail")
            << with(text("N=1024,r=8,p=1"), salt.left(21) + text("B"), hash) << "accounts.bad-hash";
        QTest::newRow("salt 8 bytes")
            << with(text("N=1024,r=8,p=1"), text("AAAAAAAAAAA"), hash) << "accounts.bad-hash";
        QTest::newRow("hash 16 bytes")
            << with(text("N=1024,r=8,p=1"), salt, hash.left(22)) << "accounts.bad-hash";
        QTest::newRow("extra field") << QString(good + text("$x")) << "accounts.bad-hash";
        QTest::newRow("trailing newline") << QString(good + text("\n")) << "accounts.bad-hash";
    }

    void tamperedStringsAreRefused()
    {
        QFETCH(QString, stored);
        QFETCH(QString, code);
        QElapsedTimer timer;
        timer.start();
        const Status s = PasswordHash::verify(text("a good password"), stored);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, code);
        QVERIFY(!s.error().message.isEmpty());
        if (code == text("accounts.bad-hash")) {
            QVERIFY(PasswordHash::needsRehash(stored));
            QVERIFY(timer.elapsed() < 50); // refused before any scrypt
        }
    }

    void parametersCanBeRaisedLater()
    {
        const QString old = *PasswordHash::hash(text("a long passphrase"), ScryptParams{8192, 8, 1});
        QCOMPARE(*PasswordHash::paramsOf(old), (ScryptParams{8192, 8, 1}));
        QVERIFY(!PasswordHash::needsRehash(old, ScryptParams{8192, 8, 1}));
        QVERIFY(PasswordHash::needsRehash(old, ScryptParams{32768, 8, 1}));
        QVERIFY(PasswordHash::needsRehash(old)); // the defaults are higher
        const QString raised = *PasswordHash::hash(text("a long passphrase"));
        QVERIFY(!PasswordHash::needsRehash(raised));
        // The old string still verifies: its parameters travel with it.
        QVERIFY(PasswordHash::verify(text("a long passphrase"), old).ok());
        QCOMPARE(PasswordHash::paramsOf(text("nonsense")).error().code, text("accounts.bad-hash"));
    }

    void unsupportedParametersAreRefusedWhenHashing()
    {
        for (const ScryptParams& p :
             {ScryptParams{1000, 8, 1}, ScryptParams{2097152, 8, 1}, ScryptParams{1024, 0, 1},
              ScryptParams{1024, 8, 0}, ScryptParams{1048576, 32, 1}}) {
            const auto stored = PasswordHash::hash(text("whatever password"), p);
            QVERIFY(!stored.ok());
            QCOMPARE(stored.error().code, text("accounts.bad-params"));
        }
    }

    void passwordRules_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("code");
        QTest::newRow("9 characters") << text("abcdefghi") << QString() << "accounts.password-too-short";
        QTest::newRow("10 characters") << text("abcdefghij") << QString() << QString();
        QTest::newRow("9 accented") << QString(9, QChar(0xe9)) << QString() << "accounts.password-too-short";
        QTest::newRow("10 accented") << QString(10, QChar(0xe9)) << QString() << QString();
        // Characters outside the BMP take two UTF-16 units but count once.
        QTest::newRow("9 emoji") << text("\xf0\x9f\x92\x8e").repeated(9) << QString()
                                 << "accounts.password-too-short";
        QTest::newRow("10 emoji") << text("\xf0\x9f\x92\x8e").repeated(10) << QString() << QString();
        QTest::newRow("empty") << QString() << QString() << "accounts.password-too-short";
        QTest::newRow("the name") << text("Kagiso.Sello") << text("kagiso.sello")
                                  << "accounts.password-is-name";
        QTest::newRow("1025 characters") << QString(1025, u'x') << QString() << "accounts.password-too-long";
        QTest::newRow("1024 characters") << QString(1024, u'x') << QString() << QString();
    }

    void passwordRules()
    {
        QFETCH(QString, password);
        QFETCH(QString, name);
        QFETCH(QString, code);
        const Status s = PasswordRules{}.check(password, name);
        if (code.isEmpty()) {
            QVERIFY(s.ok());
            return;
        }
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, code);
        if (code == text("accounts.password-too-short"))
            QCOMPARE(s.error().message, text("The password must have at least 10 characters."));
    }
};

QTEST_GUILESS_MAIN(TestPasswordHash)
#include "test_password_hash.moc"
