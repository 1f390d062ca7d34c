// A stand-in for an officer's window in a process of its own (the
// two-process test of issue 18 item 13): opens the desk as the window does
// and saves a small record every 20 ms until the file STOP exists, each in
// its own write transaction, measuring how long each waited for SQLite's
// write lock (BEGIN IMMEDIATE) and how long each took from BEGIN to COMMIT
// (the commit's fsync included, which a loaded disk makes slow by itself).
//
// Usage: officer_writer DESK STOP
// Prints "ready", then at the end "saves N failed F wait MS save MS" (the longest), and exits
// 0; 1 when the desk cannot be opened.
#include "cache/CacheDatabase.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3)
        return 2;
    auto db = kp::CacheDatabase::open(args[1], kp::CacheDatabase::OpenMode::MustExist);
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().message));
        return 1;
    }
    const QString stop = args[2];
    std::printf("ready\n");
    std::fflush(stdout);
    int saves = 0;
    int failed = 0;
    qint64 longestWait = 0;
    qint64 longestSave = 0;
    while (!QFile::exists(stop)) {
        QElapsedTimer t;
        t.start();
        QSqlQuery q((*db)->connection());
        bool ok = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
        const qint64 waited = t.elapsed();
        if (ok) {
            q.prepare(QStringLiteral("INSERT INTO presentations(no, at, verdict) VALUES(?, ?, ?)"));
            q.addBindValue(QStringLiteral("BW-OFFICER-%1").arg(saves));
            q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
            q.addBindValue(QStringLiteral("accept"));
            ok = q.exec() && q.exec(QStringLiteral("COMMIT"));
            if (!ok)
                q.exec(QStringLiteral("ROLLBACK"));
        }
        const qint64 took = t.elapsed();
        if (ok) {
            ++saves;
            longestWait = qMax(longestWait, waited);
            longestSave = qMax(longestSave, took);
        } else {
            ++failed;
            std::fprintf(stderr, "save failed after %lld ms: %s\n", took, qPrintable(q.lastError().text()));
        }
        QThread::msleep(20);
    }
    std::printf("saves %d failed %d wait %lld save %lld\n", saves, failed, longestWait, longestSave);
    return 0;
}
