// The records of the desk (issue 10): accounts, release and flag by a signed-in
// person, cases and their life, the audit trail, desk settings. Every write goes
// through the records door (core/records/DeskRecords.h).
#include "CliSupport.h"
#include "CliTrail.h"
#include "Commands.h"

#include "accounts/Role.h"
#include "cases/AttachmentFile.h"
#include "outbox/CaseMessages.h"
#include "outbox/DeskMessaging.h"
#include "outbox/ShipmentRelease.h"
#include "records/DeskRecords.h"
#include "records/InspectionQuery.h"
#include "records/ScanRecording.h"
#include "records/SqliteRecordsStore.h"
#include "report/PdfExport.h"
#include "util/Clock.h"
#include "util/Printable.h"
#include "verify/ImageScan.h"
#include "verify/Recheck.h"
#include "verify/Verifier.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QThread>

#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <string>

namespace kp::cli {

namespace {

// Longer than any bundle takes to apply on a slow desk: a record must not be lost.
constexpr int RecordWaitMs = 10 * 60 * 1000;

// One line from standard input when it is not a terminal; else a prompt
// on the terminal without echo.
std::optional<QString> readPassword(const QString& prompt)
{
    std::string line;
    if (!isatty(STDIN_FILENO)) {
        if (!std::getline(std::cin, line))
            return std::nullopt;
    } else {
        err() << prompt << Qt::flush;
        termios old{};
        tcgetattr(STDIN_FILENO, &old);
        termios quiet = old;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        const bool ok = bool(std::getline(std::cin, line));
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        err() << Qt::endl;
        if (!ok)
            return std::nullopt;
    }
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return QString::fromStdString(line);
}

// The desk, its records store and door, for one command.
struct Records
{
    std::unique_ptr<CacheDatabase> db;
    std::unique_ptr<SqliteRecordsStore> store;
    SystemClock clock;
    std::unique_ptr<DeskRecords> door;
};

// `adopt`: take in the flags kept before this desk had cases (not for
// commands that only read, such as `audit verify`).
std::unique_ptr<Records> openRecords(const QCommandLineParser& parser, bool adopt = true)
{
    auto r = std::make_unique<Records>();
    r->db = openDesk(parser, CacheDatabase::OpenMode::MustExist);
    if (!r->db)
        return nullptr;
    if (auto s = r->db->setWriteWait(RecordWaitMs); !s) {
        err() << s.error().message << Qt::endl;
        return nullptr;
    }
    r->store = std::make_unique<SqliteRecordsStore>(*r->db);
    r->door = std::make_unique<DeskRecords>(*r->store, r->clock);
    if (auto s = r->door->settings(); !s) {
        err() << s.error().message << Qt::endl;
        return nullptr;
    }
    if (adopt) {
        auto adopted = r->door->adoptLegacy(*r->store);
        if (!adopted) {
            err() << Tr::tr("The flags kept before this desk had cases could not be taken in: %1")
                         .arg(adopted.error().message)
                  << Qt::endl;
            return nullptr;
        }
        if (*adopted > 0)
            err() << Tr::tr("%n flag(s) kept before this desk had cases are now cases.", nullptr, *adopted)
                  << Qt::endl;
    }
    return r;
}

Session cliSession(Records& r)
{
    return Session::forCommandLine(unixUser(),
                                   r.door->settings().ok() ? r.door->settings()->deskId : QString());
}

void addUserOption(QCommandLineParser& parser)
{
    parser.addOption(
        {QStringLiteral("user"), Tr::tr("Who signs in (password on standard input)."), Tr::tr("NAME")});
}

// Signs in --user with the password on standard input.
std::optional<Session> signIn(Records& r, const QString& command, const QString& user)
{
    const auto password = readPassword(Tr::tr("Password for %1: ").arg(user));
    if (!password) {
        err() << Tr::tr("%1: no password on standard input.").arg(command) << Qt::endl;
        return std::nullopt;
    }
    auto session = r.door->signIn(user, *password);
    if (!session) {
        err() << Tr::tr("%1: %2").arg(command, session.error().message) << Qt::endl;
        return std::nullopt;
    }
    return *session;
}

void addInputOptions(QCommandLineParser& parser)
{
    parser.addOption(
        {QStringLiteral("text"), Tr::tr("The barcode text or certificate number."), Tr::tr("TEXT")});
    parser.addOption({QStringLiteral("number"), Tr::tr("The certificate number."), Tr::tr("NO")});
    parser.addPositionalArgument(QStringLiteral("IMAGE"), Tr::tr("An image of the certificate's barcode."));
}

// The input to verify, and the image as PNG when there is one.
bool readInput(const QCommandLineParser& parser, const QString& command, ScanInput& input, QByteArray& png,
               int& exitCode)
{
    const QStringList images = parser.positionalArguments();
    const int given = int(parser.isSet(QStringLiteral("text"))) +
                      int(parser.isSet(QStringLiteral("number"))) + int(!images.isEmpty());
    if (given != 1 || images.size() > 1) {
        err() << Tr::tr("%1: give one of --text TEXT, --number NO or one IMAGE.").arg(command) << Qt::endl;
        exitCode = ExitUsage;
        return false;
    }
    if (parser.isSet(QStringLiteral("text"))) {
        input.text = parser.value(QStringLiteral("text"));
    } else if (parser.isSet(QStringLiteral("number"))) {
        input.text = parser.value(QStringLiteral("number"));
    } else {
        auto scanned = scanImageFile(images.first());
        if (!scanned) {
            err() << Tr::tr("%1: %2: %3").arg(command, images.first(), scanned.error().message) << Qt::endl;
            exitCode = ExitNothingToVerify;
            return false;
        }
        input = *scanned;
        QImage image(images.first());
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
    }
    if (input.text.trimmed().isEmpty()) {
        err() << Tr::tr("%1: nothing to verify (empty text).").arg(command) << Qt::endl;
        exitCode = ExitNothingToVerify;
        return false;
    }
    return true;
}

QJsonObject eventJson(const CaseEvent& e)
{
    QJsonArray files;
    for (const EventAttachment& a : e.attachments)
        files.append(QJsonObject{{QStringLiteral("name"), a.name},
                                 {QStringLiteral("sha256"), QString::fromLatin1(a.sha256.toHex())},
                                 {QStringLiteral("size"), a.size}});
    return QJsonObject{{QStringLiteral("id"), e.id},
                       {QStringLiteral("seq"), e.seq},
                       {QStringLiteral("at"), e.at.toString(Qt::ISODateWithMs)},
                       {QStringLiteral("actor"), e.actor},
                       {QStringLiteral("kind"), caseEventKindName(e.kind)},
                       {QStringLiteral("data"), e.data},
                       {QStringLiteral("origin"), e.origin}, // the desk that made it, when another
                       {QStringLiteral("attachments"), files}};
}

int runUsers(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    parser.addOption({QStringLiteral("name"), Tr::tr("The account's name."), Tr::tr("NAME")});
    parser.addOption(
        {QStringLiteral("role"), Tr::tr("officer, supervisor or administrator."), Tr::tr("ROLE")});
    parser.addOption({QStringLiteral("json"), Tr::tr("Print one JSON object.")});
    addUserOption(parser);
    parser.addPositionalArgument(QStringLiteral("ACTION"), Tr::tr("add, list, disable or passwd."));
    int exitCode = ExitOk;
    if (!parseCommand(
            parser, args, QStringLiteral("users"),
            Tr::tr("Manage the desk's accounts. add, disable and passwd sign in as the administrator "
                   "--user ADMIN (or, for passwd, as the account's owner); passwords are read from "
                   "standard input when it is not a terminal, one line each: the signing-in password "
                   "first, then the new one. Only the desk's first account, an administrator, is added "
                   "without --user. A password set by someone else must be changed by its owner "
                   "(users passwd --user NAME --name NAME) before the account does anything else."),
            exitCode))
        return exitCode;
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.value(0);
    static const QStringList actions{QStringLiteral("add"), QStringLiteral("list"), QStringLiteral("disable"),
                                     QStringLiteral("passwd")};
    if (pos.size() != 1 || !actions.contains(action)) {
        err() << Tr::tr("users: give one of add, list, disable, passwd.") << Qt::endl;
        return ExitUsage;
    }
    const QString name = parser.value(QStringLiteral("name"));
    if (action != QLatin1String("list") && name.isEmpty()) {
        err() << Tr::tr("users %1: --name NAME is needed.").arg(action) << Qt::endl;
        return ExitUsage;
    }
    auto r = openRecords(parser);
    if (!r)
        return ExitUsage;
    // Who acts (issue 19 item 10): a signed-in administrator, or the owner
    // changing their own password; without --user only the first account.
    Session session = cliSession(*r);
    bool first = action == QLatin1String("add") && !parser.isSet(QStringLiteral("user"));
    if (first) { // the door checks again in its transaction
        auto all = r->store->accounts();
        if (!all) {
            err() << Tr::tr("users add: %1").arg(all.error().message) << Qt::endl;
            return ExitUsage;
        }
        first = all->isEmpty();
    }
    if (action != QLatin1String("list") && !first) {
        if (!parser.isSet(QStringLiteral("user"))) {
            err() << Tr::tr("users %1: --user ADMIN is needed (their password first on standard input).")
                         .arg(action)
                  << Qt::endl;
            return ExitUsage;
        }
        auto signedIn = signIn(*r, QStringLiteral("users ") + action, parser.value(QStringLiteral("user")));
        if (!signedIn)
            return ExitRefused;
        session = *signedIn;
    }
    if (action == QLatin1String("list")) {
        auto accounts = r->store->accounts();
        if (!accounts) {
            err() << accounts.error().message << Qt::endl;
            return ExitUsage;
        }
        const QDateTime now = r->clock.nowUtc();
        QJsonArray list;
        for (const AccountRecord& a : *accounts) {
            const QString state = a.disabled                ? QStringLiteral("disabled")
                                  : a.lockout.isLocked(now) ? QStringLiteral("locked")
                                                            : QStringLiteral("active");
            list.append(QJsonObject{{QStringLiteral("id"), a.id},
                                    {QStringLiteral("name"), a.name},
                                    {QStringLiteral("role"), roleName(a.role)},
                                    {QStringLiteral("state"), state},
                                    {QStringLiteral("created_at"), a.createdAt.toString(Qt::ISODateWithMs)}});
            if (!parser.isSet(QStringLiteral("json")))
                out() << printable(a.name).leftJustified(24) << ' ' << roleName(a.role).leftJustified(14)
                      << ' ' << state << '\n';
        }
        if (parser.isSet(QStringLiteral("json")))
            printJson(QJsonObject{{QStringLiteral("accounts"), list}});
        out() << Qt::flush;
        return ExitOk;
    }
    if (action == QLatin1String("disable")) {
        if (auto s = r->door->disableAccount(session, name); !s) {
            err() << Tr::tr("users disable: %1").arg(s.error().message) << Qt::endl;
            return ExitRefused;
        }
        out() << Tr::tr("Account %1 disabled.").arg(printable(name)) << Qt::endl;
        return ExitOk;
    }
    std::optional<Role> role;
    if (action == QLatin1String("add")) {
        auto parsed = parseRole(parser.value(QStringLiteral("role")));
        if (!parsed) {
            err() << Tr::tr("users add: --role is officer, supervisor or administrator.") << Qt::endl;
            return ExitUsage;
        }
        role = *parsed;
    }
    const auto password = readPassword(Tr::tr("New password for %1: ").arg(name));
    if (!password) {
        err() << Tr::tr("users %1: no password on standard input.").arg(action) << Qt::endl;
        return ExitUsage;
    }
    if (role) {
        if (first && *role != Role::Administrator) {
            err() << Tr::tr("users add: the desk's first account is an administrator; then that "
                            "administrator adds the others with --user.")
                  << Qt::endl;
            return ExitUsage;
        }
        auto added = first ? r->door->addFirstAdministrator(session, name, *password)
                           : r->door->addAccount(session, name, *role, *password);
        if (!added) {
            err() << Tr::tr("users add: %1").arg(added.error().message) << Qt::endl;
            return ExitRefused;
        }
        out() << Tr::tr("Account %1 (%2) added: %3")
                     .arg(printable(added->name), roleName(added->role), added->id)
              << Qt::endl;
        return ExitOk;
    }
    if (auto s = r->door->setPassword(session, name, *password); !s) {
        err() << Tr::tr("users passwd: %1").arg(s.error().message) << Qt::endl;
        return ExitRefused;
    }
    out() << Tr::tr("Password of %1 changed.").arg(printable(name)) << Qt::endl;
    return ExitOk;
}

// release and flag: sign in, verify, record the inspection.
struct Intake
{
    std::unique_ptr<Records> records;
    Session session;
    Inspection inspection;
    QString inspectionId;
};

std::optional<Intake> intake(const QCommandLineParser& parser, const QString& command, int& exitCode)
{
    if (!parser.isSet(QStringLiteral("user"))) {
        err() << Tr::tr("%1: --user NAME is needed.").arg(command) << Qt::endl;
        exitCode = ExitUsage;
        return std::nullopt;
    }
    ScanInput input;
    QByteArray png;
    if (!readInput(parser, command, input, png, exitCode))
        return std::nullopt;
    Intake in;
    in.records = openRecords(parser);
    if (!in.records) {
        exitCode = ExitUsage;
        return std::nullopt;
    }
    auto session = signIn(*in.records, command, parser.value(QStringLiteral("user")));
    if (!session) {
        exitCode = ExitRefused;
        return std::nullopt;
    }
    in.session = *session;
    // Scan and record: the same use-case as the window's (core/records/ScanRecording.h).
    RecordedScan scan =
        ScanRecording(*in.records->db, *in.records->door, in.records->clock).scan(in.session, input, png);
    in.inspection = scan.inspection;
    if (!in.inspection.isCertificate()) { // a typing mistake: nothing recorded
        err() << Tr::tr("%1: %2").arg(command, Inspection::notACertificateText()) << Qt::endl;
        exitCode = ExitNothingToVerify;
        return std::nullopt;
    }
    if (scan.notSaved) {
        err() << Tr::tr("%1: %2").arg(command, scan.notSaved->message) << Qt::endl;
        exitCode = scan.notSaved->code == QLatin1String("accounts.not-permitted") ? ExitRefused : ExitUsage;
        return std::nullopt;
    }
    in.inspectionId = scan.inspectionId;
    out() << Tr::tr("Inspection %1: %2 %3")
                 .arg(in.inspectionId, verdictWord(in.inspection.verdict), printable(in.inspection.number))
          << Qt::endl;
    return in;
}

int runRelease(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    addInputOptions(parser);
    parser.addOption(
        {QStringLiteral("user"), Tr::tr("Who signs in (password on standard input)."), Tr::tr("NAME")});
    parser.addOption({QStringLiteral("parcels"), Tr::tr("Parcels counted."), Tr::tr("N")});
    parser.addOption({QStringLiteral("mass"), Tr::tr("Mass weighed, in carats."), Tr::tr("CARATS")});
    parser.addOption({QStringLiteral("seals-intact"), Tr::tr("The seals are intact.")});
    parser.addOption({QStringLiteral("importer-matches"), Tr::tr("The importer matches the declaration.")});
    int exitCode = ExitOk;
    if (!parseCommand(
            parser, args, QStringLiteral("release"),
            Tr::tr("Verify a certificate, record the inspection and its physical check, and release the "
                   "shipment when the role and the verdict allow it.\nExit status: 0 released, 1 not "
                   "released (the reason is printed and recorded), 3 nothing to verify, 4 usage or "
                   "environment error."),
            exitCode))
        return exitCode;
    bool parcelsOk = false, massOk = false;
    const quint64 parcels = parser.value(QStringLiteral("parcels")).toULongLong(&parcelsOk);
    const double mass = parser.value(QStringLiteral("mass")).toDouble(&massOk);
    if (!parcelsOk || !massOk || mass < 0) {
        err() << Tr::tr("release: --parcels N and --mass CARATS are needed.") << Qt::endl;
        return ExitUsage;
    }
    auto in = intake(parser, QStringLiteral("release"), exitCode);
    if (!in)
        return exitCode;
    PhysicalCheck check;
    check.parcelsCounted = parcels;
    check.massCarats = mass;
    check.sealsIntact = parser.isSet(QStringLiteral("seals-intact"));
    check.importerMatches = parser.isSet(QStringLiteral("importer-matches"));
    auto final = in->records->door->recordPhysicalCheck(in->session, in->inspectionId, check);
    if (!final) {
        err() << Tr::tr("release: %1").arg(final.error().message) << Qt::endl;
        return final.error().code == QLatin1String("accounts.not-permitted") ? ExitRefused : ExitUsage;
    }
    // Releasing a shipment: the same use-case as the window's (core/outbox/ShipmentRelease.h); an
    // enrolled desk confirms the import to the exporting authority in the release's own transaction.
    ShipmentRelease::Stage stoppedAt = ShipmentRelease::Stage::Door;
    auto released = ShipmentRelease(*in->records->db, in->records->clock, *in->records->door)
                        .release(in->session, in->inspectionId, &stoppedAt);
    if (!released && stoppedAt != ShipmentRelease::Stage::Door) {
        err() << Tr::tr("release: %1").arg(released.error().message) << Qt::endl;
        return ExitUsage;
    }
    if (!released) {
        err() << Tr::tr("release: not released: %1").arg(released.error().message) << Qt::endl;
        return released.error().code.startsWith(QLatin1String("records.write")) ? ExitUsage : ExitRefused;
    }
    out() << Tr::tr("RELEASED: %1 by %2").arg(printable(in->inspection.number), printable(in->session.name))
          << Qt::endl;
    if (!released->confirmationQueued)
        err() << Tr::tr("release: no import confirmation was made: %1").arg(released->noConfirmation)
              << Qt::endl;
    else
        out() << Tr::tr("Import confirmation waiting in the outbox (kpdesk-cli outbox send).") << Qt::endl;
    return ExitOk;
}

int runFlag(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    addInputOptions(parser);
    parser.addOption(
        {QStringLiteral("user"), Tr::tr("Who signs in (password on standard input)."), Tr::tr("NAME")});
    parser.addOption({QStringLiteral("reason"), Tr::tr("A reason for doubt (repeatable)."), Tr::tr("TEXT")});
    parser.addOption({QStringLiteral("note"), Tr::tr("A note."), Tr::tr("TEXT")});
    parser.addOption({QStringLiteral("attach"), Tr::tr("A file to attach (repeatable)."), Tr::tr("FILE")});
    parser.addOption({QStringLiteral("hold"), Tr::tr("The shipment is held.")});
    int exitCode = ExitOk;
    if (!parseCommand(
            parser, args, QStringLiteral("flag"),
            Tr::tr("Verify a certificate, record the inspection and flag reasonable doubt: opens a case "
                   "and prints its id."),
            exitCode))
        return exitCode;
    if (parser.values(QStringLiteral("reason")).isEmpty()) {
        err() << Tr::tr("flag: --reason TEXT is needed.") << Qt::endl;
        return ExitUsage;
    }
    FlagInput flag;
    flag.reasons = parser.values(QStringLiteral("reason"));
    flag.notes = parser.value(QStringLiteral("note"));
    flag.held = parser.isSet(QStringLiteral("hold"));
    for (const QString& path : parser.values(QStringLiteral("attach"))) {
        // Read once, a regular file within the limit.
        auto a = readAttachmentFile(path);
        if (!a) {
            err() << Tr::tr("flag: %1").arg(a.error().message) << Qt::endl;
            return ExitUsage;
        }
        flag.attachments.append(*a);
    }
    auto in = intake(parser, QStringLiteral("flag"), exitCode);
    if (!in)
        return exitCode;
    auto caseId = in->records->door->flag(in->session, in->inspectionId, flag);
    if (!caseId) {
        err() << Tr::tr("flag: %1").arg(caseId.error().message) << Qt::endl;
        return caseId.error().code == QLatin1String("accounts.not-permitted") ? ExitRefused : ExitUsage;
    }
    out() << *caseId << Qt::endl;
    return ExitOk;
}

int runCases(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    parser.addOption({QStringLiteral("state"), Tr::tr("Only cases in this state."), Tr::tr("STATE")});
    parser.addOption({QStringLiteral("json"), Tr::tr("Print one JSON object.")});
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, QStringLiteral("cases"),
                      Tr::tr("List the desk's cases, held shipments first then oldest, with their events."),
                      exitCode))
        return exitCode;
    CaseFilter filter;
    if (parser.isSet(QStringLiteral("state"))) {
        filter.state = caseStateFromName(parser.value(QStringLiteral("state")));
        if (!filter.state) {
            err() << Tr::tr("cases: --state is open, in_review, decided, escalated or closed.") << Qt::endl;
            return ExitUsage;
        }
    }
    filter.limit = 100000;
    auto r = openRecords(parser);
    if (!r)
        return ExitUsage;
    auto list = r->store->cases(filter);
    auto counts = r->store->caseCounts();
    if (!list || !counts) {
        err() << (list ? counts.error().message : list.error().message) << Qt::endl;
        return ExitUsage;
    }
    const bool json = parser.isSet(QStringLiteral("json"));
    const auto own = r->door->settings();
    const QString ownDeskName = own ? own->deskName : QString();
    QJsonArray cases;
    for (const CaseSummary& c : *list) {
        auto view = r->door->caseView(c.record.id);
        if (!view) {
            err() << view.error().message << Qt::endl;
            return ExitUsage;
        }
        QJsonArray events;
        for (const CaseEvent& e : view->events)
            events.append(eventJson(e));
        const QString state = caseStateName(view->facts.state);
        QJsonArray conflicts; // the outcomes decided at once, while in conflict
        for (Outcome o : view->facts.conflictingOutcomes)
            conflicts.append(outcomeName(o));
        const QString heldWord = Tr::tr("HELD"); // the column is as wide as the word in every language
        cases.append(QJsonObject{
            {QStringLiteral("id"), c.record.id},
            {QStringLiteral("inspection"), c.record.inspectionId},
            {QStringLiteral("number"), c.number},
            {QStringLiteral("participant"), c.participant},
            {QStringLiteral("state"), state},
            {QStringLiteral("held"), view->facts.held},
            {QStringLiteral("flagged_by"), view->facts.flaggedBy},
            {QStringLiteral("reasons"), QJsonArray::fromStringList(view->facts.reasons)},
            {QStringLiteral("outcome"), view->facts.outcome ? QJsonValue(outcomeName(*view->facts.outcome))
                                                            : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("opened_at"), c.record.openedAt.toString(Qt::ISODateWithMs)},
            {QStringLiteral("desk"), c.record.desk},
            // Another desk's case (pulled from the office) carries its desk's name.
            {QStringLiteral("desk_name"), c.record.deskName.isEmpty() ? ownDeskName : c.record.deskName},
            {QStringLiteral("conflict"), conflicts},
            {QStringLiteral("events"), events}});
        if (!json) {
            out() << c.record.id << "  " << state.leftJustified(10) << ' '
                  << (view->facts.held ? heldWord : QString()).leftJustified(heldWord.size()) << "  "
                  << printable(c.number) << "  " << printable(view->facts.reasons.join(QStringLiteral("; ")))
                  << '\n';
            for (const CaseEvent& e : view->events)
                out() << "    " << e.seq << ' ' << e.at.toString(Qt::ISODate) << ' ' << printable(e.actor)
                      << ' ' << caseEventKindName(e.kind) << '\n';
        }
    }
    QJsonObject countJson;
    for (auto it = counts->constBegin(); it != counts->constEnd(); ++it)
        countJson.insert(caseStateName(it.key()), it.value());
    if (json)
        printJson(QJsonObject{{QStringLiteral("cases"), cases}, {QStringLiteral("counts"), countJson}});
    out() << Qt::flush;
    return ExitOk;
}

