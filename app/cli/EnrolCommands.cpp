// enrol (desk side) and authority enrol / desks / revoke-desk: a desk's key
// and its desk certificate from the home authority (kp-outbox.md).
#include "AdminSession.h"
#include "CliFiles.h"
#include "CliSupport.h"
#include "CliTrail.h"
#include "Commands.h"

#include "authority/DeskRegistry.h"
#include "crypto/CertificateRequest.h"
#include "outbox/DeskIdentity.h"
#include "outbox/EnrolmentFiles.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"

#include <QCborMap>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonObject>

namespace kp::cli {

namespace {

constexpr qint64 MaxPemFile = 64 * 1024;

QString isoTime(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

QJsonValue jsonTime(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(isoTime(t)) : QJsonValue(QJsonValue::Null);
}

int enrolStatus(CacheDatabase& db, bool json)
{
    const auto participant = db.participant();
    const auto deskId = db.enrolledDeskId();
    const auto pem = db.deskCertificatePem();
    for (const Error* e : {participant ? nullptr : &participant.error(), deskId ? nullptr : &deskId.error(),
                           pem ? nullptr : &pem.error()}) {
        if (e)
            return fail(QStringLiteral("enrol"), e->message);
    }
    const auto identity = DeskIdentity::load(db);
    const auto cert = pem->isEmpty() ? Result<Certificate>(Certificate()) : Certificate::fromPem(*pem);
    const Certificate c = cert ? *cert : Certificate();
    // The authority's list of desks (bundle part `desks`): a revoked
    // certificate signs nothing another desk or the authority takes.
    const auto revokedOn = c.isNull() ? Result<QDate>(QDate()) : DeskIdentity::revokedOn(db, c);
    if (!revokedOn)
        return fail(QStringLiteral("enrol"), revokedOn.error().message);
    const QDate revoked = *revokedOn;
    const bool enrolled = identity.ok() && !revoked.isValid();
    const QString problem =
        revoked.isValid()
            ? Tr::tr("The authority revoked this desk's certificate on %1: enrol the desk again.")
                  .arg(revoked.toString(Qt::ISODate))
        : enrolled || pem->isEmpty() ? QString()
                                     : identity.error().message;
    if (json) {
        auto orNull = [](const QString& s) {
            return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
        };
        printJson(QJsonObject{
            {QStringLiteral("db"), db.path()},
            {QStringLiteral("participant"), orNull(*participant)},
            {QStringLiteral("deskId"), orNull(*deskId)},
            {QStringLiteral("enrolled"), enrolled},
            {QStringLiteral("pending"), !deskId->isEmpty() && pem->isEmpty()},
            {QStringLiteral("problem"), orNull(problem)},
            {QStringLiteral("revoked"), orNull(revoked.toString(Qt::ISODate))},
            {QStringLiteral("certificate"),
             c.isNull() ? QJsonValue(QJsonValue::Null)
                        : QJsonValue(QJsonObject{
                              {QStringLiteral("subjectC"), c.subjectCountry()},
                              {QStringLiteral("subjectCN"), c.subjectCommonName()},
                              {QStringLiteral("notBefore"), jsonTime(c.notBefore())},
                              {QStringLiteral("notAfter"), jsonTime(c.notAfter())},
                              {QStringLiteral("sha256"), QString::fromLatin1(c.sha256().toHex())}})},
        });
        return enrolled ? ExitOk : ExitRefused;
    }
    out() << Tr::tr("Participant: %1").arg(*participant) << '\n';
    if (c.isNull()) {
        out() << (deskId->isEmpty()
                      ? Tr::tr("Not enrolled.")
                      : Tr::tr("Not enrolled: desk %1 is waiting for its certificate.").arg(*deskId))
              << Qt::endl;
        return ExitRefused;
    }
    out() << Tr::tr("Desk: %1").arg(*deskId) << '\n'
          << Tr::tr("Certificate: C=%1, CN=%2").arg(c.subjectCountry(), c.subjectCommonName()) << '\n'
          << Tr::tr("Valid: %1 to %2 (UTC)").arg(isoTime(c.notBefore()), isoTime(c.notAfter())) << '\n'
          << Tr::tr("SHA-256: %1").arg(QString::fromLatin1(c.sha256().toHex())) << Qt::endl;
    if (!enrolled) {
        err() << problem << Qt::endl;
        return ExitRefused;
    }
    return ExitOk;
}

} // namespace

int runEnrol(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    parser.addOption({QStringLiteral("desk-id"),
                      Tr::tr("The desk's id: participant, post and desk (e.g. EU-ANR-03)."), Tr::tr("ID")});
    parser.addOption({QStringLiteral("csr-out"),
                      Tr::tr("Where to write the certificate request for the authority."),
                      Tr::tr("FILE.pem")});
    parser.addOption(
        {QStringLiteral("force"), Tr::tr("Enrol an enrolled desk again: a new key replaces the old one.")});
    parser.addOption({QStringLiteral("install"), Tr::tr("Install the desk certificate the authority issued."),
                      Tr::tr("CERT.pem")});
    parser.addOption({QStringLiteral("status"), Tr::tr("Show the desk's enrolment.")});
    parser.addOption({QStringLiteral("json"), Tr::tr("With --status: print one JSON object.")});
    addAdministratorOption(parser);
    int exitCode = ExitOk;
    if (!parseCommand(
            parser, args, QStringLiteral("enrol"),
            Tr::tr("Make the desk's key and a certificate request for its home authority, install the "
                   "certificate it issues, or show the enrolment. The private key stays in a file "
                   "beside the desk's database, readable by this user only."),
            exitCode))
        return exitCode;
    const bool requesting =
        parser.isSet(QStringLiteral("desk-id")) || parser.isSet(QStringLiteral("csr-out"));
    const int modes = int(requesting) + int(parser.isSet(QStringLiteral("install"))) +
                      int(parser.isSet(QStringLiteral("status")));
    if (modes != 1 || (requesting && (!parser.isSet(QStringLiteral("desk-id")) ||
                                      !parser.isSet(QStringLiteral("csr-out")))))
        return fail(QStringLiteral("enrol"),
                    Tr::tr("give --desk-id ID with --csr-out FILE.pem, or --install CERT.pem, or --status."));
    auto db = openDesk(parser, CacheDatabase::OpenMode::MustExist);
    if (!db)
        return ExitUsage;

    if (parser.isSet(QStringLiteral("status")))
        return enrolStatus(*db, parser.isSet(QStringLiteral("json")));

    SqliteRecordsStore store(*db);
    SystemClock clock;
    DeskRecords door(store, clock);
    // The desk's key and certificate are who it is to its authority: an
    // administrator's change, named in the trail.
    const auto signedIn = administratorSession(door, parser, QStringLiteral("enrol"));
    if (!signedIn)
        return ExitRefused;
    const Session& session = *signedIn;
    // Files that cannot be read or written, or a trail that cannot be written,
    // are usage errors; a refused request or certificate is a refusal.
    const auto exitFor = [](const Error& e, int refused) {
        return e.code == QLatin1String("outbox.file") || e.code == QLatin1String("outbox.trail") ? ExitUsage
                                                                                                 : refused;
    };
    if (requesting) {
        const QString csrPath = parser.value(QStringLiteral("csr-out"));
        auto written =
            DeskEnrolment::requestToFile(*db, door, session, parser.value(QStringLiteral("desk-id")),
                                         parser.isSet(QStringLiteral("force")), csrPath);
        if (!written)
            return fail(QStringLiteral("enrol"), written.error().message,
                        exitFor(written.error(), ExitUsage));
        out() << Tr::tr("Wrote the certificate request of desk %1 to %2: give it to the home authority "
                        "('kpdesk-cli authority enrol'), then install the certificate with --install.")
                     .arg(written->deskId, csrPath)
              << Qt::endl;
        return ExitOk;
    }

    auto identity =
        DeskEnrolment::installFromFile(*db, door, session, parser.value(QStringLiteral("install")));
    if (!identity)
        return fail(QStringLiteral("enrol"), identity.error().message,
                    exitFor(identity.error(), ExitRefused));
    out() << Tr::tr("Installed the certificate of desk %1, valid until %2 (UTC).")
                 .arg(identity->deskId, isoTime(identity->certificate.notAfter()))
          << Qt::endl;
    return ExitOk;
}

namespace {

Result<DeskRegistry> openRegistry(const QCommandLineParser& parser)
{
    if (!parser.isSet(QStringLiteral("pki")))
        return makeError(QStringLiteral("cli.usage"), Tr::tr("--pki DIR is required."));
    return DeskRegistry::open(parser.value(QStringLiteral("pki")));
}

int runAuthorityEnrol(const QStringList& args)
{
    const QString command = QStringLiteral("authority enrol");
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("pki"), Tr::tr("The home authority's PKI folder."), Tr::tr("DIR")});
    parser.addOption({QStringLiteral("csr"), Tr::tr("The desk's certificate request."), Tr::tr("FILE.pem")});
    parser.addOption(
        {QStringLiteral("out"), Tr::tr("Where to write the desk certificate."), Tr::tr("CERT.pem")});
    parser.addOption({QStringLiteral("days"), Tr::tr("Days the certificate is valid (default 730)."),
                      Tr::tr("N"), QStringLiteral("730")});
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, command,
                      Tr::tr("Issue a desk certificate with the home participant's authority CA, and add the "
                             "desk to the authority's list."),
                      exitCode))
        return exitCode;
    bool daysOk = false;
    const int days = parser.value(QStringLiteral("days")).toInt(&daysOk);
    if (!parser.isSet(QStringLiteral("csr")) || !parser.isSet(QStringLiteral("out")) || !daysOk)
        return fail(command,
                    Tr::tr("--csr FILE.pem and --out CERT.pem are required; --days needs a number."));
    auto registry = openRegistry(parser);
    if (!registry)
        return fail(command, registry.error().message);
    auto csr = readInputFile(parser.value(QStringLiteral("csr")), MaxPemFile);
    if (!csr)
        return fail(command, csr.error().message);
    auto cert = registry->enrol(*csr, days);
    if (!cert)
        return fail(command, cert.error().message, ExitRefused);
    if (auto s = writeOutputFile(parser.value(QStringLiteral("out")), *cert); !s)
        return fail(command, s.error().message);
    const DeskEntry entry = registry->list().constLast();
    out() << Tr::tr("Enrolled desk %1 until %2 (UTC); its certificate is in %3.")
                 .arg(entry.deskId, isoTime(entry.notAfter), parser.value(QStringLiteral("out")))
          << Qt::endl;
    return ExitOk;
}

