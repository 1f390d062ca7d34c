// The outbox's two measures (issue 11): an import confirmation made and
// signed (target: under 5 ms), and 10 000 messages taken in by the
// authority's inbox, checks and ledger included (target: under 10 s).
// Usage: bench_outbox [--messages N] [--dir DIR]
#include "authority/MessageInbox.h"
#include "authority/MessageLedger.h"
#include "outbox/MessageFactory.h"
#include "util/Clock.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace kp;

namespace {

InspectionRecord released(int i)
{
    CertificateRecord c;
    c.number = QStringLiteral("BW-2026-%1").arg(i, 6, 10, QLatin1Char('0'));
    c.issuer = QStringLiteral("BW");
    c.authority = QStringLiteral("Ministry of Minerals, Botswana");
    c.issued = QDate(2026, 11, 20);
    c.expires = QDate(2027, 1, 20);
    c.origins = {QStringLiteral("BW")};
    c.exporter = {QStringLiteral("Okavango Rough Exports"), QStringLiteral("Plot 64, Gaborone")};
    c.importer = {QStringLiteral("Schelde Rough NV"), QStringLiteral("Antwerpen")};
    c.destination = QStringLiteral("EU");
    c.lots = {{QStringLiteral("7102.31"), 152035, 41200000}};
    c.parcels = 3;
    InspectionRecord r;
    r.id = QStringLiteral("00000000-0000-4000-8000-%1").arg(i, 12, 10, QLatin1Char('0'));
    r.number = c.number;
    r.participant = c.issuer;
    r.inspection.insert(QStringLiteral("certificate"), c.toJson());
    PhysicalCheck p;
    p.parcelsCounted = 3;
    p.massCarats = 1520.35;
    r.physical = p;
    return r;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    int count = 10000;
    QString dirArg;
    const QStringList args = app.arguments();
    if (const qsizetype at = args.indexOf(QStringLiteral("--messages")); at > 0 && at + 1 < args.size())
        count = args.at(at + 1).toInt();
    if (const qsizetype at = args.indexOf(QStringLiteral("--dir")); at > 0 && at + 1 < args.size())
        dirArg = args.at(at + 1);
    QTemporaryDir temp;
    const QString root = dirArg.isEmpty() ? temp.path() : dirArg;

    // The authority's CA and one enrolled desk.
    const QDateTime from = QDateTime::currentDateTimeUtc().addDays(-1);
    const auto caKey = *PrivateKey::generate(KeyType::EcP256);
    const auto ca = *CertificateFactory::makeAuthorityCa(
        caKey, {QStringLiteral("EU"), QStringLiteral("EU KP Authority"), {}, from, from.addYears(10), 1});
    MessageSigner signer;
    signer.deskId = QStringLiteral("EU-ANR-01");
    signer.participant = QStringLiteral("EU");
    signer.key = *PrivateKey::generate(KeyType::EcP256);
    signer.certificate = *CertificateFactory::makeDeskCertificate(
        ca, caKey, signer.key.publicKey(),
        {QStringLiteral("EU"), signer.deskId, {}, from, from.addYears(2), 2});
    SystemClock clock;
    MessageFactory factory(signer, clock);

    // Made and signed, one by one, into the intake folder.
    const QString intake = root + QStringLiteral("/intake");
    QDir().mkpath(intake);
    std::vector<double> makeMs;
    AuditHead head{1, QByteArray(32, '\x11')};
    for (int i = 1; i <= count; ++i) {
        const InspectionRecord r = released(i);
        QElapsedTimer t;
        t.start();
        auto made = factory.confirmation(r, QStringLiteral("olga"), QStringLiteral("EU"))(quint64(i), head);
        makeMs.push_back(double(t.nsecsElapsed()) / 1e6);
        if (!made) {
            std::fprintf(stderr, "make failed: %s\n", qPrintable(made.error().message));
            return 1;
        }
        QFile f(intake + u'/' + made->fileName);
        if (!f.open(QIODevice::WriteOnly) || f.write(made->bytes) != made->bytes.size())
            return 1;
        ++head.count;
    }
    std::printf("confirmation made and signed: median %.3f ms, max %.3f ms (%d messages)\n", median(makeMs),
                *std::max_element(makeMs.begin(), makeMs.end()), count);

    auto ledger = MessageLedger::open(root + QStringLiteral("/ledger.sqlite"));
    if (!ledger) {
        std::fprintf(stderr, "ledger: %s\n", qPrintable(ledger.error().message));
        return 1;
    }
    MessageInbox inbox(**ledger);
    QElapsedTimer t;
    t.start();
    auto run = inbox.take(intake, {ca}, [](const Certificate&) { return false; });
    const double seconds = double(t.nsecsElapsed()) / 1e9;
    if (!run) {
        std::fprintf(stderr, "inbox: %s\n", qPrintable(run.error().message));
        return 1;
    }
    const int taken = run->count(InboxItem::Outcome::Taken);
    std::printf("authority inbox: %d of %d messages taken in %.2f s (%.0f per second)\n", taken, count,
                seconds, taken / seconds);
    return taken == count ? 0 : 1;
}