// case recheck: the case's inspection verified again against today's data
// (no sign-in: it reads, and records nothing), and what changed since.
int recheckCase(const QCommandLineParser& parser, const QString& caseId)
{
    auto r = openRecords(parser);
    if (!r)
        return ExitUsage;
    auto view = r->door->caseView(caseId);
    if (!view) {
        err() << Tr::tr("case recheck: %1").arg(view.error().message) << Qt::endl;
        return ExitUsage;
    }
    auto seen = r->store->inspection(view->record.inspectionId);
    if (!seen || !seen->has_value()) {
        err() << Tr::tr("case recheck: %1")
                     .arg(seen ? Tr::tr("the case's inspection %1 is not in the records.")
                                     .arg(view->record.inspectionId)
                               : seen.error().message)
              << Qt::endl;
        return ExitUsage;
    }
    const auto again = recheckInspection(Verifier(*r->db, r->clock), (*seen)->inspection, (*seen)->at);
    if (!again) {
        err() << Tr::tr("case recheck: %1").arg(again.error().message) << Qt::endl;
        return ExitUsage;
    }
    out() << Tr::tr("Today (%1): %2")
                 .arg(again->today.verifiedAt.toString(Qt::ISODate), verdictWord(again->today.verdict))
          << '\n';
    for (const QString& line : again->changes.lines((*seen)->at))
        out() << printable(line) << '\n';
    out() << Qt::flush;
    return ExitOk;
}

