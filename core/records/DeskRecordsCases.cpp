// The records door: a case opened by a flag, its events, its decision.

#include "records/DeskRecords.h"
#include "records/DeskRecordsRules_p.h"

#include "accounts/Permissions.h"
#include "cases/CaseLife.h"
#include "records/CaseInspection.h"
#include "records/FlaggedEvent.h"
#include "util/Clock.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::DeskRecords)
};

} // namespace

using namespace deskrecords;

Result<QString> DeskRecords::flag(const Session& session, const QString& inspectionId, const FlagInput& input)
{
    if (auto p = permit(session, Action::Flag); !p)
        return p.error();
    QStringList reasons;
    for (const QString& r : input.reasons)
        if (!r.trimmed().isEmpty())
            reasons << r.trimmed();
    if (reasons.isEmpty())
        return makeError(QStringLiteral("records.no-reason"), Tr::tr("A flag needs at least one reason."));
    if (auto t = checkText(reasons.join(QLatin1Char('\n')) + input.notes); !t)
        return t.error();
    auto files = prepareAttachments(input.attachments);
    if (!files)
        return files.error();
    auto desk = deskId();
    if (!desk)
        return desk.error();
    CaseRecord record{newId(), inspectionId, m_clock.nowUtc(), *desk, QString()};
    CaseEvent e;
    e.actor = session.actor();
    e.actorId = session.accountId;
    e.data = QJsonObject{{QStringLiteral("reasons"), QJsonArray::fromStringList(reasons)},
                         {QStringLiteral("notes"), input.notes},
                         {QStringLiteral("held"), input.held}};
    e.attachments = *files;
    const Status s = transact(&session, session.actor(), [&]() -> Result<Entry> {
        auto found = existingInspection(m_store, inspectionId);
        if (!found)
            return found.error();
        // What a supervisor at another desk sees of the inspection: signed with the flag.
        e.data = FlaggedEvent::withInspection(e.data, *found);
        return openCase(record, e, found->number, found->participant);
    });
    if (!s)
        return s.error();
    return record.id;
}

Result<DeskRecords::Entry> DeskRecords::openCase(const CaseRecord& record, CaseEvent& e,
                                                 const QString& number, const QString& participant)
{
    // The case row travels inside its signed flag: a desk that pulls the case
    // takes it from there (docs/office.md "What a desk trusts").
    auto settings = m_store.settings(); // read only: the desk's id is made before any case
    if (!settings)
        return settings.error();
    e.data =
        FlaggedEvent::withCaseRow(e.data, {record.inspectionId, number, participant, settings->deskName});
    if (auto i = m_store.insertCase(record); !i)
        return i.error();
    e.id = newId();
    e.caseId = record.id;
    e.seq = 1;
    e.at = record.openedAt;
    e.kind = CaseEventKind::Flagged;
    if (auto a = m_store.appendEvent(e); !a)
        return a.error();
    auto facts = CaseLife::replay({e});
    if (!facts)
        return facts.error();
    if (auto x = m_store.indexCase(CaseSummary{record, *facts, number, participant, 1}); !x)
        return x.error();
    QCborMap data = QCborMap::fromJsonObject(FlaggedEvent::withoutBinding(e.data));
    data.insert(QStringLiteral("case"), record.id);
    data.insert(QStringLiteral("event"), e.id);
    data.insert(QStringLiteral("inspection"), record.inspectionId);
    data.insert(QStringLiteral("number"), number);
    data.insert(QStringLiteral("attachments"), attachmentList(e.attachments));
    return Entry{QStringLiteral("flagged"), data};
}

