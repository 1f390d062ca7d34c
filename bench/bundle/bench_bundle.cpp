// A full bundle of N certificate records (default one million): apply time
// and peak memory, against raw SQLite inserts of the same rows in the same
// run, then the median lookup of a plain number in the resulting cache.
//
// With --network it also publishes the bundle, serves it with nginx on
// loopback and compares a sync over HTTP with a sync from the folder.
//
// Usage: bench_bundle [--records N] [--dir DIR] [--network]
// Each measurement runs in a child process of its own, so that its peak
// resident memory (getrusage) is its own.
#include "cache/CacheDatabase.h"
#include "format/Cbor.h"
#include "sync/BundleApplier.h"
#include "sync/BundleWriter.h"
#include "sync/Publisher.h"
#include "sync/SyncClient.h"
#include "util/Clock.h"

#include <QCborArray>
#include <QCborMap>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>

using namespace kp;

namespace {

const QDateTime Now(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC);

QString numberOf(qint64 i)
{
    return QStringLiteral("BW-2026-%1").arg(i, 7, 10, QLatin1Char('0'));
}

// A certificate record in a COSE_Sign1 of realistic size. The signature is
// random bytes: applying a bundle stores records as signed and does not
// verify them (the desk verifies a record when it is used), so signing a
// million records would only slow the set-up.
QByteArray recordBytes(qint64 i)
{
    const QCborMap record{
        {QStringLiteral("v"), 1},
        {QStringLiteral("no"), numberOf(i)},
        {QStringLiteral("iss"), QStringLiteral("BW")},
        {QStringLiteral("auth"), QStringLiteral("Government Diamond Valuator, Gaborone")},
        {QStringLiteral("di"), QStringLiteral("2026-11-02")},
        {QStringLiteral("de"), QStringLiteral("2027-01-01")},
        {QStringLiteral("org"), QCborArray{QStringLiteral("BW")}},
        {QStringLiteral("exp"),
         QCborMap{{QStringLiteral("n"), QStringLiteral("Okavango Rough Exports (Pty) Ltd")},
                  {QStringLiteral("a"), QStringLiteral("Plot 64, Gaborone")}}},
        {QStringLiteral("imp"),
         QCborMap{{QStringLiteral("n"), QStringLiteral("Schelde Rough NV")},
                  {QStringLiteral("a"), QStringLiteral("Hoveniersstraat 22, 2018 Antwerpen")}}},
        {QStringLiteral("dst"), QStringLiteral("EU")},
        {QStringLiteral("lots"), QCborArray{QCborMap{{QStringLiteral("hs"), QStringLiteral("7102.31")},
                                                     {QStringLiteral("cct"), 152035 + i % 1000},
                                                     {QStringLiteral("usd"), 41200000}}}},
        {QStringLiteral("np"), 3},
        {QStringLiteral("seals"), QCborArray{QStringLiteral("GDV-88231")}},
    };
    QByteArray signature(64, Qt::Uninitialized);
    for (char& c : signature)
        c = char(QRandomGenerator::global()->bounded(256));
    const QByteArray protectedBytes = encodeCbor(QCborMap{{1, -7}, {4, QByteArray(8, '\x11')}});
    return encodeCbor(
        QCborValue(QCborTag(18), QCborArray{protectedBytes, QCborMap(), encodeCbor(record), signature}));
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

long peakRssKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// CPU seconds (user and system, every thread) this process has used.
double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// One line for the parent: what, wall seconds, peak RSS KiB, CPU seconds of
// the step (on a busy machine wall time moves with the load, CPU time less).
void report(const char* what, double seconds, double cpu = 0)
{
    std::printf("%s %.3f %ld %.3f\n", what, seconds, peakRssKiB(), cpu);
}

int makeBundle(const QString& dir, qint64 n)
{
    if (!QDir().mkpath(dir)) {
        std::fprintf(stderr, "cannot create %s\n", qPrintable(dir));
        return 1;
    }
    const auto key = PrivateKey::generate(KeyType::EcP256);
    CertificateSpec spec;
    spec.country = QStringLiteral("BE");
    spec.commonName = QStringLiteral("BE bundle signer (benchmark)");
    spec.notBefore = Now.addYears(-1);
    spec.notAfter = Now.addYears(2);
    const auto cert = CertificateFactory::makeSelfSignedSigner(*key, spec);
    QFile pem(dir + QStringLiteral("/bundle-key.der"));
    if (!cert || !pem.open(QIODevice::WriteOnly) || pem.write(cert->der()) != cert->der().size()) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(pem.fileName()));
        return 1;
    }
    QFile keyPem(dir + QStringLiteral("/bundle-key.pem"));
    if (!keyPem.open(QIODevice::WriteOnly) || keyPem.write(key->toPem()) <= 0)
        return 1;
    BundleManifest header;
    header.publisher = QStringLiteral("BE");
    header.seq = 1;
    header.at = Now;
    header.fresh = Now.addDays(14);
    QElapsedTimer t;
    t.start();
    BundleWriter writer(header);
    for (qint64 i = 0; i < n; ++i)
        writer.addCertificate(recordBytes(i));
    if (auto s = writer.finish(dir + QStringLiteral("/full.kpsync"), *key, *cert); !s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
        return 1;
    }
    report("make", double(t.nsecsElapsed()) / 1e9);
    return 0;
}

