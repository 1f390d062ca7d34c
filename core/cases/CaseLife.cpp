#include "cases/CaseLife.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <array>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::CaseLife)
};

template <typename E, size_t N>
std::optional<E> fromName(const QString& name, const std::array<E, N>& values, QString (*toName)(E))
{
    for (E v : values)
        if (toName(v) == name)
            return v;
    return std::nullopt;
}

constexpr std::array<CaseState, 6> States{CaseState::Open,      CaseState::InReview, CaseState::Decided,
                                          CaseState::Escalated, CaseState::Closed,   CaseState::Conflict};
constexpr std::array<CaseEventKind, 9> Kinds{
    CaseEventKind::Flagged, CaseEventKind::Note,     CaseEventKind::Evidence,
    CaseEventKind::Review,  CaseEventKind::Decision, CaseEventKind::Escalated,
    CaseEventKind::Reply,   CaseEventKind::Closed,   CaseEventKind::Reopened};
constexpr std::array<Outcome, 4> Outcomes{Outcome::Released, Outcome::Detained, Outcome::Seized,
                                          Outcome::Refused};

} // namespace

QString caseStateName(CaseState state)
{
    switch (state) {
    case CaseState::Open:
        return QStringLiteral("open");
    case CaseState::InReview:
        return QStringLiteral("in_review");
    case CaseState::Decided:
        return QStringLiteral("decided");
    case CaseState::Escalated:
        return QStringLiteral("escalated");
    case CaseState::Conflict:
        return QStringLiteral("conflict");
    case CaseState::Closed:
        break;
    }
    return QStringLiteral("closed");
}

std::optional<CaseState> caseStateFromName(const QString& name)
{
    return fromName(name, States, caseStateName);
}

QList<CaseState> allCaseStates()
{
    return QList<CaseState>(States.begin(), States.end());
}

QString caseEventKindName(CaseEventKind kind)
{
    switch (kind) {
    case CaseEventKind::Flagged:
        return QStringLiteral("flagged");
    case CaseEventKind::Note:
        return QStringLiteral("note");
    case CaseEventKind::Evidence:
        return QStringLiteral("evidence");
    case CaseEventKind::Review:
        return QStringLiteral("review");
    case CaseEventKind::Decision:
        return QStringLiteral("decision");
    case CaseEventKind::Escalated:
        return QStringLiteral("escalated");
    case CaseEventKind::Reply:
        return QStringLiteral("reply");
    case CaseEventKind::Closed:
        return QStringLiteral("closed");
    case CaseEventKind::Reopened:
        break;
    }
    return QStringLiteral("reopened");
}

std::optional<CaseEventKind> caseEventKindFromName(const QString& name)
{
    return fromName(name, Kinds, caseEventKindName);
}

QString outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Released:
        return QStringLiteral("released");
    case Outcome::Detained:
        return QStringLiteral("detained");
    case Outcome::Seized:
        return QStringLiteral("seized");
    case Outcome::Refused:
        break;
    }
    return QStringLiteral("refused");
}

std::optional<Outcome> outcomeFromName(const QString& name)
{
    return fromName(name, Outcomes, outcomeName);
}

QString decisionBasisName(DecisionBasis basis)
{
    return basis == DecisionBasis::FourEyes ? QStringLiteral("independent")
                                            : QStringLiteral("one_person_post");
}

Action CaseLife::actionFor(CaseEventKind kind)
{
    switch (kind) {
    case CaseEventKind::Flagged:
        return Action::Flag;
    case CaseEventKind::Note:
        return Action::AddNote;
    case CaseEventKind::Evidence:
        return Action::AddEvidence;
    case CaseEventKind::Review:
        return Action::TakeCase;
    case CaseEventKind::Decision:
        return Action::Decide;
    case CaseEventKind::Escalated:
        return Action::Escalate;
    case CaseEventKind::Reply:
        return Action::RecordReply;
    case CaseEventKind::Closed:
        return Action::Close;
    case CaseEventKind::Reopened:
        break;
    }
    return Action::Reopen;
}