// A whole local day given as YYYY-MM-DD and nothing else (as verify --at).
std::optional<QDate> parseDay(const QString& text)
{
    static const QRegularExpression dateOnly(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    const QDate d = dateOnly.match(text).hasMatch() ? QDate::fromString(text, Qt::ISODate) : QDate();
    return d.isValid() ? std::optional<QDate>(d) : std::nullopt;
}

int runInspections(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    parser.addOption({QStringLiteral("number"), Tr::tr("The certificate number (case and spaces ignored)."),
                      Tr::tr("NO")});
    parser.addOption(
        {QStringLiteral("from"), Tr::tr("From this day on (local time)."), Tr::tr("YYYY-MM-DD")});
    parser.addOption(
        {QStringLiteral("to"), Tr::tr("Up to this day, included (local time)."), Tr::tr("YYYY-MM-DD")});
    parser.addOption({QStringLiteral("verdict"), Tr::tr("The final verdict: accept, doubt or reject."),
                      Tr::tr("VERDICT")});
    parser.addOption({QStringLiteral("officer"), Tr::tr("Who inspected (case ignored)."), Tr::tr("NAME")});
    parser.addOption({QStringLiteral("participant"), Tr::tr("The certificate's participant (two letters)."),
                      Tr::tr("CC")});
    parser.addOption({QStringLiteral("limit"), Tr::tr("At most N inspections (default 500)."), Tr::tr("N")});
    parser.addOption({QStringLiteral("json"), Tr::tr("Print one JSON object.")});
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, QStringLiteral("inspections"),
                      Tr::tr("Find the desk's past inspections, newest first. When more than the limit "
                             "match, says so: narrow the search.\nExit status: 0 searched (even when "
                             "none matched), 4 usage error or the records could not be read."),
                      exitCode))
        return exitCode;
    InspectionFilter filter;
    filter.number = parser.value(QStringLiteral("number"));
    filter.officer = parser.value(QStringLiteral("officer"));
    for (const char* name : {"from", "to"}) {
        const QString option = QString::fromLatin1(name);
        if (!parser.isSet(option))
            continue;
        const auto day = parseDay(parser.value(option));
        if (!day) {
            err() << Tr::tr("inspections: --%1 needs a date as YYYY-MM-DD.").arg(option) << Qt::endl;
            return ExitUsage;
        }
        // Whole local days: from the start of the first to the end of the last.
        if (option == QLatin1String("from"))
            filter.from = day->startOfDay().toUTC();
        else
            filter.to = day->addDays(1).startOfDay().toUTC();
    }
    if (filter.from.isValid() && filter.to.isValid() && filter.from >= filter.to) {
        err() << Tr::tr("inspections: --from is after --to.") << Qt::endl;
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("verdict"))) {
        filter.verdict = verdictFromName(parser.value(QStringLiteral("verdict")));
        if (!filter.verdict) {
            err() << Tr::tr("inspections: --verdict is accept, doubt or reject.") << Qt::endl;
            return ExitUsage;
        }
    }
    if (parser.isSet(QStringLiteral("participant"))) {
        static const QRegularExpression code(QStringLiteral("^[A-Za-z]{2}$"));
        filter.participant = parser.value(QStringLiteral("participant")).trimmed();
        if (!code.match(filter.participant).hasMatch()) {
            err() << Tr::tr("inspections: --participant needs a two-letter code (e.g. BW).") << Qt::endl;
            return ExitUsage;
        }
    }
    if (parser.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        filter.limit = parser.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || filter.limit < 1) {
            err() << Tr::tr("inspections: --limit needs a number of at least 1.") << Qt::endl;
            return ExitUsage;
        }
    }
    auto r = openRecords(parser);
    if (!r)
        return ExitUsage;
    const auto page = queryInspections(*r->store, filter);
    if (!page) {
        // Never an empty list: a script must not read "nothing found".
        err() << Tr::tr("inspections: %1").arg(page.error().message) << Qt::endl;
        return ExitUsage;
    }
    const bool json = parser.isSet(QStringLiteral("json"));
    QJsonArray list;
    for (const InspectionRecord& i : page->rows) {
        const QString at = i.at.toString(Qt::ISODate);
        list.append(QJsonObject{{QStringLiteral("id"), i.id},
                                {QStringLiteral("at"), i.at.toString(Qt::ISODateWithMs)},
                                {QStringLiteral("number"), i.number},
                                {QStringLiteral("participant"), i.participant},
                                {QStringLiteral("verdict"), verdictName(i.verdict)},
                                {QStringLiteral("final_verdict"), verdictName(i.finalVerdict)},
                                {QStringLiteral("officer"), i.officer},
                                {QStringLiteral("case"), i.hasCase}});
        if (!json)
            out() << i.id << "  " << at << "  " << printable(i.number).leftJustified(20) << ' '
                  << printable(i.participant).leftJustified(2) << "  "
                  << verdictWord(i.verdict).leftJustified(7) << ' '
                  << verdictWord(i.finalVerdict).leftJustified(7) << ' ' << printable(i.officer)
                  << (i.hasCase ? QStringLiteral("  ") + Tr::tr("CASE") : QString()) << '\n';
    }
    if (json) {
        printJson(QJsonObject{{QStringLiteral("inspections"), list},
                              {QStringLiteral("count"), int(page->rows.size())},
                              {QStringLiteral("more"), page->more},
                              {QStringLiteral("limit"), page->limit}});
    } else {
        out() << Qt::flush;
        // The count for people, on standard error: standard output stays one line per inspection.
        err() << (page->more ? Tr::tr("More than %n inspection(s) found: narrow the search.", "", page->limit)
                             : Tr::tr("%n inspection(s) found.", "", int(page->rows.size())))
              << Qt::endl;
    }
    return ExitOk;
}