int applyBundle(const QString& dir)
{
    QFile::remove(dir + QStringLiteral("/desk.sqlite"));
    auto db =
        CacheDatabase::open(dir + QStringLiteral("/desk.sqlite"), CacheDatabase::OpenMode::CreateIfMissing);
    QFile der(dir + QStringLiteral("/bundle-key.der"));
    if (!db || !der.open(QIODevice::ReadOnly) || !(*db)->setParticipant(QStringLiteral("BE")) ||
        !(*db)->addPinnedBundleKey(der.readAll()))
        return 1;
    FixedClock clock(Now);
    const double cpu = cpuSeconds();
    QElapsedTimer t;
    t.start();
    const auto applied = applyBundleFile(**db, dir + QStringLiteral("/full.kpsync"), clock);
    if (!applied) {
        std::fprintf(stderr, "%s\n", qPrintable(applied.error().message));
        return 1;
    }
    report("apply", double(t.nsecsElapsed()) / 1e9, cpuSeconds() - cpu);
    return 0;
}

// The floor: the same rows straight into a table made as the desk's `certs`
// (the same CREATE statement, so the same primary-key index), with the
// sqlite3 C API: one prepared statement, one transaction, the pragmas of a
// desk connection (WAL, synchronous FULL) and SQLite's default page cache, as
// the staged apply uses. The rows are made in memory beforehand: no file is
// read, nothing is parsed or hashed.
int rawInserts(const QString& dir, qint64 n)
{
    struct Row
    {
        QByteArray no;
        QByteArray cose;
    };
    std::vector<Row> rows;
    rows.reserve(size_t(n));
    for (qint64 i = 0; i < n; ++i)
        rows.push_back({numberOf(i).toUtf8(), recordBytes(i)});
    const QByteArray path = QFile::encodeName(dir + QStringLiteral("/raw.sqlite"));
    QFile::remove(QString::fromUtf8(path));
    QFile::remove(QString::fromUtf8(path) + QStringLiteral("-wal"));
    sqlite3* db = nullptr;
    if (sqlite3_open(path.constData(), &db) != SQLITE_OK)
        return 1;
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", nullptr,
                 nullptr, nullptr);
    sqlite3_exec(db, "CREATE TABLE certs(no TEXT PRIMARY KEY, iss TEXT, di TEXT, cose BLOB NOT NULL)",
                 nullptr, nullptr, nullptr);
    const double cpu = cpuSeconds();
    QElapsedTimer t;
    t.start();
    sqlite3_stmt* stmt = nullptr;
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO certs(no, iss, di, cose) VALUES(?, ?, ?, ?)", -1, &stmt,
                       nullptr);
    for (const Row& r : rows) {
        sqlite3_bind_text(stmt, 1, r.no.constData(), int(r.no.size()), SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, "BW", 2, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 3, "2026-11-02", 10, SQLITE_STATIC);
        sqlite3_bind_blob(stmt, 4, r.cose.constData(), int(r.cose.size()), SQLITE_STATIC);
        if (sqlite3_step(stmt) != SQLITE_DONE)
            return 1;
        sqlite3_reset(stmt);
    }
    sqlite3_finalize(stmt);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    report("raw", double(t.nsecsElapsed()) / 1e9, cpuSeconds() - cpu);
    sqlite3_close(db);
    return 0;
}

