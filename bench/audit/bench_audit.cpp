// Verifying an audit trail from its stored bytes and hashes, in memory: the
// time to check 1,000,000 entries (target: under 5 s), and the time to encode
// and link them (what appending costs). Usage: bench_audit [--entries N]
#include "audit/AuditChain.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>
#include <vector>

using namespace kp;

namespace {

AuditEntry entry(quint64 n)
{
    AuditEntry e;
    e.n = n;
    e.at = QDateTime(QDate(2026, 1, 1), QTime(8, 0), Qt::UTC).addMSecs(qint64(n) * 2000);
    e.desk = QStringLiteral("BW-GAB-1");
    e.actor = n % 2 ? QStringLiteral("anna.molefe") : QStringLiteral("kagiso.sello");
    e.kind = QStringLiteral("verification");
    e.data.insert(QStringLiteral("number"), QStringLiteral("BW-2026-%1").arg(n, 7, 10, QLatin1Char('0')));
    e.data.insert(QStringLiteral("verdict"), QStringLiteral("accept"));
    e.data.insert(QStringLiteral("carats"), qint64(n % 100000) * 7);
    e.data.insert(QStringLiteral("reasons"),
                  QCborArray{QStringLiteral("signature"), QStringLiteral("registry")});
    return e;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    qsizetype count = 1000000;
    const QStringList args = app.arguments();
    const qsizetype at = args.indexOf(QStringLiteral("--entries"));
    if (at > 0 && at + 1 < args.size())
        count = args.at(at + 1).toLongLong();

    std::vector<QByteArray> encoded;
    std::vector<QByteArray> hashes;
    encoded.reserve(size_t(count));
    hashes.reserve(size_t(count));
    QElapsedTimer timer;
    timer.start();
    QByteArray prev = AuditChain::genesis();
    qint64 bytes = 0;
    for (qsizetype i = 1; i <= count; ++i) {
        auto e = AuditChain::encode(entry(quint64(i)));
        if (!e) {
            std::fprintf(stderr, "encode failed: %s\n", qPrintable(e.error().message));
            return 1;
        }
        prev = AuditChain::link(prev, *e);
        bytes += e->size();
        encoded.push_back(std::move(*e));
        hashes.push_back(prev);
    }
    const double appendSecs = double(timer.nsecsElapsed()) / 1e9;

    timer.restart();
    AuditVerifier verifier;
    for (size_t i = 0; i < encoded.size(); ++i) {
        if (Status s = verifier.addEncoded(encoded[i], hashes[i]); !s) {
            std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
            return 1;
        }
    }
    const double verifySecs = double(timer.nsecsElapsed()) / 1e9;
    if (!verifier.finish() || verifier.head() != prev)
        return 1;

    std::printf("entries:           %lld (%.1f MB, %.0f bytes each)\n", static_cast<long long>(count),
                double(bytes) / 1e6, double(bytes) / double(count));
    std::printf("encode + link:     %.2f s (%.2f us per entry)\n", appendSecs,
                appendSecs * 1e6 / double(count));
    std::printf("verify (decode, check deterministic, hash): %.2f s (%.2f us per entry)%s\n", verifySecs,
                verifySecs * 1e6 / double(count),
                count == 1000000 ? (verifySecs < 5 ? "  [target < 5 s: met]" : "  [target < 5 s: MISSED]")
                                 : "");
    return 0;
}