int runAuthorityListDesks(const QStringList& args)
{
    const QString command = QStringLiteral("authority desks");
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("pki"), Tr::tr("The home authority's PKI folder."), Tr::tr("DIR")});
    parser.addOption({QStringLiteral("json"), Tr::tr("Print one JSON object.")});
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, command, Tr::tr("List the desks the authority enrolled and revoked."),
                      exitCode))
        return exitCode;
    auto registry = openRegistry(parser);
    if (!registry)
        return fail(command, registry.error().message);
    const QList<DeskEntry> desks = registry->list();
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const DeskEntry& e : desks)
            array.append(QJsonObject{{QStringLiteral("desk"), e.deskId},
                                     {QStringLiteral("sha256"), QString::fromLatin1(e.certSha256.toHex())},
                                     {QStringLiteral("issued"), jsonTime(e.issued)},
                                     {QStringLiteral("notAfter"), jsonTime(e.notAfter)},
                                     {QStringLiteral("revoked"), jsonTime(e.revoked)}});
        printJson(QJsonObject{{QStringLiteral("participant"), registry->pki().home()},
                              {QStringLiteral("desks"), array}});
        return ExitOk;
    }
    if (desks.isEmpty())
        out() << Tr::tr("No desk enrolled yet.") << Qt::endl;
    for (const DeskEntry& e : desks) {
        out() << e.deskId.leftJustified(16) << ' '
              << (e.isRevoked() ? Tr::tr("revoked %1").arg(isoTime(e.revoked))
                                : Tr::tr("until %1").arg(isoTime(e.notAfter)))
              << "  " << QString::fromLatin1(e.certSha256.toHex()) << '\n';
    }
    out() << Qt::flush;
    return ExitOk;
}