// A desk synced through SyncClient from `source` (a folder or a URL).
int syncDesk(const QString& dir, const QString& source, const QString& name)
{
    const QString dbPath = dir + QLatin1Char('/') + name + QStringLiteral(".sqlite");
    QFile::remove(dbPath);
    QFile::remove(dbPath + QStringLiteral("-wal"));
    auto db = CacheDatabase::open(dbPath, CacheDatabase::OpenMode::CreateIfMissing);
    QFile der(dir + QStringLiteral("/bundle-key.der"));
    if (!db || !der.open(QIODevice::ReadOnly) || !(*db)->setParticipant(QStringLiteral("BE")) ||
        !(*db)->addPinnedBundleKey(der.readAll()))
        return 1;
    FixedClock clock(Now);
    FetchOptions options;
    options.proxy = QStringLiteral("none");
    options.downloadDir = dir + QStringLiteral("/downloads-") + name;
    QElapsedTimer t;
    t.start();
    const auto outcome = syncFrom(**db, source, options, clock);
    if (!outcome) {
        std::fprintf(stderr, "%s\n", qPrintable(outcome.error().message));
        return 1;
    }
    report("sync", double(t.nsecsElapsed()) / 1e9);
    return 0;
}

int publish(const QString& dir)
{
    const auto key = PrivateKey::fromPem(readAll(dir + QStringLiteral("/bundle-key.pem")));
    const auto cert = Certificate::fromDer(readAll(dir + QStringLiteral("/bundle-key.der")));
    if (!key || !cert)
        return 1;
    const auto index =
        publishFolder(dir + QStringLiteral("/site"), {dir + QStringLiteral("/full.kpsync")}, *key, *cert);
    return index ? 0 : 1;
}

int lookups(const QString& dir, qint64 n)
{
    auto db = CacheDatabase::open(dir + QStringLiteral("/desk.sqlite"), CacheDatabase::OpenMode::MustExist);
    if (!db)
        return 1;
    std::vector<double> us;
    const int runs = 20000;
    for (int i = 0; i < runs; ++i) {
        const QString number = numberOf(QRandomGenerator::global()->bounded(n));
        QElapsedTimer t;
        t.start();
        const auto bytes = (*db)->certificateRecord(number);
        us.push_back(double(t.nsecsElapsed()) / 1e3);
        if (!bytes || !*bytes)
            return 1;
    }
    std::sort(us.begin(), us.end());
    std::printf("lookup %.1f %.1f\n", us[us.size() / 2], us[us.size() * 99 / 100]);
    return 0;
}

