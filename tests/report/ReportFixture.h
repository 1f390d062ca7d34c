#pragma once

// A desk with one recorded inspection (a signed certificate, every check, a
// physical check with a mismatch, a scanned image) and a case on it with a
// note and an image attached; some of its text is hostile markup.

#include "cache/CacheDatabase.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"

#include <QBuffer>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>

#include <memory>

namespace kp::test {

inline const QString Password = QStringLiteral("correct horse battery");
inline const QString Hostile = QStringLiteral("<script>alert('x')</script> & <b>bold</b>");

inline QByteArray pngOf(const QColor& colour, const QSize& size = QSize(120, 80))
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(colour);
    QPainter p(&image);
    p.fillRect(QRect(QPoint(10, 10), size / 3), Qt::black);
    p.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

inline CertificateRecord sampleCertificate()
{
    CertificateRecord c;
    c.number = QStringLiteral("BW-2026-004711");
    c.issuer = QStringLiteral("BW");
    c.authority = QStringLiteral("Botswana KP Authority (DEMO)");
    c.issued = QDate(2026, 11, 20);
    c.expires = QDate(2027, 1, 19);
    c.origins = {QStringLiteral("BW")};
    c.exporter = {QStringLiteral("Okavango Rough Ltd"), QStringLiteral("Plot 1, Gaborone")};
    c.importer = {QStringLiteral("Antwerp Diamonds NV"), QStringLiteral("Hoveniersstraat 2, Antwerpen")};
    c.destination = QStringLiteral("EU");
    c.lots = {Lot{QStringLiteral("7102.10"), 152035, 91221000}};
    c.parcels = 3;
    c.seals = {QStringLiteral("S-1001"), QStringLiteral("S-1002")};
    c.note = QStringLiteral("Signed note");
    return c;
}

struct ReportDesk
{
    QTemporaryDir dir;
    FixedClock clock{QDateTime(QDate(2026, 11, 30), QTime(8, 15), Qt::UTC)};
    std::unique_ptr<CacheDatabase> db;
    std::unique_ptr<SqliteRecordsStore> store;
    std::unique_ptr<DeskRecords> door;
    Session officer;
    Session supervisor;
    QString inspectionId;
    QString caseId;

    // Empty when ready, else what failed.
    QString build()
    {
        auto opened = CacheDatabase::open(dir.filePath(QStringLiteral("desk.sqlite")),
                                          CacheDatabase::OpenMode::CreateIfMissing);
        if (!opened)
            return opened.error().message;
        db = std::move(opened).value();
        store = std::make_unique<SqliteRecordsStore>(*db);
        door = std::make_unique<DeskRecords>(*store, clock);
        const Session cli = Session::forCommandLine(QStringLiteral("root"));
        for (const auto& [name, role] : {std::pair{QStringLiteral("olga"), Role::Officer},
                                         std::pair{QStringLiteral("sam"), Role::Supervisor}})
            if (auto added = door->addAccount(cli, name, role, Password); !added)
                return added.error().message;
        auto o = door->signIn(QStringLiteral("olga"), Password);
        auto s = door->signIn(QStringLiteral("sam"), Password);
        if (!o || !s)
            return QStringLiteral("sign-in");
        officer = *o;
        supervisor = *s;

        Inspection insp;
        insp.input.text = QStringLiteral("KP1:...");
        insp.input.symbology = QStringLiteral("QR Code");
        insp.source = SourceKind::Kp1;
        insp.certificate = sampleCertificate();
        insp.number = insp.certificate->number;
        for (const QString& name : CheckName::all())
            insp.checks << CheckResult{name, CheckStatus::Pass, QStringLiteral("%1 holds").arg(name)};
        insp.checks[10].status = CheckStatus::Warn; // value
        insp.checks[10].detail = QStringLiteral("US$ 600/ct is far below the rough's usual value");
        insp.verdict = Verdict::Doubt;
        insp.inspectionDate = clock.today();
        insp.verifiedAt = clock.nowUtc();
        insp.deskParticipant = QStringLiteral("EU");
        auto id = door->recordVerification(officer, insp, pngOf(Qt::yellow));
        if (!id)
            return id.error().message;
        inspectionId = *id;
        PhysicalCheck check;
        check.declarationRef = QStringLiteral("DECL-77/2026");
        check.parcelsCounted = 2;
        check.massCarats = 1520.35;
        check.sealsIntact = true;
        check.importerMatches = true;
        if (auto final = door->recordPhysicalCheck(officer, inspectionId, check); !final)
            return final.error().message;

        FlagInput flag;
        flag.reasons = {QStringLiteral("value"), QStringLiteral("parcels")};
        flag.notes = Hostile;
        flag.attachments = {EventAttachment{{}, QStringLiteral("container.png"), {}, 0, pngOf(Qt::cyan)},
                            EventAttachment{{}, QStringLiteral("declaration.txt"), {}, 0, "DECL-77"}};
        auto opened2 = door->flag(officer, inspectionId, flag);
        if (!opened2)
            return opened2.error().message;
        caseId = *opened2;
        clock.set(clock.nowUtc().addSecs(3600));
        if (auto t = door->take(supervisor, caseId); !t)
            return t.error().message;
        if (auto n = door->addNote(supervisor, caseId, QStringLiteral("Called the exporter; 2 parcels.")); !n)
            return n.error().message;
        return {};
    }
};

// Pages of a PDF as Qt writes them: "/Type /Page" objects, not "/Type /Pages".
inline int pdfPages(const QByteArray& pdf)
{
    int pages = 0;
    for (qsizetype at = pdf.indexOf("/Type /Page"); at >= 0; at = pdf.indexOf("/Type /Page", at + 1))
        if (pdf.mid(at + 11, 1) != "s")
            ++pages;
    return pages;
}

} // namespace kp::test
