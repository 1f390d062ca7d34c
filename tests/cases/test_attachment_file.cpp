// Issue 18 items 2 and 8 for the files an officer attaches to a flag or a
// case note (the images that go into the outbox message): only a regular
// file, read once within the limit; what was checked is what is hashed.
#include "TestSupport.h"
#include "cases/AttachmentFile.h"
#include "util/RegularFile.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/resource.h>
#include <sys/stat.h>

using namespace kp;

namespace {

long peakMemoryMiB()
{
    struct rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

} // namespace

class TestAttachmentFile : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString write(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
            return {};
        return path;
    }

private slots:
    void initTestCase()
    {
        test::isolateFromUserMachine();
        QVERIFY(m_dir.isValid());
    }

    void aRegularFileIsReadWhole()
    {
        const QByteArray bytes = QByteArray("\x89PNG\r\n\x1a\n") + QByteArray(5000, 'p');
        const QString path = write(QStringLiteral("container.png"), bytes);
        const auto a = readAttachmentFile(path);
        QVERIFY2(a.ok(), qPrintable(a.ok() ? QString() : a.error().message));
        QCOMPARE(a->name, QStringLiteral("container.png"));
        QCOMPARE(a->data, bytes);
    }

    void aLinkToDevZeroIsRefusedAtOnce()
    {
        const QString path = m_dir.filePath(QStringLiteral("zero.jpg"));
        QVERIFY(QFile::link(QStringLiteral("/dev/zero"), path));
        const long before = peakMemoryMiB();
        QElapsedTimer t;
        t.start();
        const auto a = readAttachmentFile(path);
        QVERIFY(!a.ok());
        QCOMPARE(a.error().code, QStringLiteral("cases.attachment-unreadable"));
        QVERIFY2(a.error().message.contains(QStringLiteral("not a regular file")),
                 qPrintable(a.error().message));
        QVERIFY(t.elapsed() < 2000);
        QVERIFY(peakMemoryMiB() - before < 32);
    }

    void aFifoIsRefusedWithoutBlocking()
    {
        const QString path = m_dir.filePath(QStringLiteral("pipe.jpg"));
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        QElapsedTimer t;
        t.start();
        const auto a = readAttachmentFile(path);
        QVERIFY(!a.ok());
        QCOMPARE(a.error().code, QStringLiteral("cases.attachment-unreadable"));
        QVERIFY(t.elapsed() < 2000);
    }

    void aFolderOrAMissingFileIsRefused()
    {
        QCOMPARE(readAttachmentFile(m_dir.path()).error().code,
                 QStringLiteral("cases.attachment-unreadable"));
        QCOMPARE(readAttachmentFile(m_dir.filePath(QStringLiteral("none.jpg"))).error().code,
                 QStringLiteral("cases.attachment-unreadable"));
    }

    void aFileOverTheLimitIsRefused()
    {
        const QString path =
            write(QStringLiteral("big.jpg"), QByteArray(CaseLife::MaxAttachmentBytes + 1, 'b'));
        const auto a = readAttachmentFile(path);
        QVERIFY(!a.ok());
        QCOMPARE(a.error().code, QStringLiteral("cases.attachment-too-large"));
        // Exactly at the limit is fine.
        QVERIFY(readAttachmentFile(
                    write(QStringLiteral("edge.jpg"), QByteArray(CaseLife::MaxAttachmentBytes, 'e')))
                    .ok());
    }

    // The size limit holds on the bytes read, not on what the file said when
    // opened: a file that grows after the check is not read past the limit.
    void theLimitHoldsOnTheBytesRead()
    {
        const QString path = write(QStringLiteral("growing.jpg"), QByteArray(100, 'g'));
        auto file = RegularFile::open(path);
        QVERIFY(file.ok());
        QCOMPARE(file->size(), qint64(100));
        QFile grow(path);
        QVERIFY(grow.open(QIODevice::Append));
        QVERIFY(grow.write(QByteArray(200, 'h')) == 200);
        grow.close();
        const auto bytes = file->readAll(250);
        QVERIFY(!bytes.ok());
        QCOMPARE(bytes.error().code, QStringLiteral("file.too-large"));
        auto again = RegularFile::open(path);
        QCOMPARE(again->readAll(300).value().size(), 300);
    }

    void aReadPastItsDeadlineIsGivenUp()
    {
        const QString path = write(QStringLiteral("slow.jpg"), QByteArray(10, 's'));
        auto file = RegularFile::open(path);
        QVERIFY(file.ok());
        const auto bytes = file->readAll(100, QDeadlineTimer(0));
        QVERIFY(!bytes.ok());
        QCOMPARE(bytes.error().code, QStringLiteral("file.deadline"));
    }
};

QTEST_GUILESS_MAIN(TestAttachmentFile)
#include "test_attachment_file.moc"