Status DeskRecords::appendCaseEvent(const Session& session, const QString& caseId, CaseEventKind kind,
                                    QJsonObject data, const QList<EventAttachment>& attachments,
                                    const std::function<Status(const CaseFacts&, QJsonObject&)>& rule,
                                    const std::function<Status()>& then)
{
    // The role first, whatever the case says.
    if (auto p = permit(session, CaseLife::actionFor(kind)); !p)
        return p;
    auto files = prepareAttachments(attachments);
    if (!files)
        return files.error();
    return transact(
        &session, session.actor(),
        [&]() -> Result<Entry> {
            auto record = m_store.caseRecord(caseId);
            if (!record)
                return record.error();
            if (!record->has_value())
                return notFound(caseId);
            auto events = m_store.events(caseId);
            if (!events)
                return events.error();
            auto facts = CaseLife::replay(*events);
            if (!facts)
                return facts.error();
            if (auto a =
                    CaseLife::allowed(events->isEmpty() ? std::nullopt : std::optional(facts->state), kind);
                !a)
                return a.error();
            if (rule)
                if (auto r = rule(*facts, data); !r)
                    return r.error();
            CaseEvent e;
            e.id = newId();
            e.caseId = caseId;
            e.seq = int(events->size()) + 1;
            e.at = m_clock.nowUtc();
            e.actor = session.actor();
            e.actorId = session.accountId;
            e.kind = kind;
            e.data = data;
            e.attachments = *files;
            if (auto a = m_store.appendEvent(e); !a)
                return a.error();
            events->append(e);
            auto after = CaseLife::replay(*events);
            if (!after)
                return after.error();
            CaseSummary summary{**record, *after, QString(), QString(), int(events->size())};
            if (auto x = m_store.indexCase(summary); !x)
                return x.error();
            QCborMap entry = QCborMap::fromJsonObject(e.data);
            entry.insert(QStringLiteral("case"), caseId);
            entry.insert(QStringLiteral("event"), e.id);
            entry.insert(QStringLiteral("seq"), e.seq);
            if (!e.attachments.isEmpty())
                entry.insert(QStringLiteral("attachments"), attachmentList(e.attachments));
            return Entry{caseEventKindName(kind), entry};
        },
        then);
}

Status DeskRecords::addNote(const Session& session, const QString& caseId, const QString& text)
{
    if (text.trimmed().isEmpty())
        return makeError(QStringLiteral("records.no-reason"), Tr::tr("A note needs some text."));
    if (auto t = checkText(text); !t)
        return t;
    return appendCaseEvent(session, caseId, CaseEventKind::Note, {{QStringLiteral("text"), text}}, {}, {});
}

Status DeskRecords::addEvidence(const Session& session, const QString& caseId,
                                const QList<EventAttachment>& files)
{
    if (files.isEmpty())
        return makeError(QStringLiteral("records.no-files"), Tr::tr("Evidence needs at least one file."));
    return appendCaseEvent(session, caseId, CaseEventKind::Evidence, {}, files, {});
}

Status DeskRecords::take(const Session& session, const QString& caseId)
{
    if (auto p = permit(session, Action::TakeCase); !p)
        return p;
    auto settings = m_store.settings();
    if (!settings)
        return settings.error();
    const bool onePersonPost = settings->onePersonPost;
    return appendCaseEvent(session, caseId, CaseEventKind::Review, {}, {},
                           [&](const CaseFacts& facts, QJsonObject& data) -> Status {
                               // Four eyes from the review on (docs/spec-notes.md, issue 21 item 10).
                               auto basis = Permissions::mayTake(Role::Supervisor, session.actor(),
                                                                 facts.flaggedBy, onePersonPost);
                               if (!basis)
                                   return basis.error();
                               if (*basis == DecisionBasis::OnePersonPost)
                                   data.insert(QStringLiteral("four_eyes"), decisionBasisName(*basis));
                               return success();
                           });
}