Status CaseLife::allowed(std::optional<CaseState> state, CaseEventKind kind)
{
    bool ok = false;
    if (!state) {
        ok = kind == CaseEventKind::Flagged;
    } else {
        switch (kind) {
        case CaseEventKind::Flagged:
            ok = false; // a case is flagged once; a new doubt opens a new case
            break;
        case CaseEventKind::Note:
        case CaseEventKind::Evidence:
            ok = true; // anyone signed in, at any time: even a closed case can be annotated
            break;
        case CaseEventKind::Review: // take, or take over; or take a conflict to settle it
            ok = *state == CaseState::Open || *state == CaseState::InReview || *state == CaseState::Conflict;
            break;
        case CaseEventKind::Decision:
            // In a conflict, a new decision settles it.
            ok = *state == CaseState::InReview || *state == CaseState::Conflict;
            break;
        case CaseEventKind::Escalated:
            ok = *state == CaseState::Decided || *state == CaseState::Escalated;
            break;
        case CaseEventKind::Reply:
            ok = *state == CaseState::Escalated;
            break;
        case CaseEventKind::Closed:
            ok = *state == CaseState::Decided || *state == CaseState::Escalated;
            break;
        case CaseEventKind::Reopened:
            ok = *state == CaseState::Closed;
            break;
        }
    }
    if (ok)
        return success();
    if (!state)
        return makeError(QStringLiteral("cases.transition"),
                         Tr::tr("A case starts with a flag, not with '%1'.").arg(caseEventKindName(kind)));
    return makeError(
        QStringLiteral("cases.transition"),
        Tr::tr("A case that is '%1' cannot take '%2'.").arg(caseStateName(*state), caseEventKindName(kind)));
}

CaseState CaseLife::after(CaseState state, CaseEventKind kind)
{
    switch (kind) {
    case CaseEventKind::Flagged:
        return CaseState::Open;
    case CaseEventKind::Review:
    case CaseEventKind::Reopened:
        return CaseState::InReview;
    case CaseEventKind::Decision:
        return CaseState::Decided;
    case CaseEventKind::Escalated:
        return CaseState::Escalated;
    case CaseEventKind::Closed:
        return CaseState::Closed;
    case CaseEventKind::Note:
    case CaseEventKind::Evidence:
    case CaseEventKind::Reply:
        break;
    }
    return state;
}

Result<CaseFacts> CaseLife::replay(const QList<CaseEvent>& events)
{
    return resume(CaseFacts{}, false, events);
}

Result<CaseFacts> CaseLife::resume(CaseFacts facts, bool started, const QList<CaseEvent>& events)
{
    std::optional<CaseState> state;
    if (started)
        state = facts.state;
    for (const CaseEvent& e : events) {
        if (auto s = allowed(state, e.kind); !s) {
            if (e.origin.isEmpty() || !state)
                return s.error();
            // Made at another desk at once with this one's events.
            facts.updatedAt = e.at;
            if (e.kind != CaseEventKind::Decision)
                continue;
            if (*state != CaseState::Conflict && facts.outcome)
                facts.conflictingOutcomes = {*facts.outcome};
            if (auto o = outcomeFromName(e.data.value(QStringLiteral("outcome")).toString()))
                facts.conflictingOutcomes << *o;
            state = CaseState::Conflict;
            facts.outcome.reset();
            facts.held = true; // held until one decision settles it
            continue;
        }
        if (e.kind == CaseEventKind::Decision)
            facts.conflictingOutcomes.clear();
        state = after(state.value_or(CaseState::Open), e.kind);
        facts.updatedAt = e.at;
        switch (e.kind) {
        case CaseEventKind::Flagged:
            facts.flaggedBy = e.actor;
            facts.openedAt = e.at;
            facts.held = e.data.value(QStringLiteral("held")).toBool();
            for (const QJsonValue v : e.data.value(QStringLiteral("reasons")).toArray())
                facts.reasons << v.toString();
            break;
        case CaseEventKind::Review:
            facts.reviewer = e.actor;
            break;
        case CaseEventKind::Decision:
            facts.outcome = outcomeFromName(e.data.value(QStringLiteral("outcome")).toString());
            // A shipment stays held unless the decision releases it.
            facts.held = facts.outcome != Outcome::Released;
            break;
        case CaseEventKind::Reopened:
            facts.outcome.reset();
            break;
        default:
            break;
        }
    }
    if (state)
        facts.state = *state;
    return facts;
}

Status CaseLife::checkAttachment(const QString& name, qint64 size)
{
    if (size <= MaxAttachmentBytes)
        return success();
    return makeError(QStringLiteral("cases.attachment-too-large"),
                     Tr::tr("%1 is too large to attach (%2 MiB); the limit is %3 MiB per file.")
                         .arg(name)
                         .arg((size + 1024 * 1024 - 1) / (1024 * 1024))
                         .arg(MaxAttachmentBytes / (1024 * 1024)));
}

} // namespace kp