int runCase(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    parser.addOption(
        {QStringLiteral("user"), Tr::tr("Who signs in (password on standard input)."), Tr::tr("NAME")});
    parser.addOption({QStringLiteral("outcome"), Tr::tr("decide: released, detained, seized or refused."),
                      Tr::tr("OUTCOME")});
    parser.addOption(
        {QStringLiteral("reason"), Tr::tr("The reason (decide, close, reopen)."), Tr::tr("TEXT")});
    parser.addOption({QStringLiteral("text"), Tr::tr("The note's text."), Tr::tr("TEXT")});
    parser.addOption({QStringLiteral("attach"), Tr::tr("note: a file to attach as evidence (repeatable)."),
                      Tr::tr("FILE")});
    parser.addOption({QStringLiteral("to"),
                      Tr::tr("escalate: an addressee, a participant's code, KP-CHAIR or KP-WGM (repeatable; "
                             "default: the issuer's and this desk's authorities, the KP Chair and the WGM)."),
                      Tr::tr("TO")});
    parser.addPositionalArgument(
        QStringLiteral("ACTION"),
        Tr::tr("take, decide, note, escalate, close, reopen, or recheck (no --user: the "
               "inspection verified again against today's data, and what changed)."));
    parser.addPositionalArgument(QStringLiteral("CASE_ID"), Tr::tr("The case's id."));
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, QStringLiteral("case"),
                      Tr::tr("Work a case as a signed-in person.\nExit status: 0 done, 1 refused (role, four "
                             "eyes, the case's state, sign-in), 4 usage or environment error."),
                      exitCode))
        return exitCode;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() == 2 && pos[0] == QLatin1String("recheck"))
        return recheckCase(parser, pos[1]);
    static const QStringList actions{QStringLiteral("take"),  QStringLiteral("decide"),
                                     QStringLiteral("note"),  QStringLiteral("escalate"),
                                     QStringLiteral("close"), QStringLiteral("reopen")};
    if (pos.size() != 2 || !actions.contains(pos[0]) || !parser.isSet(QStringLiteral("user"))) {
        err() << Tr::tr("case: give --user NAME, one of take, decide, note, escalate, close, reopen, and the "
                        "CASE_ID.")
              << Qt::endl;
        return ExitUsage;
    }
    const QString action = pos[0];
    const QString caseId = pos[1];
    std::optional<Outcome> outcome;
    if (action == QLatin1String("decide")) {
        outcome = outcomeFromName(parser.value(QStringLiteral("outcome")));
        if (!outcome) {
            err() << Tr::tr("case decide: --outcome is released, detained, seized or refused.") << Qt::endl;
            return ExitUsage;
        }
    }
    auto r = openRecords(parser);
    if (!r)
        return ExitUsage;
    auto session = signIn(*r, QStringLiteral("case"), parser.value(QStringLiteral("user")));
    if (!session)
        return ExitRefused;
    // Tests: hold the transaction open before it commits, so that the process
    // can be killed mid-write.
    if (const int ms = qEnvironmentVariableIntValue("KPDESK_TEST_HOLD_BEFORE_COMMIT_MS"); ms > 0)
        r->door->setBeforeCommit([ms] {
            err() << "holding before commit" << Qt::endl;
            QThread::msleep(ulong(ms));
        });
    const QString reason = parser.value(QStringLiteral("reason"));
    Status s = success();
    if (action == QLatin1String("take")) {
        s = r->door->take(*session, caseId);
    } else if (action == QLatin1String("decide")) {
        MessageMaker confirmation;
        if (*outcome == Outcome::Released) {
            auto made =
                CaseMessages(*r->db, r->clock, *r->door, *r->store).confirmation(caseId, session->actor());
            if (!made) {
                err() << Tr::tr("case: %1").arg(made.error().message) << Qt::endl;
                return ExitUsage;
            }
            confirmation = *made;
        }
        s = r->door->decide(*session, caseId, *outcome, reason, confirmation);
    } else if (action == QLatin1String("escalate")) {
        QStringList to = parser.values(QStringLiteral("to"));
        QString pdfProblem;
        auto made =
            CaseMessages(*r->db, r->clock, *r->door, *r->store).doubt(caseId, to, session->name, &pdfProblem);
        if (!made) {
            err() << Tr::tr("case: %1").arg(made.error().message) << Qt::endl;
            return ExitUsage;
        }
        if (!pdfProblem.isEmpty()) // the message goes without it: the CBOR holds everything the PDF shows
            err() << Tr::tr("case escalate: the PDF of the case could not be made: %1").arg(pdfProblem)
                  << Qt::endl;
        // Not enrolled: the maker is empty and the door refuses with the reason.
        auto id = r->door->escalate(*session, caseId, to, *made);
        if (id)
            out() << Tr::tr("Escalated to %1; message %2 waiting in the outbox.")
                         .arg(to.join(QStringLiteral(", ")), *id)
                  << Qt::endl;
        s = id ? success() : Status(id.error());
    } else if (action == QLatin1String("close")) {
        s = r->door->close(*session, caseId, reason);
    } else if (action == QLatin1String("reopen")) {
        s = r->door->reopen(*session, caseId, reason);
    } else {
        QList<EventAttachment> files;
        for (const QString& path : parser.values(QStringLiteral("attach"))) {
            auto a = readAttachmentFile(path);
            if (!a) {
                err() << Tr::tr("case note: %1").arg(a.error().message) << Qt::endl;
                return ExitUsage;
            }
            files.append(*a);
        }
        if (parser.isSet(QStringLiteral("text")))
            s = r->door->addNote(*session, caseId, parser.value(QStringLiteral("text")));
        if (s && !files.isEmpty())
            s = r->door->addEvidence(*session, caseId, files);
        if (!parser.isSet(QStringLiteral("text")) && files.isEmpty()) {
            err() << Tr::tr("case note: give --text TEXT or --attach FILE.") << Qt::endl;
            return ExitUsage;
        }
    }
    if (!s) {
        err() << Tr::tr("case %1: %2").arg(action, s.error().message) << Qt::endl;
        return s.error().code.startsWith(QLatin1String("records.write")) ||
                       s.error().code.startsWith(QLatin1String("records.read"))
                   ? ExitUsage
                   : ExitRefused;
    }
    auto view = r->door->caseView(caseId);
    out() << Tr::tr("Case %1: %2").arg(caseId, view ? caseStateName(view->facts.state) : QString())
          << Qt::endl;
    return ExitOk;
}