// Runs this program with `args` and returns the line it printed.
QStringList child(const QStringList& args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start(QCoreApplication::applicationFilePath(), args);
    if (!p.waitForFinished(-1) || p.exitCode() != 0) {
        std::fprintf(stderr, "step %s failed\n", qPrintable(args.join(QLatin1Char(' '))));
        std::exit(1);
    }
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed().split(QLatin1Char(' '));
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("kpdesk.*.info=false"));
    const QStringList args = app.arguments();
    const auto option = [&](const char* name, const QString& fallback) {
        const auto i = args.indexOf(QString::fromLatin1(name));
        return i > 0 && i + 1 < args.size() ? args[i + 1] : fallback;
    };
    const qint64 n = option("--records", QStringLiteral("1000000")).toLongLong();
    const QString step = option("--step", QString());
    if (!step.isEmpty()) {
        const QString dir = option("--dir", QString());
        if (step == QLatin1String("make"))
            return makeBundle(dir, n);
        if (step == QLatin1String("apply"))
            return applyBundle(dir);
        if (step == QLatin1String("raw"))
            return rawInserts(dir, n);
        if (step == QLatin1String("publish"))
            return publish(dir);
        if (step == QLatin1String("sync"))
            return syncDesk(dir, option("--source", QString()), option("--name", QStringLiteral("synced")));
        return lookups(dir, n);
    }

    QTemporaryDir temp(QDir::currentPath() + QStringLiteral("/bench-bundle-XXXXXX"));
    const QString dir = option("--dir", temp.path());
    const QStringList common{QStringLiteral("--records"), QString::number(n), QStringLiteral("--dir"), dir};
    const QStringList made = child(QStringList{QStringLiteral("--step"), QStringLiteral("make")} + common);
    const QStringList applied =
        child(QStringList{QStringLiteral("--step"), QStringLiteral("apply")} + common);
    const QStringList raw = child(QStringList{QStringLiteral("--step"), QStringLiteral("raw")} + common);
    const QStringList looked =
        child(QStringList{QStringLiteral("--step"), QStringLiteral("lookup")} + common);
    QStringList network;
    QStringList folder;
    if (args.contains(QStringLiteral("--network"))) {
        child(QStringList{QStringLiteral("--step"), QStringLiteral("publish")} + common);
        const QString site = dir + QStringLiteral("/site");
        const quint16 port = 18000 + quint16(QCoreApplication::applicationPid() % 1000);
        QDir().mkpath(dir + QStringLiteral("/nginx/logs"));
        QFile conf(dir + QStringLiteral("/nginx/nginx.conf"));
        if (!conf.open(QIODevice::WriteOnly))
            return 1;
        conf.write(QStringLiteral(
                       "error_log %1/nginx/logs/error.log; pid %1/nginx/nginx.pid;\n"
                       "events { worker_connections 64; }\n"
                       "http { access_log off; client_body_temp_path %1/nginx; proxy_temp_path %1/nginx;\n"
                       "  fastcgi_temp_path %1/nginx; uwsgi_temp_path %1/nginx; scgi_temp_path %1/nginx;\n"
                       "  server { listen 127.0.0.1:%2; root %3; } }\n")
                       .arg(dir)
                       .arg(port)
                       .arg(site)
                       .toUtf8());
        conf.close();
        QProcess nginx;
        nginx.start(QStringLiteral("nginx"), {QStringLiteral("-p"), dir + QStringLiteral("/nginx"),
                                              QStringLiteral("-c"), conf.fileName(), QStringLiteral("-g"),
                                              QStringLiteral("daemon off; master_process off;")});
        if (!nginx.waitForStarted()) {
            std::fprintf(stderr, "nginx did not start (install nginx-light)\n");
            return 1;
        }
        QThread::msleep(300);
        folder =
            child(QStringList{QStringLiteral("--step"), QStringLiteral("sync"), QStringLiteral("--source"),
                              site, QStringLiteral("--name"), QStringLiteral("from-folder")} +
                  common);
        network =
            child(QStringList{QStringLiteral("--step"), QStringLiteral("sync"), QStringLiteral("--source"),
                              QStringLiteral("http://127.0.0.1:%1/").arg(port), QStringLiteral("--name"),
                              QStringLiteral("over-http")} +
                  common);
        nginx.terminate();
        nginx.waitForFinished(5000);
    }
    const double bundleMiB = double(QFileInfo(dir + QStringLiteral("/full.kpsync")).size()) / (1 << 20);
    QTextStream out(stdout);
    out << "records: " << n << ", bundle " << QString::number(bundleMiB, 'f', 1) << " MiB (made in "
        << made[1] << " s)\n"
        << "apply full bundle:   " << applied[1] << " s, peak RSS " << applied[2].toLong() / 1024 << " MiB\n"
        << "raw SQLite inserts:  " << raw[1] << " s (rows prepared in memory beforehand)\n"
        << "apply / raw:         " << QString::number(applied[1].toDouble() / raw[1].toDouble(), 'f', 2)
        << "x (CPU time: apply " << applied[3] << " s, raw " << raw[3] << " s, "
        << QString::number(applied[3].toDouble() / raw[3].toDouble(), 'f', 2) << "x)\n"
        << "lookup of a number:  median " << looked[1] << " us, p99 " << looked[2] << " us\n";
    if (!network.isEmpty())
        out << "sync from a folder:  " << folder[1] << " s, peak RSS " << folder[2].toLong() / 1024
            << " MiB\n"
            << "sync over HTTP:      " << network[1] << " s, peak RSS " << network[2].toLong() / 1024
            << " MiB\n"
            << "HTTP / folder:       "
            << QString::number(network[1].toDouble() / folder[1].toDouble(), 'f', 2) << "x\n";
    return 0;
}
