// case: take, decide, note, escalate, close, reopen or recheck a case.
#include "CliRecords.h"
#include "CliSupport.h"
#include "Commands.h"

#include "cases/AttachmentFile.h"
#include "outbox/CaseMessages.h"
#include "records/CaseInspection.h"
#include "util/Printable.h"
#include "verify/Recheck.h"
#include "verify/Verifier.h"

#include <QThread>

namespace kp::cli {

namespace {

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
    auto seen = caseInspection(*r->store, view->record);
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

} // namespace

int runCase(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    addUserOption(parser);
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

} // namespace kp::cli