int runAudit(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    parser.addOption({QStringLiteral("out"), Tr::tr("export: the file to write."), Tr::tr("FILE")});
    parser.addPositionalArgument(QStringLiteral("ACTION"), Tr::tr("verify or export."));
    int exitCode = ExitOk;
    if (!parseCommand(
            parser, args, QStringLiteral("audit"),
            Tr::tr("verify: recompute the audit trail's hash chain (exit 0 and 'entries N head HEX', or "
                   "1 naming the first entry that does not hold).\nexport: write the trail as a CBOR "
                   "sequence (RFC 8742) of the entries as hashed."),
            exitCode))
        return exitCode;
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.value(0);
    if (pos.size() != 1 || (action != QLatin1String("verify") && action != QLatin1String("export")) ||
        (action == QLatin1String("export") && !parser.isSet(QStringLiteral("out")))) {
        err() << Tr::tr("audit: give 'verify', or 'export --out FILE'.") << Qt::endl;
        return ExitUsage;
    }
    auto r = openRecords(parser, false);
    if (!r)
        return ExitUsage;
    if (action == QLatin1String("verify")) {
        auto check = r->door->verifyTrail();
        if (!check) {
            err() << Tr::tr("audit verify: %1").arg(check.error().message) << Qt::endl;
            return ExitUsage;
        }
        if (check->failure) {
            err() << Tr::tr("audit verify: the trail does not hold at entry %1: %2")
                         .arg(check->failedAt)
                         .arg(check->failure->message)
                  << Qt::endl;
            out() << "broken at " << check->failedAt << ' ' << check->failure->code << Qt::endl;
            return ExitRefused;
        }
        out() << "entries " << check->head.count << " head " << QString::fromLatin1(check->head.hash.toHex())
              << Qt::endl;
        return ExitOk;
    }
    const QString path = parser.value(QStringLiteral("out"));
    QFile file(path + QStringLiteral(".part"));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        err() << Tr::tr("audit export: %1: %2").arg(file.fileName(), file.errorString()) << Qt::endl;
        return ExitUsage;
    }
    auto head = r->door->exportTrail(&file);
    file.close();
    if (!head) {
        QFile::remove(file.fileName());
        err() << Tr::tr("audit export: %1").arg(head.error().message) << Qt::endl;
        return head.error().code.startsWith(QLatin1String("audit.")) &&
                       head.error().code != QLatin1String("audit.write")
                   ? ExitRefused
                   : ExitUsage;
    }
    QFile::remove(path);
    if (!QFile::rename(file.fileName(), path)) {
        err() << Tr::tr("audit export: cannot write %1.").arg(path) << Qt::endl;
        return ExitUsage;
    }
    out() << "entries " << head->count << " head " << QString::fromLatin1(head->hash.toHex()) << Qt::endl;
    return ExitOk;
}

