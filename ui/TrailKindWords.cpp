#include "TrailKindWords.h"

#include <QCoreApplication>
#include <QHash>

namespace kp::ui {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::ui::TrailKinds)
};

} // namespace

QString trailKindTitle(const QString& kind)
{
    // Built on each call: the words follow a change of language.
    const QHash<QString, QString> titles{
        {QStringLiteral("signin"), Tr::tr("Signed in")},
        {QStringLiteral("signin_failed"), Tr::tr("Sign-in failed")},
        {QStringLiteral("signout"), Tr::tr("Signed out")},
        {QStringLiteral("lock"), Tr::tr("Desk locked")},
        {QStringLiteral("account_added"), Tr::tr("Account added")},
        {QStringLiteral("account_disabled"), Tr::tr("Account disabled")},
        {QStringLiteral("account_enabled"), Tr::tr("Account enabled")},
        {QStringLiteral("role_changed"), Tr::tr("Role changed")},
        {QStringLiteral("password_changed"), Tr::tr("Password changed")},
        {QStringLiteral("settings_changed"), Tr::tr("Settings changed")},
        {QStringLiteral("verification"), Tr::tr("Verification")},
        {QStringLiteral("physical_check"), Tr::tr("Physical check")},
        {QStringLiteral("inspection_corrected"), Tr::tr("Inspection corrected")},
        {QStringLiteral("release"), Tr::tr("Release")},
        {QStringLiteral("release_refused"), Tr::tr("Release refused")},
        {QStringLiteral("flagged"), Tr::tr("Flagged")},
        {QStringLiteral("note"), Tr::tr("Note")},
        {QStringLiteral("evidence"), Tr::tr("Evidence")},
        {QStringLiteral("review"), Tr::tr("Review")},
        {QStringLiteral("decision"), Tr::tr("Decision")},
        {QStringLiteral("escalated"), Tr::tr("Escalated")},
        {QStringLiteral("reply"), Tr::tr("Reply")},
        {QStringLiteral("closed"), Tr::tr("Case closed")},
        {QStringLiteral("reopened"), Tr::tr("Case reopened")},
        {QStringLiteral("desk_enrolled"), Tr::tr("Desk enrolled")},
        {QStringLiteral("desk_certificate_installed"), Tr::tr("Desk certificate installed")},
        {QStringLiteral("sync_applied"), Tr::tr("Sync applied")},
        {QStringLiteral("sync_refused"), Tr::tr("Sync refused")},
        {QStringLiteral("message_made"), Tr::tr("Message made")},
        {QStringLiteral("message_delivered"), Tr::tr("Message delivered")},
        {QStringLiteral("message_handed_over"), Tr::tr("Message handed over")},
        {QStringLiteral("office_set"), Tr::tr("Office set")},
        {QStringLiteral("office_set_aside"), Tr::tr("Office records set aside")},
        {QStringLiteral("office_conflict"), Tr::tr("Office conflict")},
        {QStringLiteral("sources_set"), Tr::tr("Sync sources set")},
    };
    return titles.value(kind, kind);
}

} // namespace kp::ui
