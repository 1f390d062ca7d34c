#include "cases/CaseWords.h"

#include <QCoreApplication>

namespace kp::CaseWords {

namespace {

// tr() with the context lupdate extracts.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::CaseWords)
};

} // namespace

QString state(CaseState state)
{
    switch (state) {
    case CaseState::Open:
        return Tr::tr("Open");
    case CaseState::InReview:
        return Tr::tr("In review");
    case CaseState::Decided:
        return Tr::tr("Decided");
    case CaseState::Escalated:
        return Tr::tr("Escalated");
    case CaseState::Conflict:
        return Tr::tr("Conflict: two decisions");
    case CaseState::Closed:
        break;
    }
    return Tr::tr("Closed");
}

QString outcome(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Released:
        return Tr::tr("Released");
    case Outcome::Detained:
        return Tr::tr("Detained");
    case Outcome::Seized:
        return Tr::tr("Seized");
    case Outcome::Refused:
        break;
    }
    return Tr::tr("Refused");
}

QString event(CaseEventKind kind)
{
    switch (kind) {
    case CaseEventKind::Flagged:
        return Tr::tr("Flagged");
    case CaseEventKind::Note:
        return Tr::tr("Note");
    case CaseEventKind::Evidence:
        return Tr::tr("Evidence");
    case CaseEventKind::Review:
        return Tr::tr("Taken for review");
    case CaseEventKind::Decision:
        return Tr::tr("Decision");
    case CaseEventKind::Escalated:
        return Tr::tr("Escalated");
    case CaseEventKind::Reply:
        return Tr::tr("Reply");
    case CaseEventKind::Closed:
        return Tr::tr("Closed");
    case CaseEventKind::Reopened:
        break;
    }
    return Tr::tr("Reopened");
}

} // namespace kp::CaseWords