int runSettings(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    parser.addOption({QStringLiteral("one-person-post"),
                      Tr::tr("on: a supervisor may decide a case they flagged (the decision says so)."),
                      Tr::tr("on|off")});
    parser.addOption(
        {QStringLiteral("idle-lock-minutes"), Tr::tr("Lock an idle desk after N minutes."), Tr::tr("N")});
    parser.addOption({QStringLiteral("desk-name"), Tr::tr("What people call this desk."), Tr::tr("NAME")});
    parser.addOption({QStringLiteral("outbox-intake"),
                      Tr::tr("The home authority's intake base URL (https) for the outbox; '' for none."),
                      Tr::tr("URL")});
    parser.addOption({QStringLiteral("outbox-ca"),
                      Tr::tr("A CA file (PEM) trusted for the intake server besides the system's."),
                      Tr::tr("FILE")});
    parser.addOption({QStringLiteral("outbox-proxy"),
                      Tr::tr("HTTP proxy for the outbox as host:port, or 'none'. Default: the system's."),
                      Tr::tr("PROXY")});
    addUserOption(parser);
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, QStringLiteral("settings"),
                      Tr::tr("Show or change the desk's settings. A change is an administrator's: "
                             "--user ADMIN signs in (password on standard input); it goes to the trail."),
                      exitCode))
        return exitCode;
    auto r = openRecords(parser);
    if (!r)
        return ExitUsage;
    auto settings = r->door->settings();
    if (!settings) {
        err() << settings.error().message << Qt::endl;
        return ExitUsage;
    }
    DeskSettings wanted = *settings;
    bool change = false;
    if (parser.isSet(QStringLiteral("one-person-post"))) {
        const QString v = parser.value(QStringLiteral("one-person-post"));
        if (v != QLatin1String("on") && v != QLatin1String("off")) {
            err() << Tr::tr("settings: --one-person-post is on or off.") << Qt::endl;
            return ExitUsage;
        }
        wanted.onePersonPost = v == QLatin1String("on");
        change = true;
    }
    if (parser.isSet(QStringLiteral("idle-lock-minutes"))) {
        bool ok = false;
        wanted.idleLockMinutes = parser.value(QStringLiteral("idle-lock-minutes")).toInt(&ok);
        if (!ok) {
            err() << Tr::tr("settings: --idle-lock-minutes needs a number.") << Qt::endl;
            return ExitUsage;
        }
        change = true;
    }
    if (parser.isSet(QStringLiteral("desk-name"))) {
        wanted.deskName = parser.value(QStringLiteral("desk-name"));
        change = true;
    }
    for (const auto& [option, field] :
         {std::pair{QStringLiteral("outbox-intake"), &DeskSettings::outboxIntake},
          std::pair{QStringLiteral("outbox-ca"), &DeskSettings::outboxCaPath},
          std::pair{QStringLiteral("outbox-proxy"), &DeskSettings::outboxProxy}})
        if (parser.isSet(option)) {
            wanted.*field = parser.value(option);
            change = true;
        }
    if (parser.isSet(QStringLiteral("outbox-ca")) && !wanted.outboxCaPath.isEmpty())
        wanted.outboxCaPath = QFileInfo(wanted.outboxCaPath).absoluteFilePath();
    if (change) {
        if (!parser.isSet(QStringLiteral("user"))) {
            err() << Tr::tr("settings: --user ADMIN is needed to change a setting (their password on "
                            "standard input).")
                  << Qt::endl;
            return ExitUsage;
        }
        const auto session = signIn(*r, QStringLiteral("settings"), parser.value(QStringLiteral("user")));
        if (!session)
            return ExitRefused;
        if (auto s = r->door->changeSettings(*session, wanted); !s) {
            err() << Tr::tr("settings: %1").arg(s.error().message) << Qt::endl;
            return s.error().code == QLatin1String("records.bad-setting") ? ExitUsage : ExitRefused;
        }
        settings = r->door->settings();
        if (!settings)
            return ExitUsage;
    }
    out() << "desk_id " << settings->deskId << '\n'
          << "desk_name " << printable(settings->deskName) << '\n'
          << "one_person_post " << (settings->onePersonPost ? "on" : "off") << '\n'
          << "idle_lock_minutes " << settings->idleLockMinutes << '\n'
          << "outbox_intake " << settings->outboxIntake << '\n'
          << "outbox_ca " << settings->outboxCaPath << Qt::endl;
    return ExitOk;
}

} // namespace

int runRecords(const QString& command, const QStringList& args)
{
    if (command == QLatin1String("users"))
        return runUsers(args);
    if (command == QLatin1String("release"))
        return runRelease(args);
    if (command == QLatin1String("flag"))
        return runFlag(args);
    if (command == QLatin1String("cases"))
        return runCases(args);
    if (command == QLatin1String("case"))
        return runCase(args);
    if (command == QLatin1String("inspections"))
        return runInspections(args);
    if (command == QLatin1String("audit"))
        return runAudit(args);
    return runSettings(args);
}

} // namespace kp::cli
