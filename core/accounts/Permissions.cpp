#include "accounts/Permissions.h"

#include <QCoreApplication>

#include <array>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::Permissions)
};

struct ActionInfo
{
    Action action;
    const char* name;
};

constexpr std::array<ActionInfo, 14> kActions{{
    {Action::Verify, "verify"},
    {Action::RecordPhysicalCheck, "record_physical_check"},
    {Action::Flag, "flag"},
    {Action::AddNote, "add_note"},
    {Action::AddEvidence, "add_evidence"},
    {Action::ReleaseAccepted, "release_accepted"},
    {Action::TakeCase, "take_case"},
    {Action::Decide, "decide"},
    {Action::Escalate, "escalate"},
    {Action::RecordReply, "record_reply"},
    {Action::Close, "close"},
    {Action::Reopen, "reopen"},
    {Action::ManageAccounts, "manage_accounts"},
    {Action::ChangeSettings, "change_settings"},
}};

// Four eyes (kp-cases.md): who flagged a case is not its second pair of
// eyes, unless the post is one person's (the record then says so).
Result<DecisionBasis> fourEyes(const QString& actorName, const QString& flaggedBy, bool onePersonPost,
                               const QString& refusal)
{
    if (flaggedBy.trimmed().isEmpty())
        return makeError(
            QStringLiteral("accounts.no-flagger"),
            Tr::tr("Who flagged this case is not known, so the four-eyes rule cannot be checked."));
    if (actorName.trimmed().compare(flaggedBy.trimmed(), Qt::CaseInsensitive) != 0)
        return DecisionBasis::FourEyes;
    if (onePersonPost)
        return DecisionBasis::OnePersonPost;
    return makeError(QStringLiteral("accounts.four-eyes"), refusal);
}

bool officerMay(Action action)
{
    switch (action) {
    case Action::Verify:
    case Action::RecordPhysicalCheck:
    case Action::Flag:
    case Action::AddNote:
    case Action::AddEvidence:
    case Action::ReleaseAccepted:
        return true;
    default:
        return false;
    }
}

QString actionText(Action action)
{
    switch (action) {
    case Action::Verify:
        return Tr::tr("verify");
    case Action::RecordPhysicalCheck:
        return Tr::tr("record the physical check");
    case Action::Flag:
        return Tr::tr("flag reasonable doubt");
    case Action::AddNote:
        return Tr::tr("add a note");
    case Action::AddEvidence:
        return Tr::tr("add evidence");
    case Action::ReleaseAccepted:
        return Tr::tr("release a shipment");
    case Action::TakeCase:
        return Tr::tr("take a case for review");
    case Action::Decide:
        return Tr::tr("decide a case");
    case Action::Escalate:
        return Tr::tr("escalate a case");
    case Action::RecordReply:
        return Tr::tr("record an authority's reply");
    case Action::Close:
        return Tr::tr("close a case");
    case Action::Reopen:
        return Tr::tr("reopen a case");
    case Action::ManageAccounts:
        return Tr::tr("manage accounts");
    case Action::ChangeSettings:
        return Tr::tr("change the desk's settings");
    }
    return {};
}

} // namespace

QString actionName(Action action)
{
    for (const ActionInfo& info : kActions) {
        if (info.action == action)
            return QString::fromLatin1(info.name);
    }
    return {};
}

Result<Action> parseAction(const QString& name)
{
    for (const ActionInfo& info : kActions) {
        if (name == QLatin1String(info.name))
            return info.action;
    }
    return makeError(QStringLiteral("accounts.unknown-action"),
                     Tr::tr("Unknown action \u201c%1\u201d.").arg(name));
}

bool Permissions::may(Role role, Action action)
{
    switch (role) {
    case Role::Officer:
        return officerMay(action);
    case Role::Supervisor:
        switch (action) {
        case Action::TakeCase:
        case Action::Decide:
        case Action::Escalate:
        case Action::RecordReply:
        case Action::Close:
        case Action::Reopen:
            return true;
        default:
            return officerMay(action);
        }
    case Role::Administrator:
        switch (action) {
        case Action::ManageAccounts:
        case Action::ChangeSettings:
        case Action::AddNote:
        case Action::AddEvidence:
            return true;
        default:
            return false;
        }
    }
    return false;
}

Status Permissions::check(Role role, Action action)
{
    if (may(role, action))
        return success();
    return makeError(QStringLiteral("accounts.not-permitted"),
                     Tr::tr("The role %1 may not %2.").arg(roleTitle(role), actionText(action)));
}

Result<DecisionBasis> Permissions::mayDecide(Role role, const QString& actorName, const QString& flaggedBy,
                                             bool onePersonPost)
{
    if (Status s = check(role, Action::Decide); !s)
        return s.error();
    return fourEyes(actorName, flaggedBy, onePersonPost,
                    Tr::tr("%1 flagged this case and may not decide it: another supervisor must (four eyes).")
                        .arg(actorName));
}

Result<DecisionBasis> Permissions::mayTake(Role role, const QString& actorName, const QString& flaggedBy,
                                           bool onePersonPost)
{
    if (Status s = check(role, Action::TakeCase); !s)
        return s.error();
    return fourEyes(
        actorName, flaggedBy, onePersonPost,
        Tr::tr("%1 flagged this case and may not take it for review: another supervisor must (four eyes).")
            .arg(actorName));
}

} // namespace kp