int runAuthorityRevokeDesk(const QStringList& args)
{
    const QString command = QStringLiteral("authority revoke-desk");
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("pki"), Tr::tr("The home authority's PKI folder."), Tr::tr("DIR")});
    parser.addOption({QStringLiteral("desk"), Tr::tr("The desk's id (e.g. EU-ANR-03)."), Tr::tr("ID")});
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, command,
                      Tr::tr("Revoke every certificate of a desk in the authority's list."), exitCode))
        return exitCode;
    if (!parser.isSet(QStringLiteral("desk")))
        return fail(command, Tr::tr("--desk ID is required."));
    auto registry = openRegistry(parser);
    if (!registry)
        return fail(command, registry.error().message);
    const QString deskId = parser.value(QStringLiteral("desk")).trimmed().toUpper();
    if (auto s = registry->revoke(deskId); !s)
        return fail(command, s.error().message, ExitRefused);
    out() << Tr::tr("Revoked desk %1.").arg(deskId) << Qt::endl;
    return ExitOk;
}

} // namespace

int runAuthorityDesks(const QString& sub, const QStringList& args)
{
    if (sub == QLatin1String("enrol"))
        return runAuthorityEnrol(args);
    if (sub == QLatin1String("desks"))
        return runAuthorityListDesks(args);
    if (sub == QLatin1String("revoke-desk"))
        return runAuthorityRevokeDesk(args);
    return -1;
}

} // namespace kp::cli