Status DeskRecords::decide(const Session& session, const QString& caseId, Outcome outcome,
                           const QString& reason, const MessageMaker& confirmation)
{
    if (auto p = permit(session, Action::Decide); !p)
        return p;
    if (reason.trimmed().isEmpty())
        return makeError(QStringLiteral("records.no-reason"), Tr::tr("A decision needs its reason."));
    if (auto t = checkText(reason); !t)
        return t;
    auto settings = m_store.settings();
    if (!settings)
        return settings.error();
    const bool onePersonPost = settings->onePersonPost;
    return appendCaseEvent(
        session, caseId, CaseEventKind::Decision,
        {{QStringLiteral("outcome"), outcomeName(outcome)}, {QStringLiteral("reason"), reason}}, {},
        [&](const CaseFacts& facts, QJsonObject& data) -> Status {
            auto basis =
                Permissions::mayDecide(Role::Supervisor, session.actor(), facts.flaggedBy, onePersonPost);
            if (!basis)
                return basis.error();
            // The record says how four eyes were kept (kp-cases.md).
            data.insert(QStringLiteral("four_eyes"), decisionBasisName(*basis));
            return success();
        },
        [&]() -> Status {
            if (outcome != Outcome::Released)
                return success();
            // Released: the `duplicate` check counts it from now on.
            auto kase = m_store.caseRecord(caseId);
            if (!kase)
                return kase.error();
            if (*kase) {
                auto insp = caseInspection(m_store, **kase);
                if (!insp)
                    return insp.error();
                if (*insp && !(*insp)->number.isEmpty()) {
                    // A certificate is released once, by an officer or a decision.
                    auto earlier = m_store.releaseOf((*insp)->number);
                    if (!earlier)
                        return earlier.error();
                    if (*earlier && (*earlier)->inspectionId != (*insp)->id)
                        return alreadyReleased((*insp)->number, **earlier);
                    // This very shipment was released (and flagged after): it
                    // counts once, and its import was confirmed then.
                    if (*earlier)
                        return success();
                    if (auto w = m_store.insertRelease(**insp, m_clock.nowUtc(), QStringLiteral("decision"),
                                                       session.actor());
                        !w)
                        return w;
                }
            }
            // A shipment released by a decision was received: it is confirmed too.
            if (!confirmation)
                return success();
            return makeMessage(session, confirmation, nullptr);
        });
}

Result<QString> DeskRecords::escalate(const Session& session, const QString& caseId, const QStringList& to,
                                      const MessageMaker& doubt)
{
    if (auto p = permit(session, Action::Escalate); !p)
        return p.error();
    if (!doubt)
        return makeError(
            QStringLiteral("outbox.not-enrolled"),
            Tr::tr("This desk cannot sign messages yet: it is not enrolled (kpdesk-cli enrol)."));
    if (to.isEmpty())
        return makeError(QStringLiteral("records.no-addressee"),
                         Tr::tr("An escalation needs at least one addressee."));
    OutboxMessage made;
    const Status s = appendCaseEvent(
        session, caseId, CaseEventKind::Escalated, {}, {},
        [&](const CaseFacts&, QJsonObject& data) -> Status {
            // The message is made first: the event names it.
            auto message = nextMessage(m_store, doubt);
            if (!message)
                return message.error();
            made = *message;
            data.insert(QStringLiteral("to"), QJsonArray::fromStringList(to));
            data.insert(QStringLiteral("message"), made.id);
            return success();
        },
        [&]() -> Status { return storeMessage(session, made); });
    if (!s)
        return s.error();
    return made.id;
}

Status DeskRecords::close(const Session& session, const QString& caseId, const QString& reason)
{
    if (auto t = checkText(reason); !t)
        return t;
    return appendCaseEvent(session, caseId, CaseEventKind::Closed, {{QStringLiteral("reason"), reason}}, {},
                           {});
}

Status DeskRecords::reopen(const Session& session, const QString& caseId, const QString& reason)
{
    if (reason.trimmed().isEmpty())
        return makeError(QStringLiteral("records.no-reason"), Tr::tr("Reopening a case needs its reason."));
    if (auto t = checkText(reason); !t)
        return t;
    return appendCaseEvent(session, caseId, CaseEventKind::Reopened, {{QStringLiteral("reason"), reason}}, {},
                           {});
}

Result<DeskRecords::CaseView> DeskRecords::caseView(const QString& caseId, bool withAttachmentData)
{
    auto record = m_store.caseRecord(caseId);
    if (!record)
        return record.error();
    if (!record->has_value())
        return notFound(caseId);
    auto events = m_store.events(caseId, withAttachmentData);
    if (!events)
        return events.error();
    auto facts = CaseLife::replay(*events);
    if (!facts)
        return facts.error();
    return CaseView{**record, *facts, *events};
}

} // namespace kp
